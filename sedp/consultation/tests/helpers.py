"""A commune plan accepted by the district, ready for consultation and approval."""

import datetime

from django.utils import timezone

from sedp.activities.services import activity_create
from sedp.consultation.services import consultation_open
from sedp.plans.models import PlanKind
from sedp.plans.services import plan_accept, plan_create, plan_submit, plan_update_sections
from sedp.plans.tests.helpers import YEAR, activity_data, ready_commune_draft

ADDRESS = "203.0.113.7"


def accepted_commune_plan(tree):
    xa1 = tree.users.xa1
    plan = plan_create(user=xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR)
    plan_update_sections(
        user=xa1,
        plan=plan,
        bodies={
            "p2.3.economy": "Phát triển chăn nuôi trâu, bò; trồng 50 ha chè.",
            "p1.3.overview": "Nội dung nội bộ chưa công bố",
        },
    )
    activity_create(
        user=xa1,
        plan=plan,
        **activity_data(tree.agri, title="Kênh mương nội đồng thôn A1", responsible=tree.coop1),
    )
    activity_create(
        user=xa1,
        plan=plan,
        **activity_data(tree.education, title="Sửa phòng học điểm trường A2"),
    )
    plan = plan_submit(user=xa1, plan=ready_commune_draft(xa1, plan))
    return plan_accept(user=tree.users.tckh1, plan=plan)


def open_consultation(tree, plan, sections=("p2.3.economy",)):
    today = timezone.localdate()
    return consultation_open(
        user=tree.users.xa1,
        plan=plan,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=14),
        intro="Mời bà con góp ý dự thảo kế hoạch năm tới.",
        section_codes=list(sections),
    )
