"""Demo of the district steps in Bát Xát (report year 2026): a second commune's accepted plan
routed by sector, the agriculture office's sector plan (draft 1, a disagreement kept against
the commune, waiting to be sent), the education office's sector plan sent and accepted, and
phòng TCKH's district plan consolidated from what has arrived (the education plan and the
commune lines no district office carries), written in full (Phần I–III) and issued as draft
1 — so that tckh.batxat reads a filled district plan and its Word document, and finds
conference 2, draft 2 and the sending to Sở KHĐT waiting (consolidating again takes in the
agriculture plan once pnn.batxat has sent it).

Through the services, as users would do it. Idempotent (skipped once the district plan exists).
Mường Hum's own plan is left in draft for the commune demo.
"""

import datetime

from django.contrib.auth import get_user_model

from sedp.activities.services import activity_create
from sedp.meetings.services import meeting_record
from sedp.plans.consolidation import plan_consolidate
from sedp.plans.demo import complete_commune_draft
from sedp.plans.models import Plan, PlanKind
from sedp.plans.services import plan_accept, plan_create, plan_submit, plan_update_sections
from sedp.territory.models import AdminUnit, Agency, AgencyKind, Sector
from sedp.upper import services

YEAR = 2026
DISTRICT = ("laocai-2015", "082")
SKIP_COMMUNE = "02728"  # Mường Hum: the commune demo's own
K = AgencyKind

PROPOSALS = [
    ("Xây dựng kênh mương nội đồng 800 m", "thuy-loi", 950_000_000),
    ("Hỗ trợ giống lúa chất lượng cao cho 80 hộ", "trong-trot-bvtv", 120_000_000),
    ("Sửa chữa 2 phòng học mầm non", "mam-non", 300_000_000),
    ("Bê tông hóa đường vào thôn 600 m", "giao-thong-xay-dung", 900_000_000),
]


# Phòng TCKH's text of the district plan (outline "NỘI DUNG BẢN KẾ HOẠCH cấp huyện"), as a
# mountain district writes it in June of year X.
DISTRICT_SECTIONS = {
    "d1.1.results": (
        "Tốc độ tăng trưởng giá trị sản xuất 6 tháng đầu năm ước đạt 8,3 %; thu ngân sách trên "
        "địa bàn đạt 56 % dự toán. Sản xuất vụ Đông Xuân đạt 102 % kế hoạch diện tích; đàn "
        "gia súc tăng 3 %. Khách du lịch đến Y Tý, A Mú Sung tăng 18 % so với cùng kỳ.\n"
        "Tỷ lệ trẻ em 5 tuổi đến trường đạt 99,6 %; 100 % xã có bác sĩ làm việc tại trạm y "
        "tế. Giải ngân vốn đầu tư công đạt 47 % kế hoạch."
    ),
    "d1.1.difficulties": (
        "Rét đậm, mưa đá đầu năm làm thiệt hại 120 ha lúa, ngô; sạt lở làm hư hỏng 14 km "
        "đường liên thôn. Sản xuất nông nghiệp còn nhỏ lẻ, thiếu liên kết tiêu thụ.\n"
        "Nguyên nhân: địa hình chia cắt, hạ tầng giao thông và thủy lợi vùng cao còn thiếu; "
        "nguồn vốn đối ứng của xã hạn chế; trình độ của một bộ phận cán bộ cơ sở chưa đáp ứng."
    ),
    "d1.2.achievable": (
        "Các chỉ tiêu về sản lượng lương thực, trồng rừng mới, tỷ lệ trẻ em đến trường và "
        "số xã đạt chuẩn quốc gia về y tế có khả năng đạt và vượt kế hoạch năm."
    ),
    "d1.2.difficult": (
        "Thu ngân sách từ đất, giải ngân vốn các chương trình mục tiêu quốc gia và giảm tỷ lệ "
        "hộ nghèo khó đạt kế hoạch do thiên tai và chậm giao vốn."
    ),
    "d1.2.measures": (
        "Khắc phục hậu quả thiên tai, khôi phục giao thông trước mùa mưa; đẩy nhanh giải ngân "
        "vốn đầu tư công; chỉ đạo sản xuất vụ Mùa đúng khung thời vụ; tăng cường thu ngân sách."
    ),
    "d2.1.national": (
        "Kinh tế trong nước phục hồi; giá vật tư nông nghiệp, xăng dầu còn biến động; chính "
        "sách hỗ trợ vùng đồng bào dân tộc thiểu số và miền núi tiếp tục được ưu tiên."
    ),
    "d2.1.province": (
        "Tỉnh tập trung phát triển du lịch, nông nghiệp hàng hóa vùng cao và hạ tầng kết nối "
        "các xã biên giới; cửa khẩu Kim Thành mở rộng giao thương."
    ),
    "d2.1.district": (
        "Huyện có lợi thế về chè Shan tuyết, quế, du lịch cộng đồng Y Tý; khó khăn do thiên "
        "tai thường xuyên và tỷ lệ hộ nghèo còn cao."
    ),
    "d2.2.investment": (
        "Tổng vốn đầu tư toàn xã hội năm X+1 dự báo khoảng 1.850 tỷ đồng, tăng 9 % so với "
        "ước thực hiện năm X; vốn ngân sách nhà nước chiếm khoảng 45 %."
    ),
    "d2.2.labour": (
        "Dân số trung bình dự báo 83.500 người, tăng 1,6 %; lao động trong độ tuổi 49.000 "
        "người, trong đó lao động qua đào tạo đạt 55 %."
    ),
    "d2.2.budget": (
        "Thu ngân sách trên địa bàn dự báo 390 tỷ đồng; chi cân đối ngân sách địa phương "
        "khoảng 1.020 tỷ đồng, chủ yếu từ bổ sung cân đối của ngân sách tỉnh."
    ),
    "d3.tasks": (
        "Phát triển nông nghiệp hàng hóa gắn với chế biến; phát triển du lịch cộng đồng; "
        "hoàn thiện hạ tầng giao thông, thủy lợi vùng cao; nâng cao chất lượng giáo dục, y "
        "tế; giảm nghèo bền vững; giữ vững quốc phòng, an ninh biên giới."
    ),
    "d3.directions": (
        "Ưu tiên nguồn lực cho các xã đặc biệt khó khăn và biên giới; lồng ghép các chương "
        "trình mục tiêu quốc gia; huy động doanh nghiệp và nhân dân cùng tham gia."
    ),
    "d3.targets": (
        "Tốc độ tăng trưởng giá trị sản xuất khoảng 8,8 %; tỷ lệ hộ nghèo giảm 3–4 điểm %; "
        "tỷ lệ che phủ rừng đạt 60 %; thêm 2 xã đạt chuẩn nông thôn mới."
    ),
}


def _sector(codes, code):
    return codes.get(code) or next(iter(codes.values()))


def load_demo_upper(say=lambda _msg: None) -> None:
    structure, code = DISTRICT
    district = AdminUnit.objects.filter(structure__code=structure, code=code).first()
    if district is None:
        return
    tckh = Agency.objects.filter(unit=district, kind=K.FINANCE_PLANNING_OFFICE).first()
    office = Agency.objects.filter(
        unit=district, kind=K.DISTRICT_SECTOR_OFFICE, sector__isnull=False, name__icontains="Nông"
    ).first()
    if tckh is None or office is None:
        return
    if Plan.objects.filter(agency=tckh, kind=PlanKind.DISTRICT_PLAN, report_year=YEAR).exists():
        return
    commune = (
        AdminUnit.objects.filter(parent=district, agencies__kind=K.COMMUNE_PLANNING_GROUP)
        .exclude(code=SKIP_COMMUNE)
        .filter(children__agencies__kind=K.VILLAGE_WORKING_GROUP)
        .distinct()
        .order_by("code")
        .first()
    )
    if commune is None:
        return
    User = get_user_model()
    admin = User.objects.get(username="admin")
    users = {u.username: u for u in User.objects.filter(username__in=["tckh.batxat", "pnn.batxat"])}
    tckh_user, office_user = users.get("tckh.batxat", admin), users.get("pnn.batxat", admin)
    sectors = {s.code: s for s in Sector.objects.all()}
    group = Agency.objects.get(unit=commune, kind=K.COMMUNE_PLANNING_GROUP)
    villages = Agency.objects.filter(unit__parent=commune, kind=K.VILLAGE_WORKING_GROUP).order_by(
        "unit__code"
    )[:2]
    for index, village in enumerate(villages):
        plan = plan_create(
            user=admin, agency=village, kind=PlanKind.VILLAGE_PROPOSAL, report_year=YEAR
        )
        meeting_record(
            user=admin,
            plan=plan,
            date=datetime.date(YEAR, 5, 20 + index),
            place="Nhà văn hóa thôn",
            men=28,
            women=22,
            ethnic_minority=45,
        )
        for priority, (title, code, cost) in enumerate(PROPOSALS, start=1):
            activity_create(
                user=admin,
                plan=plan,
                title=f"{title} ({village.unit.name})",
                sector=_sector(sectors, code),
                cost_estimate=cost,
                priority=priority,
            )
        plan_accept(user=admin, plan=plan_submit(user=admin, plan=plan))
    commune_plan_accepted(admin, group, reviewer=tckh_user)
    services.route_commune_plans(user=tckh_user, agency=tckh, report_year=YEAR)
    sector_plan = plan_create(
        user=office_user, agency=office, kind=PlanKind.DISTRICT_SECTOR_PLAN, report_year=YEAR
    )
    plan_consolidate(user=office_user, plan=sector_plan)
    activity_create(
        user=office_user,
        plan=sector_plan,
        title="Mô hình chè Shan tuyết hữu cơ toàn huyện",
        sector=office.sector,
        cost_estimate=1_200_000_000,
    )
    services.disagreement_raise(
        user=office_user,
        plan=sector_plan,
        subject=f"Quy mô kênh mương nội đồng {commune.name}",
        positions="Xã đề xuất 800 m mỗi thôn; phòng NN đề nghị làm 500 m trong năm X+1.",
        arguments="Định mức hỗ trợ thủy lợi của tỉnh năm X+1 chỉ đủ cho 500 m mỗi thôn.",
        parties=[group],
    )
    services.draft_issue(user=office_user, plan=sector_plan)
    _education_plan(admin, tckh_user, district)
    district_plan = plan_create(
        user=tckh_user, agency=tckh, kind=PlanKind.DISTRICT_PLAN, report_year=YEAR
    )
    plan_consolidate(user=tckh_user, plan=district_plan)
    known = set(district_plan.sections.values_list("code", flat=True))
    plan_update_sections(
        user=tckh_user,
        plan=district_plan,
        bodies={code: text for code, text in DISTRICT_SECTIONS.items() if code in known},
    )
    services.draft_issue(user=tckh_user, plan=district_plan)
    say(
        f"Huyện {district.name}: KH xã {commune.name} đã chuyển theo ngành, "
        f"KH ngành nông nghiệp (dự thảo lần 1), KH ngành giáo dục đã tiếp nhận, "
        f"KH huyện {district_plan.pk} đã tổng hợp (dự thảo lần 1)"
    )


def _education_plan(admin, tckh_user, district) -> None:
    """The education office builds its sector plan from the communes' school lines and its
    own, sends it, and phòng TCKH accepts it: the district plan then has what it needs."""
    office = Agency.objects.filter(
        unit=district, kind=K.DISTRICT_SECTOR_OFFICE, sector__isnull=False, name__icontains="Giáo"
    ).first()
    if office is None:
        return
    plan = sector_plan_drafted(
        admin, office, "Xây dựng nhà bán trú cho học sinh Trường PTDTBT THCS Y Tý", 2_400_000_000
    )
    plan_accept(user=tckh_user, plan=services.sector_plan_submit(user=admin, plan=plan))


def commune_plan_accepted(user, group, *, reviewer):
    """The commune plan consolidated from its accepted village proposals, completed (step 5),
    submitted and accepted by phòng TCKH (`reviewer`)."""
    plan = plan_create(user=user, agency=group, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR)
    plan_consolidate(user=user, plan=plan)
    complete_commune_draft(user, plan, YEAR)
    return plan_accept(user=reviewer, plan=plan_submit(user=user, plan=plan))


def sector_plan_drafted(user, office, title, cost):
    """A district office's sector plan: consolidated from the routed commune lines, one
    district-wide activity of the office's own, draft 1 issued."""
    plan = plan_create(
        user=user, agency=office, kind=PlanKind.DISTRICT_SECTOR_PLAN, report_year=YEAR
    )
    plan_consolidate(user=user, plan=plan)
    activity_create(user=user, plan=plan, title=title, sector=office.sector, cost_estimate=cost)
    services.draft_issue(user=user, plan=plan)
    return plan
