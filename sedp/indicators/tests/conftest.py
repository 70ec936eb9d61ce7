"""Indicator fixtures: the shipped catalogue over the small test tree."""

import pytest

from sedp.indicators import figures
from sedp.indicators.catalogue import ensure_catalogue
from sedp.indicators.models import Indicator, IndicatorValue
from sedp.territory.reference import ensure_sectors

YEAR = 2025


@pytest.fixture
def catalogue(tree):
    ensure_sectors()
    ensure_catalogue()
    return {i.code: i for i in Indicator.objects.all()}


@pytest.fixture
def put(catalogue):
    """put(unit, code, value, kind="kh_de_xuat", year=YEAR): a value written directly."""

    def _put(unit, code, value, kind="kh_de_xuat", year=YEAR):
        row = IndicatorValue.objects.update_or_create(
            unit=unit,
            agency=None,
            indicator=catalogue[code],
            report_year=year,
            kind=kind,
            defaults={"value": value},
        )[0]
        figures.refresh(unit, year)
        return row

    return _put
