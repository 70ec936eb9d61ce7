"""THE one place where plans tell the planning calendar that an expected output exists.

Each plan output (`<plan kind>.<what happened>`) maps to the output codes of the process
templates (sedp/cycles/templates_data/*.yaml); the responsible agency's open tasks producing
one of them are completed by cycles.complete_tasks_for_outputs, pointing at the event.
It is called inside the service's transaction, after the event is written.
"""

from django.urls import reverse

from sedp.cycles.outputs import register_output_link
from sedp.cycles.services import complete_tasks_for_outputs

# plan output -> template output codes it produces
PLAN_OUTPUTS = {
    # the village proposal form, filled after the village meeting, goes to the commune
    "village_proposal.submitted": ("thon.proposal", "thon.proposal_final"),
    # a school's input to its commune, or a Sở's unit's plan to its planning division
    "agency_input.submitted": ("xa.agency_input", "sector.unit_plan"),
    # the commune group's summary forms are its consolidation
    "commune_plan.consolidated": ("xa.summary_forms",),
    "commune_plan.submitted": ("xa.plan_submitted",),
    # step 5: the completed draft (before and after the conference) and its framework
    "commune_plan.draft_completed": ("xa.plan_draft", "xa.plan_draft_final"),
    "commune_plan.framework_recorded": ("xa.plan_framework",),
    # district step 1: the office's filled sector orientation form reaches phòng TCKH
    "sector_orientation.submitted": ("huyen.sector_orientation_form",),
    # district and province (sedp.upper): the first text of a sector or district plan,
    # a sector office's framework sent up, the district's draft 2 and a Sở's signed plan
    "district_sector_plan.created": ("huyen.sector_plan_outline",),
    "district_plan.created": ("huyen.sector_plan_outline",),
    "district_sector_plan.submitted": ("huyen.sector_plan_framework",),
    "district_plan.submitted": ("huyen.plan_draft2",),
    "province_sector_plan.submitted": ("tinh.sector_plan_signed",),
}

# Where the work of those outputs is done, for the "Thực hiện" link of "Việc của tôi".
WORK_PAGES = (
    "thon.proposal",
    "thon.proposal_final",
    "xa.agency_input",
    "xa.summary_forms",
    "xa.plan_draft",
    "xa.plan_draft_final",
    "xa.plan_framework",
    "xa.plan_submitted",
    "huyen.sector_orientation_form",
)


# Template X3.1 (the commune group gathers, checks and vets the forms the villages and the
# commune agencies sent, output xa.inputs_reviewed) is done when the group consolidates while
# no submission is still waiting for its check: every form has been accepted or sent back
# with a reason, and the accepted ones are now in the summary (X3.2). A later consolidation
# closes it if one was still waiting the first time.
REVIEW_DONE_ON = {"commune_plan.consolidated": "xa.inputs_reviewed"}


def _inputs_reviewed(event) -> bool:
    from sedp.plans.consolidation import children_of
    from sedp.plans.models import PlanStatus

    return not children_of(event.target).filter(status=PlanStatus.SUBMITTED).exists()


def on_output(agency, output_code, event) -> int:
    """Complete the agency's tasks whose activity produces this plan output; return how many."""
    codes = PLAN_OUTPUTS.get(output_code, ())
    if output_code in REVIEW_DONE_ON and _inputs_reviewed(event):
        codes = (*codes, REVIEW_DONE_ON[output_code])
    return complete_tasks_for_outputs(agency=agency, output_codes=codes, event=event)


def register_work_pages() -> None:
    for code in WORK_PAGES:
        register_output_link(code, lambda task: reverse("plans-plan-list"))
