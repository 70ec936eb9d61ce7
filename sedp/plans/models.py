"""Plans: one unit's (or one agency's) planning document for report year X.

Every plan at every level has the same parts (sections following the level's outline,
activities in a results chain, meetings, versions, a review state), so a village
proposal, an agency input and a commune plan are the same model with another `kind`;
district and province plans reuse it with their own kinds and outlines. Consolidation
(a parent plan pulling its children's accepted activities) is one operation for all.

Plans are keyed by report year X (an integer), not by a cycle row: the cycle app links
its PlanCycle by that year.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    VILLAGE_PROPOSAL = "village_proposal", _("Village proposal")
    AGENCY_INPUT = "agency_input", _("Agency input")
    COMMUNE_PLAN = "commune_plan", _("Commune plan")
    DISTRICT_SECTOR_PLAN = "district_sector_plan", _("District sector plan")
    DISTRICT_PLAN = "district_plan", _("District plan")
    PROVINCE_SECTOR_PLAN = "province_sector_plan", _("Provincial sector plan")
    PROVINCE_PLAN = "province_plan", _("Provincial plan")
    # District step 1–2: each district office's (or sub-sector unit's) sector orientation
    # form, and phòng TCKH's directional plan drafted from them (sedp.fiveyear.orientation).
    SECTOR_ORIENTATION = "sector_orientation", _("Sector orientation information")
    DISTRICT_ORIENTATION = "district_orientation", _("District directional plan")


# Which plans a parent consolidates: the children's kinds, found in the parent unit's subtree.
CHILD_KINDS = {
    PlanKind.COMMUNE_PLAN: [PlanKind.VILLAGE_PROPOSAL, PlanKind.AGENCY_INPUT],
    PlanKind.DISTRICT_PLAN: [PlanKind.COMMUNE_PLAN, PlanKind.DISTRICT_SECTOR_PLAN],
    PlanKind.PROVINCE_PLAN: [PlanKind.DISTRICT_PLAN, PlanKind.PROVINCE_SECTOR_PLAN],
    # Sector plans collect their sector's share of the territory's plans (sedp.upper.sources).
    PlanKind.DISTRICT_SECTOR_PLAN: [PlanKind.COMMUNE_PLAN],
    PlanKind.PROVINCE_SECTOR_PLAN: [
        PlanKind.AGENCY_INPUT,
        PlanKind.DISTRICT_SECTOR_PLAN,
        PlanKind.COMMUNE_PLAN,
    ],
}


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    ACCEPTED = "accepted", _("Accepted")
    APPROVED = "approved", _("Approved")
    # An official plan the People's Committee is adjusting (điều chỉnh): editable as the
    # revised draft while the official version stays in force and published, until the
    # council's adjusting resolution makes it official again (sedp.portal.adjustments).
    ADJUSTING = "adjusting", _("Being adjusted")


# The review workflow as data: which state may follow which.
TRANSITIONS = {
    PlanStatus.DRAFT: {PlanStatus.SUBMITTED},
    PlanStatus.SUBMITTED: {PlanStatus.RETURNED, PlanStatus.ACCEPTED},
    PlanStatus.RETURNED: {PlanStatus.SUBMITTED},
    PlanStatus.ACCEPTED: {PlanStatus.APPROVED},
    PlanStatus.APPROVED: {PlanStatus.ADJUSTING},
    PlanStatus.ADJUSTING: {PlanStatus.APPROVED},
}
EDITABLE_STATUSES = {PlanStatus.DRAFT, PlanStatus.RETURNED, PlanStatus.ADJUSTING}


class Plan(models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=PlanKind.choices)
    report_year = models.PositiveSmallIntegerField(_("report year X"))
    unit = models.ForeignKey(
        "territory.AdminUnit",
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    agency = models.ForeignKey(
        "territory.Agency",
        verbose_name=_("author agency"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    return_reason = models.TextField(_("reason for return"), blank=True)
    return_deadline = models.DateField(_("resubmit by"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    # The body the plan was last sent to (a commune's draft: the district's finance-planning
    # office, or in the two-tier template the province's department), found from the tree.
    submitted_to = models.ForeignKey(
        "territory.Agency",
        verbose_name=_("sent to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="received_plans",
    )
    # Commune step 5: the completed draft, and its summary in the commune plan framework.
    draft_completed_at = models.DateTimeField(_("draft completed at"), null=True, blank=True)
    framework_recorded_at = models.DateTimeField(
        _("plan framework recorded at"), null=True, blank=True
    )
    # On a consolidating plan: once closed, its children can no longer be submitted.
    collection_closed = models.BooleanField(_("collection closed"), default=False)
    # Feasibility comparison (seed, commune step 3): last year's allocation and this
    # year's expected envelope, in VND, against the total proposed cost.
    last_year_allocation = models.BigIntegerField(
        _("last year's allocation (VND)"), null=True, blank=True
    )
    expected_envelope = models.BigIntegerField(
        _("expected envelope for the plan year (VND)"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-report_year", "unit__path", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "report_year", "agency"], name="plan_one_per_agency_year"
            ),
        ]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self):
        return f"{self.get_kind_display()} {self.report_year + 1} — {self.agency.name}"

    @property
    def plan_year(self) -> int:
        return self.report_year + 1

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def consolidates(self) -> bool:
        return self.kind in CHILD_KINDS


class PlanSection(models.Model):
    """One narrative section of a plan, following its level's outline (see outlines.py)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(max_length=40)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="section_code_unique"),
        ]
        verbose_name = _("plan section")
        verbose_name_plural = _("plan sections")

    def __str__(self):
        return str(self.display_title)

    @property
    def display_title(self):
        """The outline's title in the reader's language; the stored one for other sections."""
        from sedp.plans.outlines import outline_for

        return dict(outline_for(self.plan.kind)).get(self.code, self.title)


class PlanVersion(models.Model):
    """A frozen copy of a plan at a milestone (each submission, draft 1, draft 2, official)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("number"))
    label = models.CharField(_("label"), max_length=100)
    note = models.TextField(_("what changed and why"), blank=True)
    snapshot = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="version_number_unique"),
        ]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")

    def __str__(self):
        return f"{self.plan} — {self.label}"


class CouncilOpinion(models.Model):
    """The opinion of the People's Council standing committee on the commune's draft, asked
    before it is sent to the district (seed, commune step 5)."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="council_opinion")
    given_by = models.CharField(_("given by"), max_length=255)
    date = models.DateField(_("date"))
    opinion = models.TextField(_("opinion"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("opinion of the People's Council standing committee")
        verbose_name_plural = _("opinions of the People's Council standing committee")

    def __str__(self):
        return f"{self.given_by} {self.date:%d/%m/%Y}"
