"""Services: tree invariants, and every change recorded in the event log."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sedp.accounts.models import Role
from sedp.accounts.services import membership_add, membership_change_role, membership_remove
from sedp.core.events import history_of
from sedp.core.models import Event
from sedp.territory import services
from sedp.territory.models import AdminUnit, UnitType


def test_creating_a_village_sets_its_path_and_logs_it(tree):
    village = services.unit_create(
        user=tree.admin,
        structure=tree.structure,
        level=tree.levels["thon"],
        parent=tree.commune2,
        code="0270201",
        name="Thôn Mới",
        unit_type=UnitType.VILLAGE,
    )
    assert village.path == f"{tree.commune2.path}{village.pk}/" and village.depth == 3
    event = history_of(village).get()
    assert (event.verb, event.actor, event.unit) == ("unit.created", tree.admin, village)


def test_moving_a_commune_moves_its_villages_in_one_update(tree):
    services.unit_update(
        user=tree.admin, unit=tree.commune1, parent=tree.district2, reason="Điều chỉnh địa giới"
    )
    tree.village1.refresh_from_db()
    assert tree.village1.path.startswith(tree.district2.path)
    moved = AdminUnit.objects.subtree_of(tree.district2)
    assert {tree.commune1.pk, tree.village1.pk, tree.village2.pk} <= set(
        moved.values_list("pk", flat=True)
    )
    event = history_of(tree.commune1).get()
    assert event.reason == "Điều chỉnh địa giới"
    assert event.payload["before"]["parent"] == "Huyện Một"


def test_a_unit_cannot_move_under_itself_or_skip_levels(tree):
    with pytest.raises(ValidationError):
        services.unit_update(user=tree.admin, unit=tree.commune1, parent=tree.village1)
    with pytest.raises(ValidationError):
        services.unit_create(
            user=tree.admin,
            structure=tree.structure,
            level=tree.levels["xa"],
            parent=None,
            code="1",
            name="X",
            unit_type=UnitType.COMMUNE,
        )
    with pytest.raises(ValidationError):
        services.unit_create(
            user=tree.admin,
            structure=tree.structure,
            level=tree.levels["thon"],
            parent=tree.commune2,
            code="2",
            name="Y",
            unit_type=UnitType.COMMUNE,
        )


def test_codes_are_unique_per_structure_only(tree):
    with pytest.raises(ValidationError):
        services.unit_create(
            user=tree.admin,
            structure=tree.structure,
            level=tree.levels["thon"],
            parent=tree.commune2,
            code="0270101",
            name="Trùng",
            unit_type=UnitType.VILLAGE,
        )


def test_non_administrators_cannot_change_the_territory(tree):
    with pytest.raises(PermissionDenied):
        services.unit_update(user=tree.users.skhdt, unit=tree.commune1, name="Khác")
    assert not Event.objects.exists()


def test_a_planner_edits_only_contact_fields_of_own_agency(tree):
    services.agency_update(
        user=tree.users.thon1,
        agency=tree.vgroup1,
        phone="0912 345 678",
        reason="Số mới của trưởng thôn",
    )
    event = history_of(tree.vgroup1).get()
    assert event.payload == {"before": {"phone": ""}, "after": {"phone": "0912 345 678"}}
    with pytest.raises(PermissionDenied):
        services.agency_update(user=tree.users.thon1, agency=tree.vgroup1, name="Đổi tên")
    with pytest.raises(PermissionDenied):
        services.agency_update(user=tree.users.thon1, agency=tree.vgroup2, phone="1")


def test_memberships_are_logged_and_keep_a_leader(tree):
    from django.contrib.auth import get_user_model

    newcomer = get_user_model().objects.create_user("newcomer")
    membership = membership_add(
        user=tree.users.thon1,
        agency=tree.vgroup1,
        member=newcomer,
        role=Role.MEMBER,
        position="Đại diện hộ nghèo",
    )
    membership_change_role(user=tree.users.thon1, membership=membership, role=Role.PLANNER)
    membership_remove(user=tree.users.thon1, membership=membership, reason="Chuyển công tác")
    verbs = list(history_of(tree.vgroup1).values_list("verb", flat=True))
    assert verbs == ["membership.removed", "membership.changed", "membership.added"]
    leader = tree.users.thon1.memberships.get()
    with pytest.raises(ValidationError):
        membership_remove(user=tree.users.thon1, membership=leader)


def test_events_are_append_only(tree):
    services.agency_update(user=tree.users.xa1, agency=tree.group1, phone="1")
    event = Event.objects.get()
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_membership_form_refuses_unknown_users_and_duplicates(tree, client):
    client.force_login(tree.users.xa1)
    url = reverse("accounts-membership-create", args=[tree.group1.pk])
    response = client.post(url, {"username": "khong-co", "role": "member"})
    assert "Không có người dùng" in response.content.decode()
    response = client.post(url, {"username": "viewer1", "role": "member"})
    assert "đã là thành viên" in response.content.decode()
    response = client.post(url, {"username": "", "role": "sếp"})
    assert response.status_code == 200 and not Event.objects.exists()


def test_agency_contact_form_validates_email(tree, client):
    client.force_login(tree.users.thon1)
    url = reverse("territory-agency-update", args=[tree.vgroup1.pk])
    response = client.post(url, {"email": "không-phải-email", "phone": "1"})
    assert response.status_code == 200
    assert "email" in response.content.decode().lower()
    assert not Event.objects.exists()
    response = client.post(url, {"email": "thon.a1@example.vn", "phone": "0912"})
    assert response.status_code == 302
    tree.vgroup1.refresh_from_db()
    assert tree.vgroup1.email == "thon.a1@example.vn"


def test_unit_form_names_the_field_in_vietnamese(tree, client):
    client.force_login(tree.admin)
    url = reverse("territory-unit-create") + f"?parent={tree.commune2.pk}"
    response = client.post(
        url,
        {
            "code": "0270101",
            "name": "Thôn Trùng",
            "unit_type": "thon",
            "level": tree.levels["thon"].pk,
        },
    )
    assert "Mã 0270101 đã có trong cấu trúc này." in response.content.decode()
    response = client.post(url, {"code": "", "name": "x" * 300, "unit_type": "xyz", "level": "abc"})
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in response.content.decode()
    assert not Event.objects.exists()


def test_forms_refuse_ids_from_elsewhere_and_overlong_text(tree, client):
    from sedp.territory.models import AdminLevel, TerritoryStructure

    other = TerritoryStructure.objects.create(code="khac", name="Khác")
    foreign_level = AdminLevel.objects.create(
        structure=other, code="thon", name="Thôn", rank=0, unit_types=["thon"]
    )
    client.force_login(tree.admin)
    url = reverse("territory-unit-create") + f"?parent={tree.commune2.pk}"
    page = client.post(
        url, {"code": "0270299", "name": "Thôn X", "unit_type": "thon", "level": foreign_level.pk}
    ).content.decode()
    assert "Hãy chọn một lựa chọn hợp lệ" in page
    page = client.post(
        reverse("territory-sector-create"),
        {
            "code": "x" * 60,
            "name": "y" * 300,
            "group": "kinh_te",
            "parent": tree.extension.pk,
            "order": -1,
        },
    ).content.decode()
    assert "Hãy chọn một lựa chọn hợp lệ" in page  # a sub-sector cannot be a parent
    assert "tối đa" in page or "nhiều nhất" in page
    assert not Event.objects.exists()
