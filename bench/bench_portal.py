"""Benchmark for issue G (portal and consultation): the public portal's search over a
province's published plans (every level, several years), and the public page of a commune's
consultation with many comments.

Run: make bench-portal   (or: .venv/bin/python bench/bench_portal.py [--districts 9]
                          [--communes 20] [--years 3] [--comments 5000])
Uses a throwaway SQLite file unless DATABASE_URL is set. Prints the figures; asserts nothing.
Publications and comments are generated with bulk inserts from one real publication made
through the services; the pages run exactly as in production (anonymous visitor).
"""

import argparse
import datetime
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_territory import setup_django, timed  # noqa: E402

DISTRICT_NAMES = [
    "Bát Xát",
    "Mường Khương",
    "Si Ma Cai",
    "Bắc Hà",
    "Bảo Thắng",
    "Bảo Yên",
    "Sa Pa",
    "Văn Bàn",
    "Lào Cai",
]
COMMUNE_NAMES = [
    "Bản Lầu",
    "Tả Van",
    "Lùng Vai",
    "Cốc Lầu",
    "Nậm Chày",
    "Thải Giàng Phố",
    "Phố Lu",
    "Võ Lao",
    "Mường Hum",
    "Bản Phiệt",
]


def build(args):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from sedp.consultation.models import AnswerKind, Comment, Consultation
    from sedp.core.text import unaccent
    from sedp.plans.models import Plan, PlanKind, PlanStatus, PlanVersion
    from sedp.portal.models import CouncilSubmission, Publication, Resolution
    from sedp.territory.models import (
        AdminLevel,
        AdminUnit,
        Agency,
        AgencyKind,
        Reach,
        TerritoryStructure,
    )

    structure = TerritoryStructure.objects.create(code="bench", name="Bench")
    levels = [
        AdminLevel.objects.create(structure=structure, code=c, name=c, rank=i, unit_types=[t])
        for i, (c, t) in enumerate([("tinh", "tinh"), ("huyen", "huyen"), ("xa", "xa")])
    ]

    def unit(level, parent, code, name, unit_type):
        u = AdminUnit.objects.create(
            structure=structure,
            level=levels[level],
            parent=parent,
            code=code,
            name=name,
            unit_type=unit_type,
            path="",
            depth=level,
            name_search=unaccent(name),
        )
        u.path = f"{parent.path if parent else '/'}{u.pk}/"
        u.save(update_fields=["path"])
        return u

    user = get_user_model().objects.create_superuser("admin.bench", password="bench-pass")
    province = unit(0, None, "10", "Tỉnh Lào Cai", "tinh")
    units = [(province, PlanKind.PROVINCE_PLAN)]
    for d in range(args.districts):
        name = DISTRICT_NAMES[d % len(DISTRICT_NAMES)]
        district = unit(1, province, f"D{d}", f"Huyện {name} {d}", "huyen")
        units.append((district, PlanKind.DISTRICT_PLAN))
        for c in range(args.communes):
            name = COMMUNE_NAMES[c % len(COMMUNE_NAMES)]
            units.append(
                (unit(2, district, f"D{d}C{c}", f"Xã {name} {d}.{c}", "xa"), PlanKind.COMMUNE_PLAN)
            )

    # A realistic snapshot: 22 sections of a few paragraphs, 40 activities, 30 indicators.
    text = "Nội dung kế hoạch. " * 120
    activity = {"sector": "Nông nghiệp", "place": "Thôn", "responsible": "HTX", "timing": "Quý II"}
    snapshot = {
        "resolution": {"number": "x", "adopted_on": "2026-12-10", "text": "Nghị quyết " * 200},
        "sections": [{"code": f"s{i}", "title": f"Phần {i}", "body": text} for i in range(22)],
        "activities": [
            {**activity, "title": f"Hoạt động {k}", "cost": 100_000_000 + k, "status": "Có vốn"}
            for k in range(40)
        ],
        "total_cost": "4.000.000.780",
        "annex": [
            {"name": f"Chỉ tiêu {i}", "unit": "%", "estimate": "1", "plan": "2"} for i in range(30)
        ],
    }
    publications = 0
    for u, kind in units:
        agency = Agency.objects.create(
            unit=u,
            kind=AgencyKind.PEOPLES_COMMITTEE,
            name=f"UBND {u.name}",
            reach=Reach.TERRITORY,
        )
        plans = Plan.objects.bulk_create(
            Plan(kind=kind, report_year=2025 - y, unit=u, agency=agency, status=PlanStatus.APPROVED)
            for y in range(args.years)
        )
        versions = PlanVersion.objects.bulk_create(
            PlanVersion(plan=p, number=1, label="Chính thức", snapshot={}) for p in plans
        )
        submissions = CouncilSubmission.objects.bulk_create(
            CouncilSubmission(
                plan=p, version=v, number=f"{p.pk}/TTr", submitted_on=datetime.date(2025, 12, 1)
            )
            for p, v in zip(plans, versions, strict=True)
        )
        resolutions = Resolution.objects.bulk_create(
            Resolution(
                plan=p,
                submission=s,
                version=v,
                number=f"{p.pk}/NQ-HĐND",
                adopted_on=datetime.date(2025, 12, 10),
                text="Thông qua",
            )
            for p, s, v in zip(plans, submissions, versions, strict=True)
        )
        ancestors = " ".join(
            AdminUnit.objects.filter(pk__in=u.path.strip("/").split("/")).values_list(
                "name", flat=True
            )
        )
        Publication.objects.bulk_create(
            Publication(
                plan=p,
                resolution=r,
                unit=u,
                kind=kind,
                plan_year=p.report_year + 1,
                title=f"{PlanKind(kind).label} {p.report_year + 1} — {u.name}",
                search_text=unaccent(f"{u.name} {ancestors} {r.number}"),
                snapshot=snapshot,
            )
            for p, r in zip(plans, resolutions, strict=True)
        )
        publications += len(plans)

    # One commune's draft for next year, under consultation, with many comments.
    commune, _kind = units[2]
    draft = Plan.objects.create(
        kind=PlanKind.COMMUNE_PLAN,
        report_year=2026,
        unit=commune,
        agency=Agency.objects.get(unit=commune),
    )
    today = timezone.localdate()
    consultation = Consultation.objects.create(
        plan=draft,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=14),
        snapshot={"sections": snapshot["sections"], "activities": [
            {"id": k, "title": f"Hoạt động {k}", "description": "", "sector": "Nông nghiệp",
             "place": "Thôn", "timing": "", "cost": 1, "people": 0, "priority": k}
            for k in range(40)]},
        published_by=user,
    )  # fmt: skip
    Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            body=f"Ý kiến số {n}: đề nghị xã ưu tiên làm đường nội đồng. " * 3,
            display_name="Người dân" if n % 3 else "",
            target_label=f"Hoạt động {n % 40}",
            ip_hash=f"{n:064d}",
            answer_kind=AnswerKind.ACCEPTED if n % 2 else "",
            answer="Xã tiếp thu, đưa vào kế hoạch." if n % 2 else "",
        )
        for n in range(args.comments)
    )
    return publications, province, units[1][0], consultation


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--districts", type=int, default=9)
    parser.add_argument("--communes", type=int, default=20)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--comments", type=int, default=5000)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    setup_django(Path(tmp.name) / "bench.sqlite3")

    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from sedp.consultation.services import comment_post

    setup_test_environment()
    print(f"database: {connection.vendor}")
    (publications, province, district, consultation), seconds = timed(lambda: build(args))
    print(
        f"generated {publications:,} published plans (1 province, {args.districts} districts, "
        f"{args.districts * args.communes} communes × {args.years} years) and "
        f"{args.comments:,} comments on one commune's draft: {seconds:.1f} s"
    )
    client = Client()  # anonymous: the public pages
    last_page = (args.comments // 30) + 1
    pages = [
        ("/cong-khai/", "portal home (all published)"),
        ("/cong-khai/?q=lao+cai", "search 'lao cai' (no diacritics)"),
        ("/cong-khai/?q=Bản+Lầu+3", "search 'Bản Lầu 3'"),
        ("/cong-khai/?q=ban+lau&kind=commune_plan&year=2026", "search + level + year"),
        ("/cong-khai/?q=lao+cai&page=20", "search, page 20"),
        (f"/cong-khai/don-vi/{district.pk}/", "district page"),
        (f"/cong-khai/tham-van/{consultation.pk}/", f"consultation ({args.comments:,} comments)"),
        (f"/cong-khai/tham-van/{consultation.pk}/?page={last_page}", "consultation, last page"),
    ]
    print(f"\n{'public page':<40}{'queries':>8}{'median ms':>11}")
    for url, label in pages:
        reset_queries()  # each request resets the log; start the count from zero
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        _, seconds = timed(lambda url=url: client.get(url), repeat=7)
        print(f"{label:<40}{len(queries):>8}{seconds * 1000:>11.1f}")

    counter = iter(range(10**6))

    def post():
        return comment_post(
            consultation=consultation,
            body="Đề nghị xã làm thêm cầu tràn.",
            address=f"10.0.{next(counter) // 250}.{next(counter) % 250}",
        )

    _, seconds = timed(post, repeat=20)
    print(f"\npost one comment (limits checked, event written): median {seconds * 1000:.1f} ms")
    tmp.cleanup()


if __name__ == "__main__":
    main()
