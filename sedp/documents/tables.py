"""The annex tables of plan documents, as rows of display text.

Each builder reads its data in a fixed, small number of queries (values_list, no per-row
queries) and returns plain dicts that the .docx templates print with a `{%tr for %}` loop, so
building and rendering are linear in the number of rows.
"""

from django.db.models import F

from sedp.activities.models import (
    FUNDING_FIELDS,
    PEOPLE_FIELDS,
    Activity,
    ActivityStatus,
)
from sedp.activities.selectors import STATUS_OUTCOME, Outcome, totals_by_source
from sedp.documents.wording import money, percent_text, upper
from sedp.indicators.display import format_number
from sedp.indicators.models import Indicator, IndicatorGroup, IndicatorValue, Kind, percent
from sedp.indicators.selectors import catalogue, indicators_for, sector_indicators, unit_values
from sedp.plans.consolidation import children_of
from sedp.plans.models import PlanKind
from sedp.territory.models import AdminLevel, AdminUnit, SectorGroup

GROUP_LETTERS = "ABCDEFGH"
# The funding columns of the activity annex, in the template's order (people's contribution
# is one column: cash, labour, materials and land together).
FUND_COLUMNS = [
    ("central", "fund_central"),
    ("province", "fund_province"),
    ("district", "fund_district"),
    ("commune", "fund_commune"),
    ("programmes", "fund_target_programmes"),
    ("oda", "fund_oda_ngo"),
    ("enterprises", "fund_enterprises"),
]
ACTIVITY_FIELDS = (
    ["sector__group", "title", "place__name", "timing", "cost_estimate", "status"]
    + [field for _key, field in FUND_COLUMNS]
    + PEOPLE_FIELDS
)


def indicator_headings(report_year: int) -> dict:
    x = report_year
    return {
        "th_prev": f"TH {x - 1}",
        "kh": f"KH {x}",
        "uth": f"ƯTH {x}",
        "kh_next": f"KH {x + 1}",
        "pct_done": f"ƯTH/KH {x} (%)",
        "pct_next": f"KH {x + 1}/ƯTH {x} (%)",
    }


def _indicator_cells(indicator, value_of) -> dict:
    """TH X-1 | KH X | ƯTH X | KH X+1 (assigned, else proposed) | the two percentages."""
    th_prev = value_of(Kind.ACTUAL_PREVIOUS)
    kh = value_of(Kind.PLAN)
    uth = value_of(Kind.ESTIMATE)
    kh_next = value_of(Kind.ASSIGNED)
    if kh_next is None:
        kh_next = value_of(Kind.PROPOSED)
    decimals = indicator.decimals

    def pct(value):
        return format_number(value, 1) if value is not None else ""

    return {
        "name": indicator.name,
        "unit": indicator.unit_of_measure,
        "th_prev": format_number(th_prev, decimals),
        "kh": format_number(kh, decimals),
        "uth": format_number(uth, decimals),
        "kh_next": format_number(kh_next, decimals),
        "pct_done": pct(percent(uth, kh)),
        "pct_next": pct(percent(kh_next, uth)),
        "_values": (th_prev, kh, uth, kh_next),
    }


SECTOR_PLAN_KINDS = {PlanKind.DISTRICT_SECTOR_PLAN, PlanKind.PROVINCE_SECTOR_PLAN}


def plan_indicators(plan, indicators) -> list:
    """The indicators a plan's annexes list: a sector plan (a district office's, a Sở's) only
    those of its sector line — its sector and sub-sectors; other plans all of their unit's."""
    if plan.kind in SECTOR_PLAN_KINDS:
        return sector_indicators(plan.agency, indicators)
    return indicators_for(plan.unit.unit_type, indicators)


def indicator_rows(plan) -> list[dict]:
    """The plan's indicators: the sector agency's own figures (sector plans), else the unit's
    own, else the roll-up of the units below."""
    from sedp.indicators.rollup import rollup

    unit = plan.unit
    full = list(catalogue(active_only=True))
    listed = plan_indicators(plan, full)
    own = unit_values(unit=unit, report_year=plan.report_year)
    if plan.kind in SECTOR_PLAN_KINDS:
        own |= unit_values(unit=unit, report_year=plan.report_year, agency=plan.agency)
    rolled = rollup(unit=unit, report_year=plan.report_year, indicators=full)
    rows = []
    by_group = {}
    for indicator in listed:
        by_group.setdefault(indicator.group, []).append(indicator)
    letter = 0
    for group, label in IndicatorGroup.choices:
        indicators = by_group.get(group)
        if not indicators:
            continue
        rows.append(_heading_row(GROUP_LETTERS[letter], upper(str(label))))
        letter += 1
        for number, indicator in enumerate(indicators, start=1):

            def value_of(kind, indicator=indicator):
                found = own.get((indicator.pk, kind))
                if found is not None:
                    return found.value
                figure = rolled.get((indicator.pk, kind))
                return figure.value if figure is not None else None

            rows.append({"heading": False, "no": number, **_indicator_cells(indicator, value_of)})
    return rows


def _heading_row(number, label, **cells) -> dict:
    row = {
        "heading": True,
        "no": number,
        "name": label,
        "title": label,
        "label": label,
        "unit": "",
        "th_prev": "",
        "kh": "",
        "uth": "",
        "kh_next": "",
        "pct_done": "",
        "pct_next": "",
        "place": "",
        "timing": "",
        "status": "",
        "source": "",
        "outcome": "",
        "reason": "",
        "amount": "",
        "share": "",
    }
    row.update(cells)
    return row


def annex_units(unit):
    """The units a province-wide (district-wide) indicator annex lists: those below `unit`
    down to the commune level of its structure (levels are data: the level whose unit types
    include communes), in tree order."""
    levels = list(AdminLevel.objects.filter(structure_id=unit.structure_id).order_by("rank"))
    own_rank = next((lv.rank for lv in levels if lv.pk == unit.level_id), 0)
    commune_rank = next((lv.rank for lv in levels if lv.is_commune_level), own_rank + 2)
    ranks = [lv.rank for lv in levels if own_rank < lv.rank <= max(commune_rank, own_rank + 1)]
    return (
        AdminUnit.objects.filter(path__startswith=unit.path, level__rank__in=ranks)
        .exclude(pk=unit.pk)
        .order_by("path")
    )


def unit_indicator_rows(plan) -> list[dict]:
    """One block per unit below: a heading row with its name, then its indicators with their
    own reported figures. Three queries whatever the number of units."""
    units = list(annex_units(plan.unit).values_list("pk", "name", "unit_type"))
    indicators = list(
        Indicator.objects.filter(is_active=True)
        .select_related("sector")
        .order_by("group", "order", "code")
    )
    if plan.kind in SECTOR_PLAN_KINDS:  # a Sở's annex: its sector line at every unit
        top = plan.agency.sector.path if plan.agency.sector_id else None
        indicators = [
            i for i in indicators if top and i.sector_id and i.sector.path.startswith(top)
        ]
    kinds = [Kind.ACTUAL_PREVIOUS, Kind.PLAN, Kind.ESTIMATE, Kind.ASSIGNED, Kind.PROPOSED]
    values = {}
    rows_q = IndicatorValue.objects.filter(
        unit__path__startswith=plan.unit.path,
        unit_id__in=annex_units(plan.unit).values("pk"),
        agency__isnull=True,
        report_year=plan.report_year,
        kind__in=kinds,
    ).values_list("unit_id", "indicator_id", "kind", "value")
    for unit_id, indicator_id, kind, value in rows_q.iterator(chunk_size=5000):
        values[(unit_id, indicator_id, kind)] = value
    rows = []
    for number, (unit_id, name, unit_type) in enumerate(units, start=1):
        rows.append(_heading_row(number, name))
        applicable = [i for i in indicators if i.applies_to(unit_type)]
        for index, indicator in enumerate(applicable, start=1):

            def value_of(kind, unit_id=unit_id, indicator=indicator):
                return values.get((unit_id, indicator.pk, kind))

            rows.append(
                {
                    "heading": False,
                    "no": f"{number}.{index}",
                    **_indicator_cells(indicator, value_of),
                }
            )
    return rows


def _activity_cells(values: dict) -> dict:
    cells = {
        "title": values["title"],
        "place": values["place__name"] or "",
        "timing": values["timing"],
        "cost": money(values["cost_estimate"]),
        "people": money(sum(values[f] for f in PEOPLE_FIELDS)),
        "status": str(ActivityStatus(values["status"]).label) if values.get("status") else "",
    }
    for key, field in FUND_COLUMNS:
        cells[key] = money(values[field])
    return cells


def _sum_cells(label, number, totals: dict) -> dict:
    cells = {key: money(totals.get(field, 0)) for key, field in FUND_COLUMNS}
    cells["cost"] = money(totals.get("cost_estimate", 0))
    cells["people"] = money(sum(totals.get(f, 0) for f in PEOPLE_FIELDS))
    return _heading_row(number, label, **cells)


def activity_rows(plan, *, keep_removed=False) -> list[dict]:
    """The plan's activities by sector group, each group headed by its subtotal, then the
    grand total. One query; removed lines are left out of a consolidated plan."""
    activities = Activity.objects.filter(plan=plan)
    if not keep_removed:
        activities = activities.exclude(status=ActivityStatus.REMOVED)
    records = activities.order_by(
        "sector__path", F("priority").asc(nulls_last=True), "order", "pk"
    ).values(*ACTIVITY_FIELDS)
    summed = ["cost_estimate"] + [f for _k, f in FUND_COLUMNS] + PEOPLE_FIELDS
    groups = {code: [] for code, _label in SectorGroup.choices}
    for record in records.iterator(chunk_size=2000):
        groups.setdefault(record["sector__group"], []).append(record)
    rows, grand = [], dict.fromkeys(summed, 0)
    letter = 0
    for code, label in SectorGroup.choices:
        records = groups.get(code) or []
        if not records:
            continue
        totals = {f: sum(r[f] for r in records) for f in summed}
        for f in summed:
            grand[f] += totals[f]
        rows.append(_sum_cells(upper(str(label)), GROUP_LETTERS[letter], totals))
        letter += 1
        for number, record in enumerate(records, start=1):
            rows.append({"heading": False, "no": number, **_activity_cells(record)})
    rows.append(_sum_cells("TỔNG CỘNG", "", grand))
    return rows


def balance_rows(plan) -> list[dict]:
    """Resource balance: the need, what each source can bring, the gap, and the envelope."""
    totals = totals_by_source(plan)
    need = totals["total_cost"] or 0
    rows = [
        _heading_row("1", "Tổng nhu cầu vốn thực hiện kế hoạch", amount=money(need), share="100")
    ]
    rows.append(
        _heading_row(
            "2",
            "Các nguồn vốn có khả năng huy động",
            amount=money(totals["funded"]),
            share=percent_text(totals["funded"], need),
        )
    )
    for index, (label, amount) in enumerate(totals["rows"], start=1):
        rows.append(
            {
                "heading": False,
                "no": f"2.{index}",
                "label": str(label),
                "amount": money(amount),
                "share": percent_text(amount, need),
            }
        )
    rows.append(
        _heading_row(
            "3",
            "Chênh lệch (nhu cầu chưa có nguồn)",
            amount=money(totals["gap"]),
            share=percent_text(totals["gap"], need),
        )
    )
    for number, label, amount in (
        ("4", "Vốn được phân bổ năm trước", plan.last_year_allocation),
        ("5", "Khả năng vốn dự kiến năm kế hoạch", plan.expected_envelope),
    ):
        if amount:
            rows.append(
                {
                    "heading": False,
                    "no": number,
                    "label": label,
                    "amount": money(amount),
                    "share": percent_text(amount, need),
                }
            )
    return rows


def proposal_rows(plan) -> list[dict]:
    """Every proposal of the villages and agencies the plan consolidates, by author, with what
    became of it (kept, merged, removed with the reason, funded…). Two queries."""
    through = Activity.origins.through
    lines = {}  # origin id -> (status, reason, line id)
    origin_count = {}
    for line_id, origin_id, status, reason in through.objects.filter(
        from_activity__plan=plan
    ).values_list(
        "from_activity_id",
        "to_activity_id",
        "from_activity__status",
        "from_activity__status_reason",
    ):
        lines[origin_id] = (status, reason, line_id)
        origin_count[line_id] = origin_count.get(line_id, 0) + 1
    proposals = (
        Activity.objects.filter(plan__in=children_of(plan))
        .order_by("plan__unit__path", "plan__agency__name", "priority", "order", "pk")
        .values_list("pk", "title", "cost_estimate", "plan__agency__name")
    )
    rows, author, number, block = [], None, 0, 0
    for pk, title, cost, agency_name in proposals.iterator(chunk_size=2000):
        if agency_name != author:
            author, number, block = agency_name, 0, block + 1
            rows.append(_heading_row(block, agency_name))
        number += 1
        outcome, reason = outcome_of(lines.get(pk), origin_count)
        rows.append(
            {
                "heading": False,
                "no": number,
                "title": title,
                "source": agency_name,
                "cost": money(cost),
                "outcome": outcome,
                "reason": reason,
            }
        )
    return rows


def outcome_of(line, origin_count) -> tuple[str, str]:
    if line is None:
        return str(Outcome.PENDING), ""
    status, reason, line_id = line
    outcome = str(STATUS_OUTCOME[ActivityStatus(status)])
    if origin_count.get(line_id, 0) > 1:
        outcome = f"{outcome}; {str(Outcome.MERGED).lower()}"
    return outcome, reason


def funding_labels() -> list[str]:
    return [str(label) for _name, label in FUNDING_FIELDS]


# How often a framework row is reported, as the annex writes it.
FREQUENCY_WORDS = {
    "monthly": "Hằng tháng",
    "quarterly": "Hằng quý",
    "half_yearly": "6 tháng",
    "yearly": "Hằng năm",
}


def framework_rows(plan) -> list[dict]:
    """The M&E framework (khung TDĐG): indicators, then activities, each with its data
    source, collecting agency, frequency, reporting form, recipient and deadline. One query."""
    records = plan.me_rows.order_by("order", "pk").values_list(
        "indicator_id",
        "indicator__name",
        "indicator__unit_of_measure",
        "activity__title",
        "data_source",
        "collector__name",
        "frequency",
        "report_form",
        "report_to__name",
        "deadline_days",
    )
    groups = {"indicators": [], "activities": []}
    for record in records:
        groups["indicators" if record[0] else "activities"].append(record)
    rows, letter = [], 0
    for key, label in (("indicators", "CÁC CHỈ TIÊU"), ("activities", "CÁC HOẠT ĐỘNG")):
        if not groups[key]:
            continue
        rows.append(_framework_row(GROUP_LETTERS[letter], label, heading=True, group=key))
        letter += 1
        for number, record in enumerate(groups[key], start=1):
            (indicator_id, name, unit, title, source, collector, frequency, form, to, days) = record
            rows.append(
                _framework_row(
                    number,
                    name if indicator_id else title,
                    unit=unit if indicator_id else "",
                    source=source,
                    collector=collector or "",
                    frequency=FREQUENCY_WORDS.get(frequency, ""),
                    form=form,
                    report_to=to or "",
                    deadline=f"{days} ngày sau kỳ báo cáo",
                    group=key,
                )
            )
    return rows


def _framework_row(number, subject, *, heading=False, **cells) -> dict:
    row = dict.fromkeys(
        ["unit", "source", "collector", "frequency", "form", "report_to", "deadline"], ""
    )
    row.update(cells, heading=heading, no=number, subject=subject)
    return row
