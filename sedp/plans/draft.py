"""Commune step 5, the reads: the draft's sections pre-filled from the data, the
completeness check, and the commune plan framework (khung KH xã) with its XLSX.

The seed names the khung KH xã (the draft summarised for the district, step 5; the
district's sector offices build their plans from it) without printing its form, so its
columns follow what the seed says it summarises: per sector, the objectives, the
indicators (estimated actual of year X and plan of X+1), the activities with place,
timing and who leads, their cost and funding by source, and whether they are fundable.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from sedp.activities.balancing import workbench
from sedp.activities.models import (
    PEOPLE_FIELDS,
    Activity,
    ActivityStatus,
)
from sedp.activities.selectors import totals_by_source
from sedp.core.text import format_vnd
from sedp.territory.models import SectorGroup

# The kinds of indicator values each part of the draft shows.
ASSESSMENT_KINDS = ["kh_x", "th_6t", "uth_x"]  # Part I: plan of year X against its results
TARGET_KINDS = ["uth_x", "kh_de_xuat"]  # Part II: where year X ends, what X+1 aims at

# Which sections list the activities of which sector groups (the seed discusses culture,
# society and environment together at the conference).
GROUP_SECTIONS = {
    "p2.3.economy": [SectorGroup.ECONOMY],
    "p2.3.culture_society": [SectorGroup.CULTURE_SOCIETY, SectorGroup.ENVIRONMENT],
    "p2.3.governance": [SectorGroup.GOVERNANCE],
}
KEPT = [
    ActivityStatus.PROPOSED,
    ActivityStatus.UNFUNDED,
    ActivityStatus.FUNDABLE,
    ActivityStatus.FUNDED,
]


def _number(value, decimals=0) -> str:
    if value is None:
        return "—"
    value = Decimal(value).quantize(Decimal(1) / (10**decimals)) if decimals else int(value)
    return format_vnd(value) if not decimals else str(value).replace(".", ",")


def indicator_table(plan, kinds) -> list[dict]:
    """The plan unit's own indicator values of these kinds for the report year (one query):
    rows of indicator, unit of measure, sector and one value per kind."""
    from sedp.indicators.models import Indicator, IndicatorValue, Kind

    values = IndicatorValue.objects.filter(
        unit=plan.unit, agency__isnull=True, report_year=plan.report_year, kind__in=kinds
    ).select_related("indicator")
    rows = {}
    for value in values.order_by("indicator__group", "indicator__order", "indicator__code"):
        indicator: Indicator = value.indicator
        row = rows.setdefault(
            indicator.pk,
            {
                "name": indicator.name,
                "unit": indicator.unit_of_measure,
                "sector_id": indicator.sector_id,
                "group": indicator.group,
                "values": {},
            },
        )
        row["values"][value.kind] = _number(value.value, indicator.decimals)
    for row in rows.values():
        row["cells"] = [row["values"].get(kind, "—") for kind in kinds]
    headers = [Kind(kind).label for kind in kinds]
    return [{"headers": headers, **row} for row in rows.values()]


def _indicator_text(plan, kinds) -> str:
    rows = indicator_table(plan, kinds)
    if not rows:
        return ""
    headers = rows[0]["headers"]
    lines = []
    for row in rows:
        cells = "; ".join(f"{h}: {c}" for h, c in zip(headers, row["cells"], strict=True))
        lines.append(f"- {row['name']} ({row['unit']}): {cells}")
    return "\n".join(lines)


def _activities_text(plan, groups) -> str:
    lines = (
        plan.activities.filter(status__in=KEPT, sector__group__in=groups)
        .select_related("sector", "place")
        .order_by("sector__path", "priority", "pk")
    )
    text = []
    for a in lines:
        where = f", {a.place.name}" if a.place_id else ""
        text.append(
            f"- {a.title} ({a.sector.name}{where}): {format_vnd(a.cost_estimate)} đ — "
            f"{a.get_status_display().lower()}"
        )
    return "\n".join(text)


def _resources_text(plan) -> str:
    balance = workbench(plan)
    lines = [
        f"- {row['label']}: {format_vnd(row['amount'])} đ"
        for row in balance.envelopes
        if row["amount"]
    ]
    if not lines:
        return ""
    lines.append(_("Total expected: %(total)s đ") % {"total": format_vnd(balance.envelope_total)})
    return "\n".join(lines)


def balance_rows(plan) -> list[tuple]:
    """The resource balance table: needs by source against the envelopes (SQL aggregates
    for the plan's kept lines; the envelopes' allocations from the workbench)."""
    totals = totals_by_source(plan)
    rows = [(_("Total cost of the activities kept"), totals["total_cost"])]
    rows += [(label, value) for label, value in totals["rows"] if value]
    rows.append((_("Cost not yet covered by a source"), totals["gap"]))
    return rows


def _balance_text(plan) -> str:
    if not plan.activities.exists():
        return ""
    balance = workbench(plan)
    lines = [f"- {label}: {format_vnd(value)} đ" for label, value in balance_rows(plan)]
    for row in balance.envelopes:
        if row["amount"]:
            lines.append(
                _("- %(source)s: envelope %(amount)s đ, allocated %(allocated)s đ, left %(left)s đ")
                % {
                    "source": row["label"],
                    "amount": format_vnd(row["amount"]),
                    "allocated": format_vnd(row["allocated"]),
                    "left": format_vnd(row["remaining"]),
                }
            )
    lines.append(
        _("Fundable: %(above)s activities, %(cost)s đ; no known funding: %(below)s activities")
        % {
            "above": len(balance.above),
            "cost": format_vnd(balance.cost_above),
            "below": len(balance.below),
        }
    )
    return "\n".join(lines)


def prefill_texts(plan) -> dict:
    """Section code -> text built from the data, for the sections the data can fill."""
    texts = {
        "p1.2.targets": _indicator_text(plan, ASSESSMENT_KINDS),
        "p2.3.targets": _indicator_text(plan, TARGET_KINDS),
        "p2.2.resources": _resources_text(plan),
        "p2.4.balance": _balance_text(plan),
    }
    for code, groups in GROUP_SECTIONS.items():
        texts[code] = _activities_text(plan, groups)
    return {code: text for code, text in texts.items() if text}


def completeness(plan) -> list[str]:
    """What the commune's draft still lacks before it can be completed and sent up."""
    missing = [
        _("Section “%(title)s” is empty.") % {"title": s.display_title}
        for s in plan.sections.all()
        if not s.body.strip()
    ]
    if not plan.activities.filter(status__in=KEPT).exists():
        missing.append(_("No activity is kept in the plan: consolidate the proposals."))
    if not plan.meetings.filter(kind="commune_conference").exists():
        missing.append(_("The commune planning conference is not recorded."))
    return missing


FRAMEWORK_HEADERS = [
    "sector_group",
    "sector",
    "objective",
    "indicators",
    "activity",
    "place",
    "timing",
    "responsible",
    "cost",
    "upper_budget",
    "commune_budget",
    "target_programmes",
    "other",
    "people",
    "status",
]


def framework_headers() -> list[str]:
    return [
        _("Sector group"),
        _("Sector"),
        _("Objective"),
        _("Indicators (estimated X → plan X+1)"),
        _("Activity"),
        _("Place"),
        _("Timing"),
        _("Responsible agency"),
        _("Cost (VND)"),
        _("Central, provincial and district budgets"),
        _("Commune budget"),
        _("National target programmes"),
        _("ODA, NGOs and enterprises"),
        _("People's contribution"),
        _("Status"),
    ]


def framework_rows(plan) -> list[dict]:
    """The khung KH xã: one row per kept activity, by sector group and sector, with the
    sector's indicators on its first row. Three queries."""
    indicators = indicator_table(plan, TARGET_KINDS)
    by_sector = {}
    for row in indicators:
        text = f"{row['name']} ({row['unit']}): {row['cells'][0]} → {row['cells'][1]}"
        by_sector.setdefault(row["sector_id"], []).append(text)
    lines = (
        Activity.objects.filter(plan=plan, status__in=KEPT)
        .select_related("sector", "place", "responsible", "result__parent")
        .order_by("sector__group", "sector__path", "priority", "pk")
    )
    group_labels = dict(SectorGroup.choices)
    rows, seen = [], set()
    for a in lines:
        objective = ""
        if a.result_id:
            objective = a.result.parent.title if a.result.parent_id else a.result.title
        sector_indicators = []
        if a.sector_id not in seen:
            seen.add(a.sector_id)
            sector_indicators = by_sector.get(a.sector_id, [])
        rows.append(
            {
                "id": a.pk,  # the workbook's hidden row key; snapshots keep only the headers
                "sector_group": str(group_labels.get(a.sector.group, "")),
                "sector": a.sector.name,
                "objective": objective,
                "indicators": "\n".join(sector_indicators),
                "activity": a.title,
                "place": a.place.name if a.place_id else "",
                "timing": a.timing,
                "responsible": a.responsible.name if a.responsible_id else "",
                "cost": a.cost_estimate,
                "upper_budget": a.fund_central + a.fund_province + a.fund_district,
                "commune_budget": a.fund_commune,
                "target_programmes": a.fund_target_programmes,
                "other": a.fund_oda_ngo + a.fund_enterprises,
                "people": sum(getattr(a, name) for name in PEOPLE_FIELDS),
                "status": a.get_status_display(),
            }
        )
    return rows


def framework_totals(rows) -> dict:
    amounts = ["cost", "upper_budget", "commune_budget", "target_programmes", "other", "people"]
    return {name: sum(row[name] for row in rows) for name in amounts}


def framework_xlsx(plan) -> bytes:
    """The khung KH xã workbook, a two-way form (framework_xlsx.py uploads it back)."""
    from sedp.plans.framework_xlsx import export_framework

    return export_framework(plan)


def snapshot_framework(plan) -> list:
    return [{name: row[name] for name in FRAMEWORK_HEADERS} for row in framework_rows(plan)]
