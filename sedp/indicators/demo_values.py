"""Demo indicator values for the communes with villages in the three-tier demo (Mường Hum,
Y Tý, Tả Phìn): the village basic data (biểu số liệu cơ bản thôn) and the communes' own plan
figures, for the last four report years, so the grid, roll-ups, forecasts and charts show data.

The figures are invented but plausible for highland communes of Lào Cai (mostly ethnic
minority, poverty falling by a few points a year). Deterministic: the same on every run.
"""

import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from sedp.indicators import figures
from sedp.indicators.catalogue import ensure_catalogue
from sedp.indicators.models import Indicator, IndicatorValue, Kind, Nature
from sedp.territory.models import AdminUnit

_AMBITION = {"up": 1.04, "down": 0.95}
COMMUNES = ["02728", "02701", "03013"]  # Mường Hum, Y Tý, Tả Phìn (laocai-2015)
YEARS_BACK = 4


def _village_series(rng):
    """{code: [value for year 0..n]}: a village's yearly actual figures, oldest first."""
    households = rng.randint(110, 260)
    years = range(YEARS_BACK + 2)
    poor_rate = rng.uniform(0.28, 0.45)
    series = {}
    series["ho-dan"] = [households + 3 * y for y in years]
    series["dan-so"] = [round(h * rng.uniform(4.6, 5.2)) for h in series["ho-dan"]]
    series["nhan-khau-nu"] = [round(p * 0.49) for p in series["dan-so"]]
    series["nhan-khau-nam"] = [
        p - f for p, f in zip(series["dan-so"], series["nhan-khau-nu"], strict=True)
    ]
    series["nhan-khau-dtts"] = [round(p * rng.uniform(0.93, 0.99)) for p in series["dan-so"]]
    series["ho-ngheo"] = [
        round(h * max(poor_rate - 0.055 * y, 0.05))
        for y, h in zip(years, series["ho-dan"], strict=True)
    ]
    series["ho-can-ngheo"] = [round(h * 0.12) for h in series["ho-dan"]]
    series["ho-nuoc-hvs"] = [
        round(h * min(0.78 + 0.04 * y, 1)) for y, h in enumerate(series["ho-dan"])
    ]
    series["ho-nha-tieu-hvs"] = [
        round(h * min(0.55 + 0.06 * y, 1)) for y, h in enumerate(series["ho-dan"])
    ]
    series["nguoi-co-bhyt"] = [round(p * 0.97) for p in series["dan-so"]]
    area = rng.uniform(18, 45)
    series["dien-tich-lua"] = [round(area + 0.5 * y, 1) for y in years]
    series["nang-suat-lua"] = [round(rng.uniform(42, 50) + 0.6 * y, 1) for y in years]
    series["san-luong-luong-thuc"] = [
        round(a * n / 10 * 1.35)
        for a, n in zip(series["dien-tich-lua"], series["nang-suat-lua"], strict=True)
    ]
    series["dan-gia-suc"] = [round(households * rng.uniform(1.2, 1.8) + 8 * y) for y in years]
    road = rng.uniform(4, 9)
    series["duong-truc-thon"] = [round(road, 2)] * len(years)
    series["duong-truc-thon-cung-hoa"] = [round(road * min(0.4 + 0.1 * y, 1), 2) for y in years]
    met = rng.random() < 0.5
    series["thon-dat-ntm"] = [1 if met and y >= 2 else 0 for y in years]
    return series


def _commune_series(rng, index):
    years = range(YEARS_BACK + 2)
    return {
        "tang-truong-gtsx": [round(rng.uniform(6.5, 9.5), 2) for _ in years],
        "von-dau-tu": [round(38 + 6 * y + rng.uniform(-3, 3), 1) for y in years],
        "thu-ngan-sach": [round(1.2 + 0.15 * y + rng.uniform(0, 0.1), 3) for y in years],
        "chi-ngan-sach": [round(14 + 0.9 * y, 3) for y in years],
        "thu-nhap-binh-quan": [round(24 + 3.1 * y + rng.uniform(-0.5, 0.5), 1) for y in years],
        "tieu-chi-ntm": [min(12 + index * 2 + 2 * y, 19) for y in years],
        "dat-tieu-chi-y-te": [1 if y >= 3 else 0 for y in years],
        "tong-so-truong": [4] * len(years),
        "truong-dat-chuan": [min(1 + y // 2, 4) for y in years],
        "giam-ty-le-ho-ngheo": [round(rng.uniform(4.5, 6.5), 2) for _ in years],
        "viec-lam-moi": [round(120 + 15 * y) for y in years],
        "ho-so-tthc": [round(1800 + 150 * y) for y in years],
        "ho-so-truc-tuyen": [round((1800 + 150 * y) * min(0.35 + 0.12 * y, 0.95)) for y in years],
        "khach-du-lich": [round(6000 * 1.25**y) for y in years],
        "thon-an-toan-anninh": [4 + min(y, 2) for y in years],
        "tre-duoi-5": [round(520 - 8 * y) for y in years],
        "suy-dinh-duong": [round(28 - 1.6 * y, 2) for y in years],
    }


def _rows(unit, series, indicators, first_year, entered_by=None):
    """Values for report years first_year…: TH X-1, KH X, TH 6 tháng, ƯTH X, KH X+1 đề xuất."""
    rows = []
    last_report = first_year + YEARS_BACK - 1
    for code, actuals in series.items():
        indicator = indicators[code]
        places = Decimal(10) ** -indicator.decimals
        for offset in range(YEARS_BACK):
            report_year = first_year + offset
            actual_prev, actual = actuals[offset], actuals[offset + 1]
            figures = {
                Kind.ACTUAL_PREVIOUS: actual_prev,
                # Targets were a little more ambitious than what was then achieved.
                Kind.PLAN: actual * _AMBITION.get(indicator.direction, 1)
                if indicator.nature == Nature.FLOW or indicator.direction == "down"
                else actual,
                Kind.ACTUAL_HALF: actual * 0.48 if indicator.nature == Nature.FLOW else actual,
                Kind.ESTIMATE: actual,
                Kind.PROPOSED: actuals[offset + 2] if offset + 2 < len(actuals) else actual,
            }
            if report_year < last_report:  # earlier years' plans were assigned and carried out
                figures[Kind.ASSIGNED] = figures[Kind.PROPOSED]
            for kind, value in figures.items():
                rows.append(
                    IndicatorValue(
                        unit=unit,
                        indicator=indicator,
                        report_year=report_year,
                        kind=kind,
                        value=Decimal(str(value)).quantize(places),
                        source="Số liệu minh họa",
                        entered_by=entered_by,
                    )
                )
    return rows


@transaction.atomic
def load_indicator_demo() -> int:
    """Create the catalogue and the demo values once; returns how many values were created."""
    ensure_catalogue()
    communes = list(
        AdminUnit.objects.filter(structure__code="laocai-2015", code__in=COMMUNES).order_by("code")
    )
    if not communes or IndicatorValue.objects.filter(unit__in=communes).exists():
        return 0
    indicators = {i.code: i for i in Indicator.objects.all()}
    first_year = timezone.localdate().year - YEARS_BACK + 1
    villages = AdminUnit.objects.filter(parent__in=communes).order_by("code")
    rows = []
    for index, commune in enumerate(communes):
        rng = random.Random(commune.code)
        rows += _rows(commune, _commune_series(rng, index), indicators, first_year)
    for village in villages:
        rows += _rows(village, _village_series(random.Random(village.code)), indicators, first_year)
    rows += _sector_rows(indicators, first_year + YEARS_BACK - 1)
    IndicatorValue.objects.bulk_create(rows, batch_size=2000)
    figures.rebuild()  # bulk_create bypasses the services that keep the roll-ups
    return len(rows)


# The provincial agriculture department's own figures for its sector (ha, tấn): what a Sở
# reports for the whole province, compared on its page with what the territories add up to.
SECTOR_FIGURES = {
    "dien-tich-co-rung": {Kind.ESTIMATE: 382_500, Kind.PROPOSED: 386_000},
    "trong-rung-moi": {Kind.ESTIMATE: 5_200, Kind.PROPOSED: 5_500},
    "san-luong-luong-thuc": {Kind.ESTIMATE: 318_000, Kind.PROPOSED: 322_000},
}


def _sector_rows(indicators, report_year):
    from sedp.territory.models import Agency, AgencyKind

    department = Agency.objects.filter(
        unit__structure__code="laocai-2015",
        unit__depth=0,
        kind=AgencyKind.SECTOR_DEPARTMENT,
        sector__code="nong-nghiep",
    ).first()
    if department is None:
        return []
    return [
        IndicatorValue(
            unit_id=department.unit_id,
            agency=department,
            indicator=indicators[code],
            report_year=report_year,
            kind=kind,
            value=Decimal(value),
            source="Số liệu minh họa của Sở",
        )
        for code, by_kind in SECTOR_FIGURES.items()
        for kind, value in by_kind.items()
    ]
