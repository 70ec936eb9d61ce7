"""The commune plan as a Word file: Decree 30/2020 format, every section of the seed's commune
outline present and filled, and the annex tables filled from the data."""

import re

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from sedp.activities.selectors import Outcome
from sedp.documents import outlines
from sedp.documents.tests.conftest import section_text
from sedp.documents.tests.helpers import all_texts, body_texts, generate, open_docx, table_rows
from sedp.plans.models import PlanKind
from sedp.plans.outlines import OUTLINES

FONT = "Times New Roman"


@pytest.fixture
def docx(tree, commune_plan):
    return open_docx(generate(tree.users.xa1, "plan", commune_plan))


def mm(length) -> float:
    return round(length.mm, 1)


def test_every_section_of_every_level_outline_has_its_place_in_the_printed_outline():
    for kind, outline in OUTLINES.items():
        printed = outlines.leaf_codes(outlines.DOCUMENT_OUTLINES[kind])
        assert printed == [code for code, _title in outline], kind


def test_page_is_a4_with_the_decree_margins_and_annexes_on_landscape_pages(docx):
    first = docx.sections[0]
    assert (mm(first.page_width), mm(first.page_height)) == (210.0, 297.0)
    assert first.orientation == WD_ORIENT.PORTRAIT
    for section in docx.sections:
        assert 20 <= mm(section.top_margin) <= 25
        assert 20 <= mm(section.bottom_margin) <= 25
        assert 30 <= mm(section.left_margin) <= 35
        assert 15 <= mm(section.right_margin) <= 20
    landscape = [s for s in docx.sections if s.orientation == WD_ORIENT.LANDSCAPE]
    assert len(landscape) == 3  # indicators, activities, proposals (the balance is narrow)
    assert all((mm(s.page_width), mm(s.page_height)) == (297.0, 210.0) for s in landscape)


def test_times_new_roman_everywhere_including_east_asian_text(docx):
    normal = docx.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    defaults = docx.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    for fonts in (normal, defaults.find(qn("w:rPr")).find(qn("w:rFonts"))):
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            assert fonts.get(qn(attr)) == FONT
        assert fonts.get(qn("w:asciiTheme")) is None
        assert fonts.get(qn("w:eastAsiaTheme")) is None
    # No paragraph style or run of the document picks another font.
    for fonts in docx.element.iter(qn("w:rFonts")):
        assert fonts.get(qn("w:eastAsia")) in (None, FONT)
        assert fonts.get(qn("w:ascii")) in (None, FONT)
    used = {p.style.name for p in docx.paragraphs}
    for name in used:
        style = docx.styles[name]
        while style is not None:
            fonts = (
                style.element.rPr.find(qn("w:rFonts")) if style.element.rPr is not None else None
            )
            if fonts is not None:
                assert fonts.get(qn("w:eastAsia")) == FONT, name
            style = style.base_style


def test_two_column_heading_with_issuer_number_motto_and_italic_date(docx):
    heading = docx.tables[0]
    left, right = heading.rows[0].cells
    left_lines = [p for p in left.paragraphs if p.text.strip()]
    assert [p.text for p in left_lines] == [
        "UBND HUYỆN MỘT",
        "ỦY BAN NHÂN DÂN XÃ MỘT A",
        "Số:        /KH-UBND",
    ]
    assert left_lines[1].runs[0].bold and not left_lines[0].runs[0].bold
    right_lines = [p for p in right.paragraphs if p.text.strip()]
    assert [p.text for p in right_lines[:2]] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert all(p.runs[0].bold for p in right_lines[:2])
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in left_lines + right_lines)
    date_line = right_lines[2]
    assert date_line.text.startswith("Một A, ngày") and date_line.text.endswith("năm 2026")
    assert date_line.runs[0].italic
    # The short rules under the issuing body and under the motto are bottom borders.
    for cell in (left, right):
        ruled = [p for p in cell.paragraphs if p._p.find(f".//{qn('w:pBdr')}") is not None]
        assert len(ruled) == 1


def test_title_centred_and_bold_after_the_heading(docx):
    texts = [p for p in docx.paragraphs if p.text.strip()]
    assert [p.text for p in texts[:2]] == [
        "KẾ HOẠCH",
        "Phát triển kinh tế - xã hội năm 2027",
    ]
    for paragraph in texts[:2]:
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert paragraph.runs[0].bold


def test_page_numbers_centred_at_the_top_from_page_two(docx):
    first = docx.sections[0]
    assert first.different_first_page_header_footer
    assert not "".join(p.text for p in first.first_page_header.paragraphs).strip()
    header = first.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    instructions = [i.text.strip() for i in header._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    for section in docx.sections[1:]:  # annex pages are numbered on their first page too
        assert not section.different_first_page_header_footer
        assert "PAGE" in section.header._element.xml


def test_parts_roman_sections_numbered_clauses_and_points(docx):
    texts = body_texts(docx)
    parts = [t for t in texts if t.startswith("PHẦN ")]
    assert parts == [
        "PHẦN I: ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2026",
        "PHẦN II: MỤC TIÊU, NHIỆM VỤ, GIẢI PHÁP THỰC HIỆN KHPT KTXH NĂM 2027",
    ]
    assert "IV. Cân đối nguồn lực thực hiện KHPT KTXH xã" in texts
    assert "2.4. Tài chính ngân sách" in texts
    assert "3.2. Kiến nghị với cấp huyện và tỉnh" in texts
    points = [t for t in texts if re.match(r"^[a-e]\) ", t)]
    assert "a) Tổng nhu cầu vốn: 1.290.000.000 đồng" in points
    assert any(t.startswith("b) Các nguồn có khả năng huy động") for t in points)
    styles = {p.text: p.style.name for p in docx.paragraphs if p.text.strip()}
    assert styles[parts[0]] == "SEDP Part"
    assert styles["IV. Cân đối nguồn lực thực hiện KHPT KTXH xã"] == "SEDP Section"
    assert styles["2.4. Tài chính ngân sách"] == "SEDP Subclause"


def test_every_section_of_the_commune_outline_is_present_and_filled_in_order(docx, commune_plan):
    texts = body_texts(docx)
    position = 0
    styles = []
    for style, title, code in outlines.walk(outlines.COMMUNE):
        title = title.replace("{X1}", "2027").replace("{X}", "2026")
        position = texts.index(title, position)  # present, and after the previous one
        if code:
            assert texts[position + 1] == section_text(code), title
        styles.append(style)
    assert set(styles) == {"part", "section", "clause", "subclause"}


def test_signature_block_and_recipients(docx):
    signature = docx.tables[1]
    left, right = signature.rows[0].cells
    assert left.paragraphs[0].text == "Nơi nhận:"
    assert "- Lưu: VT." in [p.text for p in left.paragraphs]
    assert [p.text for p in right.paragraphs if p.text.strip()][:2] == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ]


def test_annexes_have_their_headings_reference_line_and_tables(docx):
    texts = body_texts(docx)
    for number in ("01", "02", "03", "04"):
        at = texts.index(f"Phụ lục {number}")
        assert texts[at + 2].startswith("(Kèm theo Kế hoạch số")
        assert texts[at + 2].endswith("của UBND xã Một A)")
    indicators, activities, balance, proposals = (table_rows(t) for t in docx.tables[2:6])
    assert indicators[0][3:] == [
        "TH 2025",
        "KH 2026",
        "ƯTH 2026",
        "KH 2027",
        "ƯTH/KH 2026 (%)",
        "KH 2027/ƯTH 2026 (%)",
    ]
    population = next(r for r in indicators if r[1] == "Dân số trung bình")
    assert population[2:] == ["người", "5.000", "5.100", "5.150", "5.200", "101,0", "101,0"]
    income = next(r for r in indicators if r[1] == "Thu nhập bình quân đầu người")
    assert income[3:7] == ["30,0", "32,0", "31,0", "35,0"]  # KH X+1: assigned before proposed
    titles = [r[1] for r in activities]
    assert "KINH TẾ" in titles and "VĂN HÓA - XÃ HỘI" in titles
    assert "Đường bê tông thôn A1 & cầu tràn" in titles  # escaped, not broken XML
    assert "Chợ phiên" not in titles  # removed lines are no longer part of the plan
    assert activities[-1][1] == "TỔNG CỘNG" and activities[-1][4] == "1.290.000.000"
    assert ["1", "Tổng nhu cầu vốn thực hiện kế hoạch", "1.290.000.000", "100"] in balance
    removed = next(r for r in proposals if r[1] == "Chợ phiên")
    assert removed[2] == "Tổ công tác thôn A1"
    assert removed[4] == str(Outcome.REMOVED)
    assert removed[5] == "Đã có chợ ở trung tâm xã"
    assert any(r[1] == "Mua bàn ghế học sinh" for r in proposals)


def test_plan_kinds_without_a_document_outline_are_none():
    assert set(outlines.DOCUMENT_OUTLINES) == set(PlanKind.values)


def test_text_of_the_whole_document_has_full_vietnamese_diacritics(docx):
    text = all_texts(docx)
    for phrase in ("Độc lập - Tự do - Hạnh phúc", "Phụ lục 01", "Nơi nhận:", "ƯTH 2026"):
        assert phrase in text
