"""The approval page of a plan and 'Việc được giao' (login), and the public portal (no login)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sedp.accounts.scoping import scope_for
from sedp.consultation.selectors import open_consultations
from sedp.consultation.services import can_manage, unanswered_comments
from sedp.core.forms import report_service_errors
from sedp.plans.models import PlanKind
from sedp.plans.selectors import get_plan_for_user
from sedp.portal import adjustments, selectors, services
from sedp.portal.forms import (
    AdjustmentCancelForm,
    AdjustmentForm,
    QuestionForm,
    ResolutionForm,
    SearchForm,
    SubmissionForm,
)
from sedp.portal.models import CouncilQuestion, Publication

PUBLIC_PAGE_SIZE = 20


# ─── the plan's approval (login) ──────────────────────────────────────


@login_required
def approval_detail(request, plan_pk):
    plan = get_plan_for_user(user=request.user, pk=plan_pk)
    resolution = getattr(plan, "resolution", None)
    # The first submission (the adopting one); an adjustment's has its own block below.
    submissions = plan.council_submissions.filter(adjustment__isnull=True)
    submission = (
        resolution.submission if resolution else submissions.prefetch_related("questions").first()
    )
    scope = scope_for(request.user)
    context = {
        "plan": plan,
        "can_manage": can_manage(scope, plan),
        "can_adjust": adjustments.can_adjust(scope, plan),
        "goes_to_council": plan.kind in services.COUNCIL_LEVELS,
        "submission": submission,
        "resolution": resolution,
        "adjustments": plan.adjustments.select_related("submission", "version").prefetch_related(
            "submission__questions"
        ),
        "adjustment_form": AdjustmentForm(),
        "cancel_form": AdjustmentCancelForm(auto_id="cancel_%s"),
        "publication": Publication.objects.filter(plan=plan).only("pk").first(),
        "unanswered": unanswered_comments(plan).count()
        if plan.kind == PlanKind.COMMUNE_PLAN
        else 0,
        "submission_form": SubmissionForm(),
        "question_form": QuestionForm(),
        "resolution_form": ResolutionForm(),
    }
    return render(request, "portal/approval.html", context)


def _done(request, plan, action, success, form=None):
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        return redirect("portal-approval-detail", plan_pk=plan.pk)
    try:
        action(form.cleaned_data if form is not None else None)
    except ValidationError as error:
        report_service_errors(request, error)
    else:
        messages.success(request, success)
    return redirect("portal-approval-detail", plan_pk=plan.pk)


@login_required
@require_POST
def council_submit(request, plan_pk):
    plan = get_plan_for_user(user=request.user, pk=plan_pk)
    return _done(
        request,
        plan,
        lambda data: services.council_submit(user=request.user, plan=plan, **data),
        _("The plan was submitted to the People's Council."),
        SubmissionForm(request.POST),
    )


@login_required
@require_POST
def question_add(request, plan_pk):
    plan = get_plan_for_user(user=request.user, pk=plan_pk)
    adjustment = adjustments.open_adjustment(plan)
    # While an adjustment is under way, the council's questions are about its submission.
    submission = adjustment.submission if adjustment else plan.council_submissions.first()
    if submission is None:
        raise Http404
    return _done(
        request,
        plan,
        lambda data: services.council_question_add(
            user=request.user, submission=submission, **data
        ),
        _("The question was recorded."),
        QuestionForm(request.POST),
    )


@login_required
@require_POST
def question_answer(request, plan_pk, pk):
    plan = get_plan_for_user(user=request.user, pk=plan_pk)
    question = CouncilQuestion.objects.filter(submission__plan=plan, pk=pk).first()
    if question is None:
        raise Http404
    answer = request.POST.get("answer", "")
    return _done(
        request,
        plan,
        lambda _data: services.council_question_answer(
            user=request.user, question=question, answer=answer
        ),
        _("The answer was recorded."),
    )


@login_required
@require_POST
def resolution_adopt(request, plan_pk):
    plan = get_plan_for_user(user=request.user, pk=plan_pk)
    return _done(
        request,
        plan,
        lambda data: services.resolution_adopt(user=request.user, plan=plan, **data),
        _("The resolution was recorded: this version is official and the plan is locked."),
        ResolutionForm(request.POST),
    )


@login_required
@require_POST
def plan_publish(request, plan_pk):
    plan = get_plan_for_user(user=request.user, pk=plan_pk)
    return _done(
        request,
        plan,
        lambda _data: services.plan_publish(user=request.user, plan=plan),
        _("The official plan, its annex and the resolution are published on the public portal."),
    )


@login_required
@require_POST
def adjustment_start(request, plan_pk):
    plan = get_plan_for_user(user=request.user, pk=plan_pk)
    return _done(
        request,
        plan,
        lambda data: adjustments.adjustment_start(user=request.user, plan=plan, **data),
        _("The adjustment has started: the plan can be edited, the official version stays."),
        AdjustmentForm(request.POST),
    )


@login_required
@require_POST
def adjustment_cancel(request, plan_pk):
    plan = get_plan_for_user(user=request.user, pk=plan_pk)
    return _done(
        request,
        plan,
        lambda data: adjustments.adjustment_cancel(user=request.user, plan=plan, **data),
        _("The adjustment was cancelled: the official version is in force and locked again."),
        AdjustmentCancelForm(request.POST),
    )


@login_required
@require_POST
def adjustment_submit(request, plan_pk):
    plan = get_plan_for_user(user=request.user, pk=plan_pk)
    return _done(
        request,
        plan,
        lambda data: adjustments.adjustment_submit(user=request.user, plan=plan, **data),
        _("The adjustment was submitted to the People's Council."),
        SubmissionForm(request.POST),
    )


@login_required
@require_POST
def adjustment_adopt(request, plan_pk):
    plan = get_plan_for_user(user=request.user, pk=plan_pk)
    return _done(
        request,
        plan,
        lambda data: adjustments.adjustment_adopt(user=request.user, plan=plan, **data),
        _("The adjusting resolution was recorded: the revised version is official."),
        ResolutionForm(request.POST),
    )


@login_required
def task_plan(request, unit_pk, year, page):
    """From a step 6 task of "Việc của tôi" to the unit's plan page for it."""
    plan = selectors.council_plan_visible_to(user=request.user, unit_id=unit_pk, report_year=year)
    if plan is None:
        messages.info(request, _("Start the unit's plan for this year first."))
        return redirect("plans-plan-list")
    if page == "consultation":
        return redirect("consultation-plan-manage", plan_pk=plan.pk)
    return redirect("portal-approval-detail", plan_pk=plan.pk)


@login_required
def assigned_work(request):
    """'Việc được giao': what adopted plans ask of the user's agencies."""
    page = Paginator(selectors.assigned_activities(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "portal/assigned.html", {"activities": page, "page_obj": page})


# ─── the public portal (no login) ─────────────────────────────────────

LEVEL_CHOICES = [(kind, PlanKind(kind).label) for kind in services.COUNCIL_LEVELS]


def portal_home(request):
    """Published official plans of every level, searchable; consultations open now."""
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    kind = data.get("kind") or ""
    publications = selectors.publications_search(
        q=data.get("q") or "", kind=kind, year=data.get("year")
    )
    page = Paginator(publications, PUBLIC_PAGE_SIZE).get_page(request.GET.get("page"))
    query = {
        k: v for k, v in (("q", data.get("q")), ("kind", kind), ("year", data.get("year"))) if v
    }
    return render(
        request,
        "portal/home.html",
        {
            "publications": page,
            "page_obj": page,
            "querystring": urlencode(query) + "&" if query else "",
            "q": data.get("q") or "",
            "kind": kind,
            "year": data.get("year"),
            "years": selectors.publication_years(),
            "levels": LEVEL_CHOICES,
            "consultations": open_consultations().order_by("closes_on", "pk")[:50],
        },
    )


def unit_detail(request, pk):
    """One unit's public page: its published plans and its consultations."""
    unit = selectors.get_public_unit(pk)
    return render(
        request,
        "portal/unit.html",
        {
            "unit": unit,
            "publications": selectors.publications_search(unit=unit)[:100],
            "consultations": _unit_consultations(unit),
        },
    )


def _unit_consultations(unit):
    from sedp.consultation.models import Consultation

    return (
        Consultation.objects.filter(plan__unit=unit)
        .select_related("plan")
        .order_by("-published_at")
    )


def publication_detail(request, pk):
    publication = selectors.get_publication(pk)
    return render(request, "portal/publication.html", {"publication": publication})
