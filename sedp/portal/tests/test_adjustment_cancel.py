"""Cancelling an adjustment before its tờ trình: by whoever may start it, with a reason; the
plan is the official one again and locked. Refused once the plan differs from the official
version (the message names what differs), allowed again once the change is undone."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from sedp.activities.models import Activity
from sedp.activities.services import activity_create, activity_delete
from sedp.core.models import Event
from sedp.plans.models import PlanStatus
from sedp.plans.tests.helpers import activity_data
from sedp.portal.adjustments import (
    adjustment_cancel,
    adjustment_start,
    adjustment_submit,
    open_adjustment,
)
from sedp.portal.tests.helpers import adopted_plan

NEW_LINE = "Kè chống sạt lở suối thôn A1"


@pytest.fixture
def adjusting(tree):
    plan = adopted_plan(tree)
    adjustment = adjustment_start(user=tree.users.xa1, plan=plan, reason="Bão lũ tháng 3")
    plan.refresh_from_db()
    return plan, adjustment


def test_an_unchanged_adjustment_is_cancelled_and_the_plan_is_locked_again(tree, adjusting):
    plan, adjustment = adjusting
    xa1 = tree.users.xa1
    for outsider in (tree.users.xa3, tree.users.viewer1, tree.users.tckh1):
        with pytest.raises(PermissionDenied):
            adjustment_cancel(user=outsider, plan=plan, reason="Không cần")
    with pytest.raises(ValidationError) as error:
        adjustment_cancel(user=xa1, plan=plan, reason=" ")
    assert "reason" in error.value.message_dict

    cancelled = adjustment_cancel(user=xa1, plan=plan, reason="Đã có vốn khác, thôi điều chỉnh")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and not plan.is_editable
    assert cancelled.cancelled_by == xa1 and not cancelled.is_open
    assert open_adjustment(plan) is None
    event = Event.objects.get(verb="portal.adjustment_cancelled", target_id=str(plan.pk))
    assert event.reason.startswith("Đã có vốn khác") and event.payload["number"] == 1
    with pytest.raises(ValidationError):
        activity_create(user=xa1, plan=plan, **activity_data(tree.agri, title=NEW_LINE))
    # Nothing left to cancel; a new adjustment starts from the same official version.
    with pytest.raises(ValidationError):
        adjustment_cancel(user=xa1, plan=plan, reason="Lần nữa")
    second = adjustment_start(user=xa1, plan=plan, reason="Điều chỉnh lần 2")
    assert (second.number, second.base_version) == (2, plan.resolution.version)


def test_cancelling_is_refused_once_the_content_changed_until_it_is_undone(tree, adjusting):
    plan, _adjustment = adjusting
    xa1 = tree.users.xa1
    added = activity_create(user=xa1, plan=plan, **activity_data(tree.agri, title=NEW_LINE))
    with pytest.raises(ValidationError) as error:
        adjustment_cancel(user=xa1, plan=plan, reason="Không cần")
    assert NEW_LINE in " ".join(error.value.messages)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADJUSTING and open_adjustment(plan) is not None
    assert not Event.objects.filter(verb="portal.adjustment_cancelled").exists()
    # Undone by hand: the plan says what the official version says again.
    activity_delete(user=xa1, activity=Activity.objects.get(pk=added.pk))
    adjustment_cancel(user=xa1, plan=plan, reason="Không cần")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED


def test_a_submitted_adjustment_is_not_cancelled(tree, adjusting):
    plan, _adjustment = adjusting
    xa1 = tree.users.xa1
    adjustment_submit(user=xa1, plan=plan, number="40/TTr-UBND", submitted_on=timezone.localdate())
    with pytest.raises(ValidationError):
        adjustment_cancel(user=xa1, plan=plan, reason="Không cần")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADJUSTING


def test_the_approval_page_offers_cancelling_and_shows_the_cancelled_adjustment(
    tree, adjusting, login
):
    plan, _adjustment = adjusting
    xa1 = login(tree.users.xa1)
    url = reverse("portal-approval-detail", args=[plan.pk])
    page = xa1.get(url).content.decode()
    assert reverse("portal-adjustment-cancel", args=[plan.pk]) in page
    response = xa1.post(reverse("portal-adjustment-cancel", args=[plan.pk]), {"reason": ""})
    plan.refresh_from_db()
    assert response.status_code == 302 and plan.status == PlanStatus.ADJUSTING
    xa1.post(reverse("portal-adjustment-cancel", args=[plan.pk]), {"reason": "Không cần nữa"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    page = xa1.get(url).content.decode()
    assert "Không cần nữa" in page
    assert reverse("portal-adjustment-cancel", args=[plan.pk]) not in page
    assert reverse("portal-adjustment-create", args=[plan.pk]) in page
