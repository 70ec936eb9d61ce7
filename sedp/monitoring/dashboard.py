"""The M&E dashboard of a plan, or of a unit and its subtree (a province over its districts
and communes): each target on track / at risk / off track, red first; activities late or over
budget; overdue reports — in a constant number of queries whatever the size of the subtree.

Queries: (0) the ids of the monitored plans in scope; (1) every target row of those plans
with its target and starting level (correlated subqueries on the values' unique index) —
the status rule of rules.py is applied to these rows in Python; (2) activity rows counted
per plan unit in SQL (late, over budget, total); (3) the late or over-budget activities,
worst first, limited; (4) overdue collection tasks counted per unit; (5) the child units
for the summary; (6) the explanation requests of the listed rows.
"""

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from sedp.accounts.scoping import scope_for
from sedp.indicators.models import IndicatorValue
from sedp.monitoring import rules
from sedp.monitoring.models import (
    CollectionTask,
    ExplanationRequest,
    ExplanationStatus,
    FrameworkRow,
    ProgressStatus,
    TaskStatus,
)
from sedp.monitoring.rules import STATUS_ORDER, TargetStatus
from sedp.plans.models import Plan
from sedp.territory.models import AdminUnit

LIST_LIMIT = 100  # rows listed per table; the counts always cover everything


def _ranked(kinds):
    return Case(
        *[When(kind=kind, then=Value(rank)) for rank, kind in enumerate(kinds)],
        output_field=IntegerField(),
    )


def _value_subquery(kinds):
    """The best value among `kinds` of the row's indicator for its plan's unit (and, for a
    sector plan, its agency) in the plan's report year."""
    values = IndicatorValue.objects.filter(
        unit_id=OuterRef("plan__unit_id"),
        indicator_id=OuterRef("indicator_id"),
        report_year=OuterRef("plan__report_year"),
        kind__in=kinds,
    )
    by_unit = values.filter(agency__isnull=True).order_by(_ranked(kinds)).values("value")[:1]
    by_agency = (
        values.filter(agency_id=OuterRef("plan__agency_id"))
        .order_by(_ranked(kinds))
        .values("value")[:1]
    )
    return Case(
        When(
            plan__kind__in=list(rules.SECTOR_PLAN_KINDS),
            then=Subquery(by_agency, output_field=DecimalField()),
        ),
        default=Subquery(by_unit, output_field=DecimalField()),
        output_field=DecimalField(),
    )


@dataclass
class UnitSummary:
    unit: object
    counts: dict = field(default_factory=lambda: dict.fromkeys(TargetStatus.values, 0))
    activities: int = 0
    late: int = 0
    over_budget: int = 0
    overdue_reports: int = 0

    @property
    def worst(self) -> str:
        for status in sorted(STATUS_ORDER, key=STATUS_ORDER.get):
            if self.counts[status] and status != TargetStatus.NO_DATA:
                return status
        return TargetStatus.NO_DATA if self.counts[TargetStatus.NO_DATA] else TargetStatus.ON_TRACK


def monitored_plan_ids(*, user, unit=None, plan=None, report_year=None) -> list[int]:
    """The monitored plans the user sees: one plan, or every plan of a unit's subtree for a
    report year (one query; the others then filter on these ids)."""
    scope = scope_for(user)
    plans = Plan.objects.filter(
        scope.agency_q(prefix="agency__"), me_state__monitoring_started_at__isnull=False
    )
    if plan is not None:
        plans = plans.filter(pk=plan.pk)
    else:
        plans = plans.filter(unit__path__startswith=unit.path, report_year=report_year)
    return list(plans.values_list("pk", flat=True))


def _child_of(path: str, top) -> int | None:
    """The id of the child of `top` a unit path sits under (None: the top unit itself)."""
    rest = path[len(top.path) :].strip("/")
    return int(rest.split("/")[0]) if rest else None


def build(*, user, unit=None, plan=None, report_year=None, day=None) -> dict:
    day = day or timezone.localdate()
    if plan is not None:
        unit, report_year = plan.unit, plan.report_year
    plan_ids = monitored_plan_ids(user=user, unit=unit, plan=plan, report_year=report_year)
    rows = FrameworkRow.objects.filter(plan_id__in=plan_ids)
    plan_year = report_year + 1
    share_today = rules.year_share(plan_year, day)

    targets = list(
        rows.filter(indicator__isnull=False)
        .annotate(
            target=_value_subquery(rules.TARGET_KINDS),
            baseline=_value_subquery(rules.BASELINE_KINDS),
        )
        .values(
            "pk",
            "plan_id",
            "plan__unit_id",
            "plan__unit__name",
            "plan__unit__path",
            "indicator__name",
            "indicator__unit_of_measure",
            "indicator__nature",
            "indicator__direction",
            "latest_value",
            "latest_share",
            "latest_period_end",
            "target",
            "baseline",
            "collector__name",
        )
    )
    for row in targets:
        row["status"] = rules.status_of(
            target=row["target"],
            latest=row["latest_value"],
            share=row["latest_share"],
            baseline=row["baseline"],
            nature=row["indicator__nature"],
            direction=row["indicator__direction"],
        )
    targets.sort(key=lambda r: (STATUS_ORDER[r["status"]], r["plan__unit__path"], r["pk"]))

    late_q = ~Q(progress_status=ProgressStatus.COMPLETED) & (
        Q(progress_status=ProgressStatus.STALLED)
        | Q(percent_done__lt=share_today * 100 - rules.LATE_POINTS)
    )
    over_q = Q(spent__gt=F("activity__cost_estimate"))
    activity_rows = rows.filter(activity__isnull=False)
    activity_counts = list(
        activity_rows.values("plan__unit_id", "plan__unit__path").annotate(
            total=Count("pk"),
            late=Count("pk", filter=late_q),
            over=Count("pk", filter=over_q),
        )
    )
    flagged = list(
        activity_rows.filter(late_q | over_q)
        .annotate(
            is_late=Case(When(late_q, then=Value(1)), default=Value(0)),
            is_over=Case(When(over_q, then=Value(1)), default=Value(0)),
        )
        .values(
            "pk",
            "plan__unit__name",
            "activity__title",
            "activity__cost_estimate",
            "progress_status",
            "percent_done",
            "spent",
            "is_late",
            "is_over",
            "collector__name",
        )
        .order_by("-is_late", "-is_over", "percent_done", "pk")[:LIST_LIMIT]
    )
    overdue = list(
        CollectionTask.objects.filter(
            plan_id__in=plan_ids, status=TaskStatus.OPEN, due_date__lt=day
        )
        .values("unit_id", "unit__path")
        .annotate(total=Count("pk"))
    )
    listed_ids = [r["pk"] for r in targets[:LIST_LIMIT]] + [r["pk"] for r in flagged]
    asked = dict(
        ExplanationRequest.objects.filter(row_id__in=listed_ids)
        .values_list("row_id", "status")
        .order_by("requested_at")
    )

    # Summary per child unit (or per plan unit when one plan is shown).
    children = {c.pk: c for c in AdminUnit.objects.filter(parent=unit).order_by("name")}
    summary = {None: UnitSummary(unit=unit)}
    summary.update({pk: UnitSummary(unit=child) for pk, child in children.items()})

    def bucket(path):
        key = _child_of(path, unit)
        return summary.get(key, summary[None])

    totals = UnitSummary(unit=unit)
    for row in targets:
        bucket(row["plan__unit__path"]).counts[row["status"]] += 1
        totals.counts[row["status"]] += 1
    for row in activity_counts:
        for target in (bucket(row["plan__unit__path"]), totals):
            target.activities += row["total"]
            target.late += row["late"]
            target.over_budget += row["over"]
    for row in overdue:
        bucket(row["unit__path"]).overdue_reports += row["total"]
        totals.overdue_reports += row["total"]
    for row in targets[:LIST_LIMIT]:
        row["asked"] = asked.get(row["pk"])
    for row in flagged:
        row["asked"] = asked.get(row["pk"])
    units = [s for s in summary.values() if sum(s.counts.values()) or s.activities]
    units.sort(key=lambda s: (STATUS_ORDER[s.worst], -s.counts[TargetStatus.OFF_TRACK]))
    return {
        "unit": unit,
        "plan": plan,
        "report_year": report_year,
        "plan_year": plan_year,
        "share_today": share_today,
        "targets": targets[:LIST_LIMIT],
        "target_total": len(targets),
        "flagged": flagged,
        "totals": totals,
        "units": units,
        "open_status": ExplanationStatus.OPEN,
    }
