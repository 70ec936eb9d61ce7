"""The kinds of official documents (văn bản) that flow down the planning process.

A kind IS the output code the process templates (cycles/templates_data/*.yaml) give the
document, so issuing one completes the issuer's tasks that produce it. Each kind says
which bodies issue it ("level:agency kind", the templates' notation) and to whom it goes
by default: agencies of some kinds on the issuer's own level and the levels below, in the
issuer's subtree (and in its sector line for a sector document). The issuer may change the
recipients when issuing; tests check this table against the templates.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from sedp.territory.models import AgencyKind as K

# Who plans and carries out below a province / district / commune.
PROVINCE_BODIES = [K.PLANNING_DEPARTMENT, K.FINANCE_DEPARTMENT, K.SECTOR_DEPARTMENT,
                   K.STATISTICS_OFFICE]  # fmt: skip
DISTRICT_BODIES = [K.PEOPLES_COMMITTEE, K.FINANCE_PLANNING_OFFICE, K.DISTRICT_SECTOR_OFFICE,
                   K.PUBLIC_SERVICE_UNIT, K.STATISTICS_OFFICE]  # fmt: skip
COMMUNE_BODIES = [K.PEOPLES_COMMITTEE, K.COMMUNE_PLANNING_GROUP, K.COMMUNE_SPECIALIST]
COMMUNE_PARTIES = [
    K.COMMUNE_PLANNING_GROUP,
    K.COMMUNE_SPECIALIST,
    K.MASS_ORGANISATION,
    K.SCHOOL,
    K.HEALTH_STATION,
    K.ENTERPRISE,
    K.COOPERATIVE,
    K.PROJECT_BOARD,
    K.PUBLIC_SERVICE_UNIT,
    K.VILLAGE_WORKING_GROUP,
]
SECTOR_LINE = [K.SECTOR_DEPARTMENT, K.DISTRICT_SECTOR_OFFICE, K.PUBLIC_SERVICE_UNIT,
               K.COMMUNE_SPECIALIST]  # fmt: skip


@dataclass(frozen=True)
class DocumentKind:
    code: str
    label: object
    issuers: frozenset  # {"level:agency kind"}
    recipient_kinds: list = field(default_factory=list)
    # How many levels below the issuer's the default recipients reach (0 = own level only).
    levels_below: int = 1
    sector_line: bool = False


def _k(code, label, issuers, recipients, levels_below=1, sector_line=False):
    return DocumentKind(
        code, label, frozenset(issuers), list(recipients), levels_below, sector_line
    )


PROVINCE_LEAD = ["tinh:ubnd", "tinh:so_khdt", "tinh:so_tc"]
TO_PROVINCE_AND_DISTRICTS = PROVINCE_BODIES + DISTRICT_BODIES + COMMUNE_BODIES

KINDS = [
    _k("tinh.launch_letter", _("Provincial letter launching the planning"), PROVINCE_LEAD,
       TO_PROVINCE_AND_DISTRICTS),
    _k("tinh.preliminary_assessment", _("Preliminary assessment of the first six months"),
       PROVINCE_LEAD, TO_PROVINCE_AND_DISTRICTS),
    _k("tinh.directive", _("Directive of the provincial People's Committee"), PROVINCE_LEAD,
       TO_PROVINCE_AND_DISTRICTS),
    _k("tinh.supplementary_guidance", _("Supplementary provincial planning guidance"),
       PROVINCE_LEAD, TO_PROVINCE_AND_DISTRICTS),
    _k("tinh.district_orientation", _("Orientation and financial resources for the districts"),
       ["tinh:so_khdt", "tinh:so_tc"], DISTRICT_BODIES),
    _k("tinh.commune_guidance", _("Detailed commune planning guidance of the Department of "
       "Finance"), ["tinh:so_tc"], COMMUNE_BODIES),
    _k("tinh.update_request", _("Provincial request to update the plan frameworks"),
       ["tinh:ubnd"], TO_PROVINCE_AND_DISTRICTS),
    _k("tinh.resolution", _("Resolution of the provincial People's Council"), ["tinh:hdnd"],
       TO_PROVINCE_AND_DISTRICTS),
    _k("tinh.official_targets", _("Official plan targets assigned by the province"),
       ["tinh:hdnd", "tinh:ubnd"], TO_PROVINCE_AND_DISTRICTS),
    _k("tinh.plan_published", _("Publication of the provincial plan"), ["tinh:ubnd"],
       TO_PROVINCE_AND_DISTRICTS),
    _k("sector.orientation_framework", _("Sector orientation framework"), ["tinh:so_nganh"],
       SECTOR_LINE, levels_below=2, sector_line=True),
    _k("sector.supplementary_guidance", _("Supplementary sector planning guidance"),
       ["tinh:so_nganh"], SECTOR_LINE, levels_below=2, sector_line=True),
    _k("huyen.letter1", _("District letter 1 on preparing the plan"), ["huyen:ubnd"],
       DISTRICT_BODIES + COMMUNE_BODIES),
    _k("huyen.letter2", _("District letter 2 launching the planning"),
       ["huyen:ubnd", "huyen:phong_tckh"], DISTRICT_BODIES + COMMUNE_BODIES),
    _k("huyen.detailed_guidance", _("Detailed planning guidance of the finance-planning office"),
       ["huyen:ubnd", "huyen:phong_tckh"], DISTRICT_BODIES + COMMUNE_BODIES),
    _k("huyen.supplementary_guidance", _("Supplementary district planning guidance"),
       ["huyen:phong_tckh"], DISTRICT_BODIES + COMMUNE_BODIES),
    _k("huyen.update_request", _("District request to update the plan frameworks"),
       ["huyen:ubnd"], DISTRICT_BODIES + COMMUNE_BODIES),
    _k("huyen.resolution", _("Resolution of the district People's Council"), ["huyen:hdnd"],
       DISTRICT_BODIES + COMMUNE_BODIES),
    _k("huyen.official_targets", _("Official plan targets assigned by the district"),
       ["huyen:hdnd", "huyen:ubnd"], DISTRICT_BODIES + COMMUNE_BODIES),
    _k("huyen.plan_published", _("Publication of the district plan"), ["huyen:ubnd"],
       DISTRICT_BODIES + COMMUNE_BODIES),
    _k("xa.launch_letter", _("Commune directive launching the planning"), ["xa:ubnd"],
       COMMUNE_PARTIES),
    _k("xa.group_decision", _("Decision setting up the commune planning group"), ["xa:ubnd"],
       COMMUNE_PARTIES),
    _k("xa.consultation_response", _("Commune answer to the citizens' comments"), ["xa:ubnd"],
       COMMUNE_PARTIES),
    _k("xa.resolution", _("Resolution of the commune People's Council"), ["xa:hdnd"],
       [K.PEOPLES_COMMITTEE] + COMMUNE_PARTIES),
    _k("xa.official_targets", _("Targets and tasks assigned by the commune to its villages"),
       ["xa:hdnd", "xa:ubnd"], COMMUNE_PARTIES),
]  # fmt: skip

BY_CODE = {kind.code: kind for kind in KINDS}
CHOICES = [(kind.code, kind.label) for kind in KINDS]


def kinds_issued_by(agency) -> list[DocumentKind]:
    """The kinds an agency may issue, from its level and kind."""
    key = f"{agency.unit.level.code}:{agency.kind}"
    return [kind for kind in KINDS if key in kind.issuers]
