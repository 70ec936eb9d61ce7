"""Mid-year and year-end monitoring results fill next year's "assessment of year X"
without overwriting what the planner wrote."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sedp.accounts.models import Membership, Role
from sedp.core.models import Event
from sedp.monitoring import services
from sedp.monitoring.assessment import BEGIN, END, assessment_fill, merge_block
from sedp.monitoring.tests.helpers import YEAR, monitored
from sedp.plans.models import PlanKind, PlanStatus
from sedp.plans.services import plan_create, plan_update_sections


@pytest.fixture
def coop_user(tree, django_user_model):
    user = django_user_model.objects.create_user(username="htx1", password="x")
    Membership.objects.create(user=user, agency=tree.coop1, role=Role.PLANNER)
    return user


@pytest.fixture
def t(tree):
    return monitored(tree)


def _task(row, number):
    return row.tasks.get(number=number)


def _next_plan(tree):
    return plan_create(
        user=tree.users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR + 1
    )


def _body(plan, code):
    return plan.sections.get(code=code).body


def test_merge_block_keeps_the_planners_text():
    block = f"{BEGIN} new\n- a\n{END}"
    assert merge_block("", block) == block
    assert merge_block("Planner.", block) == f"Planner.\n\n{block}"
    old = f"Before.\n\n{BEGIN} old\n- b\n{END}\nAfter."
    assert merge_block(old, block) == f"Before.\n\n{block}\nAfter."


def test_reports_fill_next_years_assessment_automatically(
    tree, t, coop_user, django_capture_on_commit_callbacks
):
    following = _next_plan(tree)
    plan_update_sections(
        user=tree.users.xa1,
        plan=following,
        bodies={"p1.2.targets": "Năm 2027 xã gặp hạn hán kéo dài."},
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.report_value(
            user=tree.users.xa1, task=_task(t.rows["san-luong-lua"], 2), value="520"
        )
    targets = _body(following, "p1.2.targets")
    assert targets.startswith("Năm 2027 xã gặp hạn hán kéo dài.\n\n" + BEGIN)
    assert "Sản lượng lúa (tấn): kế hoạch 1.000; thực hiện 6 tháng 520; cả năm —" in targets
    assert "đúng tiến độ" in targets
    assert "Kết quả theo dõi thực hiện năm 2027" in targets
    # The year-end report replaces the block, not the planner's sentence, and no block doubles.
    with django_capture_on_commit_callbacks(execute=True):
        services.report_value(
            user=tree.users.xa1, task=_task(t.rows["san-luong-lua"], 4), value="1.050"
        )
        services.report_progress(
            user=coop_user,
            task=_task(t.rows["Bê tông hóa đường thôn A1"], 4),
            status="completed",
            percent_done=100,
            spent=480_000_000,
        )
    targets = _body(following, "p1.2.targets")
    assert targets.count(BEGIN) == 1 and targets.startswith("Năm 2027 xã gặp hạn hán")
    assert "thực hiện 6 tháng 520; cả năm 1.050" in targets
    # Activities go to the sector group's section (the road is agriculture: economy).
    economy = _body(following, "p1.2.economy")
    assert economy.startswith(BEGIN)
    assert "Bê tông hóa đường thôn A1: đã hoàn thành, hoàn thành 100%" in economy
    assert "đã chi 480.000.000 / 500.000.000 đồng" in economy
    culture = _body(following, "p1.2.culture_society")
    assert "Sửa phòng học điểm trường A2: chưa có báo cáo" in culture
    assert Event.objects.filter(verb="monitoring.assessment_filled", actor=None).exists()


def test_a_submitted_next_plan_is_not_touched(tree, t, django_capture_on_commit_callbacks):
    following = _next_plan(tree)
    type(following).objects.filter(pk=following.pk).update(status=PlanStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_value(
            user=tree.users.xa1, task=_task(t.rows["san-luong-lua"], 2), value="520"
        )
    assert _body(following, "p1.2.targets") == ""


def test_the_planner_fills_it_with_one_click(tree, t, login):
    services.report_value(user=tree.users.xa1, task=_task(t.rows["ty-le-ho-ngheo"], 2), value="12")
    following = _next_plan(tree)
    page = login(tree.users.xa1).get(reverse("plans-plan-detail", args=[following.pk]))
    url = reverse("monitoring-assessment-fill", args=[following.pk])
    assert url in page.content.decode()
    response = login(tree.users.xa1).post(url)
    assert response.status_code == 302
    assert "Tỷ lệ hộ nghèo (%): kế hoạch 10; thực hiện 6 tháng 12" in _body(
        following, "p1.2.targets"
    )
    assert login(tree.users.xa3).post(url).status_code == 404
    with pytest.raises(PermissionDenied):
        assessment_fill(user=tree.users.truong1, plan=following)
