"""Changing and deleting the items of a five-year plan, and re-pointing annual links."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sedp.activities.models import ChainLevel, ResultItem
from sedp.core.models import Event
from sedp.fiveyear import services
from sedp.fiveyear.models import Objective, Programme, ProgrammeKind, ProgrammeTask, Target
from sedp.fiveyear.tests.test_fiveyear import frame  # noqa: F401  (the fixture)
from sedp.indicators.models import Indicator
from sedp.plans.models import PlanKind
from sedp.plans.services import plan_create


@pytest.fixture
def linked(tree, frame):  # noqa: F811
    """The frame, with a commune's annual result carrying out its objective and programme."""
    plan, targets, programme = frame
    annual = plan_create(user=tree.users.xa1, agency=tree.group1,
                         kind=PlanKind.COMMUNE_PLAN, report_year=2026)  # fmt: skip
    result = ResultItem.objects.create(plan=annual, level=ChainLevel.GOAL, title="Giảm nghèo xã")
    objective = plan.objectives.get()
    to_objective = services.link_create(
        user=tree.users.xa1, annual_plan=annual, result=result, objective=objective
    )
    to_programme = services.link_create(
        user=tree.users.xa1, annual_plan=annual, result=result, programme=programme
    )
    return plan, targets, programme, objective, to_objective, to_programme


def _verbs(plan):
    return list(
        Event.objects.filter(target_id=str(plan.pk), verb__startswith="fiveyear.").values_list(
            "verb", flat=True
        )
    )


def test_the_author_changes_each_item_and_every_change_is_logged(tree, frame):  # noqa: F811
    plan, targets, programme = frame
    user = tree.users.skhdt
    objective = plan.objectives.get()
    services.objective_update(user=user, objective=objective, title="Giảm nghèo đa chiều")
    poverty = targets["poverty"]
    services.target_update(user=user, target=poverty, indicator=poverty.indicator,
                           target_value="8", baseline="19", objective=None)  # fmt: skip
    lead = tree.snn
    services.programme_update(user=user, programme=programme, title="CTHĐ giảm nghèo bền vững",
                              kind=ProgrammeKind.CENTRAL, code="01", lead_agency=lead,
                              objective=objective, budget=5_000_000_000)  # fmt: skip
    task = programme.tasks.get(title="Hỗ trợ sinh kế")
    services.task_update(user=user, task=task, title="Hỗ trợ sinh kế hộ nghèo", due_year=2028)
    objective.refresh_from_db()
    poverty.refresh_from_db()
    programme.refresh_from_db()
    task.refresh_from_db()
    assert objective.title == "Giảm nghèo đa chiều"
    assert (poverty.target_value, poverty.baseline, poverty.objective) == (8, 19, None)
    assert programme.lead_agency == lead and programme.kind == ProgrammeKind.CENTRAL
    assert (task.title, task.due_year) == ("Hỗ trợ sinh kế hộ nghèo", 2028)
    verbs = _verbs(plan)
    for verb in ["objective_changed", "target_changed", "programme_changed", "task_changed"]:
        assert f"fiveyear.{verb}" in verbs
    change = Event.objects.filter(verb="fiveyear.target_changed").get()
    assert change.payload["changes"]["target_value"][1] == "8"
    # Saving the same values again changes nothing and logs nothing.
    services.task_update(user=user, task=task, title="Hỗ trợ sinh kế hộ nghèo", due_year=2028)
    assert Event.objects.filter(verb="fiveyear.task_changed").count() == 1


def test_changes_are_checked_like_new_items_and_only_by_the_author(tree, frame):  # noqa: F811
    plan, targets, programme = frame
    user = tree.users.skhdt
    forest = targets["forest"]
    with pytest.raises(PermissionDenied):
        services.target_update(user=tree.users.snn, target=forest, indicator=forest.indicator,
                               target_value="61")  # fmt: skip
    with pytest.raises(ValidationError) as error:  # the poverty rate has its own target
        services.target_update(user=user, target=forest,
                               indicator=Indicator.objects.get(code="ty-le-ho-ngheo"),
                               target_value="9")  # fmt: skip
    assert "indicator" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.target_update(user=user, target=forest, indicator=forest.indicator,
                               target_value="160")  # fmt: skip
    assert "100" in str(error.value)
    with pytest.raises(ValidationError) as error:  # a CTDA needs its department
        services.programme_update(user=user, programme=programme, title="x",
                                  kind=ProgrammeKind.CENTRAL)  # fmt: skip
    assert "lead_agency" in error.value.message_dict
    task = programme.tasks.first()
    with pytest.raises(ValidationError) as error:
        services.task_update(user=user, task=task, title="x", due_year=2035)
    assert "2026–2030" in str(error.value)
    with pytest.raises(ValidationError):
        services.objective_update(user=user, objective=plan.objectives.get(), title="  ")
    forest.refresh_from_db()
    assert forest.target_value == 60  # nothing half saved
    assert not [v for v in _verbs(plan) if v.endswith("_changed")]


def test_deleting_what_annual_plans_carry_out_is_refused_naming_them(tree, linked):
    plan, _targets, programme, objective, to_objective, to_programme = linked
    user = tree.users.skhdt
    with pytest.raises(ValidationError) as error:
        services.objective_delete(user=user, objective=objective)
    text = str(error.value)
    assert "Giảm nghèo xã" in text and tree.group1.name in text
    with pytest.raises(ValidationError) as error:
        services.programme_delete(user=user, programme=programme)
    assert "Giảm nghèo xã" in str(error.value)
    assert Objective.objects.filter(pk=objective.pk).exists()
    assert programme.tasks.count() == 2
    # Once the commune removes its links, both go: the programme with its tasks, and the
    # objective's own targets stay in the plan, no longer filed under it.
    services.link_delete(user=tree.users.xa1, link=to_objective)
    services.link_delete(user=tree.users.xa1, link=to_programme)
    services.programme_delete(user=user, programme=programme)
    assert not Programme.objects.filter(pk=programme.pk).exists()
    assert not ProgrammeTask.objects.filter(programme_id=programme.pk).exists()
    poverty = Target.objects.get(plan=plan, indicator__code="ty-le-ho-ngheo")
    services.objective_delete(user=user, objective=objective)
    poverty.refresh_from_db()
    assert poverty.objective is None
    deleted = Event.objects.get(verb="fiveyear.objective_deleted")
    assert deleted.payload["detached"]
    assert Event.objects.get(verb="fiveyear.programme_deleted").payload["tasks"]


def test_targets_and_tasks_are_deleted_by_the_author_only(tree, frame):  # noqa: F811
    plan, targets, programme = frame
    with pytest.raises(PermissionDenied):
        services.target_delete(user=tree.users.snn, target=targets["growth"])
    services.target_delete(user=tree.users.skhdt, target=targets["growth"])
    task = programme.tasks.first()
    services.task_delete(user=tree.users.skhdt, task=task)
    assert plan.targets.count() == 2 and programme.tasks.count() == 1
    assert {"fiveyear.target_deleted", "fiveyear.task_deleted"} <= set(_verbs(plan))


def test_a_link_is_pointed_at_another_objective_or_programme(tree, linked):
    plan, _targets, programme, objective, to_objective, to_programme = linked
    second = services.programme_add(user=tree.users.skhdt, plan=plan, title="CTHĐ nông thôn mới")
    with pytest.raises(PermissionDenied):
        services.link_update(user=tree.users.tckh1, link=to_programme, programme=second)
    with pytest.raises(ValidationError):  # the result already carries out the objective
        services.link_update(user=tree.users.xa1, link=to_programme, objective=objective)
    services.link_update(user=tree.users.xa1, link=to_programme, programme=second)
    to_programme.refresh_from_db()
    assert to_programme.programme == second
    event = Event.objects.get(verb="fiveyear.link_changed")
    assert event.payload["after"] == str(second)


def test_the_pages_change_and_delete_items(tree, linked, login):
    plan, targets, programme, objective, to_objective, _to_programme = linked
    client = login(tree.users.skhdt)
    detail = reverse("fiveyear-plan-detail", args=[plan.pk])
    page = client.get(detail).content.decode()
    edit = reverse("fiveyear-item-edit", args=[plan.pk, "target", targets["forest"].pk])
    assert edit in page
    form = client.get(edit).content.decode()
    assert 'value="60' in form  # the current target is filled in
    assert f"Sửa: {targets['forest'].indicator.name}</h1>" in form
    response = client.post(edit, {"indicator": targets["forest"].indicator.pk,
                                  "measure": "level", "baseline": "55",
                                  "target_value": "62"})  # fmt: skip
    assert response.status_code == 302
    targets["forest"].refresh_from_db()
    assert targets["forest"].target_value == 62
    # A bad value comes back on the form, in Vietnamese, naming the field.
    response = client.post(edit, {"indicator": targets["forest"].indicator.pk,
                                  "measure": "level", "target_value": "150"})  # fmt: skip
    assert response.status_code == 200 and "không được vượt quá 100" in response.content.decode()
    delete = reverse("fiveyear-item-delete", args=[plan.pk, "objective", objective.pk])
    page = client.post(delete, follow=True).content.decode()
    assert "Giảm nghèo xã" in page and Objective.objects.filter(pk=objective.pk).exists()
    task = programme.tasks.first()
    client.post(reverse("fiveyear-item-delete", args=[plan.pk, "task", task.pk]))
    assert not ProgrammeTask.objects.filter(pk=task.pk).exists()
    # Another body's planner neither sees the buttons nor may use them.
    other = login(tree.users.snn)
    assert other.get(edit).status_code in {403, 404}
    assert other.post(delete).status_code in {403, 404}
    # The commune re-points its link from the links page.
    commune = login(tree.users.xa1)
    links = reverse("fiveyear-link-list", args=[to_objective.result.plan_id])
    page = commune.get(links).content.decode()
    assert 'name="change"' in page
    # Already linked to that programme: refused, and said so.
    response = commune.post(
        links, {"change": to_objective.pk, "frame": f"programme:{programme.pk}"}, follow=True
    )
    assert "đã được liên kết" in response.content.decode()
    second = services.programme_add(user=tree.users.skhdt, plan=plan, title="CTHĐ nông thôn mới")
    commune.post(links, {"change": to_objective.pk, "frame": f"programme:{second.pk}"})
    to_objective.refresh_from_db()
    assert (to_objective.objective, to_objective.programme) == (None, second)
