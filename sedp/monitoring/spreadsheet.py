"""The M&E framework as an XLSX workbook (khung TDĐG), the way officials pass it around:
frozen headers, and drop-down lists for the frequency and the agencies (kept on a second
sheet, since a list written into the rule itself is limited to 255 characters).

The file goes back in through framework_upload.py: each row carries its framework row's id
(column J, hidden), a very hidden "_sedp" sheet says which plan it belongs to, and the sheet
is protected except the cells an official fills (data source to deadline)."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from sedp.monitoring.models import MAX_DEADLINE_DAYS, Frequency
from sedp.monitoring.selectors import framework_rows
from sedp.monitoring.services import allowed_agencies

HEADER_ROW = 3
MARK = "sedp-me-framework"
ID_COLUMN = 10  # J: the framework row's id, hidden
EDITABLE_COLUMNS = range(4, 10)  # D (data source) … I (days after the period)


def export_framework(plan) -> bytes:
    rows = list(framework_rows(plan))
    agencies = sorted({a.name for a in allowed_agencies(plan)})
    book = Workbook()
    sheet = book.active
    sheet.title = _("M&E framework")[:31]
    sheet["A1"] = _("M&E framework of %(plan)s, plan year %(year)s") % {
        "plan": plan.agency.name,
        "year": plan.plan_year,
    }
    sheet["A1"].font = Font(bold=True, size=13)
    headings = [
        _("No."),
        _("Indicator or activity"),
        _("Unit of measure"),
        _("Data source"),
        _("Collected by"),
        _("Frequency"),
        _("Reporting form"),
        _("Reported to"),
        _("Days after the period to report"),
        "ID",
    ]
    for column, text in enumerate(headings, start=1):
        cell = sheet.cell(HEADER_ROW, column, text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for number, row in enumerate(rows, start=1):
        subject = row.indicator.name if row.indicator_id else row.activity.title
        unit = row.indicator.unit_of_measure if row.indicator_id else _("activity")
        sheet.append(
            [
                number,
                subject,
                unit,
                row.data_source,
                row.collector.name if row.collector_id else "",
                row.get_frequency_display() if row.frequency else "",
                row.report_form,
                row.report_to.name if row.report_to_id else "",
                row.deadline_days,
                row.pk,
            ]
        )
    last = max(HEADER_ROW + len(rows), HEADER_ROW + 1)

    lists = book.create_sheet("Lists")  # named in the validation formulas; hidden
    for index, (_value, label) in enumerate(Frequency.choices, start=1):
        lists.cell(index, 1, str(label))
    for index, name in enumerate(agencies, start=1):
        lists.cell(index, 2, name)
    lists.sheet_state = "hidden"
    frequency_list = DataValidation(
        type="list",
        formula1=f"=Lists!$A$1:$A${len(Frequency.choices)}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Frequency"),
        error=_("Choose a frequency from the list."),
    )
    agency_list = DataValidation(
        type="list",
        formula1=f"=Lists!$B$1:$B${max(len(agencies), 1)}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Agency"),
        error=_("Choose an agency from the list."),
    )
    sheet.add_data_validation(frequency_list)
    sheet.add_data_validation(agency_list)
    frequency_list.add(f"F{HEADER_ROW + 1}:F{last}")
    agency_list.add(f"E{HEADER_ROW + 1}:E{last}")
    agency_list.add(f"H{HEADER_ROW + 1}:H{last}")
    for letter, width in zip("ABCDEFGHI", [6, 50, 14, 30, 30, 14, 30, 30, 12], strict=True):
        sheet.column_dimensions[letter].width = width
    days = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2=str(MAX_DEADLINE_DAYS),
        allow_blank=False,
        showErrorMessage=True,
        errorTitle=_("Days after the period to report"),
        error=_("A whole number of days from 0 to %(max)s.") % {"max": MAX_DEADLINE_DAYS},
    )
    sheet.add_data_validation(days)
    days.add(f"I{HEADER_ROW + 1}:I{last}")
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"
    _protect(sheet, first=HEADER_ROW + 1, last=last)
    _identity(book, plan)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _protect(sheet, *, first, last) -> None:
    """Only the cells an official fills stay editable: the subject, its unit and the hidden
    id say which framework row a line is, and must come back as they went out."""
    for row in range(first, last + 1):
        for column in EDITABLE_COLUMNS:
            sheet.cell(row, column).protection = Protection(locked=False)
        sheet.cell(row, 9).number_format = "0"
    sheet.column_dimensions["J"].hidden = True
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # widen a column to read a long name
    sheet.protection.password = "sedp"


def _identity(book, plan) -> None:
    ident = book.create_sheet("_sedp")
    for pair in (
        (MARK, 1),
        ("plan", plan.pk),
        ("agency", plan.agency.name),
        ("unit_name", plan.unit.name),
        ("year", plan.plan_year),
    ):
        ident.append(list(pair))
    ident.protection.sheet = True
    ident.sheet_state = "veryHidden"
