from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sedp.accounts.scoping import scope_for
from sedp.core.forms import submit_form
from sedp.meetings import services
from sedp.meetings.forms import MeetingForm
from sedp.meetings.models import Meeting
from sedp.plans.rules import can_edit
from sedp.plans.selectors import get_plan_for_user


def _get_meeting_for_user(user, pk) -> Meeting:
    scope = scope_for(user)
    try:
        return (
            Meeting.objects.filter(scope.agency_q(prefix="plan__agency__"))
            .select_related("plan__agency", "plan__unit", "unit")
            .get(pk=pk)
        )
    except (Meeting.DoesNotExist, ValueError):
        raise Http404 from None


def _require_edit(user, plan):
    if not (can_edit(scope_for(user), plan) and plan.is_editable):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, plan_pk):
    """Record the village meeting that discussed and agreed on the proposal."""
    plan = get_plan_for_user(user=request.user, pk=plan_pk)
    _require_edit(request.user, plan)
    form = MeetingForm(request.POST or None)
    if submit_form(
        request,
        form,
        lambda data: services.meeting_record(user=request.user, plan=plan, **data),
        _("The meeting was recorded."),
    ):
        return redirect("plans-plan-detail", pk=plan.pk)
    return render(request, "meetings/meeting_form.html", {"plan": plan, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_update(request, pk):
    meeting = _get_meeting_for_user(request.user, pk)
    plan = meeting.plan
    _require_edit(request.user, plan)
    fields = list(MeetingForm.base_fields)
    form = MeetingForm(request.POST or None, initial={f: getattr(meeting, f) for f in fields})
    if submit_form(
        request,
        form,
        lambda data: services.meeting_update(user=request.user, meeting=meeting, **data),
        _("The meeting record was saved."),
    ):
        return redirect("plans-plan-detail", pk=plan.pk)
    return render(
        request, "meetings/meeting_form.html", {"plan": plan, "form": form, "meeting": meeting}
    )
