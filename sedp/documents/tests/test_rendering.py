"""Background rendering with progress, files kept per plan version (or content fingerprint),
download links on the plan and meeting pages, scope, PDF and XLSX."""

import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sedp.core.models import Event
from sedp.documents.models import RenderedDocument, RenderStatus
from sedp.documents.services import document_render
from sedp.documents.tests.helpers import generate
from sedp.plans.services import plan_submit, plan_update_sections
from sedp.plans.tests.helpers import ready_commune_draft

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def url(obj, kind, fmt="docx", target="plan"):
    return reverse("documents-document-get", args=[target, obj.pk, kind, fmt])


def generated_count():
    return Event.objects.filter(verb="document.generated").count()


def test_same_version_gives_the_same_file_without_rendering_again(tree, commune_plan):
    plan = plan_submit(user=tree.users.xa1, plan=ready_commune_draft(tree.users.xa1, commune_plan))
    first = generate(tree.users.xa1, "plan", plan)
    assert first.plan_version == plan.versions.latest("number")
    assert first.state_key.startswith(f"v{first.plan_version.pk}-")
    again = generate(tree.users.tckh1, "plan", plan)  # the district reviewer asks too
    assert again.pk == first.pk and again.file.name == first.file.name
    assert generated_count() == 1
    assert RenderedDocument.objects.count() == 1


def test_a_draft_is_keyed_by_its_content(tree, commune_plan):
    first = generate(tree.users.xa1, "plan", commune_plan)
    assert first.plan_version is None
    assert generate(tree.users.xa1, "plan", commune_plan).pk == first.pk
    plan_update_sections(
        user=tree.users.xa1, plan=commune_plan, bodies={"p1.3.overview": "Đánh giá mới."}
    )
    changed = generate(tree.users.xa1, "plan", commune_plan)
    assert changed.pk != first.pk
    assert generated_count() == 2


def test_long_renders_run_in_the_background_with_progress(tree, commune_plan, login, settings):
    settings.TASKS = DUMMY_TASKS  # queued, not run: as with a worker that has not started
    client = login(tree.users.xa1)
    response = client.get(url(commune_plan, "plan"))
    document = RenderedDocument.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("documents-document-status", args=[document.pk])
    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'hx-trigger="every 1s"' in html and "progress-bar" in html
    assert document.status == RenderStatus.QUEUED
    document_render(document.pk)  # what the worker does
    fragment = client.get(response.url, headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert "hx-trigger" not in html  # finished: polling stops
    download = reverse("documents-document-download", args=[document.pk])
    assert download in html
    file = client.get(download)
    assert file.status_code == 200
    assert file["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "ke-hoach-commune-plan-2027-xa-mot-a.docx" in file["Content-Disposition"]
    # The same link now serves the file directly.
    direct = client.get(url(commune_plan, "plan"))
    assert direct.status_code == 200 and b"".join(direct.streaming_content)[:2] == b"PK"


def test_a_failed_render_shows_its_error_and_can_be_retried(tree, commune_plan, login, settings):
    settings.TASKS = DUMMY_TASKS
    client = login(tree.users.xa1)
    client.get(url(commune_plan, "plan"))
    document = RenderedDocument.objects.get()
    RenderedDocument.objects.filter(pk=document.pk).update(
        status=RenderStatus.FAILED, error="Hết dung lượng đĩa"
    )
    page = client.get(reverse("documents-document-status", args=[document.pk]))
    assert "Hết dung lượng đĩa" in page.content.decode()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.post(reverse("documents-document-retry", args=[document.pk]))
    document.refresh_from_db()
    assert document.status == RenderStatus.DONE and document.file


def test_plan_and_meeting_pages_offer_the_documents(tree, commune_plan, login):
    client = login(tree.users.xa1)
    html = client.get(reverse("plans-plan-detail", args=[commune_plan.pk])).content.decode()
    for kind, fmt in [
        ("plan", "docx"),
        ("plan", "pdf"),
        ("submission", "docx"),
        ("activities_xlsx", "xlsx"),
    ]:
        assert url(commune_plan, kind, fmt) in html
    assert url(commune_plan.conference, "minutes", target="meeting") in html
    village_page = login(tree.users.thon1).get(
        reverse("plans-plan-detail", args=[commune_plan.village.pk])
    )
    html = village_page.content.decode()
    assert url(commune_plan.village, "feedback") in html
    meeting = commune_plan.village.meetings.get()
    assert url(meeting, "minutes", target="meeting") in html
    assert url(commune_plan.village, "submission") not in html  # villages submit no tờ trình


def test_no_document_of_a_plan_the_user_cannot_see(tree, commune_plan, login):
    document = generate(tree.users.xa1, "plan", commune_plan)
    for user in (tree.users.outsider, tree.users.xa3, tree.users.thon2):
        client = login(user)
        assert client.get(url(commune_plan, "plan")).status_code == 404
        assert (
            client.get(url(commune_plan.conference, "minutes", target="meeting")).status_code == 404
        )
        for name in ("documents-document-status", "documents-document-download"):
            assert client.get(reverse(name, args=[document.pk])).status_code == 404
    # Kinds that do not apply to the plan, and unknown kinds or formats, are 404 too.
    client = login(tree.users.xa1)
    assert client.get(url(commune_plan, "feedback")).status_code == 404
    assert client.get(url(commune_plan, "nothing")).status_code == 404
    assert client.get(url(commune_plan, "plan", "exe")).status_code == 404
    assert client.get(url(commune_plan, "activities_xlsx", "docx")).status_code == 404


def test_without_libreoffice_the_pdf_link_says_what_to_install(tree, commune_plan, login, settings):
    settings.DOCUMENTS_SOFFICE = ""
    response = login(tree.users.xa1).get(url(commune_plan, "plan", "pdf"))
    assert response.status_code == 200
    assert "libreoffice-writer-nogui" in response.content.decode()
    assert not RenderedDocument.objects.exists()


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_pdf_of_the_plan_has_the_motto_title_and_annexes_with_diacritics(tree, commune_plan):
    document = generate(tree.users.xa1, "plan", commune_plan, fmt="pdf")
    assert document.filename.endswith(".pdf")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", document.file.path, "-"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    for phrase in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "KẾ HOẠCH",
        "Phát triển kinh tế - xã hội năm 2027",
        "Phụ lục 01",
        "Phụ lục 02",
        "Phụ lục 03",
        "Phụ lục 04",
        "CÁC CHỈ TIÊU KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2027",
        "Đường bê tông thôn A1 & cầu tràn",
    ):
        assert phrase in text, phrase


def test_activities_export_to_xlsx_with_frozen_headers_number_formats_and_totals(
    tree, commune_plan
):
    document = generate(tree.users.xa1, "activities_xlsx", commune_plan, fmt="xlsx")
    with open(document.file.path, "rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    assert sheet.freeze_panes == "E4"
    assert sheet["D2"].value == "Hoạt động" and sheet["H2"].value == "Tổng kinh phí (đồng)"
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    titles = [r[3] for r in rows[:-1]]
    assert sorted(titles) == sorted(
        ["Đường bê tông thôn A1 & cầu tràn", "Sửa phòng học mầm non", "Mua bàn ghế học sinh"]
    )
    road = next(r for r in rows if r[3] == "Đường bê tông thôn A1 & cầu tràn")
    assert road[7] == 600_000_000 and road[-1] == 50_000_000
    assert sheet.cell(row=4, column=8).number_format == "#,##0"
    assert rows[-1][1] == "TỔNG CỘNG" and rows[-1][7] == "=SUM(H4:H6)"


def test_unit_indicators_export_to_xlsx(tree, indicators):
    from sedp.documents.tests.test_other_documents import level_plan
    from sedp.plans.models import PlanKind

    plan = level_plan(tree.district1, tree.tckh1, PlanKind.DISTRICT_PLAN)
    document = generate(tree.users.tckh1, "unit_indicators_xlsx", plan, fmt="xlsx")
    sheet = load_workbook(document.file.path).active
    assert sheet.freeze_panes == "E3"
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    population = next(r for r in rows if r[1] == "Xã Một A" and r[2] == "dan-so")
    assert [float(v) for v in population[5:9]] == [5000, 5100, 5150, 5200]
    assert {r[1] for r in rows} == {"Xã Một A", "Xã Một B"}


def test_another_app_adds_a_document_kind_through_the_registry(
    tree, commune_plan, login, monkeypatch
):
    from sedp.documents import registry

    monkeypatch.setattr(registry, "_KINDS", dict(registry._KINDS))

    def context(plan, report):
        report(50, "text")
        return {
            "superior": "",
            "issuer": "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
            "number_line": "Số:   /CT-UBND",
            "place_date": "",
            "doc_type": "CHỈ THỊ",
            "summary": f"Về xây dựng kế hoạch năm {plan.plan_year}",
            "intro": [],
            "blocks": [{"style": "body", "text": "Yêu cầu các đơn vị xây dựng kế hoạch."}],
            "signature": {"authority": "CHỦ TỊCH", "title": "", "note": "", "name": ""},
            "recipients": ["Lưu: VT."],
        }

    registry.register(
        registry.DocxKind(
            code="directive",
            label="Chỉ thị",
            target="plan",
            template="submission.docx",
            context=context,
            filename=lambda plan: "chi-thi",
        )
    )
    client = login(tree.users.xa1)
    page = client.get(reverse("plans-plan-detail", args=[commune_plan.pk])).content.decode()
    assert url(commune_plan, "directive") in page
    from sedp.documents.tests.helpers import body_texts, open_docx

    docx = open_docx(generate(tree.users.xa1, "directive", commune_plan))
    assert body_texts(docx)[:2] == ["CHỈ THỊ", "Về xây dựng kế hoạch năm 2027"]


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_the_pdf_is_converted_from_the_kept_word_file_of_the_same_state(
    tree, commune_plan, monkeypatch
):
    from sedp.documents import services

    word = generate(tree.users.xa1, "plan", commune_plan)
    monkeypatch.setattr(services, "_write_docx", lambda *args: pytest.fail("rendered again"))
    pdf = generate(tree.users.xa1, "plan", commune_plan, fmt="pdf")
    assert pdf.state_key == word.state_key and pdf.size > 0
