from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sedp.accounts.selectors import get_agency_for_user
from sedp.core.events import history_of
from sedp.core.forms import submit_form
from sedp.directives import selectors, services
from sedp.directives.forms import DocumentForm
from sedp.directives.kinds import BY_CODE

PAGE_SIZE = 30
RECIPIENTS_SHOWN = 200


@login_required
def document_list(request):
    """Văn bản đến (the inbox of the user's agencies) and, for issuers, Văn bản đi."""
    box = request.GET.get("box", "inbox")
    issuers = services.issuing_agencies(request.user)
    if box == "sent":
        rows = selectors.sent(user=request.user)
    else:
        box = "inbox"
        rows = selectors.inbox(user=request.user, unread_only=request.GET.get("unread") == "1")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "directives/document_list.html",
        {"box": box, "page": page, "issuers": issuers, "unread": request.GET.get("unread") == "1"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request):
    issuers = services.issuing_agencies(request.user)
    issuer_id = request.GET.get("issuer", "")
    if issuer_id.isdigit():
        issuer = get_agency_for_user(user=request.user, pk=int(issuer_id))
    elif len(issuers) == 1:
        issuer = issuers[0]
    else:
        if not issuers:
            raise PermissionDenied
        return render(
            request,
            "directives/choose_issuer.html",
            {
                "issuers": issuers,
                "kind": request.GET.get("kind", "")
                if request.GET.get("kind", "") in BY_CODE
                else "",
            },
        )
    if not services.can_issue(request.user, issuer):
        raise PermissionDenied
    pickable = services.hand_pickable(issuer)
    kind = BY_CODE.get(request.GET.get("kind", ""))
    initial = {}
    if kind is not None:
        initial = {
            "kind": kind.code,
            "recipient_kinds": list(kind.recipient_kinds),
            "levels_below": kind.levels_below,
            "sector_line": kind.sector_line,
        }
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        issuer=issuer,
        pickable=pickable,
        initial=initial,
    )
    document = submit_form(
        request,
        form,
        lambda data: services.document_issue(user=request.user, issuer=issuer, **data),
        _("The document was issued and sent."),
    )
    if document:
        return redirect("directives-document-detail", pk=document.pk)
    return render(
        request,
        "directives/document_form.html",
        {"form": form, "issuer": issuer},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def document_detail(request, pk):
    document = selectors.get_document_for_user(user=request.user, pk=pk)
    services.document_mark_read(user=request.user, document=document)
    recipients = selectors.recipients_of(document)
    total = recipients.count()
    return render(
        request,
        "directives/document_detail.html",
        {
            "document": document,
            "attachments": selectors.attachments_of(document),
            "recipients": recipients[:RECIPIENTS_SHOWN],
            "recipient_total": total,
            "read_total": recipients.filter(read_at__isnull=False).count(),
            "more": max(total - RECIPIENTS_SHOWN, 0),
            "history": history_of(document)[:20],
        },
    )


@login_required
def attachment_download(request, pk, file_pk):
    document = selectors.get_document_for_user(user=request.user, pk=pk)
    attachment = selectors.get_attachment(document=document, pk=file_pk)
    response = HttpResponse(bytes(attachment.content), content_type=attachment.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(attachment.name)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)
