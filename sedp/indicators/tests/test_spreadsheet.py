"""The grid exported to XLSX and imported back: cell-level errors, all or nothing."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import load_workbook

from sedp.core.models import Event
from sedp.indicators import spreadsheet
from sedp.indicators.models import IndicatorValue, Kind

from .conftest import YEAR


def _workbook(tree):
    return load_workbook(io.BytesIO(spreadsheet.export_grid(unit=tree.village1, report_year=YEAR)))


def _cell_of(sheet, code, kind):
    keys = [c.value for c in sheet[2]]
    for row in sheet.iter_rows(min_row=4):
        if row[0].value == code:
            return row[keys.index(kind)]
    raise LookupError(code)


def _content(book):
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_export_has_the_year_headings_and_the_values(tree, catalogue, put):
    put(tree.village1, "ho-dan", 120, Kind.ESTIMATE)
    sheet = _workbook(tree).active
    assert "Thôn A1" in sheet["A1"].value
    assert "ƯTH 2025" in [c.value for c in sheet[3]]
    assert _cell_of(sheet, "ho-dan", Kind.ESTIMATE).value == 120


def test_import_writes_every_cell_with_events(tree, catalogue, put):
    put(tree.village1, "ho-dan", 120, Kind.ESTIMATE)
    book = _workbook(tree)
    sheet = book.active
    _cell_of(sheet, "ho-dan", Kind.PROPOSED).value = 125
    _cell_of(sheet, "ho-ngheo", Kind.PROPOSED).value = "20"
    _cell_of(sheet, "ho-dan", Kind.ESTIMATE).value = None  # emptied: cleared
    changed = spreadsheet.import_grid(
        user=tree.users.thon1, unit=tree.village1, report_year=YEAR, content=_content(book)
    )
    assert changed == 3
    values = {(v.indicator.code, v.kind): v.value for v in IndicatorValue.objects.all()}
    assert values == {("ho-dan", Kind.PROPOSED): 125, ("ho-ngheo", Kind.PROPOSED): 20}
    assert Event.objects.filter(verb="indicator_value.imported").count() == 2
    assert Event.objects.filter(verb="indicator_value.cleared").count() == 1


def test_one_bad_cell_imports_nothing_and_names_the_cell(tree, catalogue):
    book = _workbook(tree)
    sheet = book.active
    _cell_of(sheet, "ho-dan", Kind.PROPOSED).value = 100
    bad = _cell_of(sheet, "ty-le-ho-ngheo", Kind.PROPOSED)
    bad.value = 130
    poor = _cell_of(sheet, "ho-ngheo", Kind.PROPOSED)
    poor.value = 150  # more poor households than households
    with pytest.raises(spreadsheet.ImportFailed) as failure:
        spreadsheet.import_grid(
            user=tree.users.thon1, unit=tree.village1, report_year=YEAR, content=_content(book)
        )
    errors = failure.value.errors
    assert (
        f"Ô {bad.coordinate} (Tỷ lệ hộ nghèo, KH 2026 đề xuất): "
        "tỷ lệ phần trăm không được vượt quá 100" in errors
    )
    assert any(e.startswith(f"Ô {poor.coordinate} (Số hộ nghèo") for e in errors)
    assert not IndicatorValue.objects.exists()


def test_a_text_in_a_number_cell_is_named(tree, catalogue):
    book = _workbook(tree)
    cell = _cell_of(book.active, "ho-dan", Kind.PLAN)
    cell.value = "khoảng 100"
    with pytest.raises(spreadsheet.ImportFailed) as failure:
        spreadsheet.import_grid(
            user=tree.users.thon1, unit=tree.village1, report_year=YEAR, content=_content(book)
        )
    assert failure.value.errors == [
        f"Ô {cell.coordinate} (Tổng số hộ, KH 2025): “khoảng 100” không phải là số."
    ]


def test_a_file_that_is_not_a_grid_is_refused(tree, catalogue):
    with pytest.raises(spreadsheet.ImportFailed):
        spreadsheet.import_grid(
            user=tree.users.thon1, unit=tree.village1, report_year=YEAR, content=b"not excel"
        )


def test_only_the_units_planners_import(tree, catalogue, login):
    with pytest.raises(PermissionDenied):
        spreadsheet.import_grid(
            user=tree.users.thon2, unit=tree.village1, report_year=YEAR, content=b""
        )
    url = reverse("indicators-grid-import", args=[tree.village1.pk])
    assert login(tree.users.xa1).get(url).status_code == 403


def test_export_and_import_pages_round_trip(tree, catalogue, login, put):
    put(tree.village1, "ho-dan", 80, Kind.PLAN)
    client = login(tree.users.thon1)
    exported = client.get(
        reverse("indicators-grid-export", args=[tree.village1.pk]), {"year": YEAR}
    )
    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(exported.content))
    _cell_of(book.active, "ho-dan", Kind.PLAN).value = 90
    upload = io.BytesIO(_content(book))
    upload.name = "grid.xlsx"
    response = client.post(
        reverse("indicators-grid-import", args=[tree.village1.pk]) + f"?year={YEAR}",
        {"file": upload},
    )
    assert response.status_code == 302
    assert IndicatorValue.objects.get().value == 90
