"""The district/province panel of a plan page: drafts, sending, opinions, conference, links."""

from django import template

from sedp.accounts.scoping import scope_for
from sedp.plans.models import PlanKind, PlanStatus
from sedp.plans.rules import can_edit
from sedp.upper import selectors, services
from sedp.upper.forms import MinistryForm, OpinionForm
from sedp.upper.models import DispatchPurpose, DispatchStatus
from sedp.upper.wording import plan_words as words_of

register = template.Library()

# The calendar output whose deadline the plan's sending must meet.
SEND_DEADLINES = {
    PlanKind.DISTRICT_SECTOR_PLAN: "huyen.sector_plan_framework",
    PlanKind.DISTRICT_PLAN: "huyen.plan_draft2",
    PlanKind.PROVINCE_SECTOR_PLAN: "tinh.sector_plan_signed",
    PlanKind.PROVINCE_PLAN: "tinh.plan_draft",
}


@register.simple_tag
def plan_words(plan):
    """`{% plan_words plan as words %}`: the level's words for the plan's pages."""
    return words_of(plan)


@register.inclusion_tag("upper/_panel.html", takes_context=True)
def upper_panel(context, plan):
    if plan.kind not in selectors.UPPER_KINDS:
        return {"show": False}
    user = context["request"].user
    editor = can_edit(scope_for(user), plan)
    editable = editor and plan.is_editable
    versions = [v for v in plan.versions.all() if v.snapshot.get("draft")]
    dispatches = list(plan.dispatches.select_related("recipient"))
    opinions = list(plan.opinions.select_related("agency"))
    bodies = services.opinion_bodies(plan)
    deadline = selectors.deadline_for(plan, SEND_DEADLINES[plan.kind])
    ministry = [d for d in dispatches if d.purpose == DispatchPurpose.MINISTRY]
    sent_on = plan.submitted_at.date() if plan.submitted_at else None
    if plan.kind == PlanKind.PROVINCE_PLAN:
        sent_on = ministry[0].sent_at.date() if ministry else None
    sector_line = [d for d in dispatches if d.purpose == DispatchPurpose.SECTOR_LINE]
    conference = services.CONFERENCES.get(plan.kind)
    words = words_of(plan)
    return {
        "show": True,
        "plan": plan,
        "editable": editable,
        "editor": editor,
        "drafts": versions,
        "next_draft": services.next_draft(plan) if editable else None,
        "dispatches": dispatches,
        "opinions": opinions,
        "opinion_form": OpinionForm(bodies=bodies) if editor else None,
        "missing": services.missing_reviewers(plan) if plan.kind == PlanKind.DISTRICT_PLAN else [],
        "deadline": deadline,
        "sent_on": sent_on,
        "late": bool(deadline and sent_on and sent_on > deadline),
        "can_feedback": editable
        and plan.kind == PlanKind.DISTRICT_SECTOR_PLAN
        and services.subsector_units(plan).exists(),
        "can_send": editable
        and plan.kind in [PlanKind.DISTRICT_SECTOR_PLAN, PlanKind.PROVINCE_SECTOR_PLAN],
        "needs_ministry": plan.kind == PlanKind.PROVINCE_SECTOR_PLAN,
        "can_send_ministry": editor
        and plan.kind == PlanKind.PROVINCE_PLAN
        and plan.status == PlanStatus.ACCEPTED
        and not ministry,
        "can_send_up": editor and sector_line and sector_line[-1].status == DispatchStatus.RETURNED,
        "ministry_form": MinistryForm(),
        "record_conference": words["record_conference"] if conference else None,
        "conference_name": words["conference"],
        # The conferences already held on this plan (their decisions settle the register).
        "conferences": list(plan.meetings.filter(kind=conference[0]).order_by("date"))
        if conference
        else [],
        "territorial": plan.kind in selectors.TERRITORIAL_PLAN_KINDS,
    }
