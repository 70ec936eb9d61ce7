"""Real Chromium on a phone: a commune planner asks for the plan as Word, sees the progress
page while the worker has not run, the page updates by itself (htmx polling, no reload) once
the file is made, and the download is the plan document."""

import re

import pytest

from tests.test_browser import ARTIFACTS, _log_in, browser, pytestmark  # noqa: F401

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.mark.browser
def test_the_plan_document_renders_in_the_background_with_progress(
    transactional_db,
    tree,
    commune_plan,
    live_server,
    browser,  # noqa: F811
    settings,
    tmp_path,
):
    from docx import Document
    from playwright.sync_api import expect

    from conftest import PASSWORD
    from sedp.documents.models import RenderedDocument, RenderStatus
    from sedp.documents.services import document_render

    settings.TASKS = DUMMY_TASKS  # queued and left there: a worker that has not started yet
    page = browser.new_page(locale="vi-VN", viewport={"width": 390, "height": 844})
    _log_in(page, live_server, "xa1", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/plans/{commune_plan.pk}/")
    documents = page.locator(".sedp-documents li", has_text="Kế hoạch kèm các phụ lục")
    documents.get_by_role("link", name="Word (.docx)").click()

    page.wait_for_url(re.compile(r"/documents/file/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kế hoạch kèm các phụ lục")
    expect(page.get_by_role("progressbar")).to_be_visible()
    expect(page.get_by_text("Đang chờ…")).to_be_visible()
    expect(page.get_by_text("trang này tự cập nhật")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "document-progress-phone.png"), full_page=True)
    page.evaluate("window.sedpMarker = 'still-here'")

    document = RenderedDocument.objects.get()
    assert document.status == RenderStatus.QUEUED
    document_render(document.pk)  # what the worker does

    expect(page.get_by_text("Tệp đã sẵn sàng.")).to_be_visible(timeout=10_000)
    assert page.evaluate("window.sedpMarker") == "still-here"  # swapped by htmx, not reloaded
    expect(page.get_by_role("progressbar")).to_have_count(0)
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^Tải về ke-hoach-commune-plan-2027")).click()
    download = download_info.value
    assert download.suggested_filename == "ke-hoach-commune-plan-2027-xa-mot-a.docx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    page.close()  # an open page keeps a server thread, and its database connection, alive
    texts = [p.text for p in Document(saved).paragraphs if p.text.strip()]
    assert texts[:2] == ["KẾ HOẠCH", "Phát triển kinh tế - xã hội năm 2027"]
