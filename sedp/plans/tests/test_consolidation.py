"""Step 3: the commune plan pulls accepted proposals into lines that keep their origins."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sedp.activities.models import Activity, ActivityStatus
from sedp.activities.selectors import (
    Outcome,
    proposals_with_outcomes,
    totals_by_sector_group,
    totals_by_source,
)
from sedp.activities.services import activities_merge, activity_set_status
from sedp.plans.consolidation import plan_consolidate
from sedp.plans.models import PlanKind
from sedp.plans.services import plan_accept, plan_create
from sedp.plans.tests.helpers import YEAR, activity_data, proposal
from sedp.territory.models import SectorGroup


@pytest.fixture
def commune(tree):
    return plan_create(
        user=tree.users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )


def _accepted(tree, user, agency, activities, kind=PlanKind.VILLAGE_PROPOSAL):
    plan = proposal(user, agency, activities, kind=kind, submit=True)
    return plan_accept(user=tree.users.xa1, plan=plan)


def test_consolidating_before_any_proposal_is_accepted_adds_nothing(tree, commune):
    proposal(tree.users.thon1, tree.vgroup1, [activity_data(tree.agri)], submit=True)
    assert plan_consolidate(user=tree.users.xa1, plan=commune) == 0
    assert not commune.activities.exists()


def test_consolidation_pulls_only_accepted_content_and_keeps_every_origin(tree, commune):
    road = activity_data(tree.agri, title="Đường nội đồng")
    v1 = _accepted(tree, tree.users.thon1, tree.vgroup1, [road])
    proposal(tree.users.thon2, tree.vgroup2, [road], submit=True)  # submitted, not accepted
    school = _accepted(
        tree,
        tree.users.truong1,
        tree.school1,
        [activity_data(tree.education, title="Phòng học", people_cash=0, people_labour=0)],
        kind=PlanKind.AGENCY_INPUT,
    )
    assert plan_consolidate(user=tree.users.xa1, plan=commune) == 2
    lines = list(commune.activities.prefetch_related("origins"))
    origins = {line.title: [o.plan_id for o in line.origins.all()] for line in lines}
    assert origins == {"Đường nội đồng": [v1.pk], "Phòng học": [school.pk]}
    # Running it again adds nothing new; a newly accepted village adds its line.
    assert plan_consolidate(user=tree.users.xa1, plan=commune) == 0
    v2 = tree.vgroup2.plans.get()
    plan_accept(user=tree.users.xa1, plan=v2)
    assert plan_consolidate(user=tree.users.xa1, plan=commune) == 1


def test_merging_duplicates_keeps_all_origins_and_villages_see_it(tree, commune):
    road = activity_data(tree.agri, title="Đường liên thôn A1 - A2")
    v1 = _accepted(tree, tree.users.thon1, tree.vgroup1, [road])
    v2 = _accepted(tree, tree.users.thon2, tree.vgroup2, [road])
    plan_consolidate(user=tree.users.xa1, plan=commune)
    keep, other = commune.activities.order_by("pk")
    activities_merge(user=tree.users.xa1, keep=keep, others=[other])
    assert commune.activities.count() == 1
    assert set(keep.origins.values_list("plan_id", flat=True)) == {v1.pk, v2.pk}
    for village in (v1, v2):
        [seen] = proposals_with_outcomes(village)
        assert seen.merged and seen.outcome == Outcome.KEPT


def test_villages_see_what_became_of_each_proposal(tree, commune):
    v1 = _accepted(
        tree,
        tree.users.thon1,
        tree.vgroup1,
        [
            activity_data(tree.agri, title="Đường", priority=1),
            activity_data(tree.agri, title="Nhà văn hóa", priority=2),
            activity_data(tree.agri, title="Kênh", priority=3),
        ],
    )
    before = {a.title: a.outcome for a in proposals_with_outcomes(v1)}
    assert set(before.values()) == {Outcome.PENDING}
    plan_consolidate(user=tree.users.xa1, plan=commune)
    lines = {a.title: a for a in commune.activities.all()}
    activity_set_status(
        user=tree.users.xa1,
        activity=lines["Nhà văn hóa"],
        status=ActivityStatus.REMOVED,
        reason="Đã có trong dự án 2025",
    )
    activity_set_status(user=tree.users.xa1, activity=lines["Kênh"], status=ActivityStatus.FUNDED)
    seen = {a.title: (str(a.outcome), a.outcome_reason) for a in proposals_with_outcomes(v1)}
    assert seen == {
        "Đường": ("Được giữ trong kế hoạch xã", ""),
        "Nhà văn hóa": ("Bị loại", "Đã có trong dự án 2025"),
        "Kênh": ("Đã có nguồn vốn", ""),
    }


def test_removing_a_line_needs_a_reason(tree, commune):
    _accepted(tree, tree.users.thon1, tree.vgroup1, [activity_data(tree.agri)])
    plan_consolidate(user=tree.users.xa1, plan=commune)
    line = commune.activities.get()
    with pytest.raises(ValidationError, match="lý do"):
        activity_set_status(
            user=tree.users.xa1, activity=line, status=ActivityStatus.REMOVED, reason=""
        )
    line.refresh_from_db()
    assert line.status == ActivityStatus.PROPOSED


def test_totals_by_sector_group_and_source_are_sql_aggregates(tree, commune):
    _accepted(
        tree,
        tree.users.thon1,
        tree.vgroup1,
        [activity_data(tree.agri), activity_data(tree.extension, title="Tập huấn")],
    )
    _accepted(
        tree,
        tree.users.truong1,
        tree.school1,
        [activity_data(tree.education, people_cash=0, people_labour=0, cost_estimate=900_000_000)],
        kind=PlanKind.AGENCY_INPUT,
    )
    plan_consolidate(user=tree.users.xa1, plan=commune)
    with CaptureQueriesContext(connection) as queries:
        groups = {row["group"]: row for row in totals_by_sector_group(commune)}
        sources = totals_by_source(commune)
    assert len(queries) == 2
    assert groups[SectorGroup.ECONOMY]["count"] == 2
    assert groups[SectorGroup.ECONOMY]["total_cost"] == 1_200_000_000
    assert groups[SectorGroup.CULTURE_SOCIETY]["total_cost"] == 900_000_000
    assert groups[SectorGroup.ENVIRONMENT]["count"] == 0
    assert sources["total_cost"] == 2_100_000_000
    rows = dict(sources["rows"])
    assert rows["Chương trình mục tiêu quốc gia"] == 1_200_000_000
    assert rows["Nhân dân đóng góp: tiền mặt"] == 40_000_000
    assert sources["gap"] == 2_100_000_000 - 1_200_000_000 - 100_000_000


def test_consolidation_costs_the_same_number_of_queries_for_more_villages(tree, commune):
    def run(n_activities):
        plan = _accepted(
            tree,
            tree.users.thon1 if n_activities == 1 else tree.users.thon2,
            tree.vgroup1 if n_activities == 1 else tree.vgroup2,
            [activity_data(tree.agri, title=f"Việc {i}") for i in range(n_activities)],
        )
        with CaptureQueriesContext(connection) as queries:
            plan_consolidate(user=tree.users.xa1, plan=commune)
        return plan, len(queries)

    _plan, small = run(1)
    _plan, large = run(15)
    assert small == large
    assert Activity.objects.filter(plan=commune).count() == 16
