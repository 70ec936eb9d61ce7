"""Real Chromium: phòng TCKH returns the agriculture office's sector plan with a reason; the
office adds what was missing and sends it again; the district draft shows the change."""

import datetime
import re

import pytest

from tests.test_browser import ARTIFACTS, _log_in, browser, pytestmark  # noqa: F401


@pytest.mark.browser
def test_tckh_returns_the_sector_plan_and_the_district_draft_shows_the_resubmission(
    transactional_db,
    tree,
    live_server,
    browser,  # noqa: F811
):
    from playwright.sync_api import expect

    from conftest import PASSWORD
    from sedp.plans.consolidation import plan_consolidate
    from sedp.plans.models import PlanKind
    from sedp.plans.services import plan_create
    from sedp.plans.tests.helpers import YEAR
    from sedp.upper import services
    from sedp.upper.tests import world

    t = world.extend(tree)
    p = world.people(t)
    world.communes_year(t, p)
    p.tckh1.set_password(PASSWORD)
    p.tckh1.save()
    services.route_commune_plans(user=p.tckh1, agency=t.tckh1, report_year=YEAR)
    sector_plan = plan_create(
        user=t.users.pnn1, agency=t.pnn1, kind=PlanKind.DISTRICT_SECTOR_PLAN, report_year=YEAR
    )
    plan_consolidate(user=t.users.pnn1, plan=sector_plan)
    services.draft_issue(user=t.users.pnn1, plan=sector_plan)
    services.sector_plan_submit(user=t.users.pnn1, plan=sector_plan)
    district = plan_create(
        user=p.tckh1, agency=t.tckh1, kind=PlanKind.DISTRICT_PLAN, report_year=YEAR
    )
    plan_url = f"{live_server.url}/plans/{sector_plan.pk}/"

    page = browser.new_page(locale="vi-VN", viewport={"width": 1280, "height": 900})
    _log_in(page, live_server, p.tckh1.username, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(plan_url)
    page.get_by_label("Lý do trả lại").fill("Thiếu mô hình chè hữu cơ của phòng.")
    deadline = datetime.date.today() + datetime.timedelta(days=3)  # noqa: DTZ011
    page.get_by_label("Hạn gửi lại").fill(deadline.isoformat())
    page.get_by_role("button", name="Trả lại với lý do này").click()
    expect(page.locator(".alert-danger")).to_contain_text("Thiếu mô hình chè hữu cơ")

    page.context.clear_cookies()
    _log_in(page, live_server, "pnn1", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(plan_url)
    expect(page.locator(".alert-danger")).to_contain_text("Thiếu mô hình chè hữu cơ")
    page.get_by_role("link", name="+ Thêm hoạt động của phòng, Sở").click()
    page.get_by_label("Hoạt động", exact=True).fill("Mô hình chè hữu cơ toàn huyện")
    page.get_by_label("Ngành", exact=True).select_option(label="Nông nghiệp")
    page.get_by_label("Khái toán kinh phí (đồng)", exact=True).fill("500000000")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(plan_url)
    page.get_by_role(
        "button", name="Gửi khung KHPT ngành cho phòng TCKH và Sở quản lý ngành"
    ).click()
    expect(page.locator("h1 + p")).to_contain_text("Đã gửi")

    page.context.clear_cookies()
    _log_in(page, live_server, p.tckh1.username, PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(plan_url)
    page.get_by_role("button", name=re.compile("^(Tiếp nhận|Chấp nhận)$")).click()
    page.goto(f"{live_server.url}/plans/{district.pk}/")
    page.get_by_role("button", name="Tổng hợp các kế hoạch đã tiếp nhận").click()
    # The resubmitted line is in the district plan, traced to the office that added it...
    line = page.locator("tr", has_text="Mô hình chè hữu cơ toàn huyện")
    expect(line).to_have_count(1)
    expect(line).to_contain_text("Phòng NN huyện Một")
    expect(line).to_contain_text("500.000.000")
    # ...and in draft 1 of the district plan, the one conference 2 discusses.
    page.get_by_role("button", name="Ban hành Dự thảo lần 1").click()
    expect(page.locator("#upper-panel")).to_contain_text("Dự thảo lần 1 —")
    page.goto(f"{live_server.url}/upper/plan/{district.pk}/trace/")
    expect(page.locator("#trace")).to_contain_text("Mô hình chè hữu cơ toàn huyện")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "district-plan-after-resubmission.png"), full_page=True)
