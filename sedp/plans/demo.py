"""Demo plans for report year 2026 in Mường Hum (Bát Xát): village proposals and agency inputs
in every review state, and the commune plan consolidated from the accepted ones.

Everything goes through the services, as the users would do it. Called by sedp.demo.load_demo;
idempotent (skipped when the commune plan exists).
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from sedp.activities.models import ActivityStatus
from sedp.activities.services import activity_create, activity_set_status
from sedp.meetings.services import meeting_record
from sedp.plans.consolidation import plan_consolidate
from sedp.plans.models import Plan, PlanKind
from sedp.plans.services import (
    plan_accept,
    plan_create,
    plan_return,
    plan_set_envelope,
    plan_submit,
    plan_update_sections,
)
from sedp.territory.models import Agency, AgencyKind, Sector

YEAR = 2026
COMMUNE = ("laocai-2015", "02728")

ROAD = "Bê tông hóa đường liên thôn Mường Hum - Pờ Hồ (1,2 km)"

# (village name, demo login or None, final state, activities)
# activity: (title, sector, cost, people cash, labour days, labour value, target programmes,
#            commune budget, beneficiaries, self-reliant)
VILLAGES = [
    (
        "Thôn Mường Hum",
        "thon.muonghum",
        "accepted",
        [
            (
                ROAD,
                "giao-thong-xay-dung",
                1_800_000_000,
                50_000_000,
                900,
                180_000_000,
                1_400_000_000,
                0,
                ["ethnic_minorities", "poor_households"],
                False,
            ),
            (
                "Tập huấn kỹ thuật trồng chè cho 60 hộ",
                "khuyen-nong",
                45_000_000,
                0,
                0,
                0,
                45_000_000,
                0,
                ["women", "poor_households"],
                False,
            ),
            (
                "Tổng vệ sinh đường thôn hằng tháng",
                "ve-sinh-moi-truong",
                12_000_000,
                0,
                120,
                12_000_000,
                0,
                0,
                [],
                True,
            ),
        ],
    ),
    (
        "Thôn Pờ Hồ",
        "thon.poho",
        "returned",
        [
            (
                ROAD,
                "giao-thong-xay-dung",
                1_800_000_000,
                30_000_000,
                600,
                120_000_000,
                1_400_000_000,
                0,
                ["ethnic_minorities", "poor_households"],
                False,
            ),
            (
                "Xây bể nước sinh hoạt tập trung 20 m³",
                "ve-sinh-moi-truong",
                250_000_000,
                20_000_000,
                200,
                40_000_000,
                150_000_000,
                0,
                ["women", "children"],
                False,
            ),
        ],
    ),
    (
        "Thôn Sùng Bang",
        None,
        "submitted",
        [
            (
                "Hỗ trợ giống lúa lai cho hộ nghèo",
                "trong-trot-bvtv",
                80_000_000,
                0,
                0,
                0,
                80_000_000,
                0,
                ["poor_households"],
                False,
            ),
        ],
    ),
    (
        "Thôn Nậm Pẻn",
        None,
        "accepted",
        [
            (
                "Sửa chữa nhà văn hóa thôn",
                "van-hoa-the-thao",
                150_000_000,
                15_000_000,
                150,
                30_000_000,
                0,
                100_000_000,
                ["ethnic_minorities"],
                False,
            ),
            (
                "Kè chống sạt lở suối Nậm Pẻn",
                "thuy-loi",
                3_500_000_000,
                0,
                300,
                60_000_000,
                2_000_000_000,
                0,
                [],
                False,
            ),
        ],
    ),
    (
        "Thôn Séo Phìn Chư",
        None,
        "draft",
        [
            (
                "Lớp xóa mù chữ cho phụ nữ",
                "giao-duc",
                30_000_000,
                0,
                0,
                0,
                0,
                30_000_000,
                ["women", "ethnic_minorities"],
                False,
            ),
        ],
    ),
]

AGENCIES = [
    (
        "Trường Tiểu học và THCS",
        "truong.muonghum",
        "accepted",
        [
            (
                "Xây 2 phòng học điểm trường Pờ Hồ",
                "pho-thong",
                1_200_000_000,
                0,
                200,
                40_000_000,
                1_000_000_000,
                0,
                ["children", "ethnic_minorities"],
                False,
            ),
        ],
    ),
    (
        "Trạm Y tế",
        None,
        "submitted",
        [
            (
                "Khám sàng lọc cho người cao tuổi",
                "y-te-du-phong",
                25_000_000,
                0,
                0,
                0,
                0,
                25_000_000,
                ["elderly"],
                False,
            ),
        ],
    ),
]


def _activity(user, plan, row, priority, sectors):
    title, sector, cost, cash, days, labour, ntp, commune, beneficiaries, alone = row
    return activity_create(
        user=user,
        plan=plan,
        title=title,
        sector=sectors[sector],
        cost_estimate=cost,
        people_cash=cash,
        people_labour_days=days,
        people_labour=labour,
        fund_target_programmes=ntp,
        fund_commune=commune,
        beneficiaries=beneficiaries,
        self_reliant=alone,
        priority=priority,
    )


def _proposal(author, reviewer, agency, kind, state, rows, sectors):
    plan = plan_create(user=author, agency=agency, kind=kind, report_year=YEAR)
    plan_update_sections(
        user=author,
        plan=plan,
        bodies={
            "results": "Hoàn thành 800 m đường bê tông; 95% hộ dùng nước hợp vệ sinh.",
            "problems": "Đường vào thôn lầy lội mùa mưa; thiếu nước sinh hoạt mùa khô.",
            "causes": "Địa hình dốc, mưa lớn kéo dài; nguồn nước xa khu dân cư.",
            "solutions": "Huy động ngày công của nhân dân; ưu tiên vốn chương trình MTQG.",
        },
    )
    if kind == PlanKind.VILLAGE_PROPOSAL:
        meeting_record(
            user=author,
            plan=plan,
            date=datetime.date(YEAR, 5, 20),
            place="Nhà văn hóa " + agency.unit.name.replace("Thôn", "thôn", 1),
            men=28,
            women=24,
            ethnic_minority=49,
            poor_households=17,
            minutes="Người dân thảo luận, bổ sung đề xuất, sắp xếp thứ tự ưu tiên và thống "
            "nhất mức đóng góp.",
        )
    for priority, row in enumerate(rows, start=1):
        _activity(author, plan, row, priority, sectors)
    if state == "draft":
        return plan
    plan = plan_submit(user=author, plan=plan)
    if state == "accepted":
        plan = plan_accept(user=reviewer, plan=plan)
    elif state == "returned":
        plan = plan_return(
            user=reviewer,
            plan=plan,
            reason="Đề nghị thôn ghi rõ số ngày công đóng góp cho tuyến đường liên thôn và "
            "thống nhất với thôn Mường Hum.",
            deadline=timezone.localdate() + datetime.timedelta(days=7),
        )
    return plan


def load_demo_plans(say=lambda _msg: None) -> None:
    structure, commune_code = COMMUNE
    group = Agency.objects.filter(
        unit__structure__code=structure,
        unit__code=commune_code,
        kind=AgencyKind.COMMUNE_PLANNING_GROUP,
    ).first()
    if group is None or Plan.objects.filter(agency=group, report_year=YEAR).exists():
        return
    User = get_user_model()
    admin = User.objects.get(username="admin")
    logins = ["kh.muonghum", "thon.muonghum", "thon.poho", "truong.muonghum"]
    users = {u.username: u for u in User.objects.filter(username__in=logins)}
    planner = users.get("kh.muonghum", admin)
    sectors = {s.code: s for s in Sector.objects.all()}
    commune_agencies = Agency.objects.filter(unit=group.unit)
    commune = plan_create(user=planner, agency=group, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR)
    for name, login, state, rows in VILLAGES:
        agency = Agency.objects.get(
            unit__parent=group.unit, unit__name=name, kind=AgencyKind.VILLAGE_WORKING_GROUP
        )
        author = users.get(login, admin)
        _proposal(author, planner, agency, PlanKind.VILLAGE_PROPOSAL, state, rows, sectors)
    for prefix, login, state, rows in AGENCIES:
        agency = commune_agencies.filter(name__startswith=prefix).first()
        author = users.get(login, admin)
        _proposal(author, planner, agency, PlanKind.AGENCY_INPUT, state, rows, sectors)
    plan_consolidate(user=planner, plan=commune)
    lines = {line.title: line for line in commune.activities.order_by("pk")}
    activity_set_status(
        user=planner,
        activity=lines["Kè chống sạt lở suối Nậm Pẻn"],
        status=ActivityStatus.NEEDS_VERIFICATION,
        reason="Cần khảo sát địa chất; xin ý kiến phòng NN&PTNT huyện.",
    )
    activity_set_status(
        user=planner,
        activity=lines["Tổng vệ sinh đường thôn hằng tháng"],
        status=ActivityStatus.FUNDED,
        reason="Thôn tự thực hiện bằng ngày công.",
    )
    plan_set_envelope(
        user=planner,
        plan=commune,
        last_year_allocation=3_200_000_000,
        expected_envelope=3_600_000_000,
    )
    _demo_conference(planner, commune, commune_agencies)
    say(f"Kế hoạch năm {YEAR + 1} của xã Mường Hum: {commune.activities.count()} hoạt động")


def _demo_conference(planner, commune, commune_agencies) -> None:
    """Step 4 in the demo: the envelopes, the conference, and one balancing applied, so the
    workbench, the ranked lists and the decisions have something to show; step 5 is left
    for the user to do."""
    from sedp.activities.services import envelopes_set
    from sedp.meetings.selectors import conference_agencies
    from sedp.meetings.services import conference_record, workbench_apply

    envelopes_set(
        user=planner,
        plan=commune,
        # not enough for everything: the classrooms fall below the cut line
        amounts={"commune_development": 150_000_000, "balanced_revenue": 30_000_000},
    )
    conference = conference_record(
        user=planner,
        plan=commune,
        date=datetime.date(YEAR, 6, 19),
        place="Hội trường UBND xã Mường Hum",
        men=38,
        women=21,
        ethnic_minority=44,
        minutes="Phần 1: thảo luận theo 3 nhóm ngành. Phần 2: sắp xếp ưu tiên và phân bổ "
        "kinh phí phát triển xã, nguồn thu cân đối cho các hoạt động chưa rõ nguồn vốn.",
        agencies=list(conference_agencies(commune).exclude(kind=AgencyKind.VILLAGE_WORKING_GROUP)),
    )
    workbench_apply(user=planner, meeting=conference, data={"weight_on": "1", "weight": "2"})


def complete_commune_draft(user, plan, year):
    """Commune steps 4–5 in brief, so the draft can go up: the conference, the sections
    (pre-filled from the data, the rest in a sentence), the framework, the HĐND opinion."""
    from sedp.meetings.services import conference_record
    from sedp.plans.services import (
        plan_complete_draft,
        plan_prefill,
        plan_record_council_opinion,
        plan_record_framework,
        plan_update_sections,
    )

    conference_record(
        user=user, plan=plan, date=datetime.date(year, 6, 18), men=26, women=19,
        ethnic_minority=38,
    )  # fmt: skip
    plan_prefill(user=user, plan=plan)
    empty = {
        s.code: "Nội dung theo kết luận Hội nghị lập KH xã."
        for s in plan.sections.all()
        if not s.body.strip()
    }
    plan_update_sections(user=user, plan=plan, bodies=empty)
    plan_complete_draft(user=user, plan=plan)
    plan_record_framework(user=user, plan=plan)
    plan_record_council_opinion(
        user=user,
        plan=plan,
        given_by="Thường trực HĐND xã",
        date=datetime.date(year, 6, 24),
        opinion="Thống nhất với dự thảo kế hoạch, đề nghị ưu tiên giao thông nông thôn.",
    )
