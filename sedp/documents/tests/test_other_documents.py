"""District and province plans (their seed outlines), the village proposal, the feedback to
villages, the submission to the People's Council and the minutes of a meeting."""

from decimal import Decimal

import pytest
from docx.enum.section import WD_ORIENT

from sedp.documents import outlines
from sedp.documents.tests.conftest import section_text
from sedp.documents.tests.helpers import (
    all_texts,
    body_texts,
    generate,
    open_docx,
    table_rows,
)
from sedp.indicators.models import IndicatorValue, Kind
from sedp.plans.models import Plan, PlanKind, PlanSection
from sedp.plans.outlines import outline_for
from sedp.plans.tests.helpers import YEAR


def level_plan(unit, agency, kind):
    """A district or province plan with every section written (their authoring rules come
    with the district/province issue; the document only needs the plan)."""
    plan = Plan.objects.create(kind=kind, report_year=YEAR, unit=unit, agency=agency)
    PlanSection.objects.bulk_create(
        PlanSection(plan=plan, code=code, title=str(title), body=section_text(code), order=i)
        for i, (code, title) in enumerate(outline_for(kind))
    )
    return plan


def assert_outline_filled(texts, tree_outline, with_parts=True):
    position = 0
    for _style, title, code in outlines.walk(tree_outline, with_parts=with_parts):
        title = title.replace("{X1}", "2027").replace("{X}", "2026")
        position = texts.index(title, position)
        if code:
            assert texts[position + 1] == section_text(code), title


@pytest.mark.parametrize(
    ("kind", "outline", "parts"),
    [
        (PlanKind.DISTRICT_PLAN, outlines.DISTRICT, ["PHẦN I", "PHẦN II", "PHẦN III"]),
        (PlanKind.PROVINCE_PLAN, outlines.PROVINCE, ["PHẦN I", "PHẦN II", "PHẦN III", "PHẦN IV"]),
    ],
)
def test_district_and_province_plans_follow_their_seed_outline(
    tree, indicators, kind, outline, parts
):
    if kind == PlanKind.DISTRICT_PLAN:
        unit, agency, superior = tree.district1, tree.tckh1, "UBND TỈNH THỬ"
    else:
        unit, agency, superior = tree.province, tree.skhdt, ""
    plan = level_plan(unit, agency, kind)
    docx = open_docx(generate(tree.users.skhdt, "plan", plan))
    texts = body_texts(docx)
    assert [t.split(":")[0] for t in texts if t.startswith("PHẦN ")] == parts
    assert_outline_filled(texts, outline)
    left = [p.text for p in docx.tables[0].rows[0].cells[0].paragraphs if p.text.strip()]
    expected = ([superior] if superior else []) + [f"ỦY BAN NHÂN DÂN {unit.name.upper()}"]
    assert left[: len(expected)] == expected


def test_province_plan_has_the_province_wide_indicator_annex_by_unit(tree, indicators):
    IndicatorValue.objects.create(
        unit=tree.commune3,
        indicator=indicators[0],
        report_year=YEAR,
        kind=Kind.PLAN,
        value=Decimal(800),
    )
    plan = level_plan(tree.province, tree.skhdt, PlanKind.PROVINCE_PLAN)
    docx = open_docx(generate(tree.users.skhdt, "plan", plan))
    texts = body_texts(docx)
    assert "Phụ lục 05" in texts
    assert docx.sections[-1].orientation == WD_ORIENT.LANDSCAPE
    rows = table_rows(docx.tables[-1])
    names = [r[1] for r in rows]
    # districts and communes in tree order, villages left out
    units = [
        n for n in names if n in {"Huyện Một", "Xã Một A", "Xã Một B", "Huyện Hai", "Xã Hai A"}
    ]
    assert units == ["Huyện Một", "Xã Một A", "Xã Một B", "Huyện Hai", "Xã Hai A"]
    assert "Thôn A1" not in names
    commune1 = names.index("Xã Một A")
    population = rows[names.index("Dân số trung bình", commune1)]
    assert population[3:7] == [
        "5.000",
        "5.100",
        "5.150",
        "5.200",
    ]
    commune3 = names.index("Xã Hai A")
    assert rows[names.index("Dân số trung bình", commune3)][4] == "800"


def test_village_proposal_document(tree, commune_plan):
    docx = open_docx(generate(tree.users.thon1, "plan", commune_plan.village))
    texts = body_texts(docx)
    assert texts[:2] == [
        "ĐỀ XUẤT KẾ HOẠCH",
        "Phát triển kinh tế - xã hội năm 2027 của Tổ công tác thôn A1",
    ]
    assert_outline_filled(texts, outlines.INPUT, with_parts=False)
    for number, (title, _code) in zip(["I", "II", "III", "IV"], outlines.INPUT, strict=True):
        assert f"{number}. {title.replace('{X}', '2026')}" in texts
    assert "V. Đề xuất hoạt động năm 2027" in texts
    assert "VI. Cuộc họp thôn" in texts
    assert any("55 người tham dự (30 nam, 25 nữ" in t for t in texts)
    left = [p.text for p in docx.tables[0].rows[0].cells[0].paragraphs if p.text.strip()]
    assert left[:2] == ["UBND XÃ MỘT A", "TỔ CÔNG TÁC THÔN A1"]
    activities = [r[1] for r in table_rows(docx.tables[-1])]
    assert "Chợ phiên" in activities  # the village's own list keeps every proposal


def test_feedback_to_a_village_says_what_became_of_each_proposal(tree, commune_plan):
    docx = open_docx(generate(tree.users.thon1, "feedback", commune_plan.village))
    texts = body_texts(docx)
    assert texts[0] == "THÔNG BÁO"
    assert "Kính gửi: Tổ công tác thôn A1" in texts
    assert any("Hội nghị lập KH xã ngày 19/06/2026" in t for t in texts)
    rows = {r[1]: r for r in table_rows(docx.tables[1])}
    assert rows["Chợ phiên"][4] == "Đã có chợ ở trung tâm xã"
    left = [p.text for p in docx.tables[0].rows[0].cells[0].paragraphs if p.text.strip()]
    assert left[:2] == ["UBND HUYỆN MỘT", "ỦY BAN NHÂN DÂN XÃ MỘT A"]


def test_submission_to_the_peoples_council(tree, commune_plan):
    docx = open_docx(generate(tree.users.xa1, "submission", commune_plan))
    texts = body_texts(docx)
    assert texts[:2] == [
        "TỜ TRÌNH",
        "Về việc thông qua Kế hoạch phát triển kinh tế - xã hội năm 2027",
    ]
    assert "Kính gửi: Hội đồng nhân dân xã Một A" in texts
    assert "- Dân số trung bình: 5.200 người" in texts
    assert "a) Tổng nhu cầu vốn: 1.290.000.000 đồng" in texts
    assert any(t.startswith("UBND xã Một A kính trình HĐND xã Một A") for t in texts)
    assert "Số:        /TTr-UBND" in all_texts(docx)


def test_minutes_of_the_conference(tree, commune_plan):
    docx = open_docx(generate(tree.users.xa1, "minutes", commune_plan.conference, target="meeting"))
    texts = body_texts(docx)
    assert texts[:2] == ["BIÊN BẢN", "Hội nghị lập KH xã năm 2027"]
    for heading in (
        "I. THỜI GIAN, ĐỊA ĐIỂM",
        "II. THÀNH PHẦN THAM DỰ",
        "III. NỘI DUNG",
        "IV. KẾT LUẬN, QUYẾT ĐỊNH",
        "V. NHỮNG Ý KIẾN CHƯA THỐNG NHẤT",
    ):
        assert heading in texts
    assert any("62 người, trong đó 40 nam, 22 nữ; 45 người dân tộc" in t for t in texts)
    decision = next(t for t in texts if t.startswith("a) Chuyển sửa phòng học"))
    assert "Sửa phòng học mầm non:" in decision and "→" in decision
    assert any(t.startswith("a) Vị trí cầu tràn — các bên:") for t in texts)
    agencies = [r[1] for r in table_rows(docx.tables[1])[2:]]
    assert agencies == ["Phòng TCKH huyện Một", "Trường TH xã Một A", "Tổ công tác KH xã Một A"]
    signatures = [p.text for c in docx.tables[-1].rows[0].cells for p in c.paragraphs]
    assert "THƯ KÝ" in signatures and "CHỦ TRÌ" in signatures


def test_minutes_of_a_village_meeting(tree, commune_plan):
    meeting = commune_plan.village.meetings.get()
    docx = open_docx(generate(tree.users.thon1, "minutes", meeting, target="meeting"))
    texts = body_texts(docx)
    assert texts[1] == "Họp thôn thảo luận đề xuất kế hoạch năm 2027"
    assert "Thôn họp, thống nhất thứ tự ưu tiên và đóng góp của nhân dân." in texts


def test_plan_kinds_without_a_layout_offer_no_plan_document(tree):
    """A district directional plan has no Word layout yet: its page must not offer a plan
    document that can only fail to render (the demo's crawl found one)."""
    from sedp.documents.registry import kinds_for
    from sedp.plans.services import plan_create

    orientation = plan_create(
        user=tree.users.tckh1,
        agency=tree.tckh1,
        kind=PlanKind.DISTRICT_ORIENTATION,
        report_year=YEAR,
    )
    assert "plan" not in [kind.code for kind in kinds_for("plan", orientation)]
    commune = plan_create(
        user=tree.users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    assert "plan" in [kind.code for kind in kinds_for("plan", commune)]
