"""The shipped catalogue, safe formulas, and administrators keeping the catalogue."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sedp.core.models import Event
from sedp.indicators import formula, services
from sedp.indicators.catalogue import CATALOGUE, ensure_catalogue
from sedp.indicators.models import Indicator, Rule


def test_catalogue_loads_once_and_a_second_run_changes_nothing(catalogue):
    assert len(catalogue) == len(CATALOGUE) >= 40
    assert len({spec["code"] for spec in CATALOGUE}) == len(CATALOGUE)
    assert ensure_catalogue() == 0
    assert Indicator.objects.count() == len(CATALOGUE)


def test_catalogue_rules_are_complete_and_correct(catalogue):
    poverty = catalogue["ty-le-ho-ngheo"]
    assert poverty.rule == Rule.RATIO and poverty.factor == 100
    assert (poverty.numerator.code, poverty.denominator.code) == ("ho-ngheo", "ho-dan")
    assert catalogue["tang-truong-grdp"].rule == Rule.NONE  # a growth rate is never summed
    assert catalogue["nang-suat-lua"].weight.code == "dien-tich-lua"
    assert catalogue["so-xa-ntm"].condition_indicator.code == "tieu-chi-ntm"
    assert "phuong" not in catalogue["tieu-chi-ntm"].unit_types  # NTM is for communes
    for indicator in catalogue.values():
        services.check_rule(indicator)  # every shipped rule has what it needs


def test_village_basic_data_items_are_in_the_catalogue(catalogue):
    for code in ["ho-dan", "nhan-khau-nam", "nhan-khau-nu", "nhan-khau-dtts", "ho-ngheo",
                 "ho-can-ngheo"]:  # fmt: skip
        assert "thon" in catalogue[code].unit_types


def test_formula_evaluates_arithmetic_over_codes():
    value = formula.evaluate("grdp * 1000 / dan_so", {"grdp": Decimal(50), "dan-so": 1000})
    assert value == Decimal(50)
    assert formula.evaluate("grdp / dan_so", {"grdp": Decimal(1), "dan-so": Decimal(0)}) is None
    assert formula.evaluate("grdp + 1", {}) is None
    assert formula.codes_in("(a_b - c) * -2") == {"a-b", "c"}


@pytest.mark.parametrize(
    "text",
    ["__import__('os').system('x')", "a.b", "a[0]", "a ** 2", "a if b else c", "'x'", "a < b",
     "lambda: 1", "a +"],
)  # fmt: skip
def test_formula_refuses_anything_but_arithmetic(text):
    with pytest.raises(ValidationError):
        formula.parse(text)


def test_a_derived_indicator_must_name_existing_codes(tree, catalogue):
    with pytest.raises(ValidationError) as error:
        services.indicator_create(
            user=tree.admin, code="x", name="X", unit_of_measure="%", group="kinh_te",
            unit_types=["xa"], nature="flow", rule=Rule.DERIVED, formula="grdp / khong_co",
        )  # fmt: skip
    assert "khong-co" in str(error.value)


def test_a_ratio_needs_numerator_and_denominator(tree, catalogue):
    with pytest.raises(ValidationError) as error:
        services.indicator_create(
            user=tree.admin, code="x", name="X", unit_of_measure="%", group="kinh_te",
            unit_types=["xa"], nature="stock", rule=Rule.RATIO,
        )  # fmt: skip
    assert set(error.value.message_dict) == {"numerator", "denominator"}


def test_only_administrators_change_the_catalogue(tree, catalogue):
    with pytest.raises(PermissionDenied):
        services.indicator_update(user=tree.users.skhdt, indicator=catalogue["grdp"], name="Y")
    services.indicator_update(
        user=tree.admin, indicator=catalogue["grdp"], name="Quy mô GRDP", reason="sửa tên"
    )
    event = Event.objects.get(verb="indicator.updated")
    assert event.payload["name"][1] == "Quy mô GRDP" and event.reason == "sửa tên"


def test_admin_creates_an_indicator_through_the_page(tree, catalogue, login):
    client = login(tree.admin)
    response = client.post(
        reverse("indicators-indicator-create"),
        {
            "code": "so-hop-tac-xa", "name": "Số hợp tác xã", "unit_of_measure": "HTX",
            "group": "kinh_te", "unit_types": ["xa", "huyen"], "direction": "up",
            "nature": "stock", "decimals": 0, "rule": "sum", "factor": "1", "order": 5,
            "is_active": "on",
        },
    )  # fmt: skip
    assert response.status_code == 302
    created = Indicator.objects.get(code="so-hop-tac-xa")
    assert created.unit_types == ["xa", "huyen"]
    assert Event.objects.filter(verb="indicator.created", target_id=str(created.pk)).exists()


def test_catalogue_page_lists_rules_and_hides_edit_links_from_others(tree, catalogue, login):
    page = login(tree.users.xa1).get(reverse("indicators-indicator-list")).content.decode()
    assert "Tỷ lệ hộ nghèo" in page and "Số hộ nghèo / Tổng số hộ" in page
    assert reverse("indicators-indicator-create") not in page
    edit = reverse("indicators-indicator-update", args=[catalogue["grdp"].pk])
    assert login(tree.users.xa1).get(edit).status_code == 403
    assert login(tree.admin).get(edit).status_code == 200
