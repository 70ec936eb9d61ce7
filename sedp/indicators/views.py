import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sedp.accounts.scoping import require_admin_request, scope_for
from sedp.accounts.selectors import get_agency_for_user, get_unit_for_user
from sedp.core.events import history_of
from sedp.core.forms import apply_service_errors
from sedp.indicators import charts, forecast, selectors, services, spreadsheet
from sedp.indicators.display import format_number, kind_heading
from sedp.indicators.forms import ImportForm, IndicatorForm
from sedp.indicators.models import Indicator, Kind, Rule, percent
from sedp.indicators.rollup import rollup
from sedp.indicators.tasks import rebuild_pending


@login_required
def indicator_list(request):
    return render(
        request,
        "indicators/indicator_list.html",
        {
            "groups": selectors.grouped(selectors.catalogue()),
            "can_manage": scope_for(request.user).is_admin,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request):
    require_admin_request(request)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The indicator was created."))
            return redirect("indicators-indicator-list")
    return render(request, "indicators/indicator_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def indicator_update(request, pk):
    require_admin_request(request)
    indicator = get_object_or_404(Indicator, pk=pk)
    form = IndicatorForm(request.POST or None, instance=copy.copy(indicator))
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if k != "reason"}
        try:
            services.indicator_update(
                user=request.user,
                indicator=indicator,
                reason=form.cleaned_data.get("reason", ""),
                **changes,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The indicator was saved."))
            return redirect("indicators-indicator-list")
    return render(
        request,
        "indicators/indicator_form.html",
        {"form": form, "indicator": indicator, "history": history_of(indicator)[:20]},
    )


def _cell(indicator, kind, value, report_year, text=None, error=None):
    return {
        "heading": kind_heading(kind, report_year),
        "indicator": indicator,
        "kind": kind,
        "value": value,
        "text": text
        if text is not None
        else format_number(value.value if value else None, indicator.decimals, grouping=False),
        "shown": format_number(value.value if value else None, indicator.decimals),
        "error": error,
    }


def _percents(indicator, values):
    def number(kind):
        found = values.get((indicator.pk, kind))
        return found.value if found else None

    return {
        "done": percent(number(Kind.ESTIMATE), number(Kind.PLAN)),
        "next": percent(number(Kind.PROPOSED), number(Kind.ESTIMATE)),
    }


def grid_rows(*, unit, report_year, agency=None, indicators=None):
    values = selectors.unit_values(unit=unit, report_year=report_year, agency=agency)
    if indicators is None:
        indicators = selectors.indicators_for(unit.unit_type)
    groups = []
    for label, in_group in selectors.grouped(indicators):
        rows = [
            {
                "indicator": indicator,
                "cells": [
                    _cell(indicator, kind, values.get((indicator.pk, kind)), report_year)
                    for kind in Kind.values
                ],
                "percents": _percents(indicator, values),
            }
            for indicator in in_group
        ]
        groups.append((label, rows))
    return groups


@login_required
def unit_grid(request, pk):
    """A unit's indicator values for report year X: editable by its planners, read-only else."""
    unit = get_unit_for_user(user=request.user, pk=pk)
    report_year = selectors.report_year_from(request)
    return render(
        request,
        "indicators/grid.html",
        {
            "unit": unit,
            "report_year": report_year,
            "years": range(report_year - 3, report_year + 2),
            "headings": [kind_heading(kind, report_year) for kind in Kind.values],
            "groups": grid_rows(unit=unit, report_year=report_year),
            "can_edit": services.can_enter_values(request.user, unit),
            "save_url": reverse("indicators-cell-save", args=[unit.pk]),
        },
    )


@login_required
def agency_grid(request, pk):
    """A sector agency's own figures for its sector line (a Sở's figures for agriculture, a
    district office's for its sector), next to the territory's figure for the same indicator."""
    agency = get_agency_for_user(user=request.user, pk=pk)
    if agency.sector_id is None:
        raise Http404
    report_year = selectors.report_year_from(request)
    catalogue = list(selectors.catalogue(active_only=True))
    indicators = selectors.sector_indicators(agency, catalogue)
    groups = grid_rows(
        unit=agency.unit, report_year=report_year, agency=agency, indicators=indicators
    )
    # The territory's KH X+1 proposal for each row: its own figure, else rolled up from below.
    territorial = selectors.unit_values(unit=agency.unit, report_year=report_year)
    rolled = rollup(
        unit=agency.unit, report_year=report_year, indicators=catalogue, kinds=[Kind.PROPOSED]
    )
    for _label, rows in groups:
        for row in rows:
            indicator = row["indicator"]
            own = territorial.get((indicator.pk, Kind.PROPOSED))
            figure = own.value if own else rolled[(indicator.pk, Kind.PROPOSED)].value
            row["territorial"] = format_number(figure, indicator.decimals)
            mine = next(c for c in row["cells"] if c["kind"] == Kind.PROPOSED)["value"]
            if mine is not None and figure is not None:
                gap = mine.value - round(figure, indicator.decimals)
                row["gap"] = format_number(gap, indicator.decimals) if gap else ""
    return render(
        request,
        "indicators/agency_grid.html",
        {
            "agency": agency,
            "unit": agency.unit,
            "report_year": report_year,
            "years": range(report_year - 3, report_year + 2),
            "headings": [kind_heading(kind, report_year) for kind in Kind.values],
            "proposed_heading": kind_heading(Kind.PROPOSED, report_year),
            "groups": groups,
            "can_edit": services.can_enter_agency_values(request.user, agency),
            "save_url": reverse("indicators-agency-cell-save", args=[agency.pk]),
        },
    )


@login_required
@require_POST
def cell_save(request, pk):
    """Save one cell (HTMX); answers the cell and, out of band, the row's percent columns."""
    unit = get_unit_for_user(user=request.user, pk=pk)
    return _save_cell(request, unit, None, reverse("indicators-cell-save", args=[unit.pk]))


@login_required
@require_POST
def agency_cell_save(request, pk):
    """One cell of a sector agency's own figures (HTMX), as cell_save."""
    agency = get_agency_for_user(user=request.user, pk=pk)
    if agency.sector_id is None:
        raise Http404
    url = reverse("indicators-agency-cell-save", args=[agency.pk])
    return _save_cell(request, agency.unit, agency, url)


def _save_cell(request, unit, agency, save_url):
    report_year = selectors.report_year_from(request)
    kind = request.POST.get("kind", "")
    indicator_id = request.POST.get("indicator", "")
    if kind not in Kind.values or not indicator_id.isdigit():
        return HttpResponseBadRequest()
    indicator = get_object_or_404(selectors.catalogue(active_only=True), pk=int(indicator_id))
    text = request.POST.get("value", "")
    error = None
    try:
        saved = services.value_set(
            user=request.user,
            unit=unit,
            agency=agency,
            indicator=indicator,
            report_year=report_year,
            kind=kind,
            value=text,
        )
    except ValidationError as problem:
        error = " ".join(problem.messages)
        saved = None
    values = selectors.unit_values(unit=unit, report_year=report_year, agency=agency)
    cell = _cell(indicator, kind, saved, report_year, text=text if error else None, error=error)
    return render(
        request,
        "indicators/_cell_saved.html",
        {
            "unit": unit,
            "report_year": report_year,
            "cell": cell,
            "row": {"indicator": indicator, "percents": _percents(indicator, values)},
            "can_edit": True,
            "saved": error is None,
            "save_url": save_url,
        },
    )


@login_required
def grid_export(request, pk):
    unit = get_unit_for_user(user=request.user, pk=pk)
    report_year = selectors.report_year_from(request)
    response = HttpResponse(
        spreadsheet.export_grid(unit=unit, report_year=report_year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"chi-tieu-{unit.code}-{report_year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def grid_import(request, pk):
    unit = get_unit_for_user(user=request.user, pk=pk)
    if not services.can_enter_values(request.user, unit):
        raise PermissionDenied
    report_year = selectors.report_year_from(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            changed = spreadsheet.import_grid(
                user=request.user,
                unit=unit,
                report_year=report_year,
                content=form.cleaned_data["file"].read(),
            )
        except spreadsheet.ImportFailed as failure:
            errors = failure.errors
        else:
            messages.success(request, _("%(n)s values were imported.") % {"n": changed})
            return redirect(
                f"{reverse('indicators-grid-detail', args=[unit.pk])}?year={report_year}"
            )
    return render(
        request,
        "indicators/grid_import.html",
        {"unit": unit, "report_year": report_year, "form": form, "errors": errors},
    )


@login_required
def unit_rollup(request, pk):
    """Per indicator: the unit's own figure next to the roll-up of its subtree, and the gap."""
    unit = get_unit_for_user(user=request.user, pk=pk)
    report_year = selectors.report_year_from(request)
    kind = request.GET.get("kind", Kind.PROPOSED)
    if kind not in Kind.values:
        kind = Kind.PROPOSED
    indicators = list(selectors.catalogue(active_only=True))
    rolled = rollup(unit=unit, report_year=report_year, indicators=indicators, kinds=[kind])
    own = selectors.unit_values(unit=unit, report_year=report_year)
    sectors = selectors.sectors_with_indicators(indicators)
    sector = next((x for x in sectors if x.code == request.GET.get("sector")), None)
    shown = selectors.indicators_for(unit.unit_type, indicators)
    if sector is not None:  # one sector line: the sector's and its sub-sectors' indicators
        shown = [i for i in shown if i.sector and i.sector.path.startswith(sector.path)]
    groups = []
    for label, applicable in selectors.grouped(shown):
        rows = []
        for indicator in applicable:
            result = rolled[(indicator.pk, kind)]
            mine = own.get((indicator.pk, kind))
            mine = mine.value if mine else None
            gap = None
            if mine is not None and result.value is not None:
                gap = mine - round(result.value, indicator.decimals)
            rows.append(
                {
                    "indicator": indicator,
                    "own": format_number(mine, indicator.decimals),
                    "rolled": format_number(result.value, indicator.decimals),
                    "result": result,
                    "gap": format_number(gap, indicator.decimals) if gap else "",
                }
            )
        groups.append((label, rows))
    return render(
        request,
        "indicators/rollup.html",
        {
            "rebuild_pending": rebuild_pending(),
            "unit": unit,
            "report_year": report_year,
            "kind": kind,
            "kinds": [(k, kind_heading(k, report_year)) for k in Kind.values],
            "kind_label": kind_heading(kind, report_year),
            "sectors": sectors,
            "sector": sector,
            "years": range(report_year - 3, report_year + 2),
            "groups": groups,
        },
    )


def _forecast_row(unit, indicator, series, report_year, current, accepted=False):
    return {
        "indicator": indicator,
        "history": [(year, format_number(value, indicator.decimals)) for year, value in series],
        "suggestions": [
            {
                "method": s.method,
                "value": format_number(s.value, indicator.decimals),
                "basis": s.basis,
            }
            for s in forecast.suggestions(indicator, series, report_year)
        ],  # fmt: skip
        "current": current,
        "current_text": format_number(current.value, indicator.decimals) if current else "",
        "accepted": accepted,
    }


@login_required
def unit_forecast(request, pk):
    """Suggestions for KH X+1 from the unit's history; its planners accept them here."""
    unit = get_unit_for_user(user=request.user, pk=pk)
    report_year = selectors.report_year_from(request)
    indicators = selectors.indicators_for(unit.unit_type)
    series = forecast.histories(unit=unit, report_year=report_year, indicators=indicators)
    own = selectors.unit_values(unit=unit, report_year=report_year)
    rows = []
    for indicator in indicators:
        current = own.get((indicator.pk, Kind.PROPOSED))
        row = _forecast_row(unit, indicator, series.get(indicator.pk, []), report_year, current)
        if row["suggestions"]:
            rows.append(row)
    return render(
        request,
        "indicators/forecast.html",
        {
            "unit": unit,
            "report_year": report_year,
            "proposed_heading": kind_heading(Kind.PROPOSED, report_year),
            "rows": rows,
            "can_edit": services.can_enter_values(request.user, unit),
        },
    )


@login_required
@require_POST
def forecast_accept(request, pk):
    unit = get_unit_for_user(user=request.user, pk=pk)
    report_year = selectors.report_year_from(request)
    indicator_id = request.POST.get("indicator", "")
    if not indicator_id.isdigit():
        return HttpResponseBadRequest()
    indicator = get_object_or_404(selectors.catalogue(active_only=True), pk=int(indicator_id))
    try:
        value = services.forecast_accept(
            user=request.user,
            unit=unit,
            indicator=indicator,
            report_year=report_year,
            method=request.POST.get("method", ""),
        )
    except ValidationError as error:
        return HttpResponseBadRequest(" ".join(error.messages))
    series = forecast.histories(unit=unit, report_year=report_year, indicators=[indicator])
    row = _forecast_row(
        unit, indicator, series.get(indicator.pk, []), report_year, value, accepted=True
    )
    return render(
        request,
        "indicators/_forecast_row.html",
        {"unit": unit, "report_year": report_year, "row": row, "can_edit": True},
    )


@login_required
def indicator_chart(request, pk, indicator_pk):
    """An indicator's trend at a unit against its targets, and its spread across child units."""
    unit = get_unit_for_user(user=request.user, pk=pk)
    indicator = get_object_or_404(selectors.catalogue(active_only=True), pk=indicator_pk)
    report_year = selectors.report_year_from(request)
    kind = request.GET.get("kind", Kind.ESTIMATE)
    if kind not in Kind.values:
        kind = Kind.ESTIMATE
    catalogue = list(selectors.catalogue(active_only=True))
    series = forecast.histories(unit=unit, report_year=report_year, indicators=[indicator])
    actuals = [(str(year), value) for year, value in series.get(indicator.pk, [])]
    targets = [
        (str(year), value) for year, value in selectors.targets(unit=unit, indicator=indicator,
                                                                report_year=report_year)
    ]  # fmt: skip
    trend_label = _("Actual / estimate")
    if not actuals and indicator.rule != Rule.NONE:
        # The unit enters no figure of its own (e.g. a commune's poverty rate comes from its
        # villages): draw the roll-up of each of the last years instead (4 queries a year).
        actuals, targets = _rolled_trend(unit, indicator, report_year, catalogue)
        trend_label = _("Rolled up from below")
    rolled = rollup(unit=unit, report_year=report_year, indicators=catalogue, kinds=[kind])
    rolled = rolled[(indicator.pk, kind)]
    names = dict(rolled.expected)
    bars = sorted(
        ((names.get(child, str(child)), value) for child, value in rolled.by_child.items()),
        key=lambda bar: bar[1],
        reverse=True,
    )
    heading = kind_heading(kind, report_year)
    return render(
        request,
        "indicators/chart.html",
        {
            "unit": unit,
            "indicator": indicator,
            "report_year": report_year,
            "kind": kind,
            "kinds": [(k, kind_heading(k, report_year)) for k in Kind.values],
            "trend": charts.line_chart(
                [
                    (trend_label, "actual", False, actuals),
                    (_("Plan target"), "target", True, targets),
                ],
                decimals=indicator.decimals,
                title=indicator.name,
            ),
            "spread": charts.bar_chart(
                bars,
                decimals=indicator.decimals,
                reference=rolled.value,
                reference_label=_("Rolled up"),
                title=f"{indicator.name} — {heading}",
            ),
            "heading": heading,
        },
    )


def _rolled_trend(unit, indicator, report_year, catalogue, years=5):
    """([(year, rolled ƯTH)], [(year, rolled KH)]) for the last years, KH X+1 proposed last."""
    actuals, targets = [], []
    for year in range(report_year - years + 1, report_year + 1):
        rolled = rollup(
            unit=unit,
            report_year=year,
            indicators=catalogue,
            kinds=[Kind.ESTIMATE, Kind.PLAN, Kind.PROPOSED],
        )
        estimate = rolled[(indicator.pk, Kind.ESTIMATE)].value
        plan = rolled[(indicator.pk, Kind.PLAN)].value
        if estimate is not None:
            actuals.append((str(year), estimate))
        if plan is not None:
            targets.append((str(year), plan))
        if year == report_year:
            proposed = rolled[(indicator.pk, Kind.PROPOSED)].value
            if proposed is not None:
                targets.append((str(year + 1), proposed))
    return actuals, targets
