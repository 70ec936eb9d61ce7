"""The M&E framework as an XLSX workbook (khung TDĐG), the way officials pass it around:
frozen headers, and drop-down lists for the frequency and the agencies (kept on a second
sheet, since a list written into the rule itself is limited to 255 characters)."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from sedp.monitoring.models import Frequency
from sedp.monitoring.selectors import framework_rows
from sedp.monitoring.services import allowed_agencies

HEADER_ROW = 3


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
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
