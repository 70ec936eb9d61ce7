"""Follow-up pages: the units × steps matrix (HTML and XLSX), a unit's tasks, the timeline."""

import datetime
import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from sedp.accounts.scoping import scope_for
from sedp.accounts.selectors import get_unit_for_user
from sedp.cycles import selectors
from sedp.cycles.followup import follow_up_matrix, matrix_levels
from sedp.cycles.models import Activity, Step
from sedp.territory.models import Sector


def _status_labels():
    return {
        "done": _("Done on time"),
        "late": _("Done late"),
        "progress": _("In progress"),
        "pending": _("Not yet due"),
        "overdue": _("Overdue"),
        "none": _("No task"),
    }


def _pick_cycle(request):
    cycles = list(selectors.cycles_visible_to(user=request.user))
    if not cycles:
        return None, cycles
    wanted = request.GET.get("cycle")
    for cycle in cycles:
        if str(cycle.pk) == wanted:
            return cycle, cycles
    return cycles[0], cycles


@login_required
def followup_matrix(request):
    cycle, cycles = _pick_cycle(request)
    if cycle is None:
        return render(request, "cycles/followup.html", {"cycles": cycles})
    levels = matrix_levels(cycle)
    level = next((lv for lv in levels if lv.code == request.GET.get("level")), None)
    root = None
    if request.GET.get("unit"):
        root = get_unit_for_user(user=request.user, pk=request.GET["unit"])
        if root.structure_id != cycle.structure_id:
            raise Http404
    if level is None:
        # Default: the level just below the root (or the user's own top unit).
        if root is not None:
            below = root.level.rank + 1
        else:
            # One level below the highest unit the user consolidates (a district office sees
            # its communes; a province department, its districts).
            scope = scope_for(request.user)
            ranks = [m.agency.unit.level.rank for m in scope.memberships]
            below = 1 if scope.is_admin or not ranks else min(ranks) + 1
        level = next((lv for lv in levels if lv.rank >= below), levels[-1] if levels else None)
    sector = Sector.objects.filter(pk=request.GET.get("sector") or None).first()
    matrix = follow_up_matrix(
        user=request.user, cycle=cycle, level=level, root=root, sector=sector, day=selectors.today()
    )
    if request.GET.get("format") == "xlsx":
        return _xlsx(cycle, matrix)
    next_level = next((lv for lv in levels if lv.rank > level.rank), None)
    return render(
        request,
        "cycles/followup.html",
        {
            "cycle": cycle,
            "cycles": cycles,
            "levels": levels,
            "level": level,
            "next_level": next_level,
            "root": root,
            "sector": sector,
            "sectors": Sector.objects.all(),
            "matrix": matrix,
            "labels": _status_labels(),
        },
    )


def _xlsx(cycle, matrix) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    fills = {
        "done": "C6EFCE",
        "late": "E2F0D9",
        "progress": "FFF2CC",
        "pending": "F2F2F2",
        "overdue": "FFC7CE",
        "none": "FFFFFF",
    }
    labels = _status_labels()
    book = Workbook()
    sheet = book.active
    sheet.title = _("Follow-up")[:31]
    sheet.append([str(cycle)])
    header = [_("Unit"), _("Parent unit")]
    header += [f"{_('Step')} {s.number} ({s.level_code}): {s.title}" for s in matrix.steps]
    header.append(_("On-time rate (%)"))
    sheet.append(header)
    for row in matrix.rows:
        values = [row.unit.name, row.unit.parent.name if row.unit.parent else ""]
        values += [f"{labels[c.status]} {c.done}/{c.total}" if c.total else "" for c in row.cells]
        values.append(row.on_time_rate)
        sheet.append(values)
        for index, cell in enumerate(row.cells):
            sheet.cell(row=sheet.max_row, column=3 + index).fill = PatternFill(
                "solid", fgColor=fills[cell.status]
            )
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="theo-doi-{cycle.report_year}-{matrix.level.code}.xlsx"'
    )
    return response


@login_required
def followup_unit(request, cycle_pk, unit_pk):
    cycle = selectors.get_cycle_for_user(user=request.user, pk=cycle_pk)
    unit = get_unit_for_user(user=request.user, pk=unit_pk)
    tasks = list(
        selectors.tasks_visible_to(user=request.user)
        .filter(cycle=cycle, unit=unit)
        .order_by("due_date", "activity__code", "agency__name")
    )
    day = selectors.today()
    for task in tasks:
        task.days_left = (task.due_date - day).days
    return render(
        request, "cycles/followup_unit.html", {"cycle": cycle, "unit": unit, "tasks": tasks}
    )


# The timeline's geometry: one pixel row per level, days of May–December on the x axis.
TIMELINE_START = (5, 1)
TIMELINE_END = (12, 31)
DAY_WIDTH = 4
LANE_HEIGHT = 70
LEFT = 110


@login_required
def cycle_timeline(request, pk):
    cycle = selectors.get_cycle_for_user(user=request.user, pk=pk)
    year = cycle.report_year
    start = datetime.date(year, *TIMELINE_START)
    end = datetime.date(year, *TIMELINE_END)

    def x(day):
        day = min(max(day, start), end)
        return LEFT + (day - start).days * DAY_WIDTH

    levels = [lv for lv in cycle.template.levels if lv != "thon"]
    level_names = dict(cycle.structure.levels.values_list("code", "name"))
    lane = {code: index for index, code in enumerate(levels)}
    steps = []
    for step in Step.objects.filter(template=cycle.template).order_by("level_code", "number"):
        if step.level_code not in lane:
            continue
        top = 20 + lane[step.level_code] * LANE_HEIGHT
        x1, x2 = x(step.start_in(year)), x(step.end_in(year))
        steps.append({"step": step, "x": x1, "y": top, "width": max(x2 - x1, 3), "label_x": x1 + 2})
    activities = list(
        Activity.objects.filter(template=cycle.template)
        .select_related("step")
        .prefetch_related("waits_for")
    )
    point = {}
    marks = []
    for activity in activities:
        if activity.step.level_code not in lane:
            continue
        cx = x(activity.deadline_in(year))
        cy = 20 + lane[activity.step.level_code] * LANE_HEIGHT + 40
        point[activity.pk] = (cx, cy)
        marks.append({"activity": activity, "x": cx, "y": cy})
    links = []
    for activity in activities:
        for before in activity.waits_for.all():
            if activity.pk in point and before.pk in point:
                (x1, y1), (x2, y2) = point[before.pk], point[activity.pk]
                if y1 != y2:  # only the hand-overs between levels
                    links.append(
                        {
                            "x1": x1,
                            "y1": y1,
                            "x2": x2,
                            "y2": y2,
                            "late": x1 > x2,
                            "a": activity,
                            "b": before,
                        }
                    )
    months = []
    for month in range(TIMELINE_START[0], TIMELINE_END[0] + 1):
        months.append({"x": x(datetime.date(year, month, 1)), "label": f"{month:02d}/{year}"})
    today = selectors.today()
    return render(
        request,
        "cycles/timeline.html",
        {
            "cycle": cycle,
            "lanes": [
                {"name": level_names.get(code, code), "y": 20 + i * LANE_HEIGHT}
                for i, code in enumerate(levels)
            ],
            "steps": steps,
            "marks": marks,
            "links": links,
            "months": months,
            "today_x": x(today) if start <= today <= end else None,
            "width": x(end) + 20,
            "height": 20 + len(levels) * LANE_HEIGHT + 20,
        },
    )
