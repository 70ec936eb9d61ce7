"""A recorded document as a Decree 30 Word file (and PDF): heading with the issuing and the
superior body, "Số: …" with the type's symbol, place and date, title (or a letter's "V/v"
line and "Kính gửi"), the recorded text, signature and "Nơi nhận" from the recipients."""

import datetime
import shutil
import subprocess

import pytest
from django.urls import reverse
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from sedp.directives.documents import type_code
from sedp.directives.tests.test_documents import issue
from sedp.documents.tests.helpers import body_texts, generate, open_docx

FONT = "Times New Roman"
BODY = (
    "Để chuẩn bị xây dựng kế hoạch năm 2027, UBND tỉnh chỉ thị:\n"
    "1. Các Sở, ban, ngành\n"
    "a) Đánh giá tình hình thực hiện kế hoạch năm 2026;\n"
    "b) Đề xuất mục tiêu, chỉ tiêu năm 2027.\n"
    "\n"
    "2. UBND các huyện\n"
    "Chỉ đạo các xã lập kế hoạch có sự tham gia của người dân."
)


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


@pytest.fixture
def directive(tree):
    """The provincial People's Committee's directive, recorded by the Department (as the
    demo does, with the committee as issuer)."""
    return issue(
        tree,
        None,
        tree.ubnd_province,
        "tinh.directive",
        number="12/CT-UBND",
        issued_on=datetime.date(2026, 6, 10),
        title="Chỉ thị về xây dựng kế hoạch phát triển kinh tế - xã hội năm 2027",
        body=BODY,
    )


def mm(length) -> float:
    return round(length.mm, 1)


def heading_lines(docx):
    left, right = docx.tables[0].rows[0].cells
    return (
        [p.text for p in left.paragraphs if p.text.strip()],
        [p.text for p in right.paragraphs if p.text.strip()],
    )


def signature(docx):
    left, right = docx.tables[-1].rows[0].cells
    return (
        [p.text for p in left.paragraphs if p.text.strip()],
        [p.text for p in right.paragraphs if p.text.strip()],
    )


def test_the_provincial_directive_in_the_decree_format(tree, directive):
    docx = open_docx(generate(tree.users.skhdt, "official_document", directive, target="directive"))
    page = docx.sections[0]
    assert len(docx.sections) == 1 and page.orientation == WD_ORIENT.PORTRAIT
    assert (mm(page.page_width), mm(page.page_height)) == (210.0, 297.0)
    assert (mm(page.top_margin), mm(page.bottom_margin)) == (20.0, 20.0)
    assert (mm(page.left_margin), mm(page.right_margin)) == (30.0, 15.0)
    assert page.different_first_page_header_footer
    assert [i.text.strip() for i in page.header._element.iter(qn("w:instrText"))] == ["PAGE"]
    for fonts in docx.element.iter(qn("w:rFonts")):
        assert fonts.get(qn("w:eastAsia")) in (None, FONT)
    normal = docx.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == FONT and normal.get(qn("w:ascii")) == FONT

    left, right = heading_lines(docx)
    assert left == ["ỦY BAN NHÂN DÂN TỈNH THỬ", "Số: 12/CT-UBND"]  # a province has no superior
    assert right == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Thử, ngày 10 tháng 6 năm 2026",
    ]
    texts = body_texts(docx)
    assert texts[:2] == [
        "CHỈ THỊ",
        "Về xây dựng kế hoạch phát triển kinh tế - xã hội năm 2027",
    ]
    title = next(p for p in docx.paragraphs if p.text == "CHỈ THỊ")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and title.runs[0].bold
    styles = {p.text: p.style.name for p in docx.paragraphs if p.text.strip()}
    assert texts[2:9] == [line for line in BODY.splitlines() if line]
    assert styles["1. Các Sở, ban, ngành"] == "SEDP Clause"
    assert styles["a) Đánh giá tình hình thực hiện kế hoạch năm 2026;"] == "SEDP Point"
    assert styles[texts[2]] == "SEDP Body"

    places, signer = signature(docx)
    assert signer[:2] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert places[0] == "Nơi nhận:" and places[-1] == "- Lưu: VT."
    assert "- Sở Kế hoạch và Đầu tư;" in places
    assert "- Phòng Tài chính - Kế hoạch cấp huyện (2);" in places  # grouped, counted
    assert len(places) < directive.recipients.count()


def test_a_department_guidance_under_the_provincial_committee(tree):
    document = issue(
        tree,
        tree.users.skhdt,
        tree.skhdt,
        "tinh.supplementary_guidance",
        number="25/HD-SKHĐT",
        title="Hướng dẫn bổ sung lập kế hoạch năm 2027",
    )
    docx = open_docx(generate(tree.users.skhdt, "official_document", document, target="directive"))
    left, _right = heading_lines(docx)
    assert left == ["UBND TỈNH THỬ", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Số: 25/HD-SKHĐT"]
    assert body_texts(docx)[:2] == ["HƯỚNG DẪN", "Bổ sung lập kế hoạch năm 2027"]
    _places, signer = signature(docx)
    assert signer == ["GIÁM ĐỐC"]


def test_a_district_letter_has_its_subject_under_the_number_and_kinh_gui(tree):
    document = issue(
        tree,
        tree.users.tckh1,
        tree.tckh1,
        "huyen.letter2",
        number="52/TCKH",
        title="V/v triển khai lập KHPT KTXH năm 2027 (Văn bản 2)",
        body="Phòng TCKH thông báo kết luận Hội nghị lần 1.",
    )
    assert type_code(document) == "CV"
    docx = open_docx(generate(tree.users.tckh1, "official_document", document, target="directive"))
    left, _right = heading_lines(docx)
    assert left == [
        "UBND HUYỆN MỘT",
        "PHÒNG TCKH",
        "Số: 52/TCKH",
        "V/v triển khai lập KHPT KTXH năm 2027 (Văn bản 2)",
    ]
    texts = body_texts(docx)
    assert texts[0] == "Kính gửi:"  # no type title on a letter
    assert (
        texts[1].startswith("- ") and texts[-1] == "Phòng TCKH thông báo kết luận Hội nghị lần 1."
    )
    places, signer = signature(docx)
    assert places == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    assert signer == ["TRƯỞNG PHÒNG"]


def test_the_commune_directive_under_the_district_committee(tree, commune_ubnd):
    document = issue(
        tree,
        tree.users.ubndxa1,
        commune_ubnd,
        "xa.launch_letter",
        number="07/CT-UBND",
        title="Về triển khai lập kế hoạch phát triển kinh tế - xã hội năm 2027",
    )
    docx = open_docx(
        generate(tree.users.ubndxa1, "official_document", document, target="directive")
    )
    left, right = heading_lines(docx)
    assert left == ["UBND HUYỆN MỘT", "ỦY BAN NHÂN DÂN XÃ MỘT A", "Số: 07/CT-UBND"]
    assert right[-1] == "Một A, ngày 02 tháng 5 năm 2026"
    assert body_texts(docx)[:2] == [
        "CHỈ THỊ",
        "Về triển khai lập kế hoạch phát triển kinh tế - xã hội năm 2027",
    ]
    places, _signer = signature(docx)
    assert "- Tổ công tác KH xã Một A;" in places


def test_the_type_comes_from_the_number_else_the_title_else_the_kind(tree):
    from sedp.directives.documents import number_line
    from sedp.directives.models import Document

    def doc(number, title, kind="tinh.directive", issuer=tree.skhdt):
        return Document(kind=kind, number=number, title=title, issuer=issuer)

    assert type_code(doc("3/KH-UBND", "V/v kế hoạch")) == "KH"  # the number wins
    assert type_code(doc("1520/UBND-TH", "Chỉ thị về lập kế hoạch")) == "CV"  # a letter's number
    assert type_code(doc("8", "V/v lập kế hoạch")) == "CV"
    assert type_code(doc("8", "Hướng dẫn lập kế hoạch")) == "HD"
    assert type_code(doc("8", "Về lập kế hoạch", kind="huyen.letter2")) == "KH"
    # A number recorded without its symbol gets the type's and the issuer's.
    assert number_line(doc("8", ""), "HD") == "Số: 8/HD-SKHĐT"
    assert number_line(doc("8", "", issuer=tree.tckh1), "CV") == "Số: 8/TCKH"
    assert number_line(doc("8", "", issuer=tree.snn), "KH") == "Số: 8/KH-SNN"


def test_the_document_page_offers_word_and_pdf_within_scope_only(tree, directive, login):
    links = [
        reverse("documents-document-get", args=["directive", directive.pk, "official_document", f])
        for f in ("docx", "pdf")
    ]
    page = login(tree.users.tckh1).get(reverse("directives-document-detail", args=[directive.pk]))
    assert all(link.encode() in page.content for link in links)
    response = login(tree.users.tckh1).get(links[0])
    assert response.status_code == 200  # rendered at once (immediate tasks) and served
    assert b"".join(response.streaming_content)[:2] == b"PK"
    assert "chi-thi-12-ct-ubnd-20260610.docx" in response["Content-Disposition"]
    assert login(tree.users.outsider).get(links[0]).status_code == 404


def test_the_same_document_gives_the_same_file(tree, directive):
    first = generate(tree.users.skhdt, "official_document", directive, target="directive")
    again = generate(tree.users.tckh1, "official_document", directive, target="directive")
    assert again.pk == first.pk and first.plan_version is None


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_the_directive_as_pdf_keeps_its_diacritics(tree, directive):
    document = generate(
        tree.users.skhdt, "official_document", directive, fmt="pdf", target="directive"
    )
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", document.file.path, "-"], capture_output=True, check=True
    ).stdout.decode()
    for phrase in (
        "ỦY BAN NHÂN DÂN TỈNH",  # the name wraps in its column
        "Số: 12/CT-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CHỈ THỊ",
        "Về xây dựng kế hoạch phát triển kinh tế - xã hội năm 2027",
        "a) Đánh giá tình hình thực hiện kế hoạch năm 2026;",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
    ):
        assert phrase in text, phrase


def test_the_date_line_pads_days_below_10_and_january_and_february(tree):
    from sedp.documents.wording import place_date

    assert place_date(tree.district1, datetime.date(2026, 2, 5)) == "Một, ngày 05 tháng 02 năm 2026"
    assert place_date(tree.district1, datetime.date(2026, 11, 20)) == (
        "Một, ngày 20 tháng 11 năm 2026"
    )
