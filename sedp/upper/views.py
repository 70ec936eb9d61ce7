"""Pages of the district and provincial steps. Thin: scoped selectors read, services act."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sedp.accounts.scoping import scope_for
from sedp.accounts.selectors import get_agency_for_user
from sedp.core.forms import report_service_errors, run_action, submit_form
from sedp.meetings.models import Disagreement, Meeting, meeting_title
from sedp.plans.models import PlanKind
from sedp.plans.rules import can_edit
from sedp.plans.selectors import get_plan_for_user, plans_filtered, plans_visible_to
from sedp.plans.services import default_report_year
from sedp.territory.models import AdminUnit, Agency, AgencyKind
from sedp.upper import selectors, services
from sedp.upper.forms import (
    AppraisalForm,
    ConferenceForm,
    DisagreementForm,
    OpinionForm,
    SettleForm,
)
from sedp.upper.sources import SECTOR_BODY_KINDS

K = AgencyKind
CONFERENCE_KINDS = [kind for kind, _draft in services.CONFERENCES.values()]


def _year(request) -> int:
    text = request.GET.get("year") or request.POST.get("year") or ""
    return int(text) if text.isdigit() else default_report_year()


def _upper_plan(request, pk):
    plan = get_plan_for_user(user=request.user, pk=pk)
    if plan.kind not in selectors.UPPER_KINDS:
        raise Http404
    return plan


def _done(request, plan, action, success):
    return run_action(request, action, success, reverse("plans-plan-detail", args=[plan.pk]))


@login_required
def index(request):
    """What the user's district or provincial bodies have to do this year."""
    year = _year(request)
    scope = scope_for(request.user)
    routers = [
        (agency, selectors.commune_plans_to_route(agency=agency, report_year=year))
        for agency in selectors.routing_bodies([m.agency for m in scope.memberships])
    ]
    summary_units = {
        m.agency.unit
        for m in scope.memberships
        if m.agency.kind in services.ROUTER_KINDS | SECTOR_BODY_KINDS
    }
    with_communes = selectors.units_with_communes_below([u.pk for u in summary_units])
    summary_units = {u for u in summary_units if u.pk in with_communes}
    plans = (
        plans_filtered(user=request.user, year=year)
        .filter(kind__in=selectors.UPPER_KINDS)
        .order_by("unit__path", "kind", "agency__name")
    )
    return render(
        request,
        "upper/index.html",
        {
            "year": year,
            "routers": routers,
            "summary_units": sorted(summary_units, key=lambda u: u.path),
            "frameworks": selectors.frameworks_received(user=request.user, report_year=year),
            "appraisal_form": AppraisalForm(),
            "plans": plans,
        },
    )


@login_required
@require_POST
def route(request, agency_pk):
    agency = get_agency_for_user(user=request.user, pk=agency_pk)
    year = _year(request)
    try:
        count = services.route_commune_plans(user=request.user, agency=agency, report_year=year)
    except ValidationError as error:
        report_service_errors(request, error)
    else:
        messages.success(
            request,
            _("%(count)s commune plans were routed by sector to the sector offices.")
            % {"count": count},
        )
    return redirect(f"{_url('upper-index')}?year={year}")


def _url(name, *args):
    from django.urls import reverse

    return reverse(name, args=args)


@login_required
def summary(request, unit_pk):
    """Bản tổng hợp nhu cầu đề xuất của các xã theo ngành, as far as the user's scope reaches."""
    scope = scope_for(request.user)
    unit = AdminUnit.objects.filter(scope.unit_q()).filter(pk=unit_pk).first()
    if unit is None:
        raise Http404
    year = _year(request)
    lines = selectors.routed_lines_visible_to(user=request.user, unit=unit, report_year=year)
    by_sector = (
        lines.order_by()
        .values("sector__name", "sector__path")
        .annotate(n=Count("id"), cost=Sum("cost_estimate"))
        .order_by("sector__path")
    )
    page = Paginator(lines, 200).get_page(request.GET.get("page"))
    return render(
        request,
        "upper/summary.html",
        {"unit": unit, "year": year, "page": page, "by_sector": by_sector},
    )


@login_required
@require_POST
def dispatch_review(request, pk):
    dispatch = selectors.get_dispatch_for_user(user=request.user, pk=pk)
    accept = request.POST.get("decision") == "accept"
    try:
        services.dispatch_review(
            user=request.user,
            dispatch=dispatch,
            accept=accept,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        report_service_errors(request, error)
    else:
        messages.success(
            request,
            _("The framework was accepted.")
            if accept
            else _("The framework was returned with your reason."),
        )
    return redirect(f"{_url('upper-index')}?year={dispatch.plan.report_year}")


@login_required
def trace(request, pk):
    """Every line of the plan with its origins down to the village (50 lines a page)."""
    plan = _upper_plan(request, pk)
    page = Paginator(selectors.trace_lines(plan), 50).get_page(request.GET.get("page"))
    lines = selectors.lines_with_origins(page.object_list)
    return render(request, "upper/trace.html", {"plan": plan, "page": page, "lines": lines})


@login_required
def compare(request, pk):
    plan = _upper_plan(request, pk)
    context = {"plan": plan, "totals": selectors.totals_by_sector_and_territory(plan)}
    if plan.kind in selectors.TERRITORIAL_PLAN_KINDS:
        context["grid"] = selectors.sector_against_territory(plan)
    return render(request, "upper/compare.html", context)


def _party_choices(plan):
    return (
        (
            Agency.objects.filter(
                unit__parent_id=plan.unit_id,
                kind__in=[K.COMMUNE_PLANNING_GROUP, K.PEOPLES_COMMITTEE, K.FINANCE_PLANNING_OFFICE],
            )
            | Agency.objects.filter(unit_id=plan.unit_id)
        )
        .exclude(pk=plan.agency_id)
        .order_by("unit__path", "kind", "name")
    )


def _conferences_of(plan):
    return Meeting.objects.filter(plan=plan, kind__in=CONFERENCE_KINDS)


@login_required
@require_http_methods(["GET", "POST"])
def register(request, pk):
    """The disagreement register: what the plan and the plans below it carry, and where and
    how each was settled; the author raises one, a conference settles it."""
    plan = _upper_plan(request, pk)
    editable = can_edit(scope_for(request.user), plan) and plan.is_editable
    form = DisagreementForm(request.POST or None, parties=_party_choices(plan))
    if editable and submit_form(
        request,
        form,
        lambda data: services.disagreement_raise(user=request.user, plan=plan, **data),
        _("The disagreement was recorded in the register."),
    ):
        return redirect("upper-plan-register", pk=plan.pk)
    # Evaluated once: the form under each open disagreement lists the same conferences.
    conferences = (
        list(_conferences_of(plan).select_related("unit"))
        if can_edit(scope_for(request.user), plan)
        else []
    )
    return render(
        request,
        "upper/register.html",
        {
            "plan": plan,
            "register": selectors.register_visible_to(user=request.user, plan=plan),
            "form": form if editable else None,
            "conferences": conferences,
        },
    )


@login_required
@require_POST
def disagreement_settle(request, pk):
    scope = scope_for(request.user)
    disagreement = (
        Disagreement.objects.filter(scope.agency_q(prefix="plan__agency__"), pk=pk)
        .select_related("plan")
        .first()
    )
    if disagreement is None:
        raise Http404
    meetings = Meeting.objects.filter(
        plan__in=plans_visible_to(user=request.user), kind__in=CONFERENCE_KINDS
    ).select_related("plan")
    form = SettleForm(request.POST, meetings=meetings)
    if not form.is_valid():
        messages.error(request, _("Choose the conference and write how it was settled."))
        return redirect(request.POST.get("back") or "upper-index")
    meeting = form.cleaned_data["meeting"]
    try:
        services.disagreement_settle(
            user=request.user,
            disagreement=disagreement,
            meeting=meeting,
            outcome=form.cleaned_data["outcome"],
        )
    except ValidationError as error:
        report_service_errors(request, error)
    else:
        messages.success(request, _("The disagreement is settled."))
    return redirect("upper-plan-register", pk=meeting.plan_id)


@login_required
@require_POST
def draft(request, pk):
    plan = _upper_plan(request, pk)
    return _done(
        request,
        plan,
        lambda: services.draft_issue(
            user=request.user, plan=plan, note=request.POST.get("note", "")
        ),
        _("The draft was issued; its copy is kept in the versions."),
    )


@login_required
@require_POST
def feedback(request, pk):
    plan = _upper_plan(request, pk)
    return _done(
        request,
        plan,
        lambda: services.send_for_feedback(user=request.user, plan=plan),
        _("Draft 1 was sent to the sub-sector units for feedback."),
    )


@login_required
@require_POST
def send(request, pk):
    """A sector plan leaves its author, or the approved provincial draft goes to the ministry."""
    plan = _upper_plan(request, pk)
    ministry = request.POST.get("ministry", "")
    if plan.kind == PlanKind.PROVINCE_PLAN:
        action = lambda: services.province_plan_send(  # noqa: E731
            user=request.user, plan=plan, ministry=ministry
        )
    elif plan.kind in [PlanKind.DISTRICT_SECTOR_PLAN, PlanKind.PROVINCE_SECTOR_PLAN]:
        action = lambda: services.sector_plan_submit(  # noqa: E731
            user=request.user, plan=plan, ministry=ministry
        )
    else:
        raise Http404
    return _done(request, plan, action, _("The plan was sent."))


@login_required
@require_POST
def send_up(request, pk):
    plan = _upper_plan(request, pk)
    return _done(
        request,
        plan,
        lambda: services.send_up_sector_line(user=request.user, plan=plan),
        _("The framework was sent again to the department."),
    )


@login_required
@require_POST
def opinion(request, pk):
    plan = _upper_plan(request, pk)
    form = OpinionForm(request.POST, bodies=services.opinion_bodies(plan))
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}")
        return redirect("plans-plan-detail", pk=plan.pk)
    return _done(
        request,
        plan,
        lambda: services.opinion_record(user=request.user, plan=plan, **form.cleaned_data),
        _("The opinion was recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def conference(request, pk):
    plan = _upper_plan(request, pk)
    if plan.kind not in services.CONFERENCES or not can_edit(scope_for(request.user), plan):
        raise PermissionDenied
    kind, _draft = services.CONFERENCES[plan.kind]
    invitees = services.conference_invitees(plan)
    form = ConferenceForm(request.POST or None, agencies=invitees)
    if submit_form(
        request,
        form,
        lambda data: services.conference_record(user=request.user, plan=plan, **data),
        _("The conference was recorded."),
    ):
        return redirect("plans-plan-detail", pk=plan.pk)
    return render(
        request,
        "upper/conference_form.html",
        {"plan": plan, "form": form, "kind_label": meeting_title(kind, plan.kind)},
    )
