"""Reminders, escalation, the notification centre and the calendar feeds."""

import datetime
import io
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from sedp.cycles import selectors
from sedp.cycles.models import Notification, Task
from sedp.cycles.notices import feed_for
from sedp.cycles.reminders import create_notifications, send_emails
from sedp.cycles.services import task_complete


@pytest.fixture
def committees(tree):
    from conftest import _agency

    return {
        "commune1": _agency(tree.commune1, "ubnd", "UBND xã Một A"),
        "district1": _agency(tree.district1, "ubnd", "UBND huyện Một"),
    }


def _run(day, **options):
    out = io.StringIO()
    original = selectors.today
    selectors.today = lambda: day
    try:
        call_command("send_reminders", stdout=out, **options)
    finally:
        selectors.today = original
    return out.getvalue()


def _kinds(agency, cycle):
    return set(
        Notification.objects.filter(agency=agency, task__cycle=cycle).values_list(
            "task__activity__code", "kind"
        )
    )


def test_reminders_before_on_the_day_and_after_the_deadline(tree, committees, cycle):
    tree.users.thon1.email = "thon1@example.vn"
    tree.users.thon1.save()
    _run(datetime.date(2026, 5, 29), days_before=3)
    kinds = _kinds(tree.vgroup1, cycle)
    assert ("V2.2", "before") in kinds and ("V2.1", "before") in kinds
    assert ("V1.2", "overdue") in kinds  # 07/05 has passed
    assert not any(kind == "due" for _code, kind in kinds)
    _run(datetime.date(2026, 6, 1), days_before=3)
    assert ("V2.2", "due") in _kinds(tree.vgroup1, cycle)
    subjects = [m.subject for m in mail.outbox if "thon1@example.vn" in m.to]
    assert any("Sắp đến hạn: V2.2" in s for s in subjects)
    assert any("Đến hạn hôm nay: V2.2" in s for s in subjects)


def test_a_done_task_gets_no_reminder(tree, committees, cycle):
    task = Task.objects.get(cycle=cycle, agency=tree.vgroup1, activity__code="V2.2")
    task_complete(user=tree.users.thon1, task=task, evidence="Biên bản họp thôn")
    _run(datetime.date(2026, 6, 5))
    assert not Notification.objects.filter(task=task).exists()


def test_overdue_tasks_escalate_to_the_peoples_committee_above(tree, committees, cycle):
    _run(datetime.date(2026, 6, 3), escalate_after=1)
    escalated = Notification.objects.filter(kind="escalated")
    # A village has no People's Committee: the commune's is above the village group.
    village = escalated.get(task__agency=tree.vgroup1, task__activity__code="V2.2")
    assert village.agency == committees["commune1"]
    # Phòng TCKH reports to the chairman of its district's People's Committee (the seed).
    tckh = escalated.filter(task__agency=tree.tckh1, task__activity__code="H1.3").get()
    assert tckh.agency == committees["district1"]
    # The commune's own People's Committee escalates to the district's.
    x11 = escalated.get(task__agency=committees["commune1"], task__activity__code="X1.1")
    assert x11.agency == committees["district1"]
    # Not yet late enough for a longer grace period: no escalation of the day-old deadline.
    Notification.objects.all().delete()
    _run(datetime.date(2026, 6, 2), escalate_after=3)
    assert not Notification.objects.filter(kind="escalated", task__activity__code="V2.2").exists()


def test_running_again_sends_nothing_twice(tree, committees, cycle):
    tree.users.xa1.email = "xa1@example.vn"
    tree.users.xa1.save()
    day = datetime.date(2026, 6, 22)
    _run(day)
    notices, emails = Notification.objects.count(), len(mail.outbox)
    assert notices and emails
    out = _run(day)
    assert Notification.objects.count() == notices and len(mail.outbox) == emails
    assert "before: 0, due: 0, overdue: 0, escalated: 0; e-mails sent: 0" in out


@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_create_each_notice_once(tree, committees, seed_template):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race is exercised on PostgreSQL")
    from sedp.cycles.services import cycle_open

    cycle_open(user=None, template=seed_template, structure=tree.structure, report_year=2026)
    day = datetime.date(2026, 7, 10)
    errors = []

    def run():
        try:
            create_notifications(day=day, days_before=3, escalate_after=1)
            send_emails()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    single = Notification.objects.count()
    create_notifications(day=day, days_before=3, escalate_after=1)
    assert Notification.objects.count() == single > 0
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_the_notification_centre_counts_unread_and_marks_read(tree, committees, cycle, login):
    _run(datetime.date(2026, 6, 3))
    client = login(tree.users.thon1)
    home = client.get(reverse("core-home"))
    unread = Notification.objects.filter(agency=tree.vgroup1).count()
    assert unread and f'<span class="badge text-bg-light">{unread}</span>' in home.text
    page = client.get(reverse("cycles-notice-list"))
    assert page.status_code == 200 and "Quá hạn" in page.text
    client.post(reverse("cycles-notice-readall"))
    home = client.get(reverse("core-home"))
    assert '<span class="badge text-bg-light">0</span>' in home.text


def test_an_agency_subscribes_to_its_calendar_with_a_secret_address(tree, cycle, login, client):
    page = login(tree.users.thon1).get(reverse("cycles-calendar-list"))
    feed = feed_for(agency=tree.vgroup1)
    assert feed.token in page.text
    client.logout()
    response = client.get(reverse("cycles-calendar-feed", args=[feed.token]))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == Task.objects.filter(agency=tree.vgroup1).count()
    assert "DTSTART;VALUE=DATE:20260601" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert client.get(reverse("cycles-calendar-feed", args=["wrong"])).status_code == 404


def test_the_notification_centre_uses_a_constant_number_of_queries(tree, committees, cycle, login):
    from django.test.utils import CaptureQueriesContext

    _run(datetime.date(2026, 6, 2))
    assert Notification.objects.filter(agency=tree.group1).exists()
    client = login(tree.users.xa1)
    url = reverse("cycles-notice-list")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    first = Notification.objects.filter(agency=tree.group1).count()
    _run(datetime.date(2026, 7, 10))
    assert Notification.objects.filter(agency=tree.group1).count() > first
    assert count() == before
