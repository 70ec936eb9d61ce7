"""Indicator pages: roll-up shown next to the unit's own figure; constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sedp.indicators.models import Kind
from sedp.indicators.rollup import rollup
from sedp.indicators.selectors import catalogue as load_catalogue
from sedp.territory import services as territory
from sedp.territory.models import UnitType

from .conftest import YEAR


def _grow(tree, put, start, n):
    """Add communes under district 1, each with villages and values at both levels."""
    for i in range(start, start + n):
        commune = territory.unit_create(
            user=tree.admin, structure=tree.structure, level=tree.levels["xa"],
            parent=tree.district1, code=f"029{i:02d}", name=f"Xã Mới {i}",
            unit_type=UnitType.COMMUNE,
        )  # fmt: skip
        put(commune, "von-dau-tu", 10 + i)
        put(commune, "tieu-chi-ntm", 19)
        put(commune, "nang-suat-lua", 50)
        put(commune, "dien-tich-lua", 20)
        for j in range(2):
            village = territory.unit_create(
                user=tree.admin, structure=tree.structure, level=tree.levels["thon"],
                parent=commune, code=f"029{i:02d}{j}", name=f"Thôn Mới {i}.{j}",
                unit_type=UnitType.VILLAGE,
            )  # fmt: skip
            put(village, "ho-dan", 100)
            put(village, "ho-ngheo", 10 + j)


def _queries(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "page", ["indicators-rollup-detail", "indicators-grid-detail", "indicators-forecast-detail"]
)
@pytest.mark.parametrize("unit", ["district1", "province"])
def test_indicator_pages_use_a_constant_number_of_queries(tree, catalogue, put, login, page, unit):
    client = login(tree.users.skhdt)
    url = reverse(page, args=[getattr(tree, unit).pk])
    _grow(tree, put, 0, 1)
    before = _queries(client, url, year=YEAR)
    _grow(tree, put, 1, 8)
    assert _queries(client, url, year=YEAR) == before


def test_district_rollup_runs_a_constant_number_of_queries(tree, catalogue, put):
    indicators = list(load_catalogue())
    _grow(tree, put, 0, 1)
    with CaptureQueriesContext(connection) as first:
        rollup(unit=tree.district1, report_year=YEAR, indicators=indicators)
    _grow(tree, put, 1, 8)
    with CaptureQueriesContext(connection) as second:
        result = rollup(unit=tree.district1, report_year=YEAR, indicators=indicators)
    assert len(first) == len(second) <= 4
    assert result[(catalogue["so-xa-ntm"].pk, Kind.PROPOSED)].value == 9


def test_rollup_page_shows_own_figure_rolled_figure_gap_and_missing(tree, catalogue, put, login):
    put(tree.village1, "ho-dan", 100)
    put(tree.commune1, "ho-dan", 120)
    put(tree.village1, "ho-ngheo", 10)
    client = login(tree.users.xa1)
    html = client.get(
        reverse("indicators-rollup-detail", args=[tree.commune1.pk]),
        {"year": YEAR, "kind": Kind.PROPOSED},
    ).content.decode()
    assert "từ 1 trên 2 đơn vị cấp dưới" in html
    assert "Thôn A2" in html  # named as missing
    assert ">120<" in html and ">100<" in html and ">20<" in html  # own, rolled, gap
    assert "10,00" in html  # the poverty rate of the one reporting village


def test_rollup_page_is_hidden_outside_the_scope(tree, catalogue, login):
    url = reverse("indicators-rollup-detail", args=[tree.commune1.pk])
    assert login(tree.users.xa3).get(url).status_code == 404
    assert login(tree.users.outsider).get(url).status_code == 404


def test_unit_page_links_to_its_indicators(tree, catalogue, login):
    html = (
        login(tree.users.xa1)
        .get(reverse("territory-unit-detail", args=[tree.commune1.pk]))
        .content.decode()
    )
    assert reverse("indicators-grid-detail", args=[tree.commune1.pk]) in html


def test_rollup_page_narrows_to_one_sector_line(tree, catalogue, put, login):
    put(tree.village1, "ho-ngheo", 10)
    put(tree.village1, "dien-tich-lua", 12)
    client = login(tree.users.xa1)
    url = reverse("indicators-rollup-detail", args=[tree.commune1.pk])
    html = client.get(url, {"year": YEAR, "sector": "lao-dong-xa-hoi"}).content.decode()
    assert "Số hộ nghèo" in html and "Diện tích lúa cả năm" not in html  # giảm nghèo is below
    html = client.get(url, {"year": YEAR}).content.decode()
    assert "Số hộ nghèo" in html and "Diện tích lúa cả năm" in html
