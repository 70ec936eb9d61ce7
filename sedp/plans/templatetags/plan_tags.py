from django import template

from sedp.core.text import format_vnd

register = template.Library()


@register.filter
def vnd(amount):
    """1234567 -> '1.234.567' (the Vietnamese way); empty for None."""
    return format_vnd(amount)
