"""Background work of monitoring (django-tasks): refresh next year's assessment after a
mid-year or year-end report, outside the reporter's request."""

from django_tasks import task


@task()
def fill_next_assessment(plan_id: int) -> int:
    """Write the monitored plan's results into next year's plan of the same group, if it exists
    and is still a draft. Returns the number of sections written."""
    from sedp.monitoring.assessment import assessment_fill, next_plan_of
    from sedp.plans.models import Plan

    monitored = Plan.objects.select_related("unit", "agency").filter(pk=plan_id).first()
    if monitored is None:
        return 0
    target = next_plan_of(monitored)
    if target is None or not target.is_editable:
        return 0
    return assessment_fill(user=None, plan=target)
