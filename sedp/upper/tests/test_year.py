"""One full year on the test tree, every step of the three levels in order, through services."""

from collections import Counter

from sedp.activities.models import Activity
from sedp.cycles.models import Task, TaskStatus
from sedp.plans.models import PlanKind, PlanStatus
from sedp.upper import selectors
from sedp.upper.models import DispatchPurpose, DispatchStatus


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
