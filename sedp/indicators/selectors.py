"""Reads of the catalogue and of values. Units are always reached through the user's scope."""

from django.utils import timezone

from sedp.indicators.models import Indicator, IndicatorGroup, IndicatorValue

RELATED = ("sector", "numerator", "denominator", "weight", "condition_indicator")


def catalogue(*, active_only=False):
    indicators = Indicator.objects.select_related(*RELATED)
    return indicators.filter(is_active=True) if active_only else indicators


def indicators_for(unit_type: str, indicators=None) -> list[Indicator]:
    """Active indicators planned for a unit type, in catalogue order (the catalogue is small;
    SQLite has no JSON `contains`, so the type filter runs on the loaded rows)."""
    indicators = catalogue(active_only=True) if indicators is None else indicators
    return [i for i in indicators if i.applies_to(unit_type)]


def grouped(indicators) -> list[tuple[str, list]]:
    """[(group label, indicators)] in the catalogue's group order."""
    by_group = {}
    for indicator in indicators:
        by_group.setdefault(indicator.group, []).append(indicator)
    return [(label, by_group[code]) for code, label in IndicatorGroup.choices if code in by_group]


def unit_values(*, unit, report_year, agency=None) -> dict:
    """{(indicator_id, kind): IndicatorValue} of one unit's own figures for one report year."""
    rows = IndicatorValue.objects.filter(unit=unit, agency=agency, report_year=report_year)
    return {(v.indicator_id, v.kind): v for v in rows}


def report_year_from(request) -> int:
    """?year=X when it is a sensible year, else the current year."""
    text = request.GET.get("year", "") or request.POST.get("year", "")
    if text.isdigit() and 2000 <= int(text) <= 2100:
        return int(text)
    return timezone.localdate().year


def targets(*, unit, indicator, report_year, years=5) -> list[tuple[int, object]]:
    """[(year, plan target)]: KH y of each report year y, then KH X+1 (assigned, else proposed)."""
    from sedp.indicators.models import Kind

    rows = IndicatorValue.objects.filter(
        unit=unit,
        agency__isnull=True,
        indicator=indicator,
        report_year__gt=report_year - years,
        report_year__lte=report_year,
        kind__in=[Kind.PLAN, Kind.PROPOSED, Kind.ASSIGNED],
    ).values_list("report_year", "kind", "value")
    found, proposed = {}, {}
    for year, kind, value in rows:
        if kind == Kind.PLAN:
            found[year] = value
        elif year == report_year and (kind == Kind.ASSIGNED or report_year + 1 not in proposed):
            proposed[report_year + 1] = value
    found.update(proposed)
    return sorted(found.items())


def sectors_with_indicators(indicators) -> list:
    """Sectors (top-level ones too) that have indicators, in sector-tree order."""
    from sedp.territory.models import Sector

    paths = {i.sector.path for i in indicators if i.sector_id}
    return [
        sector
        for sector in Sector.objects.order_by("path")
        if any(path.startswith(sector.path) for path in paths)
    ]


def sector_indicators(agency, indicators=None) -> list[Indicator]:
    """Active indicators of the agency's sector line that apply at its unit, catalogue order."""
    if agency.sector_id is None:
        return []
    indicators = catalogue(active_only=True) if indicators is None else indicators
    return [
        i
        for i in indicators
        if i.sector_id
        and i.sector.path.startswith(agency.sector.path)
        and i.applies_to(agency.unit.unit_type)
    ]
