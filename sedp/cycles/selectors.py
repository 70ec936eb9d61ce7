"""Scoped reads of templates, cycles and tasks."""

import datetime

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from sedp.accounts.scoping import scope_for
from sedp.cycles.models import PlanCycle, ProcessTemplate, Task, TaskStatus

DUE_SOON_DAYS = 14


def today() -> datetime.date:
    return timezone.localdate()


def templates_visible_to(*, user):
    """Templates are reference data: every signed-in user may read them."""
    return ProcessTemplate.objects.select_related("based_on", "province")


def get_template_for_user(*, user, pk) -> ProcessTemplate:
    try:
        return templates_visible_to(user=user).get(pk=pk)
    except (ProcessTemplate.DoesNotExist, ValueError):
        raise Http404 from None


def tasks_visible_to(*, user):
    scope = scope_for(user)
    return Task.objects.filter(scope.agency_q(prefix="agency__")).select_related(
        "activity__step", "agency__unit", "cycle__structure"
    )


def get_task_for_user(*, user, pk) -> Task:
    try:
        return tasks_visible_to(user=user).get(pk=pk)
    except (Task.DoesNotExist, ValueError):
        raise Http404 from None


def my_tasks(*, user, cycle=None):
    """Tasks of the agencies the user is a member of, in open cycles."""
    scope = scope_for(user)
    tasks = Task.objects.filter(agency_id__in=scope.agency_ids, cycle__state="open")
    if cycle is not None:
        tasks = tasks.filter(cycle=cycle)
    return tasks.select_related("activity__step", "agency__unit", "cycle__structure").order_by(
        "due_date", "activity__code", "agency__name"
    )


def group_my_tasks(tasks, *, day=None) -> dict:
    """Split an evaluated list into overdue, due soon, later and done (no extra query)."""
    day = day or today()
    groups = {"overdue": [], "soon": [], "later": [], "done": []}
    for task in tasks:
        task.days_left = (task.due_date - day).days
        task.days_overdue = -task.days_left
        if task.status == TaskStatus.DONE:
            groups["done"].append(task)
        elif task.days_left < 0:
            groups["overdue"].append(task)
        elif task.days_left <= DUE_SOON_DAYS:
            groups["soon"].append(task)
        else:
            groups["later"].append(task)
    return groups


def cycles_visible_to(*, user):
    """Cycles on structures where the user sees at least one unit (administrators: all)."""
    scope = scope_for(user)
    cycles = PlanCycle.objects.select_related("template", "structure")
    if scope.is_admin:
        return cycles
    structures = {m.agency.unit.structure_id for m in scope.memberships}
    return cycles.filter(structure_id__in=structures)


def get_cycle_for_user(*, user, pk) -> PlanCycle:
    try:
        return cycles_visible_to(user=user).get(pk=pk)
    except (PlanCycle.DoesNotExist, ValueError):
        raise Http404 from None


def open_task_counts(*, user) -> dict:
    """Overdue and open counts for the home page, one grouped query."""
    scope = scope_for(user)
    day = today()
    return Task.objects.filter(
        agency_id__in=scope.agency_ids, cycle__state="open", status=TaskStatus.OPEN
    ).aggregate(
        open=Count("id"),
        overdue=Count("id", filter=Q(due_date__lt=day)),
        soon=Count(
            "id",
            filter=Q(due_date__gte=day, due_date__lte=day + datetime.timedelta(days=DUE_SOON_DAYS)),
        ),
    )
