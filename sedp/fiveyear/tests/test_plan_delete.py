"""Renaming and deleting a whole five-year plan, and the confirmation every deletion asks."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sedp.core.models import Event
from sedp.fiveyear import services
from sedp.fiveyear.models import AnnualLink, FiveYearPlan, Objective, ProgrammeTask, Target
from sedp.fiveyear.tests.test_edit import linked  # noqa: F401  (the fixture)
from sedp.fiveyear.tests.test_fiveyear import frame  # noqa: F401  (the fixture)


def test_the_author_renames_the_plan_and_others_may_not(tree, frame):  # noqa: F811
    plan, _targets, _programme = frame
    services.five_year_plan_rename(user=tree.users.skhdt, plan=plan, title="KH 5 năm (sửa)")
    plan.refresh_from_db()
    assert plan.title == "KH 5 năm (sửa)"
    event = Event.objects.get(verb="fiveyear.plan_renamed")
    assert event.payload["changes"]["title"][1] == "KH 5 năm (sửa)"
    with pytest.raises(ValidationError) as error:
        services.five_year_plan_rename(user=tree.users.skhdt, plan=plan, title="  ")
    assert "title" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.five_year_plan_rename(user=tree.users.snn, plan=plan, title="X")


def test_deleting_the_plan_is_refused_naming_the_annual_plans_that_carry_it_out(
    tree,
    linked,  # noqa: F811
):
    plan, _targets, _programme, _objective, to_objective, _to_programme = linked
    with pytest.raises(ValidationError) as error:
        services.five_year_plan_delete(user=tree.users.skhdt, plan=plan)
    text = " ".join(error.value.messages)
    assert to_objective.result.plan.agency.name in text and "2027" in text
    assert FiveYearPlan.objects.filter(pk=plan.pk).exists()
    assert not Event.objects.filter(verb="fiveyear.plan_deleted").exists()


def test_deleting_an_unused_plan_takes_its_parts_and_is_recorded(tree, frame):  # noqa: F811
    plan, _targets, programme = frame
    assert not AnnualLink.objects.exists()
    with pytest.raises(PermissionDenied):
        services.five_year_plan_delete(user=tree.users.snn, plan=plan)
    services.five_year_plan_delete(user=tree.users.skhdt, plan=plan)
    assert not FiveYearPlan.objects.filter(pk=plan.pk).exists()
    assert not Objective.objects.filter(plan_id=plan.pk).exists()
    assert not Target.objects.filter(plan_id=plan.pk).exists()
    assert not ProgrammeTask.objects.filter(programme_id=programme.pk).exists()
    event = Event.objects.get(verb="fiveyear.plan_deleted")
    assert event.payload["title"] == plan.title and event.payload["programmes"]


def test_every_delete_asks_on_a_page_first_without_javascript(tree, frame, login):  # noqa: F811
    plan, _targets, programme = frame
    client = login(tree.users.skhdt)
    detail = client.get(reverse("fiveyear-plan-detail", args=[plan.pk])).content.decode()
    task = programme.tasks.first()
    delete_task = reverse("fiveyear-item-delete", args=[plan.pk, "task", task.pk])
    delete_programme = reverse("fiveyear-item-delete", args=[plan.pk, "programme", programme.pk])
    delete_plan = reverse("fiveyear-plan-delete", args=[plan.pk])
    rename = reverse("fiveyear-plan-rename", args=[plan.pk])
    for url in (delete_task, delete_programme, delete_plan, rename):
        assert f'href="{url}"' in detail  # plain links: no form posts straight away
    # The link shows a question; nothing is deleted until its form is posted.
    page = client.get(delete_programme).content.decode()
    assert f"Xóa “{programme}”?" in page and "công việc của chương trình" in page
    assert ProgrammeTask.objects.filter(pk=task.pk).exists()
    page = client.get(delete_plan).content.decode()
    assert "Xóa" in page and 'method="post"' in page
    assert FiveYearPlan.objects.filter(pk=plan.pk).exists()
    # Cancelling is a link back; confirming deletes.
    assert client.post(delete_task).status_code == 302
    assert not ProgrammeTask.objects.filter(pk=task.pk).exists()
    response = client.post(rename, {"title": "Kế hoạch 5 năm đổi tên"}, follow=True)
    assert "Kế hoạch 5 năm đổi tên" in response.content.decode()
    response = client.post(delete_plan, follow=True)
    assert response.redirect_chain[-1][0] == reverse("fiveyear-plan-list")
    assert not FiveYearPlan.objects.filter(pk=plan.pk).exists()
    # Another body's planner sees no such page.
    assert login(tree.users.snn).get(delete_plan).status_code in {403, 404}


def test_the_confirmation_of_a_plan_in_use_names_the_annual_plans_and_offers_no_delete(
    tree,
    linked,  # noqa: F811
    login,
):
    plan, _targets, _programme, objective, to_objective, _to_programme = linked
    client = login(tree.users.skhdt)
    page = client.get(reverse("fiveyear-plan-delete", args=[plan.pk])).content.decode()
    assert 'id="delete-blocked"' in page and to_objective.result.plan.agency.name in page
    assert 'type="submit"' not in page.split('id="delete-blocked"')[1]
    page = client.get(
        reverse("fiveyear-item-delete", args=[plan.pk, "objective", objective.pk])
    ).content.decode()
    assert 'id="delete-blocked"' in page
    # Posting anyway is refused with the names, and nothing goes.
    response = client.post(reverse("fiveyear-plan-delete", args=[plan.pk]), follow=True)
    assert to_objective.result.plan.agency.name in response.content.decode()
    assert FiveYearPlan.objects.filter(pk=plan.pk).exists()
