"""Demo of the district steps in Bát Xát (report year 2026): a second commune's accepted plan
routed by sector, the agriculture office's sector plan (draft 1, a disagreement kept against
the commune) and phòng TCKH's district plan (draft 1), so that tckh.batxat and pnn.batxat find
conference 2, draft 2 and the sending to Sở KHĐT waiting for them.

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
from sedp.plans.services import plan_accept, plan_create, plan_submit
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
    commune_plan = plan_create(
        user=admin, agency=group, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    plan_consolidate(user=admin, plan=commune_plan)
    complete_commune_draft(admin, commune_plan, YEAR)
    plan_accept(user=tckh_user, plan=plan_submit(user=admin, plan=commune_plan))
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
    district_plan = plan_create(
        user=tckh_user, agency=tckh, kind=PlanKind.DISTRICT_PLAN, report_year=YEAR
    )
    say(
        f"Huyện {district.name}: KH xã {commune.name} đã chuyển theo ngành, "
        f"KH ngành nông nghiệp (dự thảo lần 1), KH huyện {district_plan.pk} chờ tổng hợp"
    )
