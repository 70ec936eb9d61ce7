from django import template

from sedp.indicators.display import format_number

register = template.Library()


@register.filter
def figure(value, decimals=0):
    """An indicator figure as Vietnamese planners write it: 1.234,5; '—' when missing."""
    if value is None or value == "":
        return "—"
    return format_number(value, int(decimals or 0))
