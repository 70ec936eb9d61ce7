"""Real Chromium: a cooperative reports an activity's progress from a phone; the district
asks for an explanation with one click on the dashboard, red first."""

import pytest

from tests.test_browser import ARTIFACTS, _log_in, browser, pytestmark  # noqa: F401


@pytest.mark.browser
def test_report_on_a_phone_then_explanation_from_the_dashboard(
    transactional_db,
    tree,
    live_server,
    browser,  # noqa: F811
):
    from playwright.sync_api import expect

    from conftest import PASSWORD
    from sedp.accounts.models import Membership, Role
    from sedp.monitoring.models import ExplanationRequest, TaskStatus
    from sedp.monitoring.tests.helpers import monitored

    t = monitored(tree)
    coop = type(tree.users.xa1).objects.create_user(username="htx1", password=PASSWORD)
    Membership.objects.create(user=coop, agency=tree.coop1, role=Role.LEADER)

    phone = browser.new_page(locale="vi-VN", viewport={"width": 390, "height": 844})
    _log_in(phone, live_server, "htx1", PASSWORD)
    phone.goto(f"{live_server.url}/monitoring/work/")
    expect(phone.get_by_role("heading", name="Việc báo cáo của tôi")).to_be_visible()
    phone.get_by_role("link", name="Bê tông hóa đường thôn A1").first.click()
    phone.get_by_label("Tình trạng").select_option("stalled")
    phone.get_by_label("Tỷ lệ hoàn thành (0–100)").fill("150")
    phone.get_by_label("Đã chi đến nay (đồng)").fill("600.000.000")
    phone.get_by_role("button", name="Gửi báo cáo").click()
    expect(phone.get_by_text("số nguyên từ 0 đến 100")).to_be_visible()
    phone.get_by_label("Tỷ lệ hoàn thành (0–100)").fill("20")
    phone.get_by_role("button", name="Gửi báo cáo").click()
    expect(phone.get_by_text("Đã ghi nhận báo cáo.")).to_be_visible()
    assert t.rows["Bê tông hóa đường thôn A1"].tasks.filter(status=TaskStatus.REPORTED).exists()
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "monitoring-report-phone.png"), full_page=True)
    phone.close()  # an open page keeps a server thread, and its database connection, alive

    page = browser.new_page(locale="vi-VN", viewport={"width": 1280, "height": 900})
    _log_in(page, live_server, "tckh1", PASSWORD)
    page.goto(f"{live_server.url}/monitoring/plans/{t.plan.pk}/dashboard/")
    flagged = page.locator(".sedp-me-activities tr", has_text="Bê tông hóa đường thôn A1")
    expect(flagged).to_contain_text("chậm tiến độ")
    expect(flagged).to_contain_text("vượt dự toán")
    flagged.get_by_role("button", name="Yêu cầu giải trình").click()
    expect(page.get_by_text("Đã gửi yêu cầu giải trình tới HTX nông nghiệp Một A.")).to_be_visible()
    expect(flagged).to_contain_text("đang chờ giải trình")
    page.screenshot(path=str(ARTIFACTS / "monitoring-dashboard.png"), full_page=True)
    page.close()
    assert ExplanationRequest.objects.get().agency == tree.coop1
