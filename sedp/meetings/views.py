from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sedp.accounts.scoping import scope_for
from sedp.activities.models import Activity
from sedp.core.forms import submit_form
from sedp.meetings import services
from sedp.meetings.forms import ConferenceForm, DecisionForm, MeetingForm
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


def _conference_agencies(plan):
    """Who the seed invites: the commune's own bodies, agencies and village groups, and the
    district's finance-planning office."""
    from sedp.territory.models import Agency, AgencyKind

    commune = plan.unit
    return (
        Agency.objects.filter(unit__path__startswith=commune.path)
        | Agency.objects.filter(unit_id=commune.parent_id, kind=AgencyKind.FINANCE_PLANNING_OFFICE)
    ).order_by("unit__depth", "kind", "name")


@login_required
@require_http_methods(["GET", "POST"])
def conference_create(request, plan_pk):
    """Record the commune planning conference on the commune plan."""
    plan = get_plan_for_user(user=request.user, pk=plan_pk)
    _require_edit(request.user, plan)
    form = ConferenceForm(request.POST or None, agencies=_conference_agencies(plan))
    if submit_form(
        request,
        form,
        lambda data: services.conference_record(user=request.user, plan=plan, **data),
        _("The conference was recorded. Record its decisions on the activities."),
    ):
        return redirect("plans-plan-detail", pk=plan.pk)
    return render(
        request,
        "meetings/meeting_form.html",
        {"plan": plan, "form": form, "conference": True},
    )


@login_required
@require_POST
def decision_create(request, pk):
    """One part-2 decision of the conference (rank, move between lists, allocate funds)."""
    meeting = _get_meeting_for_user(request.user, pk)
    plan = meeting.plan
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        return redirect("plans-plan-detail", pk=plan.pk)
    data = form.cleaned_data
    activity = None
    if data["activity"]:
        activity = Activity.objects.filter(plan=plan, pk=data["activity"]).first()
        if activity is None:
            raise Http404
    try:
        services.decision_record(
            user=request.user,
            meeting=meeting,
            activity=activity,
            text=data["text"],
            status=data["status"] or None,
            priority=data["priority"],
            allocation=data["allocation"],
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("The decision was recorded."))
    return redirect("plans-plan-detail", pk=plan.pk)
