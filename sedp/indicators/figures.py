"""Maintained roll-up figures (IndicatorFigure): one row per unit, indicator, year and kind.

A unit's figure follows the rule of rollup.py: its own value if it entered one, else its
children's figures added up. So the figures of a set of units at one depth are computed from
their own values and their children's figures by a few INSERT … SELECT statements, and

- `refresh(unit, report_year)` recomputes the unit and its ancestors (depth ≤ 4: a handful
  of statements), called in the same transaction as every value change;
- `rebuild(report_year=None)` recomputes everything bottom-up, depth by depth, with grouped
  SQL; used after bulk loads (demo, benchmark) and catalogue changes.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import (
    Case,
    DecimalField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast

from sedp.indicators.models import Comparison, Indicator, IndicatorFigure, IndicatorValue, Rule
from sedp.territory.models import AdminUnit

NUMBER = DecimalField(max_digits=34, decimal_places=8)
COLUMNS = ("unit_id", "indicator_id", "source_id", "report_year", "kind", "total", "reports")
COLUMNS += ("vw", "sw")
_LOOKUP = {
    Comparison.GE: "gte",
    Comparison.GT: "gt",
    Comparison.LE: "lte",
    Comparison.LT: "lt",
    Comparison.EQ: "exact",
}


def _insert(queryset):
    """INSERT INTO figures SELECT … — the queryset names its columns f_<column>."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # e.g. no indicator in the catalogue yet: nothing to insert
        return
    table = IndicatorFigure._meta.db_table
    picked = ", ".join(f"sub.f_{column}" for column in COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(COLUMNS)}) SELECT {picked} FROM ({sql}) sub", params
        )


def _applies(indicators, field="indicator_id"):
    """Q: the value's indicator applies to its unit's type (unit_types is a JSON list)."""
    by_types = {}
    for indicator in indicators:
        by_types.setdefault(tuple(sorted(indicator.unit_types)), []).append(indicator.pk)
    q = Q(pk__in=[])
    for types, ids in by_types.items():
        q |= Q(**{f"{field}__in": ids, "unit__unit_type__in": types})
    return q


def _catalogue():
    return list(Indicator.objects.select_related("condition_indicator"))


def _compute(indicators, units, children, years):
    """Insert the figures of `units` (Q on a value's unit) from their own values and from
    `children` (Q on a figure: the figures of their children, already up to date)."""
    own = IndicatorValue.objects.filter(units, years, agency__isnull=True)
    weight = Subquery(
        IndicatorValue.objects.filter(
            unit=OuterRef("unit"),
            agency__isnull=True,
            report_year=OuterRef("report_year"),
            kind=OuterRef("kind"),
            indicator=OuterRef("indicator__weight"),
        ).values("value")[:1],
        output_field=NUMBER,
    )
    wavg = Q(indicator__rule=Rule.WAVG)
    _insert(
        own.filter(_applies(indicators))
        .exclude(indicator__rule=Rule.COUNT)
        .values(
            f_unit_id=F("unit_id"),
            f_indicator_id=F("indicator_id"),
            f_source_id=F("indicator_id"),
            f_report_year=F("report_year"),
            f_kind=F("kind"),
            f_total=F("value"),
            f_reports=Value(1, output_field=IntegerField()),
            f_vw=Case(When(wavg, then=F("value") * weight), output_field=NUMBER),
            f_sw=Case(When(wavg, then=weight), output_field=NUMBER),
        )
    )
    for count in indicators:
        condition = count.condition_indicator
        if count.rule != Rule.COUNT or condition is None or count.condition_threshold is None:
            continue
        if count.condition_operator not in _LOOKUP:
            continue
        met = Q(**{f"value__{_LOOKUP[count.condition_operator]}": count.condition_threshold})
        _insert(
            own.filter(_applies([condition])).values(
                f_unit_id=F("unit_id"),
                f_indicator_id=Value(count.pk, output_field=IntegerField()),
                f_source_id=F("indicator_id"),
                f_report_year=F("report_year"),
                f_kind=F("kind"),
                f_total=Case(When(met, then=Value(1)), default=Value(0), output_field=NUMBER),
                f_reports=Value(1, output_field=IntegerField()),
                # Typed NULLs: PostgreSQL reads a bare NULL in a subquery as text.
                f_vw=Cast(Value(None), output_field=NUMBER),
                f_sw=Cast(Value(None), output_field=NUMBER),
            )
        )
    # A child's figure counts unless the parent entered its own value of the source indicator.
    shadow = IndicatorValue.objects.filter(
        unit=OuterRef("unit__parent"),
        agency__isnull=True,
        report_year=OuterRef("report_year"),
        kind=OuterRef("kind"),
        indicator=OuterRef("source"),
    )
    _insert(
        IndicatorFigure.objects.filter(children, years)
        .filter(~Exists(shadow))
        .values(
            f_unit_id=F("unit__parent_id"),
            f_indicator_id=F("indicator_id"),
            f_source_id=F("source_id"),
            f_report_year=F("report_year"),
            f_kind=F("kind"),
        )
        .annotate(f_total=Sum("total"), f_reports=Sum("reports"), f_vw=Sum("vw"), f_sw=Sum("sw"))
        .order_by()
    )


def _years(report_year):
    return Q() if report_year is None else Q(report_year=report_year)


@transaction.atomic
def refresh(unit, report_year):
    """Recompute the figures of `unit` and of its ancestors for one report year."""
    years, indicators = _years(report_year), _catalogue()
    for pk in reversed([int(part) for part in unit.path.strip("/").split("/")]):
        IndicatorFigure.objects.filter(years, unit_id=pk).delete()
        _compute(indicators, Q(unit_id=pk), Q(unit__parent_id=pk), years)


@transaction.atomic
def rebuild(report_year=None):
    """Recompute every figure (of one report year, or all), bottom-up depth by depth."""
    years, indicators = _years(report_year), _catalogue()
    IndicatorFigure.objects.filter(years).delete()
    deepest = AdminUnit.objects.aggregate(deepest=Max("depth"))["deepest"]
    for depth in range(deepest if deepest is not None else -1, -1, -1):
        _compute(indicators, Q(unit__depth=depth), Q(unit__depth=depth + 1), years)
