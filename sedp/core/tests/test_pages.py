"""Pages: each role's home, Vietnamese by default, and a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sedp.accounts.models import Membership, Role
from sedp.territory import services
from sedp.territory.models import AgencyKind, UnitType


def _count_queries(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


def _grow(tree, start, n):
    """Add villages, agencies, members and events under commune 1."""
    for i in range(start, start + n):
        village = services.unit_create(
            user=tree.admin,
            structure=tree.structure,
            level=tree.levels["thon"],
            parent=tree.commune1,
            code=f"27019{i:02d}",
            name=f"Thôn Mới {i}",
            unit_type=UnitType.VILLAGE,
        )
        agency = services.agency_create(
            user=tree.admin,
            unit=village,
            kind=AgencyKind.VILLAGE_WORKING_GROUP,
            name=f"Tổ công tác thôn Mới {i}",
            sector=tree.agri,
        )
        Membership.objects.create(user=tree.users.viewer1, agency=agency, role=Role.MEMBER)
        services.agency_update(user=tree.admin, agency=tree.group1, phone=str(i))


PAGES = [
    ("core-home", None, {}),
    ("core-event-list", None, {}),
    ("territory-structure-list", None, {}),
    ("territory-unit-list", None, {"q": "thon"}),
    ("territory-agency-list", None, {}),
    ("territory-sector-list", None, {}),
    ("territory-unit-detail", "commune1", {}),
    ("territory-agency-detail", "group1", {}),
]


@pytest.mark.parametrize(("name", "target", "params"), PAGES)
@pytest.mark.parametrize("persona", ["admin", "tckh1", "xa1"])
def test_pages_use_a_constant_number_of_queries(tree, client, name, target, params, persona):
    client.force_login(tree.admin if persona == "admin" else getattr(tree.users, persona))
    url = reverse(name, args=[getattr(tree, target).pk] if target else [])
    _grow(tree, 0, 1)  # so that every list has rows to show
    before = _count_queries(client, url, **params)
    _grow(tree, 1, 12)
    assert _count_queries(client, url, **params) == before


def test_home_greets_in_vietnamese_with_agency_and_reach(tree, client):
    client.force_login(tree.users.xa1)
    page = client.get(reverse("core-home")).content.decode()
    assert '<html lang="vi">' in page
    assert "Tổ công tác KH xã Một A" in page and "Xã Một A" in page
    assert "Lãnh đạo / phê duyệt" in page
    assert "Thôn, bản" in page  # the levels within its reach


def test_home_of_a_village_group_shows_only_its_own_agency(tree, client):
    client.force_login(tree.users.thon1)
    page = client.get(reverse("core-home")).content.decode()
    assert "Tổ công tác thôn A1" in page and "Tổ công tác thôn A2" not in page


def test_home_leads_each_level_to_its_planning_pages(tree, client):
    upper_url, plans_url = reverse("upper-index"), reverse("plans-plan-list")
    for user in (tree.users.skhdt, tree.users.tckh1):
        client.force_login(user)
        page = client.get(reverse("core-home")).content.decode()
        assert "Lập kế hoạch cấp huyện, cấp tỉnh" in page and f'href="{upper_url}"' in page
    for user in (tree.users.xa1, tree.users.thon1):
        client.force_login(user)
        page = client.get(reverse("core-home")).content.decode()
        assert "Lập kế hoạch cấp huyện, cấp tỉnh" not in page
        assert "kế hoạch xã" in page and f'href="{plans_url}"' in page


def test_home_of_an_account_without_agency_says_what_to_do(tree, client):
    client.force_login(tree.users.outsider)
    page = client.get(reverse("core-home")).content.decode()
    assert "chưa là thành viên" in page


def test_english_is_available(tree, client):
    client.force_login(tree.users.xa1)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("core-home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Your agencies" in page
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert "Cơ quan, đơn vị của bạn" in client.get(reverse("core-home")).content.decode()


def test_an_english_browser_still_reads_vietnamese_until_the_user_switches(tree, client):
    client.force_login(tree.users.xa1)
    response = client.get(reverse("core-home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Cơ quan, đơn vị của bạn" in response.content.decode()
    assert response.headers["Content-Language"] == "vi"
    client.cookies["django_language"] = "xx"  # an unknown choice falls back to Vietnamese
    assert "Cơ quan, đơn vị của bạn" in client.get(reverse("core-home")).content.decode()


def test_htmx_search_returns_only_the_rows(tree, client):
    client.force_login(tree.users.tckh1)
    response = client.get(reverse("territory-unit-list"), {"q": "mot a"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "<html" not in page
    assert "Xã Một A" in page and "Xã Hai A" not in page


def test_search_ignores_diacritics_and_matches_codes(tree, client):
    client.force_login(tree.admin)
    response = client.get(reverse("territory-unit-list"), {"q": "HAI A"})
    assert [u.name for u in response.context["page"].object_list] == ["Xã Hai A"]
    response = client.get(reverse("territory-unit-list"), {"q": "0270102"})
    assert [u.name for u in response.context["page"].object_list] == ["Thôn A2"]


def test_unit_page_shows_history_and_children(tree, client):
    services.unit_update(
        user=tree.admin,
        unit=tree.village1,
        name="Thôn A Một",
        reason="Đổi tên theo nghị quyết HĐND",
    )
    client.force_login(tree.users.xa1)
    page = client.get(reverse("territory-unit-detail", args=[tree.commune1.pk])).content.decode()
    assert "Thôn A Một" in page and "Thôn A2" in page
    page = client.get(reverse("territory-unit-detail", args=[tree.village1.pk])).content.decode()
    assert "Đổi tên theo nghị quyết HĐND" in page and "đã cập nhật đơn vị hành chính" in page


def test_login_page_is_vietnamese_and_rejects_bad_passwords(db, client):
    page = client.get(reverse("accounts-login")).content.decode()
    assert "Đăng nhập" in page
    response = client.post(reverse("accounts-login"), {"username": "x", "password": "y"})
    assert "không đúng" in response.content.decode()
