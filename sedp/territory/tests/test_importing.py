"""Importing units from CSV/XLSX: row-level Vietnamese errors and all-or-nothing."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from sedp.core.models import Event
from sedp.territory.importing import ImportFailed, import_units
from sedp.territory.models import AdminUnit

VILLAGES = (
    "Mã PX,Thôn,Mã thôn,Loại thôn\n02702,Thôn Nà Lốc,0270201,Thôn\n02702,Bản Phìn Chư,0270202,Bản\n"
)


def _import(tree, content, filename="units.csv"):
    if isinstance(content, str):
        content = content.encode()
    return import_units(
        user=tree.admin, structure=tree.structure, filename=filename, content=content
    )


def _errors(tree, content, filename="units.csv"):
    units, events = AdminUnit.objects.count(), Event.objects.count()
    with pytest.raises(ImportFailed) as failure:
        _import(tree, content, filename)
    assert AdminUnit.objects.count() == units, "a failed import must save nothing"
    assert Event.objects.count() == events
    return [str(error) for error in failure.value.errors]


def test_villages_import_under_their_commune_with_events(tree):
    report = _import(tree, VILLAGES)
    assert report.total == 2
    village = AdminUnit.objects.get(structure=tree.structure, code="0270202")
    assert (village.parent, village.unit_type, village.level.code) == (tree.commune2, "ban", "thon")
    assert village.path == f"{tree.commune2.path}{village.pk}/"
    assert Event.objects.for_object(village).get().verb == "unit.imported"


def test_nso_layout_creates_missing_district_and_commune(tree):
    _import(
        tree,
        "Tỉnh Thành Phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Mã PX,Cấp\n"
        "Tỉnh Thử,10,Thị xã Ba,090,Phường Ba Một,09001,Phường\n"
        "Tỉnh Thử,10,Thị xã Ba,090,Xã Ba Hai,09002,Xã\n",
    )
    town = AdminUnit.objects.get(structure=tree.structure, code="090")
    assert (town.unit_type, town.parent) == ("thi_xa", tree.province)
    assert town.children.count() == 2


def test_xlsx_with_semicolon_free_cells_imports(tree):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Mã PX", "Thôn", "Mã thôn", "Loại thôn", "Hiệu lực từ"])
    sheet.append(["02702", "Tổ dân phố 1", "0270203", "Tổ dân phố", "01/07/2025"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    _import(tree, buffer.getvalue(), "thon.xlsx")
    unit = AdminUnit.objects.get(code="0270203")
    assert unit.unit_type == "to_dan_pho" and unit.valid_from.isoformat() == "2025-07-01"


def test_missing_parent_is_named_by_row(tree):
    errors = _errors(
        tree,
        "Mã PX,Thôn,Mã thôn,Loại thôn\n02702,Thôn Một,0270211,Thôn\n99999,Thôn Hai,9999901,Thôn\n",
    )
    assert errors == ["Dòng 3, cột “Mã PX”: Không tìm thấy đơn vị cấp trên có mã 99999."]


def test_duplicate_codes_in_file_and_in_database(tree):
    errors = _errors(
        tree,
        "Mã PX,Thôn,Mã thôn,Loại thôn\n"
        "02702,Thôn Một,0270211,Thôn\n"
        "02702,Thôn Hai,0270211,Thôn\n"
        "02701,Thôn Ba,0270101,Thôn\n",
    )
    assert len(errors) == 2
    assert errors[0].startswith("Dòng 3, cột “Mã thôn”:") and "0270211" in errors[0]
    assert "dòng 2" in errors[0]
    assert errors[1].startswith("Dòng 4, cột “Mã thôn”:") and "đã có" in errors[1]


def test_unknown_unit_type_and_level(tree):
    errors = _errors(
        tree,
        "Mã PX,Thôn,Mã thôn,Loại thôn\n02702,Khu Một,0270211,Khu công nghiệp\nTỉnh Thử,,,,,,\n",
    )
    assert errors[0].startswith("Dòng 2, cột “Loại thôn”:")
    assert "Khu công nghiệp" in errors[0]


def test_level_missing_from_the_structure_is_reported(tree):
    tree.levels["xa"].unit_types = ["xa"]
    tree.levels["xa"].save()
    errors = _errors(
        tree,
        "Tỉnh Thành Phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Mã PX,Cấp\n"
        "Tỉnh Thử,10,Huyện Một,082,Đặc khu Cồn Cỏ,09999,Đặc khu\n",
    )
    assert len(errors) == 1 and errors[0].startswith("Dòng 2, cột “Cấp”:")
    assert "Đặc khu" in errors[0]


def test_a_village_under_a_commune_of_another_district_is_refused(tree):
    errors = _errors(
        tree,
        "Quận Huyện,Mã QH,Mã PX,Thôn,Mã thôn,Loại thôn\n"
        "Huyện Hai,088,02702,Thôn Lạc,0270211,Thôn\n",
    )
    assert errors == ["Dòng 2, cột “Mã PX”: Đơn vị có mã 02702 không thuộc đơn vị có mã 088."]


def test_parent_with_another_name_is_refused(tree):
    errors = _errors(
        tree,
        "Tỉnh Thành Phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Mã PX,Cấp\n"
        "Tỉnh Thử,10,Huyện Khác,082,Xã Mới,02799,Xã\n",
    )
    assert errors[0].startswith("Dòng 2, cột “Quận Huyện”:")
    assert "Huyện Một" in errors[0]


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "empty.csv", "Tệp không có nội dung."),
        (b"   \n  \n", "blank.csv", "Tệp không có nội dung."),
        (
            "Mã PX,Thôn\n02702,Thôn Tả Phìn\n".encode("cp1258", errors="ignore"),
            "windows-1258.csv",
            "UTF-8",
        ),
        (b"%PDF-1.4 binary", "plan.pdf", ".csv"),
        (b"PK\x03\x04 not really a workbook", "broken.xlsx", "Excel"),
        (b"Ma PX,Thon\n", "header-only.csv", "không có dòng dữ liệu"),
    ],
)
def test_malformed_files_are_rejected_whole(tree, content, filename, message):
    errors = _errors(tree, content, filename)
    assert len(errors) == 1 and message in errors[0]


def test_unknown_and_missing_columns_are_named(tree):
    errors = _errors(tree, "Mã,Tên\n1,Thôn\n")
    assert "Dòng 1, cột “Mã”: Không nhận ra cột này." in errors
    assert any("cột “Mã PX”" in error for error in errors)


def test_too_long_names_and_bad_dates_are_named(tree):
    long_name = "Thôn " + "x" * 300
    errors = _errors(
        tree,
        "Mã PX,Thôn,Mã thôn,Loại thôn,Hiệu lực từ\n"
        f"02702,{long_name},0270211,Thôn,\n"
        "02702,Thôn Hai,0270212,Thôn,31/02/2025\n",
    )
    assert errors[0].startswith("Dòng 2, cột “Thôn”:")
    assert errors[1].startswith("Dòng 3, cột “Hiệu lực từ”:") and "31/02/2025" in errors[1]


def test_only_administrators_import(tree):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_units(
            user=tree.users.skhdt,
            structure=tree.structure,
            filename="v.csv",
            content=VILLAGES.encode(),
        )


def test_import_page_shows_row_errors_and_saves_nothing(tree, client):
    client.force_login(tree.admin)
    upload = io.BytesIO(b"M\xc3\xa3 PX,Th\xc3\xb4n,M\xc3\xa3 th\xc3\xb4n\n99999,Th\xc3\xb4n X,1\n")
    upload.name = "bad.csv"
    before = AdminUnit.objects.count()
    response = client.post(
        reverse("territory-unit-import"), {"structure": tree.structure.pk, "file": upload}
    )
    assert response.status_code == 200
    assert "Dòng 2, cột “Mã PX”" in response.content.decode()
    assert "chưa nhập dữ liệu nào" in response.content.decode()
    assert AdminUnit.objects.count() == before


def test_import_page_imports_a_good_file(tree, client):
    client.force_login(tree.admin)
    upload = io.BytesIO(VILLAGES.encode())
    upload.name = "thon.csv"
    response = client.post(
        reverse("territory-unit-import"), {"structure": tree.structure.pk, "file": upload}
    )
    assert "Đã nhập 2 đơn vị hành chính" in response.content.decode()


def test_management_command_imports_and_reports_errors(tree, tmp_path):
    good = tmp_path / "thon.csv"
    good.write_text(VILLAGES, encoding="utf-8")
    call_command("import_units", str(good), structure="test-3", stdout=io.StringIO())
    assert AdminUnit.objects.filter(code__in=["0270201", "0270202"]).count() == 2
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_units", str(good), structure="test-3", stderr=stderr)
    assert "0270201" in stderr.getvalue()
