"""Build the .docx templates of sedp/documents (run once; the files are committed).

    .venv/bin/python tools/build_document_templates.py

The templates hold the layout of Decree 30/2020/NĐ-CP, Appendix I (A4, margins, Times New
Roman, the two-column heading with the national motto, the title, the signature block and
"Nơi nhận", annexes on landscape pages) and docxtpl (Jinja) tags where the data goes. An
official may open a template in Word and change fonts, spacing, styles or fixed wording; the
code only fills the tags. Re-running this script overwrites such edits, so once a template is
edited by hand, edit it by hand from then on.

Body text comes as `blocks` (style + text) and each block style is a paragraph style of the
template ("SEDP Part", "SEDP Section", …), so the look of parts, sections, clauses and points
is changed in Word's style gallery, not here.
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

OUT = Path(__file__).resolve().parent.parent / "sedp" / "documents" / "docx_templates"
FONT = "Times New Roman"
C, L, R, J = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)
# Decree 30/2020, Appendix I: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
MARGINS = {"top": 20, "bottom": 20, "left": 30, "right": 15}


def set_fonts(rpr_parent) -> None:
    """Times New Roman for every script, East-Asian included, so diacritics never fall back."""
    rpr = rpr_parent.get_or_add_rPr() if hasattr(rpr_parent, "get_or_add_rPr") else rpr_parent
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    # Theme fonts win over named ones in Word: drop them (the default template has Calibri).
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def setup_styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    set_fonts(normal.element)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    # The document defaults too: text outside any style still gets Times New Roman.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr)
    language = rpr.find(qn("w:lang"))
    if language is not None:  # Vietnamese spelling and hyphenation in Word
        language.set(qn("w:val"), "vi-VN")
    body_styles = [
        # name, size, bold, italic, alignment, first-line indent (mm), space before (pt)
        ("SEDP Part", 14, True, False, C, 0, 12),
        ("SEDP Section", 14, True, False, J, 10, 6),
        ("SEDP Clause", 14, True, False, J, 10, 6),
        ("SEDP Subclause", 14, False, True, J, 10, 6),
        ("SEDP Point", 14, False, False, J, 10, 3),
        ("SEDP Body", 14, False, False, J, 10, 3),
        ("SEDP Note", 12, False, True, J, 10, 3),
        ("SEDP Table", 11, False, False, L, 0, 0),
        ("SEDP Table Heading", 11, True, False, C, 0, 0),
    ]
    for name, size, bold, italic, align, indent, before in body_styles:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = italic
        set_fonts(style.element)
        fmt = style.paragraph_format
        fmt.alignment = align
        fmt.first_line_indent = Mm(indent) if indent else None
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.15 if size >= 13 else 1.0


def page_setup(section, landscape=False) -> None:
    short, long = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.top_margin = Mm(MARGINS["top"])
    section.bottom_margin = Mm(MARGINS["bottom"])
    section.left_margin = Mm(MARGINS["left"])
    section.right_margin = Mm(MARGINS["right"])
    section.header_distance = Mm(10)


def add_page_number_header(section, first_page=True) -> None:
    """Page numbers centred at the top, from page 2 on (the first page has an empty header).
    Annex sections get their own numbered header (no "different first page")."""
    if first_page:
        section.different_first_page_header_footer = True
    else:
        section.header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = C
    run = paragraph.add_run()
    run.font.size = Pt(13)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2")):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text.strip() == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            shown = OxmlElement("w:t")
            shown.text = text
            run._r.append(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def para(container, text="", *, style=None, align=None, bold=None, italic=None, size=None):
    paragraph = container.add_paragraph(style=style)
    if align is not None:
        paragraph.alignment = align
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        run.italic = italic
        if size:
            run.font.size = Pt(size)
    return paragraph


def rule(container, indent_mm: float) -> None:
    """A short horizontal rule: an empty, tiny paragraph with a bottom border, indented on
    both sides so that the line is as long as the Decree wants (about a third of the text)."""
    paragraph = container.add_paragraph()
    paragraph.paragraph_format.left_indent = Mm(indent_mm)
    paragraph.paragraph_format.right_indent = Mm(indent_mm)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)
    run = paragraph.add_run()
    run.font.size = Pt(2)


def no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def widths(table, mm_widths) -> None:
    """Column widths in the grid (what LibreOffice reads) and in every cell (what Word reads)."""
    table.autofit = False
    for column, width in zip(table.columns, mm_widths, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, mm_widths, strict=True):
            cell.width = Mm(width)


def first_cell_paragraph(cell, text="", **kwargs):
    paragraph = cell.paragraphs[0]
    if kwargs.get("align") is not None:
        paragraph.alignment = kwargs["align"]
    if text:
        run = paragraph.add_run(text)
        run.bold = kwargs.get("bold")
        run.italic = kwargs.get("italic")
        if kwargs.get("size"):
            run.font.size = Pt(kwargs["size"])
    return paragraph


def heading_block(doc, subject=False) -> None:
    """The two-column heading: superior and issuing body, number | motto, place and date.
    With `subject`, a letter's "V/v …" line goes under its number (Decree 30, công văn)."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    widths(table, [64, 106])
    left, right = table.rows[0].cells
    first_cell_paragraph(left, "{{ superior }}", align=C, size=12)
    para(left, "{{ issuer }}", align=C, bold=True, size=12)
    rule(left, 20)
    para(left, "{{ number_line }}", align=C, size=13)
    if subject:
        para(left, "{%p if subject_line %}")
        para(left, "{{ subject_line }}", align=C, size=12)
        para(left, "{%p endif %}")
    first_cell_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align=C, bold=True, size=12)
    para(right, "Độc lập - Tự do - Hạnh phúc", align=C, bold=True, size=14)
    rule(right, 20)
    para(right, "{{ place_date }}", align=C, italic=True, size=14)
    para(doc, "")


def title_block(doc) -> None:
    para(doc, "{{ doc_type }}", align=C, bold=True, size=14)
    para(doc, "{{ summary }}", align=C, bold=True, size=14)
    rule(doc, 62)
    para(doc, "{%p for line in intro %}")
    para(doc, "{{ line }}", style="SEDP Body")
    para(doc, "{%p endfor %}")


def body_blocks(doc, variable="blocks") -> None:
    """The body as blocks; each block style is a paragraph style of the template."""
    para(doc, f"{{%p for b in {variable} %}}")
    styles = [
        ("part", "SEDP Part"),
        ("section", "SEDP Section"),
        ("clause", "SEDP Clause"),
        ("subclause", "SEDP Subclause"),
        ("point", "SEDP Point"),
        ("note", "SEDP Note"),
    ]
    for index, (code, style) in enumerate(styles):
        keyword = "if" if index == 0 else "elif"
        para(doc, f'{{%p {keyword} b.style == "{code}" %}}')
        para(doc, "{{ b.text }}", style=style)
    para(doc, "{%p else %}")
    para(doc, "{{ b.text }}", style="SEDP Body")
    para(doc, "{%p endif %}")
    para(doc, "{%p endfor %}")


def signature_block(doc, left_title="Nơi nhận:") -> None:
    para(doc, "")
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    widths(table, [75, 90])
    left, right = table.rows[0].cells
    first_cell_paragraph(left, left_title, bold=True, italic=True, size=12)
    para(left, "{%p for r in recipients %}")
    para(left, "- {{ r }}", size=11)
    para(left, "{%p endfor %}")
    first_cell_paragraph(right, "{{ signature.authority }}", align=C, bold=True, size=14)
    para(right, "{{ signature.title }}", align=C, bold=True, size=14)
    para(right, "{{ signature.note }}", align=C, italic=True, size=12)
    for _ in range(3):
        para(right, "")
    para(right, "{{ signature.name }}", align=C, bold=True, size=14)


def two_signatures(doc) -> None:
    """Minutes are signed by the secretary and the chair."""
    para(doc, "")
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    widths(table, [82, 83])
    left, right = table.rows[0].cells
    first_cell_paragraph(left, "THƯ KÝ", align=C, bold=True, size=14)
    para(left, "(Ký, ghi rõ họ tên)", align=C, italic=True, size=12)
    first_cell_paragraph(right, "CHỦ TRÌ", align=C, bold=True, size=14)
    para(right, "(Ký, ghi rõ họ tên)", align=C, italic=True, size=12)
    for cell, name in ((left, "{{ secretary }}"), (right, "{{ chair }}")):
        for _ in range(3):
            para(cell, "")
        para(cell, name, align=C, bold=True, size=14)


def narrow_cell_margins(table, mm=1.0) -> None:
    """1 mm inside each cell instead of Word's 1.9 mm: wide annex tables need the room."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(int(mm * 56.7)))  # twentieths of a point
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def shade(cell, fill="D9D9D9") -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)


def repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def loop_table(doc, rows_var, columns, *, size=10, group_rows=False):
    """A table whose body rows come from a docxtpl `{%tr for %}` loop: rendering is one pass
    over the XML, linear in the rows (python-docx's cell(i, j) in a loop is quadratic).

    `columns` = [(heading, expression, width in mm, align)]. With `group_rows`, rows whose
    `heading` is true print bold and shaded (sector group subtotals, unit names).
    """
    count = len(columns)
    n_rows = 9 if group_rows else 5
    table = doc.add_table(rows=n_rows, cols=count)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    narrow_cell_margins(table)
    widths(table, [c[2] for c in columns])
    header = table.rows[0]
    repeat_header(header)
    for cell, (heading, _expr, _width, _align) in zip(header.cells, columns, strict=True):
        first_cell_paragraph(cell, heading, align=C, bold=True, size=size)
        shade(cell)
    number_row = table.rows[1]  # the column numbers (1), (2)… officials cite
    repeat_header(number_row)
    for index, cell in enumerate(number_row.cells, start=1):
        first_cell_paragraph(cell, f"({index})", align=C, italic=True, size=size - 1)

    def tag_row(row, tag):
        first_cell_paragraph(row.cells[0], tag, size=size)

    def data_row(row, bold):
        for cell, (_heading, expr, _width, align) in zip(row.cells, columns, strict=True):
            first_cell_paragraph(cell, f"{{{{ {expr} }}}}", align=align, bold=bold, size=size)
            if bold:
                shade(cell, "F2F2F2")

    rows = table.rows
    tag_row(rows[2], f"{{%tr for r in {rows_var} %}}")
    if group_rows:
        tag_row(rows[3], "{%tr if r.heading %}")
        data_row(rows[4], True)
        tag_row(rows[5], "{%tr else %}")
        data_row(rows[6], False)
        tag_row(rows[7], "{%tr endif %}")
        tag_row(rows[8], "{%tr endfor %}")
    else:
        data_row(rows[3], False)
        tag_row(rows[4], "{%tr endfor %}")
    return table


def annex(doc, number, title_var, columns, rows_var, *, landscape=True, group_rows=True, size=9):
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    page_setup(section, landscape=landscape)
    section.different_first_page_header_footer = False
    add_page_number_header(section, first_page=False)
    para(doc, f"Phụ lục {number}", align=C, bold=True, size=14)
    para(doc, f"{{{{ {title_var} }}}}", align=C, bold=True, size=13)
    para(doc, "{{ annex_reference }}", align=C, italic=True, size=13)
    para(doc, "")
    loop_table(doc, rows_var, columns, size=size, group_rows=group_rows)
    para(doc, "{%p for line in " + rows_var + "_notes %}")
    para(doc, "{{ line }}", style="SEDP Note")
    para(doc, "{%p endfor %}")


def new_document():
    doc = Document()
    setup_styles(doc)
    section = doc.sections[0]
    page_setup(section)
    add_page_number_header(section)
    # python-docx starts with one empty paragraph; reuse nothing, remove it.
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    return doc


RIGHT = R
INDICATOR_COLUMNS = [
    ("STT", "r.no", 10, C),
    ("Chỉ tiêu", "r.name", 78, L),
    ("Đơn vị tính", "r.unit", 20, C),
    ("{{ h.th_prev }}", "r.th_prev", 24, RIGHT),
    ("{{ h.kh }}", "r.kh", 24, RIGHT),
    ("{{ h.uth }}", "r.uth", 24, RIGHT),
    ("{{ h.kh_next }}", "r.kh_next", 24, RIGHT),
    ("{{ h.pct_done }}", "r.pct_done", 19, RIGHT),
    ("{{ h.pct_next }}", "r.pct_next", 19, RIGHT),
]
ACTIVITY_COLUMNS = [
    ("STT", "r.no", 9, C),
    ("Hoạt động", "r.title", 35, L),
    ("Địa điểm", "r.place", 17, L),
    ("Thời gian", "r.timing", 12, C),
    ("Tổng kinh phí", "r.cost", 21, RIGHT),
    ("NS trung ương", "r.central", 18, RIGHT),
    ("NS tỉnh", "r.province", 18, RIGHT),
    ("NS huyện", "r.district", 18, RIGHT),
    ("NS xã", "r.commune", 18, RIGHT),
    ("CTMT quốc gia", "r.programmes", 18, RIGHT),
    ("ODA, NGO", "r.oda", 17, RIGHT),
    ("Doanh nghiệp", "r.enterprises", 17, RIGHT),
    ("Nhân dân đóng góp", "r.people", 18, RIGHT),
    ("Tình trạng", "r.status", 16, L),
]
BALANCE_COLUMNS = [
    ("STT", "r.no", 12, C),
    ("Nội dung", "r.label", 120, L),
    ("Số tiền (đồng)", "r.amount", 45, RIGHT),
    ("Tỷ lệ (%)", "r.share", 25, RIGHT),
]
PROPOSAL_COLUMNS = [
    ("STT", "r.no", 10, C),
    ("Đề xuất", "r.title", 75, L),
    # Who proposed depends on the level (villages, communes and offices, districts and Sở):
    # the plan's context gives the heading.
    ("{{ proposer_heading }}", "r.source", 40, L),
    ("Kinh phí đề xuất (đồng)", "r.cost", 28, RIGHT),
    ("Kết quả xem xét", "r.outcome", 42, L),
    ("Lý do, ghi chú", "r.reason", 52, L),
]
UNIT_INDICATOR_COLUMNS = [
    ("STT", "r.no", 12, C),
    ("Đơn vị / Chỉ tiêu", "r.name", 78, L),
    ("Đơn vị tính", "r.unit", 20, C),
    ("{{ h.th_prev }}", "r.th_prev", 24, RIGHT),
    ("{{ h.kh }}", "r.kh", 24, RIGHT),
    ("{{ h.uth }}", "r.uth", 24, RIGHT),
    ("{{ h.kh_next }}", "r.kh_next", 24, RIGHT),
    ("{{ h.pct_done }}", "r.pct_done", 18, RIGHT),
    ("{{ h.pct_next }}", "r.pct_next", 18, RIGHT),
]


FRAMEWORK_COLUMNS = [
    ("STT", "r.no", 10, C),
    ("Chỉ tiêu, hoạt động", "r.subject", 62, L),
    ("Đơn vị tính", "r.unit", 18, C),
    ("Nguồn số liệu", "r.source", 34, L),
    ("Đơn vị thu thập", "r.collector", 30, L),
    ("Tần suất", "r.frequency", 18, C),
    ("Biểu mẫu báo cáo", "r.form", 28, L),
    ("Báo cáo cho", "r.report_to", 30, L),
    ("Thời hạn báo cáo", "r.deadline", 20, C),
]


def framework_annex(doc, number) -> None:
    """The M&E framework (khung TDĐG) as the last annex, only when the plan has one: the
    section break that starts it sits inside the condition, so without a framework the
    document ends with the previous annex (same landscape page setup)."""
    para(doc, "{%p if framework_rows %}")
    annex(doc, number, "annex_titles.framework", FRAMEWORK_COLUMNS, "framework_rows")
    para(doc, "{%p endif %}")


def framework_template(path) -> None:
    """The M&E framework on its own: the same annex, on landscape pages from the first."""
    doc = new_document()
    page_setup(doc.sections[0], landscape=True)
    para(doc, "Phụ lục {{ annex_number }}", align=C, bold=True, size=14)
    para(doc, "{{ annex_titles.framework }}", align=C, bold=True, size=13)
    para(doc, "{{ annex_reference }}", align=C, italic=True, size=13)
    para(doc, "")
    loop_table(doc, "framework_rows", FRAMEWORK_COLUMNS, size=9, group_rows=True)
    para(doc, "{%p for line in framework_rows_notes %}")
    para(doc, "{{ line }}", style="SEDP Note")
    para(doc, "{%p endfor %}")
    doc.save(path)


def plan_template(path, *, unit_annex=False) -> None:
    """A level's plan: heading, title, the outline's parts, signature, annexes 01–04(05), and
    the M&E framework annex when there is one."""
    doc = new_document()
    heading_block(doc)
    title_block(doc)
    body_blocks(doc)
    signature_block(doc)
    annex(doc, "01", "annex_titles.indicators", INDICATOR_COLUMNS, "indicator_rows")
    annex(doc, "02", "annex_titles.activities", ACTIVITY_COLUMNS, "activity_rows", size=8)
    annex(doc, "03", "annex_titles.balance", BALANCE_COLUMNS, "balance_rows", landscape=False)
    annex(doc, "04", "annex_titles.proposals", PROPOSAL_COLUMNS, "proposal_rows")
    if unit_annex:
        annex(doc, "05", "annex_titles.units", UNIT_INDICATOR_COLUMNS, "unit_rows")
    framework_annex(doc, "06" if unit_annex else "05")
    doc.save(path)


def input_template(path) -> None:
    """A village proposal or agency input: assessment, solutions, proposed activities."""
    doc = new_document()
    heading_block(doc)
    title_block(doc)
    body_blocks(doc)
    signature_block(doc)
    annex(doc, "01", "annex_titles.activities", ACTIVITY_COLUMNS, "activity_rows", size=8)
    doc.save(path)


def letter_template(path, *, table_columns=None, table_rows=None) -> None:
    """A one-part document (submission, feedback): body, optional table, signature."""
    doc = new_document()
    heading_block(doc)
    title_block(doc)
    body_blocks(doc)
    if table_columns:
        loop_table(doc, table_rows, table_columns, size=10, group_rows=False)
        para(doc, "{%p for b in closing %}")
        para(doc, "{{ b.text }}", style="SEDP Body")
        para(doc, "{%p endfor %}")
    signature_block(doc)
    doc.save(path)


def official_document_template(path) -> None:
    """A recorded document (chỉ thị, hướng dẫn, kế hoạch… or a letter): a letter has no type
    title, its subject sits under the number and it opens with "Kính gửi"."""
    doc = new_document()
    heading_block(doc, subject=True)
    para(doc, "{%p if doc_type %}")
    para(doc, "{{ doc_type }}", align=C, bold=True, size=14)
    para(doc, "{{ summary }}", align=C, bold=True, size=14)
    rule(doc, 62)
    para(doc, "{%p endif %}")
    para(doc, "{%p for line in intro %}")
    para(doc, "{{ line }}", style="SEDP Body")
    para(doc, "{%p endfor %}")
    body_blocks(doc)
    signature_block(doc)
    doc.save(path)


def minutes_template(path) -> None:
    doc = new_document()
    heading_block(doc)
    title_block(doc)
    body_blocks(doc)
    loop_table(
        doc,
        "attendance_rows",
        [
            ("STT", "r.no", 12, C),
            ("Cơ quan, đơn vị", "r.agency", 120, L),
            ("Số người", "r.people", 30, RIGHT),
        ],
        size=11,
        group_rows=False,
    )
    body_blocks(doc, "closing_blocks")
    two_signatures(doc)
    doc.save(path)


FEEDBACK_COLUMNS = [
    ("STT", "r.no", 10, C),
    ("Đề xuất", "r.title", 55, L),
    ("Kinh phí (đồng)", "r.cost", 25, RIGHT),
    ("Kết quả xem xét", "r.outcome", 35, L),
    ("Lý do", "r.reason", 40, L),
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    plan_template(OUT / "plan_commune.docx")
    plan_template(OUT / "plan_district.docx")
    plan_template(OUT / "plan_province.docx", unit_annex=True)
    input_template(OUT / "plan_input.docx")
    letter_template(OUT / "submission.docx")
    letter_template(
        OUT / "feedback.docx", table_columns=FEEDBACK_COLUMNS, table_rows="proposal_rows"
    )
    minutes_template(OUT / "minutes.docx")
    framework_template(OUT / "me_framework.docx")
    official_document_template(OUT / "directive.docx")
    print(f"Templates written to {OUT}")


if __name__ == "__main__":
    main()
