"""Generated documents (Word, PDF, Excel), kept with what they were made from.

A RenderedDocument is one file of one document kind (sedp.documents.registry) for one target
object (a plan, a meeting…), made from one state of it: the plan version it was frozen at, or
else a fingerprint of its content. Asking again for the same kind, target, state and format
returns the same row, so the same version gives the same file and nothing is rendered twice.
The file itself lives on disk (DOCUMENTS_ROOT), read by streaming.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _


def documents_root():
    return getattr(settings, "DOCUMENTS_ROOT", None) or settings.ROOT_DIR / "var" / "documents"


class DocumentStorage(FileSystemStorage):
    """Files under DOCUMENTS_ROOT, read when used (so a test or a deployment can move it)."""

    @property
    def base_location(self):
        return str(documents_root())

    @property
    def location(self):
        return os.path.abspath(self.base_location)


class Format(models.TextChoices):
    DOCX = "docx", _("Word (.docx)")
    PDF = "pdf", _("PDF")
    XLSX = "xlsx", _("Excel (.xlsx)")


CONTENT_TYPES = {
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Format.PDF: "application/pdf",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class RenderStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class RenderedDocument(models.Model):
    kind = models.CharField(_("document"), max_length=60)
    target_type = models.CharField(max_length=30)
    target_id = models.PositiveBigIntegerField()
    fmt = models.CharField(_("format"), max_length=10, choices=Format.choices)
    # What the file was made from: the plan version (frozen plans) and/or the content
    # fingerprint (drafts, meetings); `state_key` is whichever of the two identifies it.
    plan_version = models.ForeignKey(
        "plans.PlanVersion",
        verbose_name=_("plan version"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
    )
    state_key = models.CharField(max_length=80)
    unit = models.ForeignKey(
        "territory.AdminUnit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RenderStatus.choices, default=RenderStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(storage=DocumentStorage(), upload_to="%Y/%m", blank=True)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(_("render time (s)"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "target_type", "target_id", "state_key", "fmt"],
                name="document_one_per_state",
            )
        ]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")

    def __str__(self):
        return self.filename or f"{self.kind} {self.target_type} {self.target_id}"

    @property
    def is_ready(self) -> bool:
        return self.status == RenderStatus.DONE and bool(self.file)

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[Format(self.fmt)]
