"""Roll-ups: a unit's indicators aggregated over its subtree, by each indicator's rule.

Which values are aggregated (the rule, documented in docs/architecture.md too): a unit's
figure is its own value when it entered one, else the sum (by the rule) of its children's
figures, recursively. In SQL: every value in the subtree counts unless a unit between it and
the unit being rolled up (its parent, grandparent… inside the subtree) entered the same
indicator and kind — NOT EXISTS by equality on the parent ids, an anti-join on the index.
So a district sums its communes' reported figures, and a commune that entered nothing is
still counted from its villages. Only the own values of units (not sector agencies' values)
whose unit type the indicator applies to are read.

SUM     Σ values
RATIO   Σ numerator / Σ denominator × factor (never an average of percentages)
WAVG    Σ (value × weight) / Σ weight, the weight read from the same unit, year and kind
COUNT   number of units meeting the condition on the condition indicator
DERIVED the formula evaluated on the rolled-up inputs
NONE    not aggregated (growth rates, indices): only the unit's own figure counts

`rollup()` reads the children's maintained figures (IndicatorFigure, kept by figures.py under
this same rule: every value change refreshes the unit and its ancestors), so a page reads
children × indicators × kinds rows whatever the size of the subtree. `rollup_scan()` computes
the same from the values by one grouped SQL query over `path LIKE 'unit-path%'`, grouped by
the child of the unit each row sits under (cut from the materialized path), unit type,
indicator and kind; it is the reference the figures are tested against. Both hand per-child
partial sums to `_combine()`, which applies the rules.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import StrIndex, Substr

from sedp.indicators import formula
from sedp.indicators.models import Comparison, IndicatorFigure, IndicatorValue, Kind, Rule
from sedp.territory.models import AdminLevel, AdminUnit

_LOOKUP = {
    Comparison.GE: "gte",
    Comparison.GT: "gt",
    Comparison.LE: "lte",
    Comparison.LT: "lt",
    Comparison.EQ: "exact",
}


@dataclass
class Rolled:
    """One indicator and kind rolled up: the value, who contributed and who is missing."""

    value: Decimal | None = None
    contributors: set = field(default_factory=set)
    expected: list = field(default_factory=list)  # children (id, name) that should report
    by_child: dict = field(default_factory=dict)  # child id -> its figure, for the spread chart

    @property
    def missing(self) -> list[str]:
        return [name for pk, name in self.expected if pk not in self.contributors]

    @property
    def reported(self) -> int:
        return len([pk for pk, _name in self.expected if pk in self.contributors])


def _child_key(path_length: int):
    """The id (as text) of the unit's child that a row's unit sits under, cut from its path."""
    rest = Substr("unit__path", path_length + 1)
    return Substr("unit__path", path_length + 1, StrIndex(rest, Value("/")) - 1)


def _per_child(rows, indicators, fields):
    """{(indicator_id, kind): {child: (sum of each field)}} over applicable unit types.

    With one field the sums are plain numbers, not 1-tuples (what rollup() hands over)."""
    partials = {}
    for row in rows:
        indicator = indicators.get(row["indicator_id"])
        if indicator is None or not indicator.applies_to(row["unit__unit_type"]):
            continue
        partial = partials.setdefault((row["indicator_id"], row["kind"]), {})
        values = tuple(row[f] or 0 for f in fields)
        known = partial.get(int(row["child"]))
        partial[int(row["child"])] = (
            values if known is None else tuple(a + b for a, b in zip(known, values, strict=True))
        )
    if len(fields) == 1:
        return {key: {c: v[0] for c, v in partial.items()} for key, partial in partials.items()}
    return partials


def _frontier(unit, report_year, hops):
    """The subtree's own values not shadowed by a value of an ancestor below `unit`.

    An ancestor is reached by equality joins (parent, parent's parent, …; `hops` of them, the
    number of levels that can lie between), so the database can run it as an anti-join on the
    values' unique index rather than a pattern match per row.
    """
    values = IndicatorValue.objects.filter(
        unit__path__startswith=unit.path, agency__isnull=True, report_year=report_year
    ).exclude(unit=unit)
    for hop in range(1, hops + 1):
        ancestor = "unit" + "__parent" * hop
        shadow = IndicatorValue.objects.filter(
            unit=OuterRef(ancestor),
            agency__isnull=True,
            report_year=report_year,
            indicator=OuterRef("indicator"),
            kind=OuterRef("kind"),
            unit__depth__gt=unit.depth,
            # Redundant but lets the database hash only the subtree's values.
            unit__path__startswith=unit.path,
        )
        values = values.filter(~Exists(shadow))
    return values


def rollup(*, unit, report_year, indicators, kinds=None) -> dict:
    """{(indicator_id, kind): Rolled} for every indicator of `indicators` (the catalogue)
    and every kind of `kinds` (all kinds when None; a page showing one kind asks for it).

    Reads the maintained figures of the unit's children (sedp.indicators.figures) and the
    children's own values of NONE indicators: children × indicators × kinds rows.
    """
    kind_q = Q() if kinds is None else Q(kind__in=kinds)
    sums, weighted, counted, own = {}, {}, {}, {}
    wanted = {i.pk for i in indicators}
    count_ids = {i.pk for i in indicators if i.rule == Rule.COUNT}
    rows = IndicatorFigure.objects.filter(kind_q, unit__parent=unit, report_year=report_year)
    # The tight loop of a roll-up: a province reads children × indicators × kinds rows
    # (~30,000), so it does no more than file each figure under its key.
    for child, indicator_id, kind, total, vw, sw in rows.values_list(
        "unit_id", "indicator_id", "kind", "total", "vw", "sw"
    ):
        if indicator_id not in wanted:
            continue  # e.g. a deactivated input: rolled up as nothing, like the scan does
        key = (indicator_id, kind)
        partial = sums.get(key)
        if partial is None:
            partial = sums[key] = {}
        partial[child] = total
        if sw is not None:
            weighted.setdefault(key, {})[child] = (vw, sw)
        if indicator_id in count_ids:
            met, reporters = counted.get(key, (0, set()))
            reporters.add(child)
            counted[key] = (met + (total or 0), reporters)
    none_ids = [i.pk for i in indicators if i.rule == Rule.NONE]
    for child, indicator_id, kind, value in IndicatorValue.objects.filter(
        kind_q,
        unit__parent=unit,
        agency__isnull=True,
        report_year=report_year,
        indicator__in=none_ids,
    ).values_list("unit_id", "indicator_id", "kind", "value"):
        own.setdefault((indicator_id, kind), {})[child] = value
    return _combine(unit, indicators, sums, weighted, counted, own, kinds)


def _combine(unit, indicators, sums, weighted, counted, own, kinds=None) -> dict:
    """Apply each indicator's rule to its per-child partial sums."""
    by_id = {i.pk: i for i in indicators}
    children = list(
        AdminUnit.objects.filter(parent=unit).values_list("pk", "name", "unit_type", "level__rank")
    )
    levels = list(AdminLevel.objects.filter(structure_id=unit.structure_id).order_by("rank"))
    types_below = {
        level.rank: [t for lower in levels if lower.rank > level.rank for t in lower.unit_types]
        for level in levels
    }
    expected_cache, codes_cache = {}, {}

    def expected_for(indicator):
        if indicator.pk not in expected_cache:
            expected_cache[indicator.pk] = [
                (pk, name)
                for pk, name, unit_type, rank in children
                if indicator.applies_to(unit_type)
                or any(indicator.applies_to(t) for t in types_below.get(rank, ()))
            ]
        return expected_cache[indicator.pk]  # shared between kinds: never mutated

    results = {}
    for kind in Kind.values if kinds is None else kinds:
        memo = {}

        def compute(indicator, depth=0, kind=kind, memo=memo):
            if indicator.pk in memo:
                return memo[indicator.pk]
            result = Rolled(expected=expected_for(indicator))
            if indicator.rule == Rule.SUM:
                partial = sums.get((indicator.pk, kind), {})
                result.contributors = set(partial)
                result.by_child = partial  # read-only from here on: no copy
                if partial:
                    result.value = sum(partial.values())
            elif indicator.rule == Rule.RATIO and indicator.numerator_id:
                num = sums.get((indicator.numerator_id, kind), {})
                den = sums.get((indicator.denominator_id, kind), {})
                both = num.keys() & den.keys()
                result.contributors = both
                factor = indicator.factor
                result.by_child = {c: num[c] / den[c] * factor for c in both if den[c]}
                total_den = sum(den[c] for c in both)
                if both and total_den:
                    result.value = sum(num[c] for c in both) / total_den * factor
            elif indicator.rule == Rule.WAVG:
                partial = weighted.get((indicator.pk, kind), {})
                result.contributors = set(partial)
                result.by_child = {c: v[0] / v[1] for c, v in partial.items() if v[1]}
                total_w = sum(v[1] for v in partial.values())
                if total_w:
                    result.value = sum(v[0] for v in partial.values()) / total_w
            elif indicator.rule == Rule.COUNT and indicator.condition_indicator_id in by_id:
                met_count, reporters = counted.get((indicator.pk, kind), (0, set()))
                result.expected = expected_for(by_id[indicator.condition_indicator_id])
                result.contributors = reporters
                if reporters:
                    result.value = Decimal(met_count)
            elif indicator.rule == Rule.NONE:
                # Not aggregated; the children's own figures are still shown side by side.
                result.by_child = own.get((indicator.pk, kind), {})
                result.contributors = set(result.by_child)
            elif indicator.rule == Rule.DERIVED and depth < 5:
                inputs, contributors = {}, None
                if indicator.pk not in codes_cache:
                    codes_cache[indicator.pk] = formula.codes_in(indicator.formula)
                for code in codes_cache[indicator.pk]:
                    source = next((i for i in indicators if i.code == code), None)
                    if source is None:
                        continue
                    rolled = compute(source, depth + 1)
                    inputs[code] = rolled.value
                    contributors = (
                        rolled.contributors
                        if contributors is None
                        else contributors & rolled.contributors
                    )
                result.contributors = contributors or set()
                result.value = formula.evaluate(indicator.formula, inputs)
            memo[indicator.pk] = result
            return result

        for indicator in indicators:
            results[(indicator.pk, kind)] = compute(indicator)
    return results


def rollup_scan(*, unit, report_year, indicators) -> dict:
    """rollup() by scanning every value of the subtree: the reference the figures must equal."""
    by_id = {i.pk: i for i in indicators}
    # Units between this one and a value's unit: at most the levels between, less one.
    levels = list(AdminLevel.objects.filter(structure_id=unit.structure_id).order_by("rank"))
    rank = next((level.rank for level in levels if level.pk == unit.level_id), 0)
    hops = max((level.rank for level in levels), default=0) - rank - 1
    below = _frontier(unit, report_year, max(hops, 0))
    keys = ("child", "unit__unit_type", "indicator_id", "kind")
    count_rules = [i for i in indicators if i.rule == Rule.COUNT and i.condition_indicator_id]
    met = {
        f"met_{i.pk}": Count(
            "pk",
            filter=Q(indicator_id=i.condition_indicator_id)
            & Q(**{f"value__{_LOOKUP[i.condition_operator]}": i.condition_threshold}),
        )
        for i in count_rules
    }
    weight = IndicatorValue.objects.filter(
        unit=OuterRef("unit"),
        agency__isnull=True,
        report_year=report_year,
        kind=OuterRef("kind"),
        indicator=OuterRef("indicator__weight"),
    ).values("value")[:1]
    number = DecimalField(max_digits=30, decimal_places=8)
    wavg_ids = [i.pk for i in indicators if i.rule == Rule.WAVG] or [0]
    # The weight is looked up only for WAVG rows (CASE is lazy), in the same scan as the sums.
    w = Case(
        When(indicator_id__in=wavg_ids, then=Subquery(weight, output_field=number)),
        default=None,
        output_field=number,
    )
    rows = list(
        below.annotate(child=_child_key(len(unit.path)))
        .values(*keys)
        .annotate(
            total=Sum("value"),
            reports=Count("pk"),
            # The child's own figure (the row's unit is the child itself), for NONE rules.
            own=Sum("value", filter=Q(unit__depth=unit.depth + 1)),
            vw=Sum(F("value") * w, output_field=number),
            sw=Sum(w),
            **met,
        )
        .order_by()
    )
    sums = _per_child(rows, by_id, ("total",))
    weighted = _per_child([row for row in rows if row["sw"] is not None], by_id, ("vw", "sw"))
    counted = _counts(rows, by_id, count_rules)
    own = {}
    for row in rows:
        if row["own"] is not None:
            own.setdefault((row["indicator_id"], row["kind"]), {})[int(row["child"])] = row["own"]

    return _combine(unit, indicators, sums, weighted, counted, own)


def _counts(rows, by_id, count_rules):
    """{(count indicator id, kind): (units meeting the condition, children reporting)}."""
    by_condition = {}
    for indicator in count_rules:
        if indicator.condition_indicator_id in by_id:
            by_condition.setdefault(indicator.condition_indicator_id, []).append(indicator)
    counted = {}
    for row in rows:
        rules = by_condition.get(row["indicator_id"])
        if not rules or not by_id[row["indicator_id"]].applies_to(row["unit__unit_type"]):
            continue
        for indicator in rules:
            met, reporters = counted.get((indicator.pk, row["kind"]), (0, set()))
            reporters.add(int(row["child"]))
            counted[(indicator.pk, row["kind"])] = (met + row[f"met_{indicator.pk}"], reporters)
    return counted
