"""Scoped reads of activities, the SQL totals of a plan, and what became of each proposal."""

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery, Sum
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from sedp.accounts.scoping import scope_for
from sedp.activities.models import FUNDING_FIELDS, OUTSIDE_FIELDS, Activity, ActivityStatus
from sedp.territory.models import SectorGroup


def get_activity_for_user(*, user, pk) -> Activity:
    scope = scope_for(user)
    try:
        return (
            Activity.objects.filter(scope.agency_q(prefix="plan__agency__"))
            .select_related("plan__agency", "plan__unit__parent", "sector", "place")
            .get(pk=pk)
        )
    except (Activity.DoesNotExist, ValueError):
        raise Http404 from None


def activities_of(plan):
    """A plan's activities for display, with their origins (and the origins' authors)."""
    origins = Activity.objects.select_related("plan__agency", "plan__unit")
    return (
        plan.activities.select_related("sector", "place", "result")
        .prefetch_related(Prefetch("origins", queryset=origins))
        .order_by("sector__group", "sector__path", "priority", "order", "pk")
    )


def _sums():
    sums = {"total_cost": Sum("cost_estimate"), "count": Count("id")}
    sums.update({name: Sum(name) for name, _label in FUNDING_FIELDS})
    return sums


def totals_by_sector_group(plan) -> list[dict]:
    """One grouped query: per sector group, the number of lines, cost and funding by source.
    Removed lines are left out: they are no longer part of the plan."""
    rows = (
        plan.activities.exclude(status=ActivityStatus.REMOVED)
        .values("sector__group")
        .annotate(**_sums())
        .order_by("sector__group")
    )
    by_group = {row["sector__group"]: row for row in rows}
    return [
        {"group": group, "label": label, **by_group.get(group, {"count": 0, "total_cost": 0})}
        for group, label in SectorGroup.choices
    ]


def totals_by_source(plan) -> dict:
    """One aggregate: cost and each funding source over the plan's kept lines."""
    totals = plan.activities.exclude(status=ActivityStatus.REMOVED).aggregate(**_sums())
    totals = {name: value or 0 for name, value in totals.items()}
    rows = [(label, totals[name]) for name, label in FUNDING_FIELDS]
    funded = sum(value for _label, value in rows)
    return {
        "rows": rows,
        "total_cost": totals["total_cost"],
        "count": totals["count"],
        "funded": funded,
        "gap": totals["total_cost"] - funded,
    }


class Outcome:
    """What became of a proposal, as the village reads it."""

    PENDING = _("Not yet consolidated")
    KEPT = _("Kept in the commune plan")
    MERGED = _("Merged with similar proposals")
    REMOVED = _("Removed")
    VERIFY = _("Needs verification")
    UNFUNDED = _("No known funding yet")
    FUNDABLE = _("Fundable")
    FUNDED = _("Funded")


STATUS_OUTCOME = {
    ActivityStatus.PROPOSED: Outcome.KEPT,
    ActivityStatus.NEEDS_VERIFICATION: Outcome.VERIFY,
    ActivityStatus.REMOVED: Outcome.REMOVED,
    ActivityStatus.UNFUNDED: Outcome.UNFUNDED,
    ActivityStatus.FUNDABLE: Outcome.FUNDABLE,
    ActivityStatus.FUNDED: Outcome.FUNDED,
}


RANKED = {ActivityStatus.UNFUNDED, ActivityStatus.FUNDABLE, ActivityStatus.FUNDED}


def proposals_with_outcomes(plan):
    """A child plan's activities, each with `outcome` (label), `outcome_reason` and
    `merged` (True when its commune line gathers several proposals). Two queries."""
    # A subquery, not Count("origins"): the prefetch already joins the same M2M table to
    # find the lines, and a Count over that join would only ever see this one origin.
    through = Activity.origins.through
    origin_count = (
        through.objects.filter(from_activity=OuterRef("pk"))
        .values("from_activity")
        .annotate(n=Count("pk"))
        .values("n")
    )
    lines = Activity.objects.annotate(origin_count=Subquery(origin_count))
    activities = list(
        plan.activities.select_related("sector", "place")
        .prefetch_related(Prefetch("consolidated_into", queryset=lines, to_attr="lines"))
        .order_by("priority", "order", "pk")
    )
    for activity in activities:
        line = activity.lines[0] if activity.lines else None
        activity.outcome_line = line
        activity.merged = bool(line and line.origin_count > 1)
        if line is None:
            activity.outcome, activity.outcome_reason = Outcome.PENDING, ""
        else:
            activity.outcome = STATUS_OUTCOME[ActivityStatus(line.status)]
            activity.outcome_reason = line.status_reason
            # Once the conference has ranked the lists, the village also reads the rank
            # and what the commune line has from the state (its people's share aside).
            if line.status in RANKED:
                activity.outcome_rank = line.priority
                activity.outcome_state_funding = sum(getattr(line, name) for name in OUTSIDE_FIELDS)
    return activities


def beneficiary_shares(plan) -> list[dict]:
    """Cost going to each vulnerable group (one aggregate over the plan's kept lines)."""
    from sedp.activities.models import Beneficiary

    kept = plan.activities.exclude(status=ActivityStatus.REMOVED)
    sums = kept.aggregate(
        total=Sum("cost_estimate"),
        **{b: Sum("cost_estimate", filter=Q(**{f"for_{b}": True})) for b in Beneficiary.values},
    )
    total = sums.pop("total") or 0
    return [
        {
            "label": Beneficiary(b).label,
            "cost": value or 0,
            "share": round(100 * (value or 0) / total) if total else 0,
        }
        for b, value in sums.items()
    ]


def ranked_lists(plan) -> dict:
    """The conference's two ranked lists (seed, commune step 4, part 2): activities with no
    known funding, and those that can be funded (funded ones included). One query."""
    lines = (
        plan.activities.filter(
            status__in=[ActivityStatus.UNFUNDED, ActivityStatus.FUNDABLE, ActivityStatus.FUNDED]
        )
        .select_related("sector")
        .order_by(F("priority").asc(nulls_last=True), "pk")
    )
    lists = {"unfunded": [], "fundable": []}
    for line in lines:
        lists["unfunded" if line.status == ActivityStatus.UNFUNDED else "fundable"].append(line)
    return lists


def results_chain(plan) -> list:
    """The plan's goals with their objectives and outputs as nested `items` (one query)."""
    from sedp.activities.models import ResultItem

    items = list(ResultItem.objects.filter(plan=plan).order_by("order", "pk"))
    by_parent = {}
    for item in items:
        by_parent.setdefault(item.parent_id, []).append(item)
    for item in items:
        item.items = by_parent.get(item.pk, [])
    return by_parent.get(None, [])
