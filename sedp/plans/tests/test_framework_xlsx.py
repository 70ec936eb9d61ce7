"""The commune plan framework (khung KH xã) workbook as a two-way form: the summary columns
are locked (the merged funding columns are formulas over the per-source ones), the fields a
planner fills offline are open, and the file uploads back all or nothing, every wrong cell
named."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from sedp.activities.models import Activity
from sedp.core.models import Event
from sedp.indicators.spreadsheet import ImportFailed
from sedp.plans.draft import framework_xlsx, snapshot_framework
from sedp.plans.framework_xlsx import import_framework
from sedp.plans.models import Plan, PlanKind, PlanStatus
from sedp.plans.services import plan_create
from sedp.plans.tests.helpers import YEAR
from sedp.plans.tests.test_draft import commune  # noqa: F401

FIELDS = [
    "title",
    "timing",
    "responsible_id",
    "description",
    "cost_estimate",
    "fund_commune",
    "fund_target_programmes",
    "people_cash",
    "people_labour",
    "for_women",
    "for_poor_households",
]


def _book(plan):
    return load_workbook(io.BytesIO(framework_xlsx(plan)))


def _bytes(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _state(plan):
    return list(Activity.objects.filter(plan=plan).order_by("pk").values(*FIELDS))


def _canal(plan):
    return plan.activities.get(title="Kênh mương nội đồng")


def test_the_workbook_locks_the_summary_and_opens_the_fields_a_planner_fills(
    tree,
    commune,  # noqa: F811
):
    book = _book(commune)
    sheet = book.active
    assert sheet.freeze_panes == "A3"
    assert sheet.protection.sheet and not sheet.protection.formatColumns
    assert sheet.cell(2, 5).value == "Hoạt động" and sheet["AH2"].value == "ID"
    assert sheet.column_dimensions["AH"].hidden and book["_sedp"].sheet_state == "veryHidden"
    assert sheet["E3"].value == "Kênh mương nội đồng" and sheet["AH3"].value == _canal(commune).pk
    # The merged columns add up the per-source ones; the totals are sums.
    assert sheet["J3"].value == "=P3+Q3+R3" and sheet["N3"].value == "=W3+X3+Y3+Z3"
    assert sheet["L3"].value == "=T3" and sheet["T3"].value == 400_000_000
    assert sheet["I5"].value == "=SUM(I3:I4)" and sheet["I3"].number_format == "#,##0"
    assert sheet["E3"].protection.locked and sheet["J3"].protection.locked
    for cell in ("G3", "H3", "I3", "P3", "Z3", "AA3", "AB3"):
        assert not sheet[cell].protection.locked, cell
    assert sheet["I5"].protection.locked  # the total row
    # The recorded versions keep the framework's own columns, not the workbook's.
    assert set(snapshot_framework(commune)[0]) == {
        "sector_group",
        "sector",
        "objective",
        "indicators",
        "activity",
        "place",
        "timing",
        "responsible",
        "cost",
        "upper_budget",
        "commune_budget",
        "target_programmes",
        "other",
        "people",
        "status",
    }


def test_round_trip_keeps_the_data_and_saves_the_edits(tree, login, commune):  # noqa: F811
    before = _state(commune)
    # Unchanged file: nothing is updated.
    assert import_framework(user=tree.users.xa1, plan=commune, content=framework_xlsx(commune)) == 0
    assert _state(commune) == before
    assert not Event.objects.filter(verb="activity.updated").exists()

    book = _book(commune)
    sheet = book.active
    sheet["G3"] = "Quý II–III/2027"
    sheet["H3"] = "Phòng NN huyện Một"
    sheet["I3"] = 650_000_000
    sheet["S3"] = 100_000_000  # part of the programme money becomes commune budget
    sheet["T3"] = 300_000_000
    sheet["AA3"] = "Kênh bê tông 1,2 km, cửa chia nước"
    sheet["AB3"] = "x"  # women
    client = login(tree.users.xa1)
    url = reverse("plans-plan-framework-upload", args=[commune.pk])
    response = client.post(url, {"file": io.BytesIO(_bytes(book))})
    assert response.status_code == 302, response.content.decode()
    canal = _canal(commune)
    assert canal.timing == "Quý II–III/2027" and canal.responsible == tree.pnn1
    assert canal.cost_estimate == 650_000_000
    assert (canal.fund_commune, canal.fund_target_programmes) == (100_000_000, 300_000_000)
    assert canal.description == "Kênh bê tông 1,2 km, cửa chia nước"
    assert canal.for_women and canal.for_poor_households and canal.people_cash == 20_000_000
    # The other line is untouched; one update event and one upload event.
    after = _state(commune)
    assert [a for a in after if a["title"] == "Sửa phòng học"] == [
        a for a in before if a["title"] == "Sửa phòng học"
    ]
    assert Event.objects.filter(verb="activity.updated").count() == 1
    assert Event.objects.filter(verb="plan.framework_uploaded").count() == 2
    # Exported again, the file carries the edits and reads back to the same data.
    again = _book(commune).active
    assert again["G3"].value == "Quý II–III/2027" and again["H3"].value == "Phòng NN huyện Một"
    assert again["K3"].value == "=S3" and again["S3"].value == 100_000_000
    assert import_framework(user=tree.users.xa1, plan=commune, content=framework_xlsx(commune)) == 0
    assert _state(commune) == after


@pytest.mark.parametrize(
    "cells, messages",
    [
        ({"I3": "sáu trăm"}, ["Ô I3: “sáu trăm” không phải là số."]),
        ({"S3": -5}, ["Ô S3: Mục “Ngân sách xã” không được âm."]),
        ({"I4": -1}, ["Ô I4: Mục “Khái toán kinh phí (đồng)” không được âm."]),
        (
            {"I4": 9_000_000_000_000},
            ["Ô I4: Mục “Khái toán kinh phí (đồng)”: 9.000.000.000.000 đồng vượt quá"],
        ),
        (
            {"I3": 40_000_000, "T3": 0},
            [
                "Ô W3: Đóng góp của người dân (tiền mặt, ngày công, vật tư và đất cộng lại: "
                "50.000.000 đồng) vượt quá khái toán kinh phí (40.000.000 đồng)."
            ],
        ),
        ({"P3": 500_000_000}, ["Ô I3: Tổng các nguồn vốn là 950.000.000 đồng"]),
        ({"H3": "Sở Xây dựng"}, ["Ô H3: “Sở Xây dựng” không có trong danh sách."]),
        ({"AB4": "có lẽ"}, ["Ô AB4: ghi x hoặc để trống."]),
        ({"E3": "Đường ô tô"}, ["Ô E3: ô này bị khóa"]),
        ({"J4": 999}, ["Ô J4: tổng này là công thức bị khóa"]),
        ({"AH4": 999_999}, ["Dòng 4: dòng này không phải"]),
        ({"I3": 1.5, "G4": "x" * 101}, ["Ô I3: nhập số nguyên.", "Ô G4: tối đa 100 ký tự."]),
    ],
)
def test_wrong_cells_are_named_and_nothing_is_saved(
    tree,
    commune,  # noqa: F811
    cells,
    messages,
):
    before = _state(commune)
    book = _book(commune)
    for cell, value in cells.items():
        book.active[cell] = value
    book.active["G3"] = "Quý I/2027"  # a good edit next to the wrong ones is not saved either
    with pytest.raises(ImportFailed) as failure:
        import_framework(user=tree.users.xa1, plan=commune, content=_bytes(book))
    for message in messages:
        assert any(error.startswith(message) for error in failure.value.errors), (
            failure.value.errors
        )
    assert _state(commune) == before
    assert not Event.objects.filter(verb__in=["activity.updated", "plan.framework_uploaded"])


def test_another_plans_file_or_a_foreign_workbook_is_refused(tree, commune):  # noqa: F811
    other = plan_create(
        user=tree.users.xa3, agency=tree.group3, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    with pytest.raises(ImportFailed) as failure:
        import_framework(user=tree.users.xa1, plan=commune, content=framework_xlsx(other))
    assert "Xã Hai A" in failure.value.errors[0]
    book = _book(commune)
    del book["_sedp"]
    with pytest.raises(ImportFailed, match="1 errors"):
        import_framework(user=tree.users.xa1, plan=commune, content=_bytes(book))
    with pytest.raises(ImportFailed):
        import_framework(user=tree.users.xa1, plan=commune, content=b"not a workbook")


def test_only_the_communes_planners_upload_and_not_once_submitted(tree, login, commune):  # noqa: F811
    content = framework_xlsx(commune)
    page = reverse("plans-plan-framework", args=[commune.pk])
    upload = reverse("plans-plan-framework-upload", args=[commune.pk])
    assert upload in login(tree.users.xa1).get(page).content.decode()
    assert "Tải lên tệp Excel" in login(tree.users.xa1).get(upload).content.decode()
    assert upload not in login(tree.users.viewer1).get(page).content.decode()
    assert login(tree.users.viewer1).get(upload).status_code == 403
    with pytest.raises(PermissionDenied):
        import_framework(user=tree.users.viewer1, plan=commune, content=content)
    assert login(tree.users.xa3).get(upload).status_code in (403, 404)
    Plan.objects.filter(pk=commune.pk).update(status=PlanStatus.SUBMITTED)
    commune.refresh_from_db()
    with pytest.raises(ValidationError):
        import_framework(user=tree.users.xa1, plan=commune, content=content)
    response = login(tree.users.xa1).post(upload, {"file": io.BytesIO(content)})
    assert response.status_code == 400 and "không thể thay đổi" in response.content.decode()


def test_reading_the_file_takes_the_same_queries_for_more_rows(
    tree,
    commune,  # noqa: F811
    django_assert_max_num_queries,
):
    from sedp.activities.services import activity_create

    with django_assert_max_num_queries(12):
        assert (
            import_framework(user=tree.users.xa1, plan=commune, content=framework_xlsx(commune))
            == 0
        )
    for k in range(20):
        activity_create(
            user=tree.users.xa1,
            plan=commune,
            title=f"Đường nội đồng {k}",
            sector=tree.agri,
            cost_estimate=100_000_000,
            fund_commune=50_000_000,
        )
    content = framework_xlsx(commune)
    assert load_workbook(io.BytesIO(content)).active.max_row == 2 + 22 + 1
    with django_assert_max_num_queries(12):
        assert import_framework(user=tree.users.xa1, plan=commune, content=content) == 0


def test_many_edited_rows_are_saved_together_with_one_event_each(
    tree,
    commune,  # noqa: F811
    django_assert_max_num_queries,
):
    """The upload writes the edited rows in bulk: the same number of queries for 2 or 22
    edited rows, and each activity's history still shows its change."""
    from sedp.activities.services import activity_create
    from sedp.core.events import history_of

    def edit_all(timing):
        book = _book(commune)
        sheet = book.active
        for row in range(3, sheet.max_row):
            if sheet.cell(row, 1).value != "Tổng cộng":
                sheet.cell(row, 7, timing)
        return _bytes(book)

    content = edit_all("Quý I/2027")
    with django_assert_max_num_queries(20) as few:
        assert import_framework(user=tree.users.xa1, plan=commune, content=content) == 2
    for k in range(20):
        activity_create(
            user=tree.users.xa1,
            plan=commune,
            title=f"Đường nội đồng {k}",
            sector=tree.agri,
            cost_estimate=100_000_000,
            fund_commune=50_000_000,
        )
    content = edit_all("Quý II/2027")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert import_framework(user=tree.users.xa1, plan=commune, content=content) == 22
    activities = list(commune.activities.all())
    assert {a.timing for a in activities} == {"Quý II/2027"}
    for activity in activities:
        change = history_of(activity).filter(verb="activity.updated").first()
        assert change.payload["before"]["title"] == activity.title
        assert change.actor == tree.users.xa1 and change.unit == commune.unit
    upload = Event.objects.filter(verb="plan.framework_uploaded").order_by("pk").last()
    assert sorted(upload.payload["changed"]) == sorted(a.pk for a in activities)
