"""Activity rows: added and edited in place with HTMX on the plan page (phone friendly);
the same views render full pages without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sedp.accounts.scoping import scope_for
from sedp.activities import services
from sedp.activities.forms import ActivityForm, ResultForm, StatusForm, activity_initial
from sedp.activities.models import ResultItem
from sedp.activities.selectors import get_activity_for_user, proposals_with_outcomes
from sedp.core.forms import apply_service_errors, report_service_errors, submit_form
from sedp.plans.rules import can_edit
from sedp.plans.selectors import get_plan_for_user


def _require_edit(request, plan):
    if not (can_edit(scope_for(request.user), plan) and plan.is_editable):
        raise PermissionDenied


def _run(form, action):
    """Validate the form, call the service; on a service error show it on the form."""
    if not form.is_valid():
        return None
    try:
        return action(form.service_data())
    except ValidationError as error:
        apply_service_errors(form, error)
        return None


def _section(request, plan, form=None):
    """The plan page's activities section (list + add form), re-rendered after each change."""
    activities = proposals_with_outcomes(plan)
    return render(
        request,
        "activities/_section.html",
        {
            "plan": plan,
            "activities": activities,
            "total_cost": sum(a.cost_estimate for a in activities),
            "total_people": sum(a.people_total for a in activities),
            "can_edit": True,
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request, plan_pk):
    plan = get_plan_for_user(user=request.user, pk=plan_pk)
    _require_edit(request, plan)
    form = ActivityForm(request.POST or None, plan=plan, area=services.plan_area(plan))
    if request.method == "POST":
        created = _run(
            form, lambda data: services.activity_create(user=request.user, plan=plan, **data)
        )
        if created and request.htmx:
            return _section(request, plan)
        if created:
            messages.success(request, _("The activity was added."))
            return redirect("plans-plan-detail", pk=plan.pk)
    if request.htmx:
        return _section(request, plan, None if request.GET.get("cancel") else form)
    return render(request, "activities/activity_form.html", {"plan": plan, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def activity_update(request, pk):
    activity = get_activity_for_user(user=request.user, pk=pk)
    plan = activity.plan
    _require_edit(request, plan)
    form = ActivityForm(
        request.POST or None,
        plan=plan,
        area=services.plan_area(plan),
        initial=activity_initial(activity),
        auto_id=f"id_edit{activity.pk}_%s",  # unique ids beside the add form
    )
    if request.method == "POST":
        saved = _run(
            form,
            lambda data: services.activity_update(user=request.user, activity=activity, **data),
        )
        if saved and request.htmx:
            # The edit form was the target; after saving, the whole list is redrawn.
            response = _section(request, plan)
            response["HX-Retarget"] = "#activities"
            response["HX-Reswap"] = "outerHTML"
            return response
        if saved:
            messages.success(request, _("The activity was saved."))
            return redirect("plans-plan-detail", pk=plan.pk)
    template = "activities/_edit_form.html" if request.htmx else "activities/activity_form.html"
    return render(request, template, {"plan": plan, "form": form, "activity": activity})


@login_required
@require_POST
def activity_delete(request, pk):
    activity = get_activity_for_user(user=request.user, pk=pk)
    plan = activity.plan
    _require_edit(request, plan)
    services.activity_delete(user=request.user, activity=activity)
    if request.htmx:
        return _section(request, plan)
    messages.success(request, _("The activity was deleted."))
    return redirect("plans-plan-detail", pk=plan.pk)


@login_required
@require_POST
def activity_status(request, pk):
    """The commune group marks a consolidated line (kept, removed with reason, funded…)."""
    activity = get_activity_for_user(user=request.user, pk=pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
    else:
        try:
            services.activity_set_status(
                user=request.user,
                activity=activity,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            report_service_errors(request, error)
        else:
            messages.success(request, _("The status of the activity was changed."))
    return redirect("plans-plan-detail", pk=activity.plan_id)


@login_required
@require_POST
def activity_feasibility(request, pk):
    activity = get_activity_for_user(user=request.user, pk=pk)
    try:
        services.activity_review_feasibility(
            user=request.user,
            activity=activity,
            note=request.POST.get("feasibility_note", ""),
            possible_funding=request.POST.get("possible_funding", ""),
            timing=request.POST.get("timing"),
        )
    except ValidationError as error:
        report_service_errors(request, error)
    else:
        messages.success(request, _("The feasibility review was saved."))
    return redirect("plans-plan-detail", pk=activity.plan_id)


@login_required
@require_POST
def result_create(request, plan_pk):
    plan = get_plan_for_user(user=request.user, pk=plan_pk)
    form = ResultForm(request.POST, plan=plan)
    if (
        submit_form(
            request,
            form,
            lambda data: services.result_add(user=request.user, plan=plan, **data),
            _("The results chain was updated."),
        )
        is None
    ):
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
    return redirect("plans-plan-detail", pk=plan.pk)


@login_required
@require_POST
def result_delete(request, pk):
    item = (
        ResultItem.objects.filter(scope_for(request.user).agency_q(prefix="plan__agency__"))
        .select_related("plan__agency", "plan__unit")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    try:
        services.result_delete(user=request.user, item=item)
    except ValidationError as error:
        report_service_errors(request, error)
    return redirect("plans-plan-detail", pk=item.plan_id)


@login_required
@require_http_methods(["GET", "POST"])
def workbench(request, plan_pk):
    """The conference's resource-balancing workbench. A POST from htmx recomputes the
    what-if state and returns the workbench fragment (nothing saved); "apply" records the
    changes as decisions of the conference; "save_envelopes" records the envelopes only."""
    from sedp.activities import balancing
    from sedp.activities.models import EnvelopeSource
    from sedp.activities.selectors import ranked_lists
    from sedp.meetings.services import conference_of, workbench_apply

    plan = get_plan_for_user(user=request.user, pk=plan_pk)
    if not plan.consolidates:
        raise Http404
    editable = can_edit(scope_for(request.user), plan) and plan.is_editable
    conference = conference_of(plan)
    data = request.POST if request.method == "POST" else None
    if data is not None and ("apply" in data or "save_envelopes" in data):
        if not editable:
            raise PermissionDenied
        try:
            if "apply" in data:
                if conference is None:
                    raise ValidationError(
                        _(
                            "Record the commune planning conference first: its decisions hold "
                            "the changes."
                        )
                    )
                decisions = workbench_apply(user=request.user, meeting=conference, data=data)
                message = _("%(count)s decisions of the conference were recorded.") % {
                    "count": len(decisions)
                }
            else:
                amounts = {}
                for source in EnvelopeSource.values:
                    text = data.get(f"env_{source}", "").replace(".", "").strip()
                    amounts[source] = int(text) if text.lstrip("-").isdigit() else None
                    if text and amounts[source] is None:
                        raise ValidationError(
                            _("“%(source)s”: enter a whole number of đồng, not negative.")
                            % {"source": EnvelopeSource(source).label}
                        )
                services.envelopes_set(user=request.user, plan=plan, amounts=amounts)
                message = _("The envelopes were saved.")
        except ValidationError as error:
            report_service_errors(request, error)
        else:
            messages.success(request, message)
            return redirect("activities-workbench", plan_pk=plan.pk)
    balance = balancing.workbench(plan, data)
    context = {
        "plan": plan,
        "balance": balance,
        "editable": editable,
        "conference": conference,
        "sources": [("", "—"), *EnvelopeSource.choices],
        "pins": [
            ("", "—"),
            (balancing.PIN_IN, _("above the line")),
            (balancing.PIN_OUT, _("below the line")),
        ],
        "weight_on": bool(data and data.get("weight_on")),
        "weight": balance.weight or balancing.DEFAULT_WEIGHT,
        "pg": balance.page((data or request.GET).get("wb_page", 1)),
    }
    if request.htmx:
        return render(request, "activities/_workbench.html", context)
    lines = list(
        plan.activities.filter(status__in=["removed", "needs_verification"]).order_by(
            "priority", "pk"
        )
    )
    context.update(
        ranked=ranked_lists(plan),
        removed=[a for a in lines if a.status == "removed"],
        to_verify=[a for a in lines if a.status == "needs_verification"],
        decisions=conference.decisions.select_related("activity") if conference else [],
    )
    return render(request, "activities/workbench.html", context)
