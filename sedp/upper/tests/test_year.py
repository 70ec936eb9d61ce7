"""One full year on the test tree, every step of the three levels in order, through services."""

from collections import Counter

import pytest

from sedp.activities.models import Activity
from sedp.activities.services import activity_create
from sedp.cycles.loading import load_all_templates
from sedp.cycles.models import ProcessTemplate, Task, TaskStatus
from sedp.cycles.services import cycle_open
from sedp.plans.models import PlanKind, PlanStatus
from sedp.plans.services import plan_accept, plan_create, plan_submit
from sedp.plans.tests.helpers import YEAR, activity_data
from sedp.upper import selectors
from sedp.upper.models import DispatchPurpose, DispatchStatus
from sedp.upper.tests import world


@pytest.fixture
def year(tree):
    t = world.extend(tree)
    p = world.people(t)
    load_all_templates()
    template = ProcessTemplate.objects.get(code="laocai-1131-3cap")
    t.cycle, _new = cycle_open(
        user=t.admin, template=template, structure=t.structure, report_year=YEAR
    )
    t.village_activities = world.communes_year(t, p)
    own = activity_data(
        t.agri,
        title="Mô hình chè hữu cơ toàn huyện",
        cost_estimate=900_000_000,
        fund_target_programmes=0,
        people_cash=0,
        people_labour=0,
    )
    t.district1_plan, t.conference2 = world.district_year(
        t,
        p,
        t.tckh1,
        p.tckh1,
        [
            (
                t.pnn1,
                p.pnn1,
                own,
                {"subject": "Quy mô đường nội đồng xã Một A", "parties": [t.group1]},
            ),
            (t.pgd1, p.pgd1, None, None),
        ],
    )
    t.district2_plan, _conf = world.district_year(
        t, p, t.tckh2, p.tckh2, [(t.pnn2, p.pnn2, None, None)]
    )
    for plan in [t.district1_plan, t.district2_plan]:
        plan_accept(user=p.skhdt, plan=plan)
    # A Sở's own unit plans to its planning division, which appraises them.
    unit_plan = plan_create(
        user=p.agri_centre, agency=t.agri_centre, kind=PlanKind.AGENCY_INPUT, report_year=YEAR
    )
    activity_create(
        user=p.agri_centre,
        plan=unit_plan,
        **activity_data(
            t.extension,
            title="Tập huấn khuyến nông cấp tỉnh",
            cost_estimate=300_000_000,
            fund_target_programmes=0,
            people_cash=0,
            people_labour=0,
        ),
    )
    plan_accept(user=p.snn, plan=plan_submit(user=p.agri_centre, plan=unit_plan))
    t.unit_plan = unit_plan
    t.agri_plan = world.province_sector_year(p.snn, t.snn, p.skhdt)
    t.education_plan = world.province_sector_year(p.sgd, t.sgd, p.skhdt)
    t.province_plan = world.province_year(t, p, t.skhdt, p.skhdt, p.ubnd_province)
    t.p = p
    return t


def test_the_provincial_draft_holds_every_accepted_activity_once_with_its_origins(year):
    t = year
    leaves = Counter(leaf for _line, leaf in selectors.leaf_pairs(plan=t.province_plan))
    village_ids = {a.pk for a in t.village_activities}
    assert village_ids <= set(leaves)
    assert all(leaves[pk] == 1 for pk in leaves), "a leaf reached the province twice"
    # Besides the villages: the district office's own activity and the Sở's unit plan.
    others = Activity.objects.filter(pk__in=set(leaves) - village_ids)
    assert sorted(a.plan.kind for a in others) == [
        PlanKind.AGENCY_INPUT,
        PlanKind.DISTRICT_SECTOR_PLAN,
    ]
    # The line's cost is the village's cost: nothing was lost or doubled on the way up.
    total = sum(a.cost_estimate for a in Activity.objects.filter(pk__in=leaves))
    assert sum(t.province_plan.activities.values_list("cost_estimate", flat=True)) == total


def test_sector_totals_equal_territorial_totals(year):
    for plan in [year.province_plan, year.district1_plan, year.district2_plan]:
        totals = selectors.totals_by_sector_and_territory(plan)
        assert totals["sector_total"] == totals["territory_total"] > 0
        assert len(totals["by_sector"]) == 4


def test_the_district_offices_disagreement_is_carried_to_conference_2_and_settled(year):
    t = year
    [disagreement] = selectors.register_visible_to(user=t.p.tckh1, plan=t.district1_plan)
    assert disagreement.plan.kind == PlanKind.DISTRICT_SECTOR_PLAN
    assert disagreement.settled and disagreement.meeting == t.conference2
    assert "1 km" in disagreement.outcome and disagreement.arguments
    assert {a.pk for a in disagreement.parties.all()} == {t.pnn1.pk, t.group1.pk}
    # Draft 1 of the district plan carried it open; draft 2 carries it settled.
    drafts = {
        v.snapshot["draft"]: v.snapshot
        for v in t.district1_plan.versions.exclude(snapshot__draft=None)
    }
    assert drafts["draft1"]["disagreements"][0]["settled"] is False
    assert drafts["draft2"]["disagreements"][0]["settled"] is True


def test_every_step_completed_its_task(year):
    t = year
    codes = {
        t.tckh1: ["huyen.commune_sector_summary", "huyen.plan_draft1", "huyen.plan_draft2"],
        t.pnn1: [
            "huyen.sector_plan_outline",
            "huyen.sector_plan_draft1",
            "huyen.sector_plan_framework",
        ],
        t.ubnd1: ["huyen.conference2", "huyen.plan_draft2"],
        t.snn: ["tinh.sector_plan_draft", "tinh.sector_conference", "tinh.sector_plan_signed"],
        t.skhdt: ["tinh.plan_preliminary", "tinh.plan_conference", "tinh.plan_draft"],
        t.ubnd_province: ["tinh.plan_conference", "tinh.plan_draft"],
        t.agri_centre: ["sector.unit_plan"],
    }
    for agency, outputs in codes.items():
        for code in outputs:
            tasks = Task.objects.filter(
                cycle=t.cycle,
                agency=agency,
                activity__ios__is_output=True,
                activity__ios__code=code,
            )
            assert tasks.exists(), (agency, code)
            assert not tasks.filter(status=TaskStatus.OPEN).exists(), (agency, code)


def test_sending_is_recorded_with_its_deadline(year):
    t = year
    assert t.province_plan.dispatches.get(purpose=DispatchPurpose.MINISTRY)
    assert t.agri_plan.dispatches.get(purpose=DispatchPurpose.MINISTRY)
    framework = t.district1_plan.unit.plans.get(kind=PlanKind.DISTRICT_SECTOR_PLAN, agency=t.pnn1)
    assert framework.dispatches.get(purpose=DispatchPurpose.SECTOR_LINE).status == (
        DispatchStatus.ACCEPTED
    )
    assert framework.dispatches.filter(purpose=DispatchPurpose.FEEDBACK, recipient=t.extension1)
    assert selectors.deadline_for(t.district1_plan, "huyen.plan_draft2").strftime("%d/%m") == (
        "08/07"
    )
    assert selectors.deadline_for(t.province_plan, "tinh.plan_draft").strftime("%d/%m") == "20/07"
    assert t.province_plan.status == PlanStatus.ACCEPTED
