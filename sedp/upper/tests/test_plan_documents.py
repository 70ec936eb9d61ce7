"""The Word plans of a district office, phòng TCKH, a Sở and Sở KHĐT after a full year: each
follows its level's outline in the seed (NỘI DUNG BẢN KẾ HOẠCH cấp huyện / cấp tỉnh), is
issued by the right body and speaks of the plans it consolidates, not of villages."""

from decimal import Decimal

import pytest
from django.utils import translation

from sedp.documents import outlines, plan_documents
from sedp.documents.tests.helpers import all_texts, body_texts, generate, open_docx, table_rows
from sedp.indicators.models import Indicator, IndicatorGroup, IndicatorValue, Kind, Nature, Rule
from sedp.meetings.models import MeetingKind, meeting_title
from sedp.plans.models import Plan, PlanKind
from sedp.plans.tests.helpers import YEAR

K = PlanKind

# Wording only the commune's plan has: its villages' proposals, its planning group, its
# party committee and council, the commune outline's headings.
COMMUNE_ONLY = [
    "ĐỀ XUẤT CỦA CÁC THÔN",
    "đề xuất của các thôn",
    "(Tổ công tác KH xã)",
    "Thường trực Đảng ủy, HĐND xã",
    "trên địa bàn xã",
    "KHPT KTXH xã",
    "Kế hoạch phát triển kinh tế - xã hội xã",
    "Hội nghị lập KH xã",
    "Kiến nghị với cấp huyện và tỉnh",
]

# (the plan of the year, the issuer line, words the level's document must hold)
LEVELS = {
    K.DISTRICT_SECTOR_PLAN: (
        lambda t: Plan.objects.get(kind=K.DISTRICT_SECTOR_PLAN, agency=t.pnn1),
        lambda t: t.pnn1.name.upper(),
        lambda t: [
            f"Phát triển ngành {t.pnn1.sector.name} năm",
            "nội dung khung kế hoạch các xã thuộc ngành",
            "TRƯỞNG PHÒNG",
            "Phòng Tài chính - Kế hoạch",
            "DANH SÁCH ĐỀ XUẤT CỦA CÁC XÃ THUỘC NGÀNH",
        ],
    ),
    K.DISTRICT_PLAN: (
        lambda t: t.district1_plan,
        lambda t: "ỦY BAN NHÂN DÂN " + t.district1_plan.unit.name.upper(),
        lambda t: [
            "kế hoạch phát triển ngành của các phòng, ban và khung kế hoạch của các xã",
            "Kế hoạch phát triển kinh tế - xã hội huyện năm",
            "UBND tỉnh (Sở Kế hoạch và Đầu tư)",
            "TM. ỦY BAN NHÂN DÂN",
            "CÁC PHÒNG, BAN VÀ CÁC XÃ",
        ],
    ),
    K.PROVINCE_SECTOR_PLAN: (
        lambda t: t.agri_plan,
        lambda t: t.snn.name.upper(),
        lambda t: [
            f"Phát triển ngành {t.snn.sector.name} năm",
            "các phòng chuyên môn cấp huyện thuộc ngành",
            "GIÁM ĐỐC",
            "Sở Kế hoạch và Đầu tư;",
            "CÁC ĐƠN VỊ TRỰC THUỘC VÀ CÁC PHÒNG CHUYÊN MÔN CẤP HUYỆN",
        ],
    ),
    K.PROVINCE_PLAN: (
        lambda t: t.province_plan,
        lambda t: "ỦY BAN NHÂN DÂN " + t.province_plan.unit.name.upper(),
        lambda t: [
            "kế hoạch phát triển ngành của các Sở, ngành và kế hoạch của các huyện",
            "Kế hoạch phát triển kinh tế - xã hội tỉnh năm",
            "Bộ Kế hoạch và Đầu tư;",
            "TM. ỦY BAN NHÂN DÂN",
            "CÁC SỞ, NGÀNH VÀ CÁC HUYỆN",
        ],
    ),
}


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


@pytest.mark.parametrize("kind", list(LEVELS))
def test_each_upper_plan_document_follows_its_level_outline_and_wording(year, kind):
    get_plan, issuer, words = LEVELS[kind]
    plan = get_plan(year)
    assert plan.kind == kind
    docx = open_docx(generate(year.admin, "plan", plan))
    body, text = body_texts(docx), all_texts(docx)

    # Every heading of the level's outline, in order, with the years filled in.
    headings = [
        title.replace("{X1}", str(plan.plan_year)).replace("{X}", str(plan.report_year))
        for _style, title, _code in outlines.walk(outlines.DOCUMENT_OUTLINES[kind])
    ]
    positions = [body.index(h) for h in headings]
    assert positions == sorted(positions)
    assert issuer(year) in text
    for phrase in words(year):
        assert phrase in text, phrase
    # The text outside the tables (whose rows name the communes' own bodies).
    prose = "\n".join(body)
    for phrase in COMMUNE_ONLY:
        assert phrase not in prose, phrase
    # A district office's sector plan states where it keeps its own position against a
    # commune, with its arguments and where it was settled: the last section of part III.
    if kind == K.DISTRICT_SECTOR_PLAN:
        register = body.index("IV. Những điểm chưa nhất trí với các xã")
        assert register > positions[-1]
        assert body[register + 1] == "1. Quy mô đường nội đồng xã Một A"
        assert any(line.startswith("d) Kết quả: Đã thống nhất tại") for line in body)
    else:
        assert not any("Những điểm chưa nhất trí" in line for line in body)
    # The proposals annex says where a kept line was kept: in this level's plan.
    assert "Được giữ trong kế hoạch xã" not in text
    assert plan_documents.KEPT_IN[kind] in text
    if kind in (K.DISTRICT_SECTOR_PLAN, K.PROVINCE_SECTOR_PLAN):
        # A sector plan is the office's or Sở's own, not the People's Committee's.
        assert "TM. ỦY BAN NHÂN DÂN" not in text
        assert "/KH-UBND" not in text


def test_the_district_outline_splits_indicators_reached_and_hard_to_reach(year):
    docx = open_docx(generate(year.admin, "plan", year.district1_plan))
    body = body_texts(docx)
    achievable = body.index("1. Những chỉ tiêu có khả năng thực hiện")
    difficult = body.index("2. Những chỉ tiêu khó thực hiện")
    between = body[achievable + 1 : difficult]
    assert any("ước đạt và vượt kế hoạch" in line for line in between)
    assert not any("chưa đạt" in line for line in between)
    assert any("ước chưa đạt kế hoạch" in line for line in body[difficult + 1 : difficult + 3])


def test_a_district_conference_is_named_by_the_plan_it_discusses():
    district = MeetingKind.DISTRICT_CONFERENCE
    with translation.override("vi"):
        assert meeting_title(district, K.DISTRICT_ORIENTATION) == (
            "Hội nghị lần 1 (chuẩn bị triển khai xây dựng KHPT KTXH huyện)"
        )
        assert meeting_title(district, K.DISTRICT_PLAN) == (
            "Hội nghị lần 2 (Hội nghị xây dựng KHPT KTXH huyện)"
        )
        assert meeting_title(MeetingKind.CONSULTATION, K.DISTRICT_ORIENTATION) == (
            "Đối thoại với doanh nghiệp"
        )
        assert meeting_title(MeetingKind.PROVINCE_CONFERENCE) == "Hội nghị lập KHPT KTXH tỉnh"
        # The commune's, in the seed's words (commune step 4, "Tổ chức Hội nghị lập KH xã").
        assert meeting_title(MeetingKind.COMMUNE_CONFERENCE, K.COMMUNE_PLAN) == "Hội nghị lập KH xã"
        assert meeting_title(MeetingKind.SECTOR_CONFERENCE) == "Hội nghị lập KHPT ngành"


# The minutes of each upper conference name it as the seed does (the sector conference's
# minutes had no name at all before).
MINUTES = {
    MeetingKind.DISTRICT_CONFERENCE: (
        lambda t: t.district1_plan,
        "tổ chức hội nghị xây dựng KHPT KTXH huyện năm {X1} (Hội nghị lần 2)",
    ),
    MeetingKind.SECTOR_CONFERENCE: (
        lambda t: t.agri_plan,
        "tổ chức hội nghị lập KHPT ngành năm {X1}",
    ),
    MeetingKind.PROVINCE_CONFERENCE: (
        lambda t: t.province_plan,
        "tổ chức hội nghị lập KHPT KTXH tỉnh năm {X1}",
    ),
}


def test_the_minutes_of_each_upper_conference_name_it_as_the_seed_does(year):
    for kind, (get_plan, phrase) in MINUTES.items():
        plan = get_plan(year)
        meeting = plan.meetings.get(kind=kind)
        docx = open_docx(generate(year.admin, "minutes", meeting, target="meeting"))
        text = all_texts(docx)
        assert phrase.replace("{X1}", str(plan.plan_year)) in text, kind
        assert "kế hoạch huyện năm" not in text and "kế hoạch tỉnh năm" not in text
        with translation.override("vi"):
            assert str(meeting).startswith(meeting_title(kind, plan.kind))


def _annex_table(docx, first_heading):
    """The annex table whose header row starts STT | `first_heading`."""
    for table in docx.tables:
        rows = table_rows(table)
        if rows and rows[0][:2] == ["STT", first_heading]:
            return rows
    raise AssertionError(f"no table headed {first_heading}")


# Annex 04's "who proposed" column names the authors of the plans each level consolidates.
PROPOSERS = {
    K.DISTRICT_SECTOR_PLAN: "Xã đề xuất",
    K.DISTRICT_PLAN: "Xã, phòng ban đề xuất",
    K.PROVINCE_SECTOR_PLAN: "Đơn vị trực thuộc, phòng ngành huyện đề xuất",
    K.PROVINCE_PLAN: "Huyện, Sở ngành đề xuất",
}


@pytest.mark.parametrize("kind", list(PROPOSERS))
def test_the_proposals_annex_names_the_proposers_of_the_level(year, kind):
    plan = LEVELS[kind][0](year)
    rows = _annex_table(open_docx(generate(year.admin, "plan", plan)), "Đề xuất")
    assert rows[0][2] == PROPOSERS[kind]
    assert "Thôn, đơn vị đề xuất" not in rows[0]


def test_a_sector_plans_indicator_annex_lists_only_its_sector_line(year):
    """Annex 01 of phòng NN's plan: the agriculture indicators and its sub-sector's
    (extension), with the office's own figures; not education's nor the sectorless ones."""

    def make(code, name, sector, order):
        return Indicator.objects.create(
            code=code,
            name=name,
            unit_of_measure="ha",
            group=IndicatorGroup.ECONOMY,
            sector=sector,
            unit_types=["huyen", "tinh", "xa"],
            nature=Nature.STOCK,
            rule=Rule.SUM,
            order=order,
        )

    tea = make("dien-tich-che", "Diện tích chè", year.agri, 1)
    trained = make("luot-tap-huan", "Lượt hộ được tập huấn khuyến nông", year.extension, 2)
    make("so-truong-chuan", "Số trường đạt chuẩn quốc gia", year.education, 3)
    make("tang-truong", "Tốc độ tăng trưởng kinh tế", None, 4)
    IndicatorValue.objects.create(
        unit=year.district1, agency=year.pnn1, indicator=tea, report_year=YEAR,
        kind=Kind.PROPOSED, value=Decimal(1250),
    )  # fmt: skip
    office_plan = Plan.objects.get(kind=K.DISTRICT_SECTOR_PLAN, agency=year.pnn1)
    rows = _annex_table(open_docx(generate(year.admin, "plan", office_plan)), "Chỉ tiêu")
    names = [row[1] for row in rows[2:]]
    assert tea.name in names and trained.name in names
    assert "Số trường đạt chuẩn quốc gia" not in names
    assert "Tốc độ tăng trưởng kinh tế" not in names
    assert rows[2 + names.index(tea.name)][6] == "1.250"  # KH X+1, the office's own figure
    # The district's own plan still lists every indicator of the district.
    district_docx = open_docx(generate(year.admin, "plan", year.district1_plan))
    district = _annex_table(district_docx, "Chỉ tiêu")
    # A Sở's annex 05 (the units' figures) keeps to its sector line too.
    units = _annex_table(
        open_docx(generate(year.admin, "plan", year.agri_plan)), "Đơn vị / Chỉ tiêu"
    )
    unit_names = [row[1] for row in units[2:]]
    assert tea.name in unit_names and "Số trường đạt chuẩn quốc gia" not in unit_names
    district_names = [row[1] for row in district[2:]]
    assert {"Số trường đạt chuẩn quốc gia", "Tốc độ tăng trưởng kinh tế", trained.name} <= set(
        district_names
    )
