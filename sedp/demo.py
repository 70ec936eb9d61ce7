"""The Lào Cai demo: both territory structures, sectors, agencies at every level,
villages for a few communes, and one login per role and level.

Run by `manage.py seed_demo` (and so by `make demo`). Idempotent: a second run changes nothing.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from sedp.accounts.models import Membership, Role
from sedp.accounts.services import user_create
from sedp.core.text import unaccent
from sedp.documents.demo import load_demo_documents
from sedp.indicators.demo_values import load_indicator_demo
from sedp.territory.importing import import_units
from sedp.territory.models import KIND_REACH, AdminUnit, Agency, AgencyKind, Reach, Sector
from sedp.territory.reference import ensure_sectors, ensure_structures, structure_file

DEMO_PASSWORD = "demo@2026"
K = AgencyKind

PROVINCE_AGENCIES_2015 = [
    (K.PEOPLES_COMMITTEE, "UBND tỉnh Lào Cai", None),
    (K.PEOPLES_COUNCIL, "HĐND tỉnh Lào Cai", None),
    (K.PARTY_COMMITTEE, "Tỉnh ủy Lào Cai", None),
    (K.PLANNING_DEPARTMENT, "Sở Kế hoạch và Đầu tư", "dau-tu"),
    (K.FINANCE_DEPARTMENT, "Sở Tài chính", "tai-chinh"),
    (K.STATISTICS_OFFICE, "Cục Thống kê tỉnh Lào Cai", None),
    (K.SECTOR_DEPARTMENT, "Sở Nông nghiệp và Phát triển nông thôn", "nong-nghiep"),
    (K.SECTOR_DEPARTMENT, "Sở Giáo dục và Đào tạo", "giao-duc"),
    (K.SECTOR_DEPARTMENT, "Sở Y tế", "y-te"),
    (K.SECTOR_DEPARTMENT, "Sở Lao động - Thương binh và Xã hội", "lao-dong-xa-hoi"),
    (K.SECTOR_DEPARTMENT, "Sở Tài nguyên và Môi trường", "tai-nguyen-moi-truong"),
    (K.SECTOR_DEPARTMENT, "Sở Giao thông vận tải - Xây dựng", "giao-thong-xay-dung"),
    (K.SECTOR_DEPARTMENT, "Sở Công Thương", "cong-thuong"),
    (K.SECTOR_DEPARTMENT, "Sở Văn hóa, Thể thao và Du lịch", "van-hoa-the-thao"),
    (K.SECTOR_DEPARTMENT, "Sở Nội vụ", "noi-vu"),
    (K.SECTOR_DEPARTMENT, "Ban Dân tộc tỉnh", "dan-toc"),
    (K.PUBLIC_SERVICE_UNIT, "Trung tâm Khuyến nông tỉnh", "khuyen-nong"),
    (K.PUBLIC_SERVICE_UNIT, "Chi cục Kiểm lâm tỉnh", "lam-nghiep"),
    (K.MASS_ORGANISATION, "Hội Liên hiệp Phụ nữ tỉnh", "doan-the"),
]
DISTRICT_AGENCIES = [
    (K.PEOPLES_COMMITTEE, "UBND {name}", None),
    (K.PEOPLES_COUNCIL, "HĐND {name}", None),
    (K.PARTY_COMMITTEE, "{party} {bare}", None),
    (K.FINANCE_PLANNING_OFFICE, "Phòng Tài chính - Kế hoạch {short}", "tai-chinh"),
    (K.DISTRICT_SECTOR_OFFICE, "{agri} {short}", "nong-nghiep"),
    (K.DISTRICT_SECTOR_OFFICE, "Phòng Giáo dục và Đào tạo {short}", "giao-duc"),
    (K.DISTRICT_SECTOR_OFFICE, "Phòng Y tế {short}", "y-te"),
    (K.DISTRICT_SECTOR_OFFICE, "Phòng Lao động - Thương binh và Xã hội {short}", "lao-dong-xa-hoi"),
    (K.DISTRICT_SECTOR_OFFICE, "Phòng Tài nguyên và Môi trường {short}", "tai-nguyen-moi-truong"),
    (K.DISTRICT_SECTOR_OFFICE, "Phòng Văn hóa và Thông tin {short}", "van-hoa-the-thao"),
    (K.STATISTICS_OFFICE, "Chi cục Thống kê {short}", None),
    (K.PUBLIC_SERVICE_UNIT, "Trạm Khuyến nông {short}", "khuyen-nong"),
    (K.PUBLIC_SERVICE_UNIT, "Trạm Chăn nuôi và Thú y {short}", "chan-nuoi-thu-y"),
]
COMMUNE_AGENCIES = [
    (K.PEOPLES_COMMITTEE, "UBND {name}", None),
    (K.PEOPLES_COUNCIL, "HĐND {name}", None),
    (K.PARTY_COMMITTEE, "Đảng ủy {name}", None),
    (K.COMMUNE_PLANNING_GROUP, "Tổ công tác kế hoạch {name}", None),
    (K.COMMUNE_SPECIALIST, "Văn phòng - Thống kê {name}", "hanh-chinh"),
    (K.COMMUNE_SPECIALIST, "Kế toán - Tài chính {name}", "tai-chinh"),
    (K.SCHOOL, "Trường Tiểu học và THCS {short}", "giao-duc"),
    (K.HEALTH_STATION, "Trạm Y tế {name}", "y-te"),
    (K.MASS_ORGANISATION, "Hội Liên hiệp Phụ nữ {name}", "doan-the"),
]
# Economic actors of the communes whose villages the demo has.
COMMUNE_ECONOMY_AGENCIES = [
    (K.COOPERATIVE, "Hợp tác xã nông nghiệp {short}", "nong-nghiep"),
    (K.ENTERPRISE, "Công ty TNHH chè {short}", "cong-thuong"),
    (K.PROJECT_BOARD, "Ban quản lý xây dựng nông thôn mới {name}", "nong-thon-moi"),
]
PROVINCE_AGENCIES_2025 = [
    (K.PEOPLES_COMMITTEE, "UBND tỉnh Lào Cai", None),
    (K.PEOPLES_COUNCIL, "HĐND tỉnh Lào Cai", None),
    (K.PARTY_COMMITTEE, "Tỉnh ủy Lào Cai", None),
    # Since 2025 Sở KHĐT is merged into Sở Tài chính, which now leads planning.
    (K.FINANCE_DEPARTMENT, "Sở Tài chính", "tai-chinh"),
    (K.STATISTICS_OFFICE, "Thống kê tỉnh Lào Cai", None),
    (K.SECTOR_DEPARTMENT, "Sở Nông nghiệp và Môi trường", "nong-nghiep"),
    (K.SECTOR_DEPARTMENT, "Sở Giáo dục và Đào tạo", "giao-duc"),
    (K.SECTOR_DEPARTMENT, "Sở Y tế", "y-te"),
]
COMMUNE_AGENCIES_2025 = [
    (K.PEOPLES_COMMITTEE, "UBND {name}", None),
    (K.PEOPLES_COUNCIL, "HĐND {name}", None),
    (K.PARTY_COMMITTEE, "Đảng ủy {name}", None),
    (K.COMMUNE_PLANNING_GROUP, "Tổ công tác kế hoạch {name}", None),
    (K.COMMUNE_SPECIALIST, "Phòng Kinh tế {name}", "nong-nghiep"),
    (K.COMMUNE_SPECIALIST, "Văn phòng HĐND và UBND {name}", "hanh-chinh"),
    (K.SCHOOL, "Trường Tiểu học và THCS {short}", "giao-duc"),
    (K.HEALTH_STATION, "Trạm Y tế {name}", "y-te"),
]

# Villages are in no national list; these follow the communes' real village names.
VILLAGES = {
    "laocai-2015": {
        "02728": [
            "Thôn Mường Hum",
            "Thôn Pờ Hồ",
            "Thôn Sùng Bang",
            "Thôn Nậm Pẻn",
            "Thôn Séo Phìn Chư",
            "Thôn Cán Cấu",
        ],
        "02701": [
            "Thôn Phìn Hồ",
            "Thôn Hòa Sử Pán",
            "Thôn Lao Chải",
            "Thôn Ngải Thầu",
            "Thôn Mò Phú Chải",
            "Thôn Choản Thèn",
            "Thôn Sín Chải",
            "Thôn Trung Hồ",
        ],
        "03013": [
            "Thôn Tả Phìn",
            "Thôn Sả Séng",
            "Thôn Giàng Tra",
            "Thôn Can Ngài",
            "Thôn Suối Thầu",
            "Thôn Lủ Khấu",
        ],
        # Phong Niên (Bảo Thắng): the second district of the provincial demo.
        "02920": [
            "Thôn Phìn Giàng A",
            "Thôn Cốc Sâm 1",
            "Thôn Cốc Sâm 2",
            "Thôn Làng Bông",
        ],
    },
    "laocai-2025": {
        "02701": [
            "Thôn Phìn Hồ",
            "Thôn Hòa Sử Pán",
            "Thôn Lao Chải",
            "Thôn Ngải Thầu",
            "Thôn Mò Phú Chải",
            "Thôn Choản Thèn",
            "Thôn Sín Chải",
            "Thôn Trung Hồ",
        ],
    },
}


@dataclass(frozen=True)
class DemoLogin:
    username: str
    full_name: str
    structure: str
    unit_code: str
    agency_name: str  # a prefix is enough to find it at the unit
    role: str
    position: str


LOGINS = [
    DemoLogin(
        "ubnd.tinh",
        "Hoàng Quốc Khánh",
        "laocai-2015",
        "10",
        "UBND tỉnh",
        Role.LEADER,
        "Phó Chủ tịch UBND tỉnh",
    ),
    DemoLogin(
        "skhdt",
        "Nguyễn Thị Thu Hà",
        "laocai-2015",
        "10",
        "Sở Kế hoạch",
        Role.PLANNER,
        "Trưởng phòng Tổng hợp - Quy hoạch",
    ),
    DemoLogin(
        "stc",
        "Trần Văn Minh",
        "laocai-2015",
        "10",
        "Sở Tài chính",
        Role.PLANNER,
        "Chuyên viên phòng Ngân sách",
    ),
    DemoLogin(
        "snn",
        "Lý Thị Mai",
        "laocai-2015",
        "10",
        "Sở Nông nghiệp",
        Role.PLANNER,
        "Phòng Kế hoạch - Tài chính của Sở",
    ),
    DemoLogin(
        "hdnd.tinh",
        "Giàng Seo Phử",
        "laocai-2015",
        "10",
        "HĐND tỉnh",
        Role.VIEWER,
        "Ban Kinh tế - Ngân sách HĐND tỉnh",
    ),
    DemoLogin(
        "tckh.batxat",
        "Vàng A Sình",
        "laocai-2015",
        "082",
        "Phòng Tài chính",
        Role.PLANNER,
        "Trưởng phòng TCKH",
    ),
    DemoLogin(
        "pnn.batxat",
        "Lù Văn Tiến",
        "laocai-2015",
        "082",
        "Phòng Nông nghiệp",
        Role.PLANNER,
        "Chuyên viên",
    ),
    DemoLogin(
        "ubnd.muonghum",
        "Sần Văn Phong",
        "laocai-2015",
        "02728",
        "UBND",
        Role.LEADER,
        "Chủ tịch UBND xã",
    ),
    DemoLogin(
        "kh.muonghum",
        "Lò Thị Hoa",
        "laocai-2015",
        "02728",
        "Tổ công tác",
        Role.PLANNER,
        "Thư ký tổ công tác - công chức Văn phòng - Thống kê",
    ),
    DemoLogin(
        "hdnd.muonghum",
        "Sùng A Lử",
        "laocai-2015",
        "02728",
        "HĐND",
        Role.LEADER,
        "Chủ tịch HĐND xã",
    ),
    DemoLogin(
        "truong.muonghum",
        "Phạm Thị Lan",
        "laocai-2015",
        "02728",
        "Trường",
        Role.PLANNER,
        "Hiệu trưởng",
    ),
    DemoLogin(
        "thon.muonghum",
        "Tẩn Láo San",
        "laocai-2015",
        "0272801",
        "Tổ công tác",
        Role.LEADER,
        "Trưởng thôn, tổ trưởng tổ công tác KH thôn",
    ),
    DemoLogin(
        "thon.poho",
        "Lồ Thị Dín",
        "laocai-2015",
        "0272802",
        "Tổ công tác",
        Role.LEADER,
        "Trưởng thôn, tổ trưởng tổ công tác KH thôn",
    ),
    DemoLogin(
        "kh.taphin",
        "Giàng Thị Sú",
        "laocai-2015",
        "03013",
        "Tổ công tác",
        Role.PLANNER,
        "Thư ký tổ công tác KH xã",
    ),
    DemoLogin(
        "stc.2025",
        "Đỗ Minh Tuấn",
        "laocai-2025",
        "15",
        "Sở Tài chính",
        Role.PLANNER,
        "Phòng Tổng hợp - Quy hoạch (Sở Tài chính, 2 cấp)",
    ),
    DemoLogin(
        "kh.yty",
        "Chảo Thị Mẩy",
        "laocai-2025",
        "02701",
        "Tổ công tác",
        Role.PLANNER,
        "Thư ký tổ công tác KH xã (2 cấp)",
    ),
]


def _village_csv(structure_code: str) -> bytes:
    rows = ["Mã PX,Thôn,Mã thôn,Loại thôn"]
    for commune_code, names in VILLAGES[structure_code].items():
        for number, name in enumerate(names, start=1):
            rows.append(f"{commune_code},{name},{commune_code}{number:02d},Thôn")
    return "\n".join(rows).encode()


def _agency_rows(unit, templates, sectors, **names):
    for kind, pattern, sector_code in templates:
        yield Agency(
            unit=unit,
            kind=kind,
            name=pattern.format(**names),
            sector=sectors.get(sector_code),
            reach=KIND_REACH.get(kind, Reach.OWN),
        )


TYPE_PREFIXES = (
    "Thành phố ",
    "Thị xã ",
    "Thị trấn ",
    "Huyện ",
    "Phường ",
    "Xã ",
    "Thôn ",
    "Bản ",
    "Tổ dân phố ",
)


def _in_sentence(name: str) -> str:
    """'Xã Mường Hum' -> 'xã Mường Hum', as a unit's name reads inside an agency's name."""
    for prefix in TYPE_PREFIXES:
        if name.startswith(prefix):
            return prefix.lower() + name[len(prefix) :]
    return name


def _short_name(unit) -> str:
    """'Xã Mường Hum' -> 'Mường Hum'; a district keeps its type: 'huyện Bát Xát'."""
    for prefix in ("Thị trấn ", "Phường ", "Xã "):
        if unit.name.startswith(prefix):
            return unit.name[len(prefix) :]
    return _in_sentence(unit.name)


def _district_words(unit):
    urban = unit.unit_type in {"tp_thuoc_tinh", "thi_xa", "quan"}
    return {
        "name": _in_sentence(unit.name),
        "short": _short_name(unit),
        "bare": unit.name.split(" ", 2)[-1]
        if unit.name.startswith(("Thành phố", "Thị xã"))
        else unit.name.split(" ", 1)[-1],
        "party": "Thành ủy"
        if unit.unit_type == "tp_thuoc_tinh"
        else ("Thị ủy" if unit.unit_type == "thi_xa" else "Huyện ủy"),
        "agri": "Phòng Kinh tế" if urban else "Phòng Nông nghiệp và Phát triển nông thôn",
    }


@transaction.atomic
def load_demo(stdout=None) -> list[DemoLogin]:
    say = stdout.write if stdout else (lambda _msg: None)
    structures = {s.code: s for s in ensure_structures()}
    ensure_sectors()
    sectors = {s.code: s for s in Sector.objects.all()}
    for code, structure in structures.items():
        if not AdminUnit.objects.filter(structure=structure).exists():
            path = structure_file(code)
            report = import_units(
                user=None, structure=structure, filename=path.name, content=path.read_bytes()
            )
            say(f"{structure.name}: {report.total} units")
        if not AdminUnit.objects.filter(structure=structure, level__code="thon").exists():
            report = import_units(
                user=None, structure=structure, filename="villages.csv", content=_village_csv(code)
            )
            say(f"{structure.name}: {report.total} villages")
        if Agency.objects.filter(unit__structure=structure).exists():
            continue
        units = list(AdminUnit.objects.filter(structure=structure).select_related("level"))
        rows = []
        for unit in units:
            level = unit.level.code
            if level == "tinh":
                templates = (
                    PROVINCE_AGENCIES_2015 if code == "laocai-2015" else PROVINCE_AGENCIES_2025
                )
                rows += _agency_rows(unit, templates, sectors)
            elif level == "huyen":
                rows += _agency_rows(unit, DISTRICT_AGENCIES, sectors, **_district_words(unit))
            elif level == "xa":
                templates = COMMUNE_AGENCIES if code == "laocai-2015" else COMMUNE_AGENCIES_2025
                if code == "laocai-2025" and unit.code != "02701":
                    templates = templates[:4]  # keep the two-tier demo light but complete
                rows += _agency_rows(
                    unit, templates, sectors, name=_in_sentence(unit.name), short=_short_name(unit)
                )
            elif level == "thon":
                rows.append(
                    Agency(
                        unit=unit,
                        kind=K.VILLAGE_WORKING_GROUP,
                        name=f"Tổ công tác kế hoạch {_in_sentence(unit.name)}",
                        reach=Reach.OWN,
                    )
                )
        for commune_code in VILLAGES[code]:
            commune = next(u for u in units if u.code == commune_code)
            rows += _agency_rows(
                commune,
                COMMUNE_ECONOMY_AGENCIES,
                sectors,
                name=_in_sentence(commune.name),
                short=_short_name(commune),
            )
        Agency.objects.bulk_create(rows)
        say(f"{structure.name}: {len(rows)} agencies")

    User = get_user_model()
    if not User.objects.filter(username="admin").exists():
        user_create(
            actor=None,
            username="admin",
            full_name="Quản trị hệ thống",
            password=DEMO_PASSWORD,
            is_superuser=True,
        )
    for login in LOGINS:
        if User.objects.filter(username=login.username).exists():
            continue
        user = user_create(
            actor=None,
            username=login.username,
            full_name=login.full_name,
            email=f"{login.username}@demo.sedp.local",
            password=DEMO_PASSWORD,
        )
        agency = _find_agency(login)
        Membership.objects.create(
            user=user, agency=agency, role=login.role, position=login.position
        )
    created = load_indicator_demo()
    if created:
        say(f"Chỉ tiêu: {created} giá trị minh họa")
    open_demo_cycles(say)
    from sedp.plans.demo import load_demo_plans

    load_demo_plans(say)
    from sedp.groups.demo import load_step1_demo

    load_step1_demo(say)
    load_demo_documents(say)
    from sedp.fiveyear.demo import load_demo_fiveyear

    load_demo_fiveyear(say)
    from sedp.upper.demo import load_demo_upper

    load_demo_upper(say)
    from sedp.upper.demo_province import load_demo_province  # a second district, the province

    load_demo_province(say)
    from sedp.targets.demo import load_demo_targets  # step 6: targets, versions, budget

    load_demo_targets(say)
    from sedp.monitoring.demo import load_demo_monitored_plan

    load_demo_monitored_plan(say)  # before the council's resolution makes it official
    from sedp.portal.demo import load_demo_portal  # step 6: consultation, council, portal

    load_demo_portal(say)
    from sedp.monitoring.demo import load_demo_monitoring

    load_demo_monitoring(say)
    return LOGINS


def open_demo_cycles(say) -> None:
    """Planning cycles for report year 2026 (plan year 2027) on both structures, so that every
    demo login has tasks; idempotent like the rest of the demo."""
    from sedp.cycles.demo import open_demo_cycles as open_cycles

    for line in open_cycles():
        say(line)


def _find_agency(login: DemoLogin) -> Agency:
    candidates = Agency.objects.filter(
        unit__structure__code=login.structure, unit__code=login.unit_code
    ).order_by("pk")
    wanted = unaccent(login.agency_name)
    for agency in candidates:
        if unaccent(agency.name).startswith(wanted):
            return agency
    raise LookupError(f"No agency {login.agency_name!r} at {login.unit_code}")


def login_table() -> str:
    lines = [f"{'Tên đăng nhập':<18} {'Mật khẩu':<10} Cơ quan / vai trò"]
    lines.append(f"{'admin':<18} {DEMO_PASSWORD:<10} Quản trị hệ thống")
    for login in LOGINS:
        agency = _find_agency(login)
        lines.append(
            f"{login.username:<18} {DEMO_PASSWORD:<10} {agency.name} "
            f"({agency.unit.name}) — {Role(login.role).label}"
        )
    return "\n".join(lines)
