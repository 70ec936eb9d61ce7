"""Real headless Chromium (Debian's) driven by Playwright against the live server."""

import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists() and not os.environ.get("CI"),
        reason="Chromium is not installed (CI installs it)",
    ),
]


@pytest.fixture
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test
    # makes around it are ordinary synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-quic",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def _log_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_commune_planner_logs_in_and_sees_home(transactional_db, tree, live_server, browser):
    from conftest import PASSWORD

    page = browser.new_page(locale="vi-VN", viewport={"width": 1280, "height": 900})
    _log_in(page, live_server, "xa1", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Xin chào, Xa1").is_visible()
    assert page.get_by_role("link", name="Tổ công tác KH xã Một A").first.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home-commune-planner.png"), full_page=True)


def test_wrong_password_shows_a_vietnamese_message(transactional_db, tree, live_server, browser):
    page = browser.new_page(locale="vi-VN")
    _log_in(page, live_server, "xa1", "sai-mat-khau")
    assert page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.").is_visible()


def test_live_search_on_a_phone_filters_without_reloading(
    transactional_db, tree, live_server, browser
):
    from playwright.sync_api import expect

    from conftest import PASSWORD

    page = browser.new_page(locale="vi-VN", viewport={"width": 390, "height": 844})
    _log_in(page, live_server, "tckh1", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/territory/units/")
    page.evaluate("window.sedpMarker = 'still-here'")
    page.get_by_placeholder("Tên hoặc mã", exact=False).fill("mot b")
    expect(page.get_by_role("link", name="Xã Một A", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Xã Một B", exact=True)).to_be_visible()
    assert page.evaluate("window.sedpMarker") == "still-here"  # HTMX swapped, no reload
    # The menu collapses behind the toggler on a narrow screen and still opens.
    menu_link = page.get_by_role("link", name="Cơ quan, đơn vị")
    expect(menu_link).to_be_hidden()
    page.get_by_label("Trình đơn").click()
    page.get_by_role("button", name="Danh mục").click()
    expect(menu_link).to_be_visible()
    expect(page.locator("#mainnav")).to_have_class(re.compile(r"\bshow\b"))  # opened
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "unit-search-phone.png"), full_page=True)
