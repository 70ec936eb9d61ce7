"""The minutes (biên bản) of a meeting: when and where, who attended (by sex, ethnicity,
poor households and by agency), what was discussed, what was decided and where parties
disagreed."""

from sedp.documents.wording import (
    EMPTY,
    committee,
    committee_short,
    in_text,
    number_line,
    paragraphs,
    place_date,
    points,
    superior_of,
    upper,
)
from sedp.meetings.models import MeetingKind

# What the summary line calls each kind of meeting.
MEETING_TITLES = {
    MeetingKind.VILLAGE_MEETING: "Họp thôn thảo luận đề xuất kế hoạch năm {X1}",
    MeetingKind.WORKING_GROUP: "Họp tổ công tác kế hoạch",
    MeetingKind.KICKOFF: "Hội nghị triển khai xây dựng kế hoạch năm {X1}",
    MeetingKind.COMMUNE_CONFERENCE: "Hội nghị lập KH xã năm {X1}",
    MeetingKind.DISTRICT_CONFERENCE: "Hội nghị xây dựng KHPT KTXH huyện năm {X1} (Hội nghị lần 2)",
    MeetingKind.SECTOR_CONFERENCE: "Hội nghị lập KHPT ngành năm {X1}",
    MeetingKind.PROVINCE_CONFERENCE: "Hội nghị lập KHPT KTXH tỉnh năm {X1}",
    MeetingKind.CONSULTATION: "Hội nghị lấy ý kiến cộng đồng về dự thảo kế hoạch năm {X1}",
}


# The district conference on the directional plan is conference 1 (seed, district step 3).
PLAN_MEETING_TITLES = {
    (MeetingKind.DISTRICT_CONFERENCE, "district_orientation"): (
        "Hội nghị lần 1 chuẩn bị triển khai xây dựng KHPT KTXH huyện năm {X1}"
    ),
    (MeetingKind.CONSULTATION, "district_orientation"): (
        "Hội nghị đối thoại với doanh nghiệp về định hướng phát triển năm {X1}"
    ),
}


def _title(meeting):
    plan_kind = meeting.plan.kind if meeting.plan_id else None
    return PLAN_MEETING_TITLES.get((meeting.kind, plan_kind)) or MEETING_TITLES[meeting.kind]


def _years(text, meeting):
    report_year = meeting.plan.report_year if meeting.plan_id else meeting.date.year
    return text.replace("{X1}", str(report_year + 1))


def minutes_context(meeting, report) -> dict:
    report(20, "data")
    unit = meeting.unit
    title = _years(_title(meeting), meeting)
    if meeting.kind == MeetingKind.VILLAGE_MEETING and meeting.plan_id:
        issuer = upper(meeting.plan.agency.name)
        superior = committee_short(unit.parent) if unit.parent_id else ""
    else:
        issuer, superior = committee(unit), superior_of(unit)
    attendance = list(meeting.attendance.select_related("agency").order_by("agency__name"))
    decisions = list(meeting.decisions.select_related("activity").order_by("pk"))
    disagreements = list(meeting.disagreements.prefetch_related("parties").order_by("pk"))
    blocks = [
        {"style": "section", "text": "I. THỜI GIAN, ĐỊA ĐIỂM"},
        {
            "style": "body",
            "text": f"Vào ngày {meeting.date:%d/%m/%Y}"
            + (f", tại {meeting.place}" if meeting.place else "")
            + f", {in_text(unit)} tổ chức {title[:1].lower()}{title[1:]}.",
        },
        {"style": "section", "text": "II. THÀNH PHẦN THAM DỰ"},
        {
            "style": "body",
            "text": f"Tổng số người tham dự: {meeting.total_attending} người, trong đó "
            f"{meeting.men} nam, {meeting.women} nữ; {meeting.ethnic_minority} người dân tộc "
            f"thiểu số; {meeting.poor_households} người thuộc hộ nghèo.",
        },
    ]
    if attendance:
        blocks.append({"style": "body", "text": "Các cơ quan, đơn vị tham dự:"})
    rows = [
        {"no": number, "agency": a.agency.name, "people": a.people}
        for number, a in enumerate(attendance, start=1)
    ]
    closing = [{"style": "section", "text": "III. NỘI DUNG"}]
    if meeting.agenda:
        closing.append({"style": "clause", "text": "1. Chương trình"})
        closing.extend(paragraphs(meeting.agenda))
        closing.append({"style": "clause", "text": "2. Diễn biến"})
    closing.extend(paragraphs(meeting.minutes) or [EMPTY])
    closing.append({"style": "section", "text": "IV. KẾT LUẬN, QUYẾT ĐỊNH"})
    decided = paragraphs(meeting.decisions_text)
    decided += points(
        d.text
        + (
            f" ({d.activity.title}: {d.status_change()})"
            if d.activity and d.status_change()
            else ""
        )
        for d in decisions
    )
    closing.extend(decided or [EMPTY])
    closing.append({"style": "section", "text": "V. NHỮNG Ý KIẾN CHƯA THỐNG NHẤT"})
    closing.extend(
        points(
            f"{d.subject} — các bên: {', '.join(p.name for p in d.parties.all()) or '—'}; "
            f"ý kiến: {d.positions.rstrip('.') or '—'}; "
            + (f"đã thống nhất tại {d.settled_where}" if d.settled else "chưa thống nhất")
            for d in disagreements
        )
        or [{"style": "body", "text": "Không có."}]
    )
    closing.append(
        {
            "style": "body",
            "text": "Biên bản được lập thành 02 bản, đã đọc lại cho những người tham dự cùng "
            "nghe và thống nhất./.",
        }
    )
    report(50, "text")
    return {
        "superior": superior,
        "issuer": issuer,
        "number_line": number_line("BB"),
        "place_date": place_date(unit, meeting.date),
        "doc_type": "BIÊN BẢN",
        "summary": _years(_title(meeting), meeting),
        "intro": [],
        "blocks": blocks,
        "attendance_rows": rows,
        "closing_blocks": closing,
        "secretary": "",
        "chair": "",
    }
