"""Benchmark for issue F: a province's full consolidation across sector lines and territories.

Generated province: D districts, ≈150 communes × 15 villages × 20 activities (45 000 accepted
village activities), four sectors with a district office in every district and a Sở at the
province (the other sectors go straight up the territory). Measured, in the production code:
1. the communes consolidate their villages (sedp.plans);
2. province-wide consolidation (goal < 5 s on PostgreSQL): every district office's sector plan,
   every district plan, the Sở's sector plans, the provincial plan;
   "1 + 2" is the whole province, villages to the provincial draft, held to the same goal;
3. the consolidation views on the provincial plan: every origin down to the village (one
   recursive query), totals by sector and by territory, sectors against territories.
Reviews are set directly (they are not what is measured). On PostgreSQL the tables are
ANALYZEd after the bulk load (autovacuum would have done it on a live database). The CPU
seconds of this process (Python; SQLite runs inside it) and of the PostgreSQL server process
(when it runs on this machine) are printed next to the wall clock: on a shared machine the
wall clock also counts the time spent waiting for a CPU.

--national: the national tree of bench/national_tree.py (63 provinces × 11 districts × 15
communes × 7 villages, its agencies), then plans and activities in a sample of provinces
(--sample, default 3; --sample 63 for all of them), each consolidated from the villages up.

Run: make bench-province   (PostgreSQL via bin/with-throwaway-postgres, then SQLite)
or:  .venv/bin/python bench/bench_province.py [--districts 10] [--communes 150]
     [--villages 15] [--activities 20] [--national [--sample 3]]
Uses a throwaway SQLite file unless DATABASE_URL is set. Prints the figures; asserts nothing
except that every village activity reaches its province exactly once.
"""

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_territory import setup_django, timed  # noqa: E402

YEAR = 2026


def build(args):
    """One generated province: returns its bodies, districts, communes and villages."""
    from sedp.territory.models import (
        KIND_REACH,
        AdminLevel,
        AdminUnit,
        Agency,
        AgencyKind,
        Reach,
        TerritoryStructure,
    )

    K = AgencyKind
    lines = sector_lines()
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

    province = unit(0, None, "P")
    planning = agency(province, K.PLANNING_DEPARTMENT, "Sở KHĐT")
    departments = [agency(province, K.SECTOR_DEPARTMENT, f"Sở {s.name}", s) for s in lines]
    districts = []
    per_district = max(1, args.communes // args.districts)
    for d in range(args.districts):
        district = unit(1, province, f"D{d}")
        tckh = agency(district, K.FINANCE_PLANNING_OFFICE, f"Phòng TCKH {d}")
        offices = [
            agency(district, K.DISTRICT_SECTOR_OFFICE, f"Phòng {s.name} {d}", s) for s in lines
        ]
        communes = []
        for c in range(per_district):
            commune = unit(2, district, f"D{d}C{c}")
            group = agency(commune, K.COMMUNE_PLANNING_GROUP, f"Tổ KH xã {d}.{c}")
            villages = []
            for v in range(args.villages):
                village = unit(3, commune, f"D{d}C{c}V{v}")
                villages.append(agency(village, K.VILLAGE_WORKING_GROUP, f"Tổ thôn {d}.{c}.{v}"))
            communes.append((group, villages))
        districts.append((tckh, offices, communes))
    return SimpleNamespace(planning=planning, departments=departments, districts=districts)


def national(args):
    """The national tree, then the bodies of the sample provinces: the first four Sở ngành
    and district offices of each take the four sector lines (the generated tree gives them
    all one test sector)."""
    import national_tree

    from sedp.territory.models import AdminUnit, Agency, AgencyKind

    K = AgencyKind
    lines = sector_lines()
    tree, seconds = timed(lambda: national_tree.build(villages=args.villages))
    print(f"national tree {tree['counts']}: {seconds:.1f} s")
    provinces = AdminUnit.objects.filter(structure=tree["structure"], depth=0).order_by("pk")
    sample = []
    for province in provinces[: args.sample]:
        agencies = {}
        for agency in (
            Agency.objects.filter(unit__path__startswith=province.path)
            .select_related("unit")
            .order_by("pk")
        ):
            agencies.setdefault((agency.unit_id, agency.kind), []).append(agency)

        def bodies(unit, kind, agencies=agencies):
            found = agencies[(unit.pk, kind)][: len(lines)]
            for body, sector in zip(found, lines, strict=False):
                body.sector = sector
            Agency.objects.bulk_update(found, ["sector"])
            return found

        districts = []
        for district in province.children.order_by("pk"):
            communes = []
            for commune in district.children.order_by("pk"):
                villages = [
                    agencies[(village.pk, K.VILLAGE_WORKING_GROUP)][0]
                    for village in commune.children.order_by("pk")
                ]
                communes.append((agencies[(commune.pk, K.COMMUNE_PLANNING_GROUP)][0], villages))
            tckh = agencies[(district.pk, K.FINANCE_PLANNING_OFFICE)][0]
            districts.append((tckh, bodies(district, K.DISTRICT_SECTOR_OFFICE), communes))
        sample.append(
            SimpleNamespace(
                planning=agencies[(province.pk, K.PLANNING_DEPARTMENT)][0],
                departments=bodies(province, K.SECTOR_DEPARTMENT),
                districts=districts,
            )
        )
    return sample


def sector_lines():
    from sedp.territory.reference import ensure_sectors

    ensure_sectors()
    return [s for s in activity_sectors() if s.parent_id is None][:4]


def activity_sectors():
    """The reference sectors, in their catalogue order (not national_tree's test sector)."""
    from sedp.territory.models import Sector

    return list(Sector.objects.exclude(code="bench-sector"))


def add_plans(province, args):
    """Accepted village proposals with their activities, and an empty plan per commune."""
    from sedp.activities.models import Activity
    from sedp.plans.models import Plan, PlanKind, PlanStatus

    sectors = activity_sectors()
    province.communes = []
    for _tckh, _offices, communes in province.districts:
        for group, villages in communes:
            province.communes.append(
                Plan.objects.create(
                    kind=PlanKind.COMMUNE_PLAN, report_year=YEAR, unit=group.unit, agency=group
                )
            )
            proposals = Plan.objects.bulk_create(
                Plan(
                    kind=PlanKind.VILLAGE_PROPOSAL,
                    report_year=YEAR,
                    unit=vgroup.unit,
                    agency=vgroup,
                    status=PlanStatus.ACCEPTED,
                )
                for vgroup in villages
            )
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
    below = province.planning.unit.path
    return Activity.objects.filter(
        plan__kind=PlanKind.VILLAGE_PROPOSAL, plan__unit__path__startswith=below
    ).count()


def analyze():
    from django.db import connection

    if connection.vendor == "postgresql":
        # Fresh bulk loads have no planner statistics yet; autovacuum would gather them soon.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def server_cpu():
    """CPU seconds used so far by this connection's PostgreSQL process (None elsewhere)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_note(before, after):
    """The CPU seconds of this process (Python, and SQLite which runs inside it) and of the
    PostgreSQL server process between two readings of (process_time, server_cpu)."""
    process = f"process CPU {after[0] - before[0]:.2f} s"
    if before[1] is None or after[1] is None:
        return f"  [{process}]"
    return f"  [{process}, PostgreSQL CPU {after[1] - before[1]:.2f} s]"


def cpu_now():
    return (time.process_time(), server_cpu())


def consolidate(admin, province):
    """Step 1 (communes) and step 2 (everything above), each plan by the production
    service; returns the provincial plan and prints the figures."""
    from django.db import connection

    from sedp.plans.consolidation import plan_consolidate
    from sedp.plans.models import Plan, PlanKind, PlanStatus
    from sedp.upper.models import DispatchPurpose, DispatchStatus, PlanDispatch, RoutedPlan

    def accept(plans):
        Plan.objects.filter(pk__in=[p.pk for p in plans]).update(status=PlanStatus.ACCEPTED)

    def plan_of(kind, agency):
        return Plan.objects.create(kind=kind, report_year=YEAR, unit=agency.unit, agency=agency)

    def communes_step():
        for plan in province.communes:
            plan_consolidate(user=admin, plan=plan)
        accept(province.communes)
        tckh_of = {
            group.unit.parent_id: tckh
            for tckh, _offices, communes in province.districts
            for group, _villages in communes
        }
        RoutedPlan.objects.bulk_create(
            RoutedPlan(plan=p, routed_by=tckh_of[p.unit.parent_id]) for p in province.communes
        )

    cpu = cpu_now()
    _, communes_seconds = timed(communes_step)
    after = cpu_now()
    print(
        f"1. {len(province.communes)} communes consolidate their villages: "
        f"{communes_seconds:.2f} s{cpu_note(cpu, after)}"
    )
    start_all = cpu

    steps = {}

    def step(name, fn):
        statements = []

        def clock(execute, sql, params, many, context):
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                statements.append((time.perf_counter() - start, sql[:60]))

        before = cpu_now()
        with connection.execute_wrapper(clock):
            _, seconds = timed(fn)
        steps[name] = (seconds, max(statements), len(statements), cpu_note(before, cpu_now()))

    def district_sector_plans():
        sector_plans = []
        for _tckh, offices, _communes in province.districts:
            for office in offices:
                plan = plan_of(PlanKind.DISTRICT_SECTOR_PLAN, office)
                plan_consolidate(user=admin, plan=plan)
                sector_plans.append(plan)
        accept(sector_plans)
        departments_by_sector = {d.sector_id: d for d in province.departments}
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

    def district_plans():
        plans = [plan_of(PlanKind.DISTRICT_PLAN, tckh) for tckh, _o, _c in province.districts]
        for plan in plans:
            plan_consolidate(user=admin, plan=plan)
        accept(plans)

    def province_sector_plans():
        plans = [plan_of(PlanKind.PROVINCE_SECTOR_PLAN, d) for d in province.departments]
        for plan in plans:
            plan_consolidate(user=admin, plan=plan)
        accept(plans)

    holder = {}

    def province_plan():
        holder["plan"] = plan_of(PlanKind.PROVINCE_PLAN, province.planning)
        plan_consolidate(user=admin, plan=holder["plan"])

    n_districts, n_departments = len(province.districts), len(province.departments)

    def province_wide():
        n_offices = sum(len(offices) for _t, offices, _c in province.districts)
        step(f"{n_offices} district sector plans", district_sector_plans)
        step(f"{n_districts} district plans", district_plans)
        step(f"{n_departments} provincial sector plans", province_sector_plans)
        step("the provincial plan", province_plan)

    cpu = cpu_now()
    _, seconds = timed(province_wide)
    after = cpu_now()
    print(
        f"2. province-wide consolidation: {seconds:.2f} s (goal < 5 s on PostgreSQL)"
        f"{cpu_note(cpu, after)}"
    )
    for name, (step_seconds, (worst, sql), count, note) in steps.items():
        print(
            f"   {name:<30}{step_seconds:>7.2f} s  {count:>4} statements{note}"
            f"  (slowest {worst:.2f} s: {sql}…)"
        )
    print(
        f"   1 + 2, villages to the provincial draft: {communes_seconds + seconds:.2f} s "
        f"(also < 5 s on PostgreSQL){cpu_note(start_all, after)}"
    )
    return holder["plan"], communes_seconds + seconds


def views(province, villages):
    """Step 3 on the provincial plan; returns whether every village activity is there once."""
    from django.db import connection

    from sedp.upper import selectors

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
    return exactly_once


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--districts", type=int, default=10)
    parser.add_argument("--communes", type=int, default=150)
    parser.add_argument("--villages", type=int, default=None, help="15 (national: 7)")
    parser.add_argument("--activities", type=int, default=20)
    parser.add_argument("--national", action="store_true", help="the national tree's provinces")
    parser.add_argument("--sample", type=int, default=3, help="national: provinces to run")
    args = parser.parse_args()
    if args.villages is None:
        args.villages = 7 if args.national else 15
    tmp = tempfile.TemporaryDirectory()
    setup_django(Path(tmp.name) / "bench.sqlite3")

    from django.contrib.auth import get_user_model
    from django.db import connection

    print(f"database: {connection.vendor}")
    admin = get_user_model().objects.create_superuser("admin.bench", password="bench-pass")
    provinces = national(args) if args.national else [build(args)]
    failed = False
    figures = []
    for number, province in enumerate(provinces, start=1):
        villages, seconds = timed(lambda province=province: add_plans(province, args))
        analyze()
        communes = sum(len(c) for _t, _o, c in province.districts)
        print(
            f"\nprovince {number}/{len(provinces)}: {len(province.districts)} districts, "
            f"{communes} communes, {villages:,} village activities "
            f"({args.activities} per village): generated in {seconds:.1f} s"
        )
        plan, seconds = consolidate(admin, province)
        figures.append(seconds)
        failed |= not views(plan, villages)
    if len(figures) > 1:
        print(
            f"\n{len(figures)} provinces, villages to the provincial draft: "
            f"{min(figures):.2f}–{max(figures):.2f} s each, {sum(figures):.1f} s in all"
        )
    if failed:
        sys.exit("a village activity did not reach its province exactly once")
    tmp.cleanup()


if __name__ == "__main__":
    main()
