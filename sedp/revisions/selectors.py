"""Scoped reads of versions and update requests: always through a plan the user may see."""

from django.db.models import Prefetch
from django.http import Http404

from sedp.plans.consolidation import children_of
from sedp.plans.models import CHILD_KINDS, PlanVersion
from sedp.plans.selectors import get_plan_for_user
from sedp.revisions.models import Milestone, UpdateRequest, UpdateResponse


def versions_of(plan):
    """A plan's versions for lists, with the milestones they stand for and the event that
    caused each (2 queries); the snapshots (megabytes for a province) stay unread."""
    return (
        PlanVersion.objects.filter(plan=plan)
        .defer("snapshot")
        .select_related("created_by")
        .prefetch_related(
            Prefetch(
                "milestones",
                queryset=Milestone.objects.select_related("event__actor").order_by("pk"),
            )
        )
        .order_by("number")
    )


def get_version(*, plan, pk) -> PlanVersion:
    try:
        return PlanVersion.objects.select_related("created_by").get(plan=plan, pk=pk)
    except (PlanVersion.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _parent_kinds(kind) -> list:
    return [parent for parent, kinds in CHILD_KINDS.items() if kind in kinds]


def requests_received(plan) -> list:
    """The update requests sent to `plan` by the plans consolidating it (newest first)."""
    candidates = UpdateRequest.objects.filter(
        plan__report_year=plan.report_year, plan__kind__in=_parent_kinds(plan.kind)
    ).select_related("plan__unit", "plan__agency")
    requests = [r for r in candidates if plan.unit.path.startswith(r.plan.unit.path)]
    answered = dict(
        UpdateResponse.objects.filter(plan=plan, request__in=requests).values_list(
            "request_id", "pk"
        )
    )
    for request in requests:
        request.answered = request.pk in answered
    return requests


def get_request_for_user(*, user, pk) -> UpdateRequest:
    """A request the user may read: its consolidating plan is in the user's scope."""
    try:
        request = UpdateRequest.objects.select_related("plan").get(pk=pk)
    except (UpdateRequest.DoesNotExist, ValueError):
        raise Http404 from None
    get_plan_for_user(user=user, pk=request.plan_id)
    return request


def request_overview(request) -> list:
    """Per child plan: its answer (with the versions to compare) or None. Three queries."""
    responses = {
        r.plan_id: r
        for r in UpdateResponse.objects.filter(request=request)
        .select_related("before", "version")
        .defer("before__snapshot", "version__snapshot")
    }
    children = (
        children_of(request.plan)
        .select_related("agency", "unit")
        .order_by("kind", "unit__path", "agency__name")
    )
    return [(child, responses.get(child.pk)) for child in children]
