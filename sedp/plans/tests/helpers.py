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


def ready_commune_draft(user, plan, agencies=()):
    """Take a consolidated commune plan through steps 4 and 5: the conference, every
    section written, the draft completed, the framework recorded and the People's
    Council's opinion given. Returns the plan, ready to submit."""
    from sedp.meetings.services import conference_of, conference_record
    from sedp.plans.services import (
        plan_complete_draft,
        plan_prefill,
        plan_record_council_opinion,
        plan_record_framework,
        plan_update_sections,
    )

    if conference_of(plan) is None:
        conference_record(
            user=user,
            plan=plan,
            date=datetime.date(2026, 6, 19),
            men=30,
            women=20,
            ethnic_minority=35,
            agencies=agencies,
        )
    plan_prefill(user=user, plan=plan)
    empty = {s.code: f"Nội dung {s.code}" for s in plan.sections.all() if not s.body.strip()}
    plan_update_sections(user=user, plan=plan, bodies=empty)
    plan_complete_draft(user=user, plan=plan)
    plan_record_framework(user=user, plan=plan)
    plan_record_council_opinion(
        user=user,
        plan=plan,
        given_by="Ông Lò Văn Minh, Chủ tịch HĐND xã",
        date=datetime.date(2026, 6, 23),
        opinion="Thống nhất với dự thảo, đề nghị ưu tiên đường liên thôn.",
    )
    return plan
