"""A commune plan of Xã Một A (report year 2026, plan year 2027) with targets and activities,
its framework filled in and, when asked, official and monitored."""

from types import SimpleNamespace

from sedp.activities.models import Activity, ActivityStatus
from sedp.indicators.models import Direction, Indicator, IndicatorValue, Kind, Nature, Rule
from sedp.monitoring import services
from sedp.plans.models import Plan, PlanKind, PlanStatus
from sedp.plans.services import plan_create

YEAR = 2026  # report year X; the plan year is 2027


def indicator(code, name, unit, *, nature, direction, sector=None, rule=Rule.SUM, **extra):
    return Indicator.objects.create(
        code=code,
        name=name,
        unit_of_measure=unit,
        group="kinh_te",
        sector=sector,
        unit_types=["xa", "huyen", "tinh"],
        nature=nature,
        direction=direction,
        rule=rule,
        **extra,
    )


def value(unit, ind, kind, number, year=YEAR, agency=None):
    return IndicatorValue.objects.create(
        unit=unit, agency=agency, indicator=ind, report_year=year, kind=kind, value=number
    )


def commune_plan(tree):
    """The plan, three indicators (two with targets), two kept activities, one removed."""
    t = SimpleNamespace()
    t.rice = indicator(
        "san-luong-lua",
        "Sản lượng lúa",
        "tấn",
        nature=Nature.FLOW,
        direction=Direction.HIGHER,
        sector=tree.agri,
    )
    t.poverty = indicator(
        "ty-le-ho-ngheo",
        "Tỷ lệ hộ nghèo",
        "%",
        nature=Nature.STOCK,
        direction=Direction.LOWER,
        rule=Rule.NONE,
        decimals=1,
    )
    t.other = indicator(
        "so-thon", "Số thôn", "thôn", nature=Nature.STOCK, direction=Direction.NEUTRAL
    )
    value(tree.commune1, t.rice, Kind.PROPOSED, 900)
    value(tree.commune1, t.rice, Kind.ASSIGNED, 1000)  # assigned beats proposed
    value(tree.commune1, t.poverty, Kind.ASSIGNED, 10)
    value(tree.commune1, t.poverty, Kind.ESTIMATE, 14)  # the starting level
    t.plan = plan_create(
        user=tree.users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    t.road = Activity.objects.create(
        plan=t.plan,
        title="Bê tông hóa đường thôn A1",
        sector=tree.agri,
        cost_estimate=500_000_000,
        responsible=tree.coop1,
        status=ActivityStatus.FUNDED,
    )
    t.school = Activity.objects.create(
        plan=t.plan,
        title="Sửa phòng học điểm trường A2",
        sector=tree.education,
        cost_estimate=200_000_000,
        status=ActivityStatus.FUNDABLE,
    )
    t.removed = Activity.objects.create(
        plan=t.plan,
        title="Nhà văn hóa (loại)",
        sector=tree.education,
        cost_estimate=1,
        status=ActivityStatus.REMOVED,
    )
    return t


def fill_framework(tree, plan, **fields):
    """Fill every row of the framework (all through the service)."""
    data = {
        "data_source": "Báo cáo thống kê xã",
        "collector": tree.group1.pk,
        "frequency": "quarterly",
        "report_form": "Biểu 01/TDĐG",
        "report_to": tree.group1.pk,
        "deadline_days": 10,
    }
    data.update(fields)
    changes = {row.pk: dict(data) for row in plan.me_rows.all()}
    services.framework_update(user=tree.users.xa1, plan=plan, changes=changes)


def approve(plan):
    """Test shortcut for the approval by resolution (issue G's approval service, elsewhere)."""
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.APPROVED)
    plan.refresh_from_db()
    return plan


def monitored(tree):
    """The plan approved and monitored: prefilled, filled in (quarterly; activities collected
    by the cooperative), completed, approved, tasks generated."""
    t = commune_plan(tree)
    services.framework_prefill(user=tree.users.xa1, plan=t.plan)
    fill_framework(tree, t.plan)
    for row in t.plan.me_rows.filter(activity__isnull=False):
        services.framework_update(
            user=tree.users.xa1, plan=t.plan, changes={row.pk: {"collector": tree.coop1.pk}}
        )
    services.framework_complete(user=tree.users.xa1, plan=t.plan)
    approve(t.plan)
    services.monitoring_start(user=tree.users.xa1, plan=t.plan)
    t.rows = {
        (r.indicator_id and r.indicator.code) or r.activity.title: r
        for r in t.plan.me_rows.select_related("indicator", "activity")
    }
    return t


def with_resolution(plan, user):
    """Give a monitored plan the resolution its approval stands for (an adjustment needs it)."""
    from django.utils import timezone

    from sedp.plans.services import _freeze
    from sedp.portal.models import CouncilSubmission, Resolution

    today = timezone.localdate()
    version = _freeze(plan, user, "Official")
    submission = CouncilSubmission.objects.create(
        plan=plan, version=version, number="1/TTr", submitted_on=today
    )
    Resolution.objects.create(
        plan=plan, submission=submission, version=version, number="1/NQ", adopted_on=today,
        text="Thông qua.",
    )  # fmt: skip
    plan.refresh_from_db()
    return plan
