"""Consolidated tables as Excel workbooks, written in constant memory.

openpyxl's write-only mode serialises each row as it is appended, and the rows come from the
database in chunks (`iterator()`), so memory does not grow with the number of rows. Amounts
and figures are numbers with a number format (not text), headers are frozen, and a totals row
sums the amount columns with formulas so an official's edits keep adding up.
"""

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sedp.activities.models import FUNDING_FIELDS, PEOPLE_FIELDS, Activity, ActivityStatus
from sedp.documents.tables import annex_units, indicator_headings
from sedp.indicators.models import Indicator, IndicatorValue, Kind, percent
from sedp.territory.models import SectorGroup

MONEY = "#,##0"
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
UNITS_PER_CHUNK = 200


def _header_cells(sheet, titles):
    cells = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cells.append(cell)
    return cells


def _title(sheet, text):
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = Font(bold=True, size=13)
    return [cell]


class RowWriter:
    """Appends rows reusing one styled cell per column: write-only sheets serialise each row
    on append, so the same cell objects can carry the next row's values (no per-cell
    allocation for a 100,000-row export)."""

    def __init__(self, sheet, formats):
        self.sheet = sheet
        self.cells = []
        for number_format in formats:
            cell = WriteOnlyCell(sheet)
            if number_format:
                cell.number_format = number_format
            self.cells.append(cell)

    def append(self, values):
        row = []
        for cell, value in zip(self.cells, values, strict=True):
            cell.value = value
            row.append(cell)
        self.sheet.append(row)


def write_activities(plan, out) -> int:
    """The plan's activities (removed lines left out) by sector group and sector, with cost
    and funding by source. Returns the number of activity rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Hoat dong")
    funding = [(name, str(label)) for name, label in FUNDING_FIELDS]
    titles = (
        ["STT", "Nhóm lĩnh vực", "Lĩnh vực", "Hoạt động", "Địa điểm", "Thời gian", "Tình trạng"]
        + ["Tổng kinh phí (đồng)"]
        + [label for _name, label in funding]
        + ["Nhân dân đóng góp (đồng)"]
    )
    widths = [6, 18, 22, 50, 18, 12, 18] + [16] * (len(funding) + 2)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "E4"  # the title, the headers and the column numbers stay in view
    sheet.append(_title(sheet, f"DANH MỤC HOẠT ĐỘNG NĂM {plan.plan_year} — {plan.agency.name}"))
    sheet.append(_header_cells(sheet, titles))
    sheet.append([f"({n})" for n in range(1, len(titles) + 1)])
    groups = dict(SectorGroup.choices)
    statuses = dict(ActivityStatus.choices)
    groups = {code: str(label) for code, label in groups.items()}
    statuses = {code: str(label) for code, label in statuses.items()}
    writer = RowWriter(sheet, [None] * 7 + [MONEY] * (len(funding) + 2))
    fields = (
        ["sector__group", "sector__name", "title", "place__name", "timing", "status"]
        + ["cost_estimate"]
        + [name for name, _label in funding]
    )
    rows = (
        Activity.objects.filter(plan=plan)
        .exclude(status=ActivityStatus.REMOVED)
        .order_by("sector__group", "sector__path", "priority", "order", "pk")
        .values_list(*fields)
    )
    people_at = [fields.index(name) for name in PEOPLE_FIELDS]
    count = 0
    for count, row in enumerate(rows.iterator(chunk_size=2000), start=1):
        group, sector, title, place, timing, status = row[:6]
        writer.append(
            [
                count,
                groups.get(group, group),
                sector,
                title,
                place or "",
                timing,
                statuses.get(status, status),
                *row[6:],
                sum(row[i] for i in people_at),
            ]
        )
    first, last = 4, 3 + count
    totals = ["", "TỔNG CỘNG", "", "", "", "", ""]
    for column in range(8, len(titles) + 1):
        letter = get_column_letter(column)
        totals.append(f"=SUM({letter}{first}:{letter}{last})" if count else 0)
    RowWriter(sheet, [None] * 7 + [MONEY] * (len(funding) + 2)).append(totals)
    workbook.save(out)
    return count


def write_unit_indicators(plan, out) -> int:
    """Every unit below the plan's unit (down to communes) × its indicators: TH X-1 | KH X |
    ƯTH X | KH X+1 | the two percentages. Units are read in chunks; returns the row count."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Chi tieu don vi")
    h = indicator_headings(plan.report_year)
    titles = ["Mã đơn vị", "Đơn vị", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính"]
    titles += [h["th_prev"], h["kh"], h["uth"], h["kh_next"], h["pct_done"], h["pct_next"]]
    for index, width in enumerate([10, 28, 14, 50, 12, 14, 14, 14, 14, 12, 12], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "E3"
    sheet.append(_title(sheet, f"CHỈ TIÊU KẾ HOẠCH NĂM {plan.plan_year} CỦA CÁC ĐƠN VỊ"))
    sheet.append(_header_cells(sheet, titles))
    indicators = list(Indicator.objects.filter(is_active=True).order_by("group", "order", "code"))
    kinds = [Kind.ACTUAL_PREVIOUS, Kind.PLAN, Kind.ESTIMATE, Kind.ASSIGNED, Kind.PROPOSED]
    writer = RowWriter(sheet, [None] * 5 + ["#,##0.##"] * 4 + ["0.0"] * 2)
    units = annex_units(plan.unit).values_list("pk", "code", "name", "unit_type")
    count = 0
    chunk = []

    def flush(chunk):
        nonlocal count
        values = {}
        for unit_id, indicator_id, kind, value in IndicatorValue.objects.filter(
            unit_id__in=[u[0] for u in chunk],
            agency__isnull=True,
            report_year=plan.report_year,
            kind__in=kinds,
        ).values_list("unit_id", "indicator_id", "kind", "value"):
            values[(unit_id, indicator_id, kind)] = value
        for unit_id, code, name, unit_type in chunk:
            for indicator in indicators:
                if not indicator.applies_to(unit_type):
                    continue
                th, kh, uth, assigned, proposed = (
                    values.get((unit_id, indicator.pk, kind)) for kind in kinds
                )
                kh_next = assigned if assigned is not None else proposed
                writer.append(
                    [
                        code,
                        name,
                        indicator.code,
                        indicator.name,
                        indicator.unit_of_measure,
                        th,
                        kh,
                        uth,
                        kh_next,
                        percent(uth, kh),
                        percent(kh_next, uth),
                    ]
                )
                count += 1

    for unit in units.iterator(chunk_size=UNITS_PER_CHUNK):
        chunk.append(unit)
        if len(chunk) == UNITS_PER_CHUNK:
            flush(chunk)
            chunk = []
    if chunk:
        flush(chunk)
    workbook.save(out)
    return count
