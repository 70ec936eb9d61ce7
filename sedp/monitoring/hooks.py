"""THE one place where monitoring tells the planning calendar that an expected output exists.

A plan's completed M&E framework is the output `<level>.me_framework` of the process templates
(sedp/cycles/templates_data/*.yaml: X5.2 for the commune, H5.3 for the district); the
provincial template names no such output, so a province's framework completes no task.
"""

from django.urls import reverse

from sedp.cycles.outputs import register_output_link
from sedp.cycles.services import complete_tasks_for_output
from sedp.plans.models import PlanKind

FRAMEWORK_OUTPUTS = {
    PlanKind.COMMUNE_PLAN: ("xa.me_framework",),
    PlanKind.DISTRICT_PLAN: ("huyen.me_framework",),
}


def on_framework_completed(plan, event) -> int:
    completed = 0
    for code in FRAMEWORK_OUTPUTS.get(plan.kind, ()):
        completed += complete_tasks_for_output(agency=plan.agency, output_code=code, event=event)
    return completed


def register_work_pages() -> None:
    for codes in FRAMEWORK_OUTPUTS.values():
        for code in codes:
            register_output_link(code, lambda task: reverse("monitoring-framework-list"))


def on_plan_approved(plan) -> int:
    """For the approval service (issue G, adoption by resolution) to call inside its
    transaction once a plan is official: its framework's collection tasks are created at once
    when the framework is complete (else the group completes it and presses "Start
    monitoring", or `manage.py monitoring_generate` picks it up). Returns the tasks created."""
    from sedp.monitoring.services import framework_problems, monitoring_start
    from sedp.targets.official import on_resolution_adopted

    # The resolution also makes the unit's allocation to the units below official.
    on_resolution_adopted(plan)
    if not plan.me_rows.exists() or framework_problems(plan):
        return 0
    return monitoring_start(user=None, plan=plan)
