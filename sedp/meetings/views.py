from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sedp.accounts.scoping import scope_for
from sedp.activities.models import Activity
from sedp.core.forms import report_service_errors, submit_form
from sedp.meetings import services
from sedp.meetings.forms import ConferenceForm, DecisionForm, MeetingForm
from sedp.meetings.models import Meeting
from sedp.meetings.selectors import conference_agencies
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


@login_required
@require_http_methods(["GET", "POST"])
def conference_create(request, plan_pk):
    """Record the commune planning conference on the commune plan."""
    plan = get_plan_for_user(user=request.user, pk=plan_pk)
    _require_edit(request.user, plan)
    form = ConferenceForm(request.POST or None, agencies=conference_agencies(plan))
    if submit_form(
        request,
        form,
        lambda _data: services.conference_record(
            user=request.user, plan=plan, **form.service_data()
        ),
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
        report_service_errors(request, error)
    else:
        messages.success(request, _("The decision was recorded."))
    return redirect("plans-plan-detail", pk=plan.pk)


@login_required
@require_POST
def disagreement_create(request, plan_pk):
    plan = get_plan_for_user(user=request.user, pk=plan_pk)
    ids = [int(x) for x in request.POST.getlist("parties") if x.isdigit()]
    parties = list(conference_agencies(plan).filter(pk__in=ids))
    try:
        services.disagreement_record(
            user=request.user,
            plan=plan,
            subject=request.POST.get("subject", ""),
            positions=request.POST.get("positions", ""),
            parties=parties,
        )
    except ValidationError as error:
        report_service_errors(request, error)
    else:
        messages.success(request, _("The disagreement was recorded."))
    return redirect("plans-plan-detail", pk=plan.pk)


@login_required
@require_POST
def disagreement_settle(request, pk):
    from sedp.meetings.models import Disagreement

    scope = scope_for(request.user)
    disagreement = (
        Disagreement.objects.filter(scope.agency_q(prefix="plan__agency__"))
        .select_related("plan__agency", "plan__unit")
        .filter(pk=pk)
        .first()
    )
    if disagreement is None:
        raise Http404
    try:
        services.disagreement_settle(
            user=request.user,
            disagreement=disagreement,
            settled_where=request.POST.get("settled_where", ""),
        )
    except ValidationError as error:
        report_service_errors(request, error)
    else:
        messages.success(request, _("The settlement was recorded."))
    return redirect("plans-plan-detail", pk=disagreement.plan_id)
