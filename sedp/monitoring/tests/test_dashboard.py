"""The status rule (direction- and nature-aware), the dashboard of a plan and of a subtree
(red first, constant queries), and explanation requests answered in the system."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sedp.accounts.models import Membership, Role
from sedp.core.models import Event
from sedp.indicators.models import Direction, Kind, Nature
from sedp.monitoring import dashboard, services
from sedp.monitoring.models import ExplanationRequest, ExplanationStatus
from sedp.monitoring.rules import TargetStatus, status_of, year_share
from sedp.monitoring.tests.helpers import monitored, value, with_resolution

ON, RISK, OFF, NONE = (
    TargetStatus.ON_TRACK,
    TargetStatus.AT_RISK,
    TargetStatus.OFF_TRACK,
    TargetStatus.NO_DATA,
)
UP, DOWN, NEUTRAL = Direction.HIGHER, Direction.LOWER, Direction.NEUTRAL
FLOW, STOCK = Nature.FLOW, Nature.STOCK


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        # A flow after 6 months is expected at half its target (1000 → 500); margin 100.
        ({"target": 1000, "latest": 520, "share": "0.5", "nature": FLOW, "direction": UP}, ON),
        ({"target": 1000, "latest": 450, "share": "0.5", "nature": FLOW, "direction": UP}, RISK),
        ({"target": 1000, "latest": 350, "share": "0.5", "nature": FLOW, "direction": UP}, OFF),
        # The same figures for a year-end report are far behind.
        ({"target": 1000, "latest": 520, "share": "1", "nature": FLOW, "direction": UP}, OFF),
        # Poverty rate from 14% to 10%: after 6 months 12% is expected; margin 0.4 points.
        (
            {
                "target": 10,
                "baseline": 14,
                "latest": "11.8",
                "share": "0.5",
                "nature": STOCK,
                "direction": DOWN,
            },
            ON,
        ),
        (
            {
                "target": 10,
                "baseline": 14,
                "latest": "12.3",
                "share": "0.5",
                "nature": STOCK,
                "direction": DOWN,
            },
            RISK,
        ),
        (
            {
                "target": 10,
                "baseline": 14,
                "latest": 13,
                "share": "0.5",
                "nature": STOCK,
                "direction": DOWN,
            },
            OFF,
        ),
        # The same fall read as "higher is better" would be the opposite.
        (
            {
                "target": 10,
                "baseline": 14,
                "latest": 13,
                "share": "0.5",
                "nature": STOCK,
                "direction": UP,
            },
            ON,
        ),
        # A target already reached is on track even when the path expects more (a stock
        # planned to fall from 496 to 488, read as "higher is better").
        (
            {
                "target": 488,
                "baseline": 496,
                "latest": 488,
                "share": "0.5",
                "nature": STOCK,
                "direction": UP,
            },
            ON,
        ),
        # A stock without a starting level must already be at its target.
        ({"target": 80, "latest": 79, "share": "0.25", "nature": STOCK, "direction": UP}, RISK),
        # Neither direction: near the target is on track, either side.
        ({"target": 100, "latest": 95, "share": "1", "nature": STOCK, "direction": NEUTRAL}, ON),
        ({"target": 100, "latest": 115, "share": "1", "nature": STOCK, "direction": NEUTRAL}, RISK),
        ({"target": 100, "latest": 130, "share": "1", "nature": STOCK, "direction": NEUTRAL}, OFF),
        # No target or no report: no data.
        ({"target": None, "latest": 5, "share": "1", "nature": FLOW, "direction": UP}, NONE),
        ({"target": 5, "latest": None, "share": None, "nature": FLOW, "direction": UP}, NONE),
    ],
)
def test_status_rule(kwargs, expected):
    assert status_of(**kwargs) == expected


def test_year_share():
    assert year_share(2027, datetime.date(2026, 12, 1)) == 0
    assert year_share(2027, datetime.date(2027, 7, 2)) == Decimal(182) / Decimal(364)
    assert year_share(2027, datetime.date(2028, 1, 5)) == 1


@pytest.fixture
def coop_user(tree, django_user_model):
    user = django_user_model.objects.create_user(username="htx1", password="x")
    Membership.objects.create(user=user, agency=tree.coop1, role=Role.LEADER)
    return user


@pytest.fixture
def t(tree, coop_user):
    t = monitored(tree)
    tasks = {
        (row_key, task.number): task for row_key, row in t.rows.items() for task in row.tasks.all()
    }
    # Rice (flow, 1000 t assigned): 350 t after 6 months → off track.
    services.report_value(user=tree.users.xa1, task=tasks["san-luong-lua", 2], value="350")
    # Poverty (stock, lower is better, 14% → 10%): 11.8% after 6 months → on track.
    services.report_value(user=tree.users.xa1, task=tasks["ty-le-ho-ngheo", 2], value="11,8")
    # The road: stalled and over budget; the school: no report.
    services.report_progress(
        user=coop_user,
        task=tasks["Bê tông hóa đường thôn A1", 2],
        status="stalled",
        percent_done=30,
        spent=600_000_000,
    )
    t.coop_user = coop_user
    return t


def test_plan_dashboard_lists_red_first_with_the_rule_applied(tree, t):
    data = dashboard.build(user=tree.users.xa1, plan=t.plan, day=datetime.date(2027, 7, 15))
    statuses = [(r["indicator__name"], r["status"]) for r in data["targets"]]
    assert statuses == [("Sản lượng lúa", OFF), ("Tỷ lệ hộ nghèo", ON)]
    assert data["targets"][0]["target"] == 1000  # assigned, not the proposed 900
    assert data["totals"].counts == {OFF: 1, RISK: 0, NONE: 0, ON: 1}
    assert [(r["activity__title"], r["is_late"], r["is_over"]) for r in data["flagged"]] == [
        ("Bê tông hóa đường thôn A1", 1, 1)
    ]
    assert (data["totals"].late, data["totals"].over_budget) == (1, 1)
    # Q1 reports of every row and the school's Q2 report are overdue on 15/7/2027.
    assert data["totals"].overdue_reports == 4 + 1


def _rice(tree, plan):
    data = dashboard.build(user=tree.users.xa1, plan=plan, day=datetime.date(2027, 7, 15))
    rice = next(r for r in data["targets"] if r["indicator__name"] == "Sản lượng lúa")
    return rice["target"], rice["status"]


def test_a_revised_target_counts_only_once_the_adjusting_resolution_is_recorded(tree, t):
    from sedp.indicators.models import IndicatorValue
    from sedp.portal.adjustments import adjustment_adopt, adjustment_start, adjustment_submit

    xa1, today = tree.users.xa1, timezone.localdate()
    plan = with_resolution(t.plan, xa1)
    adjustment_start(user=xa1, plan=plan, reason="Hạn hán: giảm chỉ tiêu sản lượng lúa")
    value(tree.commune1, t.rice, Kind.REVISED, 700)  # 350 of 700 after 6 months: on track
    # Being drafted: the official (assigned) target still holds.
    assert _rice(tree, plan) == (1000, OFF)
    adjustment_submit(user=xa1, plan=plan, number="9/TTr", submitted_on=today)
    assert _rice(tree, plan) == (1000, OFF)
    adjustment_adopt(user=xa1, plan=plan, number="9/NQ", adopted_on=today, text="Điều chỉnh.")
    assert _rice(tree, plan) == (700, ON)
    # A second adjustment drafts 300: the first adjustment's 700 holds until its resolution.
    plan.refresh_from_db()
    adjustment_start(user=xa1, plan=plan, reason="Lần 2")
    IndicatorValue.objects.filter(indicator=t.rice, kind=Kind.REVISED).update(value=300)
    assert _rice(tree, plan) == (700, ON)


def test_province_dashboard_summarises_its_subtree_per_district(tree, t):
    data = dashboard.build(
        user=tree.users.skhdt, unit=tree.province, report_year=2026, day=datetime.date(2027, 7, 1)
    )
    by_unit = {s.unit.pk: s for s in data["units"]}
    assert set(by_unit) == {tree.district1.pk}  # district 2 has no monitored plan
    assert by_unit[tree.district1.pk].counts[OFF] == 1
    assert by_unit[tree.district1.pk].late == 1
    # The other district's commune sees nothing of it.
    other = dashboard.build(user=tree.users.xa3, unit=tree.commune3, report_year=2026)
    assert other["target_total"] == 0


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_dashboard_pages_run_a_constant_number_of_queries(tree, t, login):
    client = login(tree.users.skhdt)
    url = reverse("monitoring-dashboard-unit", args=[tree.province.pk]) + "?year=2026"
    before, page = _count(client, url)
    assert before <= 19  # 18 + the revised targets adopted by adjusting resolutions
    html = page.content.decode()
    assert html.index("Không đạt tiến độ") < html.index("Đúng tiến độ")
    # More monitored rows cost no more queries.
    for number in range(5):
        t.plan.activities.create(title=f"Hoạt động {number}", sector=tree.agri, cost_estimate=10)
    from sedp.monitoring.models import FrameworkRow, FrameworkState

    FrameworkState.objects.filter(plan=t.plan).update(monitoring_started_at=None)
    FrameworkRow.objects.bulk_create(
        FrameworkRow(plan=t.plan, activity=a, percent_done=0, progress_status="stalled")
        for a in t.plan.activities.filter(title__startswith="Hoạt động")
    )
    FrameworkState.objects.filter(plan=t.plan).update(monitoring_started_at="2027-01-01T00:00Z")
    after, again = _count(client, url)
    assert after == before
    assert again.content.decode().count("Hoạt động ") >= 5
    plan_url = reverse("monitoring-dashboard-plan", args=[t.plan.pk])
    assert _count(client, plan_url)[0] <= before


def test_dashboards_are_scoped(tree, t, login):
    assert (
        login(tree.users.outsider)
        .get(reverse("monitoring-dashboard-plan", args=[t.plan.pk]))
        .status_code
        == 404
    )
    assert (
        login(tree.users.xa3)
        .get(reverse("monitoring-dashboard-unit", args=[tree.district1.pk]))
        .status_code
        == 404
    )


def test_one_click_explanation_request_and_answer(tree, t, login):
    road = t.rows["Bê tông hóa đường thôn A1"]
    client = login(tree.users.tckh1)  # the district finance-planning office
    response = client.post(reverse("monitoring-explanation-create", args=[road.pk]))
    assert response.status_code == 302
    request = ExplanationRequest.objects.get()
    # The road's responsible agency is the cooperative, who must answer.
    assert request.agency == tree.coop1
    assert "Bê tông hóa đường thôn A1" in request.question
    assert request.status == ExplanationStatus.OPEN
    assert Event.objects.filter(verb="monitoring.explanation_requested").exists()
    # Asking twice while it is open is refused.
    with pytest.raises(ValidationError):
        services.explanation_request(user=tree.users.tckh1, row=road)
    # A target's explanation goes to its collector (here the commune group).
    rice = services.explanation_request(user=tree.users.tckh1, row=t.rows["san-luong-lua"])
    assert rice.agency == tree.group1 and "Sản lượng lúa" in rice.question
    # The cooperative sees it in its work list, the school does not.
    work = login(t.coop_user).get(reverse("cycles-task-mine")).content.decode()
    assert "1 yêu cầu giải trình" in work
    page = login(t.coop_user).get(reverse("monitoring-work-mine")).content.decode()
    assert reverse("monitoring-explanation-detail", args=[request.pk]) in page
    detail = reverse("monitoring-explanation-detail", args=[request.pk])
    # The cooperative cannot open the commune plan's dashboard: it is not linked (no 404).
    dashboard_url = reverse("monitoring-dashboard-plan", args=[t.plan.pk])
    assert login(t.coop_user).get(dashboard_url).status_code == 404
    assert dashboard_url not in login(t.coop_user).get(detail).content.decode()
    assert dashboard_url in login(tree.users.tckh1).get(detail).content.decode()
    assert login(tree.users.truong1).get(detail).status_code == 404
    assert login(tree.users.outsider).get(detail).status_code == 404
    # Bad answers are refused; a good one is recorded with the event log.
    empty = login(t.coop_user).post(detail, {"answer": "   "})
    assert empty.status_code == 400
    with pytest.raises(PermissionDenied):
        services.explanation_answer(user=tree.users.xa1, request=request, answer="Không phải")
    answered = login(t.coop_user).post(detail, {"answer": "Hạn hán tháng 4, đã chuyển vụ."})
    assert answered.status_code == 302
    request.refresh_from_db()
    assert request.status == ExplanationStatus.ANSWERED
    assert request.answered_by == t.coop_user
    assert Event.objects.filter(verb="monitoring.explanation_answered").exists()
    # The dashboard shows it was explained.
    board = login(tree.users.tckh1).get(reverse("monitoring-dashboard-plan", args=[t.plan.pk]))
    assert "đã giải trình" in board.content.decode()
    assert reverse("monitoring-explanation-detail", args=[request.pk]) in board.content.decode()
    answer = login(tree.users.tckh1).get(
        reverse("monitoring-explanation-detail", args=[request.pk])
    )
    assert "Hạn hán tháng 4" in answer.content.decode()


def test_only_supervisors_ask_for_explanations(tree, t):
    rice = t.rows["san-luong-lua"]
    for user in (tree.users.truong1, tree.users.viewer1, t.coop_user):
        with pytest.raises(PermissionDenied):
            services.explanation_request(user=user, row=rice)
    with pytest.raises(ValidationError):
        services.explanation_request(user=tree.users.xa1, row=rice, question="x" * 6000)


def test_the_ask_button_shows_only_to_supervisors(tree, t, login):
    url = reverse("monitoring-dashboard-unit", args=[tree.district1.pk]) + "?year=2026"
    ask = reverse("monitoring-explanation-create", args=[t.rows["san-luong-lua"].pk])
    assert ask in login(tree.users.tckh1).get(url).content.decode()
    # The district's agriculture office sees its sector's plans but supervises no plan.
    page = login(tree.users.pnn1).get(url)
    assert page.status_code == 200 and ask not in page.content.decode()
