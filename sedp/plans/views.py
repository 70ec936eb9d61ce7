import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sedp.accounts.models import EDITING_ROLES
from sedp.accounts.scoping import scope_for
from sedp.accounts.selectors import get_agency_for_user
from sedp.activities import selectors as activity_selectors
from sedp.activities.forms import ResultForm, StatusForm
from sedp.activities.models import Activity
from sedp.core.events import history_of
from sedp.core.forms import report_service_errors, run_action, submit_form
from sedp.plans import services
from sedp.plans.consolidation import plan_consolidate
from sedp.plans.forms import CouncilOpinionForm, EnvelopeForm, ReturnForm, SectionsForm
from sedp.plans.models import Plan, PlanKind, PlanStatus
from sedp.plans.rules import RESUBMIT_DAYS, can_edit, can_review, kinds_authored_by
from sedp.plans.selectors import (
    children_with_totals,
    get_plan_for_user,
    plan_years_visible_to,
    plans_filtered,
    plans_visible_to,
)

# A gap above this share between what is proposed and what can be expected is flagged
# for the commune conference (seed, commune step 3: "nếu có mức chênh lệch quá lớn").
LARGE_GAP_PERCENT = 20
LINES_PER_PAGE = 50


@login_required
def plan_list(request):
    """The plans the user can see for a report year, and the plans they may start."""
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() else services.default_report_year()
    status = request.GET.get("status", "")
    plans = plans_filtered(
        user=request.user,
        year=year,
        status=status if status in PlanStatus.values else None,
    ).order_by("unit__path", "kind", "agency__name")
    scope = scope_for(request.user)
    existing = set(
        Plan.objects.filter(report_year=year, agency_id__in=scope.agency_ids).values_list(
            "agency_id", "kind"
        )
    )
    startable = [
        (m.agency, kind, PlanKind(kind).label)
        for m in scope.memberships
        if m.role in EDITING_ROLES
        for kind in kinds_authored_by(m.agency)
        if (m.agency_id, kind) not in existing
    ]
    years = sorted(set(plan_years_visible_to(user=request.user)) | {year}, reverse=True)
    # What was sent to the user's own bodies and waits for their review (a district office
    # sees the communes' drafts arrive here).
    received = (
        Plan.objects.filter(
            submitted_to_id__in=scope.agency_ids, status=PlanStatus.SUBMITTED, report_year=year
        )
        .select_related("agency", "unit", "submitted_to")
        .order_by("submitted_at")
    )
    return render(
        request,
        "plans/plan_list.html",
        {
            "plans": plans,
            "year": year,
            "years": years,
            "status": status,
            "statuses": PlanStatus.choices,
            "startable": startable,
            "received": received,
        },
    )


@login_required
@require_POST
def plan_create(request):
    agency_id = request.POST.get("agency", "")
    agency = get_agency_for_user(user=request.user, pk=agency_id if agency_id.isdigit() else 0)
    kind = request.POST.get("kind", "")
    year = request.POST.get("year", "")
    if kind not in PlanKind.values or not year.isdigit():
        messages.error(request, _("Choose the kind of plan and the report year."))
        return redirect("plans-plan-list")
    try:
        plan = services.plan_create(
            user=request.user, agency=agency, kind=kind, report_year=int(year)
        )
    except ValidationError as error:
        report_service_errors(request, error)
        return redirect("plans-plan-list")
    from sedp.upper.wording import STARTED

    messages.success(
        request,
        STARTED.get(kind) or _("The plan was started. Record the meeting and add activities."),
    )
    return redirect("plans-plan-detail", pk=plan.pk)


@login_required
def plan_detail(request, pk):
    plan = get_plan_for_user(user=request.user, pk=pk)
    scope = scope_for(request.user)
    context = {
        "plan": plan,
        "sections": plan.sections.all(),
        "meetings": plan.meetings.all(),
        "versions": plan.versions.all(),
        "can_edit": can_edit(scope, plan) and plan.is_editable,
        "can_review": can_review(scope, plan) and plan.status == PlanStatus.SUBMITTED,
        "parent": services.parent_plan_of(plan),
        "history": history_of(plan)[:20],
        "return_form": ReturnForm(initial=_return_initial(plan)),
        "results": activity_selectors.results_chain(plan),
        "result_form": ResultForm(plan=plan, auto_id="id_result_%s"),  # beside the activity form
    }
    if plan.consolidates:
        totals = activity_selectors.totals_by_source(plan)
        # A commune of 40 villages has a thousand lines: they come a page at a time, so the
        # page renders in constant time (the totals above them cover every line).
        lines_page = Paginator(activity_selectors.activities_of(plan), LINES_PER_PAGE).get_page(
            request.GET.get("page")
        )
        context.update(
            # A sector office sees the sector plan, not every commune plan it draws from.
            children=children_with_totals(plan).annotate(
                openable=Exists(plans_visible_to(user=request.user).filter(pk=OuterRef("pk")))
            ),
            lines=lines_page.object_list,
            lines_page=lines_page,
            by_group=activity_selectors.totals_by_sector_group(plan),
            by_source=totals,
            shares=activity_selectors.beneficiary_shares(plan),
            gap=_envelope_gap(plan, totals["total_cost"]),
            envelope_form=EnvelopeForm(
                initial={
                    "last_year_allocation": plan.last_year_allocation,
                    "expected_envelope": plan.expected_envelope,
                }
            ),
            status_form=StatusForm(),
            **_conference(plan),
        )
    else:
        activities = activity_selectors.proposals_with_outcomes(plan)
        context.update(
            activities=activities,
            total_cost=sum(a.cost_estimate for a in activities),
            total_people=sum(a.people_total for a in activities),
        )
    return render(request, "plans/plan_detail.html", context)


def _return_initial(plan) -> dict:
    """Some kinds must be resubmitted within fixed days: the date is filled in for the reviewer."""
    days = RESUBMIT_DAYS.get(plan.kind)
    if days is None:
        return {}
    return {"deadline": timezone.localdate() + datetime.timedelta(days=days)}


def _conference(plan) -> dict:
    """The commune conference (if recorded), its decisions and the two ranked lists."""
    from sedp.meetings.models import MeetingKind
    from sedp.meetings.selectors import conference_agencies

    conference = (
        plan.meetings.filter(kind=MeetingKind.COMMUNE_CONFERENCE)
        .prefetch_related("attendance__agency")
        .first()
    )
    decisions = conference.decisions.select_related("activity") if conference else []
    return {
        "disagreements": plan.disagreements.prefetch_related("parties"),
        "party_choices": conference_agencies(plan),
        "conference": conference,
        "decisions": decisions,
        "ranked": activity_selectors.ranked_lists(plan),
        "status_choices": StatusForm().fields["status"].choices,
    }


def _envelope_gap(plan, proposed) -> dict | None:
    """Compare the proposed cost with last year's allocation and this year's envelope."""
    rows = []
    for label, base in [
        (_("last year's allocation"), plan.last_year_allocation),
        (_("expected envelope"), plan.expected_envelope),
    ]:
        if base:
            percent = round(100 * (proposed - base) / base)
            rows.append(
                {
                    "label": label,
                    "base": base,
                    "difference": proposed - base,
                    "percent": percent,
                    "large": abs(percent) > LARGE_GAP_PERCENT,
                }
            )
    return {"proposed": proposed, "rows": rows} if rows else None


@login_required
@require_http_methods(["GET", "POST"])
def plan_sections(request, pk):
    plan = get_plan_for_user(user=request.user, pk=pk)
    if not can_edit(scope_for(request.user), plan):
        raise PermissionDenied
    sections = list(plan.sections.all())
    form = SectionsForm(request.POST or None, sections=sections)
    if submit_form(
        request,
        form,
        lambda data: services.plan_update_sections(user=request.user, plan=plan, bodies=data),
        _("The plan's text was saved."),
    ):
        return redirect("plans-plan-detail", pk=plan.pk)
    return render(request, "plans/plan_sections.html", {"plan": plan, "form": form})


def _post_action(request, plan, action, success):
    try:
        action()
    except ValidationError as error:
        report_service_errors(request, error)
    else:
        messages.success(request, success)
    return redirect("plans-plan-detail", pk=plan.pk)


@login_required
@require_POST
def plan_submit(request, pk):
    plan = get_plan_for_user(user=request.user, pk=pk)
    return _post_action(
        request,
        plan,
        lambda: services.plan_submit(user=request.user, plan=plan),
        _("The draft was sent to the level above.")
        if plan.consolidates
        else _("The form was sent for review.")
        if plan.kind == PlanKind.SECTOR_ORIENTATION
        else _("The plan was sent to the commune planning group."),
    )


@login_required
@require_POST
def plan_review(request, pk):
    """Accept a submission, or return it with a reason and a date to resubmit by."""
    plan = get_plan_for_user(user=request.user, pk=pk)
    if request.POST.get("decision") == "accept":
        return _post_action(
            request,
            plan,
            lambda: services.plan_accept(user=request.user, plan=plan),
            _("The plan was accepted."),
        )
    form = ReturnForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    return _post_action(
        request,
        plan,
        lambda: services.plan_return(
            user=request.user,
            plan=plan,
            reason=data.get("reason") or "",
            deadline=data.get("deadline"),
        ),
        _("The plan was returned to its group with your reason."),
    )


@login_required
@require_POST
def plan_collection(request, pk):
    plan = get_plan_for_user(user=request.user, pk=pk)
    closed = request.POST.get("closed") == "1"
    return _post_action(
        request,
        plan,
        lambda: services.plan_set_collection(user=request.user, plan=plan, closed=closed),
        _("The collection of proposals is closed.")
        if closed
        else _("The collection of proposals is open again."),
    )


@login_required
@require_POST
def plan_consolidate_view(request, pk):
    plan = get_plan_for_user(user=request.user, pk=pk)
    try:
        added = plan_consolidate(user=request.user, plan=plan)
    except ValidationError as error:
        report_service_errors(request, error)
    else:
        from sedp.upper.wording import CONSOLIDATED_UPPER

        text = (
            _("%(count)s new lines were added from the accepted proposals.")
            if plan.kind == PlanKind.COMMUNE_PLAN
            else str(CONSOLIDATED_UPPER)
        )
        messages.success(request, text % {"count": added})
    return redirect("plans-plan-detail", pk=plan.pk)


@login_required
@require_POST
def plan_envelope(request, pk):
    plan = get_plan_for_user(user=request.user, pk=pk)
    form = EnvelopeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the amounts as whole numbers of đồng, not negative."))
        return redirect("plans-plan-detail", pk=plan.pk)
    return _post_action(
        request,
        plan,
        lambda: services.plan_set_envelope(user=request.user, plan=plan, **form.cleaned_data),
        _("The funding envelope was recorded."),
    )


@login_required
@require_POST
def plan_merge(request, pk):
    """Merge duplicate lines of a consolidating plan, keeping every origin."""
    from sedp.activities.services import activities_merge

    plan = get_plan_for_user(user=request.user, pk=pk)
    keep_id = request.POST.get("keep", "")
    other_ids = {int(x) for x in request.POST.getlist("others") if x.isdigit()}
    lines = {a.pk: a for a in Activity.objects.filter(plan=plan).select_related("plan")}
    keep = lines.get(int(keep_id)) if keep_id.isdigit() else None
    other_ids.discard(keep.pk if keep else None)
    others = [lines[i] for i in sorted(other_ids) if i in lines]
    if keep is None or not others or len(others) != len(other_ids):
        messages.error(request, _("Choose the line to keep and the lines to merge into it."))
        return redirect("plans-plan-detail", pk=plan.pk)
    return _post_action(
        request,
        plan,
        lambda: activities_merge(user=request.user, keep=keep, others=others),
        _("The activities were merged; every origin is kept."),
    )


def _commune_plan_for(request, pk):
    plan = get_plan_for_user(user=request.user, pk=pk)
    if plan.kind != PlanKind.COMMUNE_PLAN:
        raise Http404
    return plan


@login_required
def plan_draft(request, pk):
    """Commune step 5: what the draft still lacks, pre-filling from the data, completing
    it, the framework, the People's Council's opinion and the submission to the district."""
    from sedp.plans.draft import completeness
    from sedp.plans.models import CouncilOpinion

    plan = _commune_plan_for(request, pk)
    opinion = CouncilOpinion.objects.filter(plan=plan).first()
    return render(
        request,
        "plans/plan_draft.html",
        {
            "plan": plan,
            "missing": completeness(plan),
            "can_edit": can_edit(scope_for(request.user), plan) and plan.is_editable,
            "opinion": opinion,
            "opinion_form": CouncilOpinionForm(
                initial={
                    "given_by": opinion.given_by,
                    "date": opinion.date,
                    "opinion": opinion.opinion,
                }
                if opinion
                else None
            ),
            "receiver": plan.submitted_to or services.receiving_agency(plan),
        },
    )


def _draft_action(request, plan, action, success):
    return run_action(request, action, success, reverse("plans-plan-draft", args=[plan.pk]))


@login_required
@require_POST
def plan_prefill(request, pk):
    plan = _commune_plan_for(request, pk)
    try:
        filled = services.plan_prefill(user=request.user, plan=plan)
    except ValidationError as error:
        report_service_errors(request, error)
    else:
        messages.success(
            request,
            _("%(count)s empty sections were pre-filled from the data; review and edit them.")
            % {"count": len(filled)},
        )
    return redirect("plans-plan-draft", pk=plan.pk)


@login_required
@require_POST
def plan_complete(request, pk):
    plan = _commune_plan_for(request, pk)
    return _draft_action(
        request,
        plan,
        lambda: services.plan_complete_draft(user=request.user, plan=plan),
        _("The draft is complete."),
    )


@login_required
@require_POST
def plan_opinion(request, pk):
    plan = _commune_plan_for(request, pk)
    form = CouncilOpinionForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    return _draft_action(
        request,
        plan,
        lambda: services.plan_record_council_opinion(
            user=request.user,
            plan=plan,
            given_by=data.get("given_by", ""),
            date=data.get("date"),
            opinion=data.get("opinion", ""),
        ),
        _("The opinion of the People's Council standing committee was recorded."),
    )


@login_required
def plan_framework(request, pk):
    """The commune plan framework (khung KH xã), on screen or as XLSX."""
    from django.http import HttpResponse

    from sedp.plans.draft import framework_headers, framework_rows, framework_totals, framework_xlsx

    plan = _commune_plan_for(request, pk)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            framework_xlsx(plan),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="khung-kh-xa-{plan.unit.code}-{plan.plan_year}.xlsx"'
        )
        return response
    rows = framework_rows(plan)
    return render(
        request,
        "plans/plan_framework.html",
        {
            "plan": plan,
            "headers": framework_headers(),
            "rows": rows,
            "totals": framework_totals(rows),
            "can_edit": can_edit(scope_for(request.user), plan) and plan.is_editable,
        },
    )


@login_required
@require_POST
def plan_framework_record(request, pk):
    plan = _commune_plan_for(request, pk)
    return _draft_action(
        request,
        plan,
        lambda: services.plan_record_framework(user=request.user, plan=plan),
        _("The commune plan framework was recorded."),
    )
