"""The village proposal as an Excel workbook: download pre-filled, fill offline, upload back
all or nothing with errors naming the row and the column."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sedp.activities.models import Activity
from sedp.indicators.spreadsheet import ImportFailed
from sedp.plans.models import PlanKind
from sedp.plans.proposal_xlsx import FIRST_ROW, _columns, export_proposal, import_proposal
from sedp.plans.services import plan_create, plan_set_collection
from sedp.plans.tests.helpers import YEAR, activity_data, proposal


@pytest.fixture
def village_plan(tree):
    return proposal(tree.users.thon1, tree.vgroup1, [activity_data(tree.agri)])


def column(key):
    return [k for k, _h, _kind in _columns()].index(key) + 1


def workbook(plan):
    return load_workbook(io.BytesIO(export_proposal(plan)))


def save(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def fill(sheet, row, **values):
    for key, value in values.items():
        sheet.cell(row, column(key), value)


def test_the_workbook_is_pre_filled_with_lists_formats_and_a_hidden_identity(village_plan):
    book = workbook(village_plan)
    sheet = book["Hoạt động"]
    assert sheet.freeze_panes == "D4"
    assert sheet.column_dimensions["A"].hidden
    assert sheet.cell(FIRST_ROW, column("title")).value == "Bê tông hóa đường nội thôn 500 m"
    assert sheet.cell(FIRST_ROW, column("sector")).value == "Nông nghiệp"
    assert sheet.cell(FIRST_ROW, column("cost_estimate")).value == 600_000_000
    assert sheet.cell(FIRST_ROW, column("cost_estimate")).number_format == "#,##0"
    assert sheet.cell(FIRST_ROW, column("for_poor_households")).value == "x"
    lists = [dv.formula1 for dv in sheet.data_validations.dataValidation]
    assert any("Danh mục" in f for f in lists)
    identity = book["_sedp"]
    assert identity.sheet_state == "veryHidden" and identity.protection.sheet
    assert identity["B2"].value == village_plan.pk
    assert book["Danh mục"].sheet_state == "hidden"


def test_a_filled_workbook_replaces_the_activities_and_assessment(tree, village_plan):
    book = workbook(village_plan)
    sheet = book["Hoạt động"]
    fill(sheet, FIRST_ROW, cost_estimate=700_000_000, priority=2)
    fill(sheet, FIRST_ROW + 1, title="Xây nhà văn hóa thôn", sector="Giáo dục",
         place="Thôn A1", cost_estimate="250.000.000", people_labour=50_000_000,
         people_labour_days=400, for_women="x", priority=1)  # fmt: skip
    fill(sheet, FIRST_ROW + 2, title="Tập huấn trồng chè", sector="Khuyến nông",
         cost_estimate=0, self_reliant="x", priority=3)  # fmt: skip
    book["Đánh giá"]["C2"] = "Đường đã cứng hóa 60%."
    counts = import_proposal(user=tree.users.thon1, plan=village_plan, content=save(book))
    assert counts == {"created": 2, "updated": 1, "deleted": 0}
    hall = Activity.objects.get(title="Xây nhà văn hóa thôn")
    assert hall.cost_estimate == 250_000_000 and hall.for_women and hall.priority == 1
    assert hall.place == tree.village1 and hall.people_labour_days == 400
    assert Activity.objects.get(title__startswith="Bê tông").cost_estimate == 700_000_000
    assert village_plan.sections.get(code="results").body == "Đường đã cứng hóa 60%."
    # Striking a row out of the file removes the activity.
    book = workbook(village_plan)
    book["Hoạt động"].delete_rows(FIRST_ROW)
    counts = import_proposal(user=tree.users.thon1, plan=village_plan, content=save(book))
    assert counts["deleted"] == 1 and village_plan.activities.count() == 2


def _errors(tree, plan, content):
    with pytest.raises(ImportFailed) as failure:
        import_proposal(user=tree.users.thon1, plan=plan, content=content)
    return " | ".join(failure.value.errors)


def test_bad_cells_are_refused_by_row_and_column_and_nothing_is_saved(tree, village_plan):
    book = workbook(village_plan)
    sheet = book["Hoạt động"]
    fill(sheet, FIRST_ROW, cost_estimate=-5)
    fill(sheet, FIRST_ROW + 1, title="Kênh mương", sector="Nông nghiệp",
         cost_estimate=100_000_000, people_cash=200_000_000)  # fmt: skip
    fill(sheet, FIRST_ROW + 2, title="Đường", sector="Không có ngành này", cost_estimate=1)
    fill(sheet, FIRST_ROW + 3, title="Cầu", sector="Nông nghiệp", cost_estimate="nhiều tiền")
    fill(sheet, FIRST_ROW + 4, title="Trạm bơm", cost_estimate=9 * 10**14)
    fill(sheet, FIRST_ROW + 5, title="Nhà kho", sector="Nông nghiệp", for_women="có lẽ")
    errors = _errors(tree, village_plan, save(book))
    assert "Dòng 4, cột “Kinh phí dự kiến (đồng)”" in errors
    assert "Dòng 5, cột “Nhân dân đóng góp: tiền mặt (đ)”" in errors
    assert "Dòng 6, cột “Ngành”: “Không có ngành này” không có trong danh sách" in errors
    assert "Dòng 7, cột “Kinh phí dự kiến (đồng)”: “nhiều tiền” không phải là số" in errors
    assert "Dòng 8, cột “Ngành”" in errors and "số chữ số 0" in errors
    assert "Dòng 9" in errors
    assert village_plan.activities.get().cost_estimate == 600_000_000
    assert village_plan.activities.count() == 1


def test_another_villages_file_is_refused(tree, village_plan):
    other = proposal(tree.users.thon2, tree.vgroup2, [activity_data(tree.agri)])
    errors = _errors(tree, village_plan, export_proposal(other))
    assert "Tổ công tác thôn A2" in errors and "Thôn A2" in errors


def test_a_wrong_or_empty_file_is_refused(tree, village_plan):
    assert "không phải là bảng tính Excel" in _errors(tree, village_plan, b"not a workbook")
    from openpyxl import Workbook

    assert "không phải là biểu đề xuất" in _errors(tree, village_plan, save(Workbook()))
    book = workbook(village_plan)
    book["Hoạt động"].delete_rows(FIRST_ROW)
    assert "chưa có hoạt động nào" in _errors(tree, village_plan, save(book))


def test_no_upload_after_the_commune_closed_collection_or_by_others(tree, village_plan):
    commune = plan_create(user=tree.users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN,
                          report_year=YEAR)  # fmt: skip
    plan_set_collection(user=tree.users.xa1, plan=commune, closed=True)
    content = export_proposal(village_plan)
    with pytest.raises(ValidationError) as error:
        import_proposal(user=tree.users.thon1, plan=village_plan, content=content)
    assert "đã kết thúc" in str(error.value) or "thu nhận" in str(error.value)
    with pytest.raises(PermissionDenied):
        import_proposal(user=tree.users.thon2, plan=village_plan, content=content)


def test_the_pages_download_and_upload(tree, village_plan, login):
    client = login(tree.users.thon1)
    download = client.get(reverse("plans-proposal-download", args=[village_plan.pk]))
    assert download.status_code == 200 and download.content[:2] == b"PK"
    book = load_workbook(io.BytesIO(download.content))
    fill(book["Hoạt động"], FIRST_ROW, cost_estimate=-1)
    url = reverse("plans-proposal-upload", args=[village_plan.pk])
    bad = client.post(url, {"file": SimpleUploadedFile("f.xlsx", save(book))})
    assert bad.status_code == 400 and "Dòng 4, cột" in bad.content.decode()
    fill(book["Hoạt động"], FIRST_ROW, cost_estimate=650_000_000)
    good = client.post(url, {"file": SimpleUploadedFile("f.xlsx", save(book))})
    assert good.status_code == 302
    assert village_plan.activities.get().cost_estimate == 650_000_000
    assert login(tree.users.thon2).get(url).status_code == 404
    assert (
        login(tree.users.outsider)
        .get(reverse("plans-proposal-download", args=[village_plan.pk]))
        .status_code
        == 404
    )
    assert login(tree.users.xa1).get(url).status_code == 403  # the commune reviews, not edits


def test_an_agency_input_round_trips_too(tree):
    plan = proposal(tree.users.truong1, tree.school1, [activity_data(tree.education)],
                    kind=PlanKind.AGENCY_INPUT)  # fmt: skip
    book = workbook(plan)
    fill(book["Hoạt động"], FIRST_ROW + 1, title="Sửa mái phòng học", sector="Giáo dục",
         place="Xã Một A", cost_estimate=80_000_000, for_children="x")  # fmt: skip
    counts = import_proposal(user=tree.users.truong1, plan=plan, content=save(book))
    assert counts == {"created": 1, "updated": 0, "deleted": 0}  # the kept row was left as it was
    assert plan.activities.get(title="Sửa mái phòng học").for_children


def test_rows_are_written_together_in_the_same_queries_for_more_rows(
    tree, village_plan, django_assert_max_num_queries
):
    """Edited, new and struck-out rows are saved in bulk: the upload takes no more queries
    for twelve rows than for two, and each activity's history still records its change."""
    from sedp.core.events import history_of
    from sedp.core.models import Event

    def upload(existing, new):
        book = workbook(village_plan)
        sheet = book["Hoạt động"]
        for offset in range(existing):  # every kept row edited
            fill(sheet, FIRST_ROW + offset, timing=f"Quý {existing}/2027")
        for offset in range(existing, existing + new):
            fill(sheet, FIRST_ROW + offset, title=f"Rãnh thoát nước {offset}",
                 sector="Nông nghiệp", cost_estimate=10_000_000, priority=offset + 1)  # fmt: skip
        sheet.delete_rows(FIRST_ROW)  # the first activity struck out
        content = save(book)
        with django_assert_max_num_queries(limit) as counted:
            counts = import_proposal(user=tree.users.thon1, plan=village_plan, content=content)
        assert counts == {"created": new, "updated": existing - 1, "deleted": 1}
        return len(counted.captured_queries)

    limit = 60
    upload(1, 2)  # the one activity is struck out, two new rows
    limit = upload(2, 2)  # one edited, one struck out, two new
    assert upload(3, 11) <= limit  # two edited, one struck out, eleven new
    assert upload(13, 0) <= limit  # twelve edited, one struck out
    assert village_plan.activities.count() == 12
    for activity in village_plan.activities.all():
        assert activity.timing == "Quý 13/2027"
        assert history_of(activity).filter(verb="activity.updated").exists()
        assert history_of(activity).filter(verb="activity.created").exists()
    assert Event.objects.filter(verb="activity.deleted").count() == 4
