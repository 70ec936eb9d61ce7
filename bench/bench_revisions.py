"""Benchmark for issue G (versions and cascade): the change report between two versions of a
provincial plan (goal < 500 ms), and the allocation check of a province's assigned targets.

Run: make bench-revisions   (or: .venv/bin/python bench/bench_revisions.py [--activities 5000]
                             [--indicators 40] [--units 120] [--agencies 20])
Uses a throwaway SQLite file unless DATABASE_URL is set. Prints the figures; asserts nothing.
Data is generated with bulk inserts; the comparison, the check and the pages run exactly as in
production.
"""

import argparse
import random
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_territory import setup_django, timed  # noqa: E402

YEAR = 2026


def build_tree(args):
    from django.contrib.auth import get_user_model

    from sedp.accounts.models import Membership, Role
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
    sectors = list(Sector.objects.filter(parent__isnull=True))
    structure = TerritoryStructure.objects.create(code="bench-g", name="Bench G (2 cấp)")
    tinh = AdminLevel.objects.create(
        structure=structure, code="tinh", name="tỉnh", rank=0, unit_types=["tinh"]
    )
    xa = AdminLevel.objects.create(
        structure=structure, code="xa", name="xã", rank=1, unit_types=["xa"]
    )
    province = AdminUnit.objects.create(
        structure=structure, level=tinh, code="P", name="Tỉnh Bench", unit_type="tinh",
        path="", depth=0, name_search="tinh bench",
    )  # fmt: skip
    province.path = f"/{province.pk}/"
    province.save(update_fields=["path"])
    units = AdminUnit.objects.bulk_create(
        AdminUnit(
            structure=structure, level=xa, parent=province, code=f"X{n:03}", name=f"Xã {n:03}",
            unit_type="xa", path="", depth=1, name_search=f"xa {n:03}",
        )
        for n in range(args.units)
    )  # fmt: skip
    for u in units:
        u.path = f"{province.path}{u.pk}/"
    AdminUnit.objects.bulk_update(units, ["path"])
    planning = Agency.objects.create(
        unit=province,
        kind=AgencyKind.FINANCE_DEPARTMENT,
        name="Sở Tài chính",
        reach=Reach.TERRITORY,
    )
    Agency.objects.bulk_create(
        Agency(
            unit=province, kind=AgencyKind.SECTOR_DEPARTMENT, name=f"Sở ngành {n}",
            sector=sectors[n % len(sectors)], reach=Reach.SECTOR_LINE,
        )
        for n in range(args.agencies)
    )  # fmt: skip
    user = get_user_model().objects.create_user("stc.bench", password="bench-pass")
    Membership.objects.create(user=user, agency=planning, role=Role.PLANNER)
    return province, units, planning, user, sectors


def build_indicators(args, sectors):
    from sedp.indicators.models import Indicator, IndicatorGroup, Nature, Rule

    types = ["tinh", "xa"]
    made = []
    for n in range(args.indicators):
        made.append(
            Indicator(
                code=f"b{n}", name=f"Chỉ tiêu {n}", unit_of_measure="đv",
                group=IndicatorGroup.ECONOMY, unit_types=types, nature=Nature.FLOW,
                rule=Rule.NONE if n % 10 == 9 else Rule.SUM,
                sector=sectors[n % len(sectors)], order=n,
            )
        )  # fmt: skip
    made = Indicator.objects.bulk_create(made)
    # Every 10th pair of sums gets a ratio over it (a poverty-rate-like indicator).
    ratios = []
    for n in range(0, args.indicators - 1, 10):
        ratio = Indicator.objects.create(
            code=f"r{n}", name=f"Tỷ lệ {n}", unit_of_measure="%", group=IndicatorGroup.SOCIETY,
            unit_types=types, nature=Nature.STOCK, rule=Rule.RATIO, decimals=2,
            numerator=made[n], denominator=made[n + 1], factor=Decimal(100), order=1000 + n,
        )  # fmt: skip
        ratios.append(ratio)
    return made, ratios


def build_plan(args, province, planning, user, sectors, indicators):
    """A provincial plan with N activities, version 1, then a realistic update, version 2."""
    from django.contrib.contenttypes.models import ContentType

    from sedp.activities.models import Activity, ActivityStatus
    from sedp.core.models import Event
    from sedp.indicators.models import IndicatorValue, Kind
    from sedp.plans.models import Plan, PlanKind, PlanSection
    from sedp.plans.outlines import outline_for
    from sedp.revisions.models import Stage
    from sedp.revisions.services import freeze

    rng = random.Random(7)
    plan = Plan.objects.create(
        kind=PlanKind.PROVINCE_PLAN, report_year=YEAR, unit=province, agency=planning
    )
    # The provincial outline may not be written yet: then a dozen sections of its own.
    outline = outline_for(PlanKind.PROVINCE_PLAN) or [(f"s{n}", f"Phần {n}") for n in range(12)]
    PlanSection.objects.bulk_create(
        PlanSection(plan=plan, code=code, title=str(title), order=i,
                    body="\n".join(f"Đoạn {j} của {code}." for j in range(40)))
        for i, (code, title) in enumerate(outline)
    )  # fmt: skip
    activities = Activity.objects.bulk_create(
        Activity(
            plan=plan, title=f"Hoạt động {n}", sector=sectors[n % len(sectors)],
            cost_estimate=rng.randrange(1, 500) * 10_000_000,
            fund_province=rng.randrange(0, 100) * 1_000_000, order=n,
        )
        for n in range(args.activities)
    )  # fmt: skip
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            unit=province, indicator=i, report_year=YEAR, kind=Kind.PROPOSED,
            value=Decimal(rng.randrange(100, 10_000)),
        )
        for i in indicators
    )  # fmt: skip
    old = freeze(plan=plan, user=user, stage=Stage.DRAFT_1)

    # The update: a tenth of the activities re-costed and re-funded, some removed, new ones,
    # every section rewritten in part, every indicator revised.
    changed = activities[: args.activities // 10]
    for a in changed:
        a.cost_estimate += 5_000_000
        a.fund_central = 1_000_000
        a.status = ActivityStatus.FUNDED
    Activity.objects.bulk_update(changed, ["cost_estimate", "fund_central", "status"])
    Activity.objects.filter(pk__in=[a.pk for a in activities[-args.activities // 25 :]]).delete()
    Activity.objects.bulk_create(
        Activity(plan=plan, title=f"Hoạt động mới {n}", sector=sectors[0], cost_estimate=1)
        for n in range(args.activities // 20)
    )
    for section in plan.sections.all():
        section.body = section.body.replace("Đoạn 3 ", "Đoạn ba (sửa) ")
        section.save(update_fields=["body"])
    IndicatorValue.objects.filter(unit=province).update(value=Decimal(1234))
    activity_type = ContentType.objects.get_for_model(Activity)
    Event.objects.bulk_create(
        Event(
            actor=user, verb="activity.updated", target_type=activity_type,
            target_id=str(a.pk), target_repr=a.title, unit=province,
            reason="Theo hướng dẫn của Bộ", payload={},
        )
        for a in changed
    )  # fmt: skip
    new = freeze(plan=plan, user=user, stage=Stage.UPDATED, reason="Cập nhật tháng 11")
    return plan, old, new


def build_allocation(province, units, indicators, ratios, user):
    from sedp.indicators.models import IndicatorValue, Kind
    from sedp.targets.models import Allocation, AllocationCell
    from sedp.territory.models import Agency

    rng = random.Random(11)
    figures = {}
    cells = []
    allocation = Allocation.objects.create(unit=province, report_year=YEAR)
    for indicator in indicators:
        values = [Decimal(rng.randrange(10, 1000)) for _u in units]
        figures[indicator.pk] = sum(values)
        cells += [
            AllocationCell(allocation=allocation, indicator=indicator, unit=u, value=v)
            for u, v in zip(units, values, strict=True)
        ]
    for ratio in ratios:
        figures[ratio.pk] = (
            figures[ratio.numerator_id] / figures[ratio.denominator_id] * 100
        ).quantize(Decimal("0.01"))
    agencies = list(Agency.objects.filter(unit=province, sector__isnull=False))
    for indicator in indicators:
        for agency in agencies:
            if agency.sector_id == indicator.sector_id:
                cells.append(
                    AllocationCell(
                        allocation=allocation, indicator=indicator, agency=agency, value=Decimal(5)
                    )
                )
    AllocationCell.objects.bulk_create(cells)
    IndicatorValue.objects.bulk_create(
        IndicatorValue(unit=province, indicator_id=pk, report_year=YEAR, kind=Kind.ASSIGNED,
                       value=value)
        for pk, value in figures.items()
    )  # fmt: skip
    return allocation, len(cells)


def render_word(plan, old, new, user, directory):
    """The Word change report, rendered as the documents worker does (context + template)."""
    from django.utils import translation

    from sedp.documents.docx_render import render_docx
    from sedp.revisions.change_document import TEMPLATE, change_report_context
    from sedp.revisions.models import ChangeReport

    report, _created = ChangeReport.objects.get_or_create(
        old=old, new=new, defaults={"plan": plan, "created_by": user}
    )
    out = Path(directory) / "change-report.docx"
    with translation.override("vi"):
        render_docx(TEMPLATE, change_report_context(report, lambda percent, step: None), out)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=5000)
    parser.add_argument("--indicators", type=int, default=40)
    parser.add_argument("--units", type=int, default=120)
    parser.add_argument("--agencies", type=int, default=20)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    setup_django(Path(tmp.name) / "bench.sqlite3")

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from sedp.revisions.diff import compare
    from sedp.targets.grid import load_grid
    from sedp.targets.services import allocation_save

    setup_test_environment()
    print(f"database: {connection.vendor}")
    province, units, planning, user, sectors = build_tree(args)
    indicators, ratios = build_indicators(args, sectors)
    (plan, old, new), seconds = timed(
        lambda: build_plan(args, province, planning, user, sectors, indicators + ratios)
    )
    print(
        f"generated a provincial plan of {args.activities} activities, 2 versions: {seconds:.1f} s"
    )

    with CaptureQueriesContext(connection) as queries:
        comparison, seconds = timed(lambda: compare(plan, old, new), repeat=5)
    print(
        f"change report (compare draft 1 → updated): {seconds * 1000:.0f} ms, "
        f"{len(queries) // 5} queries, {comparison.count} changes "
        f"({len(comparison.indicators)} indicators, {len(comparison.activities)} activity "
        f"fields, {len(comparison.sections)} sections)"
    )
    client = Client()
    client.force_login(user)
    url = f"/revisions/plan/{plan.pk}/compare/?a={old.pk}&b={new.pk}"
    with CaptureQueriesContext(connection) as queries:
        response, seconds = timed(lambda: client.get(url), repeat=3)
    print(
        f"change report page: {seconds * 1000:.0f} ms, {len(queries) // 3} queries, "
        f"{len(response.content) // 1024} KB (status {response.status_code})"
    )
    response, seconds = timed(lambda: client.get(url + "&format=xlsx"), repeat=3)
    print(f"change report XLSX: {seconds * 1000:.0f} ms, {len(response.content) // 1024} KB")
    word_path, word_seconds = timed(lambda: render_word(plan, old, new, user, tmp.name))
    print(
        f"change report Word (Decree 30 .docx, {comparison.count} rows): "
        f"{word_seconds * 1000:.0f} ms, {word_path.stat().st_size // 1024} KB"
    )
    # Cancelling an adjustment first checks the plan still says what its official version
    # says (a snapshot of the plan compared with that version): here the latest version.
    from sedp.portal.adjustments import content_changes
    from sedp.portal.models import Adjustment
    from sedp.revisions.change_document import plan_change_pair

    adjustment = Adjustment(plan=plan, number=1, base_version=new)
    changes, seconds = timed(lambda: content_changes(plan, adjustment), repeat=3)
    print(f"cancel an adjustment, content check: {seconds * 1000:.0f} ms, {len(changes)} changes")
    with CaptureQueriesContext(connection) as queries:
        _pair, seconds = timed(lambda: plan_change_pair(plan), repeat=5)
    print(
        f"plan's change report in the documents panel (which versions): "
        f"{seconds * 1000:.1f} ms, {len(queries) // 5} queries"
    )

    allocation, count = build_allocation(province, units, indicators, ratios, user)
    print(
        f"allocation grid: {len(indicators) + len(ratios)} indicators × {args.units} units "
        f"+ {args.agencies} agencies ({count} cells)"
    )
    with CaptureQueriesContext(connection) as queries:
        grid, seconds = timed(lambda: load_grid(allocation), repeat=5)
    states = {}
    for check in grid.checks.values():
        states[check.state] = states.get(check.state, 0) + 1
    print(
        f"cascade check (load + check by rule): {seconds * 1000:.0f} ms, "
        f"{len(queries) // 5} queries, states {states}"
    )
    entries = {
        f"c-{i}-{'u' if u else 'a'}{u or a}": str(v)
        for i, u, a, v in allocation.cells.values_list(
            "indicator_id", "unit_id", "agency_id", "value"
        )
    }
    _grid, seconds = timed(
        lambda: allocation_save(user=user, allocation=allocation, entries=entries), repeat=3
    )
    print(f"save the whole grid ({len(entries)} cells posted, validated): {seconds * 1000:.0f} ms")
    page = f"/targets/allocate/{province.pk}/?year={YEAR}"
    with CaptureQueriesContext(connection) as queries:
        response, seconds = timed(lambda: client.get(page), repeat=3)
    print(
        f"allocation page: {seconds * 1000:.0f} ms, {len(queries) // 3} queries, "
        f"{len(response.content) // 1024} KB (status {response.status_code})"
    )


if __name__ == "__main__":
    main()
