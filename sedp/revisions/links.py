"""Where the tasks of the update round are done ("Thực hiện" in "Việc của tôi").

The link is built without a query (the task list shows many); the page it leads to finds the
agency's plan of that year and forwards to its versions page.
"""

from django.urls import reverse

from sedp.cycles.outputs import register_output_link

WORK_OUTPUTS = (
    "tinh.update_request",
    "huyen.update_request",
    "sector.framework_update",
    "huyen.framework_update",
    "xa.framework_update",
    "tinh.plan_updated",
    "huyen.plan_updated",
)


def _versions_page(task) -> str:
    return reverse("revisions-agency-plan", args=[task.agency_id, task.cycle.report_year])


def register_work_pages() -> None:
    for code in WORK_OUTPUTS:
        register_output_link(code, _versions_page)
