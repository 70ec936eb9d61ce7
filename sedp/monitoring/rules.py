"""Who may do what in monitoring, which indicator kinds a report writes, and the
on track / at risk / off track rule of the dashboard — as data and small functions.

THE STATUS RULE (one target of one plan):
- target T: the plan-year figure of the indicator for the plan's unit (report year X):
  KH X+1 revised, else assigned, else proposed;
- latest value A: the most recent reported value (year-to-date for a flow indicator, the
  level at the period's end for a stock), and s = the share of the plan year its period
  covers (0.25 after the 1st quarter, 0.5 after 6 months…);
- expected by now E: for a flow, T × s (a year's output builds up over the year); for a stock,
  B + (T − B) × s, B being the starting level (ƯTH X, else KH X of the report year; without
  one, E = T);
- scale S: |T| for a flow, |T − B| for a stock (|T| if that is 0; 1 if both are 0);
- higher is better: on track if A ≥ E (or A ≥ T: a target already reached is on track),
  at risk if short of that by at most 10 % × S, else off track; lower is better: the mirror
  (A ≤ E or A ≤ T; at risk up to 10 % × S above); neither: |A − E| ≤ 10 % × |E| on track,
  ≤ 20 % × |E| at risk, else off track (S when E is 0);
- no target or no report yet: "no data".
The same rule is written once as a SQL expression (dashboard.py) and once in Python
(`status_of`, used by the assessment text and to check the SQL in tests).

An activity is LATE when it is not completed and either stalled or its % done is more than
25 points behind the share of the plan year elapsed today; OVER BUDGET when its spending
exceeds its cost estimate.
"""

import datetime
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from sedp.accounts.models import EDITING_ROLES
from sedp.indicators.models import Direction, Kind, Nature
from sedp.plans.models import PlanKind
from sedp.plans.rules import can_edit
from sedp.territory.models import Reach

TOLERANCE = Decimal("0.10")
LATE_POINTS = 25


class TargetStatus(models.TextChoices):
    OFF_TRACK = "off", _("Off track")
    AT_RISK = "risk", _("At risk")
    NO_DATA = "none", _("No data yet")
    ON_TRACK = "on", _("On track")


# Red first: the order the dashboard lists targets in.
STATUS_ORDER = {
    TargetStatus.OFF_TRACK: 0,
    TargetStatus.AT_RISK: 1,
    TargetStatus.NO_DATA: 2,
    TargetStatus.ON_TRACK: 3,
}

# The target of the plan year, best first; the starting level, best first.
TARGET_KINDS = [Kind.REVISED, Kind.ASSIGNED, Kind.PROPOSED]
BASELINE_KINDS = [Kind.ESTIMATE, Kind.PLAN]

SECTOR_PLAN_KINDS = {PlanKind.DISTRICT_SECTOR_PLAN, PlanKind.PROVINCE_SECTOR_PLAN}


def value_agency(plan):
    """Whose figures a plan's indicators are: a sector plan's agency, else the unit's own."""
    return plan.agency if plan.kind in SECTOR_PLAN_KINDS else None


def status_of(*, target, latest, share, baseline=None, nature, direction) -> str:
    if target is None or latest is None or share is None:
        return TargetStatus.NO_DATA
    target, latest, share = Decimal(target), Decimal(latest), Decimal(share)
    if nature == Nature.FLOW:
        expected, scale = target * share, abs(target)
    else:
        base = target if baseline is None else Decimal(baseline)
        expected, scale = base + (target - base) * share, abs(target - base)
        scale = scale or abs(target)
    scale = scale or Decimal(1)
    margin = TOLERANCE * scale
    if direction == Direction.HIGHER:
        gap = min(expected, target) - latest
    elif direction == Direction.LOWER:
        gap = latest - max(expected, target)
    else:
        # No better side: close to what is expected, relative to its size.
        margin = TOLERANCE * (abs(expected) or scale)
        gap = abs(latest - expected)
        if gap <= margin:
            return TargetStatus.ON_TRACK
        return TargetStatus.AT_RISK if gap <= 2 * margin else TargetStatus.OFF_TRACK
    if gap <= 0:
        return TargetStatus.ON_TRACK
    return TargetStatus.AT_RISK if gap <= margin else TargetStatus.OFF_TRACK


def year_share(plan_year: int, day: datetime.date) -> Decimal:
    """The share of the plan year elapsed on `day` (0 before it starts, 1 after it ends)."""
    start = datetime.date(plan_year, 1, 1)
    end = datetime.date(plan_year, 12, 31)
    if day < start:
        return Decimal(0)
    if day >= end:
        return Decimal(1)
    return Decimal((day - start).days) / Decimal((end - start).days)


# ---- permissions -------------------------------------------------------------------


def can_edit_framework(scope, plan) -> bool:
    """The plan's own editors write its framework."""
    return can_edit(scope, plan)


def can_supervise(scope, plan) -> bool:
    """Editors of the plan's group and of the territory bodies at or above its unit (UBND,
    phòng TCKH, Sở KHĐT…) start monitoring and ask for explanations."""
    if scope.is_admin or can_edit(scope, plan):
        return True
    return any(
        m.role in EDITING_ROLES
        and m.agency.reach == Reach.TERRITORY
        and plan.unit.path.startswith(m.agency.unit.path)
        for m in scope.memberships
    )


def can_supervise_unit(scope, unit) -> bool:
    """Editors of a territory body at or above `unit` supervise every plan of its subtree."""
    return scope.is_admin or any(
        m.role in EDITING_ROLES
        and m.agency.reach == Reach.TERRITORY
        and unit.path.startswith(m.agency.unit.path)
        for m in scope.memberships
    )


def can_report(scope, agency) -> bool:
    """Leaders and planners of the collecting agency report its tasks."""
    return scope.is_admin or scope.role_in(agency) in EDITING_ROLES
