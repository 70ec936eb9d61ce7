"""The contents of the plan documents: the plan itself at every level, its submission to the
People's Council (tờ trình) and the written feedback to a village or agency on its proposals.

Each function returns the docxtpl context of its template (see tools/build_document_templates.py
for the tags). Text is the official Vietnamese wording (wording.py, outlines.py) filled with
the plan's data.
"""

from django.db.models import Count, Sum

from sedp.activities.models import PEOPLE_FIELDS, Activity, ActivityStatus
from sedp.activities.selectors import Outcome, proposals_with_outcomes, totals_by_source
from sedp.documents import outlines, tables
from sedp.documents.wording import (
    EMPTY,
    committee,
    committee_short,
    in_text,
    money,
    number_line,
    paragraphs,
    place_date,
    points,
    superior_of,
    upper,
)
from sedp.meetings.models import meeting_title
from sedp.plans.models import PlanKind, PlanStatus
from sedp.territory.models import SectorGroup

K = PlanKind
LEVEL_WORD = {
    K.COMMUNE_PLAN: "xã",
    K.DISTRICT_PLAN: "huyện",
    K.DISTRICT_SECTOR_PLAN: "huyện",
    K.PROVINCE_PLAN: "tỉnh",
    K.PROVINCE_SECTOR_PLAN: "tỉnh",
}
TEMPLATES = {
    K.COMMUNE_PLAN: "plan_commune.docx",
    K.DISTRICT_PLAN: "plan_district.docx",
    K.DISTRICT_SECTOR_PLAN: "plan_district.docx",
    K.PROVINCE_PLAN: "plan_province.docx",
    K.PROVINCE_SECTOR_PLAN: "plan_province.docx",
    K.VILLAGE_PROPOSAL: "plan_input.docx",
    K.AGENCY_INPUT: "plan_input.docx",
}
# Sections whose data the document adds below the written text, by the group of sectors
# they are about (the commune outline's "by sector" sections).
SECTOR_SECTIONS = {
    "p2.3.economy": [SectorGroup.ECONOMY, SectorGroup.ENVIRONMENT],
    "p2.3.culture_society": [SectorGroup.CULTURE_SOCIETY],
    "p2.3.governance": [SectorGroup.GOVERNANCE],
}
TARGET_SECTIONS = {"p1.2.targets", "p2.3.targets", "v1.2.targets"}
# The district outline splits the assessment: the indicators likely to be reached, those hard
# to reach, and (part III) the indicators planned for the plan year.
REACHED_SECTIONS = {"d1.2.achievable"}
BELOW_SECTIONS = {"d1.2.difficult"}
PLANNED_SECTIONS = {"d3.targets", "v3.targets"}
BALANCE_SECTIONS = {"p2.4.balance", "p2.2.resources", "d2.2.budget", "v2.2.structure"}
PROPOSAL_SECTIONS = {"p1.3.overview"}
# Sections about monitoring and evaluation, and which framework rows each one counts.
MONITORING_SECTIONS = {
    "p2.5.monitoring": "all",
    "v4.2.monitoring": "all",
    "v4.1.targets": "indicators",
    "v4.1.actions": "activities",
}


SECTOR_PLANS = (K.DISTRICT_SECTOR_PLAN, K.PROVINCE_SECTOR_PLAN)
# Whose plans an upper plan is built from (seed, district step 4-5 and province step 2-4).
BUILT_FROM = {
    K.COMMUNE_PLAN: "đề xuất của các thôn, đơn vị",
    K.DISTRICT_SECTOR_PLAN: "định hướng phát triển của ngành và nội dung khung kế hoạch các xã "
    "thuộc ngành",
    K.DISTRICT_PLAN: "kế hoạch phát triển ngành của các phòng, ban và khung kế hoạch của các xã",
    K.PROVINCE_SECTOR_PLAN: "kế hoạch của các đơn vị trực thuộc Sở và của các phòng chuyên "
    "môn cấp huyện thuộc ngành",
    K.PROVINCE_PLAN: "kế hoạch phát triển ngành của các Sở, ngành và kế hoạch của các huyện",
}


def is_sector_plan(plan) -> bool:
    return plan.kind in SECTOR_PLANS


def sector_name(plan) -> str:
    agency = plan.agency
    return agency.sector.name if agency.sector_id else agency.name


def is_input(plan) -> bool:
    return plan.kind in (K.VILLAGE_PROPOSAL, K.AGENCY_INPUT)


def template_for(plan) -> str:
    return TEMPLATES[plan.kind]


def issue_day(plan):
    """The date line's day: the approval date of an approved plan; blank on drafts."""
    if plan.status == PlanStatus.APPROVED and plan.reviewed_at:
        return plan.reviewed_at.date()
    return None


def years(text: str, plan) -> str:
    return text.replace("{X1}", str(plan.plan_year)).replace("{X}", str(plan.report_year))


def heading(plan, symbol: str) -> dict:
    """The heading of a document the plan's unit issues."""
    if is_input(plan):  # a village group or an agency, under the commune's committee
        issuer, superior = upper(plan.agency.name), committee_short(_commune_of(plan))
    elif is_sector_plan(plan):  # a district office or a Sở, under its People's Committee
        issuer, superior = upper(plan.agency.name), committee_short(plan.unit)
    else:
        issuer, superior = committee(plan.unit), superior_of(plan.unit)
    return {
        "superior": superior,
        "issuer": issuer,
        "number_line": number_line(symbol),
        "place_date": place_date(plan.unit, issue_day(plan), plan.report_year),
    }


def annex_reference(plan) -> str:
    day = issue_day(plan)
    when = f"{day:%d/%m/%Y}" if day else "      /      /" + str(plan.report_year)
    own = is_input(plan) or is_sector_plan(plan)
    issuer = plan.agency.name if own else f"UBND {in_text(plan.unit)}"
    kind = "Kế hoạch" if not is_input(plan) else "Đề xuất"
    return f"(Kèm theo {kind} số        ngày {when} của {issuer})"


def _sector_summary(plan, groups) -> list[dict]:
    """'Số hoạt động: 12; tổng kinh phí: 3.400.000.000 đồng' for a group of sectors."""
    totals = (
        Activity.objects.filter(plan=plan, sector__group__in=groups)
        .exclude(status=ActivityStatus.REMOVED)
        .aggregate(cost=Sum("cost_estimate"), count=Count("id"))
    )
    count = totals["count"] or 0
    if not count:
        return []
    return points(
        [
            f"Số hoạt động đề xuất thực hiện năm {plan.plan_year}: {count}",
            f"Tổng kinh phí dự kiến: {money(totals['cost'])} đồng "
            "(chi tiết tại Phụ lục 02 kèm theo)",
        ]
    )


def _target_lines(indicator_rows, plan) -> dict:
    rows = [r for r in indicator_rows if not r["heading"]]
    reached = [r for r in rows if r["pct_done"] and _number(r["pct_done"]) >= 100]
    below = [r for r in rows if r["pct_done"] and _number(r["pct_done"]) < 100]
    planned = [r for r in rows if r["kh_next"]]
    return {
        "reached": f"Số chỉ tiêu ước đạt và vượt kế hoạch năm {plan.report_year}: "
        f"{len(reached)}/{len(rows)}",
        "below": f"Số chỉ tiêu ước chưa đạt kế hoạch năm {plan.report_year}: {len(below)}"
        + (": " + "; ".join(r["name"] for r in below[:8]) if below else ""),
        "planned": f"Số chỉ tiêu có kế hoạch năm {plan.plan_year}: {len(planned)} "
        "(chi tiết tại Phụ lục 01 kèm theo)",
    }


def _target_summary(indicator_rows, plan, keys=("reached", "below", "planned")) -> list[dict]:
    lines = _target_lines(indicator_rows, plan)
    return points([lines[key] for key in keys])


def _number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def _balance_summary(plan) -> list[dict]:
    totals = totals_by_source(plan)
    lines = [
        f"Tổng nhu cầu vốn: {money(totals['total_cost'])} đồng",
        f"Các nguồn có khả năng huy động: {money(totals['funded'])} đồng",
        f"Chênh lệch chưa có nguồn: {money(totals['gap'])} đồng (chi tiết tại Phụ lục 03 kèm theo)",
    ]
    if plan.expected_envelope:
        lines.insert(2, f"Khả năng vốn dự kiến năm kế hoạch: {money(plan.expected_envelope)} đồng")
    return points(lines)


def _proposal_summary(plan, proposal_rows) -> list[dict]:
    rows = [r for r in proposal_rows if not r["heading"]]
    authors = len([r for r in proposal_rows if r["heading"]])
    if not rows:
        return []
    return points(
        [
            f"Số {PROPOSER_WORDS.get(plan.kind, 'thôn, đơn vị')} gửi đề xuất: {authors}; "
            f"số đề xuất: {len(rows)}",
            "Kết quả xem xét từng đề xuất tại Phụ lục 04 kèm theo",
        ]
    )


def framework_annex_number(plan) -> str:
    """The M&E framework is the last annex: after the unit annex (05) of a province."""
    return "06" if TEMPLATES[plan.kind] == "plan_province.docx" else "05"


def _framework_summary(plan, framework_rows, which) -> list[dict]:
    if not framework_rows:
        return []
    counts = {"indicators": 0, "activities": 0}
    for row in framework_rows:
        counts[row["group"]] += 0 if row["heading"] else 1
    annex = f"Phụ lục {framework_annex_number(plan)}"
    if which == "indicators":
        lines = [f"Số chỉ tiêu được theo dõi, đánh giá: {counts['indicators']}"]
    elif which == "activities":
        lines = [f"Số hoạt động được theo dõi, đánh giá: {counts['activities']}"]
    else:
        lines = [
            f"Khung theo dõi, đánh giá gồm {counts['indicators']} chỉ tiêu và "
            f"{counts['activities']} hoạt động, nêu rõ nguồn số liệu, đơn vị thu thập, tần suất, "
            "biểu mẫu báo cáo, nơi nhận và thời hạn báo cáo"
        ]
    lines.append(f"Chi tiết tại {annex} kèm theo")
    return points(lines)


def body_blocks(plan, indicator_rows, proposal_rows, framework_rows=()) -> list[dict]:
    """The outline in document order; each leaf holds its section's text, then the figures
    the document adds from the data (targets, balance, activities by sector)."""
    tree = outlines.DOCUMENT_OUTLINES[plan.kind]
    texts = dict(plan.sections.values_list("code", "body"))
    blocks = []
    for style, title, code in outlines.walk(tree, with_parts=not is_input(plan)):
        blocks.append({"style": style, "text": years(title, plan)})
        if code is None:
            continue
        filled = paragraphs(texts.get(code, ""))
        if code in TARGET_SECTIONS:
            filled += _target_summary(indicator_rows, plan)
        if code in REACHED_SECTIONS:
            filled += _target_summary(indicator_rows, plan, ("reached",))
        if code in BELOW_SECTIONS:
            filled += _target_summary(indicator_rows, plan, ("below",))
        if code in PLANNED_SECTIONS:
            filled += _target_summary(indicator_rows, plan, ("planned",))
        if code in BALANCE_SECTIONS:
            filled += _balance_summary(plan)
        if code in SECTOR_SECTIONS:
            filled += _sector_summary(plan, SECTOR_SECTIONS[code])
        if code in PROPOSAL_SECTIONS:
            filled += _proposal_summary(plan, proposal_rows)
        if code in MONITORING_SECTIONS:
            filled += _framework_summary(plan, framework_rows, MONITORING_SECTIONS[code])
        blocks.extend(filled or [EMPTY])
    if is_input(plan):
        blocks.extend(_input_closing(plan))
    if plan.kind in REGISTER_SECTIONS:
        blocks.extend(_register_section(plan, len(tree[-1][1]) + 1))
    return blocks


# The seed asks a district office to state in its sector plan where it keeps its own
# position against a commune, with its arguments (district step 4, "bảo lưu ý kiến của mình
# trong KHPT ngành"): the register is the last section of the plan's last part, so the
# seed's three parts stay as they are.
REGISTER_SECTIONS = {K.DISTRICT_SECTOR_PLAN: "Những điểm chưa nhất trí với các xã"}


def _register_section(plan, number) -> list[dict]:
    title = REGISTER_SECTIONS[plan.kind]
    blocks = [{"style": "section", "text": f"{outlines.roman(number)}. {title}"}]
    register = plan.disagreements.prefetch_related("parties").order_by("pk")
    for index, d in enumerate(register, start=1):
        parties = ", ".join(a.name for a in d.parties.all())
        status = (
            f"Đã thống nhất tại {d.settled_where}: {d.outcome}" if d.settled else "Chưa thống nhất"
        )
        blocks.append({"style": "clause", "text": f"{index}. {d.subject}"})
        lines = [
            f"Các bên: {parties}" if parties else "",
            f"Ý kiến các bên: {d.positions}" if d.positions else "",
            f"Lập luận của phòng: {d.arguments}" if d.arguments else "",
            f"Kết quả: {status}",
        ]
        blocks.extend(points(line for line in lines if line))
    if len(blocks) == 1:
        blocks.append({"style": "body", "text": "Không có điểm chưa nhất trí với các xã."})
    return blocks


def _input_closing(plan) -> list[dict]:
    """A proposal ends with what it asks for, and (for a village) the meeting that agreed."""
    totals = totals_by_source(plan)
    number = len(outlines.INPUT) + 1
    blocks = [
        {
            "style": "section",
            "text": f"{outlines.roman(number)}. Đề xuất hoạt động năm {plan.plan_year}",
        },
        *points(
            [
                f"Số hoạt động đề xuất: {totals['count']}",
                f"Tổng kinh phí: {money(totals['total_cost'])} đồng, trong đó nhân dân đóng góp "
                f"{money(_people_total(plan))} đồng",
                "Danh mục hoạt động theo thứ tự ưu tiên tại Phụ lục 01 kèm theo",
            ]
        ),
    ]
    meeting = plan.meetings.order_by("-date").first()
    if meeting is not None:
        blocks.append({"style": "section", "text": f"{outlines.roman(number + 1)}. Cuộc họp thôn"})
        blocks.append(
            {
                "style": "body",
                "text": f"Ngày {meeting.date:%d/%m/%Y}"
                + (f", tại {meeting.place}" if meeting.place else "")
                + f": {meeting.total_attending} người tham dự ({meeting.men} nam, "
                f"{meeting.women} nữ; {meeting.ethnic_minority} người dân tộc thiểu số).",
            }
        )
        blocks.extend(paragraphs(meeting.decisions_text))
    return blocks


def _commune_of(plan):
    """The commune an input goes to: a village's parent, an agency's own unit."""
    if plan.kind == K.VILLAGE_PROPOSAL and plan.unit.parent_id:
        return plan.unit.parent
    return plan.unit


def _people_total(plan) -> int:
    sums = plan.activities.aggregate(**{f: Sum(f) for f in PEOPLE_FIELDS})
    return sum(v or 0 for v in sums.values())


def _signature(plan) -> dict:
    if plan.kind == K.VILLAGE_PROPOSAL:
        return {"authority": "TM. TỔ CÔNG TÁC", "title": "TỔ TRƯỞNG", "note": "", "name": ""}
    if plan.kind == K.AGENCY_INPUT:
        return {"authority": upper(plan.agency.name), "title": "THỦ TRƯỞNG", "note": "", "name": ""}
    if plan.kind == K.DISTRICT_SECTOR_PLAN:
        return {"authority": "", "title": "TRƯỞNG PHÒNG", "note": "", "name": ""}
    if plan.kind == K.PROVINCE_SECTOR_PLAN:
        return {"authority": "", "title": "GIÁM ĐỐC", "note": "", "name": ""}
    return {"authority": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "note": "", "name": ""}


def _recipients(plan) -> list[str]:
    level = LEVEL_WORD.get(plan.kind)
    if is_input(plan):
        return [f"UBND {in_text(_commune_of(plan))} (Tổ công tác KH xã);", "Lưu."]
    if plan.kind == K.COMMUNE_PLAN:
        above = plan.unit.parent.name if plan.unit.parent_id else ""
        return [
            f"UBND {above} (Phòng Tài chính - Kế hoạch);",
            "Thường trực Đảng ủy, HĐND xã;",
            "Các thôn, đơn vị trên địa bàn xã;",
            "Lưu: VT.",
        ]
    if plan.kind == K.DISTRICT_SECTOR_PLAN:  # to phòng TCKH and up the sector line
        return [
            f"Phòng Tài chính - Kế hoạch {in_text(plan.unit)};",
            f"Sở quản lý ngành {sector_name(plan)};",
            "UBND các xã, thị trấn;",
            "Lưu: VT.",
        ]
    if plan.kind == K.PROVINCE_SECTOR_PLAN:  # to Sở KHĐT and the ministry
        return [
            f"Bộ quản lý ngành {sector_name(plan)};",
            "Sở Kế hoạch và Đầu tư;",
            f"UBND {in_text(plan.unit)};",
            "Lưu: VT.",
        ]
    if level == "huyện":
        return [
            "UBND tỉnh (Sở Kế hoạch và Đầu tư);",
            "Thường trực Huyện ủy, HĐND huyện;",
            "Các phòng, ban; UBND các xã, thị trấn;",
            "Lưu: VT.",
        ]
    return [
        "Bộ Kế hoạch và Đầu tư;",
        "Thường trực Tỉnh ủy, HĐND tỉnh;",
        "Các sở, ban, ngành; UBND các huyện, thị xã, thành phố;",
        "Lưu: VT.",
    ]


ANNEX_TITLES = {
    "indicators": "CÁC CHỈ TIÊU KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {X1}",
    "activities": "DANH MỤC HOẠT ĐỘNG THEO NHÓM LĨNH VỰC, KINH PHÍ VÀ NGUỒN VỐN NĂM {X1}",
    "balance": "CÂN ĐỐI NGUỒN LỰC THỰC HIỆN KẾ HOẠCH NĂM {X1}",
    "proposals": "DANH SÁCH ĐỀ XUẤT CỦA CÁC THÔN, ĐƠN VỊ VÀ KẾT QUẢ XEM XÉT",
    "units": "CHỈ TIÊU KẾ HOẠCH NĂM {X1} CỦA CÁC ĐƠN VỊ",
    "framework": "KHUNG THEO DÕI, ĐÁNH GIÁ THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {X1}",
}
# What the upper plans list in the proposals annex: the lines of the plans they consolidate.
PROPOSALS_TITLES = {
    K.DISTRICT_SECTOR_PLAN: "DANH SÁCH ĐỀ XUẤT CỦA CÁC XÃ THUỘC NGÀNH VÀ KẾT QUẢ XEM XÉT",
    K.DISTRICT_PLAN: "DANH SÁCH ĐỀ XUẤT TRONG KẾ HOẠCH CỦA CÁC PHÒNG, BAN VÀ CÁC XÃ VÀ KẾT QUẢ "
    "XEM XÉT",
    K.PROVINCE_SECTOR_PLAN: "DANH SÁCH ĐỀ XUẤT CỦA CÁC ĐƠN VỊ TRỰC THUỘC VÀ CÁC PHÒNG CHUYÊN "
    "MÔN CẤP HUYỆN VÀ KẾT QUẢ XEM XÉT",
    K.PROVINCE_PLAN: "DANH SÁCH ĐỀ XUẤT TRONG KẾ HOẠCH CỦA CÁC SỞ, NGÀNH VÀ CÁC HUYỆN VÀ KẾT "
    "QUẢ XEM XÉT",
}
NOTES = {
    "activity_rows_notes": [
        "Ghi chú: số tiền tính bằng đồng; cột (13) gồm đóng góp của nhân dân bằng tiền, "
        "ngày công, vật tư và đất (quy ra tiền)."
    ],
    "indicator_rows_notes": [
        "Ghi chú: số liệu của đơn vị; ô không có số liệu riêng lấy số tổng hợp từ các đơn vị "
        "cấp dưới."
    ],
    "balance_rows_notes": [],
    "proposal_rows_notes": [],
    "unit_rows_notes": ["Ghi chú: số liệu do từng đơn vị nhập."],
    "framework_rows_notes": [
        "Ghi chú: thời hạn báo cáo tính từ ngày kết thúc mỗi kỳ theo tần suất; chỉ tiêu được "
        "theo dõi theo số thực hiện, hoạt động theo tiến độ và kinh phí đã thực hiện."
    ],
}


# The proposals annex's "who proposed" column: the authors of the plans a level consolidates
# (BUILT_FROM): villages and agencies for a commune, communes for a district office, …
PROPOSER_HEADINGS = {
    K.COMMUNE_PLAN: "Thôn, đơn vị đề xuất",
    K.DISTRICT_SECTOR_PLAN: "Xã đề xuất",
    K.DISTRICT_PLAN: "Xã, phòng ban đề xuất",
    K.PROVINCE_SECTOR_PLAN: "Đơn vị trực thuộc, phòng ngành huyện đề xuất",
    K.PROVINCE_PLAN: "Huyện, Sở ngành đề xuất",
}
# How the text counts those authors ("Số thôn, đơn vị gửi đề xuất: 3").
PROPOSER_WORDS = {
    K.COMMUNE_PLAN: "thôn, đơn vị",
    K.DISTRICT_SECTOR_PLAN: "xã",
    K.DISTRICT_PLAN: "xã, phòng ban",
    K.PROVINCE_SECTOR_PLAN: "đơn vị trực thuộc, phòng ngành huyện",
    K.PROVINCE_PLAN: "huyện, Sở ngành",
}


# The proposals annex reads the village's outcome words (tables.outcome_of); above the
# commune a line that was kept is kept in this level's plan, not "the commune plan".
KEPT_IN = {
    K.DISTRICT_SECTOR_PLAN: "Được giữ trong kế hoạch ngành",
    K.DISTRICT_PLAN: "Được giữ trong kế hoạch huyện",
    K.PROVINCE_SECTOR_PLAN: "Được giữ trong kế hoạch ngành",
    K.PROVINCE_PLAN: "Được giữ trong kế hoạch tỉnh",
}


def _level_outcomes(plan, rows) -> list[dict]:
    kept_in = KEPT_IN.get(plan.kind)
    if kept_in is None:
        return rows
    commune_words = str(Outcome.KEPT)
    for row in rows:
        if not row["heading"] and row["outcome"].startswith(commune_words):
            row["outcome"] = kept_in + row["outcome"][len(commune_words) :]
    return rows


def plan_context(plan, report) -> dict:
    report(10, "indicators")
    consolidates = not is_input(plan)
    indicator_rows = tables.indicator_rows(plan) if consolidates else []
    report(30, "activities")
    activity_rows = tables.activity_rows(plan, keep_removed=not consolidates)
    proposal_rows = _level_outcomes(plan, tables.proposal_rows(plan)) if consolidates else []
    unit_rows = (
        tables.unit_indicator_rows(plan)
        if plan.kind in (K.PROVINCE_PLAN, K.PROVINCE_SECTOR_PLAN)
        else []
    )
    framework_rows = tables.framework_rows(plan) if consolidates else []
    report(50, "text")
    level = LEVEL_WORD.get(plan.kind, "")
    if consolidates:
        doc_type, summary = "KẾ HOẠCH", f"Phát triển kinh tế - xã hội năm {plan.plan_year}"
        author = f"UBND {in_text(plan.unit)}"
        title = f"Kế hoạch phát triển kinh tế - xã hội {level} năm {plan.plan_year}"
        symbol = "KH-UBND"
        if is_sector_plan(plan):
            summary = f"Phát triển ngành {sector_name(plan)} năm {plan.plan_year}"
            author = plan.agency.name
            title = f"Kế hoạch phát triển ngành {sector_name(plan)} năm {plan.plan_year}"
            symbol = "KH"
        built_from = BUILT_FROM.get(plan.kind, "đề xuất của các đơn vị")
        intro = [
            f"Căn cứ quy trình lập kế hoạch phát triển kinh tế - xã hội hằng năm của "
            f"UBND {_root_name(plan.unit)};",
            f"Căn cứ hướng dẫn của cấp trên về xây dựng kế hoạch phát triển kinh tế - xã hội "
            f"năm {plan.plan_year};",
            f"Trên cơ sở kết quả thực hiện năm {plan.report_year} và {built_from}, "
            f"{author} xây dựng {title} như sau:",
        ]
    else:
        doc_type = "ĐỀ XUẤT KẾ HOẠCH"
        summary = f"Phát triển kinh tế - xã hội năm {plan.plan_year} của {plan.agency.name}"
        intro = [f"Kính gửi: UBND {in_text(_commune_of(plan))}"]
        symbol = "ĐX"
    context = {
        **heading(plan, symbol),
        "doc_type": doc_type,
        "summary": summary,
        "intro": intro,
        "blocks": body_blocks(plan, indicator_rows, proposal_rows, framework_rows),
        "signature": _signature(plan),
        "recipients": _recipients(plan),
        "annex_titles": {
            key: years(text, plan)
            for key, text in {
                **ANNEX_TITLES,
                "proposals": PROPOSALS_TITLES.get(plan.kind, ANNEX_TITLES["proposals"]),
            }.items()
        },
        "annex_reference": annex_reference(plan),
        "h": tables.indicator_headings(plan.report_year),
        "indicator_rows": indicator_rows,
        "activity_rows": activity_rows,
        "balance_rows": tables.balance_rows(plan) if consolidates else [],
        "proposal_rows": proposal_rows,
        "proposer_heading": PROPOSER_HEADINGS.get(plan.kind, PROPOSER_HEADINGS[K.COMMUNE_PLAN]),
        "unit_rows": unit_rows,
        "framework_rows": framework_rows,
        **NOTES,
    }
    return context


def framework_context(plan, report) -> dict:
    """The M&E framework on its own, as the plan's annex (same number and reference line)."""
    report(20, "rows")
    return {
        "annex_number": framework_annex_number(plan),
        "annex_titles": {"framework": years(ANNEX_TITLES["framework"], plan)},
        "annex_reference": annex_reference(plan),
        "framework_rows": tables.framework_rows(plan),
        "framework_rows_notes": NOTES["framework_rows_notes"],
    }


def _root_name(unit) -> str:
    """The province at the top of the unit's tree (from its path), as written in a sentence."""
    from sedp.territory.models import AdminUnit

    root_id = int(unit.path.strip("/").split("/")[0])
    root = AdminUnit.objects.filter(pk=root_id).first()
    return in_text(root) if root else ""


def submission_context(plan, report) -> dict:
    """Tờ trình: the People's Committee asks the People's Council to adopt the plan."""
    report(20, "data")
    level = LEVEL_WORD.get(plan.kind, "")
    totals = totals_by_source(plan)
    indicator_rows = tables.indicator_rows(plan)
    goals = list(plan.results.filter(parent__isnull=True).values_list("title", flat=True))
    children = plan.meetings.order_by("date")
    blocks = [
        {"style": "section", "text": "I. SỰ CẦN THIẾT VÀ QUÁ TRÌNH XÂY DỰNG KẾ HOẠCH"},
        {
            "style": "body",
            "text": f"Thực hiện quy trình lập kế hoạch phát triển kinh tế - xã hội hằng năm, "
            f"UBND {in_text(plan.unit)} đã tổ chức tổng hợp đề xuất của các đơn vị, đánh giá kết "
            f"quả thực hiện năm {plan.report_year} và xây dựng dự thảo Kế hoạch phát triển "
            f"kinh tế - xã hội năm {plan.plan_year}.",
        },
        *points(
            f"{meeting_title(m.kind, plan.kind)} ngày {m.date:%d/%m/%Y}: "
            f"{m.total_attending} người tham dự"
            for m in children
        ),
        {"style": "section", "text": "II. NỘI DUNG CHỦ YẾU CỦA KẾ HOẠCH"},
        {"style": "clause", "text": "1. Mục tiêu"},
        *(points(goals) if goals else [EMPTY]),
        {"style": "clause", "text": "2. Các chỉ tiêu chủ yếu"},
    ]
    planned = [r for r in indicator_rows if not r["heading"] and r["kh_next"]]
    blocks += [
        {"style": "body", "text": f"- {r['name']}: {r['kh_next']} {r['unit']}"} for r in planned
    ] or [EMPTY]
    blocks += [
        {"style": "clause", "text": "3. Nhu cầu vốn và nguồn lực"},
        *points(
            [f"Tổng nhu cầu vốn: {money(totals['total_cost'])} đồng"]
            + [f"{label}: {money(amount)} đồng" for label, amount in totals["rows"] if amount]
            + [f"Chênh lệch chưa có nguồn: {money(totals['gap'])} đồng"]
        ),
        {"style": "section", "text": "III. KIẾN NGHỊ"},
        {
            "style": "body",
            "text": f"UBND {in_text(plan.unit)} kính trình HĐND {in_text(plan.unit)} xem xét, "
            f"thông qua Kế hoạch phát triển kinh tế - xã hội {level} năm {plan.plan_year}./.",
        },
    ]
    report(50, "text")
    return {
        **heading(plan, "TTr-UBND"),
        "doc_type": "TỜ TRÌNH",
        "summary": f"Về việc thông qua Kế hoạch phát triển kinh tế - xã hội năm {plan.plan_year}",
        "intro": [f"Kính gửi: Hội đồng nhân dân {in_text(plan.unit)}"],
        "blocks": blocks,
        "signature": _signature(plan),
        "recipients": ["Như trên;", "Thường trực cấp ủy;", "Lưu: VT."],
    }


def feedback_context(plan, report) -> dict:
    """The commune's written answer to a village (or agency) on each of its proposals."""
    from sedp.plans.services import parent_plan_of

    report(20, "data")
    parent = parent_plan_of(plan)
    commune = parent.unit if parent else (plan.unit.parent or plan.unit)
    activities = proposals_with_outcomes(plan)
    rows = [
        {
            "heading": False,
            "no": number,
            "title": a.title,
            "cost": money(a.cost_estimate),
            "outcome": str(a.outcome) + ("; gộp với đề xuất tương tự" if a.merged else ""),
            "reason": a.outcome_reason,
        }
        for number, a in enumerate(activities, start=1)
    ]
    submitted = f" ngày {plan.submitted_at:%d/%m/%Y}" if plan.submitted_at else ""
    conference = ""
    if parent is not None:
        meeting = parent.meetings.filter(kind="commune_conference").order_by("-date").first()
        if meeting is not None:
            conference = f" và Hội nghị lập KH xã ngày {meeting.date:%d/%m/%Y}"
    return {
        "superior": superior_of(commune),
        "issuer": committee(commune),
        "number_line": number_line("TB-UBND"),
        "place_date": place_date(commune, None, plan.report_year),
        "doc_type": "THÔNG BÁO",
        "summary": f"Kết quả xem xét đề xuất kế hoạch năm {plan.plan_year} của {plan.agency.name}",
        "intro": [f"Kính gửi: {plan.agency.name}"],
        "blocks": [
            {
                "style": "body",
                "text": f"UBND {in_text(commune)} đã nhận được đề xuất kế hoạch phát triển "
                f"kinh tế - xã hội năm {plan.plan_year} của {plan.agency.name}{submitted}. "
                f"Qua tổng hợp, rà soát{conference}, UBND {in_text(commune)} thông báo kết quả "
                "xem xét từng đề xuất như sau:",
            }
        ],
        "proposal_rows": rows,
        "closing": [
            {
                "style": "body",
                "text": f"Đề nghị {plan.agency.name} thông báo kết quả này đến nhân dân; các đề "
                "xuất chưa được đưa vào kế hoạch sẽ được xem xét trong các năm tiếp theo khi có "
                "nguồn lực./.",
            }
        ],
        "signature": {
            "authority": "TM. ỦY BAN NHÂN DÂN",
            "title": "CHỦ TỊCH",
            "note": "",
            "name": "",
        },
        "recipients": [f"{plan.agency.name};", "Tổ công tác KH xã;", "Lưu: VT."],
    }
