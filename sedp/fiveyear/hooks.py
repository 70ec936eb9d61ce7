"""THE one place where the five-year and orientation work tells the planning calendar that
an expected output exists (codes of sedp/cycles/templates_data/*.yaml)."""

from django.urls import reverse

from sedp.cycles.outputs import register_output_link
from sedp.cycles.services import complete_tasks_for_output

SUMMARY = "huyen.orientation_summary"
ORIENTATION_PLAN = "huyen.orientation_plan"
CONFERENCE1 = "huyen.conference1"
# H1.3: phòng TCKH guides the district bodies on filling in the sector orientation form.
FORM_GUIDANCE = "huyen.orientation_form_guidance"


def on_output(agency, output_code, event) -> int:
    return complete_tasks_for_output(agency=agency, output_code=output_code, event=event)


def register_work_pages() -> None:
    for code in (SUMMARY, ORIENTATION_PLAN, CONFERENCE1, FORM_GUIDANCE):
        register_output_link(code, lambda task: reverse("fiveyear-orientation-start"))
