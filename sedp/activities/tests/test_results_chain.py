"""The results chain: goal → specific objective → output, and activities under outputs."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sedp.activities.models import ChainLevel, ResultItem
from sedp.activities.services import activity_create, result_add
from sedp.plans.tests.helpers import activity_data, proposal


def test_a_plan_builds_its_chain_and_hangs_an_activity_below_an_output(tree, login):
    user = tree.users.thon1
    plan = proposal(user, tree.vgroup1, [])
    goal = result_add(user=user, plan=plan, level=ChainLevel.GOAL, title="Nâng cao thu nhập")
    objective = result_add(
        user=user, plan=plan, level=ChainLevel.OBJECTIVE, title="Giảm hộ nghèo", parent=goal
    )
    client = login(user)
    client.post(
        reverse("activities-result-create", args=[plan.pk]),
        {"level": "output", "parent": objective.pk, "title": "Đường nội đồng thông suốt"},
    )
    output = ResultItem.objects.get(level=ChainLevel.OUTPUT)
    activity = activity_create(user=user, plan=plan, **activity_data(tree.agri, result=output))
    assert activity.result == output
    page = client.get(reverse("plans-plan-detail", args=[plan.pk])).content.decode()
    assert "Nâng cao thu nhập" in page and "Đường nội đồng thông suốt" in page


def test_each_level_must_hang_below_the_level_before(tree):
    user = tree.users.thon1
    plan = proposal(user, tree.vgroup1, [])
    goal = result_add(user=user, plan=plan, level=ChainLevel.GOAL, title="Mục tiêu")
    with pytest.raises(ValidationError) as error:
        result_add(user=user, plan=plan, level=ChainLevel.OUTPUT, title="Đầu ra", parent=goal)
    assert "mục tiêu cụ thể" in error.value.message_dict["parent"][0]
    other = proposal(tree.users.thon2, tree.vgroup2, [])
    with pytest.raises(ValidationError):
        result_add(
            user=tree.users.thon2, plan=other, level=ChainLevel.OBJECTIVE, title="x", parent=goal
        )
    with pytest.raises(ValidationError):
        activity_create(user=tree.users.thon2, plan=other, **activity_data(tree.agri, result=goal))
    assert ResultItem.objects.count() == 1


def test_references_are_kept_by_the_orm_without_database_constraints(tree):
    """Activity's sector, place, agency and output have no database constraint (see the
    model): Django's on_delete must still refuse or clear them."""
    from django.db.models import ProtectedError

    from sedp.activities.services import result_delete

    user = tree.users.thon1
    plan = proposal(user, tree.vgroup1, [])
    output = result_add(user=user, plan=plan, level=ChainLevel.GOAL, title="Mục tiêu")
    activity = activity_create(user=user, plan=plan, **activity_data(tree.agri, result=output))
    for referenced in (tree.agri, activity.place):
        with pytest.raises(ProtectedError) as refused:
            referenced.delete()
        assert activity in refused.value.protected_objects
    result_delete(user=user, item=output)
    activity.refresh_from_db()
    assert activity.result is None and activity.sector == tree.agri
