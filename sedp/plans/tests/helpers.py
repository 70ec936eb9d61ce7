"""Helpers shared by the plans, activities and meetings tests: proposals through services."""

import datetime

from sedp.activities.services import activity_create
from sedp.meetings.services import meeting_record
from sedp.plans.models import PlanKind
from sedp.plans.services import plan_create, plan_submit

YEAR = 2026


def activity_data(sector, **overrides):
    data = {
        "title": "Bê tông hóa đường nội thôn 500 m",
        "sector": sector,
        "cost_estimate": 600_000_000,
        "people_cash": 20_000_000,
        "people_labour": 30_000_000,
        "people_labour_days": 300,
        "fund_target_programmes": 400_000_000,
        "priority": 1,
        "beneficiaries": ["ethnic_minorities", "poor_households"],
    }
    data.update(overrides)
    return data


def record_meeting(user, plan, **overrides):
    data = {
        "date": datetime.date(2026, 5, 20),
        "place": "Nhà văn hóa thôn",
        "men": 30,
        "women": 25,
        "ethnic_minority": 50,
        "minutes": "Thôn họp, thống nhất thứ tự ưu tiên và đóng góp của nhân dân.",
    }
    data.update(overrides)
    return meeting_record(user=user, plan=plan, **data)


def proposal(user, agency, activities, *, kind=PlanKind.VILLAGE_PROPOSAL, submit=False):
    """A plan with a meeting (for villages) and the given activities (dicts of fields)."""
    plan = plan_create(user=user, agency=agency, kind=kind, report_year=YEAR)
    if kind == PlanKind.VILLAGE_PROPOSAL:
        record_meeting(user, plan)
    for data in activities:
        activity_create(user=user, plan=plan, **data)
    if submit:
        plan = plan_submit(user=user, plan=plan)
    return plan
