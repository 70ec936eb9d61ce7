"""Reminders and escalation, run by `manage.py send_reminders` (cron, every few minutes).

Each notice is one row of Notification, unique on (task, kind, agency) and created by
INSERT … SELECT … ON CONFLICT DO NOTHING: repeated or concurrent runs never create a notice
twice. E-mails are then sent from those rows, each claimed by an UPDATE that only one run wins.
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
from sedp.cycles.models import Notification, NotificationKind, PlanCycle, Task, TaskStatus
from sedp.territory.models import AdminUnit, Agency, AgencyKind

log = logging.getLogger(__name__)

# Bodies whose own unit's People's Committee is not "above" them: escalate to the parent unit.
SELF_GOVERNING = (AgencyKind.PEOPLES_COMMITTEE, AgencyKind.PEOPLES_COUNCIL)


def _tables():
    return {
        "task": Task._meta.db_table,
        "notice": Notification._meta.db_table,
        "cycle": PlanCycle._meta.db_table,
        "agency": Agency._meta.db_table,
        "unit": AdminUnit._meta.db_table,
    }


def _insert(cursor, kind, where, params) -> int:
    """Notices to the task's own agency."""
    t = _tables()
    sql = (
        f"INSERT INTO {t['notice']} (task_id, kind, agency_id, created_at) "
        f"SELECT t.id, %s, t.agency_id, %s FROM {t['task']} t "
        f"JOIN {t['cycle']} c ON c.id = t.cycle_id "
        f"WHERE c.state = 'open' AND t.status = %s AND {where} "
        f"ON CONFLICT (task_id, kind, agency_id) DO NOTHING"
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    cursor.execute(sql, [kind, now, TaskStatus.OPEN, *params])
    return cursor.rowcount


def create_notifications(*, day: datetime.date, days_before: int, escalate_after: int) -> dict:
    """Create the notices due on `day`; returns how many of each kind were new."""
    ops = connection.ops
    d = ops.adapt_datefield_value
    t = _tables()
    created = {}
    with transaction.atomic(), connection.cursor() as cursor:
        created["before"] = _insert(
            cursor,
            NotificationKind.BEFORE,
            "t.due_date > %s AND t.due_date <= %s",
            [d(day), d(day + datetime.timedelta(days=days_before))],
        )
        created["due"] = _insert(cursor, NotificationKind.DUE, "t.due_date = %s", [d(day)])
        created["overdue"] = _insert(cursor, NotificationKind.OVERDUE, "t.due_date < %s", [d(day)])
        # Escalation goes to the People's Committee above the late agency: the UBND of its own
        # unit (phòng TCKH reports to the district chairman, as the seed says), or, for a UBND,
        # an HĐND or a unit without a UBND (a village), the UBND of the parent unit.
        self_governing = ", ".join("%s" for _k in SELF_GOVERNING)
        joins = (
            f"JOIN {t['agency']} a ON a.id = t.agency_id "
            f"JOIN {t['unit']} u ON u.id = t.unit_id "
            f"JOIN {t['agency']} boss ON boss.kind = %s AND boss.is_active AND boss.unit_id = "
            f"CASE WHEN a.kind IN ({self_governing}) OR NOT EXISTS (SELECT 1 FROM {t['agency']} x "
            f"WHERE x.unit_id = t.unit_id AND x.kind = %s AND x.is_active) "
            f"THEN u.parent_id ELSE t.unit_id END"
        )
        join_params = [AgencyKind.PEOPLES_COMMITTEE, *SELF_GOVERNING, AgencyKind.PEOPLES_COMMITTEE]
        late_before = day - datetime.timedelta(days=escalate_after - 1)
        created["escalated"] = _insert_escalations(
            cursor, joins, join_params, "t.due_date < %s", [d(late_before)]
        )
    return created


def _insert_escalations(cursor, joins, join_params, where, where_params) -> int:
    """Notices to the People's Committee above; the JOIN's parameters precede the WHERE's."""
    t = _tables()
    sql = (
        f"INSERT INTO {t['notice']} (task_id, kind, agency_id, created_at) "
        f"SELECT t.id, %s, boss.id, %s FROM {t['task']} t "
        f"JOIN {t['cycle']} c ON c.id = t.cycle_id {joins} "
        f"WHERE c.state = 'open' AND t.status = %s AND {where} "
        f"ON CONFLICT (task_id, kind, agency_id) DO NOTHING"
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    params = [NotificationKind.ESCALATED, now, *join_params, TaskStatus.OPEN, *where_params]
    cursor.execute(sql, params)
    return cursor.rowcount


def _subject(notice) -> str:
    task = notice.task
    labels = {
        NotificationKind.BEFORE: _("Deadline approaching"),
        NotificationKind.DUE: _("Due today"),
        NotificationKind.OVERDUE: _("Overdue"),
        NotificationKind.ESCALATED: _("Overdue at %(agency)s") % {"agency": task.agency.name},
    }
    return f"[SEDP] {labels[notice.kind]}: {task.activity.code} — {task.due_date:%d/%m/%Y}"


def send_emails(*, base_url: str = "", limit: int = 500) -> int:
    """Send the e-mails of calendar notices not sent yet."""
    pending = Notification.objects.filter(emailed_at__isnull=True).select_related(
        "task__activity", "task__agency", "agency"
    )

    def body(notice) -> str:
        task = notice.task
        return "\n".join(
            [
                task.activity.title,
                f"{task.agency.name} — {task.due_date:%d/%m/%Y}",
                base_url + reverse("cycles-task-detail", args=[task.pk]),
            ]
        )

    return email_notices(pending, subject=_subject, body=body, limit=limit)


def email_notices(pending, *, subject, body, limit: int) -> int:
    """E-mail each notice of `pending` (a queryset of notices with `agency` and `emailed_at`)
    to its agency's active members and the agency's own address. A notice is claimed before
    it is sent, so concurrent runs never send it twice; a failed send is retried next run."""
    model = pending.model
    pending = list(pending.order_by("id")[:limit])
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
            claimed = model.objects.filter(pk=notice.pk, emailed_at__isnull=True).update(
                emailed_at=timezone.now()
            )
            if not claimed:
                continue  # another run sent it
            to = sorted(recipients.get(notice.agency_id, ()))
            if not to:
                continue
            message = EmailMessage(subject(notice), body(notice), to=to, connection=mail)
            try:
                message.send()
            except Exception:  # keep the run going; the notice is retried next time
                log.exception("Reminder e-mail %s %s failed", model.__name__, notice.pk)
                model.objects.filter(pk=notice.pk).update(emailed_at=None)
                continue
            sent += 1
    return sent
