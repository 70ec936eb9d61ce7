"""The results chain (goal → objective → output → activity) and the activities themselves.

An Activity belongs to one plan at any level. Consolidation copies a child plan's
activity into the parent plan and links it through `origins`, so every line of a
commune (district, province) plan can be traced to the villages and agencies that
proposed it, and a village can see what became of each proposal.

Amounts are whole VND in BigIntegerFields: SQL sums them exactly on SQLite and PostgreSQL.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# A village proposes a road or a school room, not a hydro-power plant: anything above
# this is a typing error (an extra group of zeros), refused with a message.
COST_CEILING = 500_000_000_000  # 500 tỷ đồng


class ChainLevel(models.TextChoices):
    GOAL = "goal", _("Overall goal")
    OBJECTIVE = "objective", _("Specific objective")
    OUTPUT = "output", _("Output")


class ResultItem(models.Model):
    """A goal, objective or output of a plan's results chain; activities hang below outputs."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="results")
    level = models.CharField(_("level"), max_length=20, choices=ChainLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    title = models.CharField(_("title"), max_length=500)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = _("result")
        verbose_name_plural = _("results chain")

    def __str__(self):
        return self.title


class Beneficiary(models.TextChoices):
    WOMEN = "women", _("Women")
    CHILDREN = "children", _("Children")
    ETHNIC_MINORITIES = "ethnic_minorities", _("Ethnic minorities")
    POOR_HOUSEHOLDS = "poor_households", _("Poor households")
    DISABLED = "disabled", _("People with disabilities")
    ELDERLY = "elderly", _("Elderly people")


class ActivityStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    NEEDS_VERIFICATION = "needs_verification", _("Needs verification")
    REMOVED = "removed", _("Removed")
    UNFUNDED = "unfunded", _("No known funding")
    FUNDABLE = "fundable", _("Fundable")
    FUNDED = "funded", _("Funded")


# Funding split by source. Each is a VND column so that the totals by source of a whole
# plan (or subtree of plans) are one SQL aggregate. Order = display order.
STATE_FUNDING = [
    ("fund_central", _("Central budget")),
    ("fund_province", _("Provincial budget")),
    ("fund_district", _("District budget")),
    ("fund_commune", _("Commune budget")),
    ("fund_target_programmes", _("National target programmes")),
]
OTHER_FUNDING = [
    ("fund_oda_ngo", _("ODA and NGOs")),
    ("fund_enterprises", _("Enterprises")),
]
PEOPLE_CONTRIBUTION = [
    ("people_cash", _("People's contribution: cash")),
    ("people_labour", _("People's contribution: labour (valued)")),
    ("people_materials", _("People's contribution: materials (valued)")),
    ("people_land", _("People's contribution: land (valued)")),
]
FUNDING_FIELDS = STATE_FUNDING + OTHER_FUNDING + PEOPLE_CONTRIBUTION
PEOPLE_FIELDS = [name for name, _label in PEOPLE_CONTRIBUTION]
OUTSIDE_FIELDS = [name for name, _label in STATE_FUNDING + OTHER_FUNDING]


def _vnd(label):
    return models.BigIntegerField(label, default=0)


# The references an activity carries (sector, place, responsible agency, output) are kept by
# the ORM, not by database constraints (db_constraint=False; their indexes stay): deleting a
# sector or a place that lines use is refused (PROTECT) and a deleted agency or output is
# cleared (SET_NULL) by Django, and every deletion goes through a service. Consolidation
# copies each line upwards at every level with the references of a row that already passed
# those checks; PostgreSQL re-checking four references for each of a province's 45 000 copies
# at every level, at commit, was a fifth of the province's consolidation
# (bench/bench_province.py). The plan keeps its constraint: lines never outlive their plan.


class Activity(models.Model):
    # No index of its own: the (plan, status) index below answers every lookup by plan, and
    # each index is one more entry to write for every line a consolidation copies.
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="activities", db_index=False
    )
    result = models.ForeignKey(
        ResultItem,
        verbose_name=_("output"),
        db_constraint=False,  # see the note above the class
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    title = models.CharField(_("activity"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    sector = models.ForeignKey(
        "territory.Sector",
        verbose_name=_("sector"),
        db_constraint=False,  # see the note above the class
        on_delete=models.PROTECT,
        related_name="activities",
    )
    place = models.ForeignKey(
        "territory.AdminUnit",
        verbose_name=_("place"),
        db_constraint=False,  # see the note above the class
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    timing = models.CharField(_("timing"), max_length=100, blank=True)
    responsible = models.ForeignKey(
        "territory.Agency",
        verbose_name=_("responsible agency"),
        db_constraint=False,  # see the note above the class
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsible_for",
    )
    # Beneficiary tags as booleans: the share of cost per group is then a SQL sum.
    for_women = models.BooleanField(_("women"), default=False)
    for_children = models.BooleanField(_("children"), default=False)
    for_ethnic_minorities = models.BooleanField(_("ethnic minorities"), default=False)
    for_poor_households = models.BooleanField(_("poor households"), default=False)
    for_disabled = models.BooleanField(_("people with disabilities"), default=False)
    for_elderly = models.BooleanField(_("elderly people"), default=False)
    cost_estimate = models.BigIntegerField(_("cost estimate (VND)"), default=0)
    fund_central = _vnd(_("central budget"))
    fund_province = _vnd(_("provincial budget"))
    fund_district = _vnd(_("district budget"))
    fund_commune = _vnd(_("commune budget"))
    fund_target_programmes = _vnd(_("national target programmes"))
    fund_oda_ngo = _vnd(_("ODA and NGOs"))
    fund_enterprises = _vnd(_("enterprises"))
    people_cash = _vnd(_("people's cash"))
    people_labour = _vnd(_("people's labour (VND)"))
    people_labour_days = models.PositiveIntegerField(_("people's labour days"), default=0)
    people_materials = _vnd(_("people's materials (VND)"))
    people_land = _vnd(_("people's land (VND)"))
    self_reliant = models.BooleanField(_("can be done without outside money"), default=False)
    priority = models.PositiveSmallIntegerField(_("priority"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=ActivityStatus.choices, default=ActivityStatus.PROPOSED
    )
    status_reason = models.TextField(_("reason"), blank=True)
    # Where the conference placed the activity against the cut line of the balancing
    # workbench whatever its rank: "in" (above), "out" (below) or "" (by rank).
    placement = models.CharField(
        _("place against the cut line"), max_length=3, blank=True, default="", db_default=""
    )
    # Feasibility review (commune step 3): what funding it could draw on, and the check.
    feasibility_note = models.TextField(_("feasibility review"), blank=True)
    possible_funding = models.TextField(_("funding it could draw on"), blank=True)
    origins = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        through="ActivityOrigin",
        through_fields=("from_activity", "to_activity"),
        related_name="consolidated_into",
        verbose_name=_("consolidated from"),
    )
    # The activity this line was copied from by consolidation (its first origin): lets the
    # copy run as one INSERT … SELECT and the origins be linked by one more. Bookkeeping
    # for that second statement, so no database constraint (see ActivityOrigin): Django
    # still sets it to NULL when the source is deleted.
    source = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "priority", "order", "pk"]
        indexes = [models.Index(fields=["plan", "status"])]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.title

    @property
    def beneficiaries(self) -> list[str]:
        return [b for b in Beneficiary.values if getattr(self, f"for_{b}")]

    def beneficiary_labels(self) -> list[str]:
        return [str(Beneficiary(b).label) for b in self.beneficiaries]

    @property
    def people_total(self) -> int:
        return sum(getattr(self, name) for name in PEOPLE_FIELDS)

    @property
    def funding_total(self) -> int:
        return sum(getattr(self, name) for name, _label in FUNDING_FIELDS)


class ActivityOrigin(models.Model):
    """A line (`from_activity`) was consolidated from `to_activity`: the origins link.

    Consolidation writes one per line at every level (45 000 per level for a province), in
    the same transaction as the line and from a row it has just read. A database foreign key
    would re-check both ends of every link at commit — on PostgreSQL that was a third of a
    province's consolidation time (bench/bench_province.py) — and would guard nothing the
    ORM does not: deleting an activity (or its plan) deletes its links through Django's
    CASCADE. The unique pair is the index that finds a line's origins."""

    from_activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    to_activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )

    class Meta:
        # The table of the former automatic link table, kept as it was.
        db_table = "activities_activity_origins"
        unique_together = [("from_activity", "to_activity")]
        verbose_name = _("origin")
        verbose_name_plural = _("origins")

    def __str__(self):
        return f"{self.from_activity_id} ← {self.to_activity_id}"


# What consolidation copies from a lower-level activity into the parent plan's line.
COPIED_FIELDS = (
    ["title", "description", "sector_id", "place_id", "timing", "responsible_id"]
    + [f"for_{b}" for b in Beneficiary.values]
    + ["cost_estimate"]
    + [name for name, _label in FUNDING_FIELDS]
    + ["people_labour_days", "self_reliant"]
)


class EnvelopeSource(models.TextChoices):
    """The resources the commune conference shares out (seed, commune step 4, part 2 (4)):
    commune development funds, balanced revenue, other support, and the programmes."""

    COMMUNE_DEVELOPMENT = "commune_development", _("Commune development funds")
    BALANCED_REVENUE = "balanced_revenue", _("Balanced revenue")
    TARGET_PROGRAMMES = "target_programmes", _("National target programmes")
    DISTRICT_SUPPORT = "district_support", _("Support from the district")
    PROVINCE_SUPPORT = "province_support", _("Support from the province")
    OTHER_SUPPORT = "other_support", _("Other support (ODA, NGOs, enterprises)")


# The activity's funding column an allocation from each envelope is added to.
ENVELOPE_COLUMN = {
    EnvelopeSource.COMMUNE_DEVELOPMENT: "fund_commune",
    EnvelopeSource.BALANCED_REVENUE: "fund_commune",
    EnvelopeSource.TARGET_PROGRAMMES: "fund_target_programmes",
    EnvelopeSource.DISTRICT_SUPPORT: "fund_district",
    EnvelopeSource.PROVINCE_SUPPORT: "fund_province",
    EnvelopeSource.OTHER_SUPPORT: "fund_oda_ngo",
}


class FundingEnvelope(models.Model):
    """How much one source is expected to bring to a plan in the plan year (VND)."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="envelopes")
    source = models.CharField(_("source"), max_length=30, choices=EnvelopeSource.choices)
    amount = models.BigIntegerField(_("amount (VND)"), default=0)

    class Meta:
        ordering = ["plan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "source"], name="envelope_one_per_source"),
        ]
        verbose_name = _("funding envelope")
        verbose_name_plural = _("funding envelopes")

    def __str__(self):
        return f"{self.get_source_display()}: {self.amount}"


class Allocation(models.Model):
    """What the conference gave an activity from an envelope (through the workbench). The
    amount is also in the activity's funding column (ENVELOPE_COLUMN), so that totals by
    source stay one aggregate; this row says which envelope it came from."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="allocations")
    envelope = models.ForeignKey(
        FundingEnvelope, on_delete=models.CASCADE, related_name="allocations"
    )
    amount = models.BigIntegerField(_("amount (VND)"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "envelope"], name="allocation_one_per_envelope"
            ),
        ]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")

    def __str__(self):
        return f"{self.activity} ← {self.envelope}: {self.amount}"
