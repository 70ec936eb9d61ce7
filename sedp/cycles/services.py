"""Every state change of templates, cycles and tasks goes through these functions."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Case, DateField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from sedp.accounts.models import EDITING_ROLES
from sedp.accounts.scoping import scope_for
from sedp.core.events import record_event, record_events
from sedp.cycles.loading import sync_template
from sedp.cycles.models import (
    Activity,
    ActivityIO,
    PlanCycle,
    ProcessTemplate,
    Responsibility,
    Task,
    TaskStatus,
)
from sedp.territory.models import AdminLevel, AdminUnit, Agency, AgencyKind

# The bodies that lead the provincial planning process: Sở KHĐT (Sở Tài chính since 2025).
PLANNING_LEADS = {AgencyKind.PLANNING_DEPARTMENT, AgencyKind.FINANCE_DEPARTMENT}


def can_lead_planning(user, province) -> bool:
    """Administrators, or a leader/planner of Sở KHĐT or Sở TC of that province."""
    if user is None:
        return True  # the system itself (management commands, the demo loader)
    scope = scope_for(user)
    if scope.is_admin:
        return True
    return any(
        m.role in EDITING_ROLES
        and m.agency.kind in PLANNING_LEADS
        and m.agency.unit_id == province.pk
        for m in scope.memberships
    )


def _top_unit(structure) -> AdminUnit:
    top = AdminUnit.objects.filter(structure=structure, parent__isnull=True).order_by("pk").first()
    if top is None:
        raise ValidationError(_("The territory structure has no units yet."))
    return top


@transaction.atomic
def template_copy(*, user, template, province, code, name) -> ProcessTemplate:
    """A province's own copy of a template, whose dates it can then adjust."""
    if not can_lead_planning(user, province):
        raise PermissionDenied(_("Only the provincial planning department can copy a template."))
    if ProcessTemplate.objects.filter(code=code).exists():
        raise ValidationError({"code": _("The code %(code)s is already used.") % {"code": code}})
    spec = {
        "code": code,
        "name": name,
        "version": 1,
        "structure_kind": template.structure_kind,
        "levels": template.levels,
        "source": template.source,
        "steps": _spec_steps(template),
    }
    copy = ProcessTemplate.objects.create(
        code=code,
        name=name,
        version=1,
        structure_kind=template.structure_kind,
        levels=template.levels,
        source=template.source,
        based_on=template,
        province=province,
    )
    sync_template(spec, template=copy)
    record_event(
        actor=user,
        verb="template.copied",
        target=copy,
        unit=province,
        payload={"from": template.code, "version": template.version},
    )
    return copy


def _spec_steps(template) -> list[dict]:
    """A template as the loader's spec, to copy it through the same code path."""
    steps = []
    activities = (
        Activity.objects.filter(template=template)
        .select_related("step")
        .prefetch_related("responsibilities", "ios", "waits_for")
    )
    by_step = {}
    for activity in activities:
        by_step.setdefault(activity.step_id, []).append(activity)
    for step in template.steps.order_by("level_code", "number"):
        steps.append(
            {
                "level": step.level_code,
                "number": step.number,
                "title": step.title,
                "purpose": step.purpose,
                "window": {
                    "start": f"{step.start_day}/{step.start_month}",
                    "end": f"{step.end_day}/{step.end_month}",
                    "text": step.window_text,
                },
                "activities": [
                    {
                        "code": a.code,
                        "title": a.title,
                        "deadline": a.deadline_label,
                        "deadline_text": a.deadline_text,
                        "basis": a.deadline_basis,
                        "note": a.note,
                        "participants": a.participants,
                        "responsible": [
                            f"{r.level_code}:{r.kind}" for r in a.responsibilities.all()
                        ],
                        "inputs": [
                            {"type": io.io_type, "code": io.code, "name": io.name}
                            for io in a.ios.all()
                            if not io.is_output
                        ],
                        "outputs": [
                            {"type": io.io_type, "code": io.code, "name": io.name}
                            for io in a.ios.all()
                            if io.is_output
                        ],
                        "waits_for": [b.code for b in a.waits_for.all()],
                    }
                    for a in by_step.get(step.pk, [])
                ],
            }
        )
    return steps


@transaction.atomic
def activity_reschedule(*, user, activity, day, month, reason="") -> Activity:
    """Move an activity's deadline in a province's copy (the seed will be refined with use).

    The open tasks of the activity in open cycles move with it (one UPDATE); done tasks
    keep the deadline they were done against.
    The returned activity's `tasks_moved` says how many moved."""
    template = activity.template
    if not template.is_editable or template.province is None:
        raise ValidationError(
            _("Only a province's copy of a template can be changed; copy it first.")
        )
    if not can_lead_planning(user, template.province):
        raise PermissionDenied(_("Only the provincial planning department can change deadlines."))
    try:
        datetime.date(2024, month, day)  # a leap year: 29/02 is a valid deadline
    except (TypeError, ValueError):
        raise ValidationError({"deadline": _("Enter a valid day and month.")}) from None
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    before = activity.deadline_label
    activity.deadline_day, activity.deadline_month = day, month
    activity.deadline_basis = "stated"
    activity.save(update_fields=["deadline_day", "deadline_month", "deadline_basis"])
    # The new date depends on each open cycle's year: one CASE over the (few) open cycles.
    years = dict(
        PlanCycle.objects.filter(state="open", tasks__activity=activity)
        .distinct()
        .values_list("pk", "report_year")
    )
    moved = 0
    if years:
        moved = Task.objects.filter(
            cycle_id__in=years, activity=activity, status=TaskStatus.OPEN
        ).update(
            due_date=Case(
                *(
                    When(cycle_id=pk, then=Value(activity.deadline_in(year)))
                    for pk, year in years.items()
                ),
                output_field=DateField(),
            )
        )
    record_event(
        actor=user,
        verb="template.rescheduled",
        target=template,
        unit=template.province,
        reason=reason,
        payload={
            "activity": activity.code,
            "before": before,
            "after": activity.deadline_label,
            "tasks_moved": moved,
        },
    )
    activity.tasks_moved = moved
    return activity


def _insert_tasks(cycle, activity, pairs, now) -> None:
    """One INSERT … SELECT per activity; the unique constraint makes reopening a no-op."""
    ops = connection.ops
    task = Task._meta.db_table
    agency = Agency._meta.db_table
    unit = AdminUnit._meta.db_table
    level = AdminLevel._meta.db_table
    matches = " OR ".join("(l.code = %s AND a.kind = %s)" for _pair in pairs)
    sql = (
        f"INSERT INTO {task} (cycle_id, activity_id, agency_id, unit_id, due_date, status, "
        f"evidence, created_at) "
        f"SELECT %s, %s, a.id, a.unit_id, %s, %s, '', %s FROM {agency} a "
        f"JOIN {unit} u ON u.id = a.unit_id JOIN {level} l ON l.id = u.level_id "
        f"WHERE u.structure_id = %s AND a.is_active AND ({matches}) "
        f"ON CONFLICT (cycle_id, activity_id, agency_id) DO NOTHING"
    )
    params = [
        cycle.pk,
        activity.pk,
        ops.adapt_datefield_value(activity.deadline_in(cycle.report_year)),
        TaskStatus.OPEN,
        ops.adapt_datetimefield_value(now),
        cycle.structure_id,
    ]
    for pair in pairs:
        params.extend(pair)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@transaction.atomic
def cycle_open(*, user, template, structure, report_year) -> tuple[PlanCycle, int]:
    """Open (or reopen) the cycle of report year X and create its tasks; returns the new ones."""
    top = _top_unit(structure)
    if not can_lead_planning(user, top):
        raise PermissionDenied(_("Only the provincial planning department can open a cycle."))
    levels = set(structure.levels.values_list("code", flat=True))
    missing = set(template.levels) - levels
    if missing:
        raise ValidationError(
            _("The template needs levels %(levels)s, which this structure does not have.")
            % {"levels": ", ".join(sorted(missing))}
        )
    cycle, created = PlanCycle.objects.select_for_update().get_or_create(
        structure=structure,
        report_year=report_year,
        defaults={
            "template": template,
            "opened_by": user if user and user.is_authenticated else None,
        },
    )
    if cycle.template_id != template.pk:
        raise ValidationError(
            _("Report year %(year)s is already planned with another template.")
            % {"year": report_year}
        )
    before = Task.objects.filter(cycle=cycle).count()
    pairs_of = {}
    for r in Responsibility.objects.filter(activity__template=template).order_by("id"):
        pairs_of.setdefault(r.activity_id, []).append((r.level_code, r.kind))
    now = timezone.now()
    for activity in Activity.objects.filter(template=template):
        if activity.pk in pairs_of:
            _insert_tasks(cycle, activity, pairs_of[activity.pk], now)
    new = Task.objects.filter(cycle=cycle).count() - before
    record_event(
        actor=user,
        verb="cycle.opened",
        target=cycle,
        unit=top,
        payload={"template": template.code, "tasks_created": new, "reopened": not created},
    )
    return cycle, new


def can_complete(user, task) -> bool:
    scope = scope_for(user)
    return scope.is_admin or scope.role_in(task.agency) in EDITING_ROLES


@transaction.atomic
def task_complete(*, user, task, evidence) -> Task:
    """A leader or planner of the responsible agency marks the task done, saying what shows it."""
    if not can_complete(user, task):
        raise PermissionDenied(_("Only a leader or planner of the agency can complete its task."))
    evidence = (evidence or "").strip()
    if not evidence:
        raise ValidationError(
            {"evidence": _("Say what shows the work is done (document number, link, minutes…).")}
        )
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.is_done:
        raise ValidationError(_("This task is already done."))
    task.status, task.done_at, task.done_by, task.evidence = (
        TaskStatus.DONE,
        timezone.now(),
        user,
        evidence,
    )
    task.save(update_fields=["status", "done_at", "done_by", "evidence"])
    record_event(
        actor=user,
        verb="task.completed",
        target=task,
        unit=task.unit,
        payload={"evidence": evidence},
    )
    return task


@transaction.atomic
def task_reopen(*, user, task, reason) -> Task:
    if not can_complete(user, task):
        raise PermissionDenied(_("Only a leader or planner of the agency can reopen its task."))
    task = Task.objects.select_for_update().get(pk=task.pk)
    task.status, task.done_at, task.done_by, task.output_event = TaskStatus.OPEN, None, None, None
    task.save(update_fields=["status", "done_at", "done_by", "output_event"])
    record_event(actor=user, verb="task.reopened", target=task, unit=task.unit, reason=reason)
    return task


def complete_tasks_for_output(*, agency, output_code, event) -> int:
    """The hook for other apps: when `agency` produces the output `output_code` (a form accepted,
    a meeting recorded, a plan version issued — the codes of templates_data/*.yaml), its open
    tasks in open cycles whose activity produces that output are done, pointing at `event`.

    Call it inside the service that records `event`; returns how many tasks it completed.
    """
    return complete_tasks_for_outputs(agency=agency, output_codes=[output_code], event=event)


# No savepoint: it runs inside the caller's transaction, and an error here fails the caller
# anyway. A consolidation calls it once per plan, 150 times for a province's communes.
@transaction.atomic(savepoint=False)
def complete_tasks_for_outputs(*, agency, output_codes, event) -> int:
    """complete_tasks_for_output for several outputs at once: one query when no task waits
    for any of them (the usual case). Each task's evidence names the first of the outputs
    its activity produces."""
    if not output_codes:
        return 0
    produces = Activity.objects.filter(ios__is_output=True, ios__code__in=output_codes)
    tasks = list(
        Task.objects.select_for_update().filter(
            agency=agency,
            status=TaskStatus.OPEN,
            cycle__state="open",
            # A subquery, not a join: FOR UPDATE refuses the DISTINCT a join would need.
            activity__in=produces,
        )
    )
    if not tasks:
        return 0
    produced = {}
    for activity_id, code in ActivityIO.objects.filter(
        activity_id__in={t.activity_id for t in tasks}, is_output=True, code__in=output_codes
    ).values_list("activity_id", "code"):
        produced.setdefault(activity_id, []).append(code)
    output_of = {t.pk: next(c for c in output_codes if c in produced[t.activity_id]) for t in tasks}
    now = timezone.now()
    actor = event.actor
    evidence = _("Output recorded: %(event)s") % {"event": event.target_repr or output_codes[0]}
    Task.objects.filter(pk__in=[t.pk for t in tasks]).update(
        status=TaskStatus.DONE, done_at=now, done_by=actor, evidence=evidence, output_event=event
    )
    record_events(
        actor=actor,
        verb="task.completed",
        targets=tasks,
        unit_of=lambda t: agency.unit,
        payload_of=lambda t: {"output": output_of[t.pk], "event": event.pk},
    )
    return len(tasks)
