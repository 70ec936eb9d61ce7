"""Reminders for data collection tasks, run with the planning calendar's reminders by
`manage.py send_reminders` (cron, every few minutes), with the same settings and rules as
cycles.reminders: a notice before the deadline, on it and after it to the collecting agency,
and after `escalate_after` days late one to the People's Committee above it (the UBND of its
own unit, or of the parent unit for a UBND, an HĐND or a unit without a UBND).

Notices are CollectionNotice rows created by INSERT … SELECT … ON CONFLICT DO NOTHING on
(task, kind, agency), so repeated or concurrent runs never create one twice; each e-mail is
claimed by an UPDATE that only one run wins.
"""

import datetime

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sedp.cycles.models import NotificationKind
from sedp.cycles.reminders import SELF_GOVERNING, email_notices
from sedp.monitoring.models import CollectionNotice, CollectionTask, TaskStatus
from sedp.territory.models import AdminUnit, Agency, AgencyKind


def _tables() -> dict:
    return {
        "task": CollectionTask._meta.db_table,
        "notice": CollectionNotice._meta.db_table,
        "agency": Agency._meta.db_table,
        "unit": AdminUnit._meta.db_table,
    }


def _insert(cursor, kind, recipient, joins, join_params, where, where_params) -> int:
    """Notices of `kind` to `recipient` (a column) for the open tasks matching `where`."""
    t = _tables()
    sql = (
        f"INSERT INTO {t['notice']} (task_id, kind, agency_id, created_at) "
        f"SELECT t.id, %s, {recipient}, %s FROM {t['task']} t {joins} "
        f"WHERE t.status = %s AND {where} "
        f"ON CONFLICT (task_id, kind, agency_id) DO NOTHING"
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    cursor.execute(sql, [kind, now, *join_params, TaskStatus.OPEN, *where_params])
    return cursor.rowcount


def create_collection_notices(*, day: datetime.date, days_before: int, escalate_after: int) -> dict:
    """Create the notices due on `day`; returns how many of each kind were new."""
    d = connection.ops.adapt_datefield_value
    t = _tables()
    created = {}
    own = ("t.agency_id", "", [])
    with transaction.atomic(), connection.cursor() as cursor:
        created["before"] = _insert(
            cursor,
            NotificationKind.BEFORE,
            *own,
            "t.due_date > %s AND t.due_date <= %s",
            [d(day), d(day + datetime.timedelta(days=days_before))],
        )
        created["due"] = _insert(cursor, NotificationKind.DUE, *own, "t.due_date = %s", [d(day)])
        created["overdue"] = _insert(
            cursor, NotificationKind.OVERDUE, *own, "t.due_date < %s", [d(day)]
        )
        self_governing = ", ".join("%s" for _k in SELF_GOVERNING)
        joins = (
            f"JOIN {t['agency']} a ON a.id = t.agency_id "
            f"JOIN {t['unit']} u ON u.id = a.unit_id "
            f"JOIN {t['agency']} boss ON boss.kind = %s AND boss.is_active AND boss.unit_id = "
            f"CASE WHEN a.kind IN ({self_governing}) OR NOT EXISTS (SELECT 1 FROM {t['agency']} x "
            f"WHERE x.unit_id = a.unit_id AND x.kind = %s AND x.is_active) "
            f"THEN u.parent_id ELSE a.unit_id END"
        )
        join_params = [AgencyKind.PEOPLES_COMMITTEE, *SELF_GOVERNING, AgencyKind.PEOPLES_COMMITTEE]
        late_before = day - datetime.timedelta(days=escalate_after - 1)
        created["escalated"] = _insert(
            cursor,
            NotificationKind.ESCALATED,
            "boss.id",
            joins,
            join_params,
            "t.due_date < %s",
            [d(late_before)],
        )
    return created


def _subject(notice) -> str:
    task = notice.task
    if notice.kind == NotificationKind.ESCALATED:
        label = _("Overdue at %(agency)s") % {"agency": task.agency.name}
    else:
        label = notice.get_kind_display()
    return f"[SEDP] {label}: {task.row} — {task.period_label} — {task.due_date:%d/%m/%Y}"


def send_collection_emails(*, base_url: str = "", limit: int = 500) -> int:
    """Send the e-mails of collection notices not sent yet."""
    pending = CollectionNotice.objects.filter(emailed_at__isnull=True).select_related(
        "task__row__indicator", "task__row__activity", "task__agency", "agency"
    )

    def body(notice) -> str:
        task = notice.task
        return "\n".join(
            [
                _("Report the data of %(period)s: %(subject)s")
                % {"period": task.period_label, "subject": task.row},
                f"{task.agency.name} — {task.due_date:%d/%m/%Y}",
                base_url + reverse("monitoring-task-detail", args=[task.pk]),
            ]
        )

    return email_notices(pending, subject=_subject, body=body, limit=limit)
