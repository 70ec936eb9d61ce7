"""Version pages run a fixed number of queries, and a plan's report counts only its own
indicator values."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from sedp.activities.services import activity_create, activity_update
from sedp.indicators.models import Kind
from sedp.indicators.services import value_set
from sedp.plans.models import Plan, PlanKind
from sedp.plans.services import plan_create
from sedp.plans.tests.helpers import activity_data
from sedp.revisions.diff import compare
from sedp.revisions.models import Stage
from sedp.revisions.services import version_record
from sedp.targets.tests.helpers import catalogue

YEAR = 2026


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_compare_and_version_pages_do_not_grow_with_the_changes(tree, login):
    xa1 = tree.users.xa1
    plan = plan_create(user=xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR)
    lines = [
        activity_create(user=xa1, plan=plan, **activity_data(tree.agri, title=f"Việc {n}"))
        for n in range(3)
    ]
    first = version_record(user=xa1, plan=plan, stage=Stage.DRAFT_1)
    activity_update(
        user=xa1, activity=lines[0], **activity_data(tree.agri, cost_estimate=700_000_000)
    )
    small = version_record(user=xa1, plan=plan, stage=Stage.DRAFT_2, reason="Một thay đổi")
    client = login(xa1)
    base = f"/revisions/plan/{plan.pk}/compare/?a={first.pk}"
    client.get(f"{base}&b={small.pk}")  # warm the content-type cache
    few = _count(client, f"{base}&b={small.pk}")
    versions_few = _count(client, f"/revisions/plan/{plan.pk}/")
    for line in lines:
        activity_update(
            user=xa1, activity=line, **activity_data(tree.education, cost_estimate=800_000_000)
        )
    for n in range(5):
        activity_create(user=xa1, plan=plan, **activity_data(tree.agri, title=f"Mới {n}"))
    large = version_record(user=xa1, plan=plan, stage=Stage.UPDATED, reason="Nhiều thay đổi")
    assert _count(client, f"{base}&b={large.pk}") == few
    assert _count(client, f"/revisions/plan/{plan.pk}/") == versions_few


def test_a_sector_departments_values_are_not_the_provincial_plans(tree):
    c = catalogue(tree)
    plan = Plan.objects.create(
        kind=PlanKind.PROVINCE_PLAN, report_year=YEAR, unit=tree.province, agency=tree.skhdt
    )
    before = version_record(user=tree.users.skhdt, plan=plan, stage=Stage.DRAFT_1)
    for agency in (None, tree.snn):
        value_set(
            user=tree.users.skhdt if agency is None else tree.users.snn, unit=tree.province,
            agency=agency, indicator=c["rice"],
            report_year=YEAR, kind=Kind.PROPOSED, value=100 if agency is None else 40,
        )  # fmt: skip
    after = version_record(user=tree.users.skhdt, plan=plan, stage=Stage.DRAFT_2, reason="Số mới")
    (change,) = compare(plan, before, after).indicators
    assert change.after == "100"
    assert len(change.causes) == 1  # the department's own entry is not a cause here
