"""The documents this app provides, registered with sedp.documents.registry.

Targets: plans and meetings. Kinds: the plan document of every level, the submission to the
People's Council, the feedback to a village or agency, the M&E framework as an annex of its
own, the minutes of a meeting, and two consolidated spreadsheets.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sedp.documents import meeting_documents, plan_documents, state, xlsx
from sedp.documents.models import Format
from sedp.documents.registry import (
    DocumentKind,
    DocxKind,
    Target,
    register,
    register_target,
)
from sedp.plans.models import PlanKind

CONSOLIDATING = {
    PlanKind.COMMUNE_PLAN,
    PlanKind.DISTRICT_PLAN,
    PlanKind.DISTRICT_SECTOR_PLAN,
    PlanKind.PROVINCE_PLAN,
    PlanKind.PROVINCE_SECTOR_PLAN,
}
WHOLE_UNIT_PLANS = {PlanKind.COMMUNE_PLAN, PlanKind.DISTRICT_PLAN, PlanKind.PROVINCE_PLAN}
INPUTS = {PlanKind.VILLAGE_PROPOSAL, PlanKind.AGENCY_INPUT}


def _load_plan(pk):
    from sedp.plans.models import Plan

    return Plan.objects.select_related("unit__parent", "agency").get(pk=pk)


def _plan_for_user(user, pk):
    from sedp.plans.selectors import get_plan_for_user

    return get_plan_for_user(user=user, pk=pk)


def _load_meeting(pk):
    from sedp.meetings.models import Meeting

    return Meeting.objects.select_related("unit__parent", "plan__agency", "plan__unit").get(pk=pk)


def _meeting_for_user(user, pk):
    from sedp.documents.selectors import get_meeting_for_user

    return get_meeting_for_user(user=user, pk=pk)


def _has_parent_plan(plan) -> bool:
    from sedp.plans.services import parent_plan_of

    return plan.kind in INPUTS and parent_plan_of(plan) is not None


def _has_framework(plan) -> bool:
    return plan.kind in CONSOLIDATING and plan.me_rows.exists()


def _slug(plan) -> str:
    from django.utils.text import slugify

    from sedp.core.text import unaccent

    return slugify(unaccent(plan.unit.name))


def _xlsx_writer(function):
    def write(obj, out_path, fmt, report):
        report(20, "rows")
        with open(out_path, "wb") as out:
            function(obj, out)

    return write


def register_all() -> None:
    register_target(
        Target(
            code="plan",
            get_for_user=_plan_for_user,
            load=_load_plan,
            state=state.plan_state,
            unit_of=lambda plan: plan.unit,
            page_url=lambda plan: reverse("plans-plan-detail", args=[plan.pk]),
        )
    )
    register_target(
        Target(
            code="meeting",
            get_for_user=_meeting_for_user,
            load=_load_meeting,
            state=state.meeting_state,
            unit_of=lambda meeting: meeting.unit,
            page_url=lambda meeting: reverse("plans-plan-detail", args=[meeting.plan_id]),
        )
    )
    register(
        DocxKind(
            code="plan",
            label=_("The plan with its annexes"),
            target="plan",
            template=plan_documents.template_for,
            context=plan_documents.plan_context,
            extra_state=state.framework_fingerprint,
            # Only the kinds with a layout: the orientation forms have none yet, and offering
            # them would only lead to a failed rendering.
            applies=lambda plan: plan.kind in plan_documents.TEMPLATES,
            filename=lambda plan: (
                f"ke-hoach-{plan.kind.replace('_', '-')}-{plan.plan_year}-{_slug(plan)}"
            ),
            order=10,
        )
    )
    register(
        DocxKind(
            code="submission",
            label=_("Submission to the People's Council"),
            target="plan",
            template="submission.docx",
            context=plan_documents.submission_context,
            applies=lambda plan: plan.kind in WHOLE_UNIT_PLANS,
            filename=lambda plan: f"to-trinh-hdnd-{plan.plan_year}-{_slug(plan)}",
            order=20,
        )
    )
    register(
        DocxKind(
            code="feedback",
            label=_("Written feedback on the proposals"),
            target="plan",
            template="feedback.docx",
            context=plan_documents.feedback_context,
            applies=_has_parent_plan,
            extra_state=state.parent_plan_fingerprint,
            filename=lambda plan: f"phan-hoi-de-xuat-{plan.plan_year}-{_slug(plan)}",
            order=30,
        )
    )
    register(
        DocumentKind(
            code="activities_xlsx",
            label=_("Activities by sector with funding by source"),
            target="plan",
            formats=(Format.XLSX,),
            applies=lambda plan: plan.kind in CONSOLIDATING,
            write=_xlsx_writer(xlsx.write_activities),
            filename=lambda plan: f"hoat-dong-{plan.plan_year}-{_slug(plan)}",
            order=40,
        )
    )
    register(
        DocumentKind(
            code="unit_indicators_xlsx",
            label=_("Indicators of every unit below"),
            target="plan",
            formats=(Format.XLSX,),
            applies=lambda plan: plan.kind in {PlanKind.DISTRICT_PLAN, PlanKind.PROVINCE_PLAN},
            write=_xlsx_writer(xlsx.write_unit_indicators),
            filename=lambda plan: f"chi-tieu-cac-don-vi-{plan.plan_year}-{_slug(plan)}",
            order=50,
        )
    )
    register(
        DocxKind(
            code="me_framework",
            label=_("M&E framework (annex)"),
            target="plan",
            template="me_framework.docx",
            context=plan_documents.framework_context,
            applies=_has_framework,
            extra_state=state.framework_fingerprint,
            filename=lambda plan: f"khung-theo-doi-danh-gia-{plan.plan_year}-{_slug(plan)}",
            order=35,
        )
    )
    register(
        DocxKind(
            code="minutes",
            label=_("Minutes"),
            target="meeting",
            template="minutes.docx",
            context=meeting_documents.minutes_context,
            filename=lambda m: f"bien-ban-{m.kind.replace('_', '-')}-{m.date:%Y%m%d}",
            order=10,
        )
    )
