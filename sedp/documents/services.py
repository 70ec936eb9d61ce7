"""Asking for a document and making it.

`document_request` is what a download link calls: it finds the file already made from the
same state of the target (same plan version, or same content), or records a new request and
queues its rendering in the background (tasks.render_document). `document_render` is the
background work: it writes the file step by step, reporting progress the page polls.
"""

import shutil
import tempfile
import time
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sedp.core.events import record_event
from sedp.documents import docx_render
from sedp.documents.models import Format, RenderedDocument, RenderStatus
from sedp.documents.registry import DocxKind, get_kind, get_target


def state_key(kind, target, obj):
    """(plan version or None, key) of the object's current state for this kind of document."""
    version, key = target.state(obj)
    if kind.extra_state is not None:
        key = f"{key}-{kind.extra_state(obj)}"
    salt = kind.template_salt()
    return version, f"{key}-{salt}" if salt else key


def document_request(*, user, kind_code, target_code, pk, fmt) -> tuple[RenderedDocument, bool]:
    """The document of this kind, target and format for the target's current state; queued
    for rendering if it does not exist yet. Returns (document, queued now)."""
    kind, target = get_kind(kind_code), get_target(target_code)
    if kind is None or target is None or kind.target != target_code:
        raise Http404
    try:
        obj = target.get_for_user(user, pk)
    except Http404:
        raise PermissionDenied(_("You cannot see this document's source.")) from None
    if not kind.applies(obj):
        raise Http404
    if fmt not in kind.formats:
        raise ValidationError(_("This document is not available in that format."))
    if fmt == Format.PDF and not docx_render.soffice_path():
        raise ValidationError(_("LibreOffice is not installed on the server."))
    version, key = state_key(kind, target, obj)
    lookup = {
        "kind": kind.code,
        "target_type": target.code,
        "target_id": obj.pk,
        "state_key": key,
        "fmt": fmt,
    }
    queued = False
    with transaction.atomic():
        document = RenderedDocument.objects.select_for_update().filter(**lookup).first()
        if document is None:
            try:
                with transaction.atomic():
                    document = RenderedDocument.objects.create(
                        **lookup,
                        plan_version=version,
                        unit=target.unit_of(obj),
                        requested_by=user,
                    )
            except IntegrityError:  # someone asked for the same file a moment earlier
                document = RenderedDocument.objects.get(**lookup)
            else:
                queued = True
        elif document.status == RenderStatus.FAILED:
            document.status, document.progress, document.error = RenderStatus.QUEUED, 0, ""
            document.requested_by = user
            document.save(update_fields=["status", "progress", "error", "requested_by"])
            queued = True
        if queued:
            record_event(
                actor=user,
                verb="document.requested",
                target=obj,
                unit=target.unit_of(obj),
                payload={"kind": kind.code, "format": fmt, "state": key},
            )
    if queued:
        # After the transaction: the worker must find the row. (The immediate backend runs
        # the render right here, as in tests and one-process installs.)
        from sedp.documents.tasks import render_document

        render_document.enqueue(document.pk)
        document.refresh_from_db()
    return document, queued


def _progress(document, percent, step) -> None:
    RenderedDocument.objects.filter(pk=document.pk).update(progress=percent, step=step)


def document_render(document_id: int) -> RenderedDocument:
    """Write the file of a queued document (background). Failures are stored on the row for
    the page to show; the user can ask again."""
    document = RenderedDocument.objects.get(pk=document_id)
    if document.status == RenderStatus.DONE and document.file:
        return document
    kind, target = get_kind(document.kind), get_target(document.target_type)
    started = time.perf_counter()
    RenderedDocument.objects.filter(pk=document.pk).update(
        status=RenderStatus.RUNNING, progress=5, step="start"
    )
    try:
        obj = target.load(document.target_id)
        with translation.override("vi"), tempfile.TemporaryDirectory(prefix="sedp-doc-") as work:
            out_path = Path(work) / f"{kind.filename(obj)}.{document.fmt}"
            _write(document, kind, obj, out_path)
            _progress(document, 95, "save")
            with open(out_path, "rb") as handle:
                document.file.save(out_path.name, File(handle), save=False)
            document.filename = out_path.name
            document.size = out_path.stat().st_size
    except Exception as error:  # noqa: BLE001 — shown to the user, who can retry
        RenderedDocument.objects.filter(pk=document.pk).update(
            status=RenderStatus.FAILED, error=str(error)[:2000]
        )
        raise
    document.status, document.progress, document.step = RenderStatus.DONE, 100, "done"
    document.finished_at = timezone.now()
    document.seconds = round(time.perf_counter() - started, 3)
    document.save()
    record_event(
        actor=document.requested_by,
        verb="document.generated",
        target=obj,
        unit=target.unit_of(obj),
        payload={
            "kind": kind.code,
            "format": document.fmt,
            "file": document.filename,
            "seconds": document.seconds,
        },
    )
    return document


def _write(document, kind, obj, out_path: Path) -> None:
    def report(percent, step):
        _progress(document, percent, step)

    if document.fmt == Format.PDF:
        docx_path = out_path.with_suffix(".docx")
        kept = RenderedDocument.objects.filter(
            kind=document.kind,
            target_type=document.target_type,
            target_id=document.target_id,
            state_key=document.state_key,
            fmt=Format.DOCX,
            status=RenderStatus.DONE,
        ).first()
        if kept is not None and kept.file:  # the Word file of the same state: convert it
            with kept.file.open("rb") as source, open(docx_path, "wb") as target:
                shutil.copyfileobj(source, target)
        else:
            _write_docx(kind, obj, docx_path, report)
        report(70, "pdf")
        docx_render.convert_to_pdf(docx_path, out_path)
    elif document.fmt == Format.DOCX:
        _write_docx(kind, obj, out_path, report)
    else:
        kind.write(obj, out_path, document.fmt, report)


def _write_docx(kind, obj, out_path, report) -> None:
    if isinstance(kind, DocxKind):
        context = kind.context(obj, report)
        report(60, "docx")
        docx_render.render_docx(kind.template_path(obj), context, out_path)
    else:
        kind.write(obj, out_path, Format.DOCX, report)
