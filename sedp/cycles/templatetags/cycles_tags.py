"""Pieces other pages show: the home page's "my work" summary and the header's notice count."""

from django import template

from sedp.cycles import selectors

register = template.Library()


@register.inclusion_tag("cycles/_my_work_card.html", takes_context=True)
def my_work_summary(context):
    user = context["request"].user
    return {"counts": selectors.open_task_counts(user=user)}


@register.simple_tag(takes_context=True)
def unread_notice_count(context):
    from sedp.cycles.notices import unread_count

    request = context.get("request")
    return unread_count(user=request.user) if request is not None else 0
