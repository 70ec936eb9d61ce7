"""Benchmark for issue C: open a planning cycle on a national-scale tree, then time
"Việc của tôi" and the follow-up matrix for a province with 100+ communes.

Run on PostgreSQL (the goal is stated for it):
    .venv/bin/python bin/with-throwaway-postgres .venv/bin/python bench/bench_cycles.py
or on a throwaway SQLite file: .venv/bin/python bench/bench_cycles.py
Options: --provinces 63 --districts 11 --communes 15 --villages 7 (≈ 72,800 villages).
Prints figures; asserts nothing.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_territory import setup_django  # noqa: E402


def median_ms(fn, repeat=7):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--provinces", type=int, default=63)
    parser.add_argument("--districts", type=int, default=11)
    parser.add_argument("--communes", type=int, default=15)
    parser.add_argument("--villages", type=int, default=7)
    parser.add_argument("--report-year", type=int, default=2026)
    parser.add_argument("--show-sql", action="store_true", help="print each page's slowest query")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    setup_django(Path(tmp.name) / "bench.sqlite3")

    import datetime

    import national_tree
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from sedp.accounts.models import Membership, Role
    from sedp.cycles import selectors
    from sedp.cycles.loading import load_all_templates
    from sedp.cycles.models import ProcessTemplate, Task
    from sedp.cycles.services import cycle_open
    from sedp.territory.models import AdminUnit, Agency

    setup_test_environment()
    print(f"database: {connection.vendor}")
    start = time.perf_counter()
    tree = national_tree.build(
        provinces=args.provinces,
        districts=args.districts,
        communes=args.communes,
        villages=args.villages,
    )
    counts = tree["counts"]
    print(
        f"generated tree: {counts} units, {Agency.objects.count():,} agencies "
        f"in {time.perf_counter() - start:.1f} s"
    )
    load_all_templates()
    template = ProcessTemplate.objects.get(code="laocai-1131-3cap")
    start = time.perf_counter()
    cycle, new = cycle_open(
        user=None, template=template, structure=tree["structure"], report_year=args.report_year
    )
    print(f"open cycle: {new:,} tasks in {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    _cycle, again = cycle_open(
        user=None, template=template, structure=tree["structure"], report_year=args.report_year
    )
    print(f"reopen cycle: {again} new tasks in {time.perf_counter() - start:.2f} s")
    by_kind = (
        Task.objects.filter(cycle=cycle).values_list("agency__kind").order_by().distinct().count()
    )
    print(f"agency kinds with tasks: {by_kind}")

    province = AdminUnit.objects.filter(structure=tree["structure"], depth=0).order_by("pk")[0]
    communes = AdminUnit.objects.filter(path__startswith=province.path, level__code="xa").count()
    User = get_user_model()
    planner = User.objects.create_user("bench.skhdt", password="x")
    Membership.objects.create(
        user=planner,
        agency=Agency.objects.get(unit=province, kind="so_khdt"),
        role=Role.PLANNER,
    )
    commune = AdminUnit.objects.filter(path__startswith=province.path, level__code="xa")[0]
    commune_user = User.objects.create_user("bench.xa", password="x")
    for kind in ("to_cong_tac_xa", "ubnd"):
        Membership.objects.create(
            user=commune_user, agency=Agency.objects.get(unit=commune, kind=kind), role=Role.LEADER
        )
    # Mid-cycle: a third of the communes' tasks of the first steps are done.
    day = datetime.date(args.report_year, 6, 20)
    selectors.today = lambda: day
    from django.db.models.functions import Mod
    from django.utils import timezone

    done = (
        Task.objects.filter(cycle=cycle, due_date__lt=day)
        .annotate(third=Mod("id", 3))
        .filter(third=0)
        .update(status="done", done_at=timezone.now(), evidence="bench")
    )
    print(f"marked done: {done:,} tasks")
    if connection.vendor == "postgresql":
        # Fresh bulk loads have no planner statistics yet; autovacuum would gather them soon.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    client = Client()
    pages = [
        (planner, reverse("cycles-task-mine"), "my work (Sở KHĐT)"),
        (commune_user, reverse("cycles-task-mine"), "my work (commune)"),
        (
            planner,
            f"{reverse('cycles-followup-matrix')}?cycle={cycle.pk}&level=xa",
            f"follow-up matrix, {communes} communes",
        ),
        (
            planner,
            f"{reverse('cycles-followup-matrix')}?cycle={cycle.pk}&level=huyen",
            "follow-up matrix, districts",
        ),
    ]
    print(f"\n{'page':<40}{'queries':>8}{'median ms':>11}")
    for user, url, label in pages:
        client.force_login(user)
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        ms = median_ms(lambda url=url: client.get(url))
        slowest = max(queries.captured_queries, key=lambda q: float(q["time"]))
        print(f"{label:<40}{len(queries):>8}{ms:>11.1f}   slowest query {slowest['time']} s")
        if args.show_sql:
            print("    " + slowest["sql"][:600])
    tmp.cleanup()


if __name__ == "__main__":
    main()
