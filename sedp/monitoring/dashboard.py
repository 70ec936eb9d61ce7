"""The M&E dashboard of a plan, or of a unit and its subtree (a province over its districts
and communes): each target on track / at risk / off track, red first; activities late or over
budget; overdue reports — in a constant number of queries whatever the size of the subtree.

Queries: (0) the monitored plans in scope; (1) every target row of those plans as narrow
tuples, their indicators, and their targets and starting levels in one indexed query, the
revised targets adopted by adjusting resolutions (targets_in_force) — the status rule of
rules.py is applied in Python — and the listed rows' collectors; (2) activity
rows counted per plan unit in SQL (late, over budget, total); (3) the late or over-budget
activities, worst first, limited; (4) overdue collection tasks counted per unit; (5) the
child units for the summary; (6) the explanation requests of the listed rows.
"""

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    F,
    Q,
    Value,
    When,
)
from django.utils import timezone

from sedp.accounts.scoping import scope_for
from sedp.indicators.models import Indicator, IndicatorValue
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
from sedp.monitoring.targets_in_force import adopted_revisions, target_in_force
from sedp.plans.models import Plan
from sedp.territory.models import AdminUnit, Agency

LIST_LIMIT = 100  # rows listed per table; the counts always cover everything


def plan_figures(plan_rows, indicator_ids) -> dict:
    """{(unit id, agency id or None, indicator id, report year): {kind: value}} of the plans'
    targets and starting levels, in one query on the values' indexes (a correlated subquery
    per row would be planned badly by PostgreSQL right after a bulk load)."""
    sector_agencies = {row[2] for row in plan_rows if row[3] in rules.SECTOR_PLAN_KINDS}
    values = IndicatorValue.objects.filter(
        unit_id__in={row[1] for row in plan_rows},
        indicator_id__in=indicator_ids,
        report_year__in={row[4] for row in plan_rows},
        kind__in=rules.TARGET_KINDS + rules.BASELINE_KINDS,
    ).filter(Q(agency__isnull=True) | Q(agency_id__in=sector_agencies))
    found = {}
    rows = values.values_list(
        "unit_id", "agency_id", "indicator_id", "report_year", "kind", "value"
    )
    for unit_id, agency_id, indicator_id, year, kind, value in rows:
        found.setdefault((unit_id, agency_id, indicator_id, year), {})[kind] = value
    return found


def _best(kinds_found: dict, kinds):
    return next((kinds_found[k] for k in kinds if k in kinds_found), None)


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


def monitored_plans(*, user, unit=None, plan=None, report_year=None) -> list[tuple]:
    """(id, unit, agency, kind, report year, unit name, unit path) of the monitored plans the
    user sees: one plan, or every plan of a unit's subtree for a report year."""
    scope = scope_for(user)
    plans = Plan.objects.filter(
        scope.agency_q(prefix="agency__"), me_state__monitoring_started_at__isnull=False
    )
    if plan is not None:
        plans = plans.filter(pk=plan.pk)
    else:
        plans = plans.filter(unit__path__startswith=unit.path, report_year=report_year)
    fields = ["pk", "unit_id", "agency_id", "kind", "report_year", "unit__name", "unit__path"]
    return list(plans.order_by().values_list(*fields))


def _child_of(path: str, top) -> int | None:
    """The id of the child of `top` a unit path sits under (None: the top unit itself)."""
    rest = path[len(top.path) :].strip("/")
    return int(rest.split("/")[0]) if rest else None


def build(*, user, unit=None, plan=None, report_year=None, day=None) -> dict:
    day = day or timezone.localdate()
    if plan is not None:
        unit, report_year = plan.unit, plan.report_year
    plan_rows = monitored_plans(user=user, unit=unit, plan=plan, report_year=report_year)
    plan_ids = [row[0] for row in plan_rows]
    plan_info = {row[0]: row for row in plan_rows}
    rows = FrameworkRow.objects.filter(plan_id__in=plan_ids)
    plan_year = report_year + 1
    share_today = rules.year_share(plan_year, day)

    # Narrow tuples for every target; names only for the listed ones (a province has
    # thousands of targets and lists a hundred).
    fields = ["pk", "plan_id", "indicator_id", "latest_value", "latest_share", "collector_id",
              "latest_period_end"]  # fmt: skip
    target_rows = list(rows.filter(indicator__isnull=False).order_by().values_list(*fields))
    indicator_ids = {row[2] for row in target_rows}
    indicators = {
        i.pk: i
        for i in Indicator.objects.filter(pk__in=indicator_ids).only(
            "name", "unit_of_measure", "nature", "direction"
        )
    }
    found = plan_figures(plan_rows, indicator_ids)
    revised = adopted_revisions(plan_ids)
    scored = []
    for pk, plan_id, indicator_id, latest, share, collector_id, as_of in target_rows:
        _pk, unit_id, agency_id, kind, year, _name, path = plan_info[plan_id]
        agency_id = agency_id if kind in rules.SECTOR_PLAN_KINDS else None
        kinds = found.get((unit_id, agency_id, indicator_id, year), {})
        indicator = indicators[indicator_id]
        target = target_in_force(kinds, revised.get(plan_id), indicator_id)
        status = rules.status_of(
            target=target,
            latest=latest,
            share=share,
            baseline=_best(kinds, rules.BASELINE_KINDS),
            nature=indicator.nature,
            direction=indicator.direction,
        )
        scored.append((STATUS_ORDER[status], path, pk, status, plan_id, indicator, target,
                       latest, collector_id, as_of))  # fmt: skip
    scored.sort(key=lambda item: item[:3])
    listed = scored[:LIST_LIMIT]
    collectors = dict(
        Agency.objects.filter(pk__in={item[8] for item in listed}).values_list("pk", "name")
    )
    targets = [
        {
            "pk": pk,
            "status": status,
            "plan__unit__name": plan_info[plan_id][5],
            "indicator__name": indicator.name,
            "indicator__unit_of_measure": indicator.unit_of_measure,
            "target": target,
            "latest_value": latest,
            "collector__name": collectors.get(collector_id, ""),
            "latest_period_end": as_of,
        }
        for _o, _p, pk, status, plan_id, indicator, target, latest, collector_id, as_of in listed
    ]

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
    listed_ids = [r["pk"] for r in targets] + [r["pk"] for r in flagged]
    asked = {
        row_id: (pk, status)
        for pk, row_id, status in ExplanationRequest.objects.filter(row_id__in=listed_ids)
        .order_by("requested_at", "pk")
        .values_list("pk", "row_id", "status")
    }

    # Summary per child unit (or per plan unit when one plan is shown).
    children = {c.pk: c for c in AdminUnit.objects.filter(parent=unit).order_by("name")}
    summary = {None: UnitSummary(unit=unit)}
    summary.update({pk: UnitSummary(unit=child) for pk, child in children.items()})

    def bucket(path):
        key = _child_of(path, unit)
        return summary.get(key, summary[None])

    totals = UnitSummary(unit=unit)
    for _order, path, _pk, status, *_rest in scored:
        bucket(path).counts[status] += 1
        totals.counts[status] += 1
    for row in activity_counts:
        for target in (bucket(row["plan__unit__path"]), totals):
            target.activities += row["total"]
            target.late += row["late"]
            target.over_budget += row["over"]
    for row in overdue:
        bucket(row["unit__path"]).overdue_reports += row["total"]
        totals.overdue_reports += row["total"]
    for row in targets:
        row["asked_pk"], row["asked"] = asked.get(row["pk"], (None, None))
    for row in flagged:
        row["asked_pk"], row["asked"] = asked.get(row["pk"], (None, None))
    units = [s for s in summary.values() if sum(s.counts.values()) or s.activities]
    units.sort(key=lambda s: (STATUS_ORDER[s.worst], -s.counts[TargetStatus.OFF_TRACK]))
    return {
        "unit": unit,
        "plan": plan,
        "report_year": report_year,
        "plan_year": plan_year,
        "share_today": share_today,
        "targets": targets,
        "target_total": len(scored),
        "flagged": flagged,
        "totals": totals,
        "units": units,
        "open_status": ExplanationStatus.OPEN,
    }
