"""The kick-off's minutes (biên bản) download from the kick-off page and the step-1 checklist
as a Decree 30 Word file, also when no commune plan exists yet (the usual case)."""

import shutil
import subprocess

import pytest
from django.http import Http404
from django.urls import reverse

from sedp.documents.tests.helpers import all_texts, body_texts, generate, open_docx, table_rows
from sedp.groups.tests.test_kickoff import YEAR, kickoff_data
from sedp.meetings.kickoff import kickoff_record
from sedp.meetings.kickoff_documents import KIND, TARGET, get_kickoff_for_user
from sedp.plans.models import Plan


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


@pytest.fixture
def kickoff(tree):
    assert not Plan.objects.exists()  # recorded before the commune plan exists
    return kickoff_record(
        user=tree.users.xa1,
        commune=tree.commune1,
        report_year=YEAR,
        attendance={tree.group1: 6, tree.school1: 2, tree.vgroup1: 3},
        **kickoff_data(),
    )


def test_the_kickoff_minutes_are_a_decree_30_word_file_without_a_plan(tree, kickoff):
    docx = open_docx(generate(tree.users.xa1, KIND, kickoff, target=TARGET))
    texts = body_texts(docx)
    assert texts[:2] == ["BIÊN BẢN", "Hội nghị triển khai xây dựng kế hoạch năm 2027"]
    for heading in ("I. THỜI GIAN, ĐỊA ĐIỂM", "II. THÀNH PHẦN THAM DỰ", "III. NỘI DUNG",
                    "IV. KẾT LUẬN, QUYẾT ĐỊNH"):  # fmt: skip
        assert heading in texts
    assert any("32 người, trong đó 20 nam, 12 nữ; 25 người dân tộc" in t for t in texts)
    assert "Hướng dẫn điền biểu số liệu cơ bản thôn và biểu đề xuất KH thôn." in texts
    assert "Các thôn và cơ quan gửi biểu về xã trước ngày 01/6/2026." in texts
    # the Decree 30 heading: the superior and the issuer, the number line, the national motto
    heading = all_texts(docx).split("\n")[:4]
    assert heading == ["UBND HUYỆN MỘT", "ỦY BAN NHÂN DÂN XÃ MỘT A", "Số:        /BB",
                       "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]  # fmt: skip
    agencies = [row[1] for row in table_rows(docx.tables[1])[2:]]
    assert agencies == ["Trường TH xã Một A", "Tổ công tác KH xã Một A", "Tổ công tác thôn A1"]


def test_the_pages_offer_the_minutes_and_the_link_downloads_them(tree, kickoff, login):
    client = login(tree.users.xa1)
    url = reverse("documents-document-get", args=[TARGET, kickoff.pk, KIND, "docx"])
    step1 = reverse("groups-step1", args=[tree.commune1.pk]) + f"?year={YEAR}"
    record = reverse("groups-kickoff-record", args=[tree.commune1.pk]) + f"?year={YEAR}"
    for page in (step1, record):
        assert url in client.get(page).content.decode(), page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('bien-ban-hoi-nghi-trien-khai-20260507.docx"')


def test_who_can_read_the_kickoff_minutes(tree, kickoff):
    # the commune's group, the district above it, a village group that attended
    for user in (tree.users.xa1, tree.users.tckh1, tree.users.thon1):
        assert get_kickoff_for_user(user, kickoff.pk) == kickoff
    # another commune's group, a village that did not attend, someone with no agency
    for user in (tree.users.xa3, tree.users.thon2, tree.users.outsider):
        with pytest.raises(Http404):
            get_kickoff_for_user(user, kickoff.pk)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_the_kickoff_minutes_as_pdf(tree, kickoff):
    document = generate(tree.users.xa1, KIND, kickoff, fmt="pdf", target=TARGET)
    assert document.filename == "bien-ban-hoi-nghi-trien-khai-20260507.pdf"
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", document.file.path, "-"], capture_output=True, check=True
    ).stdout.decode()
    for phrase in (
        "BIÊN BẢN",
        "Hội nghị triển khai xây dựng kế hoạch năm 2027",
        "Tổ công tác thôn A1",
    ):
        assert phrase in text, phrase
