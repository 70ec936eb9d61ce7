"""The change report as a Word document in the Decree 30 format: every change between two
versions, grouped by indicators, activities, funding and text, each with who, when and why;
downloadable from the version-compare page, only by those who see the plan."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from sedp.activities.models import ActivityStatus
from sedp.activities.services import activity_create, activity_set_status, activity_update
from sedp.documents.models import RenderedDocument
from sedp.documents.tests.helpers import all_texts, body_texts, generate, open_docx, table_rows
from sedp.indicators.models import Kind
from sedp.indicators.services import value_set
from sedp.plans.models import PlanKind
from sedp.plans.services import plan_create, plan_update_sections
from sedp.plans.tests.helpers import YEAR, activity_data
from sedp.revisions.models import Stage
from sedp.revisions.services import change_report_prepare, version_record
from sedp.targets.tests.helpers import catalogue

FONT = "Times New Roman"


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


@pytest.fixture
def report(tree):
    xa1 = tree.users.xa1
    c = catalogue(tree)
    plan = plan_create(user=xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR)
    road = activity_create(user=xa1, plan=plan, **activity_data(tree.agri))
    school = activity_create(
        user=xa1, plan=plan, **activity_data(tree.education, title="Sửa phòng học")
    )
    value_set(
        user=xa1, unit=tree.commune1, indicator=c["households"], report_year=YEAR,
        kind=Kind.PROPOSED, value=340,
    )  # fmt: skip
    plan_update_sections(user=xa1, plan=plan, bodies={"p2.3.economy": "Trồng 40 ha chè"})
    first = version_record(user=xa1, plan=plan, stage=Stage.DRAFT_1)
    value_set(
        user=xa1, unit=tree.commune1, indicator=c["households"], report_year=YEAR,
        kind=Kind.PROPOSED, value=355,
    )  # fmt: skip
    activity_update(
        user=xa1, activity=road, **activity_data(tree.agri, fund_target_programmes=450_000_000)
    )
    activity_set_status(
        user=xa1, activity=school, status=ActivityStatus.REMOVED, reason="Trùng với dự án tỉnh"
    )
    activity_create(user=xa1, plan=plan, **activity_data(tree.agri, title="Kênh mương thôn A2"))
    plan_update_sections(user=xa1, plan=plan, bodies={"p2.3.economy": "Trồng 50 ha chè"})
    second = version_record(
        user=xa1, plan=plan, stage=Stage.DRAFT_2, reason="Sau hội nghị kế hoạch xã"
    )
    return change_report_prepare(user=xa1, plan=plan, old=first, new=second)


def test_the_word_report_lists_each_change_by_group_with_who_when_and_why(tree, report):
    docx = open_docx(generate(tree.users.xa1, "change_report", report, target="change_report"))
    body = body_texts(docx)
    text = all_texts(docx)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "BÁO CÁO" in body
    assert any(line.startswith("Những nội dung thay đổi của Kế hoạch xã năm 2027") for line in body)
    assert "I. CÁC PHIÊN BẢN ĐƯỢC SO SÁNH" in body
    assert any("Sau hội nghị kế hoạch xã" in line for line in body)  # the version's reason
    assert "Tổng số 6 nội dung thay đổi" in text

    (table,) = [t for t in docx.tables if "Lý do, căn cứ" in all_texts_of(t)]
    rows = table_rows(table)[2:]  # header and column numbers
    headings = [r[1] for r in rows if r[0] in {"I", "II", "III", "IV"}]
    assert headings == [
        "CHỈ TIÊU (1 thay đổi)",
        "HOẠT ĐỘNG (3 thay đổi)",
        "KINH PHÍ VÀ NGUỒN VỐN (1 thay đổi)",
        "NỘI DUNG VĂN BẢN KẾ HOẠCH (1 thay đổi)",
    ]
    by_subject = {}
    for row in rows:
        by_subject.setdefault(row[1], []).append(row)
    (households,) = by_subject["Số hộ — Kế hoạch năm X+1 đề xuất"]
    assert households[3:5] == ["340", "355"]
    assert "Xa1" in households[5] and households[6]
    funding = [r for r in by_subject["Bê tông hóa đường nội thôn 500 m"] if "quốc gia" in r[2]]
    assert [r[3:5] for r in funding] == [["400.000.000", "450.000.000"]]
    status = [r for r in by_subject["Sửa phòng học"] if r[2] == "Sửa tình trạng"]
    assert status[0][3:5] == ["Đề xuất", "Bị loại"]
    assert "Trùng với dự án tỉnh" in status[0][6]
    (added,) = by_subject["Kênh mương thôn A2"]
    assert added[2] == "Bổ sung"
    (section,) = [r for r in rows if r[2] == "Sửa đổi"]
    assert section[3:5] == ["Trồng 40 ha chè", "Trồng 50 ha chè"]
    # Every change row says who and why.
    changes = [r for r in rows if r[0].isdigit()]
    assert len(changes) == 6 and all(r[5] and r[6] for r in changes)


def all_texts_of(table) -> str:
    return " ".join(" ".join(r) for r in table_rows(table))


def test_decree_30_layout_a4_margins_font_and_landscape_annex(tree, report):
    docx = open_docx(generate(tree.users.xa1, "change_report", report, target="change_report"))
    first, annex = docx.sections[0], docx.sections[-1]
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    assert round(first.left_margin.mm) == 30 and round(first.right_margin.mm) == 15
    assert annex.orientation == WD_ORIENT.LANDSCAPE
    assert docx.styles["Normal"].font.name == FONT
    title = next(p for p in docx.paragraphs if p.text == "BÁO CÁO")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and all(r.bold for r in title.runs)
    assert any(p.text == "Phụ lục 01" for p in docx.paragraphs)
    assert any("Kèm theo Báo cáo" in p.text for p in docx.paragraphs)


def test_the_compare_page_downloads_it_and_outsiders_cannot(tree, report, login):
    plan = report.plan
    client = login(tree.users.xa1)
    page = client.get(
        reverse("revisions-version-compare", args=[plan.pk]),
        {"a": report.old_id, "b": report.new_id},
    ).content.decode()
    assert reverse("revisions-change-report", args=[plan.pk]) in page
    response = client.post(
        reverse("revisions-change-report", args=[plan.pk]),
        {"a": report.new_id, "b": report.old_id},  # either order: the older comes first
        follow=True,
    )
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert RenderedDocument.objects.filter(target_type="change_report").count() == 1
    outsider = login(tree.users.xa3)
    url = reverse(
        "documents-document-get", args=["change_report", report.pk, "change_report", "docx"]
    )
    assert outsider.get(url).status_code == 404
    with pytest.raises(Http404):
        change_report_prepare(user=tree.users.xa3, plan=plan, old=report.old, new=report.new)
    with pytest.raises(ValidationError):
        change_report_prepare(user=tree.users.xa1, plan=plan, old=report.old, new=report.old)
