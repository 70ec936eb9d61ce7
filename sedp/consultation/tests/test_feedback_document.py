"""The written feedback to residents as a Word document (Decree 30 layout): each comment with
its answer and reason, no commenter's name or village; the group downloads it once the
consultation is closed, residents once the report is published."""

import io

import docx
import pytest
from django.urls import reverse
from django.utils import timezone

from sedp.consultation.models import AnswerKind
from sedp.consultation.services import (
    comment_answer,
    comment_moderate,
    comment_post,
    consultation_close,
    consultation_meeting_record,
    report_publish,
)
from sedp.consultation.tests.helpers import ADDRESS, accepted_commune_plan, open_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


@pytest.fixture
def closed(tree):
    consultation = open_consultation(tree, accepted_commune_plan(tree))
    road = comment_post(
        consultation=consultation,
        body="Đề nghị làm thêm đường nội đồng thôn A1",
        address=ADDRESS,
        display_name="Lò Văn Tám",
        village=tree.village1,
        target=f"a:{consultation.activities[0]['id']}",
    )
    light = comment_post(consultation=consultation, body="Lắp đèn đường", address="198.51.100.9")
    spam = comment_post(consultation=consultation, body="Quảng cáo bán hàng", address="192.0.2.1")
    comment_moderate(user=tree.users.xa1, comment=spam, status="hidden", reason="Quảng cáo")
    consultation_meeting_record(
        user=tree.users.xa1,
        consultation=consultation,
        village=tree.village1,
        date=timezone.localdate(),
        place="Nhà văn hóa thôn A1",
        men=20,
        women=15,
        ethnic_minority=30,
    )
    consultation_close(user=tree.users.xa1, consultation=consultation)
    comment_answer(
        user=tree.users.xa1,
        comment=road,
        kind=AnswerKind.ACCEPTED,
        answer="Bổ sung 1 km vào danh mục",
    )
    comment_answer(
        user=tree.users.xa1,
        comment=light,
        kind=AnswerKind.NOT_ACCEPTED,
        answer="Chưa bố trí được vốn năm tới",
    )
    return consultation


def _text(content: bytes) -> tuple[str, list]:
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    return text + "\n" + "\n".join(" | ".join(r) for r in rows), rows


def _download(client, consultation):
    """The registry's link: with the tests' immediate worker the file comes at once."""
    url = reverse(
        "documents-document-get",
        args=["consultation", consultation.pk, "consultation_feedback", "docx"],
    )
    return client.get(url)


def test_the_group_downloads_the_feedback_report_in_the_decree_30_layout(tree, closed, login):
    client = login(tree.users.xa1)
    page = client.get(reverse("consultation-plan-manage", args=[closed.plan_id])).content.decode()
    assert "consultation_feedback.docx" in page
    response = _download(client, closed)
    assert response.status_code == 200
    text, rows = _text(b"".join(response.streaming_content))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "THÔNG BÁO" in text
    assert "ỦY BAN NHÂN DÂN XÃ MỘT A" in text and "Số:        /TB-UBND" in text
    assert "Tổng hợp được 2 ý kiến góp ý; trong đó tiếp thu 1 ý kiến" in text
    assert "1 cuộc họp tham vấn cộng đồng tại thôn, bản với 35 lượt người" in text
    data = [r for r in rows if r[0] in {"1", "2"}]
    assert data == [
        [
            "1",
            "Kênh mương nội đồng thôn A1",
            "Đề nghị làm thêm đường nội đồng thôn A1",
            "Tiếp thu",
            "Bổ sung 1 km vào danh mục",
        ],
        ["2", "Kế hoạch chung", "Lắp đèn đường", "Không tiếp thu", "Chưa bố trí được vốn năm tới"],
    ]
    # No personal data, nothing hidden by moderation.
    assert "Lò Văn Tám" not in text and "Thôn A1" not in text and "Quảng cáo" not in text


def test_residents_download_it_only_once_the_report_is_published(tree, closed, client, login):
    url = reverse("consultation-public-report-document", args=[closed.pk])
    assert client.get(url).status_code == 404
    # Not for another commune's planner either while it is unpublished.
    outsider = login(tree.users.xa3)
    assert _download(outsider, closed).status_code == 404
    client.logout()

    report_publish(user=tree.users.xa1, consultation=closed, note="Cảm ơn bà con đã góp ý.")
    report = client.get(reverse("consultation-public-report", args=[closed.pk])).content.decode()
    assert url in report
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    text, _rows = _text(b"".join(response.streaming_content))
    assert "Cảm ơn bà con đã góp ý." in text and "Lò Văn Tám" not in text
    # The second download reuses the file made for the same answers.
    from sedp.documents.models import RenderedDocument

    client.get(url)
    assert RenderedDocument.objects.filter(kind="consultation_feedback").count() == 1


def test_publishing_renders_the_public_document_so_the_first_download_is_ready(
    tree, closed, client, login, django_capture_on_commit_callbacks, settings
):
    from pathlib import Path

    from sedp.documents.models import RenderedDocument

    # The group's own copy before publication carries no publication date: not reused.
    assert _download(login(tree.users.xa1), closed).status_code == 200
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        report_publish(user=tree.users.xa1, consultation=closed, note="Cảm ơn bà con.")
    made = RenderedDocument.objects.filter(kind="consultation_feedback").order_by("-pk").first()
    assert RenderedDocument.objects.filter(kind="consultation_feedback").count() == 2
    assert made.is_ready and Path(made.file.path).is_file()
    assert made.requested_by == tree.users.xa1

    # A real worker would not run before the resident's download: nothing is queued then.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    response = client.get(reverse("consultation-public-report-document", args=[closed.pk]))
    assert response.status_code == 200
    text, _rows = _text(b"".join(response.streaming_content))
    assert "Cảm ơn bà con." in text
    assert RenderedDocument.objects.filter(kind="consultation_feedback").count() == 2
