"""Demo monitoring: Mường Hum's plan for 2026 (report year 2025), official and monitored
through the year, so the M&E framework, the dashboard, the reporting work of the commune
group and the school, an explanation request and the filled assessment of next year's plan
can all be seen after `make demo`.

Everything goes through the services, except the approval by resolution (issue G's
approval service, built elsewhere), which the demo marks directly. Idempotent: skipped when
the 2025 commune plan exists.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count

from sedp.activities.models import ActivityStatus
from sedp.activities.services import activity_create
from sedp.indicators.models import IndicatorValue, Kind, Nature
from sedp.monitoring import services
from sedp.monitoring.assessment import assessment_fill
from sedp.monitoring.models import ExplanationRequest, TaskStatus
from sedp.plans.models import Plan, PlanKind, PlanStatus
from sedp.plans.services import plan_create
from sedp.territory.models import Agency, AgencyKind, Sector

REPORT_YEAR = 2025  # plan year 2026, monitored during 2026
COMMUNE = ("laocai-2015", "02728")

# (title, sector, cost, responsible: "school" or "group", [(status, % done, spent) per quarter])
ACTIVITIES = [
    (
        "Bê tông hóa đường trục thôn Séo Pờ Hồ (800 m)",
        "giao-thong-xay-dung",
        1_200_000_000,
        "group",
        [("in_progress", 20, 250_000_000), ("in_progress", 55, 640_000_000),
         ("in_progress", 80, 1_310_000_000)],
    ),
    (
        "Sửa chữa 2 phòng học điểm trường Pờ Hồ",
        "giao-duc",
        350_000_000,
        "school",
        [("not_started", 0, 0), ("stalled", 10, 40_000_000), ("stalled", 10, 40_000_000)],
    ),
    (
        "Tập huấn kỹ thuật trồng chè cho 60 hộ",
        "khuyen-nong",
        45_000_000,
        "group",
        [("in_progress", 40, 15_000_000), ("completed", 100, 43_000_000)],
    ),
    (
        "Hỗ trợ giống lúa lai cho hộ nghèo",
        "nong-nghiep",
        120_000_000,
        "group",
        [("completed", 100, 118_000_000)],
    ),
]  # fmt: skip


def _school_of(user, unit):
    """The demo school login's school (it answers for the school's activity)."""
    schools = Agency.objects.filter(unit=unit, kind=AgencyKind.SCHOOL)
    if user is not None:
        mine = schools.filter(memberships__user=user).first()
        if mine is not None:
            return mine
    return schools.order_by("pk").first()


def _group():
    structure, code = COMMUNE
    return Agency.objects.filter(
        unit__structure__code=structure, unit__code=code, kind=AgencyKind.COMMUNE_PLANNING_GROUP
    ).first()


@transaction.atomic
def load_demo_monitored_plan(say=lambda _msg: None) -> None:
    """Before the approval demo: Mường Hum's plan for 2026 with its activities and a complete
    M&E framework, accepted by the district. The People's Council's resolution (portal demo)
    then makes it official, which sends out its collection tasks."""
    from sedp.plans.demo import complete_commune_draft
    from sedp.plans.services import plan_accept, plan_submit

    group = _group()
    if group is None or Plan.objects.filter(agency=group, report_year=REPORT_YEAR).exists():
        return
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=_LOGINS)}
    admin = User.objects.get(username="admin")
    planner = users.get("kh.muonghum", admin)
    school = _school_of(users.get("truong.muonghum"), group.unit)
    sectors = {s.code: s for s in Sector.objects.all()}

    plan = plan_create(
        user=planner, agency=group, kind=PlanKind.COMMUNE_PLAN, report_year=REPORT_YEAR
    )
    activities = {}
    for title, sector, cost, who, _quarters in ACTIVITIES:
        activity = activity_create(
            user=planner,
            plan=plan,
            title=title,
            sector=sectors[sector],
            cost_estimate=cost,
            fund_target_programmes=cost,
        )
        activity.status = ActivityStatus.FUNDED
        activity.responsible = school if who == "school" and school else group
        activity.save(update_fields=["status", "responsible"])
        activities[title] = activity

    services.framework_prefill(user=planner, plan=plan)
    changes = {}
    for row in plan.me_rows.select_related("indicator", "activity"):
        # The group collects the commune's figures itself in the demo (one login reports).
        data = {"collector": group.pk, "report_to": group.pk}
        if row.indicator_id:
            data["data_source"] = "Báo cáo thống kê xã; sổ theo dõi của các thôn"
        else:
            data["collector"] = row.activity.responsible_id
        changes[row.pk] = data
    services.framework_update(user=planner, plan=plan, changes=changes)
    services.framework_complete(user=planner, plan=plan)
    complete_commune_draft(planner, plan, REPORT_YEAR)
    plan_accept(user=admin, plan=plan_submit(user=planner, plan=plan))
    say(f"Khung TDĐG KH năm {plan.plan_year} của xã Mường Hum: {plan.me_rows.count()} dòng")


@transaction.atomic
def load_demo_monitoring(say=lambda _msg: None) -> None:
    """After the approval demo: the first half of 2026 reported, an explanation asked, and
    next year's draft given its assessment."""
    group = _group()
    plan = Plan.objects.filter(
        agency=group, kind=PlanKind.COMMUNE_PLAN, report_year=REPORT_YEAR
    ).first()
    if plan is None or plan.status != PlanStatus.APPROVED:
        return
    if ExplanationRequest.objects.filter(plan=plan).exists():
        return  # already loaded
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=_LOGINS)}
    admin = User.objects.get(username="admin")
    planner = users.get("kh.muonghum", admin)
    school = _school_of(users.get("truong.muonghum"), group.unit)
    activities = {a.title: a for a in plan.activities.all()}
    created = plan.me_rows.aggregate(n=Count("tasks"))["n"]
    if not created:
        created = services.monitoring_start(user=planner, plan=plan)

    _report_indicators(plan, planner)
    _report_activities(plan, activities, users, planner)
    inspector = users.get("tckh.batxat", admin)
    school_row = plan.me_rows.filter(activity__responsible=school).first() if school else None
    if school_row is not None:
        services.explanation_request(user=inspector, row=school_row)
    following = Plan.objects.filter(
        agency=group, kind=PlanKind.COMMUNE_PLAN, report_year=REPORT_YEAR + 1
    ).first()
    if following is not None and following.is_editable:
        assessment_fill(user=None, plan=following, monitored=plan)
        # Next year's draft gets its framework pre-filled, for the group to complete.
        if not following.me_rows.exists():
            services.framework_prefill(user=planner, plan=following)
    say(f"Theo dõi, đánh giá KH năm {plan.plan_year} của xã Mường Hum: {created} nhiệm vụ")


_LOGINS = ["kh.muonghum", "truong.muonghum", "tckh.batxat"]


def _report_indicators(plan, planner) -> None:
    """The first 6 months of 2026: the TH 6 tháng figures already in the demo catalogue when
    there are (else half of a flow's target, a stock's target), reported by the group."""
    half = dict(
        IndicatorValue.objects.filter(
            unit=plan.unit, agency=None, report_year=plan.plan_year, kind=Kind.ACTUAL_HALF
        ).values_list("indicator_id", "value")
    )
    targets = dict(
        IndicatorValue.objects.filter(
            unit=plan.unit, agency=None, report_year=plan.report_year, kind=Kind.ASSIGNED
        ).values_list("indicator_id", "value")
    )
    tasks = plan.me_rows.filter(indicator__isnull=False).select_related("indicator")
    for index, row in enumerate(tasks):
        task = row.tasks.filter(number=1).first()
        if task is None or index % 5 == 4:  # a few are left for the group to report
            continue
        indicator = row.indicator
        value = half.get(indicator.pk)
        if value is None and indicator.pk in targets:
            target = targets[indicator.pk]
            value = target * Decimal("0.5") if indicator.nature == Nature.FLOW else target
        if value is None:
            continue
        if index % 3 == 0 and indicator.nature == Nature.FLOW:
            value = value * Decimal("0.7")  # behind: shows red on the dashboard
        services.report_value(user=planner, task=task, value=value)


def _report_activities(plan, activities, users, planner) -> None:
    school_user = users.get("truong.muonghum", planner)
    for title, _sector, _cost, who, quarters in ACTIVITIES:
        row = plan.me_rows.get(activity=activities[title])
        reporter = school_user if who == "school" else planner
        for number, (status, percent, spent) in enumerate(quarters, start=1):
            task = row.tasks.get(number=number)
            if task.status == TaskStatus.OPEN:
                services.report_progress(
                    user=reporter, task=task, status=status, percent_done=percent, spent=spent
                )
