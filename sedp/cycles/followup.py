"""The follow-up matrix: units × steps with status counts, one grouped query over the tree."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils.html import format_html_join

from sedp.accounts.scoping import scope_for
from sedp.cycles.models import Step, Task, TaskStatus
from sedp.territory.models import AdminLevel, AdminUnit, Reach

MAX_ROWS = 2000


@dataclass
class Cell:
    total: int = 0
    done: int = 0
    on_time: int = 0
    overdue: int = 0
    due: int = 0  # tasks whose deadline has passed or that are done

    @property
    def status(self) -> str:
        if not self.total:
            return "none"
        if self.done == self.total:
            return "done" if self.on_time == self.total else "late"
        if self.overdue:
            return "overdue"
        if self.done:
            return "progress"
        return "pending"


@dataclass
class Row:
    unit: AdminUnit
    cells: list = field(default_factory=list)

    @property
    def cells_html(self):
        """The row's cells as HTML in one pass: a province's matrix has thousands of cells and
        the template engine would spend most of the page's time on them."""
        return format_html_join(
            "",
            '<td class="sedp-status-{} text-center" title="{}/{}">{}</td>',
            (
                (
                    c.status,
                    c.done,
                    c.total,
                    (f"{c.done}/{c.total}" + (f" !{c.overdue}" if c.overdue else ""))
                    if c.total
                    else "",
                )
                for c in self.cells
            ),
        )

    @property
    def on_time_rate(self):
        due = sum(c.due for c in self.cells)
        return None if not due else round(100 * sum(c.on_time for c in self.cells) / due)


@dataclass
class Matrix:
    level: AdminLevel
    steps: list
    rows: list


def matrix_levels(cycle):
    """The levels of the cycle's structure that have tasks in its template."""
    return list(
        AdminLevel.objects.filter(structure=cycle.structure)
        .filter(code__in=cycle.template.activities.values("responsibilities__level_code"))
        .order_by("rank")
    )


def follow_up_matrix(*, user, cycle, level, root=None, sector=None, day: datetime.date) -> Matrix:
    """Units of `level` under `root` (the user's scope when None) × the steps in which they have
    tasks. Three queries whatever the tree's size: steps, units, grouped task counts."""
    scope = scope_for(user)
    units = AdminUnit.objects.filter(structure=cycle.structure, level=level).filter(scope.unit_q())
    if root is not None:
        units = units.filter(path__startswith=root.path)
    units = list(units.select_related("parent").order_by("path")[:MAX_ROWS])
    # Tasks are found through the shown units' ids (the task.unit index), not a path scan of
    # the whole structure's tasks.
    tasks = Task.objects.filter(cycle=cycle, unit_id__in=[u.pk for u in units])
    if not scope.is_admin and any(m.agency.reach != Reach.TERRITORY for m in scope.memberships):
        # A sector line (Sở ngành, phòng ngành) sees only its sector's agencies' tasks.
        tasks = tasks.filter(scope.agency_q(prefix="agency__"))
    if sector is not None:
        tasks = tasks.filter(agency__sector__path__startswith=sector.path)
    counts = (
        tasks.values("unit_id", "activity__step_id")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=Q(status=TaskStatus.DONE)),
            on_time=Count("id", filter=Q(status=TaskStatus.DONE, done_at__date__lte=F("due_date"))),
            overdue=Count("id", filter=Q(status=TaskStatus.OPEN, due_date__lt=day)),
            due=Count("id", filter=Q(status=TaskStatus.DONE) | Q(due_date__lt=day)),
        )
        .order_by()
    )
    by_cell = {(c["unit_id"], c["activity__step_id"]): c for c in counts}
    step_ids = {step_id for _unit, step_id in by_cell}
    steps = list(
        Step.objects.filter(
            Q(pk__in=step_ids) | Q(level_code=level.code), template=cycle.template
        ).order_by("number", "level_code")
    )
    rows = []
    for unit in units:
        row = Row(unit=unit)
        for step in steps:
            data = by_cell.get((unit.pk, step.pk))
            row.cells.append(
                Cell(**{k: data[k] for k in ("total", "done", "on_time", "overdue", "due")})
                if data
                else Cell()
            )
        rows.append(row)
    return Matrix(level=level, steps=steps, rows=rows)
