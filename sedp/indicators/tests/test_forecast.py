"""Forecast suggestions for KH X+1 from a unit's history, and accepting one."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sedp.indicators import forecast, services
from sedp.indicators.models import IndicatorValue, Kind

from .conftest import YEAR


@pytest.fixture
def history(put):
    """Households of village 1: 100 (2022), 110 (2023, final), 121 (2024), ƯTH 2025 133.1."""

    def _history(code="ho-dan", figures=(100, 110, 121, Decimal("133.1"))):
        put(tree_unit := _history.unit, code, figures[0], Kind.ACTUAL_PREVIOUS, YEAR - 2)
        put(tree_unit, code, 999, Kind.ESTIMATE, YEAR - 2)  # replaced by the final actual
        put(tree_unit, code, figures[1], Kind.ACTUAL_PREVIOUS, YEAR - 1)
        put(tree_unit, code, figures[2], Kind.ACTUAL_PREVIOUS, YEAR)
        put(tree_unit, code, figures[3], Kind.ESTIMATE, YEAR)

    return _history


def test_history_prefers_final_actuals_to_estimates(tree, catalogue, history):
    history.unit = tree.village1
    history()
    series = forecast.histories(
        unit=tree.village1, report_year=YEAR, indicators=[catalogue["ho-dan"]]
    )[catalogue["ho-dan"].pk]
    assert [year for year, _v in series] == [2022, 2023, 2024, 2025]
    assert series[0][1] == 100 and series[-1][1] == Decimal("133.1")


def test_growth_and_trend_suggestions_with_their_basis(tree, catalogue, history):
    history.unit = tree.village1
    history()
    indicator = catalogue["ho-dan"]
    series = forecast.histories(unit=tree.village1, report_year=YEAR, indicators=[indicator])
    growth, trend = forecast.suggestions(indicator, series[indicator.pk], YEAR)
    assert growth.value == 146  # 133,1 × 1,1 = 146,41 → households are whole
    assert "10,00%" in growth.basis and "2022–2025" in growth.basis
    assert trend.method == "trend" and 140 <= trend.value <= 147
    assert "2026" in trend.basis


def test_a_percentage_gets_only_a_trend_kept_within_100(tree, catalogue):
    indicator = catalogue["ty-le-bhyt"]
    series = [(2022, Decimal(94)), (2023, Decimal(97)), (2024, Decimal(99)), (2025, Decimal(100))]
    (only,) = forecast.suggestions(indicator, series, 2025)
    assert only.method == "trend" and only.value == 100


def test_no_suggestion_without_two_years_ending_in_x(tree, catalogue):
    indicator = catalogue["ho-dan"]
    assert forecast.suggestions(indicator, [(2025, Decimal(5))], 2025) == []
    assert forecast.suggestions(indicator, [(2023, Decimal(5)), (2024, Decimal(6))], 2025) == []


def test_accepting_writes_the_proposed_value_with_its_basis(tree, catalogue, history, login):
    history.unit = tree.village1
    history()
    client = login(tree.users.thon1)
    response = client.post(
        reverse("indicators-forecast-accept", args=[tree.village1.pk]),
        {"indicator": catalogue["ho-dan"].pk, "method": "growth", "year": YEAR},
    )
    assert response.status_code == 200 and "table-success" in response.content.decode()
    value = IndicatorValue.objects.get(kind=Kind.PROPOSED)
    assert value.value == 146 and "Tốc độ tăng bình quân" in value.basis


def test_only_the_units_planners_accept(tree, catalogue, history):
    history.unit = tree.village1
    history()
    with pytest.raises(PermissionDenied):
        services.forecast_accept(
            user=tree.users.xa1, unit=tree.village1, indicator=catalogue["ho-dan"],
            report_year=YEAR, method="trend",
        )  # fmt: skip


def test_forecast_page_lists_suggestions(tree, catalogue, history, login):
    history.unit = tree.village1
    history()
    html = (
        login(tree.users.xa1)
        .get(reverse("indicators-forecast-detail", args=[tree.village1.pk]), {"year": YEAR})
        .content.decode()
    )
    assert "Tổng số hộ" in html and "146" in html and "hx-post" not in html  # read-only
