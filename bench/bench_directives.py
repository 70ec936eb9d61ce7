"""Benchmark for documents and the village forms (issue D, part D1): a province-wide
directive sent to every agency of the Lào Cai demo tree, the inbox and step-1 pages' query
counts and times, and the upload of a 25-activity village proposal workbook.

Run: make bench   (or: .venv/bin/python bench/bench_directives.py [--activities 25]
                   [--documents 50])
Uses a throwaway SQLite file unless DATABASE_URL is set. Prints the figures; asserts nothing.
"""

import argparse
import datetime
import io
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_territory import setup_django, timed  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=25)
    parser.add_argument("--documents", type=int, default=50)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    setup_django(Path(tmp.name) / "bench.sqlite3")

    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from openpyxl import load_workbook

    from sedp.demo import DEMO_PASSWORD, load_demo
    from sedp.directives.services import document_issue
    from sedp.plans.models import PlanKind
    from sedp.plans.proposal_xlsx import FIRST_ROW, _columns, export_proposal, import_proposal
    from sedp.plans.services import plan_create
    from sedp.territory.models import AdminUnit, Agency, AgencyKind

    setup_test_environment()
    print(f"database: {connection.vendor}")
    _, seconds = timed(load_demo)
    print(f"load demo: {seconds:.1f} s")

    province = AdminUnit.objects.get(structure__code="laocai-2015", parent__isnull=True)
    ubnd = Agency.objects.get(unit=province, kind=AgencyKind.PEOPLES_COMMITTEE)
    admin = get_user_model().objects.get(username="admin")
    every_kind = list(AgencyKind.values)
    day = datetime.date(2026, 6, 1)

    def issue(number, kinds=every_kind, levels=3):
        return document_issue(
            user=admin,
            issuer=ubnd,
            kind="tinh.directive",
            number=number,
            issued_on=day,
            report_year=2026,
            title="Chỉ thị về lập kế hoạch năm 2027",
            body="Nội dung chỉ thị. " * 200,
            recipient_kinds=kinds,
            levels_below=levels,
        )

    with CaptureQueriesContext(connection) as queries:
        document, seconds = timed(lambda: issue("900/CT-UBND"))
    print(
        f"\nissue a province-wide directive to {document.recipients.count()} agencies "
        f"(every agency of the 3-tier tree): {seconds * 1000:.0f} ms, {len(queries)} queries"
    )
    _, seconds = timed(
        lambda: [
            issue(f"{n}/UBND-TH", kinds=["so_nganh", "phong_tckh", "ubnd", "to_cong_tac_xa"])
            for n in range(args.documents)
        ]
    )
    print(f"issue {args.documents} more directives: {seconds / args.documents * 1000:.0f} ms each")

    client = Client()
    print(f"\n{'persona':<16}{'page':<12}{'queries':>8}{'median ms':>11}")
    muong_hum = AdminUnit.objects.get(structure__code="laocai-2015", code="02728")
    pages = [
        ("/directives/", "inbox"),
        ("/directives/?box=inbox&unread=1", "unread"),
        (f"/groups/commune/{muong_hum.pk}/?year=2026", "step 1"),
    ]
    for username in ["skhdt", "tckh.batxat", "kh.muonghum", "ubnd.muonghum"]:
        client.login(username=username, password=DEMO_PASSWORD)
        for url, label in pages:
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            if response.status_code != 200:
                continue
            _, seconds = timed(lambda url=url: client.get(url), repeat=5)
            print(f"{username:<16}{label:<12}{len(queries):>8}{seconds * 1000:>11.1f}")
        client.logout()

    village = Agency.objects.filter(
        kind=AgencyKind.VILLAGE_WORKING_GROUP,
        plans__isnull=True,
        unit__structure=province.structure,
    ).first()
    plan = plan_create(user=admin, agency=village, kind=PlanKind.VILLAGE_PROPOSAL, report_year=2026)
    book = load_workbook(io.BytesIO(export_proposal(plan)))
    keys = [key for key, _heading, _kind in _columns()]
    sheet = book["Hoạt động"]
    for n in range(args.activities):
        row = {
            "title": f"Hoạt động số {n + 1}: bê tông hóa đường nội thôn",
            "sector": "Giao thông vận tải và xây dựng",
            "cost_estimate": 100_000_000 + n * 1_000_000,
            "fund_target_programmes": 60_000_000,
            "people_cash": 5_000_000,
            "people_labour": 10_000_000,
            "people_labour_days": 100,
            "for_poor_households": "x",
            "priority": n + 1,
        }
        for key, value in row.items():
            sheet.cell(FIRST_ROW + n, keys.index(key) + 1, value)
    buffer = io.BytesIO()
    book.save(buffer)
    content = buffer.getvalue()
    with CaptureQueriesContext(connection) as queries:
        counts, seconds = timed(lambda: import_proposal(user=admin, plan=plan, content=content))
    print(
        f"\nupload a {args.activities}-activity proposal ({len(content) // 1024} KiB): "
        f"{seconds * 1000:.0f} ms, {len(queries)} queries, {counts}"
    )
    updated = export_proposal(plan)
    counts, seconds = timed(lambda: import_proposal(user=admin, plan=plan, content=updated))
    print(f"upload it again (every row an update): {seconds * 1000:.0f} ms, {counts}")
    _, seconds = timed(lambda: export_proposal(plan), repeat=3)
    print(f"download it pre-filled: {seconds * 1000:.0f} ms")
    tmp.cleanup()


if __name__ == "__main__":
    main()
