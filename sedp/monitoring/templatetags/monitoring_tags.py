from django import template

from sedp.monitoring.rules import TargetStatus

register = template.Library()

STATUS_CSS = {
    TargetStatus.OFF_TRACK: "danger",
    TargetStatus.AT_RISK: "warning",
    TargetStatus.NO_DATA: "secondary",
    TargetStatus.ON_TRACK: "success",
}


@register.simple_tag
def cell_error(errors, row, name) -> str:
    return " is-invalid" if f"{row.pk}-{name}" in errors else ""


@register.simple_tag
def posted_or(posted, row, name) -> str:
    """The value the user just posted (shown again after an error), else the row's value."""
    key = f"{row.pk}-{name}"
    if posted is not None and key in posted:
        return posted[key]
    field = f"{name}_id" if name in ("collector", "report_to") else name
    value = getattr(row, field)
    return "" if value is None else str(value)


@register.filter
def status_css(status) -> str:
    return STATUS_CSS.get(status, "secondary")


@register.filter
def status_label(status) -> str:
    return TargetStatus(status).label if status in TargetStatus.values else ""


@register.filter
def share_percent(share) -> str:
    return "—" if share is None else f"{round(share * 100)}%"


@register.inclusion_tag("monitoring/_work_summary.html", takes_context=True)
def monitoring_work_summary(context):
    """The collecting agency's monitoring work on "My work" (two queries)."""
    from sedp.monitoring.selectors import work_counts

    user = context["request"].user
    return {"counts": work_counts(user=user)}
