"""Scoped reads of plans. A plan is visible when its author agency is (accounts.scoping)."""

from django.db.models import Count, Q, Sum
from django.http import Http404

from sedp.accounts.scoping import scope_for
from sedp.plans.consolidation import children_of
from sedp.plans.models import Plan


def plans_visible_to(*, user):
    scope = scope_for(user)
    return Plan.objects.filter(scope.agency_q(prefix="agency__")).select_related("agency", "unit")


def get_plan_for_user(*, user, pk) -> Plan:
    try:
        return plans_visible_to(user=user).select_related("unit__parent").get(pk=pk)
    except (Plan.DoesNotExist, ValueError):
        raise Http404 from None


def children_with_totals(plan):
    """The children of a consolidating plan with their activity count and proposed cost."""
    return (
        children_of(plan)
        .select_related("agency", "unit")
        .annotate(
            activity_count=Count("activities"),
            total_cost=Sum("activities__cost_estimate"),
        )
        .order_by("kind", "unit__path", "agency__name")
    )


def plan_years_visible_to(*, user):
    return sorted(
        set(plans_visible_to(user=user).values_list("report_year", flat=True)), reverse=True
    )


def plans_filtered(*, user, year=None, status=None, kind=None):
    plans = plans_visible_to(user=user)
    filters = Q()
    if year:
        filters &= Q(report_year=year)
    if status:
        filters &= Q(status=status)
    if kind:
        filters &= Q(kind=kind)
    return plans.filter(filters).annotate(
        activity_count=Count("activities"), total_cost=Sum("activities__cost_estimate")
    )
