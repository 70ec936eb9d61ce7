"""The indicator grid workbook (also the village basic-data form) guards what the upload reads:
only value cells of indicator rows are editable, and only with numbers."""

import io

from openpyxl import load_workbook

from sedp.indicators import spreadsheet
from sedp.indicators.models import Kind

from .conftest import YEAR


def test_only_value_cells_are_editable_and_take_numbers(tree, catalogue, put):
    put(tree.village1, "ho-dan", 120, Kind.ESTIMATE)
    content = spreadsheet.export_grid(unit=tree.village1, report_year=YEAR)
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.protection.sheet and sheet.freeze_panes == "D4"
    row = next(r for r in sheet.iter_rows(min_row=4) if r[0].value == "ho-dan")
    assert all(cell.protection.locked for cell in row[:3])  # code, name, unit
    values = row[3 : 3 + len(Kind.values)]
    assert not any(cell.protection.locked for cell in values)
    heading = next(r for r in sheet.iter_rows(min_row=4) if not r[0].value)
    assert all(cell.protection.locked for cell in heading)  # group rows stay locked
    assert all(cell.protection.locked for cell in sheet[2])  # the hidden kind keys
    rules = sheet.data_validations.dataValidation
    assert [r.type for r in rules] == ["decimal"]
    last = sheet.cell(3, 3 + len(Kind.values)).column_letter
    assert str(rules[0].sqref) == f"D4:{last}{sheet.max_row}"
