"""Helpers for the five-year and orientation tests."""

import datetime

from django.contrib.auth import get_user_model

from sedp.accounts.models import Membership, Role
from sedp.plans.models import PlanKind
from sedp.plans.services import plan_accept, plan_create, plan_submit, plan_update_sections

YEAR = 2026


def member(username, agency, role=Role.PLANNER):
    user = get_user_model().objects.create_user(username=username, password="x-pass-2026")
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


def orientation_form(user, agency, *, submit=True, **texts):
    form = plan_create(user=user, agency=agency, kind=PlanKind.SECTOR_ORIENTATION, report_year=YEAR)
    bodies = {
        "problems": "Sản xuất nông nghiệp manh mún, năng suất thấp.",
        "causes": "Địa hình dốc, thiếu vốn, thời tiết cực đoan.",
        "objectives": "Tăng giá trị sản xuất nông nghiệp 4,5 %.",
    }
    bodies.update(texts)
    plan_update_sections(user=user, plan=form, bodies=bodies)
    if submit:
        plan_submit(user=user, plan=form)
    return form


def directional_plan(user, agency):
    return plan_create(
        user=user, agency=agency, kind=PlanKind.DISTRICT_ORIENTATION, report_year=YEAR
    )


def accept(user, plan):
    return plan_accept(user=user, plan=plan)


def conference_data(**overrides):
    data = {
        "date": datetime.date(2026, 6, 12),
        "place": "Hội trường UBND huyện",
        "men": 28,
        "women": 12,
        "ethnic_minority": 15,
        "minutes": "Thảo luận đánh giá 6 tháng, dự báo năm sau.",
        "decisions_text": "Thống nhất chỉ tiêu tăng trưởng 8 %, giảm nghèo 4 điểm %.",
    }
    data.update(overrides)
    return data
