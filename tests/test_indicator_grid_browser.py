"""The indicator grid in real headless Chromium: a value typed in a cell is saved in place."""

from tests.test_browser import ARTIFACTS, _log_in, browser, pytestmark  # noqa: F401


def test_planner_enters_a_value_and_it_is_saved_without_reload(
    transactional_db,
    tree,
    live_server,
    browser,  # noqa: F811
):
    from playwright.sync_api import expect

    from conftest import PASSWORD
    from sedp.indicators.catalogue import ensure_catalogue
    from sedp.indicators.models import IndicatorValue, Kind
    from sedp.territory.reference import ensure_sectors

    ensure_sectors()
    ensure_catalogue()
    page = browser.new_page(locale="vi-VN", viewport={"width": 1400, "height": 900})
    _log_in(page, live_server, "thon1", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/indicators/units/{tree.village1.pk}/?year=2025")
    page.evaluate("window.sedpMarker = 'still-here'")
    households = page.get_by_label("Tổng số hộ — KH 2026 đề xuất")
    households.fill("120")
    households.press("Enter")  # saves and moves down to the next indicator
    expect(page.locator(".sedp-saved")).to_have_count(1)
    poor = page.get_by_label("Số hộ nghèo — KH 2026 đề xuất")
    poor.fill("150")  # more poor households than households: refused in the cell
    poor.press("Tab")
    expect(page.get_by_role("alert")).to_contain_text("không được lớn hơn")
    assert page.evaluate("window.sedpMarker") == "still-here"  # HTMX swapped, no reload
    value = IndicatorValue.objects.get(unit=tree.village1, kind=Kind.PROPOSED)
    assert value.value == 120 and value.indicator.code == "ho-dan"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "indicator-grid-village.png"), full_page=True)
