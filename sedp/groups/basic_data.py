"""The village basic-data form (biểu số liệu cơ bản thôn, seed commune step 2): the catalogue's
indicators planned for villages that are entered (not computed), as the village stands in
year X (kind ƯTH X), saved through the indicators app's own services.

When every item has a value the form is complete, which completes the village group's
thon.basic_data task.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sedp.core.events import record_event
from sedp.groups import hooks
from sedp.indicators import selectors as indicator_selectors
from sedp.indicators import services as indicator_services
from sedp.indicators import spreadsheet
from sedp.indicators.models import Indicator, Kind, Rule

BASIC_KIND = Kind.ESTIMATE
COMPUTED_RULES = {Rule.RATIO, Rule.DERIVED, Rule.COUNT}


def basic_data_indicators(unit) -> list[Indicator]:
    return [
        i
        for i in indicator_selectors.indicators_for(unit.unit_type)
        if i.rule not in COMPUTED_RULES
    ]


def basic_data_rows(*, unit, report_year) -> list[dict]:
    """One row per item: the indicator, this year's value and last year's (three queries)."""
    indicators = basic_data_indicators(unit)
    now = indicator_selectors.unit_values(unit=unit, report_year=report_year)
    before = indicator_selectors.unit_values(unit=unit, report_year=report_year - 1)
    rows = []
    for indicator in indicators:
        value = now.get((indicator.pk, BASIC_KIND))
        last = before.get((indicator.pk, BASIC_KIND))
        rows.append(
            {
                "indicator": indicator,
                "value": value.value if value else None,
                "last": last.value if last else None,
            }
        )
    return rows


def _missing(unit, report_year, indicators) -> int:
    values = indicator_selectors.unit_values(unit=unit, report_year=report_year)
    return sum(1 for i in indicators if (i.pk, BASIC_KIND) not in values)


def _complete_if_full(user, agency, report_year, indicators, changed) -> int:
    """Record the completed form (once per change that leaves it full); returns what is
    still missing."""
    missing = _missing(agency.unit, report_year, indicators)
    if missing == 0 and changed:
        event = record_event(
            actor=user,
            verb="basic_data.completed",
            target=agency,
            unit=agency.unit,
            payload={"year": report_year, "items": len(indicators)},
        )
        hooks.on_basic_data_completed(agency, event)
    return missing


@transaction.atomic
def basic_data_save(*, user, agency, report_year, entries: dict) -> tuple[int, int]:
    """Save the form (indicator code -> text): every value is checked first against the
    form's other values, and nothing is written if one is wrong. Returns (changed, missing)."""
    unit = agency.unit
    indicator_services.require_entry(user, unit)
    indicators = basic_data_indicators(unit)
    current = indicator_selectors.unit_values(unit=unit, report_year=report_year)
    ratios = list(
        Indicator.objects.filter(rule=Rule.RATIO, is_active=True).select_related(
            "numerator", "denominator"
        )
    )
    errors, after, parsed = {}, {}, []
    for indicator in indicators:
        found = current.get((indicator.pk, BASIC_KIND))
        old = found.value if found else None
        text = entries.get(indicator.code, "" if old is None else old)
        try:
            number = indicator_services.parse_number(text)
        except ValueError:
            errors[indicator.code] = _("“%(text)s” is not a number.") % {"text": text}
            continue
        if number is not None:
            number = round(number, indicator.decimals)
            after[indicator.code] = number
        if number != old:
            parsed.append((indicator, old, number))
    for indicator, _old, number in parsed:
        if number is None or indicator.code in errors:
            continue
        problems = indicator_services.check_value(
            indicator, unit.unit_type, number, after, ratios=ratios
        )
        if problems:
            errors[indicator.code] = "; ".join(problems)
    if errors:
        raise ValidationError(errors)
    # value_set checks each value against the values already stored, so a numerator and
    # its denominator moving together may have to go in either order: write what passes
    # and retry the rest (the final state was checked above, so every round makes progress).
    pending = parsed
    while pending:
        retry = []
        for indicator, old, number in pending:
            try:
                indicator_services.value_set(
                    user=user,
                    unit=unit,
                    indicator=indicator,
                    report_year=report_year,
                    kind=BASIC_KIND,
                    value="" if number is None else str(number),
                    source=_("Village basic-data form"),
                )
            except ValidationError:
                retry.append((indicator, old, number))
        if len(retry) == len(pending):
            raise ValidationError(_("The values contradict each other; check them again."))
        pending = retry
    return len(parsed), _complete_if_full(user, agency, report_year, indicators, len(parsed))


def basic_data_export(*, agency, report_year) -> bytes:
    """The village's indicator grid as XLSX (the indicators app's own workbook)."""
    return spreadsheet.export_grid(unit=agency.unit, report_year=report_year)


@transaction.atomic
def basic_data_import(*, user, agency, report_year, content: bytes) -> tuple[int, int]:
    """Read the workbook back through the indicators app (all or nothing, cell errors as
    spreadsheet.ImportFailed); returns (changed, missing)."""
    changed = spreadsheet.import_grid(
        user=user, unit=agency.unit, report_year=report_year, content=content
    )
    indicators = basic_data_indicators(agency.unit)
    return changed, _complete_if_full(user, agency, report_year, indicators, changed)
