"""Benchmark for issue F: a province's full consolidation across sector lines and territories.

Generated province: D districts, ≈150 communes × 15 villages × 20 activities (45 000 accepted
village activities), four sectors with a district office in every district and a Sở at the
province (the other sectors go straight up the territory). Measured, in the production code:
1. the communes consolidate their villages (sedp.plans, for reference);
2. province-wide consolidation (goal < 5 s on PostgreSQL): every district office's sector plan,
   every district plan, the Sở's sector plans, the provincial plan;
3. the consolidation views on the provincial plan: every origin down to the village (one
   recursive query), totals by sector and by territory, sectors against territories.
Reviews are set directly (they are not what is measured).

Run: make bench-province   (PostgreSQL via bin/with-throwaway-postgres, then SQLite)
or:  .venv/bin/python bench/bench_province.py [--districts 10] [--communes 150]
     [--villages 15] [--activities 20]
Uses a throwaway SQLite file unless DATABASE_URL is set. Prints the figures; asserts nothing
except that every village activity reaches the province exactly once.
"""

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_territory import setup_django, timed  # noqa: E402

YEAR = 2026


def build(args):
    from django.contrib.auth import get_user_model

    from sedp.activities.models import Activity
    from sedp.plans.models import Plan, PlanKind, PlanStatus
    from sedp.territory.models import (
        KIND_REACH,
        AdminLevel,
        AdminUnit,
        Agency,
        AgencyKind,
        Reach,
        Sector,
        TerritoryStructure,
    )
    from sedp.territory.reference import ensure_sectors
    from sedp.upper.models import RoutedPlan

    K = AgencyKind
    ensure_sectors()
    sectors = list(Sector.objects.all())
    lines = [s for s in sectors if s.parent_id is None][:4]
    structure = TerritoryStructure.objects.create(code="bench-f", name="Bench F")
    levels = [
        AdminLevel.objects.create(structure=structure, code=c, name=c, rank=i, unit_types=[c])
        for i, c in enumerate(["tinh", "huyen", "xa", "thon"])
    ]

    def unit(level, parent, code):
        u = AdminUnit.objects.create(
            structure=structure,
            level=levels[level],
            parent=parent,
            code=code,
            name=code,
            unit_type=["tinh", "huyen", "xa", "thon"][level],
            path="",
            depth=level,
            name_search=code,
        )
        u.path = f"{parent.path if parent else '/'}{u.pk}/"
        u.save(update_fields=["path"])
        return u

    def agency(where, kind, name, sector=None):
        return Agency.objects.create(
            unit=where, kind=kind, name=name, sector=sector, reach=KIND_REACH.get(kind, Reach.OWN)
        )

    admin = get_user_model().objects.create_superuser("admin.bench", password="bench-pass")
    province = unit(0, None, "P")
    planning = agency(province, K.PLANNING_DEPARTMENT, "Sở KHĐT")
    departments = [agency(province, K.SECTOR_DEPARTMENT, f"Sở {s.name}", s) for s in lines]
    districts, communes = [], []
    per_district = max(1, args.communes // args.districts)
    for d in range(args.districts):
        district = unit(1, province, f"D{d}")
        tckh = agency(district, K.FINANCE_PLANNING_OFFICE, f"Phòng TCKH {d}")
        offices = [
            agency(district, K.DISTRICT_SECTOR_OFFICE, f"Phòng {s.name} {d}", s) for s in lines
        ]
        districts.append((district, tckh, offices))
        for c in range(per_district):
            commune = unit(2, district, f"D{d}C{c}")
            group = agency(commune, K.COMMUNE_PLANNING_GROUP, f"Tổ KH xã {d}.{c}")
            commune_plan = Plan.objects.create(
                kind=PlanKind.COMMUNE_PLAN, report_year=YEAR, unit=commune, agency=group
            )
            proposals = []
            for v in range(args.villages):
                village = unit(3, commune, f"D{d}C{c}V{v}")
                vgroup = agency(village, K.VILLAGE_WORKING_GROUP, f"Tổ thôn {d}.{c}.{v}")
                proposals.append(
                    Plan(
                        kind=PlanKind.VILLAGE_PROPOSAL,
                        report_year=YEAR,
                        unit=village,
                        agency=vgroup,
                        status=PlanStatus.ACCEPTED,
                    )
                )
            proposals = Plan.objects.bulk_create(proposals)
            Activity.objects.bulk_create(
                Activity(
                    plan=p,
                    title=f"Hoạt động {k}",
                    sector=sectors[(k * 7 + i) % len(sectors)],
                    place=p.unit,
                    cost_estimate=100_000_000 + k * 1_000_000,
                    priority=k + 1,
                    order=k,
                )
                for i, p in enumerate(proposals)
                for k in range(args.activities)
            )
            communes.append(commune_plan)
    return admin, planning, departments, districts, communes, RoutedPlan


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--districts", type=int, default=10)
    parser.add_argument("--communes", type=int, default=150)
    parser.add_argument("--villages", type=int, default=15)
    parser.add_argument("--activities", type=int, default=20)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    setup_django(Path(tmp.name) / "bench.sqlite3")

    from django.db import connection

    from sedp.activities.models import Activity
    from sedp.plans.consolidation import plan_consolidate
    from sedp.plans.models import Plan, PlanKind, PlanStatus
    from sedp.upper import selectors
    from sedp.upper.models import DispatchPurpose, DispatchStatus, PlanDispatch

    print(f"database: {connection.vendor}")
    built, seconds = timed(lambda: build(args))
    admin, planning, departments, districts, communes, RoutedPlan = built
    villages = Activity.objects.filter(plan__kind=PlanKind.VILLAGE_PROPOSAL).count()
    print(
        f"generated {len(districts)} districts, {len(communes)} communes × {args.villages} "
        f"villages × {args.activities} activities = {villages:,} village activities: "
        f"{seconds:.1f} s"
    )

    def communes_step():
        for plan in communes:
            plan_consolidate(user=admin, plan=plan)
        Plan.objects.filter(pk__in=[p.pk for p in communes]).update(status=PlanStatus.ACCEPTED)
        RoutedPlan.objects.bulk_create(
            RoutedPlan(plan=p, routed_by=districts[0][1]) for p in communes
        )

    _, seconds = timed(communes_step)
    print(f"1. {len(communes)} communes consolidate their villages: {seconds:.2f} s")

    def accept(plans):
        Plan.objects.filter(pk__in=[p.pk for p in plans]).update(status=PlanStatus.ACCEPTED)

    steps = {}

    slowest = {}

    def province_wide():
        def step(name, fn):
            statements = []

            def clock(execute, sql, params, many, context):
                start = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    statements.append((time.perf_counter() - start, sql[:60]))

            with connection.execute_wrapper(clock):
                _, seconds = timed(fn)
            steps[name] = seconds
            slowest[name] = max(statements)

        sector_plans = []

        def district_sector_plans():
            for district, _tckh, offices in districts:
                for office in offices:
                    plan = Plan.objects.create(
                        kind=PlanKind.DISTRICT_SECTOR_PLAN,
                        report_year=YEAR,
                        unit=district,
                        agency=office,
                    )
                    plan_consolidate(user=admin, plan=plan)
                    sector_plans.append(plan)
            accept(sector_plans)
            departments_by_sector = {d.sector_id: d for d in departments}
            PlanDispatch.objects.bulk_create(
                PlanDispatch(
                    plan=p,
                    purpose=DispatchPurpose.SECTOR_LINE,
                    recipient=departments_by_sector[p.agency.sector_id],
                    recipient_name="Sở",
                    status=DispatchStatus.ACCEPTED,
                )
                for p in sector_plans
            )

        step(f"{len(districts) * len(departments)} district sector plans", district_sector_plans)
        district_plans = []

        def district_plan_step():
            for district, tckh, _offices in districts:
                plan = Plan.objects.create(
                    kind=PlanKind.DISTRICT_PLAN, report_year=YEAR, unit=district, agency=tckh
                )
                plan_consolidate(user=admin, plan=plan)
                district_plans.append(plan)
            accept(district_plans)

        step(f"{len(districts)} district plans", district_plan_step)
        province_sector = []

        def province_sector_step():
            for department in departments:
                plan = Plan.objects.create(
                    kind=PlanKind.PROVINCE_SECTOR_PLAN,
                    report_year=YEAR,
                    unit=department.unit,
                    agency=department,
                )
                plan_consolidate(user=admin, plan=plan)
                province_sector.append(plan)
            accept(province_sector)

        step(f"{len(departments)} provincial sector plans", province_sector_step)
        holder = {}

        def province_step():
            plan = Plan.objects.create(
                kind=PlanKind.PROVINCE_PLAN, report_year=YEAR, unit=planning.unit, agency=planning
            )
            plan_consolidate(user=admin, plan=plan)
            holder["plan"] = plan

        step("the provincial plan", province_step)
        return holder["plan"]

    province, seconds = timed(province_wide)
    print(f"2. province-wide consolidation: {seconds:.2f} s (goal < 5 s on PostgreSQL)")
    for name, step_seconds in steps.items():
        worst, sql = slowest[name]
        print(f"   {name:<32}{step_seconds:>7.2f} s  (slowest statement {worst:.2f} s: {sql}…)")

    print(f"3. views on the provincial plan ({province.activities.count():,} lines)")
    pairs, seconds = timed(lambda: selectors.leaf_pairs(plan=province))
    leaves = Counter(leaf for _line, leaf in pairs)
    exactly_once = len(leaves) == villages and set(leaves.values()) == {1}
    print(
        f"   every origin down to the village   {seconds:>7.2f} s  "
        f"({len(pairs):,} pairs; each village activity once: {exactly_once})"
    )
    totals, seconds = timed(lambda: selectors.totals_by_sector_and_territory(province))
    print(
        f"   totals by sector and territory     {seconds:>7.2f} s  "
        f"(equal: {totals['sector_total'] == totals['territory_total']})"
    )
    counted = []

    def count(execute, sql, params, many, context):
        counted.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        _, seconds = timed(lambda: selectors.sector_against_territory(province))
    print(f"   sectors against territories        {seconds:>7.2f} s  ({len(counted)} queries)")
    page = list(selectors.trace_lines(province)[:50])
    counted.clear()
    with connection.execute_wrapper(count):
        _, seconds = timed(lambda: selectors.lines_with_origins(page))
    print(f"   one trace page (50 lines)          {seconds:>7.2f} s  ({len(counted)} queries)")
    if not exactly_once:
        sys.exit("a village activity did not reach the province exactly once")
    tmp.cleanup()


if __name__ == "__main__":
    main()
