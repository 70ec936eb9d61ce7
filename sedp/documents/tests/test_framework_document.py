"""The M&E framework (khung TDĐG) as a Word annex: on its own from the framework page, and
as the last annex of the plan document when the plan has a framework."""

import pytest
from django.urls import reverse
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from sedp.documents.tests.helpers import body_texts, generate, open_docx, table_rows
from sedp.monitoring.models import Frequency
from sedp.monitoring.services import framework_prefill, framework_update

FONT = "Times New Roman"
HEADINGS = [
    "STT",
    "Chỉ tiêu, hoạt động",
    "Đơn vị tính",
    "Nguồn số liệu",
    "Đơn vị thu thập",
    "Tần suất",
    "Biểu mẫu báo cáo",
    "Báo cáo cho",
    "Thời hạn báo cáo",
]


def mm(length) -> float:
    return round(length.mm, 1)


@pytest.fixture
def framed_plan(tree, commune_plan):
    """The commune plan with its framework pre-filled, and one indicator row written out."""
    framework_prefill(user=tree.users.xa1, plan=commune_plan)
    row = commune_plan.me_rows.get(indicator__code="dan-so")
    framework_update(
        user=tree.users.xa1,
        plan=commune_plan,
        changes={
            row.pk: {
                "data_source": "Sổ hộ khẩu & báo cáo của thôn",
                "collector": tree.group1.pk,
                "frequency": Frequency.QUARTERLY,
                "report_form": "Biểu 01/TK",
                "report_to": tree.tckh1.pk,
                "deadline_days": 15,
            }
        },
    )
    return commune_plan


def test_the_framework_alone_is_a_landscape_annex_in_the_decree_format(tree, framed_plan):
    docx = open_docx(generate(tree.users.xa1, "me_framework", framed_plan))
    assert len(docx.sections) == 1
    page = docx.sections[0]
    assert page.orientation == WD_ORIENT.LANDSCAPE
    assert (mm(page.page_width), mm(page.page_height)) == (297.0, 210.0)
    assert (mm(page.top_margin), mm(page.bottom_margin)) == (20.0, 20.0)
    assert (mm(page.left_margin), mm(page.right_margin)) == (30.0, 15.0)
    assert page.different_first_page_header_footer  # numbered from page 2
    assert [i.text.strip() for i in page.header._element.iter(qn("w:instrText"))] == ["PAGE"]
    fonts = docx.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == FONT and fonts.get(qn("w:ascii")) == FONT
    texts = body_texts(docx)
    assert texts[:3] == [
        "Phụ lục 05",
        "KHUNG THEO DÕI, ĐÁNH GIÁ THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2027",
        texts[2],
    ]
    assert texts[2].startswith("(Kèm theo Kế hoạch số") and texts[2].endswith("xã Một A)")
    title = next(p for p in docx.paragraphs if p.text == "Phụ lục 05")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and title.runs[0].bold
    rows = table_rows(docx.tables[0])
    assert rows[0] == HEADINGS
    assert rows[1] == [f"({n})" for n in range(1, 10)]
    assert rows[2][:2] == ["A", "CÁC CHỈ TIÊU"]
    population = next(r for r in rows if r[1] == "Dân số trung bình")
    assert population[2:] == [
        "người",
        "Sổ hộ khẩu & báo cáo của thôn",
        tree.group1.name,
        "Hằng quý",
        "Biểu 01/TK",
        tree.tckh1.name,
        "15 ngày sau kỳ báo cáo",
    ]
    activities = [r[0] for r in rows].index("B")
    assert rows[activities][1] == "CÁC HOẠT ĐỘNG"
    titles = [r[1] for r in rows[activities + 1 :]]
    assert "Đường bê tông thôn A1 & cầu tràn" in titles and "Chợ phiên" not in titles
    assert framed_plan.me_rows.count() == len(rows) - 4  # two headings, two header rows


def test_the_plan_document_ends_with_the_framework_annex_when_there_is_one(tree, framed_plan):
    docx = open_docx(generate(tree.users.xa1, "plan", framed_plan))
    landscape = [s for s in docx.sections if s.orientation == WD_ORIENT.LANDSCAPE]
    assert len(landscape) == 4  # indicators, activities, proposals and the framework
    last = docx.sections[-1]
    assert last.orientation == WD_ORIENT.LANDSCAPE and "PAGE" in last.header._element.xml
    texts = body_texts(docx)
    at = texts.index("Phụ lục 05")
    assert texts[at + 1].startswith("KHUNG THEO DÕI, ĐÁNH GIÁ")
    assert texts[at + 2].startswith("(Kèm theo Kế hoạch số")
    assert table_rows(docx.tables[-1])[0] == HEADINGS
    # The outline's "Tổ chức theo dõi đánh giá KH" says what the framework holds and where.
    section = texts.index("2. Tổ chức theo dõi đánh giá KH")
    indicators = framed_plan.me_rows.filter(indicator__isnull=False).count()
    activities = framed_plan.me_rows.filter(activity__isnull=False).count()
    assert texts[section + 2] == (
        f"a) Khung theo dõi, đánh giá gồm {indicators} chỉ tiêu và {activities} hoạt động, "
        "nêu rõ nguồn số liệu, đơn vị thu thập, tần suất, biểu mẫu báo cáo, nơi nhận và thời "
        "hạn báo cáo"
    )
    assert texts[section + 3] == "b) Chi tiết tại Phụ lục 05 kèm theo"


def test_without_a_framework_the_plan_has_no_framework_annex(tree, commune_plan, login):
    docx = open_docx(generate(tree.users.xa1, "plan", commune_plan))
    texts = body_texts(docx)
    assert "Phụ lục 05" not in texts and "Phụ lục 04" in texts
    assert not any(t.startswith("KHUNG THEO DÕI") for t in texts)
    # …and the framework document is not offered (404 if asked).
    client = login(tree.users.xa1)
    link = reverse("documents-document-get", args=["plan", commune_plan.pk, "me_framework", "docx"])
    assert client.get(link).status_code == 404


def test_changing_the_framework_makes_a_new_file(tree, framed_plan):
    first = generate(tree.users.xa1, "me_framework", framed_plan)
    plan_file = generate(tree.users.xa1, "plan", framed_plan)
    row = framed_plan.me_rows.filter(activity__isnull=False).first()
    framework_update(
        user=tree.users.xa1, plan=framed_plan, changes={row.pk: {"report_form": "Biểu 02"}}
    )
    assert generate(tree.users.xa1, "me_framework", framed_plan).pk != first.pk
    assert generate(tree.users.xa1, "plan", framed_plan).pk != plan_file.pk


def test_the_framework_page_offers_the_word_and_pdf_annex(tree, framed_plan, login):
    client = login(tree.users.xa1)
    html = client.get(reverse("monitoring-framework-detail", args=[framed_plan.pk])).content
    for fmt in ("docx", "pdf"):
        link = reverse("documents-document-get", args=["plan", framed_plan.pk, "me_framework", fmt])
        assert link.encode() in html


def test_a_province_plan_prints_its_framework_as_annex_06_under_part_iv(tree, indicators):
    from sedp.documents.tests.test_other_documents import level_plan
    from sedp.monitoring.models import FrameworkRow
    from sedp.plans.models import PlanKind

    plan = level_plan(tree.province, tree.skhdt, PlanKind.PROVINCE_PLAN)
    FrameworkRow.objects.bulk_create(
        FrameworkRow(plan=plan, indicator=indicator, collector=tree.skhdt, order=n)
        for n, indicator in enumerate(indicators)
    )
    docx = open_docx(generate(tree.users.skhdt, "plan", plan))
    texts = body_texts(docx)
    assert "Phụ lục 05" in texts and "Phụ lục 06" in texts
    targets = texts.index("1. Theo dõi đánh giá chỉ tiêu định hướng")
    assert texts[targets + 2 : targets + 4] == [
        "a) Số chỉ tiêu được theo dõi, đánh giá: 2",
        "b) Chi tiết tại Phụ lục 06 kèm theo",
    ]
    actions = texts.index("2. Theo dõi đánh giá chương trình hành động")
    assert texts[actions + 2] == "a) Số hoạt động được theo dõi, đánh giá: 0"
    rows = table_rows(docx.tables[-1])
    assert [r[1] for r in rows[2:]] == ["CÁC CHỈ TIÊU", "Dân số trung bình", rows[4][1]]
    assert rows[3][4] == tree.skhdt.name
