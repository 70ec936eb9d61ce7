"""The indicator catalogue (chỉ tiêu) and the values units enter for each report year.

An indicator says how it rolls up the territory tree (`rule`): a poverty rate is
Σ poor households / Σ households × 100 (RATIO), never an average of percentages; a
growth rate is entered at each level and never aggregated (NONE).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class IndicatorGroup(models.TextChoices):
    ECONOMY = "kinh_te", _("Economy")
    SOCIETY = "xa_hoi", _("Society")
    ENVIRONMENT = "moi_truong", _("Environment")
    GOVERNANCE = "quan_ly_nha_nuoc", _("State management")


class Direction(models.TextChoices):
    HIGHER = "up", _("Higher is better")
    LOWER = "down", _("Lower is better")
    NEUTRAL = "neutral", _("Neither")


class Nature(models.TextChoices):
    STOCK = "stock", _("Stock (at a point in time)")
    FLOW = "flow", _("Flow (over the year)")


class Rule(models.TextChoices):
    SUM = "sum", _("Sum")
    RATIO = "ratio", _("Ratio of sums")
    WAVG = "wavg", _("Weighted average")
    COUNT = "count", _("Count of units meeting a condition")
    DERIVED = "derived", _("Formula over other indicators")
    NONE = "none", _("Not aggregated")


class Comparison(models.TextChoices):
    GE = ">=", "≥"
    GT = ">", ">"
    LE = "<=", "≤"
    LT = "<", "<"
    EQ = "=", "="


class Indicator(models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=50)
    group = models.CharField(_("indicator group"), max_length=20, choices=IndicatorGroup.choices)
    sector = models.ForeignKey(
        "territory.Sector",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    # UnitType values where the indicator is planned (NTM criteria: communes, not wards).
    unit_types = models.JSONField(_("applicable unit types"), default=list)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    nature = models.CharField(_("stock or flow"), max_length=10, choices=Nature.choices)
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=0)
    allow_negative = models.BooleanField(_("may be negative"), default=False)
    rule = models.CharField(_("aggregation rule"), max_length=10, choices=Rule.choices)
    numerator = models.ForeignKey(
        "self",
        verbose_name=_("numerator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    denominator = models.ForeignKey(
        "self",
        verbose_name=_("denominator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    factor = models.DecimalField(_("factor"), max_digits=12, decimal_places=4, default=1)
    weight = models.ForeignKey(
        "self",
        verbose_name=_("weight indicator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    condition_indicator = models.ForeignKey(
        "self",
        verbose_name=_("condition indicator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    condition_operator = models.CharField(
        _("comparison"), max_length=2, choices=Comparison.choices, blank=True
    )
    condition_threshold = models.DecimalField(
        _("threshold"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    formula = models.CharField(_("formula"), max_length=500, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["group", "order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name

    @property
    def is_percent(self) -> bool:
        return self.unit_of_measure.strip() == "%"

    def applies_to(self, unit_type: str) -> bool:
        return unit_type in self.unit_types


class Kind(models.TextChoices):
    """The values a plan for year X+1 uses, all keyed by the report year X."""

    ACTUAL_PREVIOUS = "th_x1", _("Actual of year X-1")
    PLAN = "kh_x", _("Plan of year X")
    ACTUAL_HALF = "th_6t", _("Actual of the first 6 months of year X")
    ESTIMATE = "uth_x", _("Estimated actual of year X")
    PROPOSED = "kh_de_xuat", _("Plan of year X+1, proposed")
    ASSIGNED = "kh_giao", _("Plan of year X+1, assigned")
    REVISED = "kh_dieu_chinh", _("Plan of year X+1, revised")
    ACTUAL_NEXT = "th_x1_next", _("Actual of year X+1")


# The year each kind is about, relative to the report year X.
KIND_YEAR_OFFSET = {
    Kind.ACTUAL_PREVIOUS: -1,
    Kind.PLAN: 0,
    Kind.ACTUAL_HALF: 0,
    Kind.ESTIMATE: 0,
    Kind.PROPOSED: 1,
    Kind.ASSIGNED: 1,
    Kind.REVISED: 1,
    Kind.ACTUAL_NEXT: 1,
}


class IndicatorValue(models.Model):
    """One figure of one unit (or one sector agency at it) for report year X and one kind."""

    unit = models.ForeignKey(
        "territory.AdminUnit",
        verbose_name=_("administrative unit"),
        on_delete=models.CASCADE,
        related_name="indicator_values",
    )
    agency = models.ForeignKey(
        "territory.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicator_values",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values"
    )
    report_year = models.PositiveSmallIntegerField(_("report year"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    basis = models.TextField(_("basis of calculation"), blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    class Meta:
        ordering = ["unit__path", "indicator__order", "kind"]
        constraints = [
            # Two partial constraints because NULL agencies are distinct in a plain one.
            models.UniqueConstraint(
                fields=["unit", "indicator", "report_year", "kind"],
                condition=Q(agency__isnull=True),
                name="value_unique_per_unit",
            ),
            models.UniqueConstraint(
                fields=["unit", "agency", "indicator", "report_year", "kind"],
                condition=Q(agency__isnull=False),
                name="value_unique_per_agency",
            ),
        ]
        indexes = [models.Index(fields=["report_year", "indicator", "kind"])]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self):
        return f"{self.indicator.code} {self.kind} {self.report_year}: {self.value}"


def percent(part, whole) -> Decimal | None:
    """part / whole × 100 rounded to one decimal, None when it cannot be computed."""
    if part is None or whole in (None, 0):
        return None
    return (Decimal(part) / Decimal(whole) * 100).quantize(Decimal("0.1"))


class IndicatorFigure(models.Model):
    """A unit's figure for one indicator and kind, maintained so roll-ups read ~100 rows.

    Computed by the same rule as the scan in rollup.py: the unit's own value if it entered one
    (counted only where the indicator applies to its unit type), else the children's figures
    added up. Only additive parts are stored, so a parent is the sum of its children's rows.
    For a COUNT indicator, `total` is the number of units meeting its condition and `source`
    is the condition indicator (whose own values shadow the children); else source = indicator.
    Kept right by sedp.indicators.figures (refresh on every value change, rebuild in bulk).
    """

    unit = models.ForeignKey(
        "territory.AdminUnit", on_delete=models.CASCADE, related_name="indicator_figures"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    source = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    report_year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16, choices=Kind.choices)
    total = models.DecimalField(max_digits=34, decimal_places=8, null=True)
    reports = models.PositiveIntegerField(default=0)  # units whose own value is counted
    vw = models.DecimalField(max_digits=34, decimal_places=8, null=True)  # Σ value × weight
    sw = models.DecimalField(max_digits=34, decimal_places=8, null=True)  # Σ weight

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "report_year", "indicator", "kind"], name="figure_unique"
            )
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.kind} {self.report_year} @{self.unit_id}: {self.total}"
