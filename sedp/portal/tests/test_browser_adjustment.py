"""Real Chromium on a phone (390 px): the People's Committee starts an adjustment of an
official plan from the approval page, the plan shows "Đang điều chỉnh" and nothing scrolls
sideways; once the council adopts it, the public page of the plan, logged out, says it was
adjusted by that resolution."""

import pytest

from sedp.portal.tests.test_browser_public import ARTIFACTS, browser, pytestmark  # noqa: F401
from tests.test_browser import _log_in

PHONE = {"width": 390, "height": 844}


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.browser
def test_an_adjustment_started_on_a_phone_then_shown_on_the_public_page(
    transactional_db,
    tree,
    live_server,
    browser,  # noqa: F811
):
    from django.urls import reverse
    from django.utils import timezone
    from playwright.sync_api import expect

    from conftest import PASSWORD
    from sedp.plans.models import PlanStatus
    from sedp.portal.adjustments import adjustment_adopt, adjustment_submit
    from sedp.portal.models import Publication
    from sedp.portal.tests.helpers import adopted_plan

    plan = adopted_plan(tree)
    phone = browser.new_page(locale="vi-VN", viewport=PHONE)
    _log_in(phone, live_server, "xa1", PASSWORD)
    phone.wait_for_url(f"{live_server.url}/")
    phone.goto(live_server.url + reverse("portal-approval-detail", args=[plan.pk]))
    expect(phone.get_by_role("heading", name="Điều chỉnh kế hoạch")).to_be_visible()
    _no_sideways_scroll(phone)
    # Without a reason nothing starts; then with the reason.
    phone.get_by_role("button", name="Bắt đầu điều chỉnh kế hoạch").click()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    phone.get_by_label("Lý do điều chỉnh").fill("Bão lũ tháng 3 làm sạt lở suối thôn A1")
    phone.get_by_role("button", name="Bắt đầu điều chỉnh kế hoạch").click()
    expect(phone.get_by_text("Đang điều chỉnh").first).to_be_visible()
    expect(phone.get_by_text("Bão lũ tháng 3 làm sạt lở suối thôn A1")).to_be_visible()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADJUSTING
    _no_sideways_scroll(phone)
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "adjustment-started-phone.png"), full_page=True)
    phone.close()  # an open page keeps a server thread, and its database connection, alive

    today = timezone.localdate()
    xa1 = tree.users.xa1
    adjustment_submit(user=xa1, plan=plan, number="40/TTr-UBND", submitted_on=today)
    adjustment_adopt(user=xa1, plan=plan, number="30/NQ-HĐND", adopted_on=today, text="Điều chỉnh")
    publication = Publication.objects.get(plan=plan)

    context = browser.new_context(locale="vi-VN", viewport=PHONE)  # logged out
    public = context.new_page()
    public.goto(live_server.url + reverse("portal-publication-detail", args=[publication.pk]))
    expect(public.get_by_text("Điều chỉnh theo Nghị quyết 30/NQ-HĐND").first).to_be_visible()
    expect(public.get_by_text("Bão lũ tháng 3").first).to_be_visible()
    expect(public.locator(".sedp-whoami")).to_have_count(0)  # nobody is logged in
    _no_sideways_scroll(public)
    public.screenshot(path=str(ARTIFACTS / "adjusted-plan-public-phone.png"), full_page=True)
    public.close()
    context.close()
