"""Versions with reasons and the November update round.

A version is a plans.PlanVersion (a JSON snapshot); this app names its stage (draft 1,
draft 2, submitted, updated, official, revised) and compares any two. The update round:
the consolidating level (UBND tỉnh / UBND huyện with Sở KHĐT / phòng TCKH) asks the plans it
consolidates to update their frameworks (UpdateRequest); each answers with an "updated"
version and its reason (UpdateResponse), and the consolidating level reads per child what
changed.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Stage(models.TextChoices):
    DRAFT_1 = "draft1", _("Draft 1")
    DRAFT_2 = "draft2", _("Draft 2")
    SUBMITTED = "submitted", pgettext_lazy("version", "Submitted")
    UPDATED = "updated", pgettext_lazy("version", "Updated")
    OFFICIAL = "official", pgettext_lazy("version", "Official")
    REVISED = "revised", pgettext_lazy("version", "Revised")


def stage_label(label: str) -> str:
    """A version's label for display: the stage's name when it is a stage code."""
    return str(Stage(label).label) if label in Stage.values else label


class UpdateRequest(models.Model):
    """The request to update plan frameworks, sent from a consolidating plan to its children."""

    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("consolidating plan"),
        on_delete=models.CASCADE,
        related_name="update_requests",
    )
    text = models.TextField(_("what to update"))
    deadline = models.DateField(_("answer by"))
    is_open = models.BooleanField(_("open"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("update request")
        verbose_name_plural = _("update requests")

    def __str__(self):
        return f"{self.plan} — {self.created_at:%d/%m/%Y}"


class UpdateResponse(models.Model):
    """A child plan's answer: the version before the request and the updated one."""

    request = models.ForeignKey(UpdateRequest, on_delete=models.CASCADE, related_name="responses")
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    before = models.ForeignKey(
        "plans.PlanVersion", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.ForeignKey("plans.PlanVersion", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("what was changed and why"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "plan"], name="one_response_per_plan")
        ]
        verbose_name = _("update response")
        verbose_name_plural = _("update responses")

    def __str__(self):
        return f"{self.plan} — {stage_label(self.version.label)}"


class Milestone(models.Model):
    """A stage the process reached on a plan, and the version frozen there.

    Recorded by the service where the milestone happens (plans submit, the upper levels'
    drafts, the commune conference, the update round, the resolution, an adjustment), never
    by hand. (plan, stage, key) is unique, so reaching the same milestone twice — a rerun, a
    second call — gives back the version already frozen instead of a duplicate; the key tells
    repeatable milestones apart (each submission, each update request, each adjustment).
    """

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="milestones")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    key = models.CharField(max_length=60, blank=True)
    version = models.ForeignKey(
        "plans.PlanVersion", on_delete=models.CASCADE, related_name="milestones"
    )
    # What made the plan reach it (the submission, the conference, the resolution…).
    event = models.ForeignKey(
        "core.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "version__number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "stage", "key"], name="milestone_once")
        ]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return f"{self.plan_id} — {self.get_stage_display()}"


class ChangeReport(models.Model):
    """A pair of versions someone asked the Word change report of: the documents app's target
    (one row per pair; both versions are frozen, so the report never changes)."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    old = models.ForeignKey("plans.PlanVersion", on_delete=models.CASCADE, related_name="+")
    new = models.ForeignKey("plans.PlanVersion", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["old", "new"], name="one_change_report_per_pair")
        ]
        verbose_name = _("change report")
        verbose_name_plural = _("change reports")

    def __str__(self):
        return f"{self.plan} — v{self.old.number} → v{self.new.number}"
