"""The public pages in Chromium, logged out, on a phone: only published content, no
commenters' personal data, comment limits hold and bad input never breaks the page."""

import datetime
import os
import shutil
from pathlib import Path

import pytest
from django.utils import timezone

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists() and not os.environ.get("CI"),
        reason="Chromium is not installed (CI installs it)",
    ),
]


@pytest.fixture
def browser():
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
        )
        yield browser
        browser.close()


def _public_data(tree):
    """Commune Một A: an official plan published, and next year's draft under consultation;
    Xã Hai A: a draft nobody published."""
    from sedp.activities.services import activity_create
    from sedp.consultation.services import consultation_open
    from sedp.plans.models import PlanKind
    from sedp.plans.services import plan_create, plan_update_sections
    from sedp.plans.tests.helpers import YEAR, activity_data
    from sedp.portal.tests.helpers import adopted_plan

    adopted_plan(tree)
    draft = plan_create(
        user=tree.users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR + 1
    )
    plan_update_sections(
        user=tree.users.xa1,
        plan=draft,
        bodies={"p2.3.economy": "Trồng mới 30 ha quế.", "p1.3.overview": "Ghi chú nội bộ"},
    )
    activity_create(
        user=tree.users.xa1, plan=draft, **activity_data(tree.agri, title="Nhà văn hóa thôn A2")
    )
    today = timezone.localdate()
    consultation = consultation_open(
        user=tree.users.xa1,
        plan=draft,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=10),
        section_codes=["p2.3.economy"],
    )
    secret = plan_create(
        user=tree.users.xa3, agency=tree.group3, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    activity_create(
        user=tree.users.xa3, plan=secret, **activity_data(tree.agri, title="Đường bí mật xã Hai A")
    )
    return consultation


def test_a_resident_reads_and_comments_on_a_phone_without_logging_in(
    transactional_db, tree, live_server, browser, settings
):
    from playwright.sync_api import expect

    from sedp.consultation.models import Comment, CommentStatus

    settings.CONSULTATION_COMMENTS_PER_MINUTE = 4
    consultation = _public_data(tree)
    page = browser.new_page(locale="vi-VN", viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/cong-khai/")
    expect(page.get_by_role("heading", name="Dự thảo đang lấy ý kiến")).to_be_visible()
    expect(
        page.get_by_role("link", name="Xã Một A, Huyện Một — dự thảo kế hoạch năm")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Kế hoạch xã năm 2027 — Xã Một A")).to_be_visible()
    assert "Đường bí mật" not in page.content() and "Xã Hai A" not in page.content()
    # search without diacritics
    page.get_by_role("searchbox").fill("mot a")
    page.get_by_role("button", name="Tìm kiếm").click()
    expect(page.get_by_role("link", name="20/NQ-HĐND", exact=False)).to_be_visible()
    page.get_by_role("searchbox").fill("hai a")
    page.get_by_role("button", name="Tìm kiếm").click()
    expect(page.get_by_text("Không có kế hoạch đã công bố nào phù hợp.")).to_be_visible()

    page.goto(f"{live_server.url}/cong-khai/tham-van/{consultation.pk}/")
    expect(page.get_by_text("Nhà văn hóa thôn A2").first).to_be_visible()
    assert "Ghi chú nội bộ" not in page.content()  # a section the commune did not publish
    # empty: refused with a message, the page still whole
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.get_by_text("Hãy viết ý kiến trước khi gửi.")).to_be_visible()
    # a script is kept as text, held, and never runs
    page.get_by_label("Ý kiến của bạn", exact=True).fill("<script>window.__xss=1</script>")
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.get_by_text("sẽ hiển thị sau khi Tổ công tác KH xã xem xét")).to_be_visible()
    # a plain comment with a name and a village: the name shows, the village does not
    page.get_by_label("Ý kiến của bạn về").select_option(label="Hoạt động: Nhà văn hóa thôn A2")
    page.get_by_label("Ý kiến của bạn", exact=True).fill("Nên làm nhà văn hóa gần trường.")
    page.get_by_label("Tên của bạn", exact=False).fill("Ông Vàng A Sáng")
    page.get_by_label("Thôn, bản của bạn", exact=False).select_option(label="Thôn A1")
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.get_by_text("Cảm ơn bạn. Ý kiến đã được nhận.")).to_be_visible()
    comments = page.locator("#comments ~ .card")
    expect(comments.filter(has_text="Nên làm nhà văn hóa gần trường.")).to_have_count(1)
    expect(comments.filter(has_text="Ông Vàng A Sáng")).to_have_count(1)
    expect(comments.filter(has_text="Thôn A1")).to_have_count(0)
    # the script, shown by a moderator by mistake, is escaped text: nothing runs
    Comment.objects.filter(body__startswith="<script>").update(status=CommentStatus.VISIBLE)
    page.reload()
    expect(comments.filter(has_text="<script>window.__xss=1</script>")).to_have_count(1)
    assert page.evaluate("window.__xss") is None
    # a 100 KB comment sent past the browser's maxlength is refused
    page.evaluate(
        "document.querySelector('#id_body').removeAttribute('maxlength');"
        "document.querySelector('#id_body').value = 'x'.repeat(100000);"
    )
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.get_by_text("Ý kiến quá dài: 100000 ký tự", exact=False)).to_be_visible()
    # more than the limit per minute from this address: refused with a clear message
    for n in range(3):
        page.get_by_label("Ý kiến của bạn", exact=True).fill(f"Ý kiến thêm {n}")
        page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.get_by_text("Vui lòng đợi một phút rồi gửi lại.")).to_be_visible()
    assert Comment.objects.count() == 4
    expect(page.get_by_role("heading", name="Ý kiến và trả lời")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "public-consultation-phone.png"), full_page=True)
