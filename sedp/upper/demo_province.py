"""Demo of the provincial steps (report year 2026), after the district demo of Bát Xát.

A second district, Bảo Thắng, goes the whole district way: two villages of Phong Niên
propose, the commune plan is consolidated, completed, submitted and accepted, phòng TCKH
routes it by sector; the agriculture office consolidates its sector plan, issues draft 1,
gets the extension station's feedback and sends it (to phòng TCKH, which accepts it, and up
its sector line to Sở NN&PTNT, which appraises and accepts it); phòng TCKH consolidates the
district plan, issues draft 1, records conference 2, issues draft 2 with the opinions of
the UBND, the Huyện ủy and the HĐND, and sends it to Sở KHĐT, which accepts it.

At the province, Sở NN&PTNT (`snn`) builds its sector plan from the provincial extension
centre's accepted input and Bảo Thắng's framework and issues its draft; Sở KHĐT (`skhdt`)
consolidates the provincial plan from what is accepted (Bảo Thắng's district plan: the
lines no sector line carries), writes it in full and issues the preliminary draft. The
sector conference and signing of Sở NN&PTNT (after which consolidating again takes in the
agriculture lines), the provincial conference, the approval and the sending to the ministry
are left for the users to try. Bát Xát stays as sedp.upper.demo leaves it.

Through the services, as users would do it. Idempotent (skipped once the provincial plan
exists); skipped quietly if the tree lacks Phong Niên's villages (a demo loaded before they
were added).
"""

import datetime

from django.contrib.auth import get_user_model

from sedp.activities.services import activity_create
from sedp.meetings.services import meeting_record
from sedp.plans.consolidation import plan_consolidate
from sedp.plans.models import Plan, PlanKind
from sedp.plans.services import plan_accept, plan_create, plan_submit, plan_update_sections
from sedp.territory.models import AdminUnit, Agency, AgencyKind, Sector
from sedp.upper import services
from sedp.upper.demo import commune_plan_accepted, sector_plan_drafted
from sedp.upper.models import DispatchPurpose

YEAR = 2026
STRUCTURE = "laocai-2015"
PROVINCE = "10"
DISTRICT = "086"  # Huyện Bảo Thắng
COMMUNE = "02920"  # Xã Phong Niên
K = AgencyKind

# (title, sector, cost, beneficiaries) for each of the two villages that propose.
PROPOSALS = [
    [
        (
            "Kiên cố hóa mương thủy lợi Phìn Giàng A 700 m",
            "thuy-loi",
            820_000_000,
            ["ethnic_minorities", "poor_households"],
        ),
        ("Hỗ trợ giống quế và phân bón cho 45 hộ", "lam-nghiep", 160_000_000, ["poor_households"]),
        (
            "Bê tông hóa đường trục thôn Phìn Giàng A 1 km",
            "giao-thong-xay-dung",
            1_500_000_000,
            ["ethnic_minorities"],
        ),
    ],
    [
        ("Hỗ trợ giống dứa Queen cho 60 hộ", "trong-trot-bvtv", 240_000_000, ["women"]),
        ("Nâng cấp đường nội đồng vùng dứa Cốc Sâm 600 m", "giao-thong-xay-dung", 900_000_000, []),
        ("Xây dựng điểm thu mua, sơ chế dứa của thôn Cốc Sâm 1", "cong-thuong", 350_000_000, []),
    ],
]

# Phòng TCKH Bảo Thắng's district plan (outline of the district plan), June of year X.
DISTRICT_SECTIONS = {
    "d1.1.results": (
        "Giá trị sản xuất 6 tháng đầu năm ước tăng 9,1 % so với cùng kỳ; công nghiệp tại khu "
        "công nghiệp Tằng Loỏng tiếp tục là động lực chính. Thu ngân sách trên địa bàn đạt 58 % "
        "dự toán. Diện tích dứa đạt 1.150 ha, sản lượng chè búp tươi tăng 6 %; trồng mới 420 ha "
        "rừng, chủ yếu là quế.\n"
        "Tỷ lệ hộ dùng nước hợp vệ sinh đạt 98 %; 100 % trường học được kiên cố hóa."
    ),
    "d1.1.difficulties": (
        "Giá dứa, chè đầu vụ giảm; mưa lớn tháng 5 gây sạt lở một số tuyến đường liên thôn ở "
        "Phong Niên, Bản Cầm. Giải ngân vốn đầu tư công mới đạt 41 % kế hoạch.\n"
        "Nguyên nhân: liên kết tiêu thụ nông sản còn lỏng lẻo; công tác giải phóng mặt bằng "
        "các dự án kéo dài; hạ tầng vùng đồng bào Mông, Dao còn thiếu."
    ),
    "d1.2.achievable": (
        "Các chỉ tiêu giá trị sản xuất công nghiệp, trồng rừng mới, tỷ lệ hộ dùng nước hợp vệ "
        "sinh và số xã đạt chuẩn nông thôn mới có khả năng đạt kế hoạch."
    ),
    "d1.2.difficult": (
        "Thu tiền sử dụng đất và giải ngân vốn các chương trình mục tiêu quốc gia khó đạt kế "
        "hoạch do chậm giải phóng mặt bằng và giao vốn muộn."
    ),
    "d1.2.measures": (
        "Tập trung giải phóng mặt bằng các dự án trọng điểm; khắc phục sạt lở trước mùa mưa "
        "bão; hỗ trợ hợp tác xã ký hợp đồng tiêu thụ dứa, chè với doanh nghiệp chế biến."
    ),
    "d2.1.national": (
        "Kinh tế trong nước phục hồi; giá vật tư nông nghiệp còn biến động; chính sách ưu "
        "tiên vùng đồng bào dân tộc thiểu số và miền núi tiếp tục được thực hiện."
    ),
    "d2.1.province": (
        "Tỉnh đẩy mạnh thu hút đầu tư vào khu công nghiệp Tằng Loỏng, phát triển vùng dứa, chè, "
        "quế hàng hóa và hạ tầng kết nối cao tốc Nội Bài – Lào Cai."
    ),
    "d2.1.district": (
        "Huyện có lợi thế về công nghiệp chế biến, vùng dứa Phong Niên – Bản Cầm và giao thông "
        "thuận lợi; khó khăn ở các thôn vùng cao và tỷ lệ hộ nghèo đồng bào Mông, Dao còn cao."
    ),
    "d2.2.investment": (
        "Tổng vốn đầu tư toàn xã hội năm X+1 dự báo khoảng 4.200 tỷ đồng, tăng 10 %; vốn "
        "doanh nghiệp tại khu công nghiệp chiếm khoảng 60 %."
    ),
    "d2.2.labour": (
        "Dân số trung bình dự báo 112.000 người; lao động trong độ tuổi 68.000 người, trong đó "
        "lao động qua đào tạo đạt 68 %."
    ),
    "d2.2.budget": (
        "Thu ngân sách trên địa bàn dự báo 1.150 tỷ đồng; chi cân đối ngân sách huyện khoảng "
        "1.080 tỷ đồng."
    ),
    "d3.tasks": (
        "Phát triển công nghiệp chế biến gắn với vùng nguyên liệu dứa, chè, quế; hoàn thiện "
        "giao thông nông thôn và thủy lợi vùng cao; giảm nghèo bền vững ở các thôn đồng bào "
        "Mông, Dao; nâng cao chất lượng giáo dục, y tế."
    ),
    "d3.directions": (
        "Ưu tiên vốn cho các xã vùng cao Phong Niên, Bản Cầm, Thái Niên; lồng ghép các chương "
        "trình mục tiêu quốc gia; khuyến khích doanh nghiệp liên kết với hợp tác xã."
    ),
    "d3.targets": (
        "Tốc độ tăng giá trị sản xuất khoảng 9,5 %; tỷ lệ hộ nghèo giảm 2 điểm %; thêm 1 xã đạt "
        "chuẩn nông thôn mới nâng cao; 100 % thôn có đường trục được cứng hóa."
    ),
}

# Sở NN&PTNT's sector plan: the parts its planning division writes before the conference.
SECTOR_SECTIONS = {
    "v1.1.conditions": (
        "Thời tiết cơ bản thuận lợi cho vụ Đông Xuân; giá quế, chè ổn định. Khó khăn: rét đậm "
        "đầu năm, mưa đá và sạt lở cục bộ ở Bát Xát, Bắc Hà; dịch tả lợn châu Phi tái phát."
    ),
    "v1.2.activities": (
        "Tổng sản lượng lương thực 6 tháng ước đạt 148.000 tấn; trồng mới 2.600 ha rừng; tỷ "
        "lệ che phủ rừng đạt 57,5 %; 98 xã đạt chuẩn nông thôn mới."
    ),
    "v3.objectives": (
        "Phát triển nông nghiệp hàng hóa theo chuỗi giá trị với các sản phẩm chủ lực chè, "
        "chuối, dứa, quế, cây ăn quả ôn đới; xây dựng nông thôn mới gắn với giảm nghèo."
    ),
    "v3.tasks": (
        "Mở rộng vùng dứa Bảo Thắng, chè Shan tuyết Bát Xát, quế Văn Bàn; kiên cố hóa kênh "
        "mương nội đồng; phòng chống dịch bệnh gia súc; bảo vệ và phát triển rừng."
    ),
    "v3.targets": (
        "Tốc độ tăng giá trị sản xuất nông, lâm nghiệp 4,5 %; tỷ lệ che phủ rừng 58 %; thêm 6 "
        "xã đạt chuẩn nông thôn mới."
    ),
    "v3.solutions": (
        "Lồng ghép vốn các chương trình mục tiêu quốc gia; hỗ trợ hợp tác xã liên kết tiêu thụ; "
        "tăng cường khuyến nông ở các xã vùng cao."
    ),
}

# Sở KHĐT's provincial plan (outline of the provincial plan), as written in June of year X.
PROVINCE_SECTIONS = {
    "v1.1.features": (
        "Lào Cai là tỉnh biên giới vùng núi phía Bắc với 9 huyện, thị xã, thành phố; dân số "
        "khoảng 780.000 người thuộc 25 dân tộc, đồng bào dân tộc thiểu số chiếm 65 %. Tỉnh có "
        "cửa khẩu quốc tế Lào Cai – Kim Thành, khu du lịch quốc gia Sa Pa và các vùng sản xuất "
        "chè, chuối, dứa, quế hàng hóa."
    ),
    "v1.1.conditions": (
        "Thuận lợi: tuyến cao tốc Nội Bài – Lào Cai và hạ tầng cửa khẩu Kim Thành được nâng "
        "cấp; du lịch phục hồi mạnh; các chương trình mục tiêu quốc gia được giao vốn sớm.\n"
        "Khó khăn: rét đậm, mưa đá, sạt lở đầu năm gây thiệt hại ở Bát Xát, Bắc Hà, Sa Pa; "
        "giải ngân vốn đầu tư công còn chậm; hoạt động xuất nhập khẩu phụ thuộc chính sách "
        "biên mậu của nước bạn."
    ),
    "v1.2.targets": (
        "Tốc độ tăng trưởng GRDP 6 tháng đầu năm ước đạt 7,8 %. Thu ngân sách nhà nước trên "
        "địa bàn đạt 5.450 tỷ đồng, bằng 54 % dự toán. Kim ngạch xuất nhập khẩu qua các cửa "
        "khẩu đạt 1,6 tỷ USD, tăng 12 %. Tỉnh đón 4,1 triệu lượt khách du lịch, tổng thu từ "
        "du lịch đạt 18.600 tỷ đồng. Tỷ lệ hộ nghèo đa chiều ước còn 9,8 %."
    ),
    "v1.2.activities": (
        "Nông nghiệp: sản lượng lương thực 6 tháng ước đạt 148.000 tấn; trồng mới 2.600 ha "
        "rừng. Du lịch Sa Pa: hoàn thành cải tạo quảng trường và tuyến đi bộ Tả Van – Lao "
        "Chải. Thương mại biên giới: thông quan hàng hóa qua cửa khẩu đường bộ số II Kim "
        "Thành ổn định, trung bình 400 xe mỗi ngày.\n"
        "Xã hội: 1.950 hộ thoát nghèo; 100 % xã có trạm y tế đạt chuẩn; hỗ trợ xây 620 nhà ở "
        "cho hộ nghèo đồng bào dân tộc thiểu số theo Chương trình MTQG phát triển kinh tế – xã "
        "hội vùng đồng bào dân tộc thiểu số và miền núi."
    ),
    "v1.3.overview": (
        "Kinh tế tiếp tục tăng trưởng khá, du lịch và thương mại biên giới là động lực; an "
        "sinh xã hội được bảo đảm; quốc phòng, an ninh biên giới giữ vững. Tuy nhiên, chênh "
        "lệch phát triển giữa vùng thấp và vùng cao còn lớn, tỷ lệ hộ nghèo ở các huyện Si Ma "
        "Cai, Mường Khương, Bắc Hà còn cao."
    ),
    "v2.1.international": (
        "Kinh tế thế giới phục hồi chậm; nhu cầu nhập khẩu nông sản của thị trường Trung Quốc "
        "tăng nhưng yêu cầu truy xuất nguồn gốc ngày càng chặt chẽ."
    ),
    "v2.1.national": (
        "Kinh tế trong nước duy trì tăng trưởng; Quốc hội tiếp tục ưu tiên đầu tư hạ tầng giao "
        "thông kết nối và các chương trình mục tiêu quốc gia cho vùng dân tộc thiểu số."
    ),
    "v2.1.regional": (
        "Hành lang kinh tế Côn Minh – Lào Cai – Hà Nội – Hải Phòng được thúc đẩy; liên kết du "
        "lịch vùng Tây Bắc mở rộng, cạnh tranh thu hút khách giữa các tỉnh tăng."
    ),
    "v2.1.opportunities": (
        "Dự án đường sắt khổ tiêu chuẩn Lào Cai – Hà Nội – Hải Phòng chuẩn bị đầu tư; cửa khẩu "
        "Kim Thành mở rộng bãi kiểm hóa; thương hiệu du lịch Sa Pa được quốc tế biết đến."
    ),
    "v2.1.challenges": (
        "Thiên tai cực đoan ở vùng núi; nguồn thu ngân sách phụ thuộc xuất nhập khẩu và đất "
        "đai; chất lượng nguồn nhân lực vùng cao còn thấp."
    ),
    "v2.2.structure": (
        "Tổng vốn đầu tư toàn xã hội năm X+1 dự báo khoảng 58.000 tỷ đồng, trong đó vốn ngân "
        "sách nhà nước khoảng 30 %, vốn doanh nghiệp và dân cư khoảng 60 %, vốn FDI và ODA "
        "khoảng 10 %."
    ),
    "v2.2.basis": (
        "Ước thực hiện năm X, kế hoạch đầu tư công trung hạn 2026–2030, dự toán ngân sách được "
        "giao và các dự án đã đăng ký đầu tư tại khu kinh tế cửa khẩu."
    ),
    "v2.2.method": (
        "Dự báo theo xu hướng của 3 năm gần nhất, điều chỉnh theo danh mục dự án và hệ số ICOR "
        "khoảng 5,8."
    ),
    "v3.objectives": (
        "Phát triển kinh tế nhanh và bền vững dựa trên du lịch, kinh tế cửa khẩu, nông nghiệp "
        "hàng hóa và công nghiệp chế biến; giảm nghèo bền vững, nâng cao đời sống đồng bào các "
        "dân tộc; bảo đảm quốc phòng, an ninh biên giới."
    ),
    "v3.tasks": (
        "Phát triển du lịch Sa Pa – Bát Xát – Bắc Hà theo hướng xanh, cộng đồng; phát triển "
        "logistics và thương mại biên giới qua cửa khẩu Kim Thành; mở rộng vùng chè, chuối, "
        "dứa, quế; hoàn thiện giao thông nông thôn và thủy lợi vùng cao; thực hiện các chương "
        "trình mục tiêu quốc gia giảm nghèo, nông thôn mới và vùng đồng bào dân tộc thiểu số; "
        "bảo đảm bình đẳng giới, chăm sóc và bảo vệ trẻ em."
    ),
    "v3.targets": (
        "Tốc độ tăng trưởng GRDP khoảng 8,5 %; thu ngân sách trên địa bàn 11.000 tỷ đồng; "
        "kim ngạch xuất nhập khẩu 3,5 tỷ USD; 8,5 triệu lượt khách du lịch; tỷ lệ hộ nghèo đa "
        "chiều giảm 2,5 điểm %; tỷ lệ che phủ rừng 58 %; tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng "
        "thể thấp còi dưới 20 %; tỷ lệ nữ trong cấp ủy cơ sở đạt 25 %."
    ),
    "v3.solutions": (
        "Cải thiện môi trường đầu tư, thủ tục hành chính tại cửa khẩu; ưu tiên vốn cho các xã "
        "đặc biệt khó khăn, biên giới; đào tạo nghề cho lao động nữ và thanh niên dân tộc "
        "thiểu số; phát huy vai trò của Hội Liên hiệp Phụ nữ trong giảm nghèo và chăm sóc trẻ em."
    ),
    "v4.1.targets": (
        "Sở KHĐT theo dõi các chỉ tiêu chủ yếu hằng quý, tổng hợp báo cáo 6 tháng và cả năm, "
        "tách số liệu theo giới và theo dân tộc khi có thể."
    ),
    "v4.1.actions": (
        "Các sở, ngành và UBND các huyện theo dõi tiến độ các chương trình, dự án trong kế "
        "hoạch hành động, báo cáo Sở KHĐT trước ngày 20 của tháng cuối quý."
    ),
    "v4.2.responsibilities": (
        "Sở KHĐT chủ trì tham mưu UBND tỉnh; Sở Tài chính bảo đảm nguồn kinh phí; các sở, ngành "
        "và UBND các huyện tổ chức thực hiện theo chức năng, nhiệm vụ."
    ),
    "v4.2.monitoring": (
        "Sử dụng khung theo dõi, đánh giá kế hoạch thống nhất từ xã đến tỉnh; tổ chức đánh giá "
        "giữa kỳ vào tháng 6 và đánh giá cuối năm trước ngày 15/12."
    ),
    "v4.2.conditions": (
        "Kiến nghị Trung ương sớm giao vốn các chương trình mục tiêu quốc gia, hỗ trợ nâng cấp "
        "hạ tầng cửa khẩu Kim Thành và cơ chế đặc thù cho phát triển du lịch Sa Pa."
    ),
}


def _agency(unit, kind, **filters):
    return Agency.objects.filter(unit=unit, kind=kind, **filters).order_by("pk").first()


def load_demo_province(say=lambda _msg: None) -> None:
    units = AdminUnit.objects.filter(structure__code=STRUCTURE)
    province = units.filter(code=PROVINCE).first()
    district = units.filter(code=DISTRICT).first()
    commune = units.filter(code=COMMUNE).first()
    if province is None or district is None or commune is None:
        return
    planning = _agency(province, K.PLANNING_DEPARTMENT)
    department = _agency(province, K.SECTOR_DEPARTMENT, sector__code="nong-nghiep")
    tckh = _agency(district, K.FINANCE_PLANNING_OFFICE)
    office = _agency(district, K.DISTRICT_SECTOR_OFFICE, sector__code="nong-nghiep")
    group = _agency(commune, K.COMMUNE_PLANNING_GROUP)
    villages = list(
        Agency.objects.filter(unit__parent=commune, kind=K.VILLAGE_WORKING_GROUP)
        .select_related("unit")
        .order_by("unit__code")[: len(PROPOSALS)]
    )
    if None in (planning, department, tckh, office, group) or len(villages) < len(PROPOSALS):
        return
    if Plan.objects.filter(agency=planning, kind=PlanKind.PROVINCE_PLAN, report_year=YEAR).exists():
        return
    User = get_user_model()
    admin = User.objects.get(username="admin")
    users = {u.username: u for u in User.objects.filter(username__in=["skhdt", "snn"])}
    skhdt, snn = users.get("skhdt", admin), users.get("snn", admin)
    sectors = {s.code: s for s in Sector.objects.all()}

    _commune_year(admin, group, villages, sectors)
    services.route_commune_plans(user=admin, agency=tckh, report_year=YEAR)
    _sector_framework(admin, snn, office)
    _district_plan(admin, skhdt, tckh)
    sector_plan = _province_sector_plan(admin, snn, province, department, sectors)
    plan = plan_create(user=skhdt, agency=planning, kind=PlanKind.PROVINCE_PLAN, report_year=YEAR)
    plan_consolidate(user=skhdt, plan=plan)
    plan_update_sections(user=skhdt, plan=plan, bodies=_known(plan, PROVINCE_SECTIONS))
    services.draft_issue(user=skhdt, plan=plan)
    name = district.name.replace("Huyện ", "huyện ", 1)
    say(
        f"Cấp tỉnh: KH {name} đã gửi, Sở KHĐT tiếp nhận; KH ngành nông nghiệp {name} đã gửi "
        f"Sở NN&PTNT; dự thảo KH ngành nông nghiệp tỉnh ({sector_plan.activities.count()} "
        f"hoạt động) và dự thảo sơ bộ KH tỉnh ({plan.activities.count()} hoạt động) đã tổng hợp"
    )


def _known(plan, texts) -> dict:
    codes = set(plan.sections.values_list("code", flat=True))
    return {code: text for code, text in texts.items() if code in codes}


def _commune_year(admin, group, villages, sectors) -> None:
    """Two villages meet and propose, the commune group accepts; the commune plan is
    consolidated, completed and accepted by phòng TCKH."""
    for index, (village, rows) in enumerate(zip(villages, PROPOSALS, strict=True)):
        plan = plan_create(
            user=admin, agency=village, kind=PlanKind.VILLAGE_PROPOSAL, report_year=YEAR
        )
        meeting_record(
            user=admin,
            plan=plan,
            date=datetime.date(YEAR, 5, 18 + index),
            place="Nhà văn hóa " + village.unit.name.replace("Thôn", "thôn", 1),
            men=31 - 4 * index,
            women=25,
            ethnic_minority=52 - 30 * index,
            poor_households=14 - 6 * index,
            minutes="Người dân thảo luận, thống nhất thứ tự ưu tiên và mức đóng góp ngày công.",
        )
        for priority, (title, code, cost, beneficiaries) in enumerate(rows, start=1):
            activity_create(
                user=admin,
                plan=plan,
                title=title,
                sector=sectors[code],
                cost_estimate=cost,
                beneficiaries=beneficiaries,
                priority=priority,
            )
        plan_accept(user=admin, plan=plan_submit(user=admin, plan=plan))
    commune_plan_accepted(admin, group, reviewer=admin)


def _sector_framework(admin, snn, office) -> None:
    """The agriculture office's sector plan: consolidated, its own activity, draft 1, the
    extension station's feedback; sent to phòng TCKH (accepted) and up to Sở NN&PTNT
    (appraised and accepted by its planning division)."""
    plan = sector_plan_drafted(
        admin,
        office,
        "Xây dựng vùng dứa an toàn liên kết tiêu thụ Phong Niên – Bản Cầm",
        1_600_000_000,
    )
    station = services.subsector_units(plan).filter(sector__code="khuyen-nong").first()
    if station is not None:
        services.send_for_feedback(user=admin, plan=plan)
        services.opinion_record(
            user=admin,
            plan=plan,
            agency=station,
            text="Đề nghị bổ sung lớp tập huấn kỹ thuật trồng dứa theo VietGAP cho các thôn.",
            date=datetime.date(YEAR, 6, 26),
        )
    plan = services.sector_plan_submit(user=admin, plan=plan)  # and up its sector line
    plan_accept(user=admin, plan=plan)
    dispatch = plan.dispatches.get(purpose=DispatchPurpose.SECTOR_LINE)
    services.dispatch_review(user=snn, dispatch=dispatch, accept=True)


def _district_plan(admin, skhdt, tckh):
    """Draft 1, conference 2, draft 2 with the reviewing bodies' opinions, sent to Sở KHĐT
    and accepted there."""
    plan = plan_create(user=admin, agency=tckh, kind=PlanKind.DISTRICT_PLAN, report_year=YEAR)
    plan_consolidate(user=admin, plan=plan)
    plan_update_sections(user=admin, plan=plan, bodies=_known(plan, DISTRICT_SECTIONS))
    services.draft_issue(user=admin, plan=plan)
    services.conference_record(
        user=admin,
        plan=plan,
        agencies=list(services.conference_invitees(plan)),
        date=datetime.date(YEAR, 7, 3),
        place="Hội trường UBND huyện Bảo Thắng",
        men=62,
        women=27,
        ethnic_minority=31,
        minutes="Hội nghị lần 2 thảo luận dự thảo lần 1; thống nhất ưu tiên giao thông, thủy "
        "lợi vùng cao và vùng dứa Phong Niên – Bản Cầm.",
    )
    services.draft_issue(user=admin, plan=plan)
    opinions = {
        K.PEOPLES_COMMITTEE: "UBND huyện thông qua dự thảo lần 2.",
        K.PARTY_COMMITTEE: "Ban Thường vụ Huyện ủy nhất trí, đề nghị ưu tiên giảm nghèo.",
        K.PEOPLES_COUNCIL: "Thường trực HĐND huyện nhất trí với dự thảo lần 2.",
    }
    for body in services.reviewing_bodies(plan):
        services.opinion_record(
            user=admin,
            plan=plan,
            agency=body,
            text=opinions.get(body.kind, "Nhất trí."),
            date=datetime.date(YEAR, 7, 6),
        )
    return plan_accept(user=skhdt, plan=plan_submit(user=admin, plan=plan))


def _province_sector_plan(admin, snn, province, department, sectors):
    """The provincial extension centre's input, accepted by Sở NN&PTNT; the Sở's sector plan
    consolidated from it and Bảo Thắng's framework, its parts written, its draft issued."""
    centre = _agency(province, K.PUBLIC_SERVICE_UNIT, sector__code="khuyen-nong")
    if centre is not None:
        unit_plan = plan_create(
            user=admin, agency=centre, kind=PlanKind.AGENCY_INPUT, report_year=YEAR
        )
        activity_create(
            user=admin,
            plan=unit_plan,
            title="Tập huấn khuyến nông cho nông dân các xã vùng cao",
            sector=sectors["khuyen-nong"],
            cost_estimate=450_000_000,
            beneficiaries=["ethnic_minorities", "women"],
        )
        plan_accept(user=snn, plan=plan_submit(user=admin, plan=unit_plan))
    plan = plan_create(
        user=snn, agency=department, kind=PlanKind.PROVINCE_SECTOR_PLAN, report_year=YEAR
    )
    plan_consolidate(user=snn, plan=plan)
    plan_update_sections(user=snn, plan=plan, bodies=_known(plan, SECTOR_SECTIONS))
    services.draft_issue(user=snn, plan=plan)
    return plan
