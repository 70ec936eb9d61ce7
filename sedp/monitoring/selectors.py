"""Scoped reads of frameworks, collection tasks and explanation requests.

A collecting agency sees its own tasks; whoever sees the plan (its group, the bodies above it)
sees the plan's tasks too. Anything else answers 404.
"""

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from sedp.accounts.scoping import scope_for
from sedp.monitoring.models import (
    CollectionNotice,
    CollectionTask,
    ExplanationRequest,
    ExplanationStatus,
    FrameworkRow,
    TaskStatus,
)
from sedp.plans.models import Plan


def framework_rows(plan):
    return plan.me_rows.select_related(
        "indicator", "activity__sector", "activity__responsible", "collector", "report_to"
    ).order_by("order", "pk")


def plans_with_frameworks(*, user, year=None):
    """Plans the user sees that have an M&E framework (or could have one), with row counts."""
    scope = scope_for(user)
    plans = Plan.objects.filter(scope.agency_q(prefix="agency__"))
    if year:
        plans = plans.filter(report_year=year)
    return (
        plans.select_related("unit", "agency", "me_state")
        .annotate(row_count=Count("me_rows"))
        .filter(Q(row_count__gt=0) | Q(kind__in=PLAN_KINDS_WITH_FRAMEWORK))
        .order_by("-report_year", "unit__path", "kind")
    )


PLAN_KINDS_WITH_FRAMEWORK = [
    "commune_plan",
    "district_plan",
    "district_sector_plan",
    "province_plan",
    "province_sector_plan",
]


def _task_q(scope) -> Q:
    return scope.agency_q(prefix="agency__") | scope.agency_q(prefix="plan__agency__")


def tasks_visible_to(*, user):
    return CollectionTask.objects.filter(_task_q(scope_for(user))).select_related(
        "row__indicator", "row__activity", "plan__unit", "plan__agency", "agency__unit"
    )


def get_task_for_user(*, user, pk) -> CollectionTask:
    try:
        return tasks_visible_to(user=user).get(pk=pk)
    except (CollectionTask.DoesNotExist, ValueError):
        raise Http404 from None


def get_row_for_user(*, user, pk) -> FrameworkRow:
    scope = scope_for(user)
    try:
        return (
            FrameworkRow.objects.filter(scope.agency_q(prefix="plan__agency__"))
            .select_related(
                "plan__unit", "plan__agency", "indicator", "activity__responsible", "collector"
            )
            .get(pk=pk)
        )
    except (FrameworkRow.DoesNotExist, ValueError):
        raise Http404 from None


def my_tasks(*, user):
    """The collection tasks of the user's own agencies: open ones, then the recent reports."""
    scope = scope_for(user)
    return (
        CollectionTask.objects.filter(agency_id__in=scope.agency_ids)
        .select_related("row__indicator", "row__activity", "plan__unit", "agency")
        .order_by("status", "due_date", "pk")
    )


def my_notices(*, user):
    """Reminders addressed to the user's agencies, newest first: their own tasks' deadlines
    and, for a People's Committee, the late tasks of the agencies under it."""
    scope = scope_for(user)
    return (
        CollectionNotice.objects.filter(agency_id__in=scope.agency_ids)
        .select_related("task__row__indicator", "task__row__activity", "task__agency", "agency")
        .order_by("-created_at", "-pk")
    )


def my_explanations(*, user):
    scope = scope_for(user)
    return (
        ExplanationRequest.objects.filter(agency_id__in=scope.agency_ids)
        .select_related("row__indicator", "row__activity", "plan__unit", "agency", "requested_by")
        .order_by("status", "-requested_at")
    )


def explanations_visible_to(*, user):
    scope = scope_for(user)
    return ExplanationRequest.objects.filter(
        scope.agency_q(prefix="agency__") | scope.agency_q(prefix="plan__agency__")
    ).select_related("row__indicator", "row__activity", "plan__unit", "agency", "requested_by")


def get_explanation_for_user(*, user, pk) -> ExplanationRequest:
    try:
        return explanations_visible_to(user=user).get(pk=pk)
    except (ExplanationRequest.DoesNotExist, ValueError):
        raise Http404 from None


def work_counts(*, user) -> dict:
    """Open, overdue collection tasks and open explanation requests of the user's agencies
    (two queries), for the work list."""
    scope = scope_for(user)
    today = timezone.localdate()
    counts = CollectionTask.objects.filter(
        agency_id__in=scope.agency_ids, status=TaskStatus.OPEN
    ).aggregate(
        open=Count("id"),
        overdue=Count("id", filter=Q(due_date__lt=today)),
    )
    counts["explanations"] = ExplanationRequest.objects.filter(
        agency_id__in=scope.agency_ids, status=ExplanationStatus.OPEN
    ).count()
    return counts
