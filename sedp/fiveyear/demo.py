"""Demo five-year frame and district steps 1–3 for Lào Cai (three-tier structure).

- Sở KHĐT's KHPT KTXH 2026–2030 of the province: objectives, a handful of real targets
  (GRDP growth, poverty rate, forest cover, NTM communes), action programmes with tasks and
  the national target programmes assigned to Sở NN&PTNT and Sở LĐTBXH; the province's
  figures for report year 2026 so the progress page shows where each target stands.
- Bát Xát (082), report year 2026: the agriculture office's sector orientation form gathered
  from the extension station's, accepted by phòng TCKH; the district's main indicators with
  a forecast taken as the proposed figure; the draft directional plan with its summary.

Everything goes through the services. Idempotent: skipped when the province plan exists.
The figures are plausible, not official.
"""

import datetime

from django.contrib.auth import get_user_model

from sedp.fiveyear import orientation, services
from sedp.fiveyear.models import FiveYearPlan, Measure, ProgrammeKind
from sedp.indicators.models import Indicator, Kind
from sedp.indicators.services import forecast_accept, value_set
from sedp.plans.models import PlanKind
from sedp.plans.services import plan_accept, plan_create, plan_submit, plan_update_sections
from sedp.territory.models import Agency, AgencyKind

STRUCTURE = "laocai-2015"
YEAR = 2026
START = 2026

# (indicator code, measure, baseline 2025, target 2030)
TARGETS = [
    ("tang-truong-grdp", Measure.ANNUAL, None, "10"),
    ("ty-le-ho-ngheo", Measure.LEVEL, "14.6", "6"),
    ("do-che-phu-rung", Measure.LEVEL, "60.1", "62"),
    ("so-xa-ntm", Measure.LEVEL, "78", "110"),
    ("ty-le-bhyt", Measure.LEVEL, "96.5", "98"),
]
# Province figures entered in report year 2026: (code, TH 2025, TH 6 tháng 2026, ƯTH 2026)
PROVINCE_VALUES = [
    ("tang-truong-grdp", "8.7", "9.1", "9.4"),
    ("ty-le-ho-ngheo", "14.6", "13.9", "12.7"),
    ("do-che-phu-rung", "60.1", "60.1", "60.2"),
    ("so-xa-ntm", "78", "81", "86"),
    ("ty-le-bhyt", "96.5", "96.8", "97.0"),
]
OBJECTIVES = [
    "Tăng trưởng kinh tế nhanh, bền vững dựa trên nông nghiệp hàng hóa, du lịch và kinh tế "
    "cửa khẩu",
    "Giảm nghèo bền vững, nâng cao đời sống đồng bào dân tộc thiểu số",
    "Bảo vệ và phát triển rừng, ứng phó với biến đổi khí hậu",
]
# (kind, number, title, objective index, lead sector code or None, tasks [(title, year, %)])
PROGRAMMES = [
    (
        ProgrammeKind.ACTION,
        "CTHĐ 01",
        "Phát triển nông nghiệp hàng hóa tập trung",
        0,
        None,
        [
            ("Quy hoạch vùng chè, quế, chuối tập trung", 2026, 60),
            ("Hỗ trợ liên kết chuỗi giá trị với doanh nghiệp", 2028, 15),
        ],
    ),
    (
        ProgrammeKind.ACTION,
        "CTHĐ 02",
        "Phát triển du lịch Sa Pa – Bát Xát – Y Tý",
        0,
        None,
        [
            ("Hoàn thiện hạ tầng điểm du lịch cộng đồng Y Tý", 2027, 30),
            ("Xúc tiến, quảng bá điểm đến", 2030, 20),
        ],
    ),
    (
        ProgrammeKind.CENTRAL,
        "CTMTQG-NTM",
        "Chương trình MTQG xây dựng nông thôn mới",
        0,
        "nong-nghiep",
        [
            ("Đưa thêm 8 xã đạt chuẩn nông thôn mới", 2026, 50),
            ("Cứng hóa đường trục thôn tại các xã vùng cao", 2028, 25),
        ],
    ),
    (
        ProgrammeKind.CENTRAL,
        "CTMTQG-GNBV",
        "Chương trình MTQG giảm nghèo bền vững",
        1,
        "lao-dong-xa-hoi",
        [
            ("Hỗ trợ sinh kế cho hộ nghèo, cận nghèo", 2027, 35),
            ("Hỗ trợ nhà ở cho hộ nghèo", 2026, 70),
        ],
    ),
]


def _agency(unit_code, kind, sector=None):
    agencies = Agency.objects.filter(
        unit__structure__code=STRUCTURE, unit__code=unit_code, kind=kind
    )
    if sector:
        agencies = agencies.filter(sector__code=sector)
    return agencies.order_by("pk").first()


def _member(agency):
    return get_user_model().objects.filter(memberships__agency=agency).order_by("pk").first()


def load_demo_fiveyear(say) -> None:
    skhdt = _agency("10", AgencyKind.PLANNING_DEPARTMENT)
    if skhdt is None or FiveYearPlan.objects.filter(agency=skhdt, start_year=START).exists():
        return
    user = _member(skhdt) or get_user_model().objects.get(username="admin")
    codes = {i.code: i for i in Indicator.objects.all()}
    plan = services.five_year_plan_create(
        user=user,
        agency=skhdt,
        start_year=START,
        title="Kế hoạch phát triển kinh tế - xã hội 5 năm 2026–2030 tỉnh Lào Cai",
    )
    objectives = [services.objective_add(user=user, plan=plan, title=t) for t in OBJECTIVES]
    for code, measure, baseline, target in TARGETS:
        services.target_add(
            user=user,
            plan=plan,
            indicator=codes[code],
            measure=measure,
            baseline=baseline,
            target_value=target,
        )
    for kind, number, title, objective, sector, tasks in PROGRAMMES:
        lead = _agency("10", AgencyKind.SECTOR_DEPARTMENT, sector) if sector else None
        programme = services.programme_add(
            user=user,
            plan=plan,
            kind=kind,
            code=number,
            title=title,
            objective=objectives[objective],
            lead_agency=lead,
        )
        for task_title, due, progress in tasks:
            task = services.task_add(user=user, programme=programme, title=task_title, due_year=due)
            services.task_report_progress(user=user, task=task, progress=progress)
    province = skhdt.unit
    for code, previous, half, estimate in PROVINCE_VALUES:
        for kind, value in [
            (Kind.ACTUAL_PREVIOUS, previous),
            (Kind.ACTUAL_HALF, half),
            (Kind.ESTIMATE, estimate),
        ]:
            value_set(
                user=user,
                unit=province,
                indicator=codes[code],
                report_year=YEAR,
                kind=kind,
                value=value.replace(".", ","),
                source="Số liệu minh họa",
            )
    snn = _agency("10", AgencyKind.SECTOR_DEPARTMENT, "nong-nghiep")
    if snn is not None:
        sector_plan = services.five_year_plan_create(
            user=_member(snn) or user,
            agency=snn,
            start_year=START,
            title="Kế hoạch phát triển ngành nông nghiệp 5 năm 2026–2030",
        )
        services.target_add(
            user=_member(snn) or user,
            plan=sector_plan,
            indicator=codes["do-che-phu-rung"],
            baseline="60.1",
            target_value="62",
        )
    say(f"KH 5 năm: {plan.title}")
    _link_commune_plan(plan)
    _load_orientation(say, codes)


# The Mường Hum commune plan's lines carry out the province's programmes (plans/demo.py).
LINKS = [("giao-thong-xay-dung", "CTMTQG-NTM"), ("khuyen-nong", "CTHĐ 01")]


def _link_commune_plan(plan) -> None:
    from sedp.plans.models import Plan

    commune_plan = Plan.objects.filter(
        kind=PlanKind.COMMUNE_PLAN,
        report_year=YEAR,
        unit__structure__code=STRUCTURE,
        unit__code="02728",
    ).first()
    if commune_plan is None:
        return
    user = _member(commune_plan.agency) or get_user_model().objects.get(username="admin")
    programmes = {p.code: p for p in plan.programmes.all()}
    for sector, code in LINKS:
        for activity in commune_plan.activities.filter(sector__code=sector)[:3]:
            services.link_create(
                user=user, annual_plan=commune_plan, activity=activity, programme=programmes[code]
            )


DISTRICT = "082"  # Bát Xát
# District own figures: ƯTH of the years before, then TH 2025, TH 6 tháng and ƯTH 2026.
DISTRICT_HISTORY = {
    "tang-truong-grdp": ["7.2", "7.8", "8.1", "8.5"],
    "thu-ngan-sach": ["182", "196", "214", "231"],
    "ty-le-ho-ngheo": ["31.5", "27.2", "23.4", "19.8"],
}


def _load_orientation(say, codes) -> None:
    tckh = _agency(DISTRICT, AgencyKind.FINANCE_PLANNING_OFFICE)
    office = _agency(DISTRICT, AgencyKind.DISTRICT_SECTOR_OFFICE, "nong-nghiep")
    station = _agency(DISTRICT, AgencyKind.PUBLIC_SERVICE_UNIT, "khuyen-nong")
    if not (tckh and office and station):
        return
    admin = get_user_model().objects.get(username="admin")
    tckh_user, office_user = _member(tckh) or admin, _member(office) or admin
    unit = tckh.unit
    for code, history in DISTRICT_HISTORY.items():
        for offset, value in enumerate(history):
            value_set(
                user=tckh_user,
                unit=unit,
                indicator=codes[code],
                report_year=YEAR - 3 + offset,
                kind=Kind.ESTIMATE,
                value=value.replace(".", ","),
            )
        value_set(
            user=tckh_user,
            unit=unit,
            indicator=codes[code],
            report_year=YEAR,
            kind=Kind.ACTUAL_PREVIOUS,
            value=history[-2].replace(".", ","),
        )
        forecast_accept(
            user=tckh_user, unit=unit, indicator=codes[code], report_year=YEAR, method="trend"
        )
    directional = plan_create(
        user=tckh_user, agency=tckh, kind=PlanKind.DISTRICT_ORIENTATION, report_year=YEAR
    )
    station_form = plan_create(
        user=admin, agency=station, kind=PlanKind.SECTOR_ORIENTATION, report_year=YEAR
    )
    plan_update_sections(
        user=admin,
        plan=station_form,
        bodies={
            "problems": "Giống lúa, ngô chưa phù hợp vùng cao; hộ đồng bào ít tiếp cận kỹ thuật.",
            "objectives": "Chuyển giao kỹ thuật cho 1.200 lượt hộ; 3 mô hình chè hữu cơ.",
        },
    )
    orientation.indicator_line_set(
        user=admin,
        plan=station_form,
        indicator=codes["dien-tich-che"],
        estimate="1180",
        proposed="1250",
        basis="Trồng mới 70 ha theo đề án chè hữu cơ",
    )
    plan_submit(user=admin, plan=station_form)
    plan_accept(user=office_user, plan=station_form)
    office_form = plan_create(
        user=office_user, agency=office, kind=PlanKind.SECTOR_ORIENTATION, report_year=YEAR
    )
    plan_update_sections(
        user=office_user,
        plan=office_form,
        bodies={
            "situation": "6 tháng: sản lượng lương thực đạt 52 % kế hoạch; đàn gia súc tăng 3 %.",
            "problems": "Sản xuất nhỏ lẻ, thiếu liên kết; rét đậm, sạt lở ảnh hưởng mùa vụ.",
            "causes": "Địa hình chia cắt; vốn đầu tư hạ tầng nông nghiệp hạn chế.",
            "objectives": "Giá trị sản xuất nông, lâm nghiệp tăng 4,5 %; giữ độ che phủ rừng 60 %.",
            "proposals": "Ưu tiên kênh mương nội đồng; liên kết tiêu thụ chè, quế.",
        },
    )
    orientation.gather_sub_sectors(user=office_user, plan=office_form)
    plan_submit(user=office_user, plan=office_form)
    plan_accept(user=tckh_user, plan=office_form)
    orientation.summary_close(user=tckh_user, plan=directional)
    plan_update_sections(
        user=tckh_user,
        plan=directional,
        bodies={
            "p1.half_year": "6 tháng đầu năm, tốc độ tăng trưởng ước 8,3 %; thu ngân sách đạt 56 % "
            "dự toán.",
            "p1.estimate": "Cả năm ước tăng trưởng 8,5 %, tỷ lệ hộ nghèo giảm còn 19,8 %.",
            "p2.forecast": "Giá vật tư nông nghiệp tăng; du lịch Y Tý phục hồi mạnh.",
            "p3.objectives": "Tăng trưởng khoảng 8,8 %; giảm tỷ lệ hộ nghèo 3–4 điểm %.",
        },
    )
    enterprises = list(orientation.dialogue_enterprises(directional)[:2])
    if enterprises:
        orientation.dialogue_record(
            user=tckh_user,
            plan=directional,
            enterprises=enterprises,
            date=datetime.date(YEAR, 5, 14),
            place="Hội trường UBND huyện Bát Xát",
            men=14,
            women=6,
            ethnic_minority=5,
            proposals="Nâng cấp đường vào vùng chè Mường Hum\n"
            "Hỗ trợ chứng nhận chè hữu cơ và xây dựng nhãn hiệu\n"
            "Đào tạo lao động địa phương cho chế biến chè",
            decisions_text="Phòng TCKH đưa các đề xuất vào dự thảo KH định hướng.",
        )
    orientation.draft_issue(user=tckh_user, plan=directional)
    say(f"KH định hướng: {directional}")
