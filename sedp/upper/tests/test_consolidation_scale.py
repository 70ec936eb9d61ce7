"""A province-wide consolidation runs a fixed number of statements whatever the number of
communes: each plan pulls its lines with one INSERT … SELECT and links their origins with
one more, at every level (communes, district sector plan, district plan, the Sở's sector
plan, the provincial plan). Two sizes of the same tree, one report year each."""

from collections import Counter

from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import _agency, _unit
from sedp.activities.models import Activity
from sedp.plans.consolidation import plan_consolidate
from sedp.plans.models import Plan, PlanKind, PlanStatus
from sedp.territory.models import AgencyKind
from sedp.upper import selectors
from sedp.upper.models import DispatchPurpose, DispatchStatus, PlanDispatch, RoutedPlan

K_VILLAGES = 2


def _villages_of(t, commune, n):
    found = list(commune.children.order_by("pk"))
    for k in range(len(found), n):
        code = f"{commune.code}{k}"
        village = _unit(t.structure, t.levels["thon"], commune, code, f"Thôn {code}", "thon")
        _agency(village, AgencyKind.VILLAGE_WORKING_GROUP, f"Tổ thôn {village.pk}")
        found.append(village)
    return found


def _year_of(t, year, communes):
    """Accepted village proposals (one agriculture and one education line each) in every
    commune, consolidated by each commune and routed by phòng TCKH."""
    village_lines = []
    commune_plans = []
    for commune in communes:
        group = commune.agencies.get(kind=AgencyKind.COMMUNE_PLANNING_GROUP)
        for village in _villages_of(t, commune, K_VILLAGES):
            proposal = Plan.objects.create(
                kind=PlanKind.VILLAGE_PROPOSAL,
                report_year=year,
                unit=village,
                agency=village.agencies.get(kind=AgencyKind.VILLAGE_WORKING_GROUP),
                status=PlanStatus.ACCEPTED,
            )
            for sector in (t.agri, t.education):
                village_lines.append(
                    Activity.objects.create(
                        plan=proposal,
                        title=f"Đề xuất {sector.name}",
                        sector=sector,
                        place=village,
                        cost_estimate=100_000_000,
                    )
                )
        plan = Plan.objects.create(
            kind=PlanKind.COMMUNE_PLAN, report_year=year, unit=commune, agency=group
        )
        commune_plans.append(plan)
    return village_lines, commune_plans


def _consolidate(t, plan):
    with CaptureQueriesContext(connection) as queries:
        plan_consolidate(user=t.admin, plan=plan)
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.ACCEPTED)
    return len(queries)


def _province_wide(t, year, communes):
    """Statements of one plan's consolidation at each level, and the provincial plan."""
    village_lines, commune_plans = _year_of(t, year, communes)
    counts = Counter()
    for plan in commune_plans:
        # The last commune's: the very first consolidation also fills Django's caches.
        counts["commune"] = _consolidate(t, plan)
        RoutedPlan.objects.create(plan=plan, routed_by=t.tckh1)

    def plan_of(kind, agency):
        return Plan.objects.create(kind=kind, report_year=year, unit=agency.unit, agency=agency)

    sector_plan = plan_of(PlanKind.DISTRICT_SECTOR_PLAN, t.pnn1)
    counts["district sector plan"] = _consolidate(t, sector_plan)
    PlanDispatch.objects.create(
        plan=sector_plan,
        purpose=DispatchPurpose.SECTOR_LINE,
        recipient=t.snn,
        recipient_name=t.snn.name,
        status=DispatchStatus.ACCEPTED,
    )
    counts["district plan"] = _consolidate(t, plan_of(PlanKind.DISTRICT_PLAN, t.tckh1))
    counts["provincial sector plan"] = _consolidate(
        t, plan_of(PlanKind.PROVINCE_SECTOR_PLAN, t.snn)
    )
    province = plan_of(PlanKind.PROVINCE_PLAN, t.skhdt)
    counts["provincial plan"] = _consolidate(t, province)
    return counts, village_lines, province


def test_province_wide_consolidation_runs_the_same_statements_for_2_or_6_communes(tree):
    t = tree
    small, small_lines, small_province = _province_wide(t, 2031, [t.commune1, t.commune2])
    more = [
        _unit(t.structure, t.levels["xa"], t.district1, f"0279{k}", f"Xã thêm {k}", "xa")
        for k in range(4)
    ]
    for commune in more:
        _agency(commune, AgencyKind.COMMUNE_PLANNING_GROUP, f"Tổ công tác KH {commune.name}")
    large, large_lines, large_province = _province_wide(t, 2032, [t.commune1, t.commune2, *more])
    assert len(large_lines) == 3 * len(small_lines)
    assert large == small, "a level's statements grew with the number of communes"
    # And the work was done: every village line reached the province once, with its origin.
    for province, lines in [(small_province, small_lines), (large_province, large_lines)]:
        leaves = Counter(leaf for _line, leaf in selectors.leaf_pairs(plan=province))
        assert leaves == Counter(line.pk for line in lines)
        totals = selectors.totals_by_sector_and_territory(province)
        assert totals["sector_total"] == totals["territory_total"] == 100_000_000 * len(lines)
