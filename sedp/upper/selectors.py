"""Scoped reads of the upper levels: routed commune content, origins down to the village,
sector against territory, the disagreement register, the Sở's inbox and the deadlines.

All figures are SQL aggregates; the origin chains are one recursive query (WITH RECURSIVE
runs the same on SQLite and PostgreSQL), so every page runs a fixed number of queries
whatever the size of the tree.
"""

import copy

from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, Sum, When

from sedp.accounts.scoping import scope_for
from sedp.activities.models import Activity, ActivityStatus
from sedp.meetings.models import Disagreement
from sedp.plans.models import Plan, PlanKind, PlanStatus
from sedp.territory.models import AdminUnit, Agency, AgencyKind, Reach, Sector
from sedp.upper.models import DispatchPurpose, PlanDispatch
from sedp.upper.sources import SECTOR_PLAN_KINDS, kept_lines, territorial_children

TERRITORIAL_PLAN_KINDS = [PlanKind.DISTRICT_PLAN, PlanKind.PROVINCE_PLAN]
UPPER_KINDS = [*SECTOR_PLAN_KINDS, *TERRITORIAL_PLAN_KINDS]


def line_scope_q(scope, prefix="") -> Q:
    """Lines a user may read: the plans of their territory, or their sector's lines within
    their unit's subtree (a district office sees its sector across its communes only)."""
    if scope.is_admin:
        return Q()
    query = Q(**{f"{prefix}plan__agency_id__in": scope.agency_ids})
    for membership in scope.memberships:
        agency = membership.agency
        below = Q(**{f"{prefix}plan__unit__path__startswith": agency.unit.path})
        if agency.reach == Reach.TERRITORY:
            query |= below
        elif agency.reach == Reach.SECTOR_LINE and agency.sector_id:
            query |= below & Q(**{f"{prefix}sector__path__startswith": agency.sector.path})
    return query


def routed_lines_visible_to(*, user, unit, report_year):
    """The bản tổng hợp nhu cầu đề xuất của các xã theo ngành: the kept lines of the routed,
    accepted commune plans just below `unit`, as far as the user's scope reaches."""
    return (
        kept_lines()
        .filter(
            line_scope_q(scope_for(user)),
            plan__kind=PlanKind.COMMUNE_PLAN,
            plan__report_year=report_year,
            plan__unit__parent=unit,
            plan__routing__isnull=False,
        )
        .select_related("sector", "place", "plan__unit")
        .order_by("sector__path", "plan__unit__path", "priority", "pk")
    )


def units_with_communes_below(unit_ids) -> set[int]:
    """Those of the units that have communes right below them (a district; a province only
    in the two-tier structure): the units where commune plans are routed by sector and
    summed up. Communes are found by their planning group. One query."""
    if not unit_ids:
        return set()
    return set(
        Agency.objects.filter(
            kind=AgencyKind.COMMUNE_PLANNING_GROUP, unit__parent_id__in=set(unit_ids)
        ).values_list("unit__parent_id", flat=True)
    )


def routing_bodies(agencies) -> list:
    """Those of `agencies` that route commune plans: a finance-planning body (ROUTER_KINDS)
    whose unit has communes right below it (phòng TCKH; Sở KHĐT/Sở TC only in the two-tier
    structure, where communes report to the province)."""
    from sedp.upper.services import ROUTER_KINDS

    candidates = [a for a in agencies if a.kind in ROUTER_KINDS]
    with_communes = units_with_communes_below([a.unit_id for a in candidates])
    return [a for a in candidates if a.unit_id in with_communes]


def commune_plans_to_route(*, agency, report_year):
    """The commune plans below a routing body, with whether each is accepted and routed."""
    return (
        Plan.objects.filter(
            kind=PlanKind.COMMUNE_PLAN, report_year=report_year, unit__parent_id=agency.unit_id
        )
        .select_related("unit", "agency", "routing")
        .annotate(line_count=Count("activities"), total_cost=Sum("activities__cost_estimate"))
        .order_by("unit__path")
    )


# ── Origins down to the village ─────────────────────────────────────────────────

_LEAVES_SQL = """
WITH RECURSIVE chain(line_id, node_id) AS (
    SELECT a.id, a.id FROM activities_activity a WHERE {where}
    UNION ALL
    SELECT chain.line_id, o.to_activity_id
    FROM chain JOIN activities_activity_origins o ON o.from_activity_id = chain.node_id
)
SELECT chain.line_id, chain.node_id FROM chain
WHERE NOT EXISTS (
    SELECT 1 FROM activities_activity_origins x WHERE x.from_activity_id = chain.node_id
)
"""


def leaf_pairs(*, plan=None, line_ids=None) -> list[tuple[int, int]]:
    """(line, leaf origin) for a plan's lines or the given lines: the leaves are the village
    proposals and agency inputs (or a body's own activities) each line comes from."""
    if line_ids is not None:
        if not line_ids:
            return []
        marks = ", ".join(["%s"] * len(line_ids))
        sql, params = _LEAVES_SQL.format(where=f"a.id IN ({marks})"), list(line_ids)
    else:
        sql, params = _LEAVES_SQL.format(where="a.plan_id = %s"), [plan.pk]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# The same walk, keeping the ids between the line and each leaf: the sector plan and the
# commune plan a district line came through, for the trace page (one page of lines at once).
_CHAINS_SQL = """
WITH RECURSIVE chain(line_id, node_id, via) AS (
    SELECT a.id, a.id, CAST('' AS TEXT) FROM activities_activity a WHERE a.id IN ({marks})
    UNION ALL
    SELECT chain.line_id, o.to_activity_id,
           chain.via || ',' || CAST(o.to_activity_id AS TEXT)
    FROM chain JOIN activities_activity_origins o ON o.from_activity_id = chain.node_id
)
SELECT chain.line_id, chain.node_id, chain.via FROM chain
WHERE NOT EXISTS (
    SELECT 1 FROM activities_activity_origins x WHERE x.from_activity_id = chain.node_id
)
"""


def lines_with_origins(lines):
    """Attach `leaves` (Activity objects with their plan, unit, agency and place) to each
    line, each leaf with `via`: the lines of the plans it came up through, nearest the leaf
    first (a commune plan, then a district office's sector plan…). Two queries for any
    number of lines."""
    lines = list(lines)
    if not lines:
        return lines
    marks = ", ".join(["%s"] * len(lines))
    with connection.cursor() as cursor:
        cursor.execute(_CHAINS_SQL.format(marks=marks), [line.pk for line in lines])
        chains = [
            (line_id, leaf_id, [int(i) for i in via.split(",") if i][:-1])
            for line_id, leaf_id, via in cursor.fetchall()
        ]
    wanted = {leaf_id for _line, leaf_id, _via in chains}
    wanted |= {node for _line, _leaf, via in chains for node in via}
    by_pk = Activity.objects.select_related(
        "plan__unit", "plan__agency", "place", "sector"
    ).in_bulk(wanted)
    by_line = {}
    for line_id, leaf_id, via in chains:
        leaf = copy.copy(by_pk[leaf_id])  # a leaf can reach two lines by different paths
        leaf.via = [by_pk[node] for node in reversed(via)]
        by_line.setdefault(line_id, []).append(leaf)
    for line in lines:
        line.leaves = sorted(by_line.get(line.pk, []), key=lambda a: (a.plan.unit.path, a.pk))
    return lines


def trace_lines(plan):
    return plan.activities.select_related("sector", "place").order_by(
        "sector__path", "place__path", "pk"
    )


# ── Sector against territory ────────────────────────────────────────────────────


def _top_sectors() -> dict[int, Sector]:
    sectors = list(Sector.objects.order_by("path"))
    by_path = {s.path: s for s in sectors}
    return {s.pk: by_path.get(f"/{s.path.strip('/').split('/')[0]}/", s) for s in sectors}


def _territory_case(units, field="place__path"):
    return Case(
        *(When(**{f"{field}__startswith": unit.path}, then=unit.pk) for unit in units),
        default=None,
        output_field=IntegerField(),
    )


def _grid(rows, top):
    """{(territory id or None, top sector id): (cost, count)} from grouped rows."""
    grid = {}
    for row in rows:
        key = (row["territory"], top[row["sector_id"]].pk)
        cost, count = grid.get(key, (0, 0))
        grid[key] = (cost + (row["cost"] or 0), count + row["n"])
    return grid


def sector_against_territory(plan) -> dict:
    """Side by side for a district or province: per territory below and per sector, what
    the sector plans at the unit propose for the territory and what the territory's own
    plan proposes for the sector. Three small queries and two grouped aggregates."""
    units = list(AdminUnit.objects.filter(parent_id=plan.unit_id).order_by("path"))
    top = _top_sectors()
    by_sector_line = (
        kept_lines()
        .filter(plan__kind__in=SECTOR_PLAN_KINDS, plan__report_year=plan.report_year)
        .filter(plan__unit_id=plan.unit_id)
        .annotate(territory=_territory_case(units))
        .values("territory", "sector_id")
        .annotate(cost=Sum("cost_estimate"), n=Count("id"))
        .order_by()
    )
    children = territorial_children(plan).exclude(status=PlanStatus.DRAFT)
    by_territory = (
        kept_lines()
        .filter(plan__in=children)
        .annotate(territory=_territory_case(units, "plan__unit__path"))
        .values("territory", "sector_id")
        .annotate(cost=Sum("cost_estimate"), n=Count("id"))
        .order_by()
    )
    sector_grid, territory_grid = _grid(by_sector_line, top), _grid(by_territory, top)
    used = {key[1] for key in [*sector_grid, *territory_grid]}
    columns = [s for s in {s.pk: s for s in top.values()}.values() if s.pk in used]
    columns.sort(key=lambda s: s.path)
    rows, empty = [], []
    for unit in [*units, None]:
        cells = []
        for sector in columns:
            by_sector = sector_grid.get((unit.pk if unit else None, sector.pk), (0, 0))
            by_unit = territory_grid.get((unit.pk if unit else None, sector.pk), (0, 0))
            cells.append(
                {
                    "sector": sector,
                    "sector_cost": by_sector[0],
                    "sector_count": by_sector[1],
                    "territory_cost": by_unit[0],
                    "territory_count": by_unit[1],
                    "differs": by_sector != by_unit,
                }
            )
        if not any(c["sector_count"] or c["territory_count"] for c in cells):
            # A territory with nothing on either side is named once below the table, not
            # given a row of zeros: of a district's 20 communes, those not yet heard from.
            if unit is not None:
                empty.append(unit)
            continue
        rows.append({"unit": unit, "cells": cells})
    return {"columns": columns, "rows": rows, "empty": empty}


def totals_by_sector_and_territory(plan) -> dict:
    """The plan's own kept lines totalled by top sector and by territory below (the place
    of each line): two grouped aggregates whose grand totals must agree."""
    units = list(AdminUnit.objects.filter(parent_id=plan.unit_id).order_by("path"))
    top = _top_sectors()
    lines = plan.activities.exclude(status=ActivityStatus.REMOVED)
    by_sector = {}
    for row in lines.values("sector_id").annotate(cost=Sum("cost_estimate"), n=Count("id")):
        sector = top[row["sector_id"]]
        cost, n = by_sector.get(sector, (0, 0))
        by_sector[sector] = (cost + row["cost"], n + row["n"])
    names = {unit.pk: unit for unit in units}
    by_territory = [
        (names.get(row["territory"]), row["cost"], row["n"])
        for row in lines.annotate(territory=_territory_case(units))
        .values("territory")
        .annotate(cost=Sum("cost_estimate"), n=Count("id"))
        .order_by("territory")
    ]
    return {
        "by_sector": sorted(
            ((s, cost, n) for s, (cost, n) in by_sector.items()), key=lambda r: r[0].path
        ),
        "by_territory": by_territory,
        "sector_total": sum(cost for cost, _n in by_sector.values()),
        "territory_total": sum(cost for _u, cost, _n in by_territory),
    }


# ── Register, inbox, deadlines ─────────────────────────────────────────────────


def register_visible_to(*, user, plan):
    """The disagreements of the plan and of the plans below it that the user can see."""
    scope = scope_for(user)
    return (
        Disagreement.objects.filter(
            scope.agency_q(prefix="plan__agency__"),
            plan__report_year=plan.report_year,
            plan__unit__path__startswith=plan.unit.path,
        )
        .select_related("plan__agency", "plan__unit", "meeting")
        .prefetch_related("parties")
        .order_by("settled", "plan__unit__path", "pk")
    )


def frameworks_received(*, user, report_year):
    """District frameworks sent up the sector line to the user's departments."""
    scope = scope_for(user)
    query = Q(recipient_id__in=scope.agency_ids) if not scope.is_admin else Q()
    return (
        PlanDispatch.objects.filter(
            query, purpose=DispatchPurpose.SECTOR_LINE, plan__report_year=report_year
        )
        .select_related("plan__agency", "plan__unit", "recipient")
        .annotate(line_count=Count("plan__activities"))
        .order_by("status", "plan__unit__path")
    )


def get_dispatch_for_user(*, user, pk):
    from django.http import Http404

    scope = scope_for(user)
    dispatches = PlanDispatch.objects.select_related("plan", "recipient__unit")
    if not scope.is_admin:
        dispatches = dispatches.filter(recipient_id__in=scope.agency_ids)
    try:
        return dispatches.get(pk=pk)
    except (PlanDispatch.DoesNotExist, ValueError):
        raise Http404 from None


def deadline_for(plan, output_code):
    """The day the cycle's task producing `output_code` is due for the plan's author."""
    from sedp.cycles.models import Task

    return (
        Task.objects.filter(
            agency_id=plan.agency_id,
            cycle__report_year=plan.report_year,
            activity__ios__is_output=True,
            activity__ios__code=output_code,
        )
        .values_list("due_date", flat=True)
        .first()
    )
