"""Where the tasks of the update round are done ("Thực hiện" in "Việc của tôi")."""

from django.urls import reverse

from sedp.cycles.outputs import register_output_link
from sedp.plans.models import Plan

# The request is issued from the consolidating plan's version page; the answers too.
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
    plan = (
        Plan.objects.filter(unit=task.unit, report_year=task.cycle.report_year)
        .order_by("-kind")
        .filter(agency=task.agency)
        .first()
        or Plan.objects.filter(unit=task.unit, report_year=task.cycle.report_year).first()
    )
    if plan is None:
        return reverse("plans-plan-list")
    return reverse("revisions-version-list", args=[plan.pk])


def register_work_pages() -> None:
    for code in WORK_OUTPUTS:
        register_output_link(code, _versions_page)
