"""A commune's budget estimate: funded activities plus recurrent needs, checked by phòng TCKH."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sedp.activities.models import ActivityStatus
from sedp.activities.services import activity_create, activity_set_status
from sedp.plans.models import PlanKind
from sedp.plans.services import plan_create
from sedp.plans.tests.helpers import activity_data
from sedp.targets.models import BudgetStatus
from sedp.targets.services import budget_prepare, budget_review, budget_submit


@pytest.fixture
def plan(tree):
    plan = plan_create(
        user=tree.users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=2026
    )
    funded = activity_create(user=tree.users.xa1, plan=plan, **activity_data(tree.agri))
    activity_set_status(user=tree.users.xa1, activity=funded, status=ActivityStatus.FUNDED)
    activity_create(user=tree.users.xa1, plan=plan, **activity_data(tree.agri, title="Chưa có vốn"))
    return plan


def test_estimate_is_built_from_funded_activities_and_checked_by_the_district(tree, plan):
    estimate = budget_prepare(user=tree.users.xa1, plan=plan, recurrent="1.500.000.000")
    # Only the funded activity counts: 400 tr NTP + 20 tr cash + 30 tr labour.
    assert estimate.investment_total == 450_000_000
    assert estimate.investment["fund_target_programmes"] == 400_000_000
    assert estimate.total == 1_950_000_000
    budget_submit(user=tree.users.xa1, estimate=estimate)
    with pytest.raises(PermissionDenied):
        budget_review(user=tree.users.xa1, estimate=estimate, accept=True, proposed_allocation=1)
    with pytest.raises(ValidationError) as error:
        budget_review(user=tree.users.tckh1, estimate=estimate, accept=False, reason="")
    assert "reason" in error.value.message_dict
    returned = budget_review(
        user=tree.users.tckh1, estimate=estimate, accept=False, reason="Chi thường xuyên quá cao"
    )
    assert returned.status == BudgetStatus.RETURNED
    budget_prepare(user=tree.users.xa1, plan=plan, recurrent="1.200.000.000")
    budget_submit(user=tree.users.xa1, estimate=estimate)
    with pytest.raises(ValidationError) as error:
        budget_review(
            user=tree.users.tckh1, estimate=estimate, accept=True, proposed_allocation="-5"
        )
    assert "proposed_allocation" in error.value.message_dict
    accepted = budget_review(
        user=tree.users.tckh1, estimate=estimate, accept=True, proposed_allocation="1.600.000.000"
    )
    assert accepted.status == BudgetStatus.ACCEPTED
    assert accepted.proposed_allocation == 1_600_000_000


def test_estimate_refuses_bad_amounts(tree, plan):
    for bad in ("nhiều", "-1", "1,5"):
        with pytest.raises(ValidationError) as error:
            budget_prepare(user=tree.users.xa1, plan=plan, recurrent=bad)
        assert "recurrent" in error.value.message_dict


def test_budget_page_for_the_commune_and_the_district(tree, plan, login):
    estimate = budget_prepare(user=tree.users.xa1, plan=plan, recurrent="100")
    budget_submit(user=tree.users.xa1, estimate=estimate)
    page = login(tree.users.tckh1).get(f"/targets/budget/{plan.pk}/").content.decode()
    assert 'value="review"' in page
    mine = login(tree.users.tckh1).get("/targets/?year=2026").content.decode()
    assert f"/targets/budget/{plan.pk}/" in mine
    assert login(tree.users.xa3).get(f"/targets/budget/{plan.pk}/").status_code == 404
