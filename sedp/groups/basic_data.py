"""The village basic-data form (biểu số liệu cơ bản thôn, seed commune step 2): the catalogue's
indicators planned for villages that are entered (not computed), as the village stands in
year X (kind ƯTH X), saved through the indicators app's own services.

When every item has a value the form is complete, which completes the village group's
thon.basic_data task.
"""

import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from sedp.core.events import record_event
from sedp.groups import hooks
from sedp.indicators import selectors as indicator_selectors
from sedp.indicators import services as indicator_services
from sedp.indicators import spreadsheet
from sedp.indicators.models import Indicator, Kind, Rule

BASIC_KIND = Kind.ESTIMATE
COMPUTED_RULES = {Rule.RATIO, Rule.DERIVED, Rule.COUNT}
# The workbook property naming the village and the year a downloaded form was made for.
STAMP = "sedp:basic-data:"


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


def _stamp(unit, report_year) -> str:
    return f"{STAMP}{unit.pk}:{report_year}"


def basic_data_export(*, agency, report_year) -> bytes:
    """The village's indicator grid as XLSX (the indicators app's own workbook), stamped with
    the village and the year in the workbook's properties so that an upload can be checked."""
    content = spreadsheet.export_grid(unit=agency.unit, report_year=report_year)
    book = load_workbook(io.BytesIO(content))
    book.properties.identifier = _stamp(agency.unit, report_year)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def check_file_is_for(*, agency, report_year, content: bytes) -> None:
    """Refuse another village's (or another year's) form before anything is read into this
    village: the indicators grid itself does not say whose it is. Files without the stamp
    are checked by their title line. An unreadable file is left to the grid's own errors."""
    from django.conf import settings

    from sedp.territory.models import AdminUnit

    if len(content) > settings.IMPORT_MAX_BYTES:
        return  # the grid refuses it without opening it
    try:
        book = load_workbook(io.BytesIO(content), read_only=True)
        stamp = book.properties.identifier or ""
        title = str(book.active["A1"].value or "")
    except Exception:  # openpyxl raises many kinds of errors on a file that is not XLSX
        return
    unit = agency.unit
    if stamp.startswith(STAMP):
        unit_id, _sep, year = stamp[len(STAMP) :].partition(":")
        if unit_id != str(unit.pk):
            other = AdminUnit.objects.filter(pk=unit_id if unit_id.isdigit() else None).first()
            raise spreadsheet.ImportFailed(
                [
                    _(
                        "This file is the basic-data form of %(other)s, not of %(village)s: "
                        "download the form of %(village)s and fill it in."
                    )
                    % {"other": other.name if other else title, "village": unit.name}
                ]
            )
        if year != str(report_year):
            raise spreadsheet.ImportFailed(
                [
                    _(
                        "This file is the form of report year %(file_year)s, not of "
                        "%(year)s: download the form of %(year)s."
                    )
                    % {"file_year": year, "year": report_year}
                ]
            )
        return
    expected = _("Indicators of %(name)s, report year %(year)s") % {
        "name": unit.name,
        "year": report_year,
    }
    if title and title != expected:
        raise spreadsheet.ImportFailed(
            [
                _(
                    "This file (“%(title)s”) is not the basic-data form of %(village)s for "
                    "%(year)s: download the form of %(village)s and fill it in."
                )
                % {"title": title, "village": unit.name, "year": report_year}
            ]
        )


@transaction.atomic
def basic_data_import(*, user, agency, report_year, content: bytes) -> tuple[int, int]:
    """Read the workbook back through the indicators app (all or nothing, cell errors as
    spreadsheet.ImportFailed); returns (changed, missing). Another village's file is
    refused first."""
    indicator_services.require_entry(user, agency.unit)
    check_file_is_for(agency=agency, report_year=report_year, content=content)
    changed = spreadsheet.import_grid(
        user=user, unit=agency.unit, report_year=report_year, content=content
    )
    indicators = basic_data_indicators(agency.unit)
    return changed, _complete_if_full(user, agency, report_year, indicators, changed)
