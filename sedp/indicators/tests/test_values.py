"""Entering values: who may, what is checked, and the cell-by-cell grid."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sedp.core.models import Event
from sedp.indicators import services
from sedp.indicators.models import IndicatorValue, Kind

from .conftest import YEAR


def _set(user, unit, indicator, value, kind=Kind.PROPOSED):
    return services.value_set(
        user=user, unit=unit, indicator=indicator, report_year=YEAR, kind=kind, value=value
    )


def test_commune_planning_group_enters_a_value_and_an_event_is_written(tree, catalogue):
    saved = _set(tree.users.xa1, tree.commune1, catalogue["ho-dan"], "1.234")
    assert saved.value == 1234 and saved.entered_by == tree.users.xa1
    event = Event.objects.get(verb="indicator_value.set")
    assert event.unit == tree.commune1 and event.payload["after"] == "1234"


def test_vietnamese_decimal_comma_is_read(tree, catalogue):
    saved = _set(tree.users.xa1, tree.commune1, catalogue["dien-tich-lua"], "12,5")
    assert saved.value == Decimal("12.5")


def test_an_empty_value_clears_the_cell_with_an_event(tree, catalogue):
    _set(tree.users.xa1, tree.commune1, catalogue["ho-dan"], "10")
    assert _set(tree.users.xa1, tree.commune1, catalogue["ho-dan"], "") is None
    assert not IndicatorValue.objects.exists()
    assert Event.objects.filter(verb="indicator_value.cleared").count() == 1


@pytest.mark.parametrize(
    ("persona", "unit", "allowed"),
    [
        ("xa1", "commune1", True),  # commune planning group at its commune
        ("thon1", "village1", True),  # village working group for its village
        ("thon1", "village2", False),
        ("xa1", "village1", False),  # the commune consolidates; villages enter their own
        ("truong1", "commune1", False),  # a school is not a consolidating agency
        ("viewer1", "commune1", False),  # viewers read
        ("tckh1", "district1", True),
        ("tckh1", "commune1", False),
        ("snn", "province", False),  # a sector department: sector values, not the territory's
        ("skhdt", "province", True),
    ],
)
def test_who_may_enter_values(tree, catalogue, persona, unit, allowed):
    user, unit = getattr(tree.users, persona), getattr(tree, unit)
    assert services.can_enter_values(user, unit) is allowed
    if not allowed:
        with pytest.raises(PermissionDenied):
            _set(user, unit, catalogue["ho-dan"], "5")


@pytest.mark.parametrize(
    ("code", "text", "message"),
    [
        ("ho-dan", "abc", "không phải là số"),
        ("ho-dan", "-3", "không được âm"),
        ("ty-le-ho-ngheo", "101", "không được vượt quá 100"),
    ],
)
def test_bad_values_are_refused_with_a_vietnamese_message(tree, catalogue, code, text, message):
    with pytest.raises(ValidationError) as error:
        _set(tree.users.xa1, tree.commune1, catalogue[code], text)
    assert message in " ".join(error.value.messages)
    assert not IndicatorValue.objects.exists()


def test_a_growth_rate_may_be_negative(tree, catalogue):
    assert _set(tree.users.tckh1, tree.district1, catalogue["tang-truong-grdp"], "-1,5")


def test_a_numerator_cannot_exceed_its_denominator_either_way(tree, catalogue):
    _set(tree.users.thon1, tree.village1, catalogue["ho-dan"], "100")
    with pytest.raises(ValidationError) as error:
        _set(tree.users.thon1, tree.village1, catalogue["ho-ngheo"], "120")
    assert "Số hộ nghèo" in error.value.messages[0] and "Tổng số hộ" in error.value.messages[0]
    _set(tree.users.thon1, tree.village1, catalogue["ho-ngheo"], "40")
    with pytest.raises(ValidationError):
        _set(tree.users.thon1, tree.village1, catalogue["ho-dan"], "30")


def test_an_indicator_not_planned_for_the_unit_type_is_refused(tree, catalogue):
    with pytest.raises(ValidationError):
        _set(tree.users.thon1, tree.village1, catalogue["grdp"], "5")


def test_grid_shows_applicable_indicators_with_year_headings(tree, catalogue, login, put):
    put(tree.commune1, "ho-dan", 500, Kind.ESTIMATE)
    page = login(tree.users.xa1).get(
        reverse("indicators-grid-detail", args=[tree.commune1.pk]), {"year": YEAR}
    )
    html = page.content.decode()
    assert "ƯTH 2025" in html and "KH 2026 đề xuất" in html and "TH 2024" in html
    assert "Tổng số hộ" in html and 'value="500"' in html
    assert "Quy mô GRDP" not in html  # a provincial/district indicator, not a commune's
    assert "indicator-grid.js" in html


def test_grid_is_read_only_for_others_in_scope_and_hidden_outside(tree, catalogue, login, put):
    put(tree.commune1, "ho-dan", 1500, Kind.ESTIMATE)
    url = reverse("indicators-grid-detail", args=[tree.commune1.pk])
    html = login(tree.users.tckh1).get(url, {"year": YEAR}).content.decode()
    assert "1.500" in html and "hx-post" not in html
    assert login(tree.users.xa3).get(url).status_code == 404


def test_cell_save_answers_the_cell_and_the_percent_columns(tree, catalogue, login, put):
    put(tree.commune1, "ho-dan", 200, Kind.PLAN)
    client = login(tree.users.xa1)
    response = client.post(
        reverse("indicators-cell-save", args=[tree.commune1.pk]),
        {"indicator": catalogue["ho-dan"].pk, "kind": Kind.ESTIMATE, "year": YEAR,
         "value": "210"},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and "sedp-saved" in html
    assert f'id="pct-{catalogue["ho-dan"].pk}-done"' in html and "105,0" in html
    assert IndicatorValue.objects.get(kind=Kind.ESTIMATE).value == 210


def test_cell_save_shows_the_error_in_the_cell_and_keeps_the_text(tree, catalogue, login):
    client = login(tree.users.xa1)
    response = client.post(
        reverse("indicators-cell-save", args=[tree.commune1.pk]),
        {"indicator": catalogue["ty-le-ho-ngheo"].pk, "kind": Kind.PLAN, "year": YEAR,
         "value": "150"},
    )  # fmt: skip
    html = response.content.decode()
    assert "table-danger" in html and 'value="150"' in html and "vượt quá 100" in html
    assert not IndicatorValue.objects.exists()


def test_cell_save_by_a_reader_is_forbidden(tree, catalogue, login):
    response = login(tree.users.viewer1).post(
        reverse("indicators-cell-save", args=[tree.commune1.pk]),
        {"indicator": catalogue["ho-dan"].pk, "kind": Kind.PLAN, "year": YEAR, "value": "1"},
    )
    assert response.status_code == 403
