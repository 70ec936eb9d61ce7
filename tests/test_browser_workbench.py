"""The conference's resource-balancing workbench in real headless Chromium: change an amount
and a rank, see the cut line and the totals move without a reload (htmx), apply, and read the
changes as decisions of the conference."""

import datetime

import pytest

from tests import test_browser as base

pytestmark = base.pytestmark  # the browser mark, and skipped where Chromium is missing
browser = base.browser
ARTIFACTS, _log_in = base.ARTIFACTS, base._log_in
M = 1_000_000


@pytest.fixture
def commune(transactional_db, tree):
    """Made before the browser starts: Đường 300 (people 100), Kênh 200, Chợ 150, Nhà văn hóa
    100 against 450 of envelopes, and the conference recorded."""
    from sedp.activities.services import envelopes_set
    from sedp.meetings.services import conference_record
    from sedp.plans.consolidation import plan_consolidate
    from sedp.plans.models import PlanKind
    from sedp.plans.services import plan_accept, plan_create
    from sedp.plans.tests.helpers import YEAR, activity_data, proposal

    def line(title, cost, priority, **extra):
        data = activity_data(
            tree.agri,
            title=title,
            cost_estimate=cost,
            people_cash=0,
            people_labour=0,
            fund_target_programmes=0,
            priority=priority,
            beneficiaries=[],
        )
        return {**data, **extra}

    plan = plan_create(
        user=tree.users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    village = proposal(
        tree.users.thon1,
        tree.vgroup1,
        [
            line("Đường", 300 * M, 1, people_cash=100 * M),
            line("Kênh", 200 * M, 2),
            line("Chợ", 150 * M, 3, beneficiaries=["women", "poor_households"]),
            line("Nhà văn hóa", 100 * M, 4),
        ],
        submit=True,
    )
    plan_accept(user=tree.users.xa1, plan=village)
    plan_consolidate(user=tree.users.xa1, plan=plan)
    envelopes_set(
        user=tree.users.xa1,
        plan=plan,
        amounts={"commune_development": 350 * M, "balanced_revenue": 100 * M},
    )
    conference_record(
        user=tree.users.xa1, plan=plan, date=datetime.date(2026, 6, 19), men=30, women=20
    )
    return plan


def test_the_conference_balances_resources_live_and_applies_them(commune, live_server, browser):
    from playwright.sync_api import expect

    from conftest import PASSWORD

    page = browser.new_page(locale="vi-VN", viewport={"width": 1280, "height": 900})
    _log_in(page, live_server, "xa1", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/plans/{commune.pk}/")
    page.get_by_role("link", name="Cân đối nguồn lực").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cân đối nguồn lực")

    above = page.locator("#above-count")
    expect(above).to_have_text("2")  # Đường and Kênh; Chợ does not fit in the 50 left
    expect(page.locator("#allocated-total")).to_have_text("400.000.000")
    rows = page.locator("#workbench-lines tbody tr")
    expect(rows.nth(2)).to_have_id("cut-line")
    page.evaluate("window.sedpMarker = 'still-here'")

    # What if the market cost 50 million? It fits: the cut line moves down one row.
    page.get_by_label("kinh phí của Chợ").fill("50000000")
    page.get_by_label("kinh phí của Chợ").press("Tab")
    expect(above).to_have_text("3")
    expect(page.locator("#allocated-total")).to_have_text("450.000.000")
    expect(rows.nth(3)).to_have_id("cut-line")
    expect(page.locator("#unsaved")).to_be_visible()

    # Move the cultural house up one rank: it now comes before the market.
    page.get_by_label("đưa Nhà văn hóa lên").click()
    expect(page.get_by_label("thứ hạng của Nhà văn hóa")).to_have_value("3")
    expect(page.get_by_label("kinh phí của Chợ")).to_have_value("50000000")  # kept
    # …then weigh the vulnerable groups: the market (women, poor households) jumps ahead.
    page.get_by_label("Ưu tiên hoạt động phục vụ phụ nữ").check()
    expect(rows.nth(0)).to_contain_text("Chợ")
    expect(page.locator("#group-shares")).to_contain_text("Hộ nghèo")
    assert page.evaluate("window.sedpMarker") == "still-here"  # no reload so far
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "workbench.png"), full_page=True)

    page.get_by_role("button", name="Áp dụng: ghi thành quyết định của hội nghị").click()
    expect(page.get_by_text("quyết định của hội nghị.", exact=False).first).to_be_visible()
    expect(page.locator("#decisions")).to_contain_text("Chợ: hạng 1")
    expect(page.locator("#decisions")).to_contain_text("kinh phí 150.000.000 → 50.000.000 đồng")
    expect(page.locator("#ranked-fundable")).to_contain_text("Chợ")
    expect(page.locator("#unsaved")).to_have_count(0)  # the saved state computes back to itself
