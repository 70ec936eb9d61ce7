"""Administrators define structures and their levels as data."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sedp.core.events import history_of
from sedp.territory import services
from sedp.territory.models import AdminLevel, TerritoryStructure


def test_administrator_builds_a_two_tier_structure_by_pages(tree, client):
    client.force_login(tree.admin)
    response = client.post(
        reverse("territory-structure-create"),
        {"code": "thu-2025", "name": "Tỉnh Thử — 2 cấp", "valid_from": "2025-07-01"},
    )
    structure = TerritoryStructure.objects.get(code="thu-2025")
    assert response.status_code == 302
    url = reverse("territory-level-create", args=[structure.pk])
    client.post(url, {"code": "tinh", "name": "Cấp tỉnh", "rank": 0, "unit_types": ["tinh"]})
    client.post(
        url, {"code": "xa", "name": "Cấp xã", "rank": 1, "unit_types": ["xa", "phuong", "dac_khu"]}
    )
    assert list(structure.levels.values_list("code", flat=True)) == ["tinh", "xa"]
    page = client.get(reverse("territory-structure-detail", args=[structure.pk]))
    assert "Đặc khu" in page.content.decode()
    assert history_of(structure).get().verb == "structure.created"


def test_level_rules_are_explained(tree, client):
    client.force_login(tree.admin)
    url = reverse("territory-level-create", args=[tree.structure.pk])
    page = client.post(
        url, {"code": "khu", "name": "Khu", "rank": 4, "unit_types": ["thon"]}
    ).content.decode()
    assert "đã thuộc cấp khác" in page
    page = client.post(
        url, {"code": "khu", "name": "Khu", "rank": 1, "unit_types": ["dac_khu"]}
    ).content.decode()
    assert "thứ bậc" in page
    page = client.post(url, {"code": "", "name": "", "rank": "x"}).content.decode()
    assert "Trường này là bắt buộc." in page
    assert tree.structure.levels.count() == 4


def test_a_unit_type_in_use_cannot_be_dropped(tree):
    level = tree.levels["thon"]
    with pytest.raises(ValidationError):
        services.level_update(user=tree.admin, level=level, name="Thôn", unit_types=["ban"])
    services.level_update(
        user=tree.admin,
        level=level,
        name="Thôn, bản, tổ dân phố",
        unit_types=["thon", "ban", "to_dan_pho"],
        reason="Đổi tên",
    )
    assert AdminLevel.objects.get(pk=level.pk).name == "Thôn, bản, tổ dân phố"


def test_non_administrators_cannot_change_structures(tree, client):
    client.force_login(tree.users.skhdt)
    assert client.get(reverse("territory-structure-create")).status_code == 403
    assert (
        client.post(
            reverse("territory-level-update", args=[tree.levels["xa"].pk]),
            {"name": "x", "unit_types": ["xa"]},
        ).status_code
        == 403
    )
    assert (
        client.get(reverse("territory-structure-detail", args=[tree.structure.pk])).status_code
        == 200
    )


def test_administrator_changes_an_agency_kind_and_reach(tree, client):
    client.force_login(tree.admin)
    url = reverse("territory-agency-update", args=[tree.school1.pk])
    response = client.post(
        url,
        {
            "name": "Trường PTDTBT TH xã Một A",
            "kind": "truong_hoc",
            "sector": tree.education.pk,
            "reach": "own",
            "is_active": "on",
            "phone": "",
            "email": "",
        },
    )
    assert response.status_code == 302
    tree.school1.refresh_from_db()
    assert tree.school1.name == "Trường PTDTBT TH xã Một A"
    event = history_of(tree.school1).get()
    assert event.payload["before"] == {"name": "Trường TH xã Một A"}


def test_sector_body_without_sector_is_refused(tree, client):
    client.force_login(tree.admin)
    url = reverse("territory-agency-update", args=[tree.pnn1.pk])
    page = client.post(
        url,
        {
            "name": "Phòng NN",
            "kind": "phong_nganh",
            "sector": "",
            "reach": "sector_line",
            "is_active": "on",
        },
    ).content.decode()
    assert "phải được chọn ngành" in page
    tree.pnn1.refresh_from_db()
    assert tree.pnn1.sector == tree.agri


def test_phone_numbers_are_checked(tree, client):
    client.force_login(tree.users.thon1)
    url = reverse("territory-agency-update", args=[tree.vgroup1.pk])
    page = client.post(url, {"phone": "gọi anh Sình", "email": ""}).content.decode()
    assert "Chỉ dùng chữ số" in page
