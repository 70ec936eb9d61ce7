"""The header's count of unread documents, and the documents a task waits for."""

from django import template

from sedp.directives import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_document_count(context):
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return 0
    return selectors.unread_count(user=request.user)


@register.inclusion_tag("directives/_task_documents.html")
def task_documents(task, ios):
    """Links to the documents received that are inputs of the task's activity."""
    codes = [io.code for io in ios if not io.is_output and io.io_type == "document"]
    return {"documents": selectors.received_for_task(task, codes)}
