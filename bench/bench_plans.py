"""Benchmark for issue D: consolidating a commune of 40 villages × 25 activities (goal
< 300 ms), a province's communes one after another, the conference workbench's recompute,
and the plan pages (commune plan, workbench, draft, khung KH xã) with their query counts.

Run: make bench   (or: .venv/bin/python bench/bench_plans.py [--villages 40]
                   [--activities 25] [--communes 20])
Uses a throwaway SQLite file unless DATABASE_URL is set. Prints the figures; asserts nothing.
Proposals are generated with bulk inserts (the services' per-row checks are not what is
measured); consolidation and the pages run exactly as in production.
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_territory import setup_django, timed  # noqa: E402


def build(args):
    """One province → district → N communes, each with villages, groups and accepted proposals."""
    from django.contrib.auth import get_user_model

    from sedp.accounts.models import Membership, Role
    from sedp.activities.models import Activity
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

    ensure_sectors()
    sectors = list(Sector.objects.all())
    structure = TerritoryStructure.objects.create(code="bench", name="Bench")
    levels = [
        AdminLevel.objects.create(structure=structure, code=c, name=c, rank=i, unit_types=[t])
        for i, (c, t) in enumerate(
            [("tinh", "tinh"), ("huyen", "huyen"), ("xa", "xa"), ("thon", "thon")]
        )
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

    province = unit(0, None, "P", "tinh")
    district = unit(1, province, "D", "huyen")
    user = get_user_model().objects.create_user("kh.bench", password="bench-pass")
    admin = get_user_model().objects.create_superuser("admin.bench", password="bench-pass")
    communes = []
    for c in range(args.communes):
        commune = unit(2, district, f"C{c}", "xa")
        group = Agency.objects.create(
            unit=commune,
            kind=AgencyKind.COMMUNE_PLANNING_GROUP,
            name=f"Tổ công tác xã {c}",
            reach=Reach.TERRITORY,
        )
        if c == 0:
            Membership.objects.create(user=user, agency=group, role=Role.PLANNER)
        plan = Plan.objects.create(
            kind=PlanKind.COMMUNE_PLAN, report_year=2026, unit=commune, agency=group
        )
        proposals = []
        for v in range(args.villages):
            village = unit(3, commune, f"C{c}V{v}", "thon")
            agency = Agency.objects.create(
                unit=village,
                kind=AgencyKind.VILLAGE_WORKING_GROUP,
                name=f"Tổ thôn {c}.{v}",
                reach=Reach.OWN,
            )
            proposals.append(
                Plan(
                    kind=PlanKind.VILLAGE_PROPOSAL,
                    report_year=2026,
                    unit=village,
                    agency=agency,
                    status=PlanStatus.ACCEPTED,
                )
            )
        proposals = Plan.objects.bulk_create(proposals)
        Activity.objects.bulk_create(
            Activity(
                plan=p,
                title=f"Hoạt động {k} của {p.agency.name}",
                sector=sectors[(k * 7 + i) % len(sectors)],
                place=p.unit,
                cost_estimate=100_000_000 + k * 1_000_000,
                people_cash=5_000_000,
                people_labour=10_000_000,
                people_labour_days=100,
                fund_target_programmes=50_000_000,
                for_women=k % 2 == 0,
                for_poor_households=k % 3 == 0,
                priority=k + 1,
                order=k,
            )
            for i, p in enumerate(proposals)
            for k in range(args.activities)
        )
        communes.append(plan)
    return user, admin, communes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--villages", type=int, default=40)
    parser.add_argument("--activities", type=int, default=25)
    parser.add_argument("--communes", type=int, default=20)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    setup_django(Path(tmp.name) / "bench.sqlite3")

    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sedp.activities.models import Activity
    from sedp.plans.consolidation import plan_consolidate

    # No setup_test_environment(): its template instrumentation copies every context and
    # about doubles the render times; the pages are timed as they run in production.
    print(f"database: {connection.vendor}")
    (user, admin, communes), seconds = timed(lambda: build(args))
    per_commune = args.villages * args.activities
    print(
        f"generated {args.communes} communes × {args.villages} villages × {args.activities} "
        f"activities = {Activity.objects.count():,} proposed activities: {seconds:.1f} s"
    )

    first = communes[0]

    def consolidate_fresh():
        first.activities.all().delete()  # start over: consolidation only adds what is new
        with CaptureQueriesContext(connection) as queries:
            _, seconds = timed(lambda: plan_consolidate(user=user, plan=first))
        return seconds, len(queries)

    samples = [consolidate_fresh() for _ in range(5)]
    times = sorted(s for s, _q in samples)
    print(
        f"\nconsolidate one commune ({per_commune} activities → {first.activities.count()} "
        f"lines with origins): median {times[2] * 1000:.0f} ms, best {times[0] * 1000:.0f} ms, "
        f"{samples[0][1]} queries (goal < 300 ms)"
    )
    _, seconds = timed(lambda: plan_consolidate(user=user, plan=first))
    print(f"consolidate it again (nothing new): {seconds * 1000:.0f} ms")

    rest = communes[1:]
    _, seconds = timed(lambda: [plan_consolidate(user=admin, plan=p) for p in rest])
    print(
        f"consolidate the province's other {len(rest)} communes "
        f"({len(rest) * per_commune:,} activities): {seconds:.2f} s "
        f"({seconds / max(len(rest), 1) * 1000:.0f} ms per commune)"
    )

    # The conference's workbench on the same commune: envelopes for about half the needs.
    from sedp.activities import balancing
    from sedp.activities.services import envelopes_set
    from sedp.meetings.services import conference_record

    envelopes_set(
        user=user,
        plan=first,
        amounts={"commune_development": 20_000_000_000, "balanced_revenue": 5_000_000_000},
    )
    import datetime

    conference_record(user=user, plan=first, date=datetime.date(2026, 6, 19), men=40, women=20)
    reset_queries()
    lines = list(first.activities.values_list("pk", flat=True))
    what_if = {f"rank_{lines[-1]}": "1", f"cost_{lines[3]}": "50000000", "weight_on": "1"}
    with CaptureQueriesContext(connection) as queries:
        balance = balancing.workbench(first, what_if)
    _, seconds = timed(lambda: balancing.workbench(first, what_if), repeat=5)
    print(
        f"\nworkbench recompute ({len(balance.lines)} lines, {len(balance.above)} above the "
        f"cut line, weight on): {seconds * 1000:.0f} ms, {len(queries)} queries"
    )

    client = Client()
    client.login(username="kh.bench", password="bench-pass")
    village = first.unit.children.first().plans.first()
    count = first.activities.count()
    pages = [
        ("/plans/?year=2026", "plan list"),
        (f"/plans/{first.pk}/", f"commune plan ({count} lines)"),
        (f"/plans/{first.pk}/?page=20", "commune plan, page 20"),
        (f"/activities/plan/{first.pk}/workbench/", f"workbench ({count} lines)"),
        (f"/plans/{first.pk}/draft/", "draft checklist"),
        (f"/plans/{first.pk}/framework/", f"khung KH xã ({count} rows)"),
        (f"/plans/{first.pk}/framework/?format=xlsx", "khung KH xã, XLSX"),
        (f"/plans/{village.pk}/", f"village proposal ({village.activities.count()} rows)"),
    ]
    print(f"\n{'page':<34}{'queries':>8}{'median ms':>11}")
    for url, label in pages:
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        _, seconds = timed(lambda url=url: client.get(url), repeat=5)
        print(f"{label:<34}{len(queries):>8}{seconds * 1000:>11.1f}")
    url = f"/activities/plan/{first.pk}/workbench/"
    reset_queries()  # the query log keeps 9 000 entries: the count needs room
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, what_if, HTTP_HX_REQUEST="true")
    assert response.status_code == 200, response.status_code
    _, seconds = timed(lambda: client.post(url, what_if, HTTP_HX_REQUEST="true"), repeat=5)
    label = "workbench what-if (htmx POST)"
    print(f"{label:<34}{len(queries):>8}{seconds * 1000:>11.1f}")
    tmp.cleanup()


if __name__ == "__main__":
    main()
