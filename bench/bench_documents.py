"""Benchmark for issue E: generating plan documents and exporting tables.

- a commune plan with 1,000 and 2,000 activities (consolidated from village proposals, so its
  proposals annex has as many rows) as .docx, end to end (fingerprint, data, render, save);
- the M&E framework (one row per line of those plans) as its own annex, and the plan
  document ending with it as annex 05;
- a province plan with its province-wide indicator annex: 100+ units × 40 indicators, and
  with the units doubled, as .docx; and the same annex as .xlsx;
- the commune plan framework workbook (khung KH xã) of those plans: export, upload unchanged,
  and upload with every row edited (each saved through activity_update, with its event);
- the activities XLSX export of 50,000 and 100,000 rows, with its peak Python memory
  (tracemalloc) to show it does not grow with the rows.

Goals: each document under 3 s; doubling the rows at most 2.3× the time; constant memory.
Run: make bench   (or: .venv/bin/python bench/bench_documents.py [--activities 1000]
                   [--communes 24] [--districts 5] [--xlsx-rows 100000])
Uses a throwaway SQLite file unless DATABASE_URL is set. Prints the figures; asserts nothing.
Data is generated with bulk inserts (what is measured is the documents).
"""

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_territory import setup_django  # noqa: E402

YEAR = 2026
INDICATORS = 40


class Tree:
    """A province → districts → communes → villages structure built with bulk inserts."""

    def __init__(self):
        from sedp.territory.models import AdminLevel, TerritoryStructure

        self.structure = TerritoryStructure.objects.create(code="bench-doc", name="Bench")
        self.levels = [
            AdminLevel.objects.create(
                structure=self.structure, code=c, name=c, rank=i, unit_types=[t]
            )
            for i, (c, t) in enumerate(
                [("tinh", "tinh"), ("huyen", "huyen"), ("xa", "xa"), ("thon", "thon")]
            )
        ]

    def unit(self, rank, parent, code, name, unit_type):
        from sedp.territory.models import AdminUnit

        unit = AdminUnit.objects.create(
            structure=self.structure,
            level=self.levels[rank],
            parent=parent,
            code=code,
            name=name,
            unit_type=unit_type,
            path="",
            depth=rank,
            name_search=code,
        )
        unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
        unit.save(update_fields=["path"])
        return unit


def agency(unit, kind, name):
    from sedp.territory.models import KIND_REACH, Agency, Reach

    return Agency.objects.create(
        unit=unit, kind=kind, name=name, reach=KIND_REACH.get(kind, Reach.OWN)
    )


def commune_plan(tree, district, admin, name, activities, villages=20):
    """A commune plan consolidated from `villages` accepted proposals, `activities` in all."""
    from sedp.activities.models import Activity
    from sedp.plans.consolidation import plan_consolidate
    from sedp.plans.models import Plan, PlanKind, PlanSection, PlanStatus
    from sedp.plans.outlines import outline_for
    from sedp.territory.models import AgencyKind, Sector

    sectors = list(Sector.objects.all())
    commune = tree.unit(2, district, name, f"Xã {name}", "xa")
    group = agency(commune, AgencyKind.COMMUNE_PLANNING_GROUP, f"Tổ công tác KH xã {name}")
    plan = Plan.objects.create(
        kind=PlanKind.COMMUNE_PLAN, report_year=YEAR, unit=commune, agency=group
    )
    PlanSection.objects.bulk_create(
        PlanSection(plan=plan, code=code, title=str(title), body=f"Nội dung {code}.\n" * 3, order=i)
        for i, (code, title) in enumerate(outline_for(plan.kind))
    )
    proposals = []
    for v in range(villages):
        village = tree.unit(3, commune, f"{name}-{v}", f"Thôn {v + 1}", "thon")
        proposals.append(
            Plan(
                kind=PlanKind.VILLAGE_PROPOSAL,
                report_year=YEAR,
                unit=village,
                agency=agency(village, AgencyKind.VILLAGE_WORKING_GROUP, f"Tổ thôn {v + 1}"),
                status=PlanStatus.ACCEPTED,
            )
        )
    proposals = Plan.objects.bulk_create(proposals)
    Activity.objects.bulk_create(
        (
            Activity(
                plan=proposals[k % villages],
                title=f"Bê tông hóa đường nội thôn đoạn {k} & rãnh thoát nước",
                sector=sectors[k % len(sectors)],
                place=proposals[k % villages].unit,
                timing="Quý II",
                cost_estimate=300_000_000 + k * 1_000,
                fund_target_programmes=200_000_000,
                fund_commune=20_000_000,
                people_cash=5_000_000,
                people_labour=10_000_000,
                priority=k // villages + 1,
                order=k,
            )
            for k in range(activities)
        ),
        batch_size=2000,
    )
    plan_consolidate(user=admin, plan=plan)
    return plan


def indicator_catalogue():
    from sedp.indicators.models import Indicator, IndicatorGroup, Nature, Rule

    groups = [g for g, _label in IndicatorGroup.choices]
    return Indicator.objects.bulk_create(
        Indicator(
            code=f"bench-{i:02d}",
            name=f"Chỉ tiêu thử nghiệm số {i} (tỷ lệ hộ được hưởng lợi)",
            unit_of_measure="%" if i % 3 == 0 else "hộ",
            group=groups[i % len(groups)],
            unit_types=["tinh", "huyen", "xa", "thon"],
            nature=Nature.STOCK,
            rule=Rule.SUM,
            decimals=1 if i % 3 == 0 else 0,
            order=i,
        )
        for i in range(INDICATORS)
    )


def add_values(units, indicators):
    from sedp.indicators.models import IndicatorValue, Kind

    kinds = [Kind.ACTUAL_PREVIOUS, Kind.PLAN, Kind.ESTIMATE, Kind.PROPOSED]
    IndicatorValue.objects.bulk_create(
        (
            IndicatorValue(
                unit=unit,
                indicator=indicator,
                report_year=YEAR,
                kind=kind,
                value=Decimal(1000 + unit.pk + k * 13 + indicator.pk),
            )
            for unit in units
            for indicator in indicators
            for k, kind in enumerate(kinds)
        ),
        batch_size=5000,
    )


def province_plan(tree, admin, districts, communes_per_district, indicators, suffix):
    from sedp.plans.models import Plan, PlanKind, PlanSection
    from sedp.plans.outlines import outline_for
    from sedp.territory.models import AgencyKind

    province = tree.unit(0, None, f"P{suffix}", f"Tỉnh Thử {suffix}", "tinh")
    units = []
    for d in range(districts):
        district = tree.unit(1, province, f"P{suffix}D{d}", f"Huyện {d + 1}", "huyen")
        units.append(district)
        for c in range(communes_per_district):
            units.append(tree.unit(2, district, f"P{suffix}D{d}C{c}", f"Xã {d + 1}.{c + 1}", "xa"))
    add_values(units + [province], indicators)
    department = agency(province, AgencyKind.PLANNING_DEPARTMENT, f"Sở KHĐT {suffix}")
    plan = Plan.objects.create(
        kind=PlanKind.PROVINCE_PLAN, report_year=YEAR, unit=province, agency=department
    )
    PlanSection.objects.bulk_create(
        PlanSection(plan=plan, code=code, title=str(title), body=f"Nội dung {code}.", order=i)
        for i, (code, title) in enumerate(outline_for(plan.kind))
    )
    return plan, len(units)


def render(admin, plan, kind="plan", fmt="docx", repeat=3):
    """Generate one document end to end (as the worker does), `repeat` times from scratch
    (the kept file deleted in between); return (best CPU seconds, best wall seconds, size).
    On this shared 2-core machine the wall clock depends on what else runs (the load average
    is printed); the process's CPU time is what the code costs (SQLite runs in-process)."""
    from sedp.documents.models import RenderedDocument
    from sedp.documents.services import document_request

    cpu, wall = [], []
    for _ in range(repeat):
        RenderedDocument.objects.filter(target_id=plan.pk, kind=kind).delete()
        start, start_cpu = time.perf_counter(), time.process_time()
        document, _queued = document_request(
            user=admin, kind_code=kind, target_code="plan", pk=plan.pk, fmt=fmt
        )
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
        assert document.status == "done", document.error
    return min(cpu), min(wall), document.size


def cached(admin, plan):
    """Asking again for the same version: the kept file, no render."""
    from sedp.documents.services import document_request

    start = time.perf_counter()
    document_request(user=admin, kind_code="plan", target_code="plan", pk=plan.pk, fmt="docx")
    return time.perf_counter() - start


def xlsx_export(plan, trace: bool):
    """The activities export into a file: CPU seconds, or (with `trace`) the peak of Python
    allocations by tracemalloc, which slows allocation-heavy code several times over."""
    from sedp.documents.xlsx import write_activities

    with tempfile.TemporaryFile() as out:
        if trace:
            tracemalloc.start()
        start = time.process_time()
        rows = write_activities(plan, out)
        seconds = time.process_time() - start
        peak = tracemalloc.get_traced_memory()[1] if trace else None
        if trace:
            tracemalloc.stop()
        size = out.tell()
    return rows, seconds, peak, size


def bulk_lines(plan, count):
    """`count` kept lines straight in a commune plan (for the XLSX export size)."""
    from sedp.activities.models import Activity, ActivityStatus
    from sedp.territory.models import Sector

    sectors = list(Sector.objects.all())
    plan.activities.all().delete()
    Activity.objects.bulk_create(
        (
            Activity(
                plan=plan,
                title=f"Hoạt động {k}",
                sector=sectors[k % len(sectors)],
                cost_estimate=100_000_000 + k,
                fund_commune=10_000_000,
                people_labour=5_000_000,
                status=ActivityStatus.FUNDABLE,
                order=k,
            )
            for k in range(count)
        ),
        batch_size=5000,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=1000)
    parser.add_argument("--districts", type=int, default=5)
    parser.add_argument("--communes", type=int, default=24, help="per district")
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--skip-docx", action="store_true", help="only the XLSX export")
    parser.add_argument(
        "--framework-xlsx-only", action="store_true", help="only the commune framework workbook"
    )
    args = parser.parse_args()
    os.environ["TASKS_BACKEND"] = "immediate"
    tmp = tempfile.TemporaryDirectory()
    os.environ.setdefault("DOCUMENTS_ROOT", str(Path(tmp.name) / "files"))
    setup_django(Path(tmp.name) / "bench.sqlite3")

    import logging

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import translation

    from sedp.territory.reference import ensure_sectors

    logging.getLogger("django_tasks").setLevel(logging.WARNING)
    settings.DOCUMENTS_ROOT = os.environ["DOCUMENTS_ROOT"]
    translation.activate("vi")
    ensure_sectors()
    admin = get_user_model().objects.create_superuser("admin.bench", password="bench-pass")
    tree = Tree()
    indicators = indicator_catalogue()
    print(
        f"database: {connection.vendor}; load average at start {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs"
    )

    district = tree.unit(1, tree.unit(0, None, "P", "Tỉnh P", "tinh"), "D", "Huyện D", "huyen")
    if args.framework_xlsx_only:
        commune_framework_xlsx(
            admin,
            {
                n: commune_plan(tree, district, admin, f"F{n}", n)
                for n in (args.activities, 2 * args.activities)
            },
        )
        return
    if not args.skip_docx:
        documents(args, tree, admin, district, indicators)
    xlsx_rows(args, tree, admin, district)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    tmp.cleanup()


def documents(args, tree, admin, district, indicators):
    print("\nCommune plan (.docx, with its 4 annexes; end to end, nothing cached)")
    render(admin, commune_plan(tree, district, admin, "warm-up", 10, villages=2), repeat=1)
    times, plans = {}, {}
    for n in (args.activities, 2 * args.activities):
        plan = plans[n] = commune_plan(tree, district, admin, f"C{n}", n)
        add_values([plan.unit], indicators)
        best, wall, size = render(admin, plan)
        times[n] = best
        print(
            f"  {n:>6,} activities (+{n:,} proposals): {best:5.2f} s CPU ({wall:5.2f} s wall), "
            f"{size / 1e3:,.0f} kB; same version again (kept file): "
            f"{cached(admin, plan) * 1000:.0f} ms"
        )
    ratio = times[2 * args.activities] / times[args.activities]
    print(f"  doubling the activities: {ratio:.2f}× the time (goal ≤ 2.3×)")
    framework(admin, plans)
    commune_framework_xlsx(admin, plans)

    print("\nProvince plan with the province-wide indicator annex (.docx) and its .xlsx")
    docx_times, xlsx_times = {}, {}
    for scale in (1, 2):
        plan, units = province_plan(
            tree, admin, args.districts * scale, args.communes, indicators, f"x{scale}"
        )
        best, wall, size = render(admin, plan)
        docx_times[scale] = best
        xlsx_best, xlsx_wall, _size = render(admin, plan, "unit_indicators_xlsx", "xlsx")
        xlsx_times[scale] = xlsx_best
        print(
            f"  {units:>4} units × {INDICATORS} indicators ({units * INDICATORS:,} rows): "
            f".docx {best:5.2f} s CPU ({wall:5.2f} s wall, {size / 1e3:,.0f} kB), "
            f".xlsx {xlsx_best:5.2f} s CPU ({xlsx_wall:5.2f} s wall)"
        )
    print(
        f"  doubling the units: .docx {docx_times[2] / docx_times[1]:.2f}×, "
        f".xlsx {xlsx_times[2] / xlsx_times[1]:.2f}× the time (goal ≤ 2.3×)"
    )


def framework(admin, plans):
    """The M&E framework (one row per kept line) as its own landscape annex, and the plan
    document with it as annex 05."""
    from sedp.monitoring.models import FrameworkRow, Frequency

    print("\nM&E framework annex (.docx; one framework row per line of the plan)")
    times = {}
    for n, plan in plans.items():
        FrameworkRow.objects.bulk_create(
            (
                FrameworkRow(
                    plan=plan,
                    activity=line,
                    data_source="Báo cáo tiến độ của đơn vị thực hiện",
                    frequency=Frequency.QUARTERLY,
                    report_form="Biểu 01/TDĐG",
                    collector=plan.agency,
                    report_to=plan.agency,
                    order=k,
                )
                for k, line in enumerate(plan.activities.all().iterator())
            ),
            batch_size=2000,
        )
        rows = plan.me_rows.count()
        best, wall, size = render(admin, plan, kind="me_framework")
        whole, whole_wall, whole_size = render(admin, plan)
        times[n] = best
        print(
            f"  {rows:>6,} rows: alone {best:5.2f} s CPU ({wall:5.2f} s wall, {size / 1e3:,.0f} "
            f"kB); the plan with it as annex 05: {whole:5.2f} s CPU ({whole_wall:5.2f} s wall, "
            f"{whole_size / 1e3:,.0f} kB)"
        )
    first, second = sorted(times)
    print(f"  doubling the rows: {times[second] / times[first]:.2f}× the time (goal ≤ 2.3×)")


def commune_framework_xlsx(admin, plans):
    """The khung KH xã workbook out and back in (CPU seconds of this process)."""
    import io

    from openpyxl import load_workbook

    from sedp.plans.framework_xlsx import COLUMN, FIRST_ROW, export_framework, import_framework

    print("\nCommune plan framework workbook (.xlsx out, and uploaded back)")
    times = {}
    for n, plan in plans.items():
        start = time.process_time()
        content = export_framework(plan)
        exported = time.process_time() - start
        start = time.process_time()
        assert import_framework(user=admin, plan=plan, content=content) == 0
        unchanged = time.process_time() - start
        book = load_workbook(io.BytesIO(content))
        sheet = book.active
        for row in range(FIRST_ROW, FIRST_ROW + n):
            sheet.cell(row, COLUMN["timing"], "Quý III/2027")
        buffer = io.BytesIO()
        book.save(buffer)
        start = time.process_time()
        changed = import_framework(user=admin, plan=plan, content=buffer.getvalue())
        edited = time.process_time() - start
        times[n] = (exported, unchanged, edited)
        print(
            f"  {n:>6,} rows: export {exported:5.2f} s, upload unchanged {unchanged:5.2f} s, "
            f"upload with {changed:,} rows edited {edited:5.2f} s CPU "
            f"({len(content) / 1e3:,.0f} kB)"
        )
    first, second = sorted(times)
    ratios = ", ".join(f"{b / a:.2f}×" for a, b in zip(times[first], times[second], strict=True))
    print(f"  doubling the rows: {ratios} the time (goal ≤ 2.3×)")


def xlsx_rows(args, tree, admin, district):
    print("\nActivities export (.xlsx, write-only, rows streamed from the database)")
    plan = commune_plan(tree, district, admin, "XLSX", 10, villages=2)
    for rows in (args.xlsx_rows // 5, args.xlsx_rows):
        bulk_lines(plan, rows)
        written, _seconds, peak, size = xlsx_export(plan, trace=True)
        line = f"  {written:>8,} rows: peak Python memory {peak / 1e6:5.1f} MB (tracemalloc)"
        if rows == args.xlsx_rows:
            _written, seconds, _peak, _size = xlsx_export(plan, trace=False)
            line += f", {seconds:5.1f} s CPU without tracemalloc, file {size / 1e6:.1f} MB"
        print(line)


if __name__ == "__main__":
    main()
