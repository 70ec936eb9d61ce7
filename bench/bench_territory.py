"""Benchmark for issue A: loading, importing and scoped reads on a province-sized tree.

Run: make bench   (or: .venv/bin/python bench/bench_territory.py [--villages-per-commune N])
Uses a throwaway SQLite file unless DATABASE_URL is set. Prints the figures; asserts nothing.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(db_path):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sedp.settings")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{db_path}")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(fn, repeat=1):
    samples = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return result, statistics.median(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--villages-per-commune", type=int, default=15)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    setup_django(Path(tmp.name) / "bench.sqlite3")

    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from sedp.demo import DEMO_PASSWORD, load_demo
    from sedp.territory.importing import import_units
    from sedp.territory.models import AdminUnit, Agency, AgencyKind, Reach, TerritoryStructure

    setup_test_environment()
    print(f"database: {connection.vendor}")
    _, seconds = timed(load_demo)
    print(
        f"load demo (2 structures, {AdminUnit.objects.count()} units, "
        f"{Agency.objects.count()} agencies, users): {seconds:.2f} s"
    )

    structure = TerritoryStructure.objects.get(code="laocai-2015")
    communes = list(
        AdminUnit.objects.filter(structure=structure, level__code="xa").exclude(
            children__isnull=False
        )
    )
    lines = ["Mã PX,Thôn,Mã thôn,Loại thôn"]
    for commune in communes:
        for n in range(1, args.villages_per_commune + 1):
            lines.append(f"{commune.code},Thôn Số {n},{commune.code}{n + 50:02d},Thôn")
    content = "\n".join(lines).encode()
    report, seconds = timed(
        lambda: import_units(user=None, structure=structure, filename="bench.csv", content=content)
    )
    print(
        f"import {report.total} villages from CSV ({len(content) // 1024} KiB): "
        f"{seconds:.2f} s ({report.total / seconds:,.0f} rows/s)"
    )

    villages = AdminUnit.objects.filter(
        structure=structure, level__code="thon", agencies__isnull=True
    )
    Agency.objects.bulk_create(
        Agency(
            unit=v,
            kind=AgencyKind.VILLAGE_WORKING_GROUP,
            reach=Reach.OWN,
            name=f"Tổ công tác kế hoạch {v.name.lower()}",
        )
        for v in villages
    )
    print(f"tree now: {AdminUnit.objects.count()} units, {Agency.objects.count()} agencies")

    client = Client()
    pages = [
        ("/", "home"),
        ("/territory/agencies/", "agency list"),
        ("/territory/units/?q=thon", "unit search"),
        ("/history/", "history"),
    ]
    print(f"\n{'persona':<16}{'page':<14}{'queries':>8}{'median ms':>11}{'rows':>8}")
    for username in ["admin", "skhdt", "snn", "tckh.batxat", "kh.muonghum", "thon.muonghum"]:
        client.login(username=username, password=DEMO_PASSWORD)
        for url, label in pages:
            reset_queries()  # the log must start empty: each request resets it anyway
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (username, url, response.status_code)
            _, seconds = timed(lambda url=url: client.get(url), repeat=5)
            page = response.context.get("page") if response.context else None
            rows = page.paginator.count if page is not None else "-"
            print(f"{username:<16}{label:<14}{len(queries):>8}{seconds * 1000:>11.1f}{rows:>8}")
        client.logout()

    from sedp.territory.services import unit_update

    bat_xat = AdminUnit.objects.get(structure=structure, code="082")
    sa_pa = AdminUnit.objects.get(structure=structure, code="088")
    commune = AdminUnit.objects.filter(parent=bat_xat).first()
    moved = AdminUnit.objects.subtree_of(commune).count()
    _, seconds = timed(lambda: unit_update(user=None, unit=commune, parent=sa_pa))
    print(f"\nmove a commune with its {moved - 1} villages (one UPDATE): {seconds * 1000:.1f} ms")
    tmp.cleanup()


if __name__ == "__main__":
    main()
