"""The commune kick-off meeting (seed, commune step 1: "UBND xã tổ chức Hội nghị triển khai").

The commune People's Committee convenes it before 8 May: it explains how villages and commune
agencies fill in the forms and agrees the timetable and who supplies what. It is a fact of
the commune, not of a plan (the commune plan may not exist yet), so it is recorded on the
commune unit and linked to the commune plan of the year when there is one. One kick-off per
commune and report year: recording it again corrects the record.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from sedp.accounts.models import EDITING_ROLES
from sedp.accounts.scoping import scope_for
from sedp.core.events import record_event
from sedp.meetings import hooks
from sedp.meetings.models import AgencyAttendance, Meeting, MeetingKind
from sedp.meetings.services import MAX_PEOPLE, clean_meeting
from sedp.territory.models import Agency, AgencyKind

# Who convenes and records it: the commune People's Committee (its leaders and planners) and
# the commune planning group that prepares it.
RECORDERS = {AgencyKind.PEOPLES_COMMITTEE, AgencyKind.COMMUNE_PLANNING_GROUP}


def can_record_kickoff(user, commune) -> bool:
    scope = scope_for(user)
    return scope.is_admin or any(
        m.role in EDITING_ROLES and m.agency.unit_id == commune.pk and m.agency.kind in RECORDERS
        for m in scope.memberships
    )


def kickoff_agencies(commune):
    """Who the seed invites: the commune's planning group, specialist staff, mass
    organisations, school, health station, enterprises, cooperatives, project boards, and
    the village working groups."""
    return (
        Agency.objects.filter(
            Q(unit=commune) & ~Q(kind__in=[AgencyKind.PEOPLES_COUNCIL, AgencyKind.PARTY_COMMITTEE])
            | Q(unit__parent=commune, kind=AgencyKind.VILLAGE_WORKING_GROUP),
            is_active=True,
        )
        .select_related("unit")
        .order_by("unit__depth", "kind", "unit__name", "name")
    )


def kickoff_of(*, commune, report_year):
    return (
        Meeting.objects.filter(kind=MeetingKind.KICKOFF, unit=commune, date__year=report_year)
        .order_by("-date", "pk")
        .first()
    )


def _clean_attendance(commune, attendance, total) -> dict:
    """{agency: people} for the commune's own agencies and its villages' groups."""
    invited = {a.pk: a for a in kickoff_agencies(commune)}
    errors, clean = [], {}
    for agency, people in attendance.items():
        if agency.pk not in invited:
            errors.append(
                _("%(agency)s is not an agency of this commune or of its villages.")
                % {"agency": agency.name}
            )
            continue
        if people in (None, "", 0):
            continue
        if not isinstance(people, int) or not 0 < people <= MAX_PEOPLE:
            errors.append(
                _("%(agency)s: enter a number of people between 0 and 100 000.")
                % {"agency": agency.name}
            )
            continue
        clean[agency] = people
    if errors:
        raise ValidationError({"attendance": errors})
    counted = sum(clean.values())
    if counted > total:
        raise ValidationError(
            {
                "attendance": _(
                    "The agencies' participants add up to %(counted)s, more than the %(total)s "
                    "people who attended."
                )
                % {"counted": counted, "total": total}
            }
        )
    return clean


@transaction.atomic
def kickoff_record(*, user, commune, report_year, attendance=None, **data) -> Meeting:
    """Record (or correct) the commune's kick-off meeting of report year X: date and place,
    attendance by sex, ethnicity and poor households, people by agency, the guidance given
    on the forms (agenda), the timetable and assignments agreed (decisions_text) and the
    minutes. Completes the kick-off task of the commune People's Committee (template X1.3)."""
    from sedp.plans.models import Plan, PlanKind

    if not can_record_kickoff(user, commune):
        raise PermissionDenied(
            _("Only the commune People's Committee or its planning group can record this.")
        )
    clean = clean_meeting(data)
    errors = {}
    if clean["date"].year != int(report_year):
        errors["date"] = _(
            "The kick-off meeting of report year %(year)s takes place in %(year)s."
        ) % {"year": report_year}
    if not clean["agenda"]:
        errors["agenda"] = _("Write what was explained about filling in the forms.")
    if not clean["decisions_text"]:
        errors["decisions_text"] = _(
            "Write the timetable and the assignments agreed (who sends which form by when)."
        )
    if errors:
        raise ValidationError(errors)
    people = _clean_attendance(commune, attendance or {}, clean["men"] + clean["women"])
    existing = (
        Meeting.objects.select_for_update()
        .filter(kind=MeetingKind.KICKOFF, unit=commune, date__year=report_year)
        .order_by("pk")
        .first()
    )
    plan = Plan.objects.filter(
        kind=PlanKind.COMMUNE_PLAN, unit=commune, report_year=report_year
    ).first()
    if existing is None:
        meeting = Meeting.objects.create(kind=MeetingKind.KICKOFF, unit=commune, plan=plan, **clean)
    else:
        meeting = existing
        for name, value in clean.items():
            setattr(meeting, name, value)
        meeting.plan = meeting.plan or plan
        meeting.save()
        meeting.attendance.all().delete()
    AgencyAttendance.objects.bulk_create(
        AgencyAttendance(meeting=meeting, agency=agency, people=count)
        for agency, count in people.items()
    )
    event = record_event(
        actor=user,
        verb="meeting.recorded" if existing is None else "meeting.updated",
        target=meeting,
        unit=commune,
        payload={
            "kind": MeetingKind.KICKOFF,
            "date": clean["date"].isoformat(),
            "women": clean["women"],
            "agencies": {a.name: n for a, n in people.items()},
        },
    )
    hooks.on_output(None, "kickoff.recorded", event, unit=commune)
    return meeting
