"""Community consultation on the commune's draft plan (seed, commune step 6).

The planning group publishes the draft for a period: a `Consultation` keeps a frozen copy
(`snapshot`) of the sections and activities it chose to publish, so residents read and
comment on exactly what was published, whatever the group edits afterwards. Residents
post `Comment`s without an account; the group answers each one (accepted / explained /
not accepted, with the reason) and publishes the feedback report. A plan cannot go to the
People's Council while a comment is unanswered (portal.services checks it).

Personal data: a commenter may give a display name (shown) and a village (never shown
publicly); the address is kept only as a keyed hash, to count comments per minute.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Consultation(models.Model):
    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="consultations"
    )
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
    intro = models.TextField(_("introduction for residents"), blank=True)
    # What residents read: {"sections": [{code, title, body}], "activities": [{id, title, …}]}
    snapshot = models.JSONField(default=dict)
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    report_note = models.TextField(_("summary for residents"), blank=True)
    report_published_at = models.DateTimeField(_("feedback report published at"), null=True)

    class Meta:
        ordering = ["-published_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(closed_at__isnull=True),
                name="consultation_one_open_per_plan",
            ),
        ]
        verbose_name = _("community consultation")
        verbose_name_plural = _("community consultations")

    def __str__(self):
        return f"{_('Community consultation')} — {self.plan.unit.name} {self.plan.plan_year}"

    @property
    def accepts_comments(self) -> bool:
        today = timezone.localdate()
        return self.closed_at is None and self.opens_on <= today <= self.closes_on

    @property
    def sections(self) -> list:
        return self.snapshot.get("sections", [])

    @property
    def activities(self) -> list:
        return self.snapshot.get("activities", [])


class CommentStatus(models.TextChoices):
    VISIBLE = "visible", _("Shown on the public page")
    HELD = "held", _("Held for moderation")
    HIDDEN = "hidden", _("Hidden (abusive or off-topic)")


class AnswerKind(models.TextChoices):
    ACCEPTED = "accepted", pgettext_lazy("answer to a comment", "Accepted")
    EXPLAINED = "explained", _("Explained")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")


class Comment(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    # What the comment is about: a section (its code) or an activity, or the plan as a whole.
    section_code = models.CharField(max_length=40, blank=True)
    activity = models.ForeignKey(
        "activities.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resident_comments",
    )
    target_label = models.CharField(_("about"), max_length=500, blank=True)
    body = models.TextField(_("comment"))
    display_name = models.CharField(_("name (optional)"), max_length=100, blank=True)
    village = models.ForeignKey(
        "territory.AdminUnit",
        verbose_name=_("village (optional)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_hash = models.CharField(max_length=64, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.VISIBLE
    )
    moderation_reason = models.CharField(_("reason"), max_length=500, blank=True)
    answer_kind = models.CharField(
        _("answer"), max_length=20, choices=AnswerKind.choices, blank=True
    )
    answer = models.TextField(_("answer and reason"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["consultation", "created_at", "pk"]
        indexes = [
            models.Index(fields=["consultation", "status", "created_at"]),
            models.Index(fields=["ip_hash", "created_at"]),
        ]
        verbose_name = _("resident's comment")
        verbose_name_plural = _("residents' comments")

    def __str__(self):
        return self.body[:80]

    @property
    def is_answered(self) -> bool:
        return bool(self.answer_kind)
