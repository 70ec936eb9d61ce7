"""Scoped reads: a document is visible to whoever can see what it was made from."""

from django.http import Http404

from sedp.accounts.scoping import scope_for
from sedp.documents.models import RenderedDocument
from sedp.documents.registry import get_target


def get_meeting_for_user(*, user, pk):
    """A meeting, reached through the plan it belongs to (404 outside the user's scope)."""
    from sedp.meetings.models import Meeting

    scope = scope_for(user)
    try:
        return (
            Meeting.objects.filter(scope.agency_q(prefix="plan__agency__"))
            .select_related("plan__agency", "plan__unit", "unit__parent")
            .get(pk=pk)
        )
    except (Meeting.DoesNotExist, ValueError):
        raise Http404 from None


def get_document_for_user(*, user, pk) -> tuple[RenderedDocument, object]:
    """The document and its target, if the user can see the target; else 404."""
    try:
        document = RenderedDocument.objects.get(pk=pk)
    except (RenderedDocument.DoesNotExist, ValueError):
        raise Http404 from None
    target = get_target(document.target_type)
    if target is None:
        raise Http404
    return document, target.get_for_user(user, document.target_id)
