"""On a phone (390 px) in real headless Chromium, a village head fills the village basic-data
form, fills the proposal offline in the downloaded Excel file, uploads it and submits."""

import io
import re

from openpyxl import load_workbook

from tests import test_browser as base

pytestmark = base.pytestmark  # the browser mark, and skipped where Chromium is missing
browser = base.browser
ARTIFACTS, _log_in = base.ARTIFACTS, base._log_in


def test_a_village_head_fills_basic_data_and_the_excel_proposal_on_a_phone(
    transactional_db, tree, live_server, browser, tmp_path
):
    from playwright.sync_api import expect

    from conftest import PASSWORD
    from sedp.indicators.catalogue import ensure_catalogue
    from sedp.plans.models import Plan, PlanKind, PlanStatus
    from sedp.plans.proposal_xlsx import FIRST_ROW, _columns
    from sedp.plans.services import plan_create
    from sedp.plans.tests.helpers import YEAR, record_meeting
    from sedp.territory.reference import ensure_sectors

    ensure_sectors()
    ensure_catalogue()
    plan = plan_create(user=tree.users.thon1, agency=tree.vgroup1,
                       kind=PlanKind.VILLAGE_PROPOSAL, report_year=YEAR)  # fmt: skip
    record_meeting(tree.users.thon1, plan)

    page = browser.new_page(locale="vi-VN", viewport={"width": 390, "height": 844})
    _log_in(page, live_server, "thon1", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/plans/{plan.pk}/")

    # The basic-data form: one item per line, a wrong figure refused in place.
    page.get_by_role("link", name="Biểu số liệu cơ bản thôn").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thôn A1")
    page.get_by_label("Tổng số hộ (hộ)").fill("150")
    page.get_by_label("Dân số trung bình (người)").fill("720")
    page.get_by_label("Số hộ nghèo (hộ)").fill("400")
    page.get_by_role("button", name="Lưu số liệu cơ bản").click()
    expect(page.get_by_text("Chưa lưu gì: hãy sửa các chỉ tiêu đánh dấu đỏ.")).to_be_visible()
    expect(page.get_by_text(re.compile("không được lớn hơn “Tổng số hộ”")).first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_label("Số hộ nghèo (hộ)").fill("40")
    page.get_by_role("button", name="Lưu số liệu cơ bản").click()
    expect(page.get_by_text(re.compile(r"Đã lưu\. Còn \d+ chỉ tiêu chưa nhập"))).to_be_visible()
    expect(page.get_by_label("Số hộ nghèo (hộ)")).to_have_value("40")

    # The proposal, filled offline in the downloaded workbook and uploaded back.
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tệp Excel", exact=True).click()
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    keys = [key for key, _heading, _kind in _columns()]
    sheet = book["Hoạt động"]
    rows = [
        {"title": "Bê tông hóa đường nội thôn 500 m", "sector": "Nông nghiệp",
         "cost_estimate": 600_000_000, "people_labour": 30_000_000, "for_poor_households": "x",
         "priority": 1},
        {"title": "Tập huấn trồng chè", "sector": "Khuyến nông", "cost_estimate": 20_000_000,
         "people_cash": 50_000_000, "priority": 2},
    ]  # fmt: skip
    for offset, row in enumerate(rows):
        for key, value in row.items():
            sheet.cell(FIRST_ROW + offset, keys.index(key) + 1, value)
    bad = tmp_path / "de-xuat.xlsx"
    book.save(bad)
    page.get_by_role("link", name="Tải lên tệp Excel").click()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Tải lên").click()
    expect(page.locator(".upload-errors")).to_contain_text("Dòng 5, cột “Nhân dân đóng góp")
    sheet.cell(FIRST_ROW + 1, keys.index("people_cash") + 1, 5_000_000)
    good = tmp_path / "de-xuat-sua.xlsx"
    book.save(good)
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Tải lên").click()
    expect(page.get_by_text("Đã đọc tệp: thêm 2 hoạt động, cập nhật 0, xóa 0.")).to_be_visible()
    expect(page.locator(".sedp-activity").filter(has_text="Tập huấn trồng chè")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_role("button", name="Gửi lên xã").click()
    expect(page.get_by_text("Đã gửi").first).to_be_visible()
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.SUBMITTED
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "village-excel-proposal-phone.png"), full_page=True)
