from django import template

from sedp.indicators.display import format_number

register = template.Library()

STATUS_CLASSES = {
    "achieved": "text-bg-success",
    "on_track": "text-bg-primary",
    "behind": "text-bg-danger",
    "no_data": "text-bg-secondary",
}


@register.filter
def num(value, decimals=0):
    """A figure as Vietnamese planners write it (1.234,5); '—' when missing."""
    if value is None or value == "":
        return "—"
    return format_number(getattr(value, "value", value), int(decimals))


@register.filter
def status_class(status):
    return STATUS_CLASSES.get(status, "text-bg-secondary")


@register.filter
def get(mapping, key):
    return mapping.get(key, "") if mapping else ""
