"""Benchmark for issue F (five-year frame, district steps 1–3):
- the progress page of a provincial five-year plan with many targets (one per indicator of a
  catalogue extended to --targets indicators, five years of values each) and --programmes
  programmes × 10 tasks;
- the orientation consolidation of one district: --forms sector orientation forms (offices
  and sub-sector units), each with its sections and --lines indicator lines, consolidated
  into the summary, the draft issued, and phòng TCKH's page.

Run: make bench-fiveyear   (or: .venv/bin/python bench/bench_fiveyear.py [--targets 300]
                            [--programmes 40] [--forms 40] [--lines 12])
Uses a throwaway SQLite file unless DATABASE_URL is set. Prints the figures; asserts nothing.
Data is generated with bulk inserts; the measured reads and services run as in production.
"""

import argparse
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_territory import setup_django, timed  # noqa: E402

YEAR = 2028


def build(args):
    from django.contrib.auth import get_user_model

    from sedp.accounts.models import Membership, Role
    from sedp.fiveyear.models import FiveYearPlan, Programme, ProgrammeTask, Target
    from sedp.indicators.catalogue import ensure_catalogue
    from sedp.indicators.models import Indicator, IndicatorGroup, IndicatorValue, Kind, Rule
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
    ensure_catalogue()
    sectors = list(Sector.objects.order_by("path"))
    structure = TerritoryStructure.objects.create(code="bench-5y", name="Bench")
    levels = [
        AdminLevel.objects.create(structure=structure, code=c, name=c, rank=i, unit_types=[t])
        for i, (c, t) in enumerate([("tinh", "tinh"), ("huyen", "huyen")])
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

    province = unit(0, None, "99", "tinh")
    district = unit(1, province, "990", "huyen")
    extra = max(0, args.targets - Indicator.objects.count())
    Indicator.objects.bulk_create(
        Indicator(
            code=f"bench-{n}",
            name=f"Chỉ tiêu thử {n}",
            unit_of_measure="%",
            group=IndicatorGroup.ECONOMY,
            nature="stock",
            rule=Rule.NONE,
            decimals=1,
            unit_types=["tinh", "huyen"],
            order=1000 + n,
        )
        for n in range(extra)
    )
    indicators = list(Indicator.objects.order_by("pk")[: args.targets])
    skhdt = Agency.objects.create(
        unit=province, kind=AgencyKind.PLANNING_DEPARTMENT, name="Sở KHĐT", reach=Reach.TERRITORY
    )
    plan = FiveYearPlan.objects.create(
        agency=skhdt, unit=province, start_year=2026, title="KHPT KTXH 2026–2030"
    )
    Target.objects.bulk_create(
        Target(plan=plan, indicator=i, baseline=Decimal(40), target_value=Decimal(60), order=n)
        for n, i in enumerate(indicators)
    )
    values = []
    for n, indicator in enumerate(indicators):
        for report_year in range(2026, YEAR + 1):
            for kind in (Kind.ACTUAL_PREVIOUS, Kind.ACTUAL_HALF, Kind.ESTIMATE):
                values.append(
                    IndicatorValue(
                        unit=province,
                        indicator=indicator,
                        report_year=report_year,
                        kind=kind,
                        value=Decimal(40 + (n % 7) + report_year - 2026),
                    )
                )
    IndicatorValue.objects.bulk_create(values, batch_size=2000)
    programmes = Programme.objects.bulk_create(
        Programme(plan=plan, code=f"CTHĐ {n}", title=f"Chương trình {n}", order=n)
        for n in range(args.programmes)
    )
    ProgrammeTask.objects.bulk_create(
        ProgrammeTask(programme=p, title=f"Nhiệm vụ {k}", due_year=2026 + k % 5, progress=k * 9)
        for p in programmes
        for k in range(10)
    )
    User = get_user_model()
    planner = User.objects.create_user(username="bench-skhdt", password="bench-pass-2026")
    Membership.objects.create(user=planner, agency=skhdt, role=Role.PLANNER)

    tckh = Agency.objects.create(
        unit=district,
        kind=AgencyKind.FINANCE_PLANNING_OFFICE,
        name="Phòng TCKH",
        reach=Reach.TERRITORY,
    )
    tckh_user = User.objects.create_user(username="bench-tckh", password="bench-pass-2026")
    Membership.objects.create(user=tckh_user, agency=tckh, role=Role.PLANNER)
    top = [s for s in sectors if s.parent_id is None]
    subs = [s for s in sectors if s.parent_id is not None]
    authors = [
        Agency(
            unit=district,
            kind=AgencyKind.DISTRICT_SECTOR_OFFICE,
            sector=s,
            name=f"Phòng {s.name}",
            reach=Reach.SECTOR_LINE,
        )
        for s in top
    ]
    authors += [
        Agency(
            unit=district,
            kind=AgencyKind.PUBLIC_SERVICE_UNIT,
            sector=s,
            name=f"Trạm {s.name}",
            reach=Reach.OWN,
        )
        for s in subs
    ]
    authors = Agency.objects.bulk_create(authors[: args.forms])
    return plan, tckh, tckh_user, planner, authors, indicators


def build_forms(tckh, authors, indicators, lines):
    from sedp.fiveyear.models import OrientationIndicator
    from sedp.plans.models import Plan, PlanKind, PlanSection, PlanStatus
    from sedp.plans.outlines import ORIENTATION_OUTLINE

    directional = Plan.objects.create(
        kind=PlanKind.DISTRICT_ORIENTATION, report_year=YEAR, unit=tckh.unit, agency=tckh
    )
    forms = Plan.objects.bulk_create(
        Plan(
            kind=PlanKind.SECTOR_ORIENTATION,
            report_year=YEAR,
            unit=a.unit,
            agency=a,
            status=PlanStatus.ACCEPTED,
        )
        for a in authors
    )
    PlanSection.objects.bulk_create(
        PlanSection(
            plan=f,
            code=code,
            title=str(title),
            order=n,
            body=f"{title}: nội dung của {f.agency_id} " * 8,
        )
        for f in forms
        for n, (code, title) in enumerate(ORIENTATION_OUTLINE)
    )
    OrientationIndicator.objects.bulk_create(
        OrientationIndicator(
            plan=f, indicator=indicators[k], proposed=Decimal(k), basis="Theo xu thế 3 năm"
        )
        for f in forms
        for k in range(lines)
    )
    return directional


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--targets", type=int, default=300)
    parser.add_argument("--programmes", type=int, default=40)
    parser.add_argument("--forms", type=int, default=40)
    parser.add_argument("--lines", type=int, default=12)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    setup_django(Path(tmp.name) / "bench.sqlite3")

    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from sedp.fiveyear import orientation, selectors

    setup_test_environment()
    print(f"database: {connection.vendor}")
    plan, tckh, tckh_user, planner, authors, indicators = build(args)
    print(f"five-year plan: {len(indicators)} targets, {args.programmes} programmes × 10 tasks")
    parts = selectors.plan_with_parts(plan)
    rows, seconds = timed(lambda: selectors.target_progress(plan, parts["targets"], YEAR), 5)
    print(f"target progress computed ({len(rows)} rows): {seconds * 1000:.0f} ms")

    client = Client()
    client.force_login(planner)
    url = f"/fiveyear/{plan.pk}/progress/?year={YEAR}"
    reset_queries()  # the log is a bounded deque: a full one counts nothing new
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    _r, seconds = timed(lambda: client.get(url), 5)
    print(f"{'progress page':<40}{len(queries):>8} queries {seconds * 1000:>8.0f} ms")

    directional = build_forms(tckh, authors, indicators, args.lines)
    print(f"\ndistrict: {len(authors)} sector orientation forms × {args.lines} indicator lines")
    summary, seconds = timed(lambda: orientation.summary_rows(directional), 5)
    print(f"orientation summary read ({len(summary)} sector rows): {seconds * 1000:.0f} ms")
    _v, seconds = timed(lambda: orientation.summary_close(user=tckh_user, plan=directional), 3)
    print(f"summary consolidated and frozen as a version: {seconds * 1000:.0f} ms")
    client.force_login(tckh_user)
    url = f"/fiveyear/orientation/{directional.pk}/"
    reset_queries()  # the log is a bounded deque: a full one counts nothing new
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    _r, seconds = timed(lambda: client.get(url), 5)
    print(f"{'phòng TCKH orientation page':<40}{len(queries):>8} queries {seconds * 1000:>8.0f} ms")


if __name__ == "__main__":
    main()
