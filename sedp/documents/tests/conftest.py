"""A commune plan with every section written, indicators, a consolidated village proposal,
an agency input, a conference with a decision and a disagreement."""

import datetime
from decimal import Decimal

import pytest

from sedp.activities.models import ActivityStatus
from sedp.activities.services import activity_set_status
from sedp.indicators.models import Indicator, IndicatorGroup, IndicatorValue, Kind, Nature, Rule
from sedp.meetings.services import conference_record, decision_record, disagreement_record
from sedp.plans.consolidation import plan_consolidate
from sedp.plans.models import PlanKind
from sedp.plans.outlines import outline_for
from sedp.plans.services import plan_accept, plan_create, plan_submit, plan_update_sections
from sedp.plans.tests.helpers import YEAR, activity_data, proposal


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


def section_text(code: str) -> str:
    return f"Nội dung mục {code}: đường giao thông nông thôn được bê tông hóa."


@pytest.fixture
def indicators(tree):
    population = Indicator.objects.create(
        code="dan-so",
        name="Dân số trung bình",
        unit_of_measure="người",
        group=IndicatorGroup.SOCIETY,
        unit_types=["xa", "thon", "huyen", "tinh"],
        nature=Nature.STOCK,
        rule=Rule.SUM,
        order=1,
    )
    income = Indicator.objects.create(
        code="thu-nhap",
        name="Thu nhập bình quân đầu người",
        unit_of_measure="triệu đồng",
        group=IndicatorGroup.ECONOMY,
        unit_types=["xa", "huyen", "tinh"],
        nature=Nature.FLOW,
        rule=Rule.NONE,
        decimals=1,
        order=2,
    )
    figures = {
        population: {
            Kind.ACTUAL_PREVIOUS: 5000,
            Kind.PLAN: 5100,
            Kind.ESTIMATE: 5150,
            Kind.PROPOSED: 5200,
        },
        income: {Kind.ACTUAL_PREVIOUS: 30, Kind.PLAN: 32, Kind.ESTIMATE: 31, Kind.ASSIGNED: 35},
    }
    for indicator, values in figures.items():
        for kind, value in values.items():
            IndicatorValue.objects.create(
                unit=tree.commune1,
                indicator=indicator,
                report_year=YEAR,
                kind=kind,
                value=Decimal(value),
            )
    return [population, income]


@pytest.fixture
def commune_plan(tree, indicators):
    users = tree.users
    plan = plan_create(
        user=users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    plan_update_sections(
        user=users.xa1,
        plan=plan,
        bodies={code: section_text(code) for code, _title in outline_for(plan.kind)},
    )
    village = proposal(
        users.thon1,
        tree.vgroup1,
        [
            activity_data(tree.agri, title="Đường bê tông thôn A1 & cầu tràn", priority=1),
            activity_data(tree.education, title="Sửa phòng học mầm non", priority=2),
            activity_data(tree.agri, title="Chợ phiên", priority=3),
        ],
    )
    plan_update_sections(
        user=users.thon1,
        plan=village,
        bodies={code: section_text(code) for code, _title in outline_for(village.kind)},
    )
    village = plan_submit(user=users.thon1, plan=village)
    plan_accept(user=users.xa1, plan=village)
    school = proposal(
        users.truong1,
        tree.school1,
        [
            activity_data(
                tree.education,
                title="Mua bàn ghế học sinh",
                cost_estimate=90_000_000,
                fund_target_programmes=0,
                people_cash=0,
                people_labour=0,
            )
        ],
        kind=PlanKind.AGENCY_INPUT,
        submit=True,
    )
    plan_accept(user=users.xa1, plan=school)
    plan_consolidate(user=users.xa1, plan=plan)
    lines = {a.title: a for a in plan.activities.all()}
    activity_set_status(
        user=users.xa1,
        activity=lines["Chợ phiên"],
        status=ActivityStatus.REMOVED,
        reason="Đã có chợ ở trung tâm xã",
    )
    activity_set_status(
        user=users.xa1,
        activity=lines["Sửa phòng học mầm non"],
        status=ActivityStatus.UNFUNDED,
    )
    conference = conference_record(
        user=users.xa1,
        plan=plan,
        date=datetime.date(2026, 6, 19),
        place="Hội trường UBND xã",
        men=40,
        women=22,
        ethnic_minority=45,
        minutes="Hội nghị thảo luận theo nhóm lĩnh vực.",
        agencies=[tree.group1, tree.school1, tree.tckh1],
    )
    decision_record(
        user=users.xa1,
        meeting=conference,
        text="Chuyển sửa phòng học sang danh mục có khả năng huy động vốn",
        activity=lines["Sửa phòng học mầm non"],
        status=ActivityStatus.FUNDABLE,
    )
    disagreement_record(
        user=users.xa1,
        plan=plan,
        subject="Vị trí cầu tràn",
        positions="Thôn muốn đặt ở suối Nậm; xã đề nghị đặt ở bản dưới.",
        parties=[tree.vgroup1, tree.group1],
        meeting=conference,
    )
    plan.village = village
    plan.school = school
    plan.conference = conference
    return plan
