"""Real Chromium: phòng TCKH returns a sector orientation form with a reason; the office
reads it, corrects the form and resubmits; once accepted, the directional plan's summary
shows the corrected text."""

import pytest

from tests.test_browser import ARTIFACTS, _log_in, browser, pytestmark  # noqa: F401


@pytest.mark.browser
def test_tckh_returns_a_form_the_office_resubmits_and_the_draft_shows_the_change(
    transactional_db,
    tree,
    live_server,
    browser,  # noqa: F811
):
    from playwright.sync_api import expect

    from conftest import PASSWORD
    from sedp.fiveyear.tests.helpers import directional_plan, orientation_form

    directional = directional_plan(tree.users.tckh1, tree.tckh1)
    form = orientation_form(tree.users.pnn1, tree.pnn1, objectives="Tăng trưởng nông nghiệp.")
    ARTIFACTS.mkdir(exist_ok=True)

    tckh = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = tckh.new_page()
    _log_in(page, live_server, "tckh1", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/fiveyear/orientation/{directional.pk}/")
    forms = page.locator("#forms")
    expect(forms).to_contain_text("Đã gửi")
    forms.get_by_role("link", name="Phòng NN huyện Một").click()
    page.get_by_label("Lý do trả lại").fill("Mục tiêu chưa có số liệu cụ thể cho toàn ngành.")
    page.get_by_role("button", name="Trả lại với lý do này").click()
    expect(page.locator(".alert-danger")).to_contain_text("Mục tiêu chưa có số liệu cụ thể")

    office = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page2 = office.new_page()
    _log_in(page2, live_server, "pnn1", PASSWORD)
    page2.wait_for_url(f"{live_server.url}/")
    page2.goto(f"{live_server.url}/plans/{form.pk}/")
    alert = page2.locator(".alert-danger")
    expect(alert).to_contain_text("Mục tiêu chưa có số liệu cụ thể cho toàn ngành.")
    expect(alert).to_contain_text("gửi lại trước")
    page2.get_by_role("link", name="Viết đánh giá và giải pháp").click()
    page2.get_by_label("Mục tiêu phát triển của ngành năm X+1").fill(
        "Giá trị sản xuất nông, lâm nghiệp tăng 4,5 %; 3 xã đạt chuẩn nông thôn mới."
    )
    page2.get_by_role("button", name="Lưu").click()
    page2.get_by_role("button", name="Gửi lại phiếu").click()
    expect(page2.locator("body")).to_contain_text("Đã gửi")
    page2.screenshot(path=str(ARTIFACTS / "orientation-form-resubmitted.png"), full_page=True)

    page.goto(f"{live_server.url}/plans/{form.pk}/")
    page.get_by_role("button", name="Tiếp nhận").click()
    page.goto(f"{live_server.url}/fiveyear/orientation/{directional.pk}/")
    summary = page.locator("#summary")
    expect(summary).to_contain_text("3 xã đạt chuẩn nông thôn mới")
    expect(summary).not_to_contain_text("Tăng trưởng nông nghiệp.")
    page.screenshot(path=str(ARTIFACTS / "orientation-summary.png"), full_page=True)
