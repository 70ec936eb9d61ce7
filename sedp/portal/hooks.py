"""Where the step 6 tasks of "Việc của tôi" are done: the plan's consultation page or its
approval page (the calendar's "Thực hiện" link), else the plans list."""

from django.urls import reverse

from sedp.cycles.outputs import register_output_link

CONSULTATION_OUTPUTS = ("xa.consultation", "xa.plan_consulted", "xa.consultation_response")
APPROVAL_OUTPUTS = (
    "xa.resolution",
    "huyen.resolution",
    "tinh.resolution",
    "huyen.plan_published",
    "tinh.plan_published",
)


def _link(page):
    # No query here: "Việc của tôi" lists many tasks; the redirect view finds the plan.
    def url_for_task(task):
        return reverse("portal-task-plan", args=[task.unit_id, task.cycle.report_year, page])

    return url_for_task


def register_work_pages() -> None:
    for code in CONSULTATION_OUTPUTS:
        register_output_link(code, _link("consultation"))
    for code in APPROVAL_OUTPUTS:
        register_output_link(code, _link("approval"))
