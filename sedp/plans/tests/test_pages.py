"""Plan pages: scoped, in Vietnamese, HTMX activity rows, and a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sedp.activities.models import Activity
from sedp.plans.consolidation import plan_consolidate
from sedp.plans.models import Plan, PlanKind, PlanStatus
from sedp.plans.services import plan_accept, plan_create
from sedp.plans.tests.helpers import YEAR, activity_data, proposal

HX = {"HTTP_HX_REQUEST": "true"}


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _form(tree, **overrides):
    data = {
        "title": "Xây bể nước sinh hoạt",
        "sector": tree.agri.pk,
        "place": tree.village1.pk,
        "cost_estimate": "120000000",
        "people_cash": "10000000",
        "people_labour": "5000000",
        "people_labour_days": "50",
        "fund_commune": "50000000",
        "priority": "1",
        "beneficiaries": ["women", "children"],
    }
    data.update(overrides)
    return data


def test_a_village_head_starts_a_proposal_and_adds_an_activity_without_reload(tree, login):
    client = login(tree.users.thon1)
    page = client.get(reverse("plans-plan-list"), {"year": YEAR}).content.decode()
    assert "Bắt đầu lập kế hoạch" in page and "Đề xuất kế hoạch thôn" in page
    response = client.post(
        reverse("plans-plan-create"),
        {"agency": tree.vgroup1.pk, "kind": PlanKind.VILLAGE_PROPOSAL, "year": YEAR},
    )
    plan = Plan.objects.get()
    assert response.url == reverse("plans-plan-detail", args=[plan.pk])
    url = reverse("activities-activity-create", args=[plan.pk])
    form = client.get(url, **HX).content.decode()
    assert 'id="activities"' in form and "<html" not in form and "Lưu hoạt động" in form
    section = client.post(url, _form(tree), **HX).content.decode()
    assert "Xây bể nước sinh hoạt" in section and "120.000.000" in section
    activity = Activity.objects.get()
    assert activity.for_women and activity.for_children and activity.people_total == 15_000_000


def test_a_bad_activity_row_comes_back_with_the_message_and_nothing_saved(tree, login):
    client = login(tree.users.thon1)
    plan = proposal(tree.users.thon1, tree.vgroup1, [])
    url = reverse("activities-activity-create", args=[plan.pk])
    section = client.post(url, _form(tree, sector="", people_cash="999000000"), **HX)
    text = section.content.decode()
    assert "Chọn ngành, lĩnh vực của hoạt động." in text
    section = client.post(url, _form(tree, people_cash="999000000"), **HX).content.decode()
    assert "vượt quá khái toán kinh phí" in section
    assert not Activity.objects.exists()


def test_editing_a_row_in_place_redraws_the_list(tree, login):
    client = login(tree.users.thon1)
    plan = proposal(tree.users.thon1, tree.vgroup1, [activity_data(tree.agri)])
    activity = plan.activities.get()
    url = reverse("activities-activity-update", args=[activity.pk])
    form = client.get(url, **HX).content.decode()
    assert f'id="activity-{activity.pk}"' in form and "Sửa hoạt động" in form
    response = client.post(url, _form(tree, title="Đường bê tông 700 m"), **HX)
    assert response["HX-Retarget"] == "#activities"
    activity.refresh_from_db()
    assert activity.title == "Đường bê tông 700 m"


def test_another_village_and_outsiders_get_404(tree, login):
    plan = proposal(tree.users.thon1, tree.vgroup1, [activity_data(tree.agri)])
    activity = plan.activities.get()
    for user in (tree.users.thon2, tree.users.xa3, tree.users.outsider):
        client = login(user)
        assert client.get(reverse("plans-plan-detail", args=[plan.pk])).status_code == 404
        url = reverse("activities-activity-update", args=[activity.pk])
        assert client.post(url, _form(tree)).status_code == 404


def test_the_commune_group_returns_a_proposal_and_the_village_reads_the_reason(tree, login):
    plan = proposal(tree.users.thon1, tree.vgroup1, [activity_data(tree.agri)], submit=True)
    client = login(tree.users.xa1)
    page = client.get(reverse("plans-plan-detail", args=[plan.pk])).content.decode()
    assert "Xem xét đề xuất này" in page
    url = reverse("plans-plan-review", args=[plan.pk])
    client.post(url, {"decision": "return", "reason": "", "deadline": ""})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    client.post(
        url, {"decision": "return", "reason": "Bổ sung ngày công", "deadline": "2099-06-10"}
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED
    page = login(tree.users.thon1).get(reverse("plans-plan-detail", args=[plan.pk]))
    text = page.content.decode()
    assert "Bổ sung ngày công" in text and "10/06/2099" in text and "Gửi lại lên xã" in text


def test_a_village_cannot_review_its_own_proposal_through_the_page(tree, login):
    plan = proposal(tree.users.thon1, tree.vgroup1, [activity_data(tree.agri)], submit=True)
    client = login(tree.users.thon1)
    response = client.post(reverse("plans-plan-review", args=[plan.pk]), {"decision": "accept"})
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def _grow(tree, commune, n, start=0):
    """n more accepted proposals (one per new village), consolidated into the commune."""
    from sedp.territory import services as territory

    for i in range(start, start + n):
        village = territory.unit_create(
            user=tree.admin,
            structure=tree.structure,
            level=tree.levels["thon"],
            parent=tree.commune1,
            code=f"2701{i:03d}",
            name=f"Thôn Mới {i}",
            unit_type="thon",
        )
        group = territory.agency_create(
            user=tree.admin, unit=village, kind="to_cong_tac_thon", name=f"Tổ thôn Mới {i}"
        )
        plan = proposal(
            tree.admin,
            group,
            [activity_data(tree.agri, title=f"Việc {i}.{k}") for k in range(3)],
            submit=True,
        )
        plan_accept(user=tree.users.xa1, plan=plan)
    plan_consolidate(user=tree.users.xa1, plan=commune)


@pytest.mark.parametrize("persona", ["xa1", "tckh1", "admin"])
def test_plan_pages_use_a_constant_number_of_queries(tree, login, persona):
    commune = plan_create(
        user=tree.users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    client = login(tree.admin if persona == "admin" else getattr(tree.users, persona))
    _grow(tree, commune, 1)
    village_plan = Plan.objects.filter(kind=PlanKind.VILLAGE_PROPOSAL).first()
    urls = [
        reverse("plans-plan-list") + f"?year={YEAR}",
        reverse("plans-plan-detail", args=[commune.pk]),
        reverse("plans-plan-detail", args=[village_plan.pk]),
    ]
    before = [_count(client, url) for url in urls]
    _grow(tree, commune, 6, start=1)
    assert [_count(client, url) for url in urls] == before
    page = client.get(urls[1]).content.decode()
    assert "Kinh tế" in page and "Tổ thôn Mới 6" in page


def test_the_commune_page_flags_a_large_gap_with_last_years_allocation(tree, login):
    commune = plan_create(
        user=tree.users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    _grow(tree, commune, 1)  # 3 × 600 million proposed
    client = login(tree.users.xa1)
    client.post(
        reverse("plans-plan-envelope", args=[commune.pk]),
        {"last_year_allocation": "1000000000", "expected_envelope": "1700000000"},
    )
    page = client.get(reverse("plans-plan-detail", args=[commune.pk])).content.decode()
    assert "So với kinh phí được giao năm trước (1.000.000.000 đ): 800.000.000 đ (80%)" in page
    assert page.count("chênh lệch lớn") == 1  # 1.8 billion vs 1.7: within 20 %


def test_a_large_commune_plan_comes_a_page_at_a_time_with_the_same_queries(
    tree, login, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sedp.activities.models import Activity
    from sedp.plans.services import plan_create

    commune = plan_create(
        user=tree.users.xa1, agency=tree.group1, kind="commune_plan", report_year=2026
    )
    Activity.objects.bulk_create(
        Activity(plan=commune, title=f"Hoạt động {i:03d}", sector=tree.agri, cost_estimate=1000)
        for i in range(120)
    )
    client = login(tree.users.xa1)
    url = reverse("plans-plan-detail", args=[commune.pk])
    with CaptureQueriesContext(connection) as first:
        page1 = client.get(url).content.decode()
    with django_assert_num_queries(len(first)):
        page3 = client.get(url + "?page=3").content.decode()
    assert "Trang 1/3" in page1 and "Hoạt động 000" in page1 and "Hoạt động 050" not in page1
    assert "Hoạt động 119" in page3
    assert "120" in page1  # the totals still cover every line
    workbench = client.get(reverse("activities-workbench", args=[commune.pk])).content.decode()
    assert workbench.count('class="sedp-wb-line') == 50
