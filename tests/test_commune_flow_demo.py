"""The whole commune flow (seed, commune steps 1–5) through the services on the DEMO tree, in a
commune the demo leaves untouched (Tả Phìn, thị xã Sa Pa): the kick-off, five village
meetings and proposals, three commune agencies' inputs, one return with its reason and the
resubmission, consolidation keeping every origin, the conference ranking, balancing and
moving activities, the draft with its khung KH xã and khung TDĐG, the HĐND's opinion and the
submission the district sees arrive; each step closes the calendar tasks of the agencies the
template makes responsible, and the villages read what became of their proposals."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sedp.accounts.models import Membership, Role
from sedp.activities import balancing
from sedp.activities.models import Activity, ActivityStatus
from sedp.activities.selectors import Outcome, proposals_with_outcomes, ranked_lists
from sedp.activities.services import (
    activities_merge,
    activity_create,
    activity_review_feasibility,
    activity_update,
    envelopes_set,
)
from sedp.core.models import Event
from sedp.cycles.models import Task, TaskStatus
from sedp.directives.services import document_issue
from sedp.groups.services import group_set_up
from sedp.groups.tests.test_groups import commune_members, village_members
from sedp.indicators.models import IndicatorValue, Kind
from sedp.indicators.services import value_set
from sedp.meetings.kickoff import kickoff_record
from sedp.meetings.models import Decision
from sedp.meetings.selectors import conference_agencies
from sedp.meetings.services import conference_record, decision_record, workbench_apply
from sedp.monitoring import services as monitoring
from sedp.plans.consolidation import plan_consolidate
from sedp.plans.draft import completeness, framework_rows
from sedp.plans.models import Plan, PlanKind, PlanStatus
from sedp.plans.services import (
    plan_accept,
    plan_complete_draft,
    plan_create,
    plan_prefill,
    plan_record_council_opinion,
    plan_record_framework,
    plan_return,
    plan_set_envelope,
    plan_submit,
    plan_update_sections,
)
from sedp.plans.tests.helpers import activity_data, record_meeting
from sedp.territory.models import AdminUnit, Agency, AgencyKind, Sector

YEAR = 2026
K = AgencyKind
ROAD = "Bê tông hóa đường liên thôn Tả Phìn - Sả Séng"
SECTIONS = {
    "results": "Hoàn thành 600 m đường bê tông; 92% hộ dùng nước hợp vệ sinh.",
    "problems": "Đường vào thôn lầy lội mùa mưa; thiếu nước sinh hoạt mùa khô.",
    "causes": "Địa hình dốc, mưa lớn kéo dài.",
    "solutions": "Huy động ngày công của nhân dân; ưu tiên vốn chương trình MTQG.",
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        call_command("flush", interactive=False, verbosity=0)


def _person(username, agency, role=Role.PLANNER):
    user = get_user_model().objects.create_user(username=username)
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


def _status(code, agency):
    return Task.objects.get(
        cycle__report_year=YEAR, cycle__state="open", activity__code=code, agency=agency
    ).status


@pytest.mark.django_db
def test_the_whole_commune_flow_on_the_demo_tree(demo, client):
    commune = AdminUnit.objects.get(structure__code="laocai-2015", code="03013")
    assert not Plan.objects.filter(unit__path__startswith=commune.path).exists()  # untouched
    at = {a.kind: a for a in Agency.objects.filter(unit=commune).order_by("-pk")}
    group, ubnd = at[K.COMMUNE_PLANNING_GROUP], at[K.PEOPLES_COMMITTEE]
    planner = get_user_model().objects.get(username="kh.taphin")
    tckh = Agency.objects.get(unit=commune.parent, kind=K.FINANCE_PLANNING_OFFICE)
    sectors = {s.code: s for s in Sector.objects.all()}

    # Step 1: the UBND xã's directive and the groups (X1.1, V1.2), then the kick-off (X1.3).
    chairman = _person("ubnd.taphin", ubnd, Role.LEADER)
    document_issue(user=chairman, issuer=ubnd, kind="xa.launch_letter", number="25/UBND",
                   issued_on=datetime.date(YEAR, 5, 4), report_year=YEAR,
                   title="Triển khai lập KH năm 2027",
                   recipient_kinds=[K.COMMUNE_PLANNING_GROUP, K.VILLAGE_WORKING_GROUP])  # fmt: skip
    group_set_up(user=chairman, agency=group, report_year=YEAR, members=commune_members(),
                 decision_number="26/QĐ-UBND", decision_date=datetime.date(YEAR, 5, 5))  # fmt: skip
    assert _status("X1.1", ubnd) == TaskStatus.DONE
    for village in Agency.objects.filter(unit__parent=commune, kind=K.VILLAGE_WORKING_GROUP):
        group_set_up(user=chairman, agency=village, report_year=YEAR, members=village_members())
        assert _status("V1.2", village) == TaskStatus.DONE
    kickoff_record(
        user=planner,
        commune=commune,
        report_year=YEAR,
        attendance={group: 6, at[K.SCHOOL]: 2, at[K.HEALTH_STATION]: 1},
        date=datetime.date(YEAR, 5, 7),
        men=20,
        women=14,
        ethnic_minority=30,
        agenda="Hướng dẫn điền biểu",
        decisions_text="Gửi biểu trước 01/6",
    )
    assert _status("X1.3", ubnd) == TaskStatus.DONE

    # Step 2: five villages meet and propose; three commune agencies give their input.
    commune_plan = plan_create(
        user=planner, agency=group, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    villages = list(
        Agency.objects.filter(unit__parent=commune, kind=K.VILLAGE_WORKING_GROUP)
        .select_related("unit")
        .order_by("unit__code")[:5]
    )
    assert len(villages) == 5
    submitted = []
    for index, village in enumerate(villages):
        head = _person(f"head{index}", village, Role.LEADER)
        plan = plan_create(
            user=head, agency=village, kind=PlanKind.VILLAGE_PROPOSAL, report_year=YEAR
        )
        plan_update_sections(user=head, plan=plan, bodies=SECTIONS)
        record_meeting(head, plan, date=datetime.date(YEAR, 5, 18 + index))
        rows = [
            activity_data(
                sectors["thuy-loi"],
                title=f"Kênh mương {village.unit.name}",
                cost_estimate=400_000_000,
                fund_target_programmes=0,
                priority=2,
            ),
            activity_data(
                sectors["mam-non"],
                title=f"Phòng học {village.unit.name}",
                cost_estimate=300_000_000,
                fund_target_programmes=0,
                priority=3,
            ),
        ]
        if index < 2:  # the first two villages both ask for the road between them
            rows.append(activity_data(sectors["giao-thong-xay-dung"], title=ROAD, priority=1))
        for row in rows:
            activity_create(user=head, plan=plan, **row)
        submitted.append((head, plan_submit(user=head, plan=plan)))
        assert _status("V2.1", village) == _status("V2.2", village) == TaskStatus.DONE
    inputs = [at[K.SCHOOL], at[K.HEALTH_STATION], at[K.COOPERATIVE]]
    for index, agency in enumerate(inputs):
        author = _person(f"agency{index}", agency)
        plan = plan_create(user=author, agency=agency, kind=PlanKind.AGENCY_INPUT, report_year=YEAR)
        plan_update_sections(user=author, plan=plan, bodies=SECTIONS)
        activity_create(
            user=author,
            plan=plan,
            **activity_data(
                agency.sector,
                title=f"Việc của {agency.name}",
                cost_estimate=200_000_000,
                fund_target_programmes=0,
            ),
        )
        submitted.append((author, plan_submit(user=author, plan=plan)))
        assert _status("X2.3", agency) == TaskStatus.DONE

    # X2.4: the group's statistics officer enters the estimated actual of year X; the
    # assessment is done when every indicator the commune planned for year X has one.
    estimates = IndicatorValue.objects.filter(
        unit=commune, agency=None, report_year=YEAR, kind=Kind.ESTIMATE
    ).select_related("indicator")
    planned = IndicatorValue.objects.filter(
        unit=commune, agency=None, report_year=YEAR, kind=Kind.PLAN
    )
    assert set(planned.values_list("indicator", flat=True)) == {
        e.indicator_id for e in estimates
    }  # the demo holds them all, but no one has saved the assessment yet
    assert _status("X2.4", group) == TaskStatus.OPEN
    last = estimates.order_by("indicator__code").last()
    value_set(user=planner, unit=commune, indicator=last.indicator, report_year=YEAR,
              kind=Kind.ESTIMATE, value="")  # fmt: skip
    assert _status("X2.4", group) == TaskStatus.OPEN  # one planned indicator has none now
    value_set(user=planner, unit=commune, indicator=last.indicator, report_year=YEAR,
              kind=Kind.ESTIMATE, value=str(last.value))  # fmt: skip
    assert _status("X2.4", group) == TaskStatus.DONE

    # Step 3: the group returns one village's proposal with a reason; the village reads it,
    # corrects and resubmits; everything is accepted.
    (returned_head, returned), *others = submitted
    reason = "Đề nghị ghi rõ số ngày công đóng góp cho tuyến đường liên thôn."
    returned = plan_return(
        user=planner,
        plan=returned,
        reason=reason,
        deadline=timezone.localdate() + datetime.timedelta(days=5),
    )
    client.force_login(returned_head)
    page = client.get(reverse("plans-plan-detail", args=[returned.pk])).content.decode()
    assert reason in page
    road = returned.activities.get(title=ROAD)
    activity_update(
        user=returned_head,
        activity=road,
        **activity_data(road.sector, title=ROAD, people_labour_days=450),
    )
    returned = plan_submit(user=returned_head, plan=returned)
    for _user, plan in [(returned_head, returned), *others]:
        plan_accept(user=planner, plan=plan)
    assert Event.objects.filter(verb="plan.resubmitted", target_id=returned.pk).exists()

    assert _status("X3.1", group) == TaskStatus.OPEN  # nothing consolidated yet
    # Consolidation keeps every origin: each village or agency activity is traceable to the
    # commune line it went into, and each line to the plans that proposed it.
    proposed = Activity.objects.filter(plan__in=[p for _u, p in submitted])
    assert plan_consolidate(user=planner, plan=commune_plan) == proposed.count() == 5 * 2 + 2 + 3
    assert _status("X3.2", group) == TaskStatus.DONE
    # every submission was checked (one returned and resubmitted, all accepted): X3.1 too
    assert _status("X3.1", group) == TaskStatus.DONE
    roads = list(commune_plan.activities.filter(title=ROAD).order_by("pk"))
    activities_merge(user=planner, keep=roads[0], others=roads[1:])
    through = Activity.origins.through.objects.filter(from_activity__plan=commune_plan)
    origin_of = dict(through.values_list("to_activity_id", "from_activity_id"))
    assert set(origin_of) == set(proposed.values_list("pk", flat=True))
    road_line = commune_plan.activities.get(title=ROAD)
    assert {o.plan.agency for o in road_line.origins.select_related("plan__agency")} == set(
        villages[:2]
    )
    plan_set_envelope(
        user=planner,
        plan=commune_plan,
        last_year_allocation=1_500_000_000,
        expected_envelope=1_800_000_000,
    )
    # The feasibility review of a line, and the gap the group brings to the conference.
    activity_review_feasibility(
        user=planner,
        activity=road_line,
        note="Khả thi; hai thôn cam kết ngày công",
        possible_funding="Chương trình MTQG giảm nghèo bền vững 2026",
    )
    client.force_login(planner)
    page = client.get(reverse("plans-plan-detail", args=[commune_plan.pk])).content.decode()
    assert "chênh lệch lớn: đưa ra thảo luận tại hội nghị lập KH xã" in page
    assert "Chương trình MTQG giảm nghèo bền vững 2026" in page

    # Step 4: the conference with the seed's participants ranks, balances and moves lines.
    conference = conference_record(
        user=planner,
        plan=commune_plan,
        date=datetime.date(YEAR, 6, 19),
        men=40,
        women=25,
        ethnic_minority=55,
        agencies=list(conference_agencies(commune_plan)),
        discussions={
            "kinh_te": "Ưu tiên giao thông nông thôn và thủy lợi.",
            "van_hoa_xa_hoi": "Ưu tiên phòng học mầm non ở thôn xa.",
            "to_chuc_chinh_quyen": "Phân công cán bộ theo dõi từng thôn.",
        },
    )
    assert conference.minutes.startswith("Phần 1 — thảo luận nhóm kinh tế")
    assert conference.attendance.filter(agency=tckh).exists()
    assert _status("X4.1", group) == _status("X4.1", ubnd) == TaskStatus.DONE
    lesson = commune_plan.activities.get(title=f"Phòng học {villages[4].unit.name}")
    decision_record(
        user=planner,
        meeting=conference,
        activity=lesson,
        status=ActivityStatus.REMOVED,
        text="Đã có trong đề án kiên cố hóa trường lớp",
    )
    envelopes_set(
        user=planner,
        plan=commune_plan,
        amounts={"commune_development": 700_000_000, "balanced_revenue": 300_000_000},
    )
    before = balancing.workbench(commune_plan)
    assert before.above and before.below  # 1 000 000 000 đ do not cover every line
    last = before.below[-1]
    decisions = workbench_apply(
        user=planner,
        meeting=conference,
        data={f"rank_{last.pk}": "1", "weight_on": "1", "weight": "1"},
    )
    moved = Activity.objects.get(pk=last.pk)
    assert moved.status == ActivityStatus.FUNDABLE and moved.priority == 1
    lists = ranked_lists(commune_plan)
    assert lists["fundable"][0].pk == moved.pk and lists["unfunded"]
    kept = commune_plan.activities.exclude(status=ActivityStatus.REMOVED)
    assert len(lists["fundable"]) + len(lists["unfunded"]) == kept.count()
    assert Decision.objects.filter(meeting=conference).count() == len(decisions) + 1

    # Step 5: the draft following the outline, the khung KH xã, the khung TDĐG, the HĐND's
    # opinion and the submission to the district.
    plan_prefill(user=planner, plan=commune_plan)
    empty = {
        s.code: f"Nội dung {s.code}" for s in commune_plan.sections.all() if not s.body.strip()
    }
    plan_update_sections(user=planner, plan=commune_plan, bodies=empty)
    assert completeness(commune_plan) == []
    plan_complete_draft(user=planner, plan=commune_plan)
    plan_record_framework(user=planner, plan=commune_plan)
    framework = framework_rows(commune_plan)
    assert {r["activity"] for r in framework} == set(kept.values_list("title", flat=True))
    monitoring.framework_prefill(user=planner, plan=commune_plan)
    changes = {}
    for row in commune_plan.me_rows.all():
        changes[row.pk] = {
            "collector": group.pk,
            "report_to": group.pk,
            "data_source": "Báo cáo thống kê xã; sổ theo dõi của các thôn",
        }
    monitoring.framework_update(user=planner, plan=commune_plan, changes=changes)
    assert monitoring.framework_problems(commune_plan) == []
    monitoring.framework_complete(user=planner, plan=commune_plan)
    plan_record_council_opinion(
        user=planner,
        plan=commune_plan,
        given_by="Thường trực HĐND xã",
        date=datetime.date(YEAR, 6, 24),
        opinion="Thống nhất.",
    )
    for code in ("X5.1", "X5.2"):
        assert _status(code, group) == TaskStatus.DONE, code
    commune_plan = plan_submit(user=planner, plan=commune_plan)
    assert commune_plan.status == PlanStatus.SUBMITTED and commune_plan.submitted_to == tckh
    # Steps 1-5 are done: no task of steps 1-5 is left open for the commune's group and
    # UBND, for the three agencies or for the five villages that took part.
    steps_1_to_5 = Task.objects.filter(
        cycle__report_year=YEAR,
        cycle__state="open",
        agency__in=[group, ubnd, *inputs, *villages],
        activity__step__number__lte=5,
        activity__step__level_code__in=["xa", "thon"],
    )
    still_open = steps_1_to_5.filter(status=TaskStatus.OPEN)
    assert list(still_open.values_list("activity__code", "agency__name")) == []
    # X1.1 X1.3 X2.3×3 X2.4 X3.1 X3.2 X4.1×2 X5.1 X5.2, V1.2 V2.1 V2.2 for each village
    assert steps_1_to_5.filter(status=TaskStatus.DONE).count() == 12 + 3 * 5

    # The district's finance-planning office sees it arrive.
    client.force_login(_person("tckh.sapa", tckh))
    page = client.get(reverse("plans-plan-list") + f"?year={YEAR}").content.decode()
    assert reverse("plans-plan-detail", args=[commune_plan.pk]) in page

    # The villages read what became of their proposals: merged, removed with its reason,
    # ranked and funded.
    first = {a.title: a for a in proposals_with_outcomes(submitted[1][1])}
    assert first[ROAD].merged
    fifth = {a.title: a for a in proposals_with_outcomes(submitted[4][1])}
    assert fifth[lesson.title].outcome == Outcome.REMOVED
    assert fifth[lesson.title].outcome_reason == "Đã có trong đề án kiên cố hóa trường lớp"
    origin = Activity.objects.get(pk=origin_of_line(moved))
    mine = {a.pk: a for a in proposals_with_outcomes(origin.plan)}[origin.pk]
    assert mine.outcome == Outcome.FUNDABLE and mine.outcome_rank == 1
    client.force_login(submitted[4][0])
    page = client.get(reverse("plans-plan-detail", args=[submitted[4][1].pk])).content.decode()
    assert "Đã có trong đề án kiên cố hóa trường lớp" in page
    client.force_login(submitted[1][0])
    page = client.get(reverse("plans-plan-detail", args=[submitted[1][1].pk])).content.decode()
    assert "đã gộp với các đề xuất tương tự" in page
    # each commune agency reads its own line's outcome and rank too
    for author, plan in submitted[5:]:
        line = Activity.objects.get(origins__plan=plan)
        client.force_login(author)
        page = client.get(reverse("plans-plan-detail", args=[plan.pk])).content.decode()
        assert "Kết quả xử lý" in page and f"xếp hạng {line.priority} tại Hội nghị" in page


def origin_of_line(line):
    return line.origins.order_by("pk").values_list("pk", flat=True).first()
