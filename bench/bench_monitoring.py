"""Benchmark for issue G (monitoring): the M&E dashboard of a province — 110 communes in 10
districts, each commune plan monitored with 40 indicators and 30 activities (4,400 targets,
3,300 activities, 29,040 quarterly collection tasks); goal < 500 ms. Also a district's and one
plan's dashboard, starting monitoring of a plan and reporting one value; the collection
reminders of `send_reminders` over every task, a commune's work page with its notices, and the
notification centre with its unread badge.

Run: make bench-monitoring   (or: .venv/bin/python bench/bench_monitoring.py [--districts 10]
     [--communes 11] [--indicators 40] [--activities 30]; on PostgreSQL:
     bin/with-throwaway-postgres .venv/bin/python bench/bench_monitoring.py)
Uses a throwaway SQLite file unless DATABASE_URL is set. Prints the figures; asserts nothing.
The plans, frameworks and reports are generated with bulk inserts; the dashboard, the page and
the services run exactly as in production.
"""

import argparse
import datetime
import random
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_territory import setup_django, timed  # noqa: E402

REPORT_YEAR = 2026


def build(args):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from sedp.accounts.models import Membership, Role
    from sedp.activities.models import Activity, ActivityStatus
    from sedp.indicators.models import Indicator, IndicatorValue, Kind
    from sedp.monitoring.models import CollectionTask, FrameworkRow, FrameworkState, period_end
    from sedp.plans.models import Plan, PlanKind, PlanStatus
    from sedp.territory.models import (
        AdminLevel,
        AdminUnit,
        Agency,
        AgencyKind,
        Reach,
        Sector,
        TerritoryStructure,
    )
    from sedp.territory.reference import ensure_sectors

    rng = random.Random(7)
    ensure_sectors()
    sectors = list(Sector.objects.all())
    structure = TerritoryStructure.objects.create(code="bench-me", name="Bench M&E")
    levels = [
        AdminLevel.objects.create(structure=structure, code=c, name=c, rank=i, unit_types=[t])
        for i, (c, t) in enumerate([("tinh", "tinh"), ("huyen", "huyen"), ("xa", "xa")])
    ]

    def unit(level, parent, code, unit_type):
        u = AdminUnit.objects.create(
            structure=structure,
            level=levels[level],
            parent=parent,
            code=code,
            name=code,
            unit_type=unit_type,
            path="",
            depth=level,
            name_search=code,
        )
        u.path = f"{parent.path if parent else '/'}{u.pk}/"
        u.save(update_fields=["path"])
        return u

    indicators = Indicator.objects.bulk_create(
        Indicator(
            code=f"bench-{i}",
            name=f"Chỉ tiêu {i}",
            unit_of_measure="%" if i % 4 == 1 else "tấn",
            group="kinh_te",
            unit_types=["xa"],
            nature="flow" if i % 2 == 0 else "stock",
            direction=["up", "down", "neutral"][i % 3],
            rule="sum",
            order=i,
        )
        for i in range(args.indicators)
    )
    province = unit(0, None, "P", "tinh")
    planning = Agency.objects.create(
        unit=province, kind=AgencyKind.PLANNING_DEPARTMENT, name="Sở KHĐT", reach=Reach.TERRITORY
    )
    user = get_user_model().objects.create_user("skhdt.bench", password="bench-pass")
    Membership.objects.create(user=user, agency=planning, role=Role.PLANNER)
    now = timezone.now()
    plans = []
    for d in range(args.districts):
        district = unit(1, province, f"D{d}", "huyen")
        for c in range(args.communes):
            commune = unit(2, district, f"D{d}C{c}", "xa")
            group = Agency.objects.create(
                unit=commune,
                kind=AgencyKind.COMMUNE_PLANNING_GROUP,
                name=f"Tổ công tác xã {d}.{c}",
                reach=Reach.TERRITORY,
            )
            plans.append(
                Plan(
                    kind=PlanKind.COMMUNE_PLAN,
                    report_year=REPORT_YEAR,
                    unit=commune,
                    agency=group,
                    status=PlanStatus.APPROVED,
                )
            )
    plans = Plan.objects.bulk_create(plans)
    values = []
    for plan in plans:
        for indicator in indicators:
            target = Decimal(rng.randint(50, 1000))
            values.append(
                IndicatorValue(
                    unit_id=plan.unit_id,
                    indicator=indicator,
                    report_year=REPORT_YEAR,
                    kind=Kind.ASSIGNED,
                    value=target,
                )
            )
            values.append(
                IndicatorValue(
                    unit_id=plan.unit_id,
                    indicator=indicator,
                    report_year=REPORT_YEAR,
                    kind=Kind.ESTIMATE,
                    value=target * Decimal("0.9"),
                )
            )
    IndicatorValue.objects.bulk_create(values, batch_size=5000)
    activities = Activity.objects.bulk_create(
        (
            Activity(
                plan=plan,
                title=f"Hoạt động {k} xã {plan.unit_id}",
                sector=sectors[k % len(sectors)],
                cost_estimate=100_000_000 + k * 1_000_000,
                responsible=plan.agency,
                status=ActivityStatus.FUNDED,
            )
            for plan in plans
            for k in range(args.activities)
        ),
        batch_size=5000,
    )
    rows = []
    for plan in plans:
        base = {
            "plan": plan,
            "data_source": "Thống kê",
            "collector_id": plan.agency_id,
            "frequency": "quarterly",
            "report_form": "Biểu 01",
            "report_to_id": plan.agency_id,
        }
        for order, indicator in enumerate(indicators):
            latest = rng.random() < 0.9
            rows.append(
                FrameworkRow(
                    indicator=indicator,
                    order=order,
                    latest_period_end=datetime.date(2027, 6, 30) if latest else None,
                    latest_share=Decimal("0.5") if latest else None,
                    latest_value=Decimal(rng.randint(20, 1000)) if latest else None,
                    **base,
                )
            )
    for index, activity in enumerate(activities):
        plan = plans[index // args.activities]
        rows.append(
            FrameworkRow(
                plan=plan,
                activity=activity,
                data_source="Báo cáo",
                collector_id=plan.agency_id,
                frequency="quarterly",
                report_form="Biểu 02",
                report_to_id=plan.agency_id,
                progress_status=rng.choice(["in_progress", "stalled", "completed"]),
                percent_done=rng.randint(0, 100),
                spent=rng.randint(0, 130_000_000),
            )
        )
    rows = FrameworkRow.objects.bulk_create(rows, batch_size=5000)
    FrameworkState.objects.bulk_create(
        FrameworkState(plan=plan, completed_at=now, monitoring_started_at=now) for plan in plans
    )
    tasks = [
        CollectionTask(
            row=row,
            plan_id=row.plan_id,
            agency_id=row.collector_id,
            unit_id=row.plan.unit_id,
            year=REPORT_YEAR + 1,
            frequency="quarterly",
            number=n,
            period_end=period_end("quarterly", n, REPORT_YEAR + 1),
            due_date=period_end("quarterly", n, REPORT_YEAR + 1) + datetime.timedelta(days=10),
            status="reported" if n <= 2 else "open",
        )
        for row in rows
        for n in range(1, 5)
    ]
    CollectionTask.objects.bulk_create(tasks, batch_size=5000)
    adjusted(plans, indicators, activities, args.activities, rng)
    return user, province, plans


def adjusted(plans, indicators, activities, per_plan, rng):
    """Every fourth plan was adjusted by a resolution: its "revised" version, frozen with its
    activities and revised targets, is what the dashboard measures it against (read from the
    version's snapshot, targets_in_force)."""
    from sedp.indicators.models import Kind
    from sedp.plans.models import PlanVersion
    from sedp.revisions.models import Milestone, Stage

    chosen = [(i, plan) for i, plan in enumerate(plans) if i % 4 == 0]
    versions = PlanVersion.objects.bulk_create(
        PlanVersion(
            plan=plan,
            number=1,
            label=Stage.REVISED,
            snapshot={
                "status": "approved",
                "sections": {},
                "activities": [
                    {"pk": a.pk, "title": a.title, "cost_estimate": a.cost_estimate}
                    for a in activities[i * per_plan : (i + 1) * per_plan]
                ],
                "indicators": {
                    f"{indicator.pk}:{Kind.REVISED}": str(rng.randint(50, 1000))
                    for indicator in indicators
                },
            },
        )
        for i, plan in chosen
    )
    Milestone.objects.bulk_create(
        Milestone(plan=plan, stage=Stage.REVISED, key="adjustment:1", version=version)
        for (_i, plan), version in zip(chosen, versions, strict=True)
    )
    print(f"{len(chosen)} plans adjusted (revised targets read from their revised versions)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--districts", type=int, default=10)
    parser.add_argument("--communes", type=int, default=11, help="per district")
    parser.add_argument("--indicators", type=int, default=40)
    parser.add_argument("--activities", type=int, default=30, help="per commune plan")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    setup_django(Path(tmp.name) / "bench.sqlite3")

    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from sedp.monitoring import dashboard, services
    from sedp.monitoring.models import CollectionTask, FrameworkRow

    setup_test_environment()
    print(f"database: {connection.vendor}")
    (user, province, plans), seconds = timed(lambda: build(args))
    print(
        f"generated {len(plans)} monitored commune plans in {args.districts} districts: "
        f"{FrameworkRow.objects.filter(indicator__isnull=False).count():,} targets, "
        f"{FrameworkRow.objects.filter(activity__isnull=False).count():,} activities, "
        f"{CollectionTask.objects.count():,} collection tasks: {seconds:.1f} s"
    )
    day = datetime.date(2027, 7, 15)

    def board(**kwargs):
        with CaptureQueriesContext(connection) as queries:
            data, seconds = timed(lambda: dashboard.build(user=user, day=day, **kwargs), repeat=5)
        return data, seconds, len(queries) // 5

    data, seconds, queries = board(unit=province, report_year=REPORT_YEAR)
    counts = data["totals"].counts
    print(
        f"\nprovince dashboard ({data['target_total']:,} targets: {counts['off']} off track, "
        f"{counts['risk']} at risk, {counts['on']} on track, {counts['none']} no data; "
        f"{data['totals'].activities:,} activities, {data['totals'].late} late, "
        f"{data['totals'].over_budget} over budget): median {seconds * 1000:.0f} ms, "
        f"{queries} queries (goal < 500 ms)"
    )
    district = plans[0].unit.parent
    _, seconds, queries = board(unit=district, report_year=REPORT_YEAR)
    print(f"district dashboard: median {seconds * 1000:.0f} ms, {queries} queries")
    _, seconds, queries = board(plan=plans[0])
    print(f"one plan's dashboard: median {seconds * 1000:.0f} ms, {queries} queries")

    client = Client()
    client.login(username="skhdt.bench", password="bench-pass")
    url = f"/monitoring/units/{province.pk}/?year={REPORT_YEAR}"
    reset_queries()  # each request resets the log; start from zero as it does
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    _, seconds = timed(lambda: client.get(url), repeat=5)
    print(f"province dashboard page (HTML): median {seconds * 1000:.0f} ms, {len(queries)} queries")

    plan = plans[-1]
    CollectionTask.objects.filter(plan=plan).delete()
    with CaptureQueriesContext(connection) as queries:
        created, seconds = timed(lambda: services.monitoring_start(user=None, plan=plan))
    print(
        f"start monitoring one plan ({created} tasks): {seconds * 1000:.0f} ms, "
        f"{len(queries)} queries"
    )
    task = CollectionTask.objects.filter(plan=plan, row__indicator__isnull=False, number=2).first()
    admin = type(user).objects.create_superuser("admin.bench", password="bench-pass")
    _, seconds = timed(lambda: services.report_value(user=admin, task=task, value="123"))
    print(f"report one 6-month value (into the indicators, figures refreshed): "
          f"{seconds * 1000:.0f} ms")  # fmt: skip
    reminders(plans, day)
    tmp.cleanup()


def reminders(plans, day):
    """The collection reminders of `send_reminders` over every task: a first run on 15/07
    (the 1st and 2nd quarters' reports late, escalated to each commune's UBND), the same run
    again (nothing new), and a commune group's "my reporting work" page with its notices."""
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sedp.accounts.models import Membership, Role
    from sedp.monitoring.models import CollectionNotice, CollectionTask, TaskStatus
    from sedp.monitoring.reminders import create_collection_notices
    from sedp.territory.models import Agency, AgencyKind, Reach

    Agency.objects.bulk_create(
        Agency(unit=p.unit, kind=AgencyKind.PEOPLES_COMMITTEE, name=f"UBND {p.unit.name}",
               reach=Reach.TERRITORY)
        for p in plans
    )  # fmt: skip
    run = {"day": day, "days_before": 3, "escalate_after": 5}
    created, seconds = timed(lambda: create_collection_notices(**run))
    print(
        f"\ncollection reminders, first run ({', '.join(f'{k} {n:,}' for k, n in created.items())}"
        f"): {seconds * 1000:.0f} ms"
    )
    created, seconds = timed(lambda: create_collection_notices(**run), repeat=3)
    print(f"same run again ({sum(created.values())} new): median {seconds * 1000:.0f} ms")
    # Worst case: no report made all year, the run after the year-end deadline.
    CollectionTask.objects.update(status=TaskStatus.OPEN)
    run["day"] = datetime.date(2028, 2, 15)
    created, seconds = timed(lambda: create_collection_notices(**run))
    print(
        f"no report all year, run on 15/02 ({', '.join(f'{k} {n:,}' for k, n in created.items())}"
        f"): {seconds * 1000:.0f} ms"
    )
    created, seconds = timed(lambda: create_collection_notices(**run), repeat=3)
    print(f"same run again ({sum(created.values())} new): median {seconds * 1000:.0f} ms")
    agency = plans[0].agency
    user = get_user_model().objects.create_user("xa.bench", password="bench-pass")
    Membership.objects.create(user=user, agency=agency, role=Role.PLANNER)
    client = Client()
    client.login(username="xa.bench", password="bench-pass")
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/monitoring/work/")
    assert response.status_code == 200, response.status_code
    _, seconds = timed(lambda: client.get("/monitoring/work/"), repeat=5)
    notices = CollectionNotice.objects.filter(agency=agency).count()
    print(f"a commune's reporting work page ({notices} notices): median {seconds * 1000:.0f} ms, "
          f"{len(queries)} queries")  # fmt: skip
    notice_centre(user, plans[0].unit)


def notice_centre(user, commune):
    """The notification centre ("Thông báo") of a user of the commune's planning group and its
    UBND (which receives the escalations), and the header badge's count, on every page."""
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from sedp.accounts.models import Membership, Role
    from sedp.cycles.notices import unread_count
    from sedp.monitoring.models import CollectionNotice
    from sedp.territory.models import Agency, AgencyKind

    ubnd = Agency.objects.get(unit=commune, kind=AgencyKind.PEOPLES_COMMITTEE)
    Membership.objects.create(user=user, agency=ubnd, role=Role.LEADER)
    client = Client()
    client.login(username=user.username, password="bench-pass")
    url = reverse("cycles-notice-list")
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    _, seconds = timed(lambda: client.get(url), repeat=5)
    notices = CollectionNotice.objects.filter(agency__in=user.memberships.values("agency")).count()
    print(f"notification centre, first page of {notices} collection notices: "
          f"median {seconds * 1000:.0f} ms, {len(queries)} queries")  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        count, seconds = timed(lambda: unread_count(user=user), repeat=5)
    print(f"unread badge ({count}): median {seconds * 1000:.2f} ms, "
          f"{len(queries) // 5} queries")  # fmt: skip


if __name__ == "__main__":
    main()
