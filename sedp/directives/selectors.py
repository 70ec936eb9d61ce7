"""Scoped reads of documents. A document is visible to its issuer's scope and to the scope of
every recipient: members of a recipient agency and the bodies above it (accounts.scoping)."""

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404

from sedp.accounts.scoping import scope_for
from sedp.directives.models import Attachment, Document, Recipient


def documents_visible_to(*, user):
    scope = scope_for(user)
    documents = Document.objects.select_related("issuer__unit", "issued_by")
    if scope.is_admin:
        return documents
    received = Recipient.objects.filter(document=OuterRef("pk")).filter(
        scope.agency_q(prefix="agency__")
    )
    return documents.filter(Q(scope.agency_q(prefix="issuer__")) | Q(Exists(received)))


def get_document_for_user(*, user, pk) -> Document:
    try:
        return documents_visible_to(user=user).get(pk=pk)
    except (Document.DoesNotExist, ValueError):
        raise Http404 from None


def inbox(*, user, unread_only=False):
    """What the user's own agencies received, newest first (one query per page)."""
    scope = scope_for(user)
    rows = Recipient.objects.filter(agency_id__in=scope.agency_ids)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows.select_related("document__issuer__unit", "agency").order_by(
        "-document__issued_on", "-document_id", "agency__name"
    )


def unread_count(*, user) -> int:
    scope = scope_for(user)
    if not scope.agency_ids:
        return 0
    return Recipient.objects.filter(agency_id__in=scope.agency_ids, read_at__isnull=True).count()


def sent(*, user):
    """Documents issued by the user's own agencies, with how many recipients read them."""
    scope = scope_for(user)
    return (
        Document.objects.filter(issuer_id__in=scope.agency_ids)
        .select_related("issuer__unit")
        .annotate(
            recipient_count=Count("recipients"),
            read_count=Count("recipients", filter=Q(recipients__read_at__isnull=False)),
        )
        .order_by("-issued_on", "-pk")
    )


def recipients_of(document):
    return document.recipients.select_related("agency__unit", "read_by").order_by(
        "agency__unit__path", "agency__kind", "agency__name"
    )


def attachments_of(document):
    return document.attachments.defer("content")


def get_attachment(*, document, pk) -> Attachment:
    try:
        return document.attachments.get(pk=pk)
    except (Attachment.DoesNotExist, ValueError):
        raise Http404 from None


def received_for_task(task, codes) -> list[Document]:
    """Documents of the given kinds the task's agency received for the task's report year."""
    if not codes:
        return []
    return list(
        Document.objects.filter(
            kind__in=codes,
            report_year=task.cycle.report_year,
            recipients__agency_id=task.agency_id,
        ).select_related("issuer")
    )
