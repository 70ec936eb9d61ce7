"""The allocation grid and its check: do the children's figures add up to the parent's?

Rows are the indicators the unit has an assigned figure for; columns are the units below
it and its sector agencies. The check applies each indicator's rule with the indicators
app's own machinery (rollup._combine, the function the roll-ups use): SUM adds up, RATIO is
Σ numerator / Σ denominator (the numerator and denominator are allocated too), WAVG weighs
by the weight indicator, DERIVED evaluates its formula; NONE (growth rates, indices) and
COUNT are never summed. A sector agency's figure is checked alone: for a SUM indicator it
cannot exceed the unit's own figure.

Everything is read in a fixed number of queries whatever the size of the grid.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from sedp.indicators.models import Indicator, IndicatorValue, Kind, Rule
from sedp.indicators.rollup import _combine
from sedp.territory.models import AdminUnit, Agency, AgencyKind

SECTOR_AGENCY_KINDS = {AgencyKind.SECTOR_DEPARTMENT, AgencyKind.DISTRICT_SECTOR_OFFICE}

OK, OVER, UNDER, MISMATCH, UNCHECKED, NOT_AGGREGATED, EMPTY = (
    "ok",
    "over",
    "under",
    "mismatch",
    "unchecked",
    "not_aggregated",
    "empty",
)
# States that stop the allocation from being issued.
BLOCKING = {OVER, MISMATCH}


def fmt(number, decimals=2) -> str:
    """1234567.5 -> '1.234.567,5' (Vietnamese writing)."""
    if number is None:
        return "—"
    number = Decimal(number).quantize(Decimal(1).scaleb(-decimals)) if decimals else round(number)
    text = f"{Decimal(number):,f}"
    whole, _dot, frac = text.partition(".")
    whole = whole.replace(",", ".")
    frac = frac.rstrip("0")
    return f"{whole},{frac}" if frac else whole


@dataclass
class Column:
    key: str  # "u<id>" or "a<id>"
    name: str
    unit: object = None
    agency: object = None

    def applies(self, indicator) -> bool:
        if self.unit is not None:
            return indicator.applies_to(self.unit.unit_type)
        sector = self.agency.sector
        return indicator.sector is not None and indicator.sector.path.startswith(sector.path)


@dataclass
class RowCheck:
    state: str
    message: str = ""
    allocated: object = None


@dataclass
class Grid:
    unit: object
    report_year: int
    columns: list
    indicators: list  # with a parent figure
    parent: dict  # indicator id -> parent's assigned value
    values: dict  # (indicator id, column key) -> Decimal
    proposed: dict  # (indicator id, column key) -> Decimal, the child's own proposal
    checks: dict = field(default_factory=dict)  # indicator id -> RowCheck
    cell_errors: dict = field(default_factory=dict)  # (indicator id, key) -> message

    @property
    def blocking(self) -> list:
        return [i for i in self.indicators if self.checks[i.pk].state in BLOCKING]


def columns_for(unit) -> list:
    units = AdminUnit.objects.filter(parent=unit).order_by("code", "name")
    agencies = (
        Agency.objects.filter(unit=unit, kind__in=SECTOR_AGENCY_KINDS, sector__isnull=False)
        .select_related("sector")
        .order_by("sector__path", "name")
    )
    return [Column(f"u{u.pk}", u.name, unit=u) for u in units] + [
        Column(f"a{a.pk}", a.name, agency=a) for a in agencies
    ]


def load_grid(allocation) -> Grid:
    """The grid of `allocation`: parent figures, saved cells, the children's proposals, checks."""
    unit, year = allocation.unit, allocation.report_year
    columns = columns_for(unit)
    parent = dict(
        IndicatorValue.objects.filter(
            unit=unit, agency__isnull=True, report_year=year, kind=Kind.ASSIGNED
        ).values_list("indicator_id", "value")
    )
    indicators = list(
        Indicator.objects.filter(pk__in=parent, is_active=True).select_related(
            "sector", "numerator", "denominator"
        )
    )
    if allocation.pk is None:
        values = {}
    else:
        values = {
            (i, f"u{u}" if u else f"a{a}"): v
            for i, u, a, v in allocation.cells.values_list(
                "indicator_id", "unit_id", "agency_id", "value"
            )
        }
    unit_ids = [c.unit.pk for c in columns if c.unit is not None]
    agency_ids = [c.agency.pk for c in columns if c.agency is not None]
    proposed = {}
    for i, u, a, v in IndicatorValue.objects.filter(
        Q(unit__in=unit_ids, agency__isnull=True) | Q(agency__in=agency_ids),
        report_year=year,
        kind=Kind.PROPOSED,
        indicator__in=parent,
    ).values_list("indicator_id", "unit_id", "agency_id", "value"):
        proposed[(i, f"a{a}" if a else f"u{u}")] = v
    grid = Grid(unit, year, columns, indicators, parent, values, proposed)
    check(grid)
    return grid


def _close(a, b, decimals) -> bool:
    tolerance = Decimal(1).scaleb(-decimals) / 2 if decimals else Decimal("0.5")
    return abs(Decimal(a) - Decimal(b)) <= tolerance


def check(grid) -> None:
    """Fill grid.checks (per indicator) and grid.cell_errors (per cell) by the rules."""
    unit_columns = [c for c in grid.columns if c.unit is not None]
    kind = Kind.ASSIGNED
    sums, weighted = {}, {}
    for (indicator_id, key), value in grid.values.items():
        if key.startswith("u"):
            sums.setdefault((indicator_id, kind), {})[int(key[1:])] = value
    for indicator in grid.indicators:
        if indicator.rule == Rule.WAVG and indicator.weight_id:
            partial = {}
            for column in unit_columns:
                v = grid.values.get((indicator.pk, column.key))
                w = grid.values.get((indicator.weight_id, column.key))
                if v is not None and w is not None:
                    partial[column.unit.pk] = (v * w, w)
            weighted[(indicator.pk, kind)] = partial
    rolled = _combine(grid.unit, grid.indicators, sums, weighted, {}, {})
    names = {c.key: c.name for c in grid.columns}

    for indicator in grid.indicators:
        parent = grid.parent[indicator.pk]
        result = rolled[(indicator.pk, kind)]
        decimals = indicator.decimals
        cells = {
            c.key: grid.values[(indicator.pk, c.key)]
            for c in grid.columns
            if (indicator.pk, c.key) in grid.values
        }
        if indicator.rule == Rule.SUM:
            for key, value in cells.items():
                if key.startswith("a") and value > parent:
                    grid.cell_errors[(indicator.pk, key)] = _(
                        "%(who)s, %(indicator)s: %(value)s is more than the %(parent)s "
                        "assigned to the whole unit."
                    ) % {
                        "who": names[key],
                        "indicator": indicator.name,
                        "value": fmt(value, decimals),
                        "parent": fmt(parent, decimals),
                    }
        if indicator.rule == Rule.RATIO and indicator.numerator_id:
            for column in unit_columns:
                r = cells.get(column.key)
                n = grid.values.get((indicator.numerator_id, column.key))
                d = grid.values.get((indicator.denominator_id, column.key))
                if r is not None and n is not None and d:
                    implied = n / d * indicator.factor
                    if not _close(r, implied, decimals):
                        grid.cell_errors[(indicator.pk, column.key)] = _(
                            "%(who)s, %(indicator)s: %(value)s does not match its numerator "
                            "and denominator (%(implied)s)."
                        ) % {
                            "who": column.name,
                            "indicator": indicator.name,
                            "value": fmt(r, decimals),
                            "implied": fmt(implied, decimals),
                        }
        grid.checks[indicator.pk] = _row_check(indicator, parent, result, cells)


def _row_check(indicator, parent, result, cells) -> RowCheck:
    decimals = indicator.decimals
    unit_cells = {k: v for k, v in cells.items() if k.startswith("u")}
    if indicator.rule == Rule.NONE:
        return RowCheck(NOT_AGGREGATED, _("Not added up: each unit's figure stands on its own."))
    if indicator.rule == Rule.COUNT:
        return RowCheck(UNCHECKED, _("A count of units is not allocated by sums."))
    if not unit_cells:
        return RowCheck(EMPTY, _("Not allocated yet."))
    allocated = result.value
    if allocated is None:
        if indicator.rule == Rule.RATIO:
            message = _("Allocate the numerator and the denominator to every unit to check it.")
        else:
            message = _("Cannot be checked with the figures given.")
        return RowCheck(UNCHECKED, message)
    missing = len(result.missing)
    values = {"allocated": fmt(allocated, decimals), "parent": fmt(parent, decimals)}
    if indicator.rule == Rule.SUM:
        if allocated > parent and not _close(allocated, parent, decimals):
            values["diff"] = fmt(allocated - parent, decimals)
            return RowCheck(
                OVER,
                _("The units add up to %(allocated)s, %(diff)s more than the %(parent)s assigned.")
                % values,
                allocated,
            )
        if not _close(allocated, parent, decimals):
            values["diff"] = fmt(parent - allocated, decimals)
            message = _("%(diff)s of the %(parent)s assigned is not allocated yet.") % values
            if missing:
                message += " " + _("%(n)s units have no figure.") % {"n": missing}
            return RowCheck(UNDER, message, allocated)
        return RowCheck(OK, _("Adds up to the figure assigned."), allocated)
    # RATIO, WAVG, DERIVED: the figure the units' figures make must be the parent's.
    if _close(allocated, parent, decimals):
        return RowCheck(
            OK, _("The units' figures give %(allocated)s, as assigned.") % values, allocated
        )
    return RowCheck(
        MISMATCH,
        _("The units' figures give %(allocated)s, not the %(parent)s assigned.") % values,
        allocated,
    )
