"""A small catalogue for the cascade: sums, a ratio of them, a growth rate, a sector sum."""

from decimal import Decimal

from sedp.indicators.models import Indicator, IndicatorGroup, Kind, Nature, Rule
from sedp.indicators.services import value_set

PLAN_TYPES = ["tinh", "huyen", "xa"]


def catalogue(tree) -> dict:
    def make(code, name, uom, rule, **extra):
        return Indicator.objects.create(
            code=code,
            name=name,
            unit_of_measure=uom,
            group=IndicatorGroup.SOCIETY,
            unit_types=PLAN_TYPES,
            nature=Nature.STOCK,
            rule=rule,
            **extra,
        )

    households = make("so-ho", "Số hộ", "hộ", Rule.SUM, order=1)
    poor = make("ho-ngheo", "Số hộ nghèo", "hộ", Rule.SUM, order=2)
    rate = make(
        "ty-le-ho-ngheo",
        "Tỷ lệ hộ nghèo",
        "%",
        Rule.RATIO,
        numerator=poor,
        denominator=households,
        factor=Decimal(100),
        decimals=2,
        order=3,
    )
    growth = make("tang-truong", "Tốc độ tăng trưởng", "%", Rule.NONE, decimals=1, order=4)
    rice = make("lua", "Diện tích lúa", "ha", Rule.SUM, sector=tree.agri, order=5)
    return {"households": households, "poor": poor, "rate": rate, "growth": growth, "rice": rice}


def assign(user, unit, indicator, value, year=2026):
    return value_set(
        user=user, unit=unit, indicator=indicator, report_year=year, kind=Kind.ASSIGNED, value=value
    )


def cell(indicator, column) -> str:
    key = f"u{column.pk}" if hasattr(column, "unit_type") else f"a{column.pk}"
    return f"c-{indicator.pk}-{key}"
