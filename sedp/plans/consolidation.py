"""Consolidation: one operation at every level.

A consolidating plan (commune, later district and province) pulls the activities of its
accepted children — the plans of CHILD_KINDS in its unit's subtree for the same report
year — into lines of its own, each linked to the activity it came from (`origins`).
Running it again only adds what is new (a plan accepted since), so the planners' edits,
merges and statuses on earlier lines are kept. Three queries and two bulk INSERTs
whatever the number of villages.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sedp.activities.models import COPIED_FIELDS, Activity
from sedp.core.events import record_event
from sedp.plans import hooks
from sedp.plans.models import CHILD_KINDS, Plan, PlanStatus
from sedp.plans.services import _lock, require_edit, require_editable

ACCEPTED = [PlanStatus.ACCEPTED, PlanStatus.APPROVED]


def children_of(plan):
    """The plans a consolidating plan collects (any status), in its unit's subtree."""
    return Plan.objects.filter(
        kind__in=CHILD_KINDS.get(plan.kind, []),
        report_year=plan.report_year,
        unit__path__startswith=plan.unit.path,
    ).exclude(pk=plan.pk)


@transaction.atomic
def plan_consolidate(*, user, plan) -> int:
    """Pull accepted children's new activities into the plan; returns how many were added."""
    require_edit(user, plan)
    plan = _lock(plan)
    require_editable(plan)
    if not plan.consolidates:
        raise ValidationError(_("Only a consolidating plan collects submissions."))
    sources = list(
        Activity.objects.filter(plan__in=children_of(plan).filter(status__in=ACCEPTED))
        .exclude(consolidated_into__plan=plan)
        .select_related("sector")
        # Lines come out grouped by sector group and sector, then by the villages' priority.
        .order_by("sector__group", "sector__path", "plan__unit__path", "priority", "order", "pk")
        .values("pk", *COPIED_FIELDS)
    )
    start = plan.activities.count()
    lines = Activity.objects.bulk_create(
        Activity(plan=plan, order=start + index, **{f: row[f] for f in COPIED_FIELDS})
        for index, row in enumerate(sources)
    )
    through = Activity.origins.through
    through.objects.bulk_create(
        through(from_activity_id=line.pk, to_activity_id=row["pk"])
        for line, row in zip(lines, sources, strict=True)
    )
    event = record_event(
        actor=user,
        verb="plan.consolidated",
        target=plan,
        unit=plan.unit,
        payload={"added": len(lines)},
    )
    hooks.on_output(plan.agency, f"{plan.kind}.consolidated", event)
    return len(lines)
