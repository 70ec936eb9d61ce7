"""Official targets and budgets cascaded down (giao chỉ tiêu, dự toán).

When a unit has its official targets (its "KH X+1 được giao" indicator values), its planning
body allocates them to the units below and to its sector agencies in a grid (Allocation,
AllocationCell). The cells are a working draft; issuing the allocation writes each cell as
the child's own "assigned" indicator value, records the assignment in the event log and
completes the calendar's "official targets" tasks. The children then see their assigned
figure beside their proposal.

The budget side: each plan's budget estimate (BudgetEstimate, dự toán) adds up its funded
activities by source and its recurrent needs; the finance office (phòng TCKH) or the
Department of Finance (Sở TC) accepts it with the allocation it proposes, or returns it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Allocation(models.Model):
    """One unit's allocation of its assigned targets to its children, for report year X."""

    unit = models.ForeignKey(
        "territory.AdminUnit",
        verbose_name=_("administrative unit"),
        on_delete=models.CASCADE,
        related_name="allocations",
    )
    report_year = models.PositiveSmallIntegerField(_("report year X"))
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    basis = models.CharField(_("basis (resolution, decision)"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "report_year"], name="allocation_unique")
        ]
        verbose_name = _("target allocation")
        verbose_name_plural = _("target allocations")

    def __str__(self):
        return f"{self.unit.name} — {self.report_year + 1}"


class AllocationCell(models.Model):
    """The figure allocated to one child unit, or one sector agency, for one indicator."""

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="cells")
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        "territory.AdminUnit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    agency = models.ForeignKey(
        "territory.Agency", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    value = models.DecimalField(max_digits=20, decimal_places=4)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "indicator", "unit"],
                condition=Q(agency__isnull=True),
                name="cell_unique_unit",
            ),
            models.UniqueConstraint(
                fields=["allocation", "indicator", "agency"],
                condition=Q(agency__isnull=False),
                name="cell_unique_agency",
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=True) ^ Q(agency__isnull=True), name="cell_unit_xor_agency"
            ),
        ]

    def __str__(self):
        return f"{self.indicator_id} → {self.unit_id or self.agency_id}: {self.value}"


class BudgetStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("budget", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("budget", "Submitted")
    RETURNED = "returned", pgettext_lazy("budget", "Returned")
    ACCEPTED = "accepted", pgettext_lazy("budget", "Accepted")


BUDGET_TRANSITIONS = {
    BudgetStatus.DRAFT: {BudgetStatus.SUBMITTED},
    BudgetStatus.SUBMITTED: {BudgetStatus.RETURNED, BudgetStatus.ACCEPTED},
    BudgetStatus.RETURNED: {BudgetStatus.SUBMITTED},
    BudgetStatus.ACCEPTED: set(),
}


class BudgetEstimate(models.Model):
    """A plan's budget estimate (dự toán): funded activities by source plus recurrent needs."""

    plan = models.OneToOneField(
        "plans.Plan", on_delete=models.CASCADE, related_name="budget_estimate"
    )
    # Investment: the plan's funded activities, summed by source when the estimate is made.
    investment = models.JSONField(default=dict)
    investment_total = models.BigIntegerField(
        _("investment from funded activities (VND)"), default=0
    )
    recurrent = models.BigIntegerField(_("recurrent needs (VND)"), default=0)
    recurrent_note = models.TextField(_("recurrent needs: what they are"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=BudgetStatus.choices, default=BudgetStatus.DRAFT
    )
    return_reason = models.TextField(_("reason for return"), blank=True)
    proposed_allocation = models.BigIntegerField(
        _("allocation proposed by the finance body (VND)"), null=True, blank=True
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("budget estimate")
        verbose_name_plural = _("budget estimates")

    def __str__(self):
        return f"{self.plan} — {_('budget estimate')}"

    @property
    def total(self) -> int:
        return self.investment_total + self.recurrent
