"""Numbers and column headings as Vietnamese planners write them."""

from decimal import Decimal

from django.utils.translation import gettext as _

from sedp.indicators.models import KIND_YEAR_OFFSET, Kind


def format_number(value, decimals: int = 0, grouping: bool = True) -> str:
    """1234567.5 -> '1.234.567,5'; without grouping (for inputs) '1234567,5'."""
    if value is None:
        return ""
    value = round(Decimal(value), decimals)
    text = f"{value:,.{decimals}f}" if grouping else f"{value:.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def kind_heading(kind: str, report_year: int) -> str:
    year = report_year + KIND_YEAR_OFFSET[Kind(kind)]
    headings = {
        Kind.ACTUAL_PREVIOUS: _("Actual %(year)s"),
        Kind.PLAN: _("Plan %(year)s"),
        Kind.ACTUAL_HALF: _("Actual 6 months %(year)s"),
        Kind.ESTIMATE: _("Estimated %(year)s"),
        Kind.PROPOSED: _("Plan %(year)s proposed"),
        Kind.ASSIGNED: _("Plan %(year)s assigned"),
        Kind.REVISED: _("Plan %(year)s revised"),
        Kind.ACTUAL_NEXT: _("Actual %(year)s"),
    }
    return headings[Kind(kind)] % {"year": year}
