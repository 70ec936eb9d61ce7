"""Scoped reads: allocations a user may open, and the targets assigned to the user's units."""

from django.db.models import Q
from django.http import Http404

from sedp.accounts.scoping import scope_for
from sedp.indicators.models import IndicatorValue, Kind
from sedp.plans.selectors import plans_visible_to
from sedp.targets.models import Allocation, BudgetEstimate, BudgetStatus
from sedp.territory.models import AdminUnit, AgencyKind, Reach


def get_unit_in_scope(*, user, pk) -> AdminUnit:
    scope = scope_for(user)
    try:
        return AdminUnit.objects.filter(scope.unit_q()).select_related("level").get(pk=pk)
    except (AdminUnit.DoesNotExist, ValueError):
        raise Http404 from None


def own_targets(*, user, report_year) -> list:
    """For each of the user's own agencies: its assigned figures beside its proposal and the
    gap. A territory body (UBND, planning group, phòng TCKH…) reads its unit's figures, a
    sector agency its own; nobody reads another unit's here. Three queries."""
    scope = scope_for(user)
    holders = []
    for membership in scope.memberships:
        agency = membership.agency
        # A village's working group plans its village (as indicators.can_enter_values), so it
        # reads the figures the commune assigned to the village.
        if agency.reach == Reach.TERRITORY or agency.kind == AgencyKind.VILLAGE_WORKING_GROUP:
            holders.append((agency.unit, None, agency))
        elif agency.sector_id:
            holders.append((agency.unit, agency.pk, agency))
    seen, unique = set(), []
    for unit, agency_id, agency in holders:
        if (unit.pk, agency_id) not in seen:
            seen.add((unit.pk, agency_id))
            unique.append((unit, agency_id, agency))
    if not unique:
        return []
    condition = Q()
    for unit, agency_id, _agency in unique:
        condition |= Q(unit_id=unit.pk, agency_id=agency_id)
    rows = {}
    for value in (
        IndicatorValue.objects.filter(condition, report_year=report_year)
        .filter(kind__in=[Kind.ASSIGNED, Kind.PROPOSED])
        .select_related("indicator")
        .order_by("indicator__group", "indicator__order")
    ):
        key = (value.unit_id, value.agency_id)
        row = rows.setdefault(key, {}).setdefault(
            value.indicator_id, {"indicator": value.indicator, "assigned": None, "proposed": None}
        )
        row["assigned" if value.kind == Kind.ASSIGNED else "proposed"] = value.value
    issued = {
        a.unit_id: a
        for a in Allocation.objects.filter(
            unit__in={u.parent_id for u, _a, _g in unique if u.parent_id}, report_year=report_year
        ).select_related("issued_by")
    }
    result = []
    for unit, agency_id, agency in unique:
        lines = list(rows.get((unit.pk, agency_id), {}).values())
        for line in lines:
            a, p = line["assigned"], line["proposed"]
            line["gap"] = a - p if a is not None and p is not None else None
        allocation = issued.get(unit.parent_id if agency_id is None else unit.pk)
        result.append({"unit": unit, "agency": agency, "lines": lines, "allocation": allocation})
    return result


def allocating_units(*, user) -> list:
    """Units whose targets the user may allocate: where they plan for a territory body."""
    from sedp.targets.services import can_allocate

    scope = scope_for(user)
    units = {m.agency.unit for m in scope.memberships if m.agency.reach == Reach.TERRITORY}
    return sorted((u for u in units if can_allocate(user, u)), key=lambda u: u.path)


def estimates_to_review(*, user):
    """Submitted estimates of the plans the user sees (the finance body's list)."""
    plans = plans_visible_to(user=user)
    return (
        BudgetEstimate.objects.filter(plan__in=plans.values("pk"), status=BudgetStatus.SUBMITTED)
        .select_related("plan__unit", "plan__agency")
        .order_by("plan__unit__path")
    )
