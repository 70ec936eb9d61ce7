"""Reference data shipped with the app: Lào Cai's two territory structures and the sector tree.

The unit lists themselves are CSV files in data/, built once from the national statistics
office's list by tools/build_territory_data.py.
"""

import datetime
from pathlib import Path

from django.db import transaction

from sedp.territory.models import AdminLevel, Sector, SectorGroup, TerritoryStructure, UnitType

DATA_DIR = Path(__file__).resolve().parent / "data"

U = UnitType
STRUCTURES = [
    {
        "code": "laocai-2015",
        "name": "Tỉnh Lào Cai — 3 cấp (đến 30/6/2025)",
        "valid_from": None,
        "valid_to": datetime.date(2025, 6, 30),
        "description": "Cấu trúc tỉnh – huyện – xã – thôn của Quy trình QĐ 1131/QĐ-UBND ngày "
        "25/4/2015, theo danh mục đơn vị hành chính trước ngày 1/7/2025.",
        "file": "laocai_2015.csv",
        "levels": [
            ("tinh", "Cấp tỉnh", [U.PROVINCE, U.CENTRAL_CITY]),
            (
                "huyen",
                "Cấp huyện",
                [U.RURAL_DISTRICT, U.URBAN_DISTRICT, U.DISTRICT_TOWN, U.PROVINCIAL_CITY],
            ),
            ("xa", "Cấp xã", [U.COMMUNE, U.WARD, U.TOWNSHIP]),
            ("thon", "Thôn, bản, tổ dân phố", [U.VILLAGE, U.HAMLET, U.RESIDENTIAL_GROUP]),
        ],
    },
    {
        "code": "laocai-2025",
        "name": "Tỉnh Lào Cai — 2 cấp (từ 1/7/2025)",
        "valid_from": datetime.date(2025, 7, 1),
        "valid_to": None,
        "description": "Chính quyền địa phương 2 cấp: tỉnh Lào Cai sau hợp nhất với tỉnh Yên "
        "Bái, không còn cấp huyện.",
        "file": "laocai_2025.csv",
        "levels": [
            ("tinh", "Cấp tỉnh", [U.PROVINCE, U.CENTRAL_CITY]),
            ("xa", "Cấp xã", [U.COMMUNE, U.WARD, U.SPECIAL_ZONE]),
            ("thon", "Thôn, bản, tổ dân phố", [U.VILLAGE, U.HAMLET, U.RESIDENTIAL_GROUP]),
        ],
    },
]

G = SectorGroup
# (code, name, group, parent code). Sub-sectors follow their parent's group.
SECTORS = [
    ("nong-nghiep", "Nông nghiệp và phát triển nông thôn", G.ECONOMY, None),
    ("khuyen-nong", "Khuyến nông", G.ECONOMY, "nong-nghiep"),
    ("trong-trot-bvtv", "Trồng trọt và bảo vệ thực vật", G.ECONOMY, "nong-nghiep"),
    ("chan-nuoi-thu-y", "Chăn nuôi và thú y", G.ECONOMY, "nong-nghiep"),
    ("lam-nghiep", "Lâm nghiệp", G.ECONOMY, "nong-nghiep"),
    ("thuy-loi", "Thủy lợi", G.ECONOMY, "nong-nghiep"),
    ("thuy-san", "Thủy sản", G.ECONOMY, "nong-nghiep"),
    ("nong-thon-moi", "Xây dựng nông thôn mới", G.ECONOMY, "nong-nghiep"),
    ("cong-thuong", "Công thương", G.ECONOMY, None),
    ("giao-thong-xay-dung", "Giao thông vận tải và xây dựng", G.ECONOMY, None),
    ("du-lich", "Du lịch", G.ECONOMY, None),
    ("dau-tu", "Kế hoạch và đầu tư", G.ECONOMY, None),
    ("tai-chinh", "Tài chính - ngân sách", G.ECONOMY, None),
    ("khoa-hoc-cong-nghe", "Khoa học và công nghệ", G.ECONOMY, None),
    ("giao-duc", "Giáo dục và đào tạo", G.CULTURE_SOCIETY, None),
    ("mam-non", "Giáo dục mầm non", G.CULTURE_SOCIETY, "giao-duc"),
    ("pho-thong", "Giáo dục phổ thông", G.CULTURE_SOCIETY, "giao-duc"),
    ("y-te", "Y tế", G.CULTURE_SOCIETY, None),
    ("y-te-du-phong", "Y tế dự phòng", G.CULTURE_SOCIETY, "y-te"),
    ("dan-so", "Dân số - kế hoạch hóa gia đình", G.CULTURE_SOCIETY, "y-te"),
    ("lao-dong-xa-hoi", "Lao động, thương binh và xã hội", G.CULTURE_SOCIETY, None),
    ("giam-ngheo", "Giảm nghèo", G.CULTURE_SOCIETY, "lao-dong-xa-hoi"),
    ("tre-em", "Bảo vệ, chăm sóc trẻ em", G.CULTURE_SOCIETY, "lao-dong-xa-hoi"),
    ("binh-dang-gioi", "Bình đẳng giới", G.CULTURE_SOCIETY, "lao-dong-xa-hoi"),
    ("van-hoa-the-thao", "Văn hóa, thể thao", G.CULTURE_SOCIETY, None),
    ("thong-tin-truyen-thong", "Thông tin và truyền thông", G.CULTURE_SOCIETY, None),
    ("dan-toc", "Dân tộc", G.CULTURE_SOCIETY, None),
    ("tai-nguyen-moi-truong", "Tài nguyên và môi trường", G.ENVIRONMENT, None),
    ("dat-dai", "Đất đai", G.ENVIRONMENT, "tai-nguyen-moi-truong"),
    ("ve-sinh-moi-truong", "Vệ sinh môi trường, nước sạch", G.ENVIRONMENT, "tai-nguyen-moi-truong"),
    ("noi-vu", "Nội vụ, tổ chức bộ máy", G.GOVERNANCE, None),
    ("tu-phap", "Tư pháp", G.GOVERNANCE, None),
    ("quoc-phong-an-ninh", "Quốc phòng - an ninh", G.GOVERNANCE, None),
    ("doan-the", "Mặt trận và các đoàn thể", G.GOVERNANCE, None),
    ("hanh-chinh", "Cải cách hành chính", G.GOVERNANCE, None),
]


@transaction.atomic
def ensure_structures() -> list[TerritoryStructure]:
    """Create (or refresh) both structures and their levels; idempotent."""
    result = []
    for spec in STRUCTURES:
        structure, _created = TerritoryStructure.objects.update_or_create(
            code=spec["code"],
            defaults={key: spec[key] for key in ("name", "valid_from", "valid_to", "description")},
        )
        for rank, (code, name, unit_types) in enumerate(spec["levels"]):
            AdminLevel.objects.update_or_create(
                structure=structure,
                code=code,
                defaults={"name": name, "rank": rank, "unit_types": [str(t) for t in unit_types]},
            )
        result.append(structure)
    return result


@transaction.atomic
def ensure_sectors() -> None:
    """Create the reference sector tree where missing; idempotent, keeps local edits."""
    existing = {s.code: s for s in Sector.objects.all()}
    for order, (code, name, group, parent_code) in enumerate(SECTORS):
        if code in existing:
            continue
        parent = existing.get(parent_code) if parent_code else None
        sector = Sector.objects.create(
            code=code,
            name=name,
            group=parent.group if parent else group,
            parent=parent,
            order=order,
            path=f"{parent.path if parent else '/'}{code}/",
        )
        existing[code] = sector


def structure_file(structure_code: str) -> Path:
    spec = next(s for s in STRUCTURES if s["code"] == structure_code)
    return DATA_DIR / spec["file"]
