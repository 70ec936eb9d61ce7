"""The five-year frame (KHPT KTXH 5 năm) of a level or a sector, and what links to it.

The seed: an annual plan "is the process of carrying out the objectives, tasks and action
programmes (CTHĐ) of the five-year plan". A FiveYearPlan is authored by one agency (UBND,
Sở KHĐT or phòng TCKH for a territory; a Sở ngành or district office for its sector) and
holds objectives, targets (an indicator of the catalogue, its baseline in the year before
the period and its value for the end year), action programmes with their tasks, and the
central programmes/projects (CTDA) assigned to a Sở. Annual results and activities point
at it through `AnnualLink` rows here, so no other app's table changes.

The sector orientation form's indicator lines (district step 1) live here too.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

PERIOD_YEARS = 5


class FiveYearPlan(models.Model):
    agency = models.ForeignKey(
        "territory.Agency",
        verbose_name=_("author agency"),
        on_delete=models.PROTECT,
        related_name="five_year_plans",
    )
    unit = models.ForeignKey(
        "territory.AdminUnit",
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="five_year_plans",
    )
    start_year = models.PositiveSmallIntegerField(_("first year"))
    title = models.CharField(_("title"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_year", "unit__path", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "start_year"], name="fiveyear_one_per_period")
        ]
        verbose_name = _("five-year plan")
        verbose_name_plural = _("five-year plans")

    def __str__(self):
        return f"{self.title} ({self.period})"

    @property
    def end_year(self) -> int:
        return self.start_year + PERIOD_YEARS - 1

    @property
    def baseline_year(self) -> int:
        return self.start_year - 1

    @property
    def period(self) -> str:
        return f"{self.start_year}–{self.end_year}"


class Objective(models.Model):
    plan = models.ForeignKey(FiveYearPlan, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(_("objective"), max_length=500)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = _("five-year objective")
        verbose_name_plural = _("five-year objectives")

    def __str__(self):
        return self.title


class Measure(models.TextChoices):
    # Reach a level by the end year (poverty rate, forest cover, NTM communes).
    LEVEL = "level", _("Level reached by the end year")
    # Every year's value should meet it (average GRDP growth of at least 8 % a year).
    ANNUAL = "annual", _("Yearly average over the period")


class Target(models.Model):
    plan = models.ForeignKey(FiveYearPlan, on_delete=models.CASCADE, related_name="targets")
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("objective"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targets",
    )
    indicator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="five_year_targets",
    )
    measure = models.CharField(
        _("how it is measured"), max_length=10, choices=Measure.choices, default=Measure.LEVEL
    )
    baseline = models.DecimalField(
        _("baseline (year before the period)"),
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
    )
    target_value = models.DecimalField(
        _("target for the end year"), max_digits=20, decimal_places=4
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "indicator"], name="fiveyear_target_unique")
        ]
        verbose_name = _("five-year target")
        verbose_name_plural = _("five-year targets")

    def __str__(self):
        return f"{self.indicator} → {self.target_value}"


class ProgrammeKind(models.TextChoices):
    ACTION = "action", _("Action programme (CTHĐ)")
    CENTRAL = "central", _("Central programme or project (CTDA)")


class Programme(models.Model):
    """An action programme of the five-year plan, or a central programme/project whose
    implementation in the province is assigned to a Sở (the lead agency)."""

    plan = models.ForeignKey(FiveYearPlan, on_delete=models.CASCADE, related_name="programmes")
    kind = models.CharField(
        _("kind"), max_length=10, choices=ProgrammeKind.choices, default=ProgrammeKind.ACTION
    )
    code = models.CharField(_("number"), max_length=30, blank=True)
    title = models.CharField(_("title"), max_length=500)
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("objective"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programmes",
    )
    lead_agency = models.ForeignKey(
        "territory.Agency",
        verbose_name=_("lead agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_programmes",
    )
    budget = models.BigIntegerField(_("five-year budget (VND)"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "kind", "order", "pk"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return f"{self.code} {self.title}".strip()


class ProgrammeTask(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=500)
    due_year = models.PositiveSmallIntegerField(_("due in year"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    progress_note = models.TextField(_("progress note"), blank=True)
    progress_year = models.PositiveSmallIntegerField(_("reported in year"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["programme", "due_year", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="fiveyear_task_progress_percent"
            )
        ]
        verbose_name = _("programme task")
        verbose_name_plural = _("programme tasks")

    def __str__(self):
        return self.title


class AnnualLink(models.Model):
    """An annual result (goal/objective/output) or activity carrying out a five-year
    objective or programme. Exactly one annual side and one five-year side are set."""

    result = models.ForeignKey(
        "activities.ResultItem",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="five_year_links",
    )
    activity = models.ForeignKey(
        "activities.Activity",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="five_year_links",
    )
    objective = models.ForeignKey(
        Objective, null=True, blank=True, on_delete=models.CASCADE, related_name="annual_links"
    )
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.CASCADE, related_name="annual_links"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(result__isnull=False) & Q(activity__isnull=True))
                | (Q(result__isnull=True) & Q(activity__isnull=False)),
                name="fiveyear_link_one_annual_side",
            ),
            models.CheckConstraint(
                condition=(Q(objective__isnull=False) & Q(programme__isnull=True))
                | (Q(objective__isnull=True) & Q(programme__isnull=False)),
                name="fiveyear_link_one_five_year_side",
            ),
        ]
        verbose_name = _("link to the five-year plan")
        verbose_name_plural = _("links to the five-year plan")

    def __str__(self):
        return f"{self.result or self.activity} → {self.objective or self.programme}"

    @property
    def annual(self):
        return self.result or self.activity

    @property
    def five_year(self):
        return self.objective or self.programme


class OrientationIndicator(models.Model):
    """One indicator line of a sector orientation form (district step 1): the sector's
    figures and the proposed figure for X+1 with the basis of its calculation."""

    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="orientation_indicators"
    )
    indicator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    actual_previous = models.DecimalField(
        _("actual of year X-1"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    estimate = models.DecimalField(
        _("estimated actual of year X"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    proposed = models.DecimalField(
        _("proposed for year X+1"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    basis = models.TextField(_("basis of calculation"), blank=True)

    class Meta:
        ordering = ["plan", "indicator__group", "indicator__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "indicator"], name="orientation_indicator_unique"
            )
        ]
        verbose_name = _("orientation indicator")
        verbose_name_plural = _("orientation indicators")

    def __str__(self):
        return f"{self.indicator} ({self.plan_id})"


class OrientationSource(models.Model):
    """A sub-sector unit's form gathered into its district office's form (the origin link
    of the orientation forms: each is gathered once)."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    source = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "source"], name="orientation_source_unique")
        ]

    def __str__(self):
        return f"{self.source_id} → {self.plan_id}"


class DialogueProposal(models.Model):
    """A proposal an enterprise made at a dialogue with the district (seed, district step 1:
    "đối thoại giữa DN và chính quyền"), recorded as a consultation meeting on the
    directional plan; the proposals feed the plan."""

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="dialogue_proposals"
    )
    enterprise = models.ForeignKey(
        "territory.Agency",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sector = models.ForeignKey(
        "territory.Sector",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("proposal"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("dialogue proposal")
        verbose_name_plural = _("dialogue proposals")

    def __str__(self):
        return self.text[:80]


class GuidanceMethod(models.TextChoices):
    WRITTEN = "written", _("Sent in writing with the form")
    SESSION = "session", _("Guidance session held")


class FormGuidance(models.Model):
    """Phòng TCKH's guidance to the district bodies on filling in the sector orientation
    form (seed district step 1: it sends the information to them, or — in the first years,
    when the terms are new — guides them directly). One per directional plan."""

    plan = models.OneToOneField(
        "plans.Plan", on_delete=models.CASCADE, related_name="form_guidance"
    )
    method = models.CharField(
        _("how the guidance was given"), max_length=10, choices=GuidanceMethod.choices
    )
    given_on = models.DateField(_("date"))
    text = models.TextField(_("guidance"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("guidance on the orientation form")

    def __str__(self):
        return f"{self.get_method_display()} {self.given_on:%d/%m/%Y}"
