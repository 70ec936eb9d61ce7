"""Suggestions for KH X+1 from a unit's own history, with the basis written out.

The history of year y is its final actual (TH y, entered in report year y+1) or, failing
that, its estimate (ƯTH y, entered in report year y). Two methods:
- average growth rate over the known years: ƯTH X × (1 + g), g = (last / first)^(1/(n-1)) - 1;
  not offered for percentages (a rate's growth rate means little) or non-positive values;
- linear trend (least squares over the known years), extended to X+1; percentages are kept
  between 0 and 100.
The planner accepts a suggestion (it is recomputed on the server, never taken from the form)
or types another figure in the grid.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from sedp.indicators.display import format_number
from sedp.indicators.models import IndicatorValue, Kind

MAX_YEARS = 5


@dataclass
class Suggestion:
    method: str  # "growth" or "trend"
    value: Decimal
    basis: str


def histories(*, unit, report_year, indicators) -> dict:
    """{indicator_id: [(year, value)]} for the years before and up to X, oldest first."""
    first = report_year - MAX_YEARS
    rows = IndicatorValue.objects.filter(
        Q(kind=Kind.ACTUAL_PREVIOUS, report_year__gt=first, report_year__lte=report_year + 1)
        | Q(kind=Kind.ESTIMATE, report_year__gt=first, report_year__lte=report_year),
        unit=unit,
        agency__isnull=True,
        indicator__in=[i.pk for i in indicators],
    ).values_list("indicator_id", "kind", "report_year", "value")
    found = {}
    for indicator_id, kind, year, value in rows:
        about = year - 1 if kind == Kind.ACTUAL_PREVIOUS else year
        if about > report_year or about <= first:
            continue
        series = found.setdefault(indicator_id, {})
        # A final actual replaces an estimate of the same year.
        if kind == Kind.ACTUAL_PREVIOUS or about not in series:
            series[about] = value
    return {pk: sorted(series.items()) for pk, series in found.items()}


def suggestions(indicator, series, report_year) -> list[Suggestion]:
    if len(series) < 2 or series[-1][0] != report_year:
        return []
    result = []
    decimals = indicator.decimals
    (first_year, first), (last_year, last) = series[0], series[-1]
    span = f"{first_year}–{last_year}"
    target = report_year + 1

    def show(number):
        return format_number(number, decimals)

    if not indicator.is_percent and first > 0 and last > 0:
        rate = (last / first) ** (Decimal(1) / (last_year - first_year)) - 1
        value = round(last * (1 + rate), decimals)
        result.append(
            Suggestion(
                "growth",
                value,
                _(
                    "Average growth %(span)s: %(rate)s%% a year; estimate %(year)s × (1 + "
                    "%(rate)s%%) = %(last)s × %(factor)s = %(value)s"
                )
                % {
                    "span": span,
                    "rate": format_number(rate * 100, 2),
                    "year": last_year,
                    "last": show(last),
                    "factor": format_number(1 + rate, 4),
                    "value": show(value),
                },
            )
        )
    years = [Decimal(y) for y, _v in series]
    values = [v for _y, v in series]
    mean_year = sum(years) / len(years)
    mean_value = sum(values) / len(values)
    spread = sum((y - mean_year) ** 2 for y in years)
    slope = sum((y - mean_year) * (v - mean_value) for y, v in zip(years, values, strict=True))
    slope /= spread
    value = mean_value + slope * (target - mean_year)
    if indicator.is_percent:
        value = min(max(value, Decimal(0)), Decimal(100))
    if not indicator.allow_negative:
        value = max(value, Decimal(0))
    value = round(value, decimals)
    result.append(
        Suggestion(
            "trend",
            value,
            _(
                "Linear trend of %(n)s years %(span)s: %(slope)s a year; extended to %(target)s "
                "= %(value)s"
            )
            % {
                "n": len(series),
                "span": span,
                "slope": ("+" if slope >= 0 else "") + format_number(slope, decimals + 1),
                "target": target,
                "value": show(value),
            },
        )
    )
    return result
