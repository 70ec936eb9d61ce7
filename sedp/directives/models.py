"""Official documents (văn bản) issued by an agency and sent down to the agencies that act on
them: the provincial directive, the district's letters 1 and 2, the commune's launch letter…

A document's `kind` is the process templates' output code (see kinds.py). Each recipient
agency has its own row with the moment it was first read, so an inbox and its unread count
are one indexed query. Attachments are kept in the database (a few MB each at most): one
backup holds everything, and offline intranets need no shared file storage.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sedp.directives.kinds import BY_CODE, CHOICES


class Document(models.Model):
    kind = models.CharField(_("kind"), max_length=40, choices=CHOICES)
    issuer = models.ForeignKey(
        "territory.Agency",
        verbose_name=_("issuing agency"),
        on_delete=models.PROTECT,
        related_name="issued_documents",
    )
    # The issuer's unit, copied: scope filters and histories join one table less.
    unit = models.ForeignKey(
        "territory.AdminUnit", on_delete=models.PROTECT, related_name="documents"
    )
    number = models.CharField(_("number"), max_length=60, help_text=_("e.g. 45/UBND-VP"))
    issued_on = models.DateField(_("date issued"))
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), blank=True)
    report_year = models.PositiveSmallIntegerField(_("report year X"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "report_year", "number"], name="document_number_unique"
            ),
        ]
        indexes = [models.Index(fields=["issuer", "kind", "report_year"])]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return f"{self.number} — {self.title}"

    @property
    def kind_label(self):
        kind = BY_CODE.get(self.kind)
        return kind.label if kind else self.kind


class Recipient(models.Model):
    """One agency a document was sent to, and when one of its members first read it."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="recipients")
    agency = models.ForeignKey(
        "territory.Agency", on_delete=models.CASCADE, related_name="received_documents"
    )
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "agency"], name="recipient_unique"),
        ]
        indexes = [models.Index(fields=["agency", "read_at"])]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")

    def __str__(self):
        return f"{self.document.number} → {self.agency}"


class Attachment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    content = models.BinaryField()

    class Meta:
        ordering = ["document", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name
