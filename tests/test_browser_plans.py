"""The village proposal on a phone (390 px) in real headless Chromium: start the plan, record
the village meeting, add and correct activity rows in place (HTMX, no reload), submit."""

import re

from tests import test_browser as base

pytestmark = base.pytestmark  # the browser mark, and skipped where Chromium is missing
browser = base.browser  # the same Chromium fixture
ARTIFACTS, _log_in = base.ARTIFACTS, base._log_in


def test_a_village_head_writes_the_proposal_on_a_phone(
    transactional_db, tree, live_server, browser
):
    from playwright.sync_api import expect

    from conftest import PASSWORD

    page = browser.new_page(locale="vi-VN", viewport={"width": 390, "height": 844})
    _log_in(page, live_server, "thon1", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name=re.compile("Kế hoạch: đề xuất của thôn")).click()
    page.get_by_role("button", name=re.compile("Đề xuất kế hoạch thôn")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tổ công tác thôn A1")

    page.get_by_role("link", name="Ghi biên bản họp thôn").click()
    page.get_by_label("Ngày").fill("2026-05-20")
    page.get_by_label("Số nam tham dự").fill("21")
    page.get_by_label("Số nữ tham dự").fill("19")
    page.get_by_label("Trong đó người dân tộc thiểu số").fill("38")
    page.get_by_label("Biên bản").fill("Thôn thống nhất 2 hoạt động ưu tiên.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("40 người (21 nam, 19 nữ; 38 người dân tộc thiểu số)")).to_be_visible()

    page.evaluate("window.sedpMarker = 'still-here'")
    page.get_by_role("link", name="+ Thêm hoạt động").click()
    page.get_by_label("Hoạt động", exact=True).fill("Xây bể nước 20 m³")
    page.get_by_label("Ngành", exact=True).select_option(label="Nông nghiệp")
    page.get_by_label("Khái toán kinh phí (đồng)").fill("100000000")
    page.get_by_label("Nhân dân đóng góp: tiền mặt").fill("150000000")
    page.get_by_label("Phụ nữ").check()
    page.get_by_role("button", name="Lưu hoạt động").click()
    expect(page.get_by_text(re.compile("vượt quá khái toán kinh phí"))).to_be_visible()
    page.get_by_label("Nhân dân đóng góp: tiền mặt").fill("10000000")
    page.get_by_role("button", name="Lưu hoạt động").click()
    card = page.locator(".sedp-activity").filter(has_text="Xây bể nước 20 m³")
    expect(card).to_be_visible()
    expect(card).to_contain_text("100.000.000 đ")
    assert page.evaluate("window.sedpMarker") == "still-here"  # swapped in place
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll

    card.get_by_role("link", name="Sửa").click()
    page.get_by_label("Khái toán kinh phí (đồng)").fill("120000000")
    page.get_by_role("button", name="Lưu hoạt động").click()
    expect(page.locator(".sedp-activity")).to_contain_text("120.000.000 đ")
    assert page.evaluate("window.sedpMarker") == "still-here"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "village-proposal-phone.png"), full_page=True)

    page.get_by_role("button", name="Gửi lên xã").click()
    expect(page.get_by_text("Đã gửi kế hoạch đến tổ công tác kế hoạch xã.")).to_be_visible()
    expect(page.locator("h1 + p .badge")).to_have_text("Đã gửi")
    # No ORM call here: under Playwright's event loop it would open a second connection
    # that outlives the test database.
