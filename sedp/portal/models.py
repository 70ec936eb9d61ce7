"""From draft to official plan, and its publication (seed, step 6 at every level).

The People's Committee submits a version of the plan to the People's Council
(`CouncilSubmission`, the tờ trình); the council's committees ask questions and the
committee answers them (`CouncilQuestion`); the council adopts the plan by a
`Resolution`, which makes the version frozen at that moment official and moves the plan
to APPROVED: the plans services then refuse every later edit. The official plan, its
indicator annex and the resolution are then published (`Publication`): a frozen copy
that the public portal reads, so that nothing unpublished can ever show there.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CouncilSubmission(models.Model):
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="council_submissions"
    )
    version = models.ForeignKey(
        "plans.PlanVersion", verbose_name=_("version"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("submission number"), max_length=50)
    submitted_on = models.DateField(_("date of the submission"))
    summary = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("submission to the People's Council")
        verbose_name_plural = _("submissions to the People's Council")

    def __str__(self):
        return f"{_('Submission')} {self.number} — {self.plan}"


class CouncilQuestion(models.Model):
    """A question of the council's committee during its review, and the committee's answer."""

    submission = models.ForeignKey(
        CouncilSubmission, on_delete=models.CASCADE, related_name="questions"
    )
    asked_by = models.CharField(_("asked by"), max_length=255)
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["submission", "created_at", "pk"]
        verbose_name = _("question of the People's Council")
        verbose_name_plural = _("questions of the People's Council")

    def __str__(self):
        return self.question[:80]


class Resolution(models.Model):
    """The People's Council's resolution adopting the plan: the version it makes official."""

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, related_name="resolution")
    submission = models.OneToOneField(
        CouncilSubmission, on_delete=models.PROTECT, related_name="resolution"
    )
    version = models.OneToOneField(
        "plans.PlanVersion",
        verbose_name=_("official version"),
        on_delete=models.PROTECT,
        related_name="resolution",
    )
    number = models.CharField(_("resolution number"), max_length=50)
    adopted_on = models.DateField(_("date adopted"))
    text = models.TextField(_("text of the resolution"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")

    def __str__(self):
        return f"{_('Resolution')} {self.number}"


class Adjustment(models.Model):
    """An adjustment (điều chỉnh) of an official plan: started by the People's Committee with
    its reason, submitted to the People's Council (a tờ trình, reviewed with questions like
    the first one) and adopted by an adjusting resolution, which makes a "revised" version
    official. The version in force until then stays official and published."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="adjustments")
    number = models.PositiveSmallIntegerField(_("adjustment number"))
    reason = models.TextField(_("reason for the adjustment"))
    # The official (or earlier revised) version in force when the adjustment started.
    base_version = models.ForeignKey(
        "plans.PlanVersion", null=True, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submission = models.OneToOneField(
        CouncilSubmission,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adjustment",
    )
    resolution_number = models.CharField(_("resolution number"), max_length=50, blank=True)
    adopted_on = models.DateField(_("date adopted"), null=True, blank=True)
    resolution_text = models.TextField(_("text of the resolution"), blank=True)
    version = models.ForeignKey(
        "plans.PlanVersion",
        verbose_name=_("revised version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    adopted_at = models.DateTimeField(null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Cancelled before its submission (sedp.portal.adjustments.adjustment_cancel): the
    # official version stayed in force; the row stays as the record of the attempt.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="adjustment_number_unique")
        ]
        verbose_name = _("plan adjustment")
        verbose_name_plural = _("plan adjustments")

    def __str__(self):
        return f"{self.plan} — {_('adjustment')} {self.number}"

    @property
    def is_open(self) -> bool:
        return self.adopted_at is None and self.cancelled_at is None


class Publication(models.Model):
    """The official plan as published: what the public portal shows, frozen."""

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, related_name="publication")
    resolution = models.OneToOneField(Resolution, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "territory.AdminUnit", on_delete=models.PROTECT, related_name="publications"
    )
    kind = models.CharField(max_length=30)
    plan_year = models.PositiveSmallIntegerField(_("plan year"))
    title = models.CharField(_("title"), max_length=300)
    # Lower-case, unaccented: the title, the unit and the units above it, the resolution number.
    search_text = models.TextField(blank=True)
    # {"sections": [...], "activities": [...], "annex": [...], "resolution": {...}, "totals": {...}}
    snapshot = models.JSONField(default=dict)
    # The last adjustment adopted and republished (None: the plan as first adopted).
    adjustment = models.ForeignKey(
        Adjustment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-plan_year", "kind", "title"]
        indexes = [models.Index(fields=["plan_year", "kind"])]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self):
        return self.title
