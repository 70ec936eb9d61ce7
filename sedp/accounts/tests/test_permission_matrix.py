"""Who may see and do what: personas at every level and sector × objects × actions.

Outsiders get 404 (they must not even learn that an object exists) or 403 (for pages
that do not name an object), never data.
"""

import pytest
from django.urls import reverse

ALL_AGENCIES = [
    "ubnd_province",
    "skhdt",
    "snn",
    "sgd",
    "tckh1",
    "pnn1",
    "extension1",
    "tckh2",
    "pnn2",
    "group1",
    "school1",
    "coop1",
    "group2",
    "group3",
    "vgroup1",
    "vgroup2",
    "vgroup3",
]

# persona -> agencies it must see; every other agency must answer 404.
VISIBLE = {
    "admin": set(ALL_AGENCIES),
    "skhdt": set(ALL_AGENCIES),
    "snn": {"snn", "pnn1", "pnn2", "extension1", "coop1"},
    "tckh1": {
        "tckh1",
        "pnn1",
        "extension1",
        "group1",
        "school1",
        "coop1",
        "group2",
        "vgroup1",
        "vgroup2",
    },
    "pnn1": {"pnn1", "extension1", "coop1"},
    "xa1": {"group1", "school1", "coop1", "vgroup1", "vgroup2"},
    "viewer1": {"group1", "school1", "coop1", "vgroup1", "vgroup2"},
    "truong1": {"school1"},
    "thon1": {"vgroup1"},
    "thon2": {"vgroup2"},
    "xa3": {"group3", "vgroup3"},
    "outsider": set(),
}


def _user(tree, name):
    return tree.admin if name == "admin" else getattr(tree.users, name)


@pytest.mark.parametrize("persona", sorted(VISIBLE))
def test_agency_detail_is_visible_exactly_within_scope(tree, client, persona):
    client.force_login(_user(tree, persona))
    for name in ALL_AGENCIES:
        agency = getattr(tree, name)
        response = client.get(reverse("territory-agency-detail", args=[agency.pk]))
        expected = 200 if name in VISIBLE[persona] else 404
        assert response.status_code == expected, (persona, name)
        if expected == 404:
            assert agency.name.encode() not in response.content


@pytest.mark.parametrize("persona", sorted(VISIBLE))
def test_agency_list_shows_exactly_the_scope(tree, client, persona):
    client.force_login(_user(tree, persona))
    response = client.get(reverse("territory-agency-list"))
    shown = {a.pk for a in response.context["page"].object_list}
    assert shown == {getattr(tree, name).pk for name in VISIBLE[persona]}


# (persona, action, object, expected status)
ACTIONS = [
    # edit an agency's contact details: its own leader or planner, or an administrator
    ("thon1", "agency-edit", "vgroup1", 200),
    ("thon2", "agency-edit", "vgroup1", 404),
    ("xa1", "agency-edit", "vgroup1", 403),  # sees the village group, cannot edit it
    ("xa1", "agency-edit", "group1", 200),
    ("viewer1", "agency-edit", "group1", 403),
    ("truong1", "agency-edit", "school1", 200),
    ("tckh1", "agency-edit", "group1", 403),
    ("snn", "agency-edit", "pnn1", 403),
    ("outsider", "agency-edit", "group1", 404),
    ("admin", "agency-edit", "group1", 200),
    # add members: only the agency's leader or an administrator
    ("xa1", "member-add", "group1", 200),
    ("thon1", "member-add", "vgroup1", 200),
    ("thon1", "member-add", "vgroup2", 404),
    ("truong1", "member-add", "school1", 403),
    ("viewer1", "member-add", "group1", 403),
    ("skhdt", "member-add", "group1", 403),
    ("outsider", "member-add", "vgroup1", 404),
    ("admin", "member-add", "vgroup1", 200),
    # units: visible within the reach, managed by administrators only
    ("xa1", "unit-view", "village1", 200),
    ("xa1", "unit-view", "commune3", 404),
    ("thon1", "unit-view", "village1", 200),
    ("thon1", "unit-view", "village2", 404),
    ("tckh1", "unit-view", "village2", 200),
    ("tckh1", "unit-view", "district2", 404),
    ("snn", "unit-view", "village3", 200),
    ("outsider", "unit-view", "province", 404),
    ("skhdt", "unit-edit", "commune1", 403),
    ("xa1", "unit-edit", "commune1", 403),
    ("thon1", "unit-edit", "commune1", 404),
    ("admin", "unit-edit", "commune1", 200),
    ("skhdt", "unit-import", None, 403),
    ("outsider", "unit-import", None, 403),
    ("admin", "unit-import", None, 200),
    ("xa1", "sector-edit", "agri", 403),
    ("admin", "sector-edit", "agri", 200),
]

URLS = {
    "agency-edit": lambda obj: reverse("territory-agency-update", args=[obj.pk]),
    "member-add": lambda obj: reverse("accounts-membership-create", args=[obj.pk]),
    "unit-view": lambda obj: reverse("territory-unit-detail", args=[obj.pk]),
    "unit-edit": lambda obj: reverse("territory-unit-update", args=[obj.pk]),
    "unit-import": lambda obj: reverse("territory-unit-import"),
    "sector-edit": lambda obj: reverse("territory-sector-update", args=[obj.pk]),
}


@pytest.mark.parametrize(("persona", "action", "target", "expected"), ACTIONS)
def test_action_matrix(tree, client, persona, action, target, expected):
    client.force_login(_user(tree, persona))
    obj = getattr(tree, target) if target else None
    assert client.get(URLS[action](obj)).status_code == expected
    # A POST must be refused exactly like the GET, and change nothing.
    if expected != 200:
        from sedp.core.models import Event

        before = Event.objects.count()
        assert (
            client.post(
                URLS[action](obj), {"name": "x", "username": "thon2", "role": "leader"}
            ).status_code
            == expected
        )
        assert Event.objects.count() == before


def test_anonymous_visitors_are_sent_to_login(tree, client):
    for url in [
        reverse("core-home"),
        reverse("territory-agency-list"),
        reverse("territory-unit-detail", args=[tree.province.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts-login") in response["Location"]


def test_village_group_never_sees_another_village_in_search(tree, client):
    client.force_login(tree.users.thon1)
    response = client.get(reverse("territory-unit-list"), {"q": "Thôn"})
    names = {u.name for u in response.context["page"].object_list}
    assert names == {"Thôn A1"}


def test_history_page_is_scoped(tree, client):
    from sedp.territory import services

    services.agency_update(user=tree.users.xa3, agency=tree.group3, phone="0214 3888 111")
    services.agency_update(user=tree.users.xa1, agency=tree.group1, phone="0214 3888 222")
    client.force_login(tree.users.xa1)
    events = list(client.get(reverse("core-event-list")).context["page"].object_list)
    assert [e.target_repr for e in events] == ["Tổ công tác KH xã Một A"]
