"""Scoped reads of five-year plans and their progress up to mid-year X.

Progress reads the indicator values of the plan's unit (the indicators app): TH X-1, TH 6
tháng X and ƯTH X of report year X, and the earlier years' actuals (TH y is entered as
"TH X-1" of report year y+1) — one query for all targets.

A LEVEL target (poverty rate, forest cover, NTM communes) compares the share of the way
from the baseline to the end-year target covered by the latest figure (ƯTH X, else TH X-1)
with the share of the period elapsed by then; within PACE_TOLERANCE of it is on track.
An ANNUAL target (average GRDP growth ≥ 8 %) compares the average of the years known so far
with the target. A programme is on track when its tasks' average progress keeps pace with
the period elapsed at mid-year X and no task due before X is left unfinished.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from sedp.accounts.scoping import scope_for
from sedp.fiveyear.models import PERIOD_YEARS, FiveYearPlan, Measure, ProgrammeTask
from sedp.indicators.models import Direction, IndicatorValue, Kind
from sedp.territory.models import Reach

PACE_TOLERANCE = Decimal("0.9")  # 90 % of the expected pace still counts as on track

STATUS_LABELS = {
    "achieved": _("Achieved"),
    "on_track": _("On track"),
    "behind": _("Behind"),
    "no_data": _("No data"),
}


def five_year_plans_visible_to(*, user):
    """The plans of agencies in the user's scope, and the frames they work within: the
    five-year plans of the territorial bodies of their unit and the units above, and of the
    same sector line above."""
    scope = scope_for(user)
    query = scope.agency_q(prefix="agency__")
    if not scope.is_admin:
        for membership in scope.memberships:
            agency = membership.agency
            above = Q(unit_id__in=[*agency.unit.ancestor_ids(), agency.unit_id])
            query |= above & Q(agency__reach=Reach.TERRITORY)
            if agency.sector_id:
                sector_paths = [
                    agency.sector.path[: i + 1]
                    for i, char in enumerate(agency.sector.path)
                    if char == "/" and i > 0
                ]
                query |= above & Q(agency__sector__path__in=sector_paths)
    return FiveYearPlan.objects.filter(query).select_related("agency", "unit")


def get_five_year_plan_for_user(*, user, pk) -> FiveYearPlan:
    try:
        return five_year_plans_visible_to(user=user).get(pk=pk)
    except (FiveYearPlan.DoesNotExist, ValueError):
        raise Http404 from None


def plan_with_parts(plan):
    """Objectives, targets and programmes with their tasks, and how many annual results and
    activities carry out each objective and programme: four queries."""
    return {
        "objectives": list(plan.objectives.annotate(linked=Count("annual_links"))),
        "targets": list(plan.targets.select_related("indicator", "objective")),
        "programmes": list(
            plan.programmes.select_related("lead_agency", "objective")
            .annotate(linked=Count("annual_links"))
            .prefetch_related(
                Prefetch("tasks", queryset=ProgrammeTask.objects.order_by("due_year", "order"))
            )
        ),
    }


@dataclass
class TargetProgress:
    target: object
    baseline: Decimal | None = None
    actual_previous: Decimal | None = None  # TH X-1
    half_year: Decimal | None = None  # TH 6 tháng X
    estimate: Decimal | None = None  # ƯTH X
    yearly: list = field(default_factory=list)  # [(year, value)] known within the period
    current: Decimal | None = None
    achieved_percent: Decimal | None = None
    expected_percent: Decimal | None = None
    status: str = "no_data"

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


def _values(unit, indicator_ids, first_report_year, report_year) -> dict:
    """{(indicator_id, report_year, kind): value} of the unit's own figures."""
    rows = IndicatorValue.objects.filter(
        unit=unit,
        agency__isnull=True,
        indicator_id__in=indicator_ids,
        report_year__gte=first_report_year,
        report_year__lte=report_year,
        kind__in=[Kind.ACTUAL_PREVIOUS, Kind.ACTUAL_HALF, Kind.ESTIMATE],
    ).values_list("indicator_id", "report_year", "kind", "value")
    return {(i, y, k): v for i, y, k, v in rows}


def _meets(value, goal, direction) -> bool:
    return value <= goal if direction == Direction.LOWER else value >= goal


def target_progress(plan, targets, report_year) -> list[TargetProgress]:
    """Each target's progress up to mid-year X (report_year)."""
    values = _values(plan.unit, [t.indicator_id for t in targets], plan.start_year, report_year)
    elapsed_years = Decimal(report_year - plan.baseline_year)
    result = []
    for target in targets:
        pk = target.indicator_id
        row = TargetProgress(target=target)
        row.actual_previous = values.get((pk, report_year, Kind.ACTUAL_PREVIOUS))
        row.half_year = values.get((pk, report_year, Kind.ACTUAL_HALF))
        row.estimate = values.get((pk, report_year, Kind.ESTIMATE))
        row.baseline = target.baseline
        if row.baseline is None:  # TH of the baseline year, entered in the first year
            row.baseline = values.get((pk, plan.start_year, Kind.ACTUAL_PREVIOUS))
        for year in range(plan.start_year, min(report_year, plan.end_year) + 1):
            value = (
                row.estimate
                if year == report_year
                else values.get((pk, year + 1, Kind.ACTUAL_PREVIOUS))
            )
            if value is not None:
                row.yearly.append((year, value))
        goal = target.target_value
        direction = target.indicator.direction
        if target.measure == Measure.ANNUAL:
            _annual(row, goal, direction)
        else:
            _level(row, goal, direction, elapsed_years)
        result.append(row)
    return result


def _annual(row, goal, direction) -> None:
    if not row.yearly:
        return
    row.current = sum(v for _y, v in row.yearly) / len(row.yearly)
    if goal:
        row.achieved_percent = (row.current / goal * 100).quantize(Decimal("0.1"))
    row.expected_percent = Decimal(100)
    row.status = "on_track" if _meets(row.current, goal, direction) else "behind"


def _level(row, goal, direction, elapsed_years) -> None:
    row.current = row.estimate if row.estimate is not None else row.actual_previous
    if row.current is None:
        return
    if row.baseline is None or row.baseline == goal:
        row.status = "achieved" if _meets(row.current, goal, direction) else "no_data"
        return
    rising = goal > row.baseline
    if (row.current >= goal) if rising else (row.current <= goal):
        row.status = "achieved"
    covered = (row.current - row.baseline) / (goal - row.baseline)
    expected = min(max(elapsed_years / PERIOD_YEARS, Decimal(0)), Decimal(1))
    row.achieved_percent = (covered * 100).quantize(Decimal("0.1"))
    row.expected_percent = (expected * 100).quantize(Decimal("0.1"))
    if row.status != "achieved":
        row.status = "on_track" if covered >= expected * PACE_TOLERANCE else "behind"


@dataclass
class ProgrammeProgress:
    programme: object
    tasks: list
    progress: Decimal | None
    expected: Decimal
    overdue: list
    status: str

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


def programme_progress(plan, programmes, report_year) -> list[ProgrammeProgress]:
    """Mid-year X: the period elapsed is (X - first year + ½) / 5."""
    elapsed = Decimal(report_year - plan.start_year) + Decimal("0.5")
    expected = min(max(elapsed / PERIOD_YEARS, Decimal(0)), Decimal(1)) * 100
    result = []
    for programme in programmes:
        tasks = list(programme.tasks.all())
        overdue = [t for t in tasks if t.due_year < report_year and t.progress < 100]
        if not tasks:
            result.append(ProgrammeProgress(programme, [], None, expected, [], "no_data"))
            continue
        progress = Decimal(sum(t.progress for t in tasks)) / len(tasks)
        if progress >= 100:
            status = "achieved"
        elif progress >= expected * PACE_TOLERANCE and not overdue:
            status = "on_track"
        else:
            status = "behind"
        result.append(
            ProgrammeProgress(
                programme, tasks, progress.quantize(Decimal("0.1")), expected, overdue, status
            )
        )
    return result


def plans_framing(annual_plan):
    """Five-year plans of the annual plan's unit and its ancestors spanning its plan year."""
    unit = annual_plan.unit
    year = annual_plan.plan_year
    return (
        FiveYearPlan.objects.filter(
            unit_id__in=[*unit.ancestor_ids(), unit.pk],
            start_year__lte=year,
            start_year__gt=year - PERIOD_YEARS,
        )
        .select_related("agency", "unit")
        .prefetch_related("objectives", "programmes")
        .order_by("unit__depth", "agency__name")
    )
