"""The narrative outline of each plan kind, transcribed from the seed (NỘI DUNG BẢN KẾ HOẠCH…).

A plan gets one PlanSection per entry when it is created. Titles are gettext msgids so
the outline reads in the user's language; the code is the stable key.
"""

from django.utils.translation import gettext_lazy as _

from sedp.plans.models import PlanKind

# Village proposal and agency input: the seed's commune step 2 asks both for the
# assessment of year X (results, problems, causes) and the solutions.
INPUT_OUTLINE = [
    ("results", _("Results of year X")),
    ("problems", _("Problems and difficulties to solve")),
    ("causes", _("Causes")),
    ("solutions", _("Solutions")),
]

# The commune plan: PHẦN I and PHẦN II of the seed's commune outline.
COMMUNE_OUTLINE = [
    ("p1.1.advantages", _("Part I.1.1 Main advantages in carrying out the plan of year X")),
    ("p1.1.difficulties", _("Part I.1.2 Main difficulties in carrying out the plan of year X")),
    ("p1.2.targets", _("Part I.2.1 Achievement of the guiding plan targets")),
    ("p1.2.economy", _("Part I.2.2.1 Economy")),
    ("p1.2.culture_society", _("Part I.2.2.2 Culture and society")),
    ("p1.2.governance", _("Part I.2.2.3 Government and mass organisations")),
    ("p1.2.budget", _("Part I.2.2.4 Finance and budget")),
    ("p1.3.overview", _("Part I.3 Overall assessment of the commune's development")),
    ("p2.1.advantages", _("Part II.1.1 Advantages in year X+1")),
    ("p2.1.difficulties", _("Part II.1.2 Difficulties in year X+1")),
    ("p2.1.outlook", _("Part II.1.3 General outlook for year X+1")),
    ("p2.2.resources", _("Part II.2 Forecast of financial resources in year X+1")),
    ("p2.3.targets", _("Part II.3.1 Guiding plan targets")),
    ("p2.3.economy", _("Part II.3.2.1 Economy: objectives, targets, solutions")),
    (
        "p2.3.culture_society",
        _("Part II.3.2.2 Culture and society: objectives, targets, solutions"),
    ),
    ("p2.3.governance", _("Part II.3.2.3 Government and mass organisations")),
    ("p2.3.budget", _("Part II.3.2.4 Finance and budget")),
    ("p2.4.balance", _("Part II.4 Balance of resources")),
    ("p2.5.responsibilities", _("Part II.5.1 Responsibilities for implementation")),
    ("p2.5.monitoring", _("Part II.5.2 Monitoring and evaluation")),
    ("p2.5.assumptions", _("Part II.5.3.1 Assumptions made in planning")),
    ("p2.5.recommendations", _("Part II.5.3.2 Recommendations to the district and province")),
]

# The district plan (seed, NỘI DUNG BẢN KẾ HOẠCH of the district); district sector plans
# follow it too. Transcribed from the seed for the documents app (issue E).
DISTRICT_OUTLINE = [
    ("d1.1.results", _("Part I.1.1 Results of the first six months of year X")),
    ("d1.1.difficulties", _("Part I.1.2 Difficulties, weaknesses and their causes")),
    ("d1.2.achievable", _("Part I.2.1 Targets likely to be achieved")),
    ("d1.2.difficult", _("Part I.2.2 Targets hard to achieve")),
    ("d1.2.measures", _("Part I.2.3 Measures for the last months of the year")),
    ("d2.1.national", _("Part II.1.1 National and international factors")),
    ("d2.1.province", _("Part II.1.2 Provincial factors")),
    ("d2.1.district", _("Part II.1.3 Factors within the district")),
    ("d2.2.investment", _("Part II.2.1 Forecast of investment capital")),
    ("d2.2.labour", _("Part II.2.2 Forecast of population and labour")),
    ("d2.2.budget", _("Part II.2.3 Forecast of the local budget")),
    ("d3.tasks", _("Part III.1 Socio-economic development tasks")),
    ("d3.directions", _("Part III.2 Main directions of socio-economic development")),
    ("d3.targets", _("Part III.3 Priority objectives and plan targets")),
]

# The provincial plan (seed, provincial outline); provincial sector plans follow it too.
PROVINCE_OUTLINE = [
    ("v1.1.features", _("Part I.1.1 General features")),
    ("v1.1.conditions", _("Part I.1.2 Main advantages and difficulties in year X")),
    ("v1.2.targets", _("Part I.2.1 Achievement of the guiding targets")),
    ("v1.2.activities", _("Part I.2.2 Achievement by task and activity in year X")),
    ("v1.3.overview", _("Part I.3 Overall assessment of the state of development")),
    ("v2.1.international", _("Part II.1.1 Impact of the international situation")),
    ("v2.1.national", _("Part II.1.2 Impact of the national situation")),
    ("v2.1.regional", _("Part II.1.3 Impact of the regional situation")),
    ("v2.1.opportunities", _("Part II.1.4.1 Main advantages (opportunities) in year X+1")),
    ("v2.1.challenges", _("Part II.1.4.2 Main difficulties (challenges) in year X+1")),
    ("v2.2.structure", _("Part II.2.1 Structure of financial resources")),
    ("v2.2.basis", _("Part II.2.2 Basis of the forecast")),
    ("v2.2.method", _("Part II.2.3 Forecasting method")),
    ("v3.objectives", _("Part III.1 Objectives")),
    ("v3.tasks", _("Part III.2 Tasks")),
    ("v3.targets", _("Part III.3 Guiding targets")),
    ("v3.solutions", _("Part III.4 Solutions")),
    ("v4.1.targets", _("Part IV.1.1 Monitoring and evaluation of the guiding targets")),
    ("v4.1.actions", _("Part IV.1.2 Monitoring and evaluation of the action programme")),
    ("v4.2.responsibilities", _("Part IV.2.1 Responsibilities for implementation")),
    ("v4.2.monitoring", _("Part IV.2.2 Organising monitoring and evaluation")),
    ("v4.2.conditions", _("Part IV.2.3 Conditions and recommendations to the province")),
]

# District step 1: the form "Cung cấp thông tin định hướng phát triển ngành/lĩnh vực" — for
# the whole sector, not only the units the office funds.
ORIENTATION_OUTLINE = [
    ("situation", _("Situation of the sector: first 6 months and estimate of year X")),
    ("problems", _("Problems of the whole sector")),
    ("causes", _("Causes")),
    ("objectives", _("Development objectives of the sector for year X+1")),
    ("proposals", _("Main tasks, solutions and proposals")),
]

# District step 2: the directional plan's three contents (seed: "tập trung vào 3 nội dung").
DISTRICT_ORIENTATION_OUTLINE = [
    ("p1.half_year", _("Part I.1 Assessment of the first 6 months of year X")),
    ("p1.estimate", _("Part I.2 Estimated implementation of year X")),
    ("p2.forecast", _("Part II.1 Forecasts of issues for year X+1")),
    (
        "p2.resources",
        _("Part II.2 Growth, investment, restructuring and poverty reduction that can be expected"),
    ),
    ("p3.objectives", _("Part III Main development objectives for year X+1")),
]

OUTLINES = {
    PlanKind.VILLAGE_PROPOSAL: INPUT_OUTLINE,
    PlanKind.AGENCY_INPUT: INPUT_OUTLINE,
    PlanKind.COMMUNE_PLAN: COMMUNE_OUTLINE,
    PlanKind.DISTRICT_PLAN: DISTRICT_OUTLINE,
    PlanKind.DISTRICT_SECTOR_PLAN: DISTRICT_OUTLINE,
    PlanKind.PROVINCE_PLAN: PROVINCE_OUTLINE,
    PlanKind.PROVINCE_SECTOR_PLAN: PROVINCE_OUTLINE,
    PlanKind.SECTOR_ORIENTATION: ORIENTATION_OUTLINE,
    PlanKind.DISTRICT_ORIENTATION: DISTRICT_ORIENTATION_OUTLINE,
}


def outline_for(kind) -> list:
    return OUTLINES.get(kind, [])
