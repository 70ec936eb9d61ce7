"""Real Chromium: a village group leader signs in and sees the village's tasks and deadlines."""

import datetime

import pytest

from tests.test_browser import ARTIFACTS, _log_in, browser, pytestmark  # noqa: F401


@pytest.mark.browser
def test_a_village_leader_sees_the_village_tasks_with_deadlines(
    transactional_db,
    tree,
    cycle,
    live_server,
    browser,  # noqa: F811
    monkeypatch,
):
    from playwright.sync_api import expect

    from conftest import PASSWORD
    from sedp.cycles import selectors

    monkeypatch.setattr(selectors, "today", lambda: datetime.date(2026, 5, 20))
    page = browser.new_page(locale="vi-VN", viewport={"width": 1280, "height": 900})
    _log_in(page, live_server, "thon1", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="Xem việc của tôi").click()
    expect(page.get_by_role("heading", name="Việc của tôi")).to_be_visible()
    meeting = page.locator("tr.task-row", has_text="V2.2")
    expect(meeting).to_contain_text("01/06/2026")
    expect(meeting).to_contain_text("còn 12 ngày")
    expect(page.locator("tr.task-row[data-status=overdue]", has_text="V1.2")).to_contain_text(
        "07/05/2026"
    )
    expect(page.locator("tr.task-row", has_text="X5.2")).to_have_count(0)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "my-work-village-leader.png"), full_page=True)
