"""Recording meetings. A plan's meeting is written by the plan's own group."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sedp.accounts.scoping import scope_for
from sedp.core.events import record_event
from sedp.core.text import nfc
from sedp.meetings import hooks
from sedp.meetings.models import Meeting, MeetingKind
from sedp.plans.rules import can_edit
from sedp.plans.services import require_editable

TEXT_FIELDS = ["place", "agenda", "minutes", "decisions_text"]
COUNT_FIELDS = ["men", "women", "ethnic_minority", "poor_households"]
MAX_PEOPLE = 100_000


def clean_meeting(data: dict) -> dict:
    errors, clean = {}, {}
    day = data.get("date")
    if not isinstance(day, datetime.date):
        errors["date"] = _("Enter the date of the meeting.")
    elif day > timezone.localdate():
        errors["date"] = _("A meeting cannot be recorded before it takes place.")
    clean["date"] = day
    for name in TEXT_FIELDS:
        clean[name] = nfc(data.get(name, ""))
    clean["place"] = clean["place"][:255]
    for name in COUNT_FIELDS:
        value = data.get(name) or 0
        if not isinstance(value, int) or not 0 <= value <= MAX_PEOPLE:
            errors[name] = _("Enter a number of people between 0 and 100 000.")
        clean[name] = value
    if not errors:
        total = clean["men"] + clean["women"]
        if total == 0:
            errors["men"] = _("Enter how many men and women attended.")
        for name in ("ethnic_minority", "poor_households"):
            if clean[name] > total:
                errors[name] = _("This cannot be more than the %(total)s people who attended.") % {
                    "total": total
                }
    if errors:
        raise ValidationError(errors)
    return clean


def _require_plan_edit(user, plan) -> None:
    if not can_edit(scope_for(user), plan):
        raise PermissionDenied(_("Only the plan's own group can change it."))
    require_editable(plan)


@transaction.atomic
def meeting_record(*, user, plan, kind=MeetingKind.VILLAGE_MEETING, **data) -> Meeting:
    """Record a meeting about a plan (the village meeting that agreed on a proposal…)."""
    _require_plan_edit(user, plan)
    if kind not in MeetingKind.values:
        raise ValidationError({"kind": _("Unknown kind of meeting.")})
    clean = clean_meeting(data)
    meeting = Meeting.objects.create(kind=kind, unit=plan.unit, plan=plan, **clean)
    event = record_event(
        actor=user,
        verb="meeting.recorded",
        target=meeting,
        unit=plan.unit,
        payload={"kind": kind, "date": clean["date"].isoformat(), "women": clean["women"]},
    )
    hooks.on_output(plan.agency, f"{kind}.recorded", event)
    return meeting


@transaction.atomic
def meeting_update(*, user, meeting, **data) -> Meeting:
    _require_plan_edit(user, meeting.plan)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    clean = clean_meeting(data)
    for name, value in clean.items():
        setattr(meeting, name, value)
    meeting.save()
    record_event(actor=user, verb="meeting.updated", target=meeting, unit=meeting.unit)
    return meeting
