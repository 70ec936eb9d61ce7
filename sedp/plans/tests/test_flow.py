"""The commune flow end to end through the services: five villages and three agencies
propose, one village is returned and resubmits, the commune consolidates (every origin
kept), merges a duplicate, decides statuses, and each village reads what became of its
proposals."""

import datetime

from django.utils import timezone

from sedp.accounts.models import Membership, Role
from sedp.activities.models import Activity, ActivityStatus
from sedp.activities.selectors import Outcome, proposals_with_outcomes, totals_by_sector_group
from sedp.activities.services import activities_merge, activity_set_status, activity_update
from sedp.core.models import Event
from sedp.plans.consolidation import plan_consolidate
from sedp.plans.models import Plan, PlanKind, PlanStatus
from sedp.plans.services import plan_accept, plan_create, plan_return, plan_submit
from sedp.plans.tests.helpers import YEAR, activity_data, proposal
from sedp.territory import services as territory
from sedp.territory.models import AgencyKind, SectorGroup

ROAD = "Đường liên thôn A1 - A2"


def _more_villages(tree, n):
    groups = []
    for i in range(n):
        village = territory.unit_create(
            user=tree.admin,
            structure=tree.structure,
            level=tree.levels["thon"],
            parent=tree.commune1,
            code=f"02701{i + 3:02d}",
            name=f"Thôn A{i + 3}",
            unit_type="thon",
        )
        group = territory.agency_create(
            user=tree.admin,
            unit=village,
            kind=AgencyKind.VILLAGE_WORKING_GROUP,
            name=f"Tổ công tác thôn A{i + 3}",
        )
        groups.append(group)
    return groups


def test_the_whole_commune_flow_keeps_every_origin(tree, django_user_model):
    xa1 = tree.users.xa1
    commune = plan_create(
        user=xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    # Five villages: A1, A2 and three more, each with its own head.
    villages = [(tree.users.thon1, tree.vgroup1), (tree.users.thon2, tree.vgroup2)]
    for group in _more_villages(tree, 3):
        head = django_user_model.objects.create_user(username=f"head{group.pk}")
        Membership.objects.create(user=head, agency=group, role=Role.LEADER)
        villages.append((head, group))
    health = territory.agency_create(
        user=tree.admin, unit=tree.commune1, kind=AgencyKind.HEALTH_STATION, name="Trạm Y tế"
    )
    nurse = django_user_model.objects.create_user(username="nurse")
    Membership.objects.create(user=nurse, agency=health, role=Role.PLANNER)
    coop_head = django_user_model.objects.create_user(username="coop")
    Membership.objects.create(user=coop_head, agency=tree.coop1, role=Role.PLANNER)
    agencies = [(tree.users.truong1, tree.school1), (nurse, health), (coop_head, tree.coop1)]

    plans = []
    for index, (user, group) in enumerate(villages):
        activities = [
            activity_data(tree.agri, title=f"Kênh mương thôn {index}", priority=2),
            activity_data(tree.education, title=f"Lớp học thôn {index}", priority=3),
        ]
        if index < 2:  # A1 and A2 both ask for the road between them
            activities.append(activity_data(tree.agri, title=ROAD, priority=1))
        plans.append(proposal(user, group, activities, submit=True))
    for user, agency in agencies:
        plans.append(
            proposal(
                user,
                agency,
                [activity_data(agency.sector or tree.agri, title=f"Việc của {agency.name}")],
                kind=PlanKind.AGENCY_INPUT,
                submit=True,
            )
        )
    returned, *others = plans
    for plan in others:
        plan_accept(user=xa1, plan=plan)
    plan_return(
        user=xa1,
        plan=returned,
        reason="Ghi rõ số ngày công",
        deadline=timezone.localdate() + datetime.timedelta(days=5),
    )
    # Village A1 reads the reason, corrects and resubmits; the commune accepts.
    returned.refresh_from_db()
    assert returned.return_reason == "Ghi rõ số ngày công"
    first = returned.activities.order_by("pk").first()
    activity_update(
        user=tree.users.thon1, activity=first, **activity_data(tree.agri, title=first.title)
    )
    plan_accept(user=xa1, plan=plan_submit(user=tree.users.thon1, plan=returned))
    assert set(Plan.objects.exclude(pk=commune.pk).values_list("status", flat=True)) == {
        PlanStatus.ACCEPTED
    }

    proposed = Activity.objects.exclude(plan=commune)
    assert plan_consolidate(user=xa1, plan=commune) == proposed.count() == 5 * 2 + 2 + 3
    through = Activity.origins.through.objects.filter(from_activity__plan=commune)
    assert set(through.values_list("to_activity_id", flat=True)) == set(
        proposed.values_list("pk", flat=True)
    )

    roads = list(commune.activities.filter(title=ROAD).order_by("pk"))
    activities_merge(user=xa1, keep=roads[0], others=roads[1:])
    # Still every proposal traceable after the merge.
    assert set(through.values_list("to_activity_id", flat=True)) == set(
        proposed.values_list("pk", flat=True)
    )
    lesson = commune.activities.get(title="Lớp học thôn 4")
    activity_set_status(
        user=xa1, activity=lesson, status=ActivityStatus.REMOVED, reason="Trùng dự án"
    )
    activity_set_status(user=xa1, activity=roads[0], status=ActivityStatus.FUNDABLE)

    by_group = {row["group"]: row for row in totals_by_sector_group(commune)}
    # canals, the merged road, the cooperative and the health station (no sector: agri here)
    assert by_group[SectorGroup.ECONOMY]["count"] == 5 + 1 + 2
    assert by_group[SectorGroup.CULTURE_SOCIETY]["count"] == 4 + 1  # lessons kept, school

    outcomes = {a.title: a for a in proposals_with_outcomes(plans[1])}
    assert outcomes[ROAD].merged and outcomes[ROAD].outcome == Outcome.FUNDABLE
    assert outcomes["Kênh mương thôn 1"].outcome == Outcome.KEPT
    last = {a.title: a for a in proposals_with_outcomes(plans[4])}
    assert last["Lớp học thôn 4"].outcome == Outcome.REMOVED
    assert last["Lớp học thôn 4"].outcome_reason == "Trùng dự án"
    verbs = Event.objects.values_list("verb", flat=True)
    assert {"plan.returned", "plan.resubmitted", "plan.consolidated", "activity.merged"} <= set(
        verbs
    )

    # Step 4: the conference balances the envelopes against the ranked lines.
    from sedp.activities import balancing
    from sedp.activities.selectors import ranked_lists
    from sedp.activities.services import envelopes_set
    from sedp.meetings.models import Decision
    from sedp.meetings.services import conference_record, workbench_apply
    from sedp.plans.draft import completeness, framework_rows
    from sedp.plans.tests.helpers import ready_commune_draft

    envelopes_set(
        user=xa1,
        plan=commune,
        amounts={"commune_development": 700_000_000, "balanced_revenue": 300_000_000},
    )
    conference = conference_record(
        user=xa1,
        plan=commune,
        date=datetime.date(2026, 6, 19),
        men=40,
        women=25,
        ethnic_minority=50,
        agencies=[tree.group1, tree.tckh1, tree.school1, *[g for _u, g in villages]],
    )
    before = balancing.workbench(commune)
    assert before.above and before.below  # 1 000 000 000 đ do not cover every line
    canal = commune.activities.get(title="Kênh mương thôn 3")
    decisions = workbench_apply(
        user=xa1,
        meeting=conference,
        data={f"rank_{canal.pk}": "1", "weight_on": "1", "weight": "1"},
    )
    assert decisions and all(d.meeting_id == conference.pk for d in decisions)
    lists = ranked_lists(commune)
    assert lists["fundable"][0].title == "Kênh mương thôn 3"
    assert {a.status for a in lists["unfunded"]} == {ActivityStatus.UNFUNDED}
    kept = commune.activities.exclude(status=ActivityStatus.REMOVED)
    assert len(lists["fundable"]) + len(lists["unfunded"]) == kept.count()
    assert Decision.objects.filter(meeting=conference).count() == len(decisions)
    canal_origin = canal.origins.get()
    assert {a.title: a for a in proposals_with_outcomes(canal_origin.plan)}[
        "Kênh mương thôn 3"
    ].outcome == Outcome.FUNDABLE

    # Step 5: the draft, its framework, the council's opinion, the submission.
    ready_commune_draft(xa1, commune)
    assert completeness(commune) == []
    framework = framework_rows(commune)
    assert len(framework) == kept.count()
    assert sum(r["cost"] for r in framework) == totals_by_sector_group_cost(commune)
    commune = plan_submit(user=xa1, plan=commune)
    assert commune.status == PlanStatus.SUBMITTED and commune.submitted_to == tree.tckh1


def totals_by_sector_group_cost(plan):
    return sum(row.get("total_cost") or 0 for row in totals_by_sector_group(plan))
