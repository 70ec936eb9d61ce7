"""Real Chromium on a phone: a commune planner goes from the framework page to "Tải lên tệp
Excel", uploads a file with a wrong cell and reads which cell, then the corrected file and sees
the framework with the new timing."""

import io

import pytest
from openpyxl import load_workbook

from sedp.plans.draft import framework_xlsx
from sedp.plans.tests.test_draft import commune  # noqa: F401
from tests.test_browser import ARTIFACTS, _log_in, browser, pytestmark  # noqa: F401


def _edited(plan, **cells) -> bytes:
    book = load_workbook(io.BytesIO(framework_xlsx(plan)))
    for cell, value in cells.items():
        book.active[cell] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.browser
def test_a_planner_uploads_the_framework_from_a_phone(
    transactional_db,
    tree,
    commune,  # noqa: F811
    live_server,
    browser,  # noqa: F811
    tmp_path,
):
    from playwright.sync_api import expect

    from conftest import PASSWORD

    wrong, right = tmp_path / "sai.xlsx", tmp_path / "dung.xlsx"
    wrong.write_bytes(_edited(commune, G3="Quý III/2027", I3=-1))
    right.write_bytes(_edited(commune, G3="Quý III/2027"))
    page = browser.new_page(locale="vi-VN", viewport={"width": 390, "height": 844})
    _log_in(page, live_server, "xa1", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/plans/{commune.pk}/framework/")
    page.get_by_role("link", name="Tải lên tệp Excel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tải lên tệp Excel")
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(wrong))
    page.get_by_role("button", name="Tải lên").click()
    expect(page.locator(".upload-errors")).to_contain_text(
        "Ô I3: Mục “Khái toán kinh phí (đồng)” không được âm."
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "framework-upload-phone.png"), full_page=True)
    assert commune.activities.filter(timing="Quý III/2027").count() == 0
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(right))
    page.get_by_role("button", name="Tải lên").click()
    page.wait_for_url(f"{live_server.url}/plans/{commune.pk}/framework/")
    expect(page.get_by_text("Đã đọc tệp: cập nhật 1 hoạt động.")).to_be_visible()
    expect(page.locator("#framework")).to_contain_text("Quý III/2027")
    page.close()  # an open page keeps a server thread, and its database connection, alive
