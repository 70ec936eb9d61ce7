"""District and provincial planning: what moves between bodies outside a plan's own review.

A plan's review (submitted → accepted) is in sedp.plans. The upper levels add three records:
- RoutedPlan: phòng TCKH (in the two-tier structure the Sở Tài chính) has routed an accepted
  commune plan by sector to the sector offices (seed, district step 4: "bản tổng hợp nhu cầu
  đề xuất của các xã theo ngành"); from then on the offices see and collect its lines.
- PlanDispatch: a plan sent somewhere else than its reviewer — a draft to the sub-sector units
  for feedback, a district office's framework up its sector line to the Sở (which appraises
  it), a Sở's signed plan or the provincial draft to the ministry.
- PlanOpinion: a recorded opinion on a plan (sub-sector feedback; the People's Committee,
  party committee and People's Council reviewing a draft).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RoutedPlan(models.Model):
    plan = models.OneToOneField(
        "plans.Plan", on_delete=models.CASCADE, related_name="routing", verbose_name=_("plan")
    )
    routed_by = models.ForeignKey(
        "territory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    routed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("routed commune plan")
        verbose_name_plural = _("routed commune plans")

    def __str__(self):
        return str(self.plan)


class DispatchPurpose(models.TextChoices):
    FEEDBACK = "feedback", _("For feedback from a sub-sector")
    SECTOR_LINE = "sector_line", _("Up the sector line to the department")
    MINISTRY = "ministry", _("To the ministry")


class DispatchStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for changes")


class PlanDispatch(models.Model):
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="dispatches", verbose_name=_("plan")
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=DispatchPurpose.choices)
    # A body of the tree, or (for a ministry, outside the tree) only a name.
    recipient = models.ForeignKey(
        "territory.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="received_dispatches",
        verbose_name=_("recipient"),
    )
    recipient_name = models.CharField(_("recipient"), max_length=255)
    version = models.ForeignKey(
        "plans.PlanVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DispatchStatus.choices, default=DispatchStatus.SENT
    )
    reason = models.TextField(_("reason for return"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "sent_at", "pk"]
        indexes = [models.Index(fields=["recipient", "purpose", "status"])]
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")

    def __str__(self):
        return f"{self.plan} → {self.recipient_name}"


class PlanOpinion(models.Model):
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="opinions", verbose_name=_("plan")
    )
    agency = models.ForeignKey(
        "territory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("body")
    )
    text = models.TextField(_("opinion"))
    date = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "date", "pk"]
        verbose_name = _("opinion on a plan")
        verbose_name_plural = _("opinions on plans")

    def __str__(self):
        return f"{self.agency}: {self.text[:60]}"
