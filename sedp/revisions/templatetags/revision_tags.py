"""{{ version.label|stage }}: a version's label in the reader's language (stage codes)."""

from django import template

from sedp.revisions.models import stage_label

register = template.Library()


@register.filter
def stage(label) -> str:
    return stage_label(label or "")
