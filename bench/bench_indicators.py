"""Benchmark for issue B: roll-up of every indicator over a national-scale tree.

Run:  make bench-indicators
 or:  .venv/bin/python bin/with-throwaway-postgres .venv/bin/python bench/bench_indicators.py
      [--provinces 34 --communes 97 --villages 21]
On PostgreSQL (DATABASE_URL) it generates a country root, the provinces, communes and villages
(34 × 97 × 21 ≈ 3,300 communes and 69,000 villages by default), the catalogue, and six value
kinds of one report year at village and commune level (COPY); then prints the time of a full
rebuild of the maintained figures (sedp.indicators.figures), of one value change with its
ancestors' figures updated, and of `rollup()` — every indicator, every kind, as the roll-up
page reads it — for one province and for the whole country, next to the old scan of the
subtree's values (`rollup_scan`, the reference the figures must equal). It then runs itself
on a throwaway SQLite file with one province, and runs the same aggregation in DuckDB over
the same rows exported to Parquet as the reference.
Prints figures; asserts nothing.
"""

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
YEAR = 2025
KINDS = ["th_x1", "kh_x", "th_6t", "uth_x", "kh_de_xuat", "kh_giao"]


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sedp.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(fn, repeat=3):
    samples, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return result, statistics.median(samples)


def build_tree(provinces, communes, villages):
    """Units with precomputed ids and paths, inserted in bulk. Returns (root, [province])."""
    from django.db.models import Max

    from sedp.core.text import unaccent
    from sedp.territory.models import AdminLevel, AdminUnit, TerritoryStructure

    structure = TerritoryStructure.objects.create(code="bench-vn", name="Benchmark — cả nước")
    levels = [
        AdminLevel.objects.create(structure=structure, code=code, name=name, rank=rank,
                                  unit_types=types)
        for rank, (code, name, types) in enumerate([
            # The country is not a unit type; the root only anchors the whole-country roll-up.
            ("ca-nuoc", "Cả nước", ["tinh"]),
            ("tinh", "Cấp tỉnh", ["tinh", "tp_tw"]),
            ("xa", "Cấp xã", ["xa", "phuong", "dac_khu"]),
            ("thon", "Thôn, tổ dân phố", ["thon", "to_dan_pho"]),
        ])
    ]  # fmt: skip
    next_id = (AdminUnit.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    rows = []

    def unit(parent, level, code, name, unit_type):
        nonlocal next_id
        pk, next_id = next_id, next_id + 1
        path = f"{parent.path if parent else '/'}{pk}/"
        row = AdminUnit(
            pk=pk, structure=structure, level=level, parent_id=parent.pk if parent else None,
            code=code, name=name, unit_type=unit_type, path=path,
            depth=parent.depth + 1 if parent else 0, name_search=unaccent(name),
        )  # fmt: skip
        rows.append(row)
        return row

    root = unit(None, levels[0], "VN", "Cả nước", "tinh")
    province_rows = []
    for p in range(provinces):
        province = unit(root, levels[1], f"{p:02d}", f"Tỉnh {p}", "tinh")
        province_rows.append(province)
        for c in range(communes):
            ward = c % 7 == 0  # about one unit in seven is a ward: NTM criteria skip it
            commune = unit(province, levels[2], f"{p:02d}{c:03d}", f"Xã {p}.{c}",
                           "phuong" if ward else "xa")  # fmt: skip
            commune.enters_totals = c % 2 == 1  # half the communes enter their own totals
            for v in range(villages):
                unit(commune, levels[3], f"{p:02d}{c:03d}{v:02d}", f"Thôn {p}.{c}.{v}",
                     "to_dan_pho" if ward else "thon")  # fmt: skip
    AdminUnit.objects.bulk_create(rows, batch_size=5000)
    return root, province_rows, rows


def value_lines(units, indicators):
    """Tab-separated rows: six kinds at every village and commune; half the communes also
    enter their own households and population, so that shadowing is exercised."""
    village_items = [
        i for i in indicators if "thon" in i.unit_types and i.rule in ("sum", "wavg", "none")
    ]
    commune_items = [
        i for i in indicators
        if "xa" in i.unit_types and "thon" not in i.unit_types and i.rule in ("sum", "wavg", "none")
    ]  # fmt: skip
    own_totals = [i for i in indicators if i.code in ("ho-dan", "dan-so")]
    for unit in units:
        if unit.depth == 3:
            items = village_items
        elif unit.depth == 2:
            items = commune_items + (own_totals if unit.enters_totals else [])
        else:
            continue
        for indicator in items:
            # Cheap deterministic figures (random.randint would dominate the generation time).
            base = (unit.pk * 31 + indicator.pk * 17) % 500 + 1
            for k, kind in enumerate(KINDS):
                yield f"{unit.pk}\t{indicator.pk}\t{YEAR}\t{kind}\t{base + k * 7 % 20}\n"


def load_values(units, indicators):
    from django.db import connection

    from sedp.indicators.models import IndicatorValue

    columns = "unit_id, indicator_id, report_year, kind, value, basis, source, entered_at"
    count = 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Bulk-load the usual way: no FK triggers, indexes rebuilt once after the COPY.
            cursor.execute("SET session_replication_role = replica")
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE tablename = 'indicators_indicatorvalue' AND indexname NOT LIKE '%%pkey'"
            )
            indexes = cursor.fetchall()
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
            raw = cursor.cursor
            with raw.copy(
                f"COPY indicators_indicatorvalue ({columns}) FROM STDIN "
                "WITH (FORMAT text)"
            ) as copy:  # fmt: skip
                buffer = io.StringIO()
                for line in value_lines(units, indicators):
                    buffer.write(line[:-1] + "\t\t\t2025-07-01 00:00:00+00\n")
                    count += 1
                    if count % 200_000 == 0:
                        copy.write(buffer.getvalue())
                        buffer = io.StringIO()
                copy.write(buffer.getvalue())
            for _name, definition in indexes:
                cursor.execute(definition)
            cursor.execute("SET session_replication_role = DEFAULT")
            cursor.execute("ANALYZE indicators_indicatorvalue")
            cursor.execute("ANALYZE territory_adminunit")
    else:
        batch = []
        for line in value_lines(units, indicators):
            unit_id, indicator_id, year, kind, value = line[:-1].split("\t")
            batch.append(
                IndicatorValue(
                    unit_id=int(unit_id),
                    indicator_id=int(indicator_id),
                    report_year=int(year),
                    kind=kind,
                    value=int(value),
                )
            )
            if len(batch) == 50_000:
                IndicatorValue.objects.bulk_create(batch)
                count += len(batch)
                batch = []
        IndicatorValue.objects.bulk_create(batch)
        count += len(batch)
    return count


def run(args):
    setup_django()
    from django.db import connection

    from sedp.indicators import figures, services
    from sedp.indicators.catalogue import ensure_catalogue
    from sedp.indicators.models import IndicatorFigure
    from sedp.indicators.rollup import rollup, rollup_scan
    from sedp.indicators.selectors import catalogue
    from sedp.territory.models import AdminUnit
    from sedp.territory.reference import ensure_sectors

    ensure_sectors()
    ensure_catalogue()
    indicators = list(catalogue(active_only=True))
    start = time.perf_counter()
    root, provinces, units = build_tree(args.provinces, args.communes, args.villages)
    tree_seconds = time.perf_counter() - start
    start = time.perf_counter()
    values = load_values(units, indicators)
    value_seconds = time.perf_counter() - start
    print(f"[{connection.vendor}] tree: {len(units):,} units in {tree_seconds:.1f} s; "
          f"values: {values:,} rows in {value_seconds:.1f} s")  # fmt: skip
    vendor = connection.vendor
    start = time.perf_counter()
    figures.rebuild(YEAR)
    seconds = time.perf_counter() - start
    print(f"[{vendor}] full rebuild of the maintained figures: "
          f"{IndicatorFigure.objects.count():,} rows in {seconds:.1f} s")  # fmt: skip
    # One value change at a village, its commune, province and the root updated with it.
    village = AdminUnit.objects.filter(path__startswith=provinces[0].path, depth=3).first()
    households = next(i for i in indicators if i.code == "ho-dan")
    changes = iter(range(1000, 1100))  # above every part of it (poor households…)
    _, seconds = timed(
        lambda: services.value_set(user=None, unit=village, indicator=households,
                                   report_year=YEAR, kind="uth_x", value=str(next(changes))),
        repeat=5,
    )  # fmt: skip
    print(f"[{vendor}] one value change with its ancestors' figures: {seconds * 1000:.1f} ms")
    figures_ = {}
    province = provinces[0]
    scopes = [("province", province, f"one province ({args.communes} communes)")]
    if args.provinces > 1:
        scopes.append(("country", root, f"whole country ({args.provinces} provinces)"))
    for scope, unit, label in scopes:
        # What the roll-up page reads: every indicator of the one kind it shows.
        _, seconds = timed(
            lambda u=unit: rollup(unit=u, report_year=YEAR, indicators=indicators,
                                  kinds=["kh_de_xuat"]), repeat=5,
        )  # fmt: skip
        figures_[scope] = seconds
        print(f"[{vendor}] roll-up page: {len(indicators)} indicators of one kind "
              f"(KH X+1 đề xuất) from maintained figures, {label}: "
              f"{seconds * 1000:.1f} ms")  # fmt: skip
        result, seconds = timed(
            lambda u=unit: rollup(unit=u, report_year=YEAR, indicators=indicators)
        )
        figures_[f"all-kinds-{scope}"] = seconds
        print(f"[{vendor}] roll-up of {len(indicators)} indicators × 8 kinds "
              f"({len(KINDS)} filled) from maintained figures, {label}: "
              f"{seconds * 1000:.1f} ms")  # fmt: skip
        scanned, seconds = timed(
            lambda u=unit: rollup_scan(unit=u, report_year=YEAR, indicators=indicators), repeat=1
        )
        figures_[f"scan-{scope}"] = seconds
        print(f"[{vendor}] same by scanning the subtree's values (old way), {label}: "
              f"{seconds * 1000:.0f} ms")  # fmt: skip
        key = (households.pk, "uth_x")
        same = all(
            (a.value is None and b.value is None)
            or (a.value is not None and b.value is not None and abs(a.value - b.value) < 1e-6)
            for a, b in ((result[k], scanned[k]) for k in scanned)
        )
        print(f"[{vendor}] check, {scope}: households ƯTH = {result[key].value}; "
              f"figures equal the scan for every indicator and kind: {same}")  # fmt: skip
    if len(provinces) > 1:
        # Administrative restructuring: a commune moves to another province. Only the two
        # chains of ancestors are recomputed, for every report year, in the same transaction.
        from sedp.territory import services as territory

        commune = AdminUnit.objects.filter(parent=provinces[0]).order_by("pk").last()
        start = time.perf_counter()
        territory.unit_update(user=None, unit=commune, parent=provinces[1])
        seconds = time.perf_counter() - start
        print(f"[{vendor}] moving a commune ({args.villages} villages) to another province, "
              f"figures of both chains refreshed: {seconds * 1000:.0f} ms")  # fmt: skip
        territory.unit_update(user=None, unit=commune, parent=provinces[0])
    if args.export:
        export(args.export, root)
    return figures_


def export(folder, root):
    """The rows the roll-up reads, as CSV, for DuckDB (which then writes Parquet)."""
    from django.db import connection

    with connection.cursor() as cursor, open(Path(folder) / "values.csv", "wb") as out:
        with cursor.cursor.copy(
            "COPY (SELECT v.unit_id, v.indicator_id, v.kind, v.value, u.parent_id, u.path, "
            "u.depth, u.unit_type FROM indicators_indicatorvalue v JOIN territory_adminunit u "
            "ON u.id = v.unit_id WHERE v.agency_id IS NULL AND v.report_year = %s) "
            "TO STDOUT WITH (FORMAT csv, HEADER true)",
            [YEAR],
        ) as copy:
            for chunk in copy:
                out.write(chunk)
        cursor.execute("SELECT id, parent_id, path FROM territory_adminunit WHERE path LIKE %s "
                       "AND depth <= 1 ORDER BY depth, id", [root.path + "%"])  # fmt: skip
        units = cursor.fetchall()
    (Path(folder) / "roots.txt").write_text(
        "\n".join(f"{pk}\t{path}" for pk, _parent, path in units)
    )


DUCK_SQL = """
WITH v AS (SELECT * FROM read_parquet('{parquet}') WHERE path LIKE '{path}%' AND unit_id <> {pk}),
p AS (SELECT v.*, u.parent_id AS grand_id FROM v LEFT JOIN units u ON u.id = v.parent_id),
f AS (
  SELECT p.* FROM p
  WHERE NOT EXISTS (SELECT 1 FROM vals s WHERE s.unit_id = p.parent_id
                    AND s.indicator_id = p.indicator_id AND s.kind = p.kind AND s.depth > {depth})
    AND NOT EXISTS (SELECT 1 FROM vals s WHERE s.unit_id = p.grand_id
                    AND s.indicator_id = p.indicator_id AND s.kind = p.kind AND s.depth > {depth})
)
SELECT split_part(substr(path, {cut}), '/', 1) AS child, unit_type, indicator_id, kind,
       sum(value), count(*)
FROM f GROUP BY ALL
"""


def duckdb_reference(folder, depth_by_scope):
    import duckdb

    folder = Path(folder)
    db = duckdb.connect()
    db.execute(f"COPY (SELECT * FROM read_csv_auto('{folder / 'values.csv'}')) "
               f"TO '{folder / 'values.parquet'}' (FORMAT parquet)")  # fmt: skip
    parquet = folder / "values.parquet"
    db.execute(f"CREATE TABLE vals AS SELECT unit_id, indicator_id, kind, depth FROM "
               f"read_parquet('{parquet}')")  # fmt: skip
    db.execute(f"CREATE TABLE units AS SELECT DISTINCT unit_id AS id, parent_id FROM "
               f"read_parquet('{parquet}')")  # fmt: skip
    # Parents that hold no value are missing above; add them from the paths.
    db.execute(f"INSERT INTO units SELECT DISTINCT parent_id, NULL FROM read_parquet('{parquet}') "
               "WHERE parent_id NOT IN (SELECT id FROM units)")  # fmt: skip
    roots = [line.split("\t") for line in (folder / "roots.txt").read_text().splitlines()]
    figures = {}
    for scope, (pk, path) in zip(["country", "province"], roots[:2], strict=False):
        depth = depth_by_scope[scope]
        sql = DUCK_SQL.format(parquet=parquet, path=path, pk=pk, depth=depth, cut=len(path) + 1)
        _rows, seconds = timed(lambda sql=sql: db.execute(sql).fetchall())
        figures[scope] = seconds
        print(
            f"[duckdb] same aggregation, {scope}: {seconds * 1000:.0f} ms ({len(_rows):,} groups)"
        )
    return figures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--communes", type=int, default=97, help="per province")
    parser.add_argument("--villages", type=int, default=21, help="per commune")
    parser.add_argument("--export", help=argparse.SUPPRESS)
    parser.add_argument("--sqlite-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sqlite_only:
        run(args)
        return
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Run under bin/with-throwaway-postgres (DATABASE_URL=postgres://…).")
    with tempfile.TemporaryDirectory() as folder:
        args.export = folder
        pg = run(args)
        with tempfile.TemporaryDirectory() as sqlite_folder:
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{sqlite_folder}/bench.sqlite3"}
            subprocess.run(
                [sys.executable, __file__, "--sqlite-only", "--provinces", "1",
                 "--communes", str(args.communes), "--villages", str(args.villages)],
                env=env, check=True,
            )  # fmt: skip
        duck = duckdb_reference(folder, {"country": 0, "province": 1})
    for scope in ("province", "country"):
        if scope in pg and scope in duck:
            print(f"PostgreSQL maintained figures / DuckDB, {scope}: "
                  f"{pg[scope] / duck[scope]:.2f}×; old scan / DuckDB: "
                  f"{pg['scan-' + scope] / duck[scope]:.1f}×")  # fmt: skip


if __name__ == "__main__":
    main()
