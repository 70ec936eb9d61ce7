"""Demo of commune step 1 in Mường Hum (report year 2026): the documents flowing down, the
commune planning group, the village working groups (one without a woman, so the warning
shows) and the kick-off meeting, all through the services. Idempotent."""

import datetime

from django.contrib.auth import get_user_model

from sedp.directives.demo import COMMUNE, YEAR, load_demo_documents
from sedp.groups.models import WorkingGroup
from sedp.groups.services import group_set_up
from sedp.territory.models import AdminUnit, Agency, AgencyKind


def _m(name, role, sex, ethnicity, title="other", position="", organisation="", poor=False):
    return {"name": name, "role": role, "title": title, "sex": sex, "ethnicity": ethnicity,
            "position": position, "organisation": organisation, "poor_household": poor}  # fmt: skip


COMMUNE_GROUP = [
    _m("Lý Văn Thành", "chair", "m", "Giáy", "ubnd_vice_economy", "Phó Chủ tịch UBND xã"),
    _m("Vàng Thị Lan", "secretary", "f", "Giáy", position="Công chức Văn phòng - Thống kê"),
    _m("Giàng Seo Páo", "member", "m", "Mông", position="Công chức Tài chính - Kế toán"),
    _m("Lò Thị Hương", "member", "f", "Giáy", position="Chủ tịch Hội LHPN xã",
       organisation="Hội Liên hiệp Phụ nữ"),
    _m("Tẩn Láo Lở", "member", "m", "Dao", position="Công chức Địa chính - Nông nghiệp"),
    _m("Sùng A Tủa", "member", "m", "Mông", position="Bí thư Đoàn xã",
       organisation="Đoàn Thanh niên"),
]  # fmt: skip
# Village name -> members; Thôn Pờ Hồ has no woman yet (the page warns).
VILLAGE_GROUPS = {
    "Thôn Mường Hum": [
        _m("Lò Văn Sinh", "chair", "m", "Giáy", "village_head", "Trưởng thôn"),
        _m("Hoàng Thị Mai", "member", "f", "Giáy", organisation="Chi hội Phụ nữ"),
        _m("Lù Văn Chiến", "member", "m", "Giáy", organisation="Chi hội Nông dân"),
        _m("Vàng Thị Dín", "member", "f", "Mông", poor=True),
    ],
    "Thôn Pờ Hồ": [
        _m("Sùng A Chứ", "chair", "m", "Mông", "party_cell_secretary", "Bí thư chi bộ"),
        _m("Giàng A Lử", "member", "m", "Mông", organisation="Chi đoàn Thanh niên"),
        _m("Thào A Sình", "member", "m", "Mông", organisation="Chi hội Cựu chiến binh"),
        _m("Vừ A Dế", "member", "m", "Mông", poor=True),
    ],
    "Thôn Sùng Bang": [
        _m("Tẩn Văn Phin", "chair", "m", "Dao", "village_head", "Trưởng thôn"),
        _m("Chảo Thị Mẩy", "member", "f", "Dao", organisation="Chi hội Phụ nữ"),
        _m("Lý Láo San", "member", "m", "Dao", organisation="Chi hội Nông dân"),
        _m("Tẩn Thị Xuân", "member", "f", "Dao", poor=True),
        _m("Phùn Văn Chài", "member", "m", "Dao", organisation="Chi đoàn Thanh niên"),
    ],
}


def load_step1_demo(say=lambda _msg: None) -> None:
    load_demo_documents(say)
    commune = AdminUnit.objects.filter(structure__code=COMMUNE[0], code=COMMUNE[1]).first()
    if commune is None:
        return
    group = Agency.objects.filter(unit=commune, kind=AgencyKind.COMMUNE_PLANNING_GROUP).first()
    if group is None or WorkingGroup.objects.filter(agency=group, report_year=YEAR).exists():
        return
    users = {u.username: u for u in get_user_model().objects.all()}
    group_set_up(
        user=users.get("ubnd.muonghum"),
        agency=group,
        report_year=YEAR,
        members=COMMUNE_GROUP,
        decision_number="46/QĐ-UBND",
        decision_date=datetime.date(2026, 5, 6),
    )
    villages = Agency.objects.filter(
        unit__parent=commune, kind=AgencyKind.VILLAGE_WORKING_GROUP
    ).select_related("unit")
    for agency in villages:
        members = VILLAGE_GROUPS.get(agency.unit.name)
        if members:
            group_set_up(user=users.get("kh.muonghum"), agency=agency, report_year=YEAR,
                         members=members)  # fmt: skip
    _kickoff(commune, users.get("ubnd.muonghum"))
    say("Bước 1 xã Mường Hum: tổ công tác KH xã, tổ công tác các thôn, hội nghị triển khai")


def _kickoff(commune, user) -> None:
    """The kick-off meeting, recorded by the commune People's Committee's service, with the
    people each invited agency sent (two each, the planning group all its members)."""
    from sedp.meetings.kickoff import kickoff_agencies, kickoff_of, kickoff_record

    if user is None or kickoff_of(commune=commune, report_year=YEAR) is not None:
        return
    attendance, counted = {}, 0
    for agency in kickoff_agencies(commune):
        people = 6 if agency.kind == AgencyKind.COMMUNE_PLANNING_GROUP else 2
        if counted + people <= 48:
            attendance[agency], counted = people, counted + people
    kickoff_record(
        user=user,
        commune=commune,
        report_year=YEAR,
        attendance=attendance,
        date=datetime.date(2026, 5, 8),
        place="Hội trường UBND xã Mường Hum",
        men=31,
        women=17,
        ethnic_minority=44,
        agenda="Hướng dẫn điền biểu số liệu cơ bản thôn, biểu đề xuất KH thôn và mẫu cung cấp "
        "thông tin của các cơ quan cấp xã.",
        decisions_text="Các thôn họp thôn và gửi biểu về xã trước ngày 01/6/2026; trường học, "
        "trạm y tế, bộ phận chuyên môn gửi mẫu cung cấp thông tin trước ngày 01/6/2026.",
        minutes="Hội nghị thống nhất lịch thực hiện và phân công thu thập thông tin.",
    )
