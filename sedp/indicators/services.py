"""Every change to the catalogue and to indicator values goes through these functions."""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from sedp.accounts.models import EDITING_ROLES
from sedp.accounts.scoping import scope_for
from sedp.core.events import record_event
from sedp.indicators import figures, formula, hooks
from sedp.indicators.models import Indicator, IndicatorValue, Kind, Rule
from sedp.indicators.tasks import rebuild_figures
from sedp.territory.models import AgencyKind, Reach
from sedp.territory.services import require_admin


def check_rule(indicator: Indicator) -> None:
    """The references each rule needs are there, and a formula is safe and names real codes."""
    errors = {}
    if indicator.rule == Rule.RATIO:
        if not indicator.numerator_id:
            errors["numerator"] = _("A ratio needs a numerator indicator.")
        if not indicator.denominator_id:
            errors["denominator"] = _("A ratio needs a denominator indicator.")
    if indicator.rule == Rule.WAVG and not indicator.weight_id:
        errors["weight"] = _("A weighted average needs a weight indicator.")
    if indicator.rule == Rule.COUNT:
        if not indicator.condition_indicator_id:
            errors["condition_indicator"] = _("A count needs the indicator its condition reads.")
        if not indicator.condition_operator or indicator.condition_threshold is None:
            errors["condition_threshold"] = _("A count needs a comparison and a threshold.")
    if indicator.rule == Rule.DERIVED:
        if not indicator.formula.strip():
            errors["formula"] = _("A derived indicator needs a formula.")
        else:
            try:
                codes = formula.codes_in(indicator.formula)
            except ValidationError as error:
                errors["formula"] = error.messages
            else:
                known = set(Indicator.objects.filter(code__in=codes).values_list("code", flat=True))
                if indicator.code in codes:
                    errors["formula"] = _("A formula cannot use its own indicator.")
                elif codes - known:
                    errors["formula"] = _("Unknown indicator codes in the formula: %(codes)s") % {
                        "codes": ", ".join(sorted(codes - known))
                    }
    for name in ("numerator", "denominator", "weight", "condition_indicator"):
        if getattr(indicator, f"{name}_id") and getattr(indicator, f"{name}_id") == indicator.pk:
            errors[name] = _("An indicator cannot refer to itself here.")
    if errors:
        raise ValidationError(errors)


# Fields of an indicator that the maintained roll-up figures are computed from.
FIGURE_FIELDS = {"rule", "unit_types", "weight", "condition_indicator", "condition_operator"}
FIGURE_FIELDS |= {"condition_threshold"}


@transaction.atomic
def indicator_create(*, user, **fields) -> Indicator:
    require_admin(user)
    if Indicator.objects.filter(code=fields["code"]).exists():
        raise ValidationError({"code": _("The code %(code)s already exists.") % fields})
    indicator = Indicator(**fields)
    check_rule(indicator)
    indicator.save()
    if indicator.rule == Rule.COUNT:
        rebuild_figures.enqueue()  # a new COUNT indicator counts existing values
    record_event(
        actor=user,
        verb="indicator.created",
        target=indicator,
        payload={"code": indicator.code, "rule": indicator.rule},
    )
    return indicator


@transaction.atomic
def indicator_update(*, user, indicator, reason="", **changes) -> Indicator:
    require_admin(user)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    before = {name: str(getattr(indicator, name)) for name in changes}
    for name, value in changes.items():
        setattr(indicator, name, value)
    if Indicator.objects.filter(code=indicator.code).exclude(pk=indicator.pk).exists():
        raise ValidationError({"code": _("The code %(code)s already exists.") % changes})
    check_rule(indicator)
    indicator.save()
    if any(name.removesuffix("_id") in FIGURE_FIELDS for name in changes):
        rebuild_figures.enqueue()  # the maintained roll-up figures depend on these fields
    after = {name: str(getattr(indicator, name)) for name in changes}
    changed = {k: [before[k], after[k]] for k in changes if before[k] != after[k]}
    record_event(
        actor=user, verb="indicator.updated", target=indicator, reason=reason, payload=changed
    )
    return indicator


def can_enter_values(user, unit) -> bool:
    """Administrators; leaders and planners of a consolidating agency at the unit
    (commune planning group, phòng TCKH, Sở KHĐT, UBND) or of the unit's village group."""
    scope = scope_for(user)
    if scope.is_admin:
        return True
    for membership in scope.memberships:
        agency = membership.agency
        if agency.unit_id != unit.pk or membership.role not in EDITING_ROLES:
            continue
        if agency.reach == Reach.TERRITORY or agency.kind == AgencyKind.VILLAGE_WORKING_GROUP:
            return True
    return False


_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_number(text) -> Decimal | None:
    """'1.234,5' and '1.234' (Vietnamese), '1234.5', '1 234' read; '' is None; else ValueError."""
    if text is None:
        return None
    if isinstance(text, int | float | Decimal):
        return Decimal(str(text))
    text = str(text).strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if "," in text or _THOUSANDS.match(text):
        # Vietnamese writing: dots group thousands, the comma is the decimal mark.
        text = text.replace(".", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite():
        raise ValueError(text)
    return number


def check_value(indicator, unit_type, value: Decimal, related: dict, ratios=None) -> list[str]:
    """Problems with one value; `related` maps codes to the same unit's values of that kind.
    `ratios` (all RATIO indicators) spares a query per value in bulk checks."""
    problems = []
    if not indicator.applies_to(unit_type):
        problems.append(_("this indicator is not planned for this type of unit"))
    if value < 0 and not indicator.allow_negative:
        problems.append(_("the value cannot be negative"))
    if indicator.is_percent and not indicator.allow_negative and value > 100:
        problems.append(_("a percentage cannot exceed 100"))
    if ratios is None:
        ratios = ratios_using(indicator)
    for ratio in ratios:
        if indicator.pk not in (ratio.numerator_id, ratio.denominator_id):
            continue
        numerator = related.get(ratio.numerator.code)
        denominator = related.get(ratio.denominator.code)
        if ratio.numerator_id == indicator.pk:
            numerator = value
        else:
            denominator = value
        if numerator is not None and denominator is not None and numerator > denominator:
            problems.append(
                _("“%(num)s” (%(a)s) cannot exceed “%(den)s” (%(b)s)")
                % {
                    "num": ratio.numerator.name,
                    "a": _format(numerator),
                    "den": ratio.denominator.name,
                    "b": _format(denominator),
                }
            )
    return problems


def _format(number) -> str:
    return f"{number.normalize():f}".replace(".", ",")


def ratios_using(indicator) -> list[Indicator]:
    """RATIO indicators with this one as numerator or denominator (one query per request)."""
    return list(
        Indicator.objects.filter(rule=Rule.RATIO, is_active=True)
        .filter(Q(numerator=indicator) | Q(denominator=indicator))
        .select_related("numerator", "denominator")
    )


def related_values(*, unit, agency, report_year, kind, indicator) -> dict:
    """The unit's current values of the indicators sharing a ratio with `indicator`."""
    codes = set()
    for ratio in ratios_using(indicator):
        codes |= {ratio.numerator.code, ratio.denominator.code}
    rows = IndicatorValue.objects.filter(
        unit=unit, agency=agency, report_year=report_year, kind=kind, indicator__code__in=codes
    ).values_list("indicator__code", "value")
    return dict(rows)


def can_enter_agency_values(user, agency) -> bool:
    """A sector agency's own figures: its leaders and planners (and administrators)."""
    return agency.sector_id is not None and scope_for(user).can_change_agency(agency)


def in_sector_line(indicator, agency) -> bool:
    """The indicator belongs to the agency's sector or one of its sub-sectors."""
    return bool(indicator.sector_id) and indicator.sector.path.startswith(agency.sector.path)


def require_entry(user, unit, agency=None, indicator=None) -> None:
    if agency is not None:
        if agency.unit_id != unit.pk:
            raise PermissionDenied
        if user is not None and not can_enter_agency_values(user, agency):
            raise PermissionDenied(_("You cannot enter this agency's indicator values."))
        if indicator is not None and not in_sector_line(indicator, agency):
            raise ValidationError(
                _("“%(indicator)s” is not an indicator of the sector %(sector)s.")
                % {"indicator": indicator.name, "sector": agency.sector.name}
            )
        return
    if user is not None and not can_enter_values(user, unit):
        raise PermissionDenied(_("You cannot enter indicator values for this unit."))


@transaction.atomic
def value_set(
    *, user, unit, indicator, report_year, kind, value, basis=None, source=None, agency=None
) -> IndicatorValue | None:
    """Enter (or change) one value; an empty value clears it. ValidationError names the problem.

    With `agency`, the value is that sector agency's own figure at its unit (a Sở's or an
    office's figure for its sector), kept apart from the unit's territorial figures."""
    require_entry(user, unit, agency, indicator)
    try:
        number = parse_number(value)
    except ValueError:
        raise ValidationError(_("“%(text)s” is not a number.") % {"text": value}) from None
    current = (
        IndicatorValue.objects.select_for_update()
        .filter(unit=unit, agency=agency, indicator=indicator, report_year=report_year, kind=kind)
        .first()
    )
    if number is None:
        if current is not None:
            record_event(
                actor=user,
                verb="indicator_value.cleared",
                target=current,
                unit=unit,
                payload={"indicator": indicator.code, "kind": kind, "year": report_year,
                         "before": str(current.value)},
            )  # fmt: skip
            current.delete()
            _refresh_figures(unit, agency, report_year)
        return None
    number = round(number, indicator.decimals)
    related = related_values(
        unit=unit, agency=agency, report_year=report_year, kind=kind, indicator=indicator
    )
    problems = check_value(indicator, unit.unit_type, number, related)
    if problems:
        raise ValidationError("; ".join(problems))
    before = str(current.value) if current else None
    if current is None:
        current = IndicatorValue(
            unit=unit, agency=agency, indicator=indicator, report_year=report_year, kind=kind
        )
    current.value = number
    if basis is not None:
        current.basis = basis
    if source is not None:
        current.source = source
    current.entered_by = user if user is not None and user.is_authenticated else None
    current.save()
    _refresh_figures(unit, agency, report_year)
    record_event(
        actor=user,
        verb="indicator_value.set",
        target=current,
        unit=unit,
        payload={"indicator": indicator.code, "kind": kind, "year": report_year,
                 "before": before, "after": str(number)},
    )  # fmt: skip
    if agency is None:
        hooks.on_values_saved(user=user, unit=unit, report_year=report_year, kinds=[kind])
    return current


def _refresh_figures(unit, agency, report_year) -> None:
    """Keep the maintained roll-up figures of the unit and its ancestors right (same
    transaction); sector agencies' values are not rolled up."""
    if agency is None:
        figures.refresh(unit, report_year)


def forecast_accept(*, user, unit, indicator, report_year, method) -> IndicatorValue:
    """Take a suggestion for KH X+1 (recomputed here) as the proposed value, with its basis."""
    from sedp.indicators.forecast import histories, suggestions

    require_entry(user, unit)
    series = histories(unit=unit, report_year=report_year, indicators=[indicator])
    chosen = next(
        (
            s
            for s in suggestions(indicator, series.get(indicator.pk, []), report_year)
            if s.method == method
        ),
        None,
    )
    if chosen is None:
        raise ValidationError(_("There is not enough history for this suggestion."))
    return value_set(
        user=user,
        unit=unit,
        indicator=indicator,
        report_year=report_year,
        kind=Kind.PROPOSED,
        value=chosen.value,
        basis=chosen.basis,
        source=_("Forecast from the unit's own history"),
    )
