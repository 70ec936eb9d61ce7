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
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sedp.accounts.models import Membership
from sedp.cycles.models import NotificationKind
from sedp.cycles.reminders import SELF_GOVERNING
from sedp.monitoring.models import CollectionNotice, CollectionTask, TaskStatus
from sedp.territory.models import AdminUnit, Agency, AgencyKind

log = logging.getLogger(__name__)


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
    """Send the e-mails of notices not sent yet; each notice is claimed before it is sent."""
    pending = list(
        CollectionNotice.objects.filter(emailed_at__isnull=True)
        .select_related("task__row__indicator", "task__row__activity", "task__agency", "agency")
        .order_by("id")[:limit]
    )
    if not pending:
        return 0
    recipients = {}
    for agency_id, email in Membership.objects.filter(
        agency_id__in={n.agency_id for n in pending}, user__is_active=True
    ).values_list("agency_id", "user__email"):
        if email:
            recipients.setdefault(agency_id, set()).add(email)
    for notice in pending:
        if notice.agency.email:
            recipients.setdefault(notice.agency_id, set()).add(notice.agency.email)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE), get_connection() as mail:
        for notice in pending:
            claimed = CollectionNotice.objects.filter(pk=notice.pk, emailed_at__isnull=True).update(
                emailed_at=timezone.now()
            )
            if not claimed:
                continue  # another run sent it
            to = sorted(recipients.get(notice.agency_id, ()))
            if not to:
                continue
            task = notice.task
            body = "\n".join(
                [
                    _("Report the data of %(period)s: %(subject)s")
                    % {"period": task.period_label, "subject": task.row},
                    f"{task.agency.name} — {task.due_date:%d/%m/%Y}",
                    base_url + reverse("monitoring-task-detail", args=[task.pk]),
                ]
            )
            message = EmailMessage(_subject(notice), body, to=to, connection=mail)
            try:
                message.send()
            except Exception:  # keep the run going; the notice is retried next time
                log.exception("Collection reminder e-mail %s failed", notice.pk)
                CollectionNotice.objects.filter(pk=notice.pk).update(emailed_at=None)
                continue
            sent += 1
    return sent
