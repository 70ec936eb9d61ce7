"""On a phone (390 px) in real headless Chromium, the commune chairman opens the step-1
checklist, records the kick-off meeting with its participants by agency, meets the message
of a wrong count, corrects it and sees the checklist ticked."""

from sedp.cycles.tests import conftest as cycles_fixtures
from sedp.groups.tests import conftest as groups_fixtures
from tests import test_browser as base

pytestmark = base.pytestmark  # the browser mark, and skipped where Chromium is missing
browser = base.browser
# the commune's People's Committee with its chairman, and the cycle of report year 2026
commune_ubnd = groups_fixtures.commune_ubnd
templates, seed_template = cycles_fixtures.templates, cycles_fixtures.seed_template
cycle = cycles_fixtures.cycle
_log_in = base._log_in


def test_the_commune_chairman_records_the_kickoff_on_a_phone(
    transactional_db, tree, commune_ubnd, cycle, live_server, browser
):
    from playwright.sync_api import expect

    from conftest import PASSWORD
    from sedp.cycles.models import Task, TaskStatus
    from sedp.meetings.models import Meeting, MeetingKind

    page = browser.new_page(locale="vi-VN", viewport={"width": 390, "height": 844})
    _log_in(page, live_server, "ubndxa1", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/groups/?year=2026")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xã Một A")
    page.get_by_role("link", name="Ghi nhận hội nghị triển khai").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hội nghị triển khai")
    page.fill("input[name=date]", "2026-05-07")
    page.fill("input[name=place]", "Hội trường UBND xã")
    page.fill("input[name=men]", "18")
    page.fill("input[name=women]", "12")
    page.fill("input[name=ethnic_minority]", "20")
    page.fill("textarea[name=agenda]", "Hướng dẫn điền biểu đề xuất KH thôn")
    page.fill("textarea[name=decisions_text]", "Các thôn gửi biểu trước 01/6")
    page.get_by_label("Trường TH xã Một A").fill("40")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("nhiều hơn 30 người tham dự")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_label("Trường TH xã Một A").fill("2")
    page.get_by_label("Tổ công tác thôn A1").fill("3")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã ghi biên bản hội nghị triển khai lập kế hoạch.")).to_be_visible()
    expect(page.locator("[data-check=kickoff]")).to_contain_text("07/05/2026")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    meeting = Meeting.objects.get(kind=MeetingKind.KICKOFF)
    assert meeting.attendance.count() == 2 and meeting.total_attending == 30
    task = Task.objects.get(agency=commune_ubnd, activity__code="X1.3")
    assert task.status == TaskStatus.DONE
