"""The entry grid as an XLSX workbook, and back: cell-level Vietnamese errors, all or nothing.

Layout: row 1 the title, row 2 (hidden) the machine keys — "code" then one kind code per
column —, row 3 the headings as the grid shows them, then one row per indicator with its
code in column A. Group rows have no code and are skipped on import.
"""

import io

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from sedp.core.events import record_events
from sedp.indicators import figures, hooks, selectors, services
from sedp.indicators.display import kind_heading
from sedp.indicators.models import Indicator, IndicatorValue, Kind, Rule

FIRST_KIND_COLUMN = 4
FIRST_DATA_ROW = 4


class ImportFailed(Exception):
    def __init__(self, errors):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def export_grid(*, unit, report_year) -> bytes:
    values = selectors.unit_values(unit=unit, report_year=report_year)
    book = Workbook()
    sheet = book.active
    sheet.title = str(report_year)
    sheet["A1"] = _("Indicators of %(name)s, report year %(year)s") % {
        "name": unit.name,
        "year": report_year,
    }
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(["code", "", ""] + list(Kind.values))
    sheet.row_dimensions[2].hidden = True
    sheet.append(
        [_("Code"), _("Indicator"), _("Unit of measure")]
        + [kind_heading(kind, report_year) for kind in Kind.values]
    )
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for label, indicators in selectors.grouped(selectors.indicators_for(unit.unit_type)):
        sheet.append(["", str(label)])
        sheet.cell(sheet.max_row, 2).font = Font(bold=True)
        sheet.cell(sheet.max_row, 2).fill = PatternFill("solid", fgColor="DDDDDD")
        for indicator in indicators:
            row = [indicator.code, indicator.name, indicator.unit_of_measure]
            for kind in Kind.values:
                found = values.get((indicator.pk, kind))
                row.append(float(found.value) if found else None)
            sheet.append(row)
            for column in range(FIRST_KIND_COLUMN, FIRST_KIND_COLUMN + len(Kind.values)):
                decimals = indicator.decimals
                sheet.cell(sheet.max_row, column).number_format = "#,##0" + (
                    "." + "0" * decimals if decimals else ""
                )
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 55
    sheet.column_dimensions["C"].width = 16
    for column in range(FIRST_KIND_COLUMN, FIRST_KIND_COLUMN + len(Kind.values)):
        sheet.column_dimensions[get_column_letter(column)].width = 14
    sheet.freeze_panes = "D4"
    _guard_values(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _guard_values(sheet) -> None:
    """Only the value cells of indicator rows are editable, and only with numbers: the code,
    name and unit columns and the hidden kind row are how the upload finds each cell."""
    last_column = get_column_letter(FIRST_KIND_COLUMN + len(Kind.values) - 1)
    numbers = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="-1000000000000000",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Indicator"),
        error=_("Enter a number."),
    )
    sheet.add_data_validation(numbers)
    for row in range(FIRST_DATA_ROW, sheet.max_row + 1):
        if not sheet.cell(row, 1).value:  # a group heading
            continue
        for column in range(FIRST_KIND_COLUMN, FIRST_KIND_COLUMN + len(Kind.values)):
            sheet.cell(row, column).protection = Protection(locked=False)
    first = f"{get_column_letter(FIRST_KIND_COLUMN)}{FIRST_DATA_ROW}"
    numbers.add(f"{first}:{last_column}{max(sheet.max_row, FIRST_DATA_ROW)}")
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.password = "sedp"


def _read_cells(content: bytes, report_year: int, indicators: dict):
    """[(cell reference, indicator, kind, text)] and the errors found while reading."""
    if len(content) > settings.IMPORT_MAX_BYTES:
        raise ImportFailed([_("The file is too large.")])
    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        rows = list(sheet.iter_rows(values_only=True))
    except Exception:  # openpyxl raises many kinds of errors on a file that is not XLSX
        raise ImportFailed([_("The file is not an Excel workbook (.xlsx).")]) from None
    if len(rows) < 2 or (rows[1][0] or "") != "code":
        raise ImportFailed([_("The file is not an indicator grid exported by this system.")])
    kinds = {}
    for index, key in enumerate(rows[1][FIRST_KIND_COLUMN - 1 :], start=FIRST_KIND_COLUMN):
        if key in Kind.values:
            kinds[index] = key
    cells, errors = [], []
    for number, row in enumerate(rows[FIRST_DATA_ROW - 1 :], start=FIRST_DATA_ROW):
        code = str(row[0] or "").strip() if row else ""
        if not code:
            continue
        indicator = indicators.get(code)
        if indicator is None:
            errors.append(
                _("Row %(row)s: the indicator code %(code)s is not planned for this unit.")
                % {"row": number, "code": code}
            )
            continue
        for column, kind in kinds.items():
            text = row[column - 1] if column - 1 < len(row) else None
            reference = f"{get_column_letter(column)}{number}"
            cells.append((reference, indicator, kind, text))
    return cells, errors


def _where(reference, indicator, kind, report_year) -> str:
    return _("Cell %(cell)s (%(indicator)s, %(kind)s)") % {
        "cell": reference,
        "indicator": indicator.name,
        "kind": kind_heading(kind, report_year),
    }


@transaction.atomic
def import_grid(*, user, unit, report_year, content: bytes) -> int:
    """Check every cell first; write only if all are valid. Returns how many values changed."""
    services.require_entry(user, unit)
    indicators = {i.code: i for i in selectors.indicators_for(unit.unit_type)}
    cells, errors = _read_cells(content, report_year, indicators)
    existing = selectors.unit_values(unit=unit, report_year=report_year)
    ratios = list(
        Indicator.objects.filter(rule=Rule.RATIO, is_active=True).select_related(
            "numerator", "denominator"
        )
    )
    # The state after the import, per kind: the checks read the file's values, not the old ones.
    code_of = {i.pk: i.code for i in indicators.values()}
    after = {kind: {} for kind in Kind.values}
    for value in existing.values():
        if value.indicator_id in code_of:
            after[value.kind][code_of[value.indicator_id]] = value.value
    parsed = []
    for reference, indicator, kind, text in cells:
        try:
            number = services.parse_number(text)
        except ValueError:
            errors.append(
                f"{_where(reference, indicator, kind, report_year)}: "
                + _("“%(text)s” is not a number.") % {"text": text}
            )
            continue
        if number is not None:
            number = round(number, indicator.decimals)
        after[kind][indicator.code] = number
        parsed.append((reference, indicator, kind, number))
    for reference, indicator, kind, number in parsed:
        if number is None:
            continue
        problems = services.check_value(
            indicator, unit.unit_type, number, after[kind], ratios=ratios
        )
        if problems:
            errors.append(
                f"{_where(reference, indicator, kind, report_year)}: {'; '.join(problems)}"
            )
    if errors:
        raise ImportFailed(errors)
    changed, cleared = [], []
    for _reference, indicator, kind, number in parsed:
        current = existing.get((indicator.pk, kind))
        if number is None:
            if current is not None:
                cleared.append(current)
            continue
        if current is not None and current.value == number:
            continue
        if current is None:
            current = IndicatorValue(
                unit=unit, indicator=indicator, report_year=report_year, kind=kind
            )
        current.value = number
        current.entered_by = user if user is not None and user.is_authenticated else None
        current.source = current.source or _("Imported from a spreadsheet")
        current.save()
        changed.append(current)
    record_events(
        actor=user,
        verb="indicator_value.imported",
        targets=changed,
        unit_of=lambda value: unit,
        payload_of=lambda value: {
            "indicator": value.indicator.code,
            "kind": value.kind,
            "year": report_year,
            "after": str(value.value),
        },
    )
    if cleared:
        record_events(
            actor=user,
            verb="indicator_value.cleared",
            targets=cleared,
            unit_of=lambda value: unit,
            payload_of=lambda value: {"kind": value.kind, "before": str(value.value)},
        )
        IndicatorValue.objects.filter(pk__in=[value.pk for value in cleared]).delete()
    if changed or cleared:
        figures.refresh(unit, report_year)  # the roll-ups of the unit and its ancestors
    hooks.on_values_saved(
        user=user, unit=unit, report_year=report_year, kinds={v.kind for v in changed}
    )
    return len(changed) + len(cleared)
