"""The M&E framework workbook goes out and comes back: export → fill → upload gives the same
framework; a wrong or foreign file is refused cell by cell and nothing is saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sedp.indicators.spreadsheet import ImportFailed
from sedp.monitoring import services
from sedp.monitoring.framework_upload import import_framework
from sedp.monitoring.models import Frequency
from sedp.monitoring.spreadsheet import export_framework
from sedp.monitoring.tests.helpers import approve, commune_plan, fill_framework

FIELDS = ["data_source", "collector_id", "frequency", "report_form", "report_to_id"]
FIELDS += ["deadline_days"]


@pytest.fixture
def t(tree):
    t = commune_plan(tree)
    services.framework_prefill(user=tree.users.xa1, plan=t.plan)
    return t


def state(plan):
    return list(plan.me_rows.order_by("pk").values_list("pk", *FIELDS))


def workbook(plan):
    return load_workbook(io.BytesIO(export_framework(plan)))


def to_bytes(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def row_of(sheet, subject) -> int:
    return next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 2).value == subject)


def test_the_workbook_protects_all_but_the_cells_to_fill(tree, t):
    sheet = workbook(t.plan).worksheets[0]
    assert sheet.protection.sheet and sheet.freeze_panes == "C4"
    assert sheet.cell(3, 10).value == "ID" and sheet.column_dimensions["J"].hidden
    for column in (1, 2, 3, 10):
        assert sheet.cell(4, column).protection.locked
    for column in range(4, 10):
        assert not sheet.cell(4, column).protection.locked
    assert sheet.cell(4, 9).number_format == "0"
    rules = {dv.type: str(dv.sqref) for dv in sheet.data_validations.dataValidation}
    assert rules["whole"] == "I4:I7"
    assert workbook(t.plan)["_sedp"].sheet_state == "veryHidden"


def test_export_fill_and_upload_gives_the_same_framework(tree, t):
    fill_framework(tree, t.plan)
    before = state(t.plan)
    # Unchanged, the file changes nothing.
    assert import_framework(user=tree.users.xa1, plan=t.plan, content=export_framework(t.plan)) == 0
    assert state(t.plan) == before
    # Filled offline: every editable column of one row changed.
    book = workbook(t.plan)
    sheet = book.worksheets[0]
    row = row_of(sheet, "Sản lượng lúa")
    sheet.cell(row, 4).value = "Báo cáo của HTX"
    sheet.cell(row, 5).value = "HTX nông nghiệp Một A"
    sheet.cell(row, 6).value = "Hằng tháng"
    sheet.cell(row, 7).value = "Biểu 02/TDĐG"
    sheet.cell(row, 8).value = "Phòng TCKH huyện Một"
    sheet.cell(row, 9).value = 20
    assert import_framework(user=tree.users.xa1, plan=t.plan, content=to_bytes(book)) == 1
    rice = t.plan.me_rows.get(indicator=t.rice)
    assert (
        rice.data_source,
        rice.collector,
        rice.frequency,
        rice.report_form,
        rice.report_to,
        rice.deadline_days,
    ) == ("Báo cáo của HTX", tree.coop1, Frequency.MONTHLY, "Biểu 02/TDĐG", tree.tckh1, 20)
    others = [r for r in state(t.plan) if r[0] != rice.pk]
    assert others == [r for r in before if r[0] != rice.pk]
    # …and the file made now reads back as the framework is.
    again = workbook(t.plan).worksheets[0]
    assert [c.value for c in again[row_of(again, "Sản lượng lúa")]][3:9] == [
        "Báo cáo của HTX",
        "HTX nông nghiệp Một A",
        "Hằng tháng",
        "Biểu 02/TDĐG",
        "Phòng TCKH huyện Một",
        20,
    ]


def test_bad_cells_are_named_and_nothing_is_saved(tree, t):
    fill_framework(tree, t.plan)
    before = state(t.plan)
    book = workbook(t.plan)
    sheet = book.worksheets[0]
    rice, road = row_of(sheet, "Sản lượng lúa"), row_of(sheet, "Bê tông hóa đường thôn A1")
    sheet.cell(rice, 4).value = "Nguồn mới"  # a good change, not saved either
    sheet.cell(rice, 5).value = "Tổ công tác KH xã Hai A"  # another district's group
    sheet.cell(rice, 6).value = "Hai ngày một lần"
    sheet.cell(road, 9).value = "mười"
    with pytest.raises(ImportFailed) as failure:
        import_framework(user=tree.users.xa1, plan=t.plan, content=to_bytes(book))
    errors = failure.value.errors
    assert any(e.startswith(f"Ô E{rice}:") and "Tổ công tác KH xã Hai A" in e for e in errors)
    assert any(e.startswith(f"Ô F{rice}:") for e in errors)
    assert any(e.startswith(f"Ô I{road}:") for e in errors)
    assert len(errors) == 3
    assert state(t.plan) == before
    # A value the service refuses is named by its cell too.
    book = workbook(t.plan)
    sheet = book.worksheets[0]
    sheet.cell(road, 9).value = 99
    with pytest.raises(ImportFailed) as failure:
        import_framework(user=tree.users.xa1, plan=t.plan, content=to_bytes(book))
    assert [e[: len(f"Ô I{road}:")] for e in failure.value.errors] == [f"Ô I{road}:"]
    assert state(t.plan) == before


def test_a_changed_id_another_plans_file_or_junk_is_refused(tree, t):
    book = workbook(t.plan)
    book.worksheets[0].cell(4, 10).value = 999_999
    with pytest.raises(ImportFailed) as failure:
        import_framework(user=tree.users.xa1, plan=t.plan, content=to_bytes(book))
    assert failure.value.errors[0].startswith("Dòng 4:")
    other = commune_plan_of_other_commune(tree)
    with pytest.raises(ImportFailed) as failure:
        import_framework(user=tree.users.xa1, plan=t.plan, content=export_framework(other))
    assert "Tổ công tác KH xã Một B" in failure.value.errors[0]
    with pytest.raises(ImportFailed):
        import_framework(user=tree.users.xa1, plan=t.plan, content=b"not a workbook")


def commune_plan_of_other_commune(tree):
    from sedp.plans.models import Plan, PlanKind

    return Plan.objects.create(
        kind=PlanKind.COMMUNE_PLAN, report_year=2026, unit=tree.commune2, agency=tree.group2
    )


def test_no_upload_once_official_or_by_others(tree, t, login):
    url = reverse("monitoring-framework-upload", args=[t.plan.pk])
    assert login(tree.users.viewer1).get(url).status_code == 403
    assert login(tree.users.xa3).get(url).status_code == 404
    approve(t.plan)
    with pytest.raises(ImportFailed) as failure:
        import_framework(user=tree.users.xa1, plan=t.plan, content=export_framework(t.plan))
    assert "chính thức" in failure.value.errors[0]


def test_the_upload_page_from_the_framework_page(tree, t, login):
    client = login(tree.users.xa1)
    page = client.get(reverse("monitoring-framework-detail", args=[t.plan.pk]))
    url = reverse("monitoring-framework-upload", args=[t.plan.pk])
    assert url.encode() in page.content
    book = workbook(t.plan)
    sheet = book.worksheets[0]
    sheet.cell(row_of(sheet, "Sản lượng lúa"), 4).value = "Sổ theo dõi sản xuất"
    response = client.post(url, {"file": SimpleUploadedFile("k.xlsx", to_bytes(book))})
    assert response.status_code == 302
    assert t.plan.me_rows.get(indicator=t.rice).data_source == "Sổ theo dõi sản xuất"
    bad = client.post(url, {"file": SimpleUploadedFile("k.xlsx", b"junk")})
    assert bad.status_code == 400
    assert "Chưa lưu gì" in bad.content.decode()
