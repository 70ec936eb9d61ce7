"""Every change to a five-year plan and to its links with annual plans.

The author agency's leaders and planners write the plan; a programme's lead agency (the Sở
a CTDA is assigned to) may also report its tasks' progress. Each function checks that,
runs in one transaction and writes an event.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sedp.accounts.scoping import scope_for
from sedp.core.events import record_event
from sedp.core.text import nfc
from sedp.fiveyear.models import (
    PERIOD_YEARS,
    AnnualLink,
    FiveYearPlan,
    Measure,
    Objective,
    Programme,
    ProgrammeKind,
    ProgrammeTask,
    Target,
)
from sedp.plans.rules import can_edit
from sedp.territory.models import AgencyKind

K = AgencyKind
# Who keeps a five-year plan: the bodies that plan a territory, and the sector bodies.
AUTHOR_KINDS = {
    K.PEOPLES_COMMITTEE,
    K.PLANNING_DEPARTMENT,
    K.FINANCE_DEPARTMENT,
    K.FINANCE_PLANNING_OFFICE,
    K.SECTOR_DEPARTMENT,
    K.DISTRICT_SECTOR_OFFICE,
}
BUDGET_CEILING = 100_000_000_000_000  # 100 000 tỷ: above any province's five-year programme


def require_author(user, plan) -> None:
    if not scope_for(user).can_change_agency(plan.agency):
        raise PermissionDenied(_("Only the five-year plan's own agency can change it."))


def _number(value, field, *, required=True):
    if value in (None, ""):
        if required:
            raise ValidationError({field: _("Enter a number.")})
        return None
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise ValidationError({field: _("“%(text)s” is not a number.") % {"text": value}}) from None
    if abs(number) >= Decimal("1e15"):
        raise ValidationError({field: _("The number is too large.")})
    return number


def _title(value, field="title", limit=500) -> str:
    text = nfc(value or "")
    if not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > limit:
        raise ValidationError({field: _("At most %(max)s characters.") % {"max": limit}})
    return text


@transaction.atomic
def five_year_plan_create(*, user, agency, start_year, title) -> FiveYearPlan:
    if not scope_for(user).can_change_agency(agency):
        raise PermissionDenied(_("Only the five-year plan's own agency can change it."))
    if agency.kind not in AUTHOR_KINDS:
        raise ValidationError(
            _("A %(kind)s does not keep a five-year plan.")
            % {"kind": agency.get_kind_display().lower()}
        )
    if not 2000 <= int(start_year) <= 2100:
        raise ValidationError({"start_year": _("The first year must be between 2000 and 2100.")})
    title = _title(title, limit=300)
    if FiveYearPlan.objects.filter(agency=agency, start_year=start_year).exists():
        raise ValidationError(
            {
                "start_year": _("%(agency)s already has a five-year plan from %(year)s.")
                % {"agency": agency.name, "year": start_year}
            }
        )
    plan = FiveYearPlan.objects.create(
        agency=agency, unit=agency.unit, start_year=start_year, title=title
    )
    record_event(
        actor=user,
        verb="fiveyear.plan_created",
        target=plan,
        unit=plan.unit,
        payload={"start_year": plan.start_year},
    )
    return plan


@transaction.atomic
def objective_add(*, user, plan, title) -> Objective:
    require_author(user, plan)
    objective = Objective.objects.create(
        plan=plan, title=_title(title), order=plan.objectives.count() + 1
    )
    record_event(actor=user, verb="fiveyear.objective_added", target=plan, unit=plan.unit,
                 payload={"objective": objective.title})  # fmt: skip
    return objective


def _own(plan, obj, field):
    """An objective chosen in a form must belong to the same five-year plan."""
    if obj is not None and obj.plan_id != plan.pk:
        raise ValidationError({field: _("Choose one of this plan's objectives.")})
    return obj


def _clean_target(plan, indicator, target_value, baseline, measure, objective, *, exclude=None):
    """A target's fields checked against its indicator and its plan's other targets."""
    if measure not in Measure.values:
        raise ValidationError({"measure": _("Choose how the target is measured.")})
    target_value = _number(target_value, "target_value")
    baseline = _number(baseline, "baseline", required=False)
    if not indicator.allow_negative and (target_value < 0 or (baseline or 0) < 0):
        raise ValidationError({"target_value": _("This indicator cannot be negative.")})
    if indicator.is_percent and target_value > 100 and measure == Measure.LEVEL:
        raise ValidationError({"target_value": _("A percentage cannot be above 100.")})
    others = plan.targets.filter(indicator=indicator)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise ValidationError(
            {"indicator": _("The plan already has a target for “%(name)s”.") % {"name": indicator}}
        )
    return {
        "indicator": indicator,
        "target_value": target_value,
        "baseline": baseline,
        "measure": measure,
        "objective": _own(plan, objective, "objective"),
    }


@transaction.atomic
def target_add(
    *, user, plan, indicator, target_value, baseline=None, measure=Measure.LEVEL, objective=None
) -> Target:
    require_author(user, plan)
    fields = _clean_target(plan, indicator, target_value, baseline, measure, objective)
    target = Target.objects.create(plan=plan, order=plan.targets.count() + 1, **fields)
    record_event(actor=user, verb="fiveyear.target_added", target=plan, unit=plan.unit,
                 payload={"indicator": indicator.code, "target": str(target_value)})  # fmt: skip
    return target


def _clean_programme(plan, title, kind, code, lead_agency, objective, budget) -> dict:
    if kind not in ProgrammeKind.values:
        raise ValidationError({"kind": _("Choose the kind of programme.")})
    if kind == ProgrammeKind.CENTRAL and lead_agency is None:
        raise ValidationError(
            {"lead_agency": _("Say which department the central programme is assigned to.")}
        )
    if budget is not None and not 0 <= budget <= BUDGET_CEILING:
        raise ValidationError({"budget": _("The amount must be between 0 and 100 000 billion.")})
    return {
        "kind": kind,
        "code": nfc(code or "")[:30],
        "title": _title(title),
        "lead_agency": lead_agency,
        "objective": _own(plan, objective, "objective"),
        "budget": budget,
    }


@transaction.atomic
def programme_add(
    *, user, plan, title, kind=ProgrammeKind.ACTION, code="", lead_agency=None, objective=None,
    budget=None,
) -> Programme:  # fmt: skip
    require_author(user, plan)
    fields = _clean_programme(plan, title, kind, code, lead_agency, objective, budget)
    programme = Programme.objects.create(plan=plan, order=plan.programmes.count() + 1, **fields)
    record_event(actor=user, verb="fiveyear.programme_added", target=plan, unit=plan.unit,
                 payload={"programme": str(programme), "kind": kind})  # fmt: skip
    return programme


def can_report_progress(user, programme) -> bool:
    scope = scope_for(user)
    if scope.can_change_agency(programme.plan.agency):
        return True
    return programme.lead_agency_id is not None and scope.can_change_agency(programme.lead_agency)


def _due_year(plan, due_year) -> int:
    if due_year in (None, "") or not plan.start_year <= int(due_year) <= plan.end_year:
        raise ValidationError(
            {"due_year": _("The year must be within the plan's period %(period)s.")
             % {"period": plan.period}}
        )  # fmt: skip
    return int(due_year)


@transaction.atomic
def task_add(*, user, programme, title, due_year) -> ProgrammeTask:
    plan = programme.plan
    require_author(user, plan)
    task = ProgrammeTask.objects.create(
        programme=programme,
        title=_title(title),
        due_year=_due_year(plan, due_year),
        order=programme.tasks.count() + 1,
    )
    record_event(actor=user, verb="fiveyear.task_added", target=plan, unit=plan.unit,
                 payload={"programme": programme.pk, "task": task.title})  # fmt: skip
    return task


@transaction.atomic
def task_report_progress(*, user, task, progress, note="") -> ProgrammeTask:
    """Report how far a programme task has come (percent done), with a note."""
    programme = task.programme
    if not can_report_progress(user, programme):
        raise PermissionDenied(_("Only the plan's agency or the programme's lead can report it."))
    if progress is None or not 0 <= int(progress) <= 100:
        raise ValidationError({"progress": _("Progress is a percentage from 0 to 100.")})
    task = ProgrammeTask.objects.select_for_update().get(pk=task.pk)
    before = task.progress
    task.progress = int(progress)
    task.progress_note = nfc(note or "")
    task.progress_year = timezone.localdate().year
    task.save(update_fields=["progress", "progress_note", "progress_year"])
    record_event(
        actor=user,
        verb="fiveyear.task_progress",
        target=programme.plan,
        unit=programme.plan.unit,
        reason=task.progress_note,
        payload={"task": task.pk, "before": before, "after": task.progress},
    )
    return task


def _covers(five_year_plan, annual_plan) -> bool:
    """A five-year plan frames an annual plan of its unit's subtree whose plan year it spans."""
    start = five_year_plan.start_year
    return annual_plan.unit.path.startswith(five_year_plan.unit.path) and (
        start <= annual_plan.plan_year < start + PERIOD_YEARS
    )


@transaction.atomic
def link_create(*, user, annual_plan, result=None, activity=None, objective=None, programme=None):
    """Say that an annual result or activity carries out a five-year objective or programme."""
    if not can_edit(scope_for(user), annual_plan):
        raise PermissionDenied(_("Only the plan's own group can change it."))
    if (result is None) == (activity is None):
        raise ValidationError(_("Choose one result or one activity of the annual plan."))
    if (objective is None) == (programme is None):
        raise ValidationError(_("Choose one objective or one programme of the five-year plan."))
    annual = result or activity
    if annual.plan_id != annual_plan.pk:
        raise ValidationError(_("The result or activity belongs to another plan."))
    five_year_plan = (objective or programme).plan
    if not _covers(five_year_plan, annual_plan):
        raise ValidationError(
            _("The five-year plan %(plan)s does not frame this annual plan.")
            % {"plan": five_year_plan}
        )
    link, created = AnnualLink.objects.get_or_create(
        result=result, activity=activity, objective=objective, programme=programme
    )
    if created:
        record_event(
            actor=user,
            verb="fiveyear.linked",
            target=annual_plan,
            unit=annual_plan.unit,
            payload={"annual": str(annual), "five_year": str(objective or programme)},
        )
    return link


@transaction.atomic
def link_delete(*, user, link) -> None:
    annual = link.annual
    if not can_edit(scope_for(user), annual.plan):
        raise PermissionDenied(_("Only the plan's own group can change it."))
    record_event(
        actor=user,
        verb="fiveyear.unlinked",
        target=annual.plan,
        unit=annual.plan.unit,
        payload={"annual": str(annual), "five_year": str(link.five_year)},
    )
    link.delete()


@transaction.atomic
def link_update(*, user, link, objective=None, programme=None) -> AnnualLink:
    """Point an annual result or activity at another objective or programme (the planner
    chose the wrong one): the same checks as a new link."""
    annual = link.annual
    if not can_edit(scope_for(user), annual.plan):
        raise PermissionDenied(_("Only the plan's own group can change it."))
    if (objective is None) == (programme is None):
        raise ValidationError(_("Choose one objective or one programme of the five-year plan."))
    five_year_plan = (objective or programme).plan
    if not _covers(five_year_plan, annual.plan):
        raise ValidationError(
            _("The five-year plan %(plan)s does not frame this annual plan.")
            % {"plan": five_year_plan}
        )
    duplicate = AnnualLink.objects.filter(
        result=link.result, activity=link.activity, objective=objective, programme=programme
    ).exclude(pk=link.pk)
    if duplicate.exists():
        raise ValidationError(_("“%(annual)s” is already linked to it.") % {"annual": annual})
    before = str(link.five_year)
    link.objective, link.programme = objective, programme
    link.save(update_fields=["objective", "programme"])
    record_event(
        actor=user,
        verb="fiveyear.link_changed",
        target=annual.plan,
        unit=annual.plan.unit,
        payload={"annual": str(annual), "before": before, "after": str(objective or programme)},
    )
    return link


# ───────────────────────── changing and deleting the plan's items ─────────────────────────
#
# What may be deleted (and why):
# - a target or a programme task: nothing points at it; its progress is read from the
#   indicator values or kept in the event log, so it simply goes.
# - a programme: its tasks go with it (they have no meaning without it, as a planner
#   expects), but not while an annual result or activity carries it out: those links belong
#   to other bodies' annual plans, so the deletion is refused naming them.
# - an objective: refused likewise while annual results or activities carry it out; the
#   plan's own targets and programmes filed under it stay in the plan, no longer filed under
#   any objective (a planner merging two objectives expects to keep them).

LINKS_NAMED = 5  # how many linking items the refusal names before "and N more"


def _refuse_if_linked(item, links) -> None:
    count = links.count()
    if not count:
        return
    named = [
        f"{link.annual.plan.agency.name}: {link.annual}"
        for link in links.select_related("result__plan__agency", "activity__plan__agency").order_by(
            "pk"
        )[:LINKS_NAMED]
    ]
    if count > LINKS_NAMED:
        named.append(_("and %(count)s more") % {"count": count - LINKS_NAMED})
    raise ValidationError(
        _(
            "“%(item)s” cannot be deleted: %(count)s annual results or activities carry it "
            "out (%(links)s). Remove those links in the annual plans first."
        )
        % {"item": item, "count": count, "links": "; ".join(named)}
    )


def _changes(obj, fields: dict) -> dict:
    """Set `fields` on `obj`; return {field: [before, after]} for those that changed."""
    changed = {}
    for name, value in fields.items():
        before = getattr(obj, name)
        if before != value:
            changed[name] = [
                str(before) if before is not None else None,
                str(value) if value is not None else None,
            ]
            setattr(obj, name, value)
    return changed


def _save_changes(user, obj, plan, fields, verb, label):
    changed = _changes(obj, fields)
    if changed:
        obj.save(update_fields=list(changed))
        record_event(
            actor=user,
            verb=verb,
            target=plan,
            unit=plan.unit,
            payload={"item": label, "changes": changed},
        )
    return obj


@transaction.atomic
def objective_update(*, user, objective, title) -> Objective:
    require_author(user, objective.plan)
    objective = Objective.objects.select_for_update().get(pk=objective.pk)
    return _save_changes(
        user,
        objective,
        objective.plan,
        {"title": _title(title)},
        "fiveyear.objective_changed",
        objective.title,
    )


@transaction.atomic
def objective_delete(*, user, objective) -> None:
    plan = objective.plan
    require_author(user, plan)
    _refuse_if_linked(objective, AnnualLink.objects.filter(objective=objective))
    detached = [str(t) for t in objective.targets.all()] + [
        str(p) for p in objective.programmes.all()
    ]
    record_event(
        actor=user,
        verb="fiveyear.objective_deleted",
        target=plan,
        unit=plan.unit,
        payload={"objective": objective.title, "detached": detached},
    )
    objective.delete()


@transaction.atomic
def target_update(
    *,
    user,
    target,
    indicator,
    target_value,
    baseline=None,
    measure=Measure.LEVEL,
    objective=None,
) -> Target:
    plan = target.plan
    require_author(user, plan)
    target = Target.objects.select_for_update().get(pk=target.pk)
    fields = _clean_target(
        plan, indicator, target_value, baseline, measure, objective, exclude=target
    )
    return _save_changes(
        user, target, plan, fields, "fiveyear.target_changed", target.indicator.code
    )


@transaction.atomic
def target_delete(*, user, target) -> None:
    plan = target.plan
    require_author(user, plan)
    record_event(
        actor=user,
        verb="fiveyear.target_deleted",
        target=plan,
        unit=plan.unit,
        payload={
            "indicator": target.indicator.code,
            "target": str(target.target_value),
            "baseline": None if target.baseline is None else str(target.baseline),
        },
    )
    target.delete()


@transaction.atomic
def programme_update(
    *,
    user,
    programme,
    title,
    kind=ProgrammeKind.ACTION,
    code="",
    lead_agency=None,
    objective=None,
    budget=None,
) -> Programme:
    plan = programme.plan
    require_author(user, plan)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    fields = _clean_programme(plan, title, kind, code, lead_agency, objective, budget)
    return _save_changes(
        user, programme, plan, fields, "fiveyear.programme_changed", str(programme)
    )


@transaction.atomic
def programme_delete(*, user, programme) -> None:
    plan = programme.plan
    require_author(user, plan)
    _refuse_if_linked(programme, AnnualLink.objects.filter(programme=programme))
    tasks = [
        {"task": t.title, "due_year": t.due_year, "progress": t.progress}
        for t in programme.tasks.all()
    ]
    record_event(
        actor=user,
        verb="fiveyear.programme_deleted",
        target=plan,
        unit=plan.unit,
        payload={"programme": str(programme), "kind": programme.kind, "tasks": tasks},
    )
    programme.delete()


@transaction.atomic
def task_update(*, user, task, title, due_year) -> ProgrammeTask:
    plan = task.programme.plan
    require_author(user, plan)
    task = ProgrammeTask.objects.select_for_update().get(pk=task.pk)
    fields = {"title": _title(title), "due_year": _due_year(plan, due_year)}
    return _save_changes(user, task, plan, fields, "fiveyear.task_changed", task.title)


@transaction.atomic
def task_delete(*, user, task) -> None:
    plan = task.programme.plan
    require_author(user, plan)
    record_event(
        actor=user,
        verb="fiveyear.task_deleted",
        target=plan,
        unit=plan.unit,
        payload={"programme": task.programme_id, "task": task.title, "progress": task.progress},
    )
    task.delete()


# ── The whole five-year plan ──────────────────────────────────────────────────
# Renaming keeps everything. Deleting takes its objectives, targets, programmes and tasks
# with it, but not while an annual plan carries any of them out: those annual plans are
# other bodies' work, so the deletion is refused naming them (as for a single item).


@transaction.atomic
def five_year_plan_rename(*, user, plan, title) -> FiveYearPlan:
    require_author(user, plan)
    plan = FiveYearPlan.objects.select_for_update().get(pk=plan.pk)
    return _save_changes(
        user, plan, plan, {"title": _title(title, limit=300)}, "fiveyear.plan_renamed", plan.title
    )


def linked_annual_plans(plan) -> list:
    """The annual plans whose results or activities carry out part of `plan`."""
    from sedp.plans.models import Plan

    links = AnnualLink.objects.filter(Q(objective__plan=plan) | Q(programme__plan=plan))
    ids = set(links.exclude(result=None).values_list("result__plan_id", flat=True))
    ids |= set(links.exclude(activity=None).values_list("activity__plan_id", flat=True))
    return list(
        Plan.objects.filter(pk__in=ids).select_related("agency").order_by("report_year", "pk")
    )


@transaction.atomic
def five_year_plan_delete(*, user, plan) -> None:
    require_author(user, plan)
    plan = FiveYearPlan.objects.select_for_update().get(pk=plan.pk)
    annual = linked_annual_plans(plan)
    if annual:
        named = [f"{p.get_kind_display()} {p.plan_year} — {p.agency.name}" for p in annual]
        raise ValidationError(
            _(
                "“%(plan)s” cannot be deleted: %(count)s annual plans carry it out "
                "(%(plans)s). Remove their links to it first."
            )
            % {"plan": plan.title, "count": len(annual), "plans": "; ".join(named)}
        )
    record_event(
        actor=user,
        verb="fiveyear.plan_deleted",
        target=plan,
        unit=plan.unit,
        payload={
            "title": plan.title,
            "start_year": plan.start_year,
            "objectives": list(plan.objectives.values_list("title", flat=True)),
            "targets": list(plan.targets.values_list("indicator__code", flat=True)),
            "programmes": [str(p) for p in plan.programmes.all()],
        },
    )
    plan.delete()
