"""Reminders for data collection tasks: before, on and after the deadline, escalation to the
People's Committee above, e-mails once, run by the calendar's `send_reminders`."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from conftest import _agency
from sedp.cycles import selectors
from sedp.monitoring import services
from sedp.monitoring.models import CollectionNotice
from sedp.monitoring.reminders import create_collection_notices
from sedp.monitoring.tests.helpers import monitored
from sedp.territory.models import AgencyKind

pytestmark = pytest.mark.django_db
# The plan year is 2027; a quarterly row's first report is due 10 days after 31/03.
Q1_DUE = datetime.date(2027, 4, 10)


@pytest.fixture
def t(tree):
    t = monitored(tree)
    t.ubnd1 = _agency(tree.commune1, AgencyKind.PEOPLES_COMMITTEE, "UBND xã Một A")
    return t


def _run(day, **options):
    out = io.StringIO()
    original = selectors.today
    selectors.today = lambda: day
    try:
        call_command("send_reminders", stdout=out, **options)
    finally:
        selectors.today = original
    return out.getvalue()


def _notices(agency):
    return set(
        CollectionNotice.objects.filter(agency=agency).values_list(
            "task__row__indicator__code", "task__number", "kind"
        )
    )


def test_reminders_before_on_and_after_the_deadline_then_escalated(tree, t):
    tree.users.xa1.email = "xa1@example.vn"
    tree.users.xa1.save()
    out = _run(Q1_DUE - datetime.timedelta(days=2), days_before=3, escalate_after=5)
    assert "collection tasks: before: " in out
    assert ("san-luong-lua", 1, "before") in _notices(tree.group1)
    assert not any(number == 2 for _code, number, _kind in _notices(tree.group1))
    _run(Q1_DUE, days_before=3, escalate_after=5)
    assert ("san-luong-lua", 1, "due") in _notices(tree.group1)
    _run(Q1_DUE + datetime.timedelta(days=1), days_before=3, escalate_after=5)
    assert ("san-luong-lua", 1, "overdue") in _notices(tree.group1)
    assert not _notices(t.ubnd1)  # one day late: not escalated yet
    _run(Q1_DUE + datetime.timedelta(days=5), days_before=3, escalate_after=5)
    # The planning group's and the cooperative's late tasks go up to the commune's UBND.
    escalated = CollectionNotice.objects.filter(agency=t.ubnd1, kind="escalated")
    assert {n.task.agency_id for n in escalated} == {tree.group1.pk, tree.coop1.pk}
    subjects = [m.subject for m in mail.outbox if "xa1@example.vn" in m.to]
    assert any(s.startswith("[SEDP] Sắp đến hạn: Sản lượng lúa — Quý 1/2027") for s in subjects)
    assert any(s.startswith("[SEDP] Quá hạn: Sản lượng lúa") for s in subjects)


def test_reminders_are_idempotent_and_stop_once_reported(tree, t):
    day = Q1_DUE + datetime.timedelta(days=6)
    first = create_collection_notices(day=day, days_before=3, escalate_after=5)
    assert first["overdue"] > 0 and first["escalated"] > 0
    again = create_collection_notices(day=day, days_before=3, escalate_after=5)
    assert again == {"before": 0, "due": 0, "overdue": 0, "escalated": 0}
    count = CollectionNotice.objects.count()
    _run(day)
    sent = len(mail.outbox)
    _run(day)
    assert CollectionNotice.objects.count() == count and len(mail.outbox) == sent

    rice = t.rows["san-luong-lua"].tasks.get(number=2)
    services.report_value(user=tree.users.xa1, task=rice, value="250")
    create_collection_notices(day=datetime.date(2027, 7, 20), days_before=3, escalate_after=5)
    assert not CollectionNotice.objects.filter(task=rice).exists()
    other = t.rows["ty-le-ho-ngheo"].tasks.get(number=2)
    assert CollectionNotice.objects.filter(task=other, kind="overdue").exists()


def test_my_reporting_work_lists_the_reminders_in_constant_queries(
    tree, t, login, django_assert_max_num_queries
):
    create_collection_notices(
        day=Q1_DUE + datetime.timedelta(days=30), days_before=3, escalate_after=5
    )
    client = login(tree.users.xa1)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("monitoring-work-mine")).content.decode()
    assert "Nhắc việc" in page and "Quá hạn" in page
    assert page.count('class="badge text-bg-danger"') >= 2


def _calendar_notices(tree, day):
    """The planning calendar's own notices to the same agencies (cycles.reminders)."""
    from sedp.cycles.loading import load_all_templates
    from sedp.cycles.models import ProcessTemplate
    from sedp.cycles.reminders import create_notifications
    from sedp.cycles.services import cycle_open

    load_all_templates()
    template = ProcessTemplate.objects.get(code="laocai-1131-3cap")
    cycle_open(user=tree.users.skhdt, template=template, structure=tree.structure, report_year=2026)
    create_notifications(day=day, days_before=3, escalate_after=5)


def test_the_notification_centre_lists_and_counts_collection_reminders_too(
    tree, t, login, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sedp.cycles.models import Notification
    from sedp.monitoring.models import CollectionNoticeRead

    _calendar_notices(tree, datetime.date(2026, 6, 3))
    create_collection_notices(day=Q1_DUE, days_before=3, escalate_after=5)
    calendar = Notification.objects.filter(agency=tree.group1).count()
    collection = CollectionNotice.objects.filter(agency=tree.group1).count()
    assert calendar and collection
    client = login(tree.users.xa1)
    home = client.get(reverse("core-home")).text
    assert f'<span class="badge text-bg-light">{calendar + collection}</span>' in home

    url = reverse("cycles-notice-list")

    def page():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return response.text, len(queries)

    text, queries = page()
    # One list, newest first: the collection reminders were created after the calendar's.
    assert "Sản lượng lúa</a> — Quý 1/2027" in text
    first_row = text.split("<tbody>")[1].split("</tr>")[0]
    assert "Thu thập số liệu" in first_row
    newest_calendar = Notification.objects.filter(agency=tree.group1).first()
    assert reverse("cycles-task-detail", args=[newest_calendar.task_id]) in text
    # More notices of both kinds: the same number of queries.
    create_collection_notices(
        day=Q1_DUE + datetime.timedelta(days=120), days_before=3, escalate_after=5
    )
    _calendar_notices(tree, datetime.date(2026, 7, 20))
    assert CollectionNotice.objects.filter(agency=tree.group1).count() > collection
    assert queries == page()[1]
    with django_assert_max_num_queries(queries):
        client.get(url)

    client.post(reverse("cycles-notice-readall"))
    home = client.get(reverse("core-home")).text
    assert '<span class="badge text-bg-light">0</span>' in home
    assert CollectionNoticeRead.objects.filter(user=tree.users.xa1).count() == (
        CollectionNotice.objects.filter(agency=tree.group1).count()
    )
    # A reminder created afterwards is unread again: the badge counts it.
    other = t.rows["ty-le-ho-ngheo"].tasks.get(number=4)
    CollectionNotice.objects.create(task=other, kind="due", agency=tree.group1)
    home = client.get(reverse("core-home")).text
    assert '<span class="badge text-bg-light">1</span>' in home


def test_each_notice_of_either_kind_is_marked_read_on_its_own(
    tree, t, login, django_assert_max_num_queries
):
    from sedp.cycles import notices
    from sedp.cycles.models import Notification, NotificationRead
    from sedp.monitoring.models import CollectionNoticeRead

    _calendar_notices(tree, datetime.date(2026, 6, 3))
    create_collection_notices(day=Q1_DUE, days_before=3, escalate_after=5)
    calendar = Notification.objects.filter(agency=tree.group1).first()
    collection = CollectionNotice.objects.filter(agency=tree.group1).first()
    total = (
        Notification.objects.filter(agency=tree.group1).count()
        + CollectionNotice.objects.filter(agency=tree.group1).count()
    )
    client = login(tree.users.xa1)
    url = reverse("cycles-notice-list")
    page = client.get(url).text
    calendar_url = reverse("cycles-notice-read", args=["calendar", calendar.pk])
    collection_url = reverse("cycles-notice-read", args=["collection", collection.pk])
    assert calendar_url in page and collection_url in page and "Đánh dấu đã đọc" in page

    # One notice of each kind, each in the same few queries (session, user, scope, the
    # notice, the mark in a savepoint) however many notices there are.
    with django_assert_max_num_queries(12):
        response = client.post(calendar_url, {"page": "1"})
    assert response.status_code == 302 and response.url == f"{url}?page=1"
    with django_assert_max_num_queries(12):
        client.post(collection_url)
    assert NotificationRead.objects.filter(user=tree.users.xa1).count() == 1
    assert CollectionNoticeRead.objects.filter(user=tree.users.xa1).count() == 1
    home = client.get(reverse("core-home")).text
    assert f'<span class="badge text-bg-light">{total - 2}</span>' in home
    page = client.get(url).text
    assert calendar_url not in page and collection_url not in page
    assert page.count("Đánh dấu đã đọc") == min(total, 50) - 2  # the two newest are read
    # Again: nothing changes. Another agency's notice, or an unknown kind: not found.
    assert notices.mark_read(user=tree.users.xa1, source="calendar", notice_id=calendar.pk) is False
    assert client.post(collection_url).status_code == 302
    assert CollectionNoticeRead.objects.filter(user=tree.users.xa1).count() == 1
    assert login(tree.users.xa3).post(calendar_url).status_code == 404
    unknown = reverse("cycles-notice-read", args=["other", calendar.pk])
    assert client.post(unknown).status_code == 404
    assert NotificationRead.objects.count() == 1
    assert client.get(calendar_url).status_code == 405
