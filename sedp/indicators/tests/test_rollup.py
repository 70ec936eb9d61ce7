"""Roll-ups by rule over the test tree, with the classic traps."""

from decimal import Decimal

import pytest

from sedp.indicators.models import Kind
from sedp.indicators.rollup import rollup
from sedp.indicators.selectors import catalogue as load_catalogue
from sedp.territory import services as territory
from sedp.territory.models import UnitType

from .conftest import YEAR

P = Kind.PROPOSED


def _rolled(unit, catalogue, code, kind=P):
    result = rollup(unit=unit, report_year=YEAR, indicators=list(load_catalogue()))
    return result[(catalogue[code].pk, kind)]


def test_poverty_rate_is_a_ratio_of_sums_not_an_average_of_rates(tree, catalogue, put):
    put(tree.village1, "ho-dan", 100)
    put(tree.village1, "ho-ngheo", 10)
    put(tree.village1, "ty-le-ho-ngheo", 10)
    put(tree.village2, "ho-dan", 10)
    put(tree.village2, "ho-ngheo", 5)
    put(tree.village2, "ty-le-ho-ngheo", 50)
    rolled = _rolled(tree.commune1, catalogue, "ty-le-ho-ngheo")
    assert round(rolled.value, 2) == Decimal("13.64")  # 15 / 110, not (10 + 50) / 2 = 30
    assert rolled.reported == 2 and rolled.missing == []


def test_a_ratio_uses_only_children_reporting_both_parts(tree, catalogue, put):
    put(tree.village1, "ho-dan", 100)
    put(tree.village1, "ho-ngheo", 10)
    put(tree.village2, "ho-dan", 50)  # no poor-household figure: left out of the rate
    rolled = _rolled(tree.commune1, catalogue, "ty-le-ho-ngheo")
    assert rolled.value == 10 and rolled.missing == ["Thôn A2"]


def test_sum_takes_a_childs_own_figure_else_rolls_up_its_villages(tree, catalogue, put):
    put(tree.village1, "ho-dan", 100)
    put(tree.village2, "ho-dan", 10)
    put(tree.commune2, "ho-dan", 50)
    rolled = _rolled(tree.district1, catalogue, "ho-dan")
    assert rolled.value == 160 and rolled.reported == 2
    put(tree.commune1, "ho-dan", 120)  # the commune's own consolidated figure wins
    assert _rolled(tree.district1, catalogue, "ho-dan").value == 170


def test_the_province_rolls_up_through_districts_that_entered_nothing(tree, catalogue, put):
    put(tree.village1, "ho-dan", 100)
    put(tree.commune2, "ho-dan", 50)
    put(tree.village3, "ho-dan", 7)
    rolled = _rolled(tree.province, catalogue, "ho-dan")
    assert rolled.value == 157 and rolled.reported == 2  # the two districts


def test_missing_children_are_named(tree, catalogue, put):
    put(tree.commune1, "von-dau-tu", 12)
    rolled = _rolled(tree.district1, catalogue, "von-dau-tu")
    assert rolled.value == 12 and rolled.reported == 1 and rolled.missing == ["Xã Một B"]


def test_a_growth_rate_is_never_summed(tree, catalogue, put):
    put(tree.commune1, "tang-truong-gtsx", 8)
    put(tree.commune2, "tang-truong-gtsx", 9)
    put(tree.district1, "tang-truong-grdp", 7)
    assert _rolled(tree.district1, catalogue, "tang-truong-gtsx").value is None
    assert _rolled(tree.province, catalogue, "tang-truong-grdp").value is None


def test_values_of_unit_types_where_the_indicator_does_not_apply_are_left_out(tree, catalogue, put):
    put(tree.village1, "khach-du-lich", 999)  # tourism is planned by communes, not villages
    put(tree.commune2, "khach-du-lich", 100)
    rolled = _rolled(tree.district1, catalogue, "khach-du-lich")
    assert rolled.value == 100 and rolled.missing == ["Xã Một A"]


def test_a_ward_is_neither_counted_nor_expected_for_new_rural_criteria(tree, catalogue, put):
    ward = territory.unit_create(
        user=tree.admin, structure=tree.structure, level=tree.levels["xa"],
        parent=tree.district1, code="02799", name="Phường Một", unit_type=UnitType.WARD,
    )  # fmt: skip
    put(ward, "tieu-chi-ntm", 19)
    put(tree.commune1, "tieu-chi-ntm", 19)
    put(tree.commune2, "tieu-chi-ntm", 15)
    rolled = _rolled(tree.district1, catalogue, "so-xa-ntm")
    assert rolled.value == 1 and rolled.reported == 2
    assert "Phường Một" not in rolled.missing and len(rolled.expected) == 2


def test_count_counts_communes_meeting_the_condition_across_the_province(tree, catalogue, put):
    put(tree.commune1, "tieu-chi-ntm", 19)
    put(tree.commune2, "tieu-chi-ntm", 15)
    put(tree.commune3, "tieu-chi-ntm", 19)
    assert _rolled(tree.province, catalogue, "so-xa-ntm").value == 2
    put(tree.village1, "thon-dat-ntm", 1)
    put(tree.village2, "thon-dat-ntm", 0)
    rolled = _rolled(tree.commune1, catalogue, "so-thon-ntm")
    assert rolled.value == 1 and rolled.reported == 2


def test_weighted_average_weights_rice_yield_by_area(tree, catalogue, put):
    put(tree.commune1, "nang-suat-lua", 50)
    put(tree.commune1, "dien-tich-lua", 100)
    put(tree.commune2, "nang-suat-lua", 60)
    put(tree.commune2, "dien-tich-lua", 300)
    put(tree.commune3, "nang-suat-lua", 90)  # no area: cannot be weighted, left out
    assert _rolled(tree.province, catalogue, "nang-suat-lua").value == Decimal("57.5")
    assert _rolled(tree.district1, catalogue, "nang-suat-lua").reported == 2


def test_derived_indicator_is_computed_from_rolled_up_inputs(tree, catalogue, put):
    put(tree.district1, "grdp", 100)
    put(tree.district1, "dan-so", 100_000)
    put(tree.district2, "grdp", 300)
    put(tree.district2, "dan-so", 200_000)
    rolled = _rolled(tree.province, catalogue, "grdp-binh-quan")
    assert round(rolled.value, 3) == Decimal("1.333")  # 400 tỷ × 1000 / 300 000 người
    assert rolled.reported == 2


def test_kinds_and_years_do_not_mix(tree, catalogue, put):
    put(tree.commune1, "von-dau-tu", 10, Kind.PLAN)
    put(tree.commune1, "von-dau-tu", 20, Kind.PROPOSED)
    put(tree.commune1, "von-dau-tu", 99, Kind.PROPOSED, year=YEAR - 1)
    assert _rolled(tree.district1, catalogue, "von-dau-tu", Kind.PLAN).value == 10
    assert _rolled(tree.district1, catalogue, "von-dau-tu", Kind.PROPOSED).value == 20


@pytest.mark.parametrize("unit", ["village1", "commune2"])
def test_a_unit_without_children_rolls_up_nothing(tree, catalogue, put, unit):
    rolled = _rolled(getattr(tree, unit), catalogue, "ho-dan")
    assert rolled.value is None and rolled.expected == []


def test_a_rule_whose_input_was_deactivated_rolls_up_nothing_instead_of_failing(
    tree, catalogue, put
):
    put(tree.commune1, "tieu-chi-ntm", 19)
    put(tree.village1, "ho-dan", 100)
    put(tree.village1, "ho-ngheo", 10)
    for code in ("tieu-chi-ntm", "ho-ngheo"):
        catalogue[code].is_active = False
        catalogue[code].save()
    active = list(load_catalogue(active_only=True))  # as the pages read it
    district = rollup(unit=tree.district1, report_year=YEAR, indicators=active)
    commune = rollup(unit=tree.commune1, report_year=YEAR, indicators=active)
    assert district[(catalogue["so-xa-ntm"].pk, P)].value is None
    assert commune[(catalogue["ty-le-ho-ngheo"].pk, P)].value is None
