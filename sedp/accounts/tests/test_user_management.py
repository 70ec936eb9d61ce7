"""Administrators manage accounts; everyone changes their own password; all logged."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sedp.core.events import history_of
from sedp.core.models import Event


def test_administrator_creates_an_account_with_a_strong_password(tree, client):
    client.force_login(tree.admin)
    url = reverse("accounts-user-create")
    response = client.post(
        url, {"username": "ctv.xa", "full_name": "Lý Thị Mai", "email": "", "password": "123"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "quá ngắn" in page
    assert not get_user_model().objects.filter(username="ctv.xa").exists()
    response = client.post(
        url,
        {
            "username": "ctv.xa",
            "full_name": "Lý Thị Mai",
            "email": "mai@example.vn",
            "password": "Mường-Hum-2026",
        },
    )
    user = get_user_model().objects.get(username="ctv.xa")
    assert response.status_code == 302 and user.get_full_name() == "Lý Thị Mai"
    assert history_of(user).get().verb == "user.created"


def test_bad_usernames_and_duplicates_are_named(tree, client):
    client.force_login(tree.admin)
    url = reverse("accounts-user-create")
    page = client.post(
        url, {"username": "có dấu cách", "full_name": "A", "password": "Mường-Hum-2026"}
    ).content.decode()
    assert "Chỉ dùng chữ cái" in page
    page = client.post(
        url, {"username": "xa1", "full_name": "A", "password": "Mường-Hum-2026"}
    ).content.decode()
    assert "đã được sử dụng" in page
    assert not Event.objects.exists()


def test_only_administrators_reach_account_pages(tree, client):
    client.force_login(tree.users.skhdt)
    for url in [
        reverse("accounts-user-list"),
        reverse("accounts-user-create"),
        reverse("accounts-user-update", args=[tree.users.xa1.pk]),
    ]:
        assert client.get(url).status_code == 403
        assert client.post(url, {"full_name": "X", "is_active": ""}).status_code == 403
    assert tree.users.xa1.is_active


def test_deactivating_an_account_keeps_its_history_and_blocks_login(tree, client):
    client.force_login(tree.admin)
    url = reverse("accounts-user-update", args=[tree.users.thon2.pk])
    response = client.post(
        url,
        {
            "full_name": "Thon Hai",
            "email": "",
            "is_active": "",
            "password": "",
            "reason": "Thôi làm trưởng thôn",
        },
    )
    assert response.status_code == 302
    tree.users.thon2.refresh_from_db()
    assert not tree.users.thon2.is_active
    assert history_of(tree.users.thon2).get().reason == "Thôi làm trưởng thôn"
    client.logout()
    assert not client.login(username="thon2", password="test-pass-2026")


def test_administrator_cannot_deactivate_themself(tree, client):
    client.force_login(tree.admin)
    url = reverse("accounts-user-update", args=[tree.admin.pk])
    page = client.post(url, {"full_name": "Admin", "is_active": ""}).content.decode()
    assert "không thể tự khóa" in page
    tree.admin.refresh_from_db()
    assert tree.admin.is_active


def test_user_changes_own_password(tree, client):
    client.force_login(tree.users.thon1)
    url = reverse("accounts-password-change")
    page = client.post(url, {"old_password": "sai", "password": "Bản-Mới-2026"}).content.decode()
    assert "Mật khẩu hiện tại không đúng" in page
    response = client.post(url, {"old_password": "test-pass-2026", "password": "Bản-Mới-2026"})
    assert response.status_code == 302
    tree.users.thon1.refresh_from_db()
    assert tree.users.thon1.check_password("Bản-Mới-2026")
    assert history_of(tree.users.thon1).get().verb == "user.password_set"
    assert client.get(reverse("core-home")).status_code == 200  # still logged in


def test_account_list_uses_constant_queries(tree, client):
    client.force_login(tree.admin)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("accounts-user-list")).status_code == 200
        return len(queries)

    before = count()
    from sedp.accounts.models import Membership, Role

    for i in range(10):
        user = get_user_model().objects.create_user(f"extra{i}")
        Membership.objects.create(user=user, agency=tree.group2, role=Role.MEMBER)
    assert count() == before
