"""Official targets (giao chỉ tiêu chính thức): what the People's Council's resolution makes of
an allocation.

Before the resolution, an issued allocation gives the units below working "assigned" figures.
When the Council adopts the unit's plan (portal.services.resolution_adopt, through
monitoring.hooks.on_plan_approved), the allocation becomes official: it is issued with the
resolution as its basis, and the units and sector agencies below receive an official document
(directives, kind "<level>.official_targets") in their inbox asking them to update their plans
against the figures, which their "Assigned targets" page shows beside their proposals.

Everything here is idempotent: a second call changes no value, sends no second document.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sedp.core.events import record_event
from sedp.plans.models import PlanKind
from sedp.targets import grid as grids
from sedp.targets.models import Allocation
from sedp.territory.models import AgencyKind

log = logging.getLogger(__name__)

# The plans whose resolution makes the unit's allocation official, and the document kind the
# units below receive (the commune's goes to its villages' working groups: "giao chỉ tiêu,
# nhiệm vụ cho thôn").
COUNCIL_PLANS = {
    PlanKind.PROVINCE_PLAN: "tinh.official_targets",
    PlanKind.DISTRICT_PLAN: "huyen.official_targets",
    PlanKind.COMMUNE_PLAN: "xa.official_targets",
}


def resolution_of(unit, report_year):
    """The resolution adopting the unit's own plan for `report_year`, if there is one yet."""
    from sedp.portal.models import Resolution

    return (
        Resolution.objects.filter(
            plan__unit=unit, plan__report_year=report_year, plan__kind__in=list(COUNCIL_PLANS)
        )
        .select_related("plan__unit", "created_by")
        .first()
    )


def basis_of(resolution) -> str:
    return _("Resolution %(number)s of %(day)s of the People's Council of %(unit)s") % {
        "number": resolution.number,
        "day": date_format(resolution.adopted_on, "d/m/Y"),
        "unit": resolution.plan.unit.name,
    }


@transaction.atomic
def on_resolution_adopted(plan) -> int:
    """Issue the plan's unit's allocation as official targets; returns the values assigned.

    A resolution is a fact the system records, so an allocation that does not add up does not
    stop it: the problem is recorded, and the allocation page asks the planner to correct and
    issue it (allocation_issue then sends it as official, with the resolution as its basis)."""
    from sedp.targets.services import issue_checked, issue_problems

    if plan.kind not in COUNCIL_PLANS:
        return 0
    resolution = resolution_of(plan.unit, plan.report_year)
    allocation = (
        Allocation.objects.filter(unit=plan.unit, report_year=plan.report_year)
        .select_related("unit__level")
        .first()
    )
    if resolution is None or allocation is None or not allocation.cells.exists():
        return 0
    actor = resolution.created_by
    problems = issue_problems(grids.load_grid(allocation))
    if problems:
        record_event(
            actor=actor,
            verb="targets.official_pending",
            target=allocation,
            unit=allocation.unit,
            reason=basis_of(resolution),
            payload={"problems": problems[:20]},
        )
        return 0
    count = issue_checked(actor=actor, allocation=allocation, basis=basis_of(resolution))
    send_official_targets(allocation=allocation, resolution=resolution)
    return count


def _issuers(unit) -> list:
    """The People's Council, then the People's Committee, of the unit: the kind's issuers."""
    agencies = {
        a.kind: a
        for a in unit.agencies.filter(
            kind__in=[AgencyKind.PEOPLES_COUNCIL, AgencyKind.PEOPLES_COMMITTEE], is_active=True
        )
    }
    kinds = (AgencyKind.PEOPLES_COUNCIL, AgencyKind.PEOPLES_COMMITTEE)
    return [agencies[kind] for kind in kinds if kind in agencies]


def _figures_text(allocation) -> str:
    """One line per unit or agency below: its official figures (what the document says)."""
    grid = grids.load_grid(allocation)
    lines = []
    for column in grid.columns:
        parts = [
            f"{indicator.name}: {grids.fmt(value, indicator.decimals)} "
            f"{indicator.unit_of_measure}".strip()
            for indicator in grid.indicators
            if (value := grid.values.get((indicator.pk, column.key))) is not None
        ]
        if parts:
            lines.append(f"- {column.name}: " + "; ".join(parts))
    return "\n".join(lines)


@transaction.atomic
def send_official_targets(*, allocation, resolution):
    """The official document to the units and agencies below (their inbox shows it as a task:
    update the plan against the assigned targets). Returns the document, or None for a level
    that sends none. Sent once: the document is keyed by its issuer, year and number."""
    from sedp.directives.models import Document

    code = COUNCIL_PLANS.get(resolution.plan.kind)
    if code is None:
        return None
    # The document carries the resolution's number; the Council may have recorded the
    # resolution itself under that number, and then its People's Committee sends the targets.
    issuer = None
    for agency in _issuers(allocation.unit):
        taken = Document.objects.filter(
            issuer=agency, report_year=allocation.report_year, number=_number(resolution)
        ).first()
        if taken is not None and taken.kind == code:
            return taken
        if taken is None:
            issuer = agency
            break
    if issuer is None:
        return None
    body = "\n".join(
        [
            _(
                "Under %(basis)s, the targets of the %(year)s plan are assigned officially to "
                "the units and agencies below. Each updates its plan against the targets assigned "
                "to it: the page “Assigned targets” shows them beside its proposal, and the gap."
            )
            % {"basis": basis_of(resolution), "year": allocation.report_year + 1},
            "",
            _figures_text(allocation),
        ]
    )
    try:
        with transaction.atomic():  # a refused document must not undo the resolution
            return _issue_document(code, issuer, allocation, resolution, body)
    except ValidationError as error:
        # e.g. a resolution numbered unlike a document ("NQ 25") or no body below to
        # receive it: the targets are assigned all the same, and their events recorded.
        log.warning("Official targets document not sent for %s: %s", allocation, error)
        return None


def _number(resolution) -> str:
    return resolution.number.replace(" ", "")  # as directives records document numbers


def _issue_document(code, issuer, allocation, resolution, body):
    from sedp.directives.kinds import BY_CODE
    from sedp.directives.services import document_issue

    kind = BY_CODE[code]
    return document_issue(
        user=None,
        issuer=issuer,
        recipient_kinds=kind.recipient_kinds,
        levels_below=kind.levels_below,
        kind=code,
        number=_number(resolution),
        issued_on=resolution.adopted_on,
        report_year=allocation.report_year,
        title=_("Official targets of the %(year)s plan assigned to the units below")
        % {"year": allocation.report_year + 1},
        summary=basis_of(resolution),
        body=body,
    )
