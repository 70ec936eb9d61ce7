"""What a plan says at one moment, as plain JSON: the frozen part of a PlanVersion.

The plans app froze sections and a few activity fields; a comparison between versions also
needs the funding by source, the status and reason of each activity, and the plan's
indicator values (its unit's, or its sector agency's), so `full_snapshot` keeps all of them.
Amounts stay integers and indicator values strings (JSON has no Decimal).
"""

from sedp.activities.models import FUNDING_FIELDS, Activity
from sedp.indicators.models import IndicatorValue, Kind
from sedp.plans.models import PlanKind

# The kinds a plan for X+1 sets or receives (history kinds are facts, not plan content).
PLAN_KINDS = [Kind.PROPOSED, Kind.ASSIGNED, Kind.REVISED]

ACTIVITY_FIELDS = [
    "title",
    "sector_id",
    "place_id",
    "timing",
    "responsible_id",
    "cost_estimate",
    *[name for name, _label in FUNDING_FIELDS],
    "priority",
    "status",
    "status_reason",
]

# Sector plans carry their agency's figures; territory plans the unit's own.
AGENCY_PLAN_KINDS = {PlanKind.DISTRICT_SECTOR_PLAN, PlanKind.PROVINCE_SECTOR_PLAN}


def indicator_filter(plan) -> dict:
    """Which indicator values belong to a plan: its unit's, or its sector agency's."""
    agency = plan.agency_id if plan.kind in AGENCY_PLAN_KINDS else None
    return {
        "unit_id": plan.unit_id,
        "agency_id": agency,
        "report_year": plan.report_year,
        "kind__in": PLAN_KINDS,
    }


def full_snapshot(plan) -> dict:
    """Sections, activities (every field a reader compares) and indicator values: 3 queries."""
    values = IndicatorValue.objects.filter(**indicator_filter(plan)).values_list(
        "indicator_id", "kind", "value"
    )
    return {
        "status": plan.status,
        "sections": {s.code: s.body for s in plan.sections.all()},
        "activities": list(
            Activity.objects.filter(plan=plan).order_by("pk").values("pk", *ACTIVITY_FIELDS)
        ),
        "indicators": {f"{i}:{k}": f"{v.normalize():f}" for i, k, v in values},
    }
