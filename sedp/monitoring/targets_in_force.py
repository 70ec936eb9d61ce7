"""The target a monitored plan is measured against: the official one until the People's
Council adopts an adjustment, then the revised one the council adopted.

"KH X+1 điều chỉnh" (Kind.REVISED) values are typed into the unit's figures while an
adjustment is being drafted, long before the council decides; the dashboard and the next
year's assessment must not move their targets then. So a plan's revised target is the one
frozen in its last "revised" version (the adjusting resolution's), never the live value:
a plan never adjusted is measured against its assigned (else proposed) target, and a plan
adjusted again is measured against the previous adjustment's figures until the new
resolution.
"""

from decimal import Decimal

from sedp.indicators.models import Kind
from sedp.revisions.models import Milestone, Stage

OFFICIAL_KINDS = [Kind.ASSIGNED, Kind.PROPOSED]


def adopted_revisions(plan_ids) -> dict:
    """{plan id: {indicator id: revised target}} frozen by each plan's last adjusting
    resolution; plans never adjusted are absent. One query, reading only the snapshots'
    indicator values (not their activities)."""
    rows = (
        Milestone.objects.filter(plan_id__in=plan_ids, stage=Stage.REVISED)
        .order_by("plan_id", "version__number")
        .values_list("plan_id", "version__snapshot__indicators")
    )
    frozen = {}
    for plan_id, indicators in rows:  # the last (highest-numbered) version wins
        frozen[plan_id] = indicators or {}
    suffix = f":{Kind.REVISED}"
    return {
        plan_id: {
            int(key[: -len(suffix)]): Decimal(value)
            for key, value in indicators.items()
            if key.endswith(suffix)
        }
        for plan_id, indicators in frozen.items()
    }


def target_in_force(kinds: dict, revised: dict | None, indicator_id):
    """The target of one indicator: the adopted revised figure, else the official one from
    the live values `kinds` ({kind: value}); a live "revised" value alone never counts."""
    if revised and indicator_id in revised:
        return revised[indicator_id]
    return next((kinds[k] for k in OFFICIAL_KINDS if k in kinds), None)
