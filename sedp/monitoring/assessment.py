"""Mid-year and year-end results become the "assessment of year X" of next year's plan.

A plan for report year X monitors plan year X+1; the plan of report year X+1 (same group,
same kind) assesses that year in its Part I. `assessment_fill` writes the monitored figures
into those sections as one generated block between fixed markers: an empty section gets
the block, a section with the planner's own text keeps it and gets the block appended, and
a later fill replaces only the block. The planner's text is never overwritten.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sedp.accounts.scoping import scope_for
from sedp.core.events import record_event
from sedp.core.text import format_vnd
from sedp.indicators.models import IndicatorValue
from sedp.monitoring import rules
from sedp.monitoring.models import CollectionTask, ProgressStatus, TaskStatus, period_end_month
from sedp.monitoring.targets_in_force import adopted_revisions, target_in_force
from sedp.plans.models import Plan, PlanKind
from sedp.plans.rules import can_edit
from sedp.plans.services import require_editable
from sedp.territory.models import SectorGroup

BEGIN = "[TDĐG]"
END = "[/TDĐG]"

# Where each plan kind assesses its previous year: the section for the targets, and one
# per sector group for the activities (the commune outline's Part I.2).
COMMUNE_GROUPS = {
    SectorGroup.ECONOMY: "p1.2.economy",
    SectorGroup.ENVIRONMENT: "p1.2.economy",
    SectorGroup.CULTURE_SOCIETY: "p1.2.culture_society",
    SectorGroup.GOVERNANCE: "p1.2.governance",
}
ASSESSMENT_SECTIONS = {
    PlanKind.COMMUNE_PLAN: ("p1.2.targets", COMMUNE_GROUPS),
    PlanKind.VILLAGE_PROPOSAL: ("results", {}),
    PlanKind.AGENCY_INPUT: ("results", {}),
}


def sections_for(plan, codes: set) -> tuple[str | None, dict]:
    """(targets section, {sector group: section}) for a plan; outlines not listed above
    (district, province) use their first Part I section about targets, else the first one."""
    if plan.kind in ASSESSMENT_SECTIONS:
        targets, groups = ASSESSMENT_SECTIONS[plan.kind]
        if targets in codes:
            return targets, {g: c for g, c in groups.items() if c in codes}
    ordered = sorted(codes)
    part_one = [c for c in ordered if c.startswith("p1")]
    targets = next((c for c in part_one if "target" in c), part_one[0] if part_one else None)
    return targets, {}


def next_plan_of(plan):
    return (
        Plan.objects.filter(
            kind=plan.kind, agency=plan.agency, unit=plan.unit, report_year=plan.plan_year
        )
        .select_related("unit", "agency")
        .first()
    )


def previous_plan_of(plan):
    return (
        Plan.objects.filter(
            kind=plan.kind, agency=plan.agency, unit=plan.unit, report_year=plan.report_year - 1
        )
        .select_related("unit", "agency")
        .first()
    )


def format_number(value) -> str:
    """1234.5 -> '1.234,5'; None -> '—'."""
    if value is None:
        return "—"
    text = f"{value.normalize():f}"
    whole, _dot, decimals = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    grouped = format_vnd(int(whole.lstrip("-") or 0))
    return f"{sign}{grouped},{decimals}" if decimals else f"{sign}{grouped}"


def _targets(monitored, indicator_ids) -> dict:
    """{indicator id: (target, baseline)} for the monitored plan, two queries."""
    rows = IndicatorValue.objects.filter(
        unit=monitored.unit,
        agency=rules.value_agency(monitored),
        report_year=monitored.report_year,
        indicator_id__in=indicator_ids,
        kind__in=rules.TARGET_KINDS + rules.BASELINE_KINDS,
    ).values_list("indicator_id", "kind", "value")
    found = {}
    for indicator_id, kind, value in rows:
        found.setdefault(indicator_id, {})[kind] = value
    # The target adopted by the council (an adjusting resolution's revised one), as the
    # dashboard measures it; a revised figure still being drafted does not count.
    revised = adopted_revisions([monitored.pk]).get(monitored.pk)
    result = {}
    for indicator_id, kinds in found.items():
        target = target_in_force(kinds, revised, indicator_id)
        baseline = next((kinds[k] for k in rules.BASELINE_KINDS if k in kinds), None)
        result[indicator_id] = (target, baseline)
    return result


def blocks_for(monitored) -> dict:
    """{"targets": [lines], sector group: [lines]} from the monitored plan's framework."""
    rows = list(
        monitored.me_rows.select_related("indicator", "activity__sector").order_by("order", "pk")
    )
    reported = CollectionTask.objects.filter(
        plan=monitored, status=TaskStatus.REPORTED
    ).values_list("row_id", "frequency", "number", "value")
    mid, year_end = {}, {}
    for row_id, frequency, number, value in reported:
        month = period_end_month(frequency, number)
        if month == 6:
            mid[row_id] = value
        elif month == 12:
            year_end[row_id] = value
    targets = _targets(monitored, [r.indicator_id for r in rows if r.indicator_id])
    lines = {"targets": []}
    for row in rows:
        if row.indicator_id:
            indicator = row.indicator
            target, baseline = targets.get(indicator.pk, (None, None))
            status = rules.status_of(
                target=target,
                latest=row.latest_value,
                share=row.latest_share,
                baseline=baseline,
                nature=indicator.nature,
                direction=indicator.direction,
            )
            lines["targets"].append(
                _("- %(name)s (%(unit)s): plan %(target)s; first 6 months %(mid)s; "
                  "whole year %(year)s — %(status)s")
                % {"name": indicator.name, "unit": indicator.unit_of_measure,
                   "target": format_number(target), "mid": format_number(mid.get(row.pk)),
                   "year": format_number(year_end.get(row.pk)),
                   "status": rules.TargetStatus(status).label.lower()}
            )  # fmt: skip
        else:
            activity = row.activity
            status = (
                ProgressStatus(row.progress_status).label
                if row.progress_status
                else _("no report yet")
            )
            lines.setdefault(activity.sector.group, []).append(
                _("- %(title)s: %(status)s, %(percent)s%% done, spent %(spent)s of "
                  "%(cost)s VND")
                % {"title": activity.title, "status": str(status).lower(),
                   "percent": row.percent_done if row.percent_done is not None else 0,
                   "spent": format_vnd(row.spent or 0),
                   "cost": format_vnd(activity.cost_estimate)}
            )  # fmt: skip
    return lines


def _block(monitored, lines) -> str:
    header = _("%(begin)s Monitoring results of year %(year)s (generated on %(day)s)") % {
        "begin": BEGIN,
        "year": monitored.plan_year,
        "day": timezone.localdate().strftime("%d/%m/%Y"),
    }
    return "\n".join([header, *lines, END])


def merge_block(body: str, block: str) -> str:
    """Put the generated block into a section's text without touching the planner's words."""
    start = body.find(BEGIN)
    end = body.find(END, start) if start >= 0 else -1
    if start >= 0 and end >= 0:
        return body[:start] + block + body[end + len(END) :]
    if not body.strip():
        return block
    return body.rstrip() + "\n\n" + block


@transaction.atomic
def assessment_fill(*, user, plan, monitored=None) -> int:
    """Write the monitoring results of last year's plan into this plan's assessment sections.
    `user` None is the system (the background task after a report). Returns sections written."""
    if user is not None and not can_edit(scope_for(user), plan):
        raise PermissionDenied(_("Only the plan's own group can change it."))
    plan = Plan.objects.select_for_update().select_related("unit", "agency").get(pk=plan.pk)
    require_editable(plan)
    monitored = monitored or previous_plan_of(plan)
    if monitored is None or not monitored.me_rows.exists():
        return 0
    sections = {s.code: s for s in plan.sections.all()}
    targets_code, group_codes = sections_for(plan, set(sections))
    if targets_code is None:
        return 0
    lines = blocks_for(monitored)
    texts = {}
    if lines["targets"]:
        texts[targets_code] = [(_("Targets:"), lines["targets"])]
    for group, label in SectorGroup.choices:
        if lines.get(group):
            code = group_codes.get(group, targets_code)
            texts.setdefault(code, []).append((_("Activities — %(group)s:") % {"group": label},
                                               lines[group]))  # fmt: skip
    changed = []
    for code, parts in texts.items():
        body_lines = []
        for heading, part in parts:
            body_lines += [heading, *part]
        block = _block(monitored, body_lines)
        section = sections[code]
        new_body = merge_block(section.body, block)
        if new_body != section.body:
            section.body = new_body
            section.save(update_fields=["body"])
            changed.append(code)
    if changed:
        record_event(
            actor=user,
            verb="monitoring.assessment_filled",
            target=plan,
            unit=plan.unit,
            payload={"sections": changed, "from_plan": monitored.pk},
        )
    return len(changed)
