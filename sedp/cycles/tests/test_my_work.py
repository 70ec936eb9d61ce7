"""“Việc của tôi”: each user sees their agencies' tasks, marks them done, or an output does."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sedp.core.events import record_event
from sedp.core.models import Event
from sedp.cycles import selectors
from sedp.cycles.models import Task, TaskStatus
from sedp.cycles.services import (
    complete_tasks_for_output,
    complete_tasks_for_outputs,
    cycle_open,
    task_complete,
)


def _freeze(monkeypatch, day):
    monkeypatch.setattr(selectors, "today", lambda: day)


def test_a_village_leader_sees_the_village_tasks_with_deadlines(tree, cycle, login, monkeypatch):
    _freeze(monkeypatch, datetime.date(2026, 5, 20))
    response = login(tree.users.thon1).get(reverse("cycles-task-mine"))
    assert response.status_code == 200
    text = response.text
    assert "Việc của tôi" in text
    assert "01/06/2026" in text and "V2.2" in text and "còn 12 ngày" in text
    assert "Quá hạn" in text and "V1.2" in text  # 07/05 has passed
    assert "X5.2" not in text  # the commune's task is not the village's


def test_my_work_shows_only_my_agencies_tasks(tree, cycle, login):
    response = login(tree.users.thon2).get(reverse("cycles-task-mine"))
    tasks = response.context["groups"]
    agencies = {t.agency_id for group in tasks.values() for t in group}
    assert agencies == {tree.vgroup2.pk}


def test_a_leader_marks_a_task_done_with_evidence(tree, cycle, login):
    task = Task.objects.get(cycle=cycle, agency=tree.vgroup1, activity__code="V2.2")
    client = login(tree.users.thon1)
    url = reverse("cycles-task-detail", args=[task.pk])
    response = client.post(url, {"evidence": ""})
    assert response.status_code == 400 and "bắt buộc" in response.text
    response = client.post(url, {"evidence": "Biên bản họp thôn ngày 28/5"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.done_by == tree.users.thon1
    assert Event.objects.filter(verb="task.completed", target_id=str(task.pk)).exists()
    done = client.get(reverse("cycles-task-mine")).context["groups"]["done"]
    assert [t.pk for t in done] == [task.pk]


def test_a_viewer_or_another_agency_cannot_complete_the_task(tree, cycle, login):
    task = Task.objects.get(cycle=cycle, agency=tree.group1, activity__code="X5.2")
    with pytest.raises(PermissionDenied):
        task_complete(user=tree.users.viewer1, task=task, evidence="x")
    with pytest.raises(PermissionDenied):
        task_complete(user=tree.users.xa3, task=task, evidence="x")
    other = Task.objects.get(cycle=cycle, agency=tree.group3, activity__code="X5.2")
    response = login(tree.users.thon1).get(reverse("cycles-task-detail", args=[other.pk]))
    assert response.status_code == 404


def test_a_task_cannot_be_completed_twice(tree, cycle):
    task = Task.objects.get(cycle=cycle, agency=tree.group1, activity__code="X5.2")
    task_complete(user=tree.users.xa1, task=task, evidence="Tờ trình số 12")
    with pytest.raises(ValidationError):
        task_complete(user=tree.users.xa1, task=task, evidence="again")


def test_an_output_event_completes_the_tasks_that_produce_it(tree, cycle):
    # A synthetic output: the village proposal form accepted by the commune.
    event = record_event(actor=tree.users.xa1, verb="task.completed", target=tree.vgroup1)
    count = complete_tasks_for_output(
        agency=tree.vgroup1, output_code="thon.proposal_final", event=event
    )
    assert count == 1
    task = Task.objects.get(cycle=cycle, agency=tree.vgroup1, activity__code="V2.2")
    assert task.status == TaskStatus.DONE and task.output_event == event
    assert task.done_by == tree.users.xa1
    # Other villages' tasks and unrelated outputs are untouched; a second call does nothing.
    assert (
        Task.objects.get(cycle=cycle, agency=tree.vgroup2, activity__code="V2.2").status == "open"
    )
    assert (
        complete_tasks_for_output(
            agency=tree.vgroup1, output_code="thon.proposal_final", event=event
        )
        == 0
    )
    assert complete_tasks_for_output(agency=tree.vgroup1, output_code="nothing", event=event) == 0


def test_several_outputs_at_once_take_one_query_when_no_task_waits(tree, cycle):
    from sedp.core.models import Event

    event = record_event(actor=tree.users.xa1, verb="task.completed", target=tree.vgroup1)
    with CaptureQueriesContext(connection) as queries:
        assert (
            complete_tasks_for_outputs(
                agency=tree.vgroup2, output_codes=["nothing", "xa.plan_submitted"], event=event
            )
            == 0
        )
    assert len(queries) == 1
    # A task waiting for one of them is done, and its event names the output it waited for.
    assert (
        complete_tasks_for_outputs(
            agency=tree.vgroup1, output_codes=["nothing", "thon.proposal_final"], event=event
        )
        == 1
    )
    task = Task.objects.get(cycle=cycle, agency=tree.vgroup1, activity__code="V2.2")
    assert task.status == TaskStatus.DONE
    done = Event.objects.filter(verb="task.completed", target_id=str(task.pk)).get()
    assert done.payload == {"output": "thon.proposal_final", "event": event.pk}


def test_the_home_page_and_nav_lead_to_my_work(tree, cycle, login):
    response = login(tree.users.thon1).get(reverse("core-home"))
    assert reverse("cycles-task-mine") in response.text
    assert "Xem việc của tôi" in response.text


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_my_work_uses_a_constant_number_of_queries(tree, seed_template, login):
    from conftest import _agency

    cycle_open(user=tree.admin, template=seed_template, structure=tree.structure, report_year=2026)
    client = login(tree.users.xa1)
    url = reverse("cycles-task-mine")
    before = _count(client, url)
    from sedp.accounts.models import Membership, Role

    for i in range(3):
        extra = _agency(tree.commune1, "to_cong_tac_xa", f"Nhóm {i}")
        Membership.objects.create(user=tree.users.xa1, agency=extra, role=Role.PLANNER)
    cycle_open(user=tree.admin, template=seed_template, structure=tree.structure, report_year=2026)
    client = login(tree.users.xa1)
    assert _count(client, url) == before


def test_a_task_completed_by_its_output_shows_the_output_and_can_be_reopened(tree, cycle, login):
    from sedp.cycles.services import task_reopen

    event = record_event(actor=tree.users.xa1, verb="task.completed", target=tree.vgroup1)
    complete_tasks_for_output(agency=tree.vgroup1, output_code="thon.proposal_final", event=event)
    task = Task.objects.get(cycle=cycle, agency=tree.vgroup1, activity__code="V2.2")
    page = login(tree.users.thon1).get(reverse("cycles-task-detail", args=[task.pk]))
    assert "Kết quả đã ghi nhận: đã hoàn thành nhiệm vụ — Tổ công tác thôn A1" in page.text
    task_reopen(user=tree.users.thon1, task=task, reason="Xã trả lại biểu")
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN and task.output_event is None
    with pytest.raises(PermissionDenied):
        task_reopen(user=tree.users.thon2, task=task, reason="x")
