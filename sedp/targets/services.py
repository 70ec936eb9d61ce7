"""Every change of the targets app: allocate, issue, and the budget estimate's review.

Each function checks permission, runs in one transaction (nothing half-saved), writes
events, and reports outputs to the planning calendar.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from sedp.accounts.models import EDITING_ROLES
from sedp.accounts.scoping import scope_for
from sedp.activities.models import FUNDING_FIELDS, ActivityStatus
from sedp.core.events import record_event, record_events
from sedp.core.text import nfc
from sedp.cycles.services import complete_tasks_for_output
from sedp.indicators import figures
from sedp.indicators.models import IndicatorValue, Kind
from sedp.indicators.services import can_enter_values, check_value, parse_number
from sedp.plans.models import PlanKind
from sedp.plans.rules import can_edit
from sedp.targets import grid as grids
from sedp.targets.models import (
    BUDGET_TRANSITIONS,
    Allocation,
    AllocationCell,
    BudgetEstimate,
    BudgetStatus,
)
from sedp.territory.models import AgencyKind

# The "official targets" output of the calendar, by the level that issues them.
OFFICIAL_TARGETS = {"tinh": "tinh.official_targets", "huyen": "huyen.official_targets"}
AMOUNT_CEILING = 100_000_000_000_000  # 100 000 tỷ: above any province's budget


def can_allocate(user, unit) -> bool:
    """The unit's consolidating bodies (UBND, Sở KHĐT, phòng TCKH…): leaders and planners."""
    return can_enter_values(user, unit)


def require_allocate(user, unit) -> None:
    if not can_allocate(user, unit):
        raise PermissionDenied(_("Only the unit's planning body allocates its targets."))


@transaction.atomic
def allocation_open(*, user, unit, report_year) -> Allocation:
    require_allocate(user, unit)
    allocation, created = Allocation.objects.get_or_create(unit=unit, report_year=report_year)
    if created:
        record_event(
            actor=user,
            verb="targets.allocation_opened",
            target=allocation,
            unit=unit,
            payload={"year": report_year},
        )
    return allocation


def parse_cells(grid, entries: dict) -> tuple[dict, dict]:
    """Read the posted cells ("c-<indicator>-<column key>" -> text): (values, errors).

    Every error names the cell: the unit or agency and the indicator, in Vietnamese.
    """
    indicators = {i.pk: i for i in grid.indicators}
    columns = {c.key: c for c in grid.columns}
    values, errors = {}, {}
    for name, text in entries.items():
        parts = name.split("-")
        if len(parts) != 3 or parts[0] != "c" or not parts[1].isdigit():
            continue
        indicator, column = indicators.get(int(parts[1])), columns.get(parts[2])
        if indicator is None or column is None:
            errors[name] = _("Unknown cell %(name)s.") % {"name": name}
            continue
        where = {"who": column.name, "indicator": indicator.name, "text": str(text)[:30]}
        try:
            number = parse_number(text)
        except ValueError:
            errors[name] = _("%(who)s, %(indicator)s: “%(text)s” is not a number.") % where
            continue
        if number is None:
            continue
        if not column.applies(indicator):
            errors[name] = (
                _("%(who)s, %(indicator)s: this indicator is not allocated here.") % where
            )
            continue
        number = round(number, indicator.decimals)
        unit_type = column.unit.unit_type if column.unit else grid.unit.unit_type
        problems = check_value(indicator, unit_type, number, {}, ratios=[])
        if problems:
            errors[name] = f"{column.name}, {indicator.name}: " + "; ".join(problems)
            continue
        values[(indicator.pk, column.key)] = number
    return values, errors


@transaction.atomic
def allocation_save(*, user, allocation, entries: dict) -> grids.Grid:
    """Save the grid as posted (every cell; an empty cell clears it). All or nothing: a
    ValidationError maps each wrong cell's name to its message."""
    require_allocate(user, allocation.unit)
    allocation = Allocation.objects.select_for_update().select_related("unit").get(pk=allocation.pk)
    grid = grids.load_grid(allocation)
    values, errors = parse_cells(grid, entries)
    if errors:
        raise ValidationError(errors)
    existing = {
        (c.indicator_id, f"u{c.unit_id}" if c.unit_id else f"a{c.agency_id}"): c
        for c in allocation.cells.all()
    }
    posted = {(int(n.split("-")[1]), n.split("-")[2]) for n in entries if n.startswith("c-")}
    to_delete = [c.pk for key, c in existing.items() if key in posted and key not in values]
    to_update, to_create = [], []
    for (indicator_id, key), value in values.items():
        cell = existing.get((indicator_id, key))
        if cell is None:
            to_create.append(
                AllocationCell(
                    allocation=allocation,
                    indicator_id=indicator_id,
                    unit_id=int(key[1:]) if key[0] == "u" else None,
                    agency_id=int(key[1:]) if key[0] == "a" else None,
                    value=value,
                )
            )
        elif cell.value != value:
            cell.value = value
            to_update.append(cell)
    AllocationCell.objects.filter(pk__in=to_delete).delete()
    AllocationCell.objects.bulk_update(to_update, ["value"])
    AllocationCell.objects.bulk_create(to_create)
    allocation.save(update_fields=["updated_at"])
    record_event(
        actor=user,
        verb="targets.allocation_saved",
        target=allocation,
        unit=allocation.unit,
        payload={"created": len(to_create), "changed": len(to_update), "cleared": len(to_delete)},
    )
    return grids.load_grid(allocation)


@transaction.atomic
def allocation_issue(*, user, allocation, basis="") -> int:
    """Assign the allocated figures: each becomes the child's "KH X+1 assigned" value, and
    a child's assigned figure whose cell was cleared is withdrawn.

    Refused while a figure does not add up (over the parent's, or a ratio that the units'
    numerators and denominators contradict). Returns how many values were assigned. Once
    the People's Council has adopted the unit's plan, the figures are official: the
    resolution is their basis and the units below receive the official document.
    """
    require_allocate(user, allocation.unit)
    from sedp.targets import official

    resolution = official.resolution_of(allocation.unit, allocation.report_year)
    if resolution is not None and not basis:
        basis = official.basis_of(resolution)
    count = issue_checked(actor=user, allocation=allocation, basis=basis)
    if resolution is not None:
        official.send_official_targets(allocation=allocation, resolution=resolution)
    return count


def issue_problems(grid) -> list[str]:
    """What stops the grid from being issued, each naming the row or the cell."""
    return [f"{i.name}: {grid.checks[i.pk].message}" for i in grid.blocking] + list(
        grid.cell_errors.values()
    )


@transaction.atomic
def issue_checked(*, actor, allocation, basis="") -> int:
    """The issue itself, for a caller that has checked who may do it: the planner's button
    (allocation_issue) or the People's Council's resolution (targets.official)."""
    allocation = (
        Allocation.objects.select_for_update().select_related("unit__level").get(pk=allocation.pk)
    )
    user = actor
    grid = grids.load_grid(allocation)
    problems = issue_problems(grid)
    if problems:
        raise ValidationError(problems)
    if not grid.values:
        raise ValidationError(_("Nothing is allocated yet."))
    basis = nfc(basis or "")[:255]
    columns = {c.key: c for c in grid.columns}
    indicators = {i.pk: i for i in grid.indicators}
    year = allocation.report_year
    existing = {
        (v.indicator_id, f"a{v.agency_id}" if v.agency_id else f"u{v.unit_id}"): v
        for v in IndicatorValue.objects.filter(
            report_year=year,
            kind=Kind.ASSIGNED,
            indicator__in=indicators,
        ).filter(unit__in=[c.unit.pk for c in columns.values() if c.unit] + [allocation.unit.pk])
        if (v.agency_id is None and v.unit_id != allocation.unit.pk) or v.agency_id
    }
    changed, befores = [], {}
    entered_by = user if user is not None and user.is_authenticated else None
    for (indicator_id, key), value in grid.values.items():
        column = columns[key]
        current = existing.get((indicator_id, key))
        if current is None:
            current = IndicatorValue(
                unit=column.unit or allocation.unit,
                agency=column.agency,
                indicator=indicators[indicator_id],
                report_year=year,
                kind=Kind.ASSIGNED,
            )
        elif current.value == value:
            continue
        befores[(indicator_id, key)] = str(current.value) if current.pk else None
        current.value, current.entered_by = value, entered_by
        current.source = basis or _("Targets assigned by %(unit)s") % {"unit": allocation.unit.name}
        changed.append((indicator_id, key, current))
    IndicatorValue.objects.bulk_update(
        [v for *_k, v in changed if v.pk], ["value", "entered_by", "source"]
    )
    IndicatorValue.objects.bulk_create([v for *_k, v in changed if not v.pk])
    # bulk_create sets the ids on SQLite and PostgreSQL (RETURNING): the events need them.
    fresh = [v for *_k, v in changed]
    reason = basis or _("Targets assigned by %(unit)s") % {"unit": allocation.unit.name}
    keys = {id(v): (i, k) for i, k, v in changed}
    units = {id(v): columns[k].unit or allocation.unit for _i, k, v in changed}
    record_events(
        actor=user,
        verb="targets.assigned",
        targets=fresh,
        unit_of=lambda v: units[id(v)],
        reason=reason,
        payload_of=lambda v: {
            "indicator": indicators[v.indicator_id].code,
            "kind": Kind.ASSIGNED,
            "year": year,
            "before": befores.get(keys[id(v)]),
            "after": str(v.value),
            "allocation": allocation.pk,
        },
    )
    # The allocation is the only source of its children's assigned figures for its rows: a
    # figure whose cell was cleared since the last assignment is withdrawn.
    withdrawn = [
        (key, value)
        for key, value in existing.items()
        if key[1] in columns and key not in grid.values
    ]
    if withdrawn:
        record_events(
            actor=user,
            verb="targets.withdrawn",
            targets=[value for _key, value in withdrawn],
            unit_of=lambda v: (
                columns[f"a{v.agency_id}" if v.agency_id else f"u{v.unit_id}"].unit
                or allocation.unit
            ),
            reason=reason,
            payload_of=lambda v: {
                "indicator": indicators[v.indicator_id].code,
                "kind": Kind.ASSIGNED,
                "year": year,
                "before": str(v.value),
                "after": None,
                "allocation": allocation.pk,
            },
        )
        IndicatorValue.objects.filter(pk__in=[v.pk for _key, v in withdrawn]).delete()
    touched = {k for _i, k, _v in changed} | {key[1] for key, _v in withdrawn}
    for column in columns.values():
        if column.unit is not None and column.key in touched:
            figures.refresh(column.unit, year)
    allocation.issued_at, allocation.issued_by, allocation.basis = timezone.now(), entered_by, basis
    allocation.save(update_fields=["issued_at", "issued_by", "basis", "updated_at"])
    event = record_event(
        actor=user,
        verb="targets.issued",
        target=allocation,
        unit=allocation.unit,
        reason=basis,
        payload={"values": len(changed), "withdrawn": len(withdrawn)},
    )
    output = OFFICIAL_TARGETS.get(allocation.unit.level.code)
    if output:
        issuers = allocation.unit.agencies.filter(
            kind__in=[AgencyKind.PEOPLES_COUNCIL, AgencyKind.PEOPLES_COMMITTEE]
        )
        for agency in issuers:
            complete_tasks_for_output(agency=agency, output_code=output, event=event)
    return len(changed)


# --- Budget estimates (dự toán) --------------------------------------------------------

# Which finance body checks a plan's estimate: at the plan's own unit or the one above.
FINANCE_KINDS = {AgencyKind.FINANCE_PLANNING_OFFICE, AgencyKind.FINANCE_DEPARTMENT}
REVIEWED_ABOVE = {PlanKind.COMMUNE_PLAN, PlanKind.DISTRICT_PLAN}
BUDGET_PLAN_KINDS = REVIEWED_ABOVE | {
    PlanKind.DISTRICT_SECTOR_PLAN,
    PlanKind.PROVINCE_SECTOR_PLAN,
    PlanKind.PROVINCE_PLAN,
}


def finance_unit(plan):
    return plan.unit.parent if plan.kind in REVIEWED_ABOVE else plan.unit


def can_review_budget(user, plan) -> bool:
    scope = scope_for(user)
    if scope.is_admin:
        return True
    unit = finance_unit(plan)
    return unit is not None and any(
        m.role in EDITING_ROLES and m.agency.kind in FINANCE_KINDS and m.agency.unit_id == unit.pk
        for m in scope.memberships
    )


def investment_of(plan) -> tuple[dict, int]:
    """The plan's funded activities summed by source (one query)."""
    sums = plan.activities.filter(status=ActivityStatus.FUNDED).aggregate(
        **{name: Sum(name) for name, _label in FUNDING_FIELDS}
    )
    by_source = {name: int(value or 0) for name, value in sums.items()}
    return by_source, sum(by_source.values())


def _budget_transition(estimate, target) -> None:
    if target not in BUDGET_TRANSITIONS[BudgetStatus(estimate.status)]:
        raise ValidationError(
            _("A budget estimate that is %(status)s cannot become %(target)s.")
            % {
                "status": estimate.get_status_display().lower(),
                "target": BudgetStatus(target).label.lower(),
            }
        )
    estimate.status = target


def _amount(value, field, errors, required=False):
    try:
        number = parse_number(value)
    except ValueError:
        errors[field] = _("“%(text)s” is not a number.") % {"text": str(value)[:30]}
        return None
    if number is None:
        if required:
            errors[field] = _("Enter the amount in VND.")
        return None
    if number < 0 or number > AMOUNT_CEILING or number != int(number):
        errors[field] = _("The amount must be a whole number of VND, not negative.")
        return None
    return int(number)


@transaction.atomic
def budget_prepare(*, user, plan, recurrent, recurrent_note="") -> BudgetEstimate:
    """Build (or rebuild) the estimate: funded activities by source plus recurrent needs."""
    if not can_edit(scope_for(user), plan):
        raise PermissionDenied(_("Only the plan's own group can change it."))
    if plan.kind not in BUDGET_PLAN_KINDS:
        raise ValidationError(_("This kind of plan has no budget estimate of its own."))
    errors = {}
    amount = _amount(recurrent, "recurrent", errors, required=True)
    if errors:
        raise ValidationError(errors)
    estimate, _created = BudgetEstimate.objects.select_for_update().get_or_create(plan=plan)
    if estimate.status not in {BudgetStatus.DRAFT, BudgetStatus.RETURNED}:
        raise ValidationError(_("The estimate was sent to the finance body; wait for its answer."))
    estimate.investment, estimate.investment_total = investment_of(plan)
    estimate.recurrent, estimate.recurrent_note = amount, nfc(recurrent_note or "")
    estimate.save()
    record_event(
        actor=user,
        verb="budget.prepared",
        target=estimate,
        unit=plan.unit,
        payload={"investment": estimate.investment_total, "recurrent": amount},
    )
    return estimate


@transaction.atomic
def budget_submit(*, user, estimate) -> BudgetEstimate:
    if not can_edit(scope_for(user), estimate.plan):
        raise PermissionDenied(_("Only the plan's own group can change it."))
    estimate = (
        BudgetEstimate.objects.select_for_update().select_related("plan__unit").get(pk=estimate.pk)
    )
    _budget_transition(estimate, BudgetStatus.SUBMITTED)
    estimate.save(update_fields=["status", "updated_at"])
    record_event(actor=user, verb="budget.submitted", target=estimate, unit=estimate.plan.unit)
    return estimate


@transaction.atomic
def budget_review(*, user, estimate, accept: bool, reason="", proposed_allocation=None):
    """The finance body accepts (with the allocation it proposes) or returns with a reason."""
    if not can_review_budget(user, estimate.plan):
        raise PermissionDenied(_("Only the finance body above checks this estimate."))
    estimate = (
        BudgetEstimate.objects.select_for_update().select_related("plan__unit").get(pk=estimate.pk)
    )
    reason, errors = nfc(reason or ""), {}
    if accept:
        allocation = _amount(proposed_allocation, "proposed_allocation", errors, required=True)
    elif not reason:
        errors["reason"] = _("Write why the estimate is returned: the unit will read it.")
    if errors:
        raise ValidationError(errors)
    _budget_transition(estimate, BudgetStatus.ACCEPTED if accept else BudgetStatus.RETURNED)
    if accept:
        estimate.proposed_allocation, estimate.return_reason = allocation, ""
    else:
        estimate.return_reason = reason
    estimate.reviewed_at, estimate.reviewed_by = timezone.now(), user
    estimate.save()
    record_event(
        actor=user,
        verb="budget.accepted" if accept else "budget.returned",
        target=estimate,
        unit=estimate.plan.unit,
        reason=reason,
        payload={"proposed_allocation": estimate.proposed_allocation},
    )
    return estimate
