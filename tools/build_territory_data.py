"""One-off generator for the Lào Cai administrative-unit CSV files.

This script is NOT part of the SEDP Planner runtime. It is run by hand, once,
under Python 3.12 with the PyPI package ``vietnam-provinces`` (>= 2026, GPL-3.0)
installed in a throwaway virtual environment. Only its output (the CSV data
files) is committed; the package must never become a project dependency.

It writes two files, in the column layout of the national statistics office
(GSO/NSO) export of administrative units:

* ``sedp/territory/data/laocai_2015.csv`` -- the three-tier structure
  (province / district / commune) in force until 30/6/2025, taken from
  ``vietnam_provinces.legacy``: Tỉnh Lào Cai, province code 10.
* ``sedp/territory/data/laocai_2025.csv`` -- the two-tier structure
  (province / commune) in force since 1/7/2025, taken from the main
  ``vietnam_provinces`` module: Tỉnh Lào Cai after merging with Yên Bái,
  province code 15. The district columns are left empty.

Run it from the repository root with:

    /root/.pyenv/versions/3.12.1/bin/python -m venv /tmp/vp \\
        && /tmp/vp/bin/pip install 'vietnam-provinces>=2026' \\
        && /tmp/vp/bin/python tools/build_territory_data.py
"""

import csv
import unicodedata
from collections import Counter
from pathlib import Path

import vietnam_provinces
from vietnam_provinces import legacy

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "sedp" / "territory" / "data"

HEADER = ["Tỉnh Thành Phố", "Mã TP", "Quận Huyện", "Mã QH", "Phường Xã", "Mã PX", "Cấp"]

# Source provinces in the package.
LEGACY_PROVINCE_CODE = 10  # Tỉnh Lào Cai before 1/7/2025
CURRENT_PROVINCE_CODE = 15  # Tỉnh Lào Cai (merged with Yên Bái) since 1/7/2025
# Legacy provinces that were merged into the current one.
CURRENT_PROVINCE_SOURCES = {10, 15}  # Lào Cai + Yên Bái

# Expected counts, used only to verify the package data.
EXPECTED_2015 = {
    "districts": 9,
    "communes": 151,
    "by_type": {"Xã": 126, "Phường": 16, "Thị trấn": 9},
}
EXPECTED_2025 = {
    "communes": 99,
    "by_type": {"Xã": 89, "Phường": 10},
}

# Names that must appear in the output (sanity check of the data).
KNOWN_2015_DISTRICTS = [
    "Thành phố Lào Cai",
    "Huyện Bát Xát",
    "Huyện Mường Khương",
    "Huyện Si Ma Cai",
    "Huyện Bắc Hà",
    "Huyện Bảo Thắng",
    "Huyện Bảo Yên",
    "Thị xã Sa Pa",
    "Huyện Văn Bàn",
]
KNOWN_2015_COMMUNES = [
    "Phường Duyên Hải",
    "Phường Cốc Lếu",
    "Xã A Mú Sung",
    "Thị trấn Bát Xát",
]
KNOWN_2025_WARDS = [
    "Phường Lào Cai",
    "Phường Cam Đường",
    "Phường Yên Bái",
    "Phường Nghĩa Lộ",
]


def type_label(division_type) -> str:
    """Turn a package division type ('thị trấn') into a label ('Thị trấn')."""
    value = str(division_type.value)
    return value[:1].upper() + value[1:]


def full_name(name: str, division_type) -> str:
    """Return the official name with its type prefix, NFC-normalised.

    The package normally already carries the prefix ("Huyện Bát Xát"); if it
    does not, the prefix is derived from the unit's division type.
    """
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    label = unicodedata.normalize("NFC", type_label(division_type))
    if not name.startswith(label + " "):
        name = f"{label} {name}"
    return name


def check_text(value: str) -> None:
    """Assert that a text value is NFC-normalised and has no stray spaces."""
    assert unicodedata.normalize("NFC", value) == value, f"not NFC: {value!r}"
    assert value == value.strip() and "  " not in value, f"bad spacing: {value!r}"


def write_csv(path: Path, rows: list[list[str]]) -> None:
    """Write rows to a UTF-8 CSV file (no BOM) with the GSO header."""
    for row in rows:
        for cell in row:
            check_text(cell)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)


def build_2015() -> list[list[str]]:
    """Build rows for the three-tier structure in force until 30/6/2025."""
    province = legacy.Province.from_code(legacy.ProvinceCode(LEGACY_PROVINCE_CODE))
    province_name = full_name(province.name, province.division_type)
    province_code = f"{int(province.code):02d}"

    districts = {int(d.code): d for d in legacy.District.iter_by_province(province.code)}
    rows = []
    for ward in legacy.Ward.iter_by_province(province.code):
        district = districts[int(ward.district_code)]
        rows.append(
            [
                province_name,
                province_code,
                full_name(district.name, district.division_type),
                f"{int(district.code):03d}",
                full_name(ward.name, ward.division_type),
                f"{int(ward.code):05d}",
                type_label(ward.division_type),
            ]
        )
    rows.sort(key=lambda r: (int(r[3]), int(r[5])))

    # Verify counts against the expected official figures.
    district_names = sorted({(r[3], r[2]) for r in rows})
    by_type = Counter(r[6] for r in rows)
    print(f"2015: {province_name} ({province_code})")
    print(f"  districts: {len(district_names)}")
    for code, name in district_names:
        count = sum(1 for r in rows if r[3] == code)
        print(f"    {code} {name}: {count} communes")
    print(f"  communes: {len(rows)} {dict(by_type)}")
    assert len(districts) == EXPECTED_2015["districts"], len(districts)
    assert len(district_names) == EXPECTED_2015["districts"], district_names
    assert len(rows) == EXPECTED_2015["communes"], len(rows)
    assert dict(by_type) == EXPECTED_2015["by_type"], by_type
    assert len({r[5] for r in rows}) == len(rows), "duplicate commune codes"
    for name in KNOWN_2015_DISTRICTS:
        assert name in {n for _, n in district_names}, f"missing district {name}"
    for name in KNOWN_2015_COMMUNES:
        assert name in {r[4] for r in rows}, f"missing commune {name}"
    return rows


def build_2025() -> list[list[str]]:
    """Build rows for the two-tier structure in force since 1/7/2025."""
    province = vietnam_provinces.Province.from_code(
        vietnam_provinces.ProvinceCode(CURRENT_PROVINCE_CODE)
    )
    province_name = full_name(province.name, province.division_type)
    province_code = f"{int(province.code):02d}"

    # The current province must be the merger of legacy Lào Cai and Yên Bái.
    sources = {int(p.code) for p in province.get_legacy_sources()}
    assert sources == CURRENT_PROVINCE_SOURCES, sources

    rows = [
        [
            province_name,
            province_code,
            "",
            "",
            full_name(ward.name, ward.division_type),
            f"{int(ward.code):05d}",
            type_label(ward.division_type),
        ]
        for ward in vietnam_provinces.Ward.iter_by_province(province.code)
    ]
    rows.sort(key=lambda r: int(r[5]))

    by_type = Counter(r[6] for r in rows)
    print(f"2025: {province_name} ({province_code}), merged from legacy {sorted(sources)}")
    print(f"  communes: {len(rows)} {dict(by_type)}")
    print("  phường: " + ", ".join(r[4] for r in rows if r[6] == "Phường"))
    assert len(rows) == EXPECTED_2025["communes"], len(rows)
    assert dict(by_type) == EXPECTED_2025["by_type"], by_type
    assert len({r[5] for r in rows}) == len(rows), "duplicate commune codes"
    for name in KNOWN_2025_WARDS:
        assert name in {r[4] for r in rows}, f"missing ward {name}"
    return rows


def main() -> None:
    print(
        f"vietnam-provinces {vietnam_provinces.__version__}"
        f" (data {vietnam_provinces.__data_version__})"
    )
    outputs = {
        DATA_DIR / "laocai_2015.csv": build_2015(),
        DATA_DIR / "laocai_2025.csv": build_2025(),
    }
    for path, rows in outputs.items():
        write_csv(path, rows)
        print(f"wrote {path.relative_to(REPO_ROOT)} ({len(rows)} rows)")


if __name__ == "__main__":
    main()
