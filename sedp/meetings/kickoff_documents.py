"""The kick-off meeting's minutes (biên bản, Decree 30 layout) as a Word or PDF file.

The documents app reaches meetings through their plan, but the kick-off is a fact of the
commune (sedp.meetings.kickoff) and usually comes before the commune plan exists. So it is
its own document target, "kickoff": seen by whoever sees the commune, the minutes written by
the documents app's own minutes context (the same biên bản as every other meeting).
"""

from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sedp.meetings.models import Meeting, MeetingKind

TARGET = "kickoff"
KIND = "kickoff_minutes"


def _kickoffs():
    return Meeting.objects.filter(kind=MeetingKind.KICKOFF).select_related(
        "unit__parent", "unit__level", "plan__agency", "plan__unit"
    )


def get_kickoff_for_user(user, pk):
    """A kick-off the user may read: at a commune in the user's scope, or one that the
    user's agency attended (a village group reads the timetable it was given)."""
    from sedp.accounts.scoping import scope_for

    scope = scope_for(user)
    visible = scope.unit_q(prefix="unit__") | Q(attendance__agency__in=scope.agency_ids)
    meeting = _kickoffs().filter(visible, pk=pk).distinct().first() if str(pk).isdigit() else None
    if meeting is None:
        raise Http404
    return meeting


def _page_url(meeting) -> str:
    return f"{reverse('groups-step1', args=[meeting.unit_id])}?year={meeting.date.year}"


def register_documents() -> None:
    from sedp.documents import meeting_documents, state
    from sedp.documents.registry import DocxKind, Target, register, register_target

    register_target(
        Target(
            code=TARGET,
            get_for_user=get_kickoff_for_user,
            load=lambda pk: _kickoffs().get(pk=pk),
            state=state.meeting_state,
            unit_of=lambda meeting: meeting.unit,
            page_url=_page_url,
        )
    )
    register(
        DocxKind(
            code=KIND,
            label=_("Minutes"),
            target=TARGET,
            template="minutes.docx",
            context=meeting_documents.minutes_context,
            filename=lambda m: f"bien-ban-hoi-nghi-trien-khai-{m.date:%Y%m%d}",
        )
    )
