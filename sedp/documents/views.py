from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sedp.core.forms import report_service_errors
from sedp.documents import docx_render, services
from sedp.documents.models import Format, RenderStatus
from sedp.documents.registry import get_kind, get_target
from sedp.documents.selectors import get_document_for_user


def _file_response(document):
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.filename,
        content_type=document.content_type,
    )


@login_required
def document_get(request, target, pk, kind, fmt):
    """A document's download link: the file if it was already made from the same version,
    else its rendering is queued and the progress page shown."""
    target_def, kind_def = get_target(target), get_kind(kind)
    if target_def is None or kind_def is None or fmt not in Format.values:
        raise Http404
    obj = target_def.get_for_user(request.user, pk)  # 404 outside the user's scope
    if not kind_def.applies(obj) or fmt not in kind_def.formats:
        raise Http404
    back = target_def.page_url(obj)
    if fmt == Format.PDF and not docx_render.soffice_path():
        return render(
            request,
            "documents/pdf_missing.html",
            {"kind": kind_def, "package": docx_render.LIBREOFFICE_PACKAGE, "back": back},
        )
    try:
        document, _queued = services.document_request(
            user=request.user, kind_code=kind, target_code=target, pk=obj.pk, fmt=fmt
        )
    except ValidationError as error:
        report_service_errors(request, error)
        return redirect(back)
    if document.is_ready:
        return _file_response(document)
    return redirect("documents-document-status", pk=document.pk)


def _status_context(document, obj):
    kind = get_kind(document.kind)
    target = get_target(document.target_type)
    return {
        "document": document,
        "kind": kind,
        "back": target.page_url(obj),
        "finished": document.status in (RenderStatus.DONE, RenderStatus.FAILED),
    }


@login_required
def document_status(request, pk):
    """The progress of a render; htmx polls the fragment until the file is ready."""
    document, obj = get_document_for_user(user=request.user, pk=pk)
    context = _status_context(document, obj)
    if request.htmx:
        return render(request, "documents/_status.html", context)
    return render(request, "documents/status.html", context)


@login_required
def document_download(request, pk):
    document, _obj = get_document_for_user(user=request.user, pk=pk)
    if not document.is_ready:
        return redirect("documents-document-status", pk=document.pk)
    return _file_response(document)


@login_required
@require_POST
def document_retry(request, pk):
    document, obj = get_document_for_user(user=request.user, pk=pk)
    try:
        document, _queued = services.document_request(
            user=request.user,
            kind_code=document.kind,
            target_code=document.target_type,
            pk=obj.pk,
            fmt=document.fmt,
        )
    except ValidationError as error:
        report_service_errors(request, error)
    else:
        if document.status == RenderStatus.FAILED:
            messages.error(request, document.error)
    return redirect("documents-document-status", pk=document.pk)
