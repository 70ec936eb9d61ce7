"""The shipped Lào Cai structures match the statistics office's official lists."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from sedp.territory.models import AdminUnit, TerritoryStructure


@pytest.fixture
def loaded(db):
    call_command("load_territory", verbosity=0)
    return {s.code: s for s in TerritoryStructure.objects.all()}


def _types(structure, level_code):
    rows = (
        AdminUnit.objects.filter(structure=structure, level__code=level_code)
        .values("unit_type")
        .annotate(n=Count("id"))
    )
    return {row["unit_type"]: row["n"] for row in rows}


def test_three_tier_lao_cai_as_in_force_until_30_6_2025(loaded):
    structure = loaded["laocai-2015"]
    province = AdminUnit.objects.get(structure=structure, level__code="tinh")
    assert (province.code, province.name) == ("10", "Tỉnh Lào Cai")
    assert AdminUnit.objects.filter(structure=structure, level__code="huyen").count() == 9
    assert _types(structure, "xa") == {"xa": 126, "phuong": 16, "thi_tran": 9}
    bat_xat = AdminUnit.objects.get(structure=structure, code="082")
    assert bat_xat.name == "Huyện Bát Xát" and bat_xat.unit_type == "huyen"
    assert AdminUnit.objects.get(structure=structure, code="088").unit_type == "thi_xa"
    assert AdminUnit.objects.get(structure=structure, code="080").unit_type == "tp_thuoc_tinh"
    assert structure.valid_to.isoformat() == "2025-06-30"


def test_two_tier_lao_cai_since_1_7_2025_has_no_districts(loaded):
    structure = loaded["laocai-2025"]
    province = AdminUnit.objects.get(structure=structure, level__code="tinh")
    assert province.code == "15"
    assert not structure.levels.filter(code="huyen").exists()
    assert _types(structure, "xa") == {"xa": 89, "phuong": 10}
    assert AdminUnit.objects.filter(structure=structure, parent=province).count() == 99


def test_reused_codes_are_different_units_in_each_structure(loaded):
    old = AdminUnit.objects.get(structure=loaded["laocai-2015"], code="02647")
    new = AdminUnit.objects.get(structure=loaded["laocai-2025"], code="02647")
    assert old.pk != new.pk
    assert (old.name, new.name) == ("Phường Kim Tân", "Phường Lào Cai")


def test_paths_make_subtree_queries(loaded):
    bat_xat = AdminUnit.objects.get(structure=loaded["laocai-2015"], code="082")
    communes = AdminUnit.objects.subtree_of(bat_xat, include_self=False)
    assert communes.count() == 21
    assert all(unit.parent_id == bat_xat.pk and unit.depth == 2 for unit in communes)


def test_loading_twice_changes_nothing(loaded):
    before = AdminUnit.objects.count()
    call_command("load_territory", verbosity=0)
    assert AdminUnit.objects.count() == before
