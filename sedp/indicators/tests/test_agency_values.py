"""A sector agency's own figures: entered in its own grid, kept apart from the territory's."""

import pytest
from django.urls import reverse

from sedp.core.models import Event
from sedp.indicators.models import IndicatorFigure, IndicatorValue, Kind
from sedp.indicators.tests.conftest import YEAR


def _post(client, agency, indicator, value, kind=Kind.PROPOSED):
    return client.post(
        reverse("indicators-agency-cell-save", args=[agency.pk]),
        {"indicator": indicator.pk, "kind": kind, "year": YEAR, "value": value},
        headers={"HX-Request": "true"},
    )


def test_a_sector_department_enters_its_sector_figures_apart_from_the_territory(
    tree, catalogue, login
):
    forest = catalogue["dien-tich-co-rung"]
    response = _post(login(tree.users.snn), tree.snn, forest, "350.000")
    assert response.status_code == 200 and "sedp-saved" in response.content.decode()
    value = IndicatorValue.objects.get()
    assert value.agency == tree.snn and value.unit == tree.province and value.value == 350000
    # Not a territorial figure: nothing rolled up, the province's own figures untouched.
    assert not IndicatorFigure.objects.exists()
    assert Event.objects.filter(verb="indicator_value.set").count() == 1


def test_the_agency_grid_lists_its_sector_line_and_compares_with_the_territory(
    tree, catalogue, login, put
):
    forest = catalogue["dien-tich-co-rung"]
    put(tree.district1, "dien-tich-co-rung", 200000)
    put(tree.district2, "dien-tich-co-rung", 140000)
    _post(login(tree.users.snn), tree.snn, forest, "350000")
    html = (
        login(tree.users.snn)
        .get(reverse("indicators-agency-grid-detail", args=[tree.snn.pk]), {"year": YEAR})
        .content.decode()
    )
    assert "Diện tích đất có rừng" in html and "hx-post" in html
    assert "Tỷ lệ hộ nghèo" not in html  # another sector's indicator
    assert "340.000" in html and "10.000" in html  # territory rolled up, and the gap


def test_an_indicator_of_another_sector_is_refused_and_nothing_saved(tree, catalogue, login):
    response = _post(login(tree.users.snn), tree.snn, catalogue["ty-le-ho-ngheo"], "5")
    html = response.content.decode()
    assert "table-danger" in html and "không phải là chỉ tiêu của ngành" in html
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize("persona", ["pnn1", "xa1", "viewer1"])
def test_others_cannot_enter_the_departments_figures(tree, catalogue, login, persona):
    response = _post(
        login(getattr(tree.users, persona)), tree.snn, catalogue["dien-tich-co-rung"], "1"
    )
    assert response.status_code in (403, 404)
    assert not IndicatorValue.objects.exists()


def test_the_agency_grid_is_hidden_outside_the_scope(tree, catalogue, login):
    url = reverse("indicators-agency-grid-detail", args=[tree.pnn2.pk])
    assert login(tree.users.pnn1).get(url).status_code == 404
    assert (
        login(tree.users.pnn1)
        .get(reverse("indicators-agency-grid-detail", args=[tree.pnn1.pk]))
        .status_code
        == 200
    )


def test_the_agency_grid_runs_a_constant_number_of_queries(
    tree, catalogue, login, put, django_assert_max_num_queries
):
    client = login(tree.users.snn)
    url = reverse("indicators-agency-grid-detail", args=[tree.snn.pk])
    client.get(url, {"year": YEAR})
    for code in ("dien-tich-co-rung", "trong-rung-moi"):
        put(tree.commune1, code, 10)
        put(tree.commune3, code, 20)
    with django_assert_max_num_queries(15):
        assert client.get(url, {"year": YEAR}).status_code == 200
