"""The pages: reachable, scoped, and a fixed number of queries whatever the tree's size."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sedp.activities.models import Activity
from sedp.activities.services import activity_create
from sedp.plans.models import Plan, PlanKind, PlanStatus
from sedp.plans.tests.helpers import YEAR
from sedp.upper.models import DispatchStatus


def _sector_plan(t, office):
    return Plan.objects.get(kind=PlanKind.DISTRICT_SECTOR_PLAN, agency=office)


def test_the_plan_page_shows_the_district_panel_and_its_pages_open(year, login):
    t = year
    client = login(t.p.tckh1)
    page = client.get(reverse("plans-plan-detail", args=[t.district1_plan.pk])).content.decode()
    assert 'id="upper-panel"' in page and "08/07/2026" in page
    for name in ["upper-plan-trace", "upper-plan-compare", "upper-plan-register"]:
        response = client.get(reverse(name, args=[t.district1_plan.pk]))
        assert response.status_code == 200, name
    index = client.get(reverse("upper-index") + f"?year={YEAR}").content.decode()
    assert "Xã Một A" in index and "Xã Hai A" not in index


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_trace_compare_summary_and_register_run_a_fixed_number_of_queries(year, login):
    t = year
    client = login(t.p.skhdt)
    pages = [
        reverse("upper-plan-trace", args=[t.province_plan.pk]),
        reverse("upper-plan-compare", args=[t.province_plan.pk]),
        reverse("upper-plan-register", args=[t.province_plan.pk]),
        reverse("upper-index") + f"?year={YEAR}",
        reverse("plans-plan-detail", args=[t.province_plan.pk]),
    ]
    t.province_plan.disagreements.create(subject="Một", positions="A/B")
    before = {url: _queries(client, url) for url in pages}
    assert client.get(pages[0]).content.decode().count("Thôn A1") >= 4
    # Twice as many lines, each with origins in every village: the same number of queries.
    villages = list(Activity.objects.filter(plan__kind=PlanKind.VILLAGE_PROPOSAL))
    lines = Activity.objects.bulk_create(
        Activity(plan=t.province_plan, title=f"Dòng {n}", sector=t.health, place=t.district2)
        for n in range(30)
    )
    for line in lines:
        line.origins.set(villages)
    t.province_plan.disagreements.create(subject="Thêm", positions="A/B")
    assert {url: _queries(client, url) for url in pages} == before
    summary_url = reverse("upper-summary-detail", args=[t.district1.pk]) + f"?year={YEAR}"
    client = login(t.p.tckh1)
    assert _queries(client, summary_url) <= 12
    assert "Giao thông" in client.get(summary_url).content.decode()


def test_the_comparison_highlights_where_the_office_differs_from_the_commune(year, login):
    t = year
    client = login(t.p.tckh1)
    page = client.get(reverse("upper-plan-compare", args=[t.district1_plan.pk])).content.decode()
    # The agriculture office added a district-wide activity of its own.
    assert 'data-differs="1"' in page
    assert "Mô hình chè" not in page  # figures only, not lines
    assert 'id="no-figures"' not in page  # every commune has figures


def test_a_territory_with_no_figures_is_named_under_the_comparison(year, login):
    from conftest import _unit

    t = year
    c = t.commune1
    _unit(c.structure, c.level, t.district1, "02799", "Xã Một Mới", "xa")
    page = login(t.p.tckh1).get(reverse("upper-plan-compare", args=[t.district1_plan.pk]))
    table, _sep, after = page.content.decode().partition('id="no-figures"')
    assert "Xã Một A" in table and "Xã Một Mới" not in table
    assert "Xã Một Mới" in after.split("</p>")[0]


def test_a_district_office_cannot_open_another_districts_summary_or_plan_pages(year, login):
    t = year
    client = login(t.users.pnn1)
    assert client.get(reverse("upper-summary-detail", args=[t.district2.pk])).status_code == 404
    other = _sector_plan(t, t.pnn2)
    for name in ["upper-plan-trace", "upper-plan-compare", "upper-plan-register"]:
        assert client.get(reverse(name, args=[other.pk])).status_code == 404


def test_a_sector_office_is_only_shown_the_commune_plans_it_can_open(year, login):
    """Its sector plan lists the commune plans it draws from; their names link only where
    the office may open them (the demo's crawl found 404 links)."""
    import re

    t = year
    client = login(t.users.pnn1)
    page = client.get(reverse("plans-plan-detail", args=[_sector_plan(t, t.pnn1).pk]))
    page = page.content.decode()
    assert "Xã Một A" in page or "Tổ công tác" in page
    for pk in re.findall(r'href="/plans/(\d+)/"', page):
        assert client.get(reverse("plans-plan-detail", args=[pk])).status_code == 200, pk


def test_tckh_returns_a_sector_plan_the_office_resubmits_and_the_district_draft_changes(
    tree, login
):
    """Through the pages: the office sends its framework, TCKH returns it with a reason, the
    office adds the missing activity and sends again, TCKH accepts, the district plan's
    consolidation shows the new line."""
    from sedp.plans.consolidation import plan_consolidate
    from sedp.plans.services import plan_create
    from sedp.upper.tests import world

    t = world.extend(tree)
    p = world.people(t)
    world.communes_year(t, p)
    client = login(p.tckh1)
    client.post(reverse("upper-communes-route", args=[t.tckh1.pk]), {"year": YEAR})
    plan = plan_create(
        user=t.users.pnn1, agency=t.pnn1, kind=PlanKind.DISTRICT_SECTOR_PLAN, report_year=YEAR
    )
    plan_consolidate(user=t.users.pnn1, plan=plan)
    office = login(t.users.pnn1)
    office.post(reverse("upper-plan-draft", args=[plan.pk]))
    office.post(reverse("upper-plan-send", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    assert plan.dispatches.get().status == DispatchStatus.SENT
    tckh = login(p.tckh1)
    tckh.post(
        reverse("plans-plan-review", args=[plan.pk]),
        {
            "decision": "return",
            "reason": "Thiếu mô hình chè hữu cơ của phòng.",
            "deadline": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
        },
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED
    office = login(t.users.pnn1)
    page = office.get(reverse("plans-plan-detail", args=[plan.pk])).content.decode()
    assert "Thiếu mô hình chè" in page
    activity_create(
        user=t.users.pnn1,
        plan=plan,
        title="Mô hình chè hữu cơ",
        sector=t.agri,
        cost_estimate=500_000_000,
    )
    assert plan.activities.filter(title="Mô hình chè hữu cơ").exists()
    office.post(reverse("upper-plan-send", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    tckh = login(p.tckh1)
    tckh.post(reverse("plans-plan-review", args=[plan.pk]), {"decision": "accept"})
    district = plan_create(
        user=p.tckh1, agency=t.tckh1, kind=PlanKind.DISTRICT_PLAN, report_year=YEAR
    )
    tckh.post(reverse("plans-plan-consolidate", args=[district.pk]))
    page = tckh.get(reverse("plans-plan-detail", args=[district.pk])).content.decode()
    assert "Mô hình chè hữu cơ" in page
    # The commune's step-5 pages are not offered on a district plan (they answer 404 there).
    assert reverse("plans-plan-draft", args=[district.pk]) not in page
    assert reverse("plans-plan-framework", args=[district.pk]) not in page


def test_the_register_page_raises_and_the_conference_settles_through_the_pages(year, login):
    """An accepted plan shows no form; an editable one records a disagreement, and a missing
    argument is named without saving anything."""
    from sedp.meetings.models import Disagreement
    from sedp.plans.services import plan_create

    t = year
    office = _sector_plan(t, t.pnn2)
    client = login(t.p.pnn2)
    url = reverse("upper-plan-register", args=[office.pk])
    assert "Bảo lưu ý kiến" not in client.get(url).content.decode()  # accepted: no form
    extension = plan_create(
        user=t.admin,
        agency=t.pnn1,
        kind=PlanKind.DISTRICT_SECTOR_PLAN,
        report_year=YEAR + 1,
    )
    client = login(t.users.pnn1)
    response = client.post(
        reverse("upper-plan-register", args=[extension.pk]),
        {
            "subject": "Vị trí trạm bơm",
            "parties": [t.group1.pk],
            "positions": "Xã: thôn A1; phòng: thôn A2.",
            "arguments": "Nguồn nước ở thôn A2 ổn định hơn.",
        },
    )
    assert response.status_code == 302
    raised = Disagreement.objects.get(subject="Vị trí trạm bơm")
    assert not raised.settled
    # Missing arguments: the field is named, nothing saved.
    response = client.post(
        reverse("upper-plan-register", args=[extension.pk]),
        {"subject": "Khác", "parties": [t.group1.pk], "positions": "A/B"},
    )
    assert response.status_code == 200 and "lập luận" in response.content.decode()
    assert not Disagreement.objects.filter(subject="Khác").exists()


def test_the_department_returns_a_framework_and_the_office_sends_it_again(tree, login):
    from sedp.plans.consolidation import plan_consolidate
    from sedp.plans.services import plan_create
    from sedp.upper import services
    from sedp.upper.models import PlanDispatch
    from sedp.upper.tests import world

    t = world.extend(tree)
    p = world.people(t)
    world.communes_year(t, p)
    services.route_commune_plans(user=p.tckh1, agency=t.tckh1, report_year=YEAR)
    plan = plan_create(
        user=t.users.pnn1, agency=t.pnn1, kind=PlanKind.DISTRICT_SECTOR_PLAN, report_year=YEAR
    )
    plan_consolidate(user=t.users.pnn1, plan=plan)
    services.draft_issue(user=t.users.pnn1, plan=plan)
    services.sector_plan_submit(user=t.users.pnn1, plan=plan)
    dispatch = plan.dispatches.get()
    assert dispatch.recipient == t.snn
    department = login(t.users.snn)
    inbox = department.get(reverse("upper-index") + f"?year={YEAR}").content.decode()
    assert t.pnn1.name in inbox and t.pgd1.name not in inbox
    # Returning needs a reason.
    department.post(reverse("upper-dispatch-review", args=[dispatch.pk]), {"decision": "return"})
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.SENT
    department.post(
        reverse("upper-dispatch-review", args=[dispatch.pk]),
        {"decision": "return", "reason": "Chưa thống nhất chỉ tiêu trồng rừng với Sở."},
    )
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.RETURNED
    # Nobody else may appraise it.
    other = login(p.sgd)
    assert other.post(reverse("upper-dispatch-review", args=[dispatch.pk])).status_code == 404
    office = login(t.users.pnn1)
    page = office.get(reverse("plans-plan-detail", args=[plan.pk])).content.decode()
    assert "Chưa thống nhất chỉ tiêu trồng rừng" in page
    assert reverse("upper-plan-sendup", args=[plan.pk]) in page
    office.post(reverse("upper-plan-sendup", args=[plan.pk]))
    assert PlanDispatch.objects.filter(plan=plan, status=DispatchStatus.SENT).count() == 1


def test_the_trace_names_the_plans_a_village_line_came_up_through(year, login):
    from sedp.upper import selectors

    t = year
    lines = selectors.lines_with_origins(t.province_plan.activities.all())
    paths = {
        tuple(step.plan.kind for step in leaf.via)
        for line in lines
        for leaf in line.leaves
        if leaf.plan.kind == PlanKind.VILLAGE_PROPOSAL
    }
    # Through the commune and the district office's sector plan, then the Sở's plan; or
    # through the commune and the district plan (a sector with no office at the district).
    assert (
        PlanKind.COMMUNE_PLAN,
        PlanKind.DISTRICT_SECTOR_PLAN,
        PlanKind.PROVINCE_SECTOR_PLAN,
    ) in paths
    assert all(path[0] == PlanKind.COMMUNE_PLAN for path in paths)
    page = login(t.p.skhdt).get(reverse("upper-plan-trace", args=[t.province_plan.pk]))
    assert "qua Kế hoạch xã — " in page.content.decode()
