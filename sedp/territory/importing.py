"""Importing administrative units from CSV/XLSX in the statistics office's column layout.

The NSO (GSO) export lists one commune per row with its province and district:
    Tỉnh Thành Phố | Mã TP | Quận Huyện | Mã QH | Phường Xã | Mã PX | Cấp
Two-tier files leave the district columns empty. Villages are in no national list, so
the same layout takes three more columns for them: Thôn | Mã thôn | Loại thôn; a
village file may leave the province/district/commune names empty when those units
already exist. Optional "Hiệu lực từ"/"Hiệu lực đến" (dd/mm/yyyy) date the row's unit.

Everything is checked before anything is written; one error imports nothing.
"""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from sedp.core.events import record_events
from sedp.core.text import nfc, unaccent
from sedp.territory.models import AdminUnit, UnitType
from sedp.territory.services import require_admin

# Column keys, matched against headers without diacritics or case.
COLUMNS = {
    "province_name": "Tỉnh Thành Phố",
    "province_code": "Mã TP",
    "district_name": "Quận Huyện",
    "district_code": "Mã QH",
    "commune_name": "Phường Xã",
    "commune_code": "Mã PX",
    "commune_type": "Cấp",
    "village_name": "Thôn",
    "village_code": "Mã thôn",
    "village_type": "Loại thôn",
    "valid_from": "Hiệu lực từ",
    "valid_to": "Hiệu lực đến",
}
HEADER_KEYS = {unaccent(label): key for key, label in COLUMNS.items()}
# Also accept the NSO export's longer headers.
HEADER_KEYS.update(
    {
        "tinh / thanh pho": "province_name",
        "quan / huyen": "district_name",
        "phuong / xa": "commune_name",
        "ten tieng anh": None,
    }
)

# Type labels as written in the files (without diacritics) -> UnitType.
TYPE_LABELS = {
    "tinh": UnitType.PROVINCE,
    "thanh pho trung uong": UnitType.CENTRAL_CITY,
    "huyen": UnitType.RURAL_DISTRICT,
    "quan": UnitType.URBAN_DISTRICT,
    "thi xa": UnitType.DISTRICT_TOWN,
    "xa": UnitType.COMMUNE,
    "phuong": UnitType.WARD,
    "thi tran": UnitType.TOWNSHIP,
    "dac khu": UnitType.SPECIAL_ZONE,
    "thon": UnitType.VILLAGE,
    "ban": UnitType.HAMLET,
    "to dan pho": UnitType.RESIDENTIAL_GROUP,
}
# Prefixes of official names, longest first, for the columns that carry no type.
PROVINCE_PREFIXES = [("thanh pho ", UnitType.CENTRAL_CITY), ("tinh ", UnitType.PROVINCE)]
DISTRICT_PREFIXES = [
    ("thanh pho ", UnitType.PROVINCIAL_CITY),
    ("thi xa ", UnitType.DISTRICT_TOWN),
    ("huyen ", UnitType.RURAL_DISTRICT),
    ("quan ", UnitType.URBAN_DISTRICT),
]
VILLAGE_PREFIXES = [
    ("to dan pho ", UnitType.RESIDENTIAL_GROUP),
    ("thon ", UnitType.VILLAGE),
    ("ban ", UnitType.HAMLET),
]
TIERS = ("province", "district", "commune", "village")
MAX_CODE, MAX_NAME = 20, 200


class ImportFailed(Exception):
    def __init__(self, errors):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


@dataclass
class RowError:
    row: int | None
    column: str | None
    message: str

    def __str__(self):
        where = []
        if self.row:
            where.append(_("row %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("column “%(column)s”") % {"column": self.column})
        if not where:
            return self.message
        text = ", ".join(where)
        return f"{text[0].upper()}{text[1:]}: {self.message}"


@dataclass
class PlannedUnit:
    code: str
    name: str
    unit_type: str
    tier: str
    parent_code: str | None
    row: int
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None


@dataclass
class ImportReport:
    created: dict = field(default_factory=dict)  # level name -> count
    total: int = 0


def read_rows(filename: str, content: bytes) -> list[list[str]]:
    """Rows of cell strings from a CSV (UTF-8) or XLSX file; raises ImportFailed."""
    if not content or not content.strip():
        raise ImportFailed([RowError(None, None, _("The file is empty."))])
    if len(content) > settings.IMPORT_MAX_BYTES:
        raise ImportFailed(
            [
                RowError(
                    None,
                    None,
                    _("The file is larger than %(mb)s MB.")
                    % {"mb": settings.IMPORT_MAX_BYTES // (1024 * 1024)},
                )
            ]
        )
    lower = filename.lower()
    if lower.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFailed(
                [
                    RowError(
                        None,
                        None,
                        _("The file is not encoded in UTF-8. Save it from Excel as “CSV UTF-8”."),
                    )
                ]
            ) from None
        if "\x00" in text:
            raise ImportFailed([RowError(None, None, _("The file is not a CSV text file."))])
        first_line = text.split("\n", 1)[0]
        # Excel with Vietnamese regional settings saves CSV with semicolons.
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    if lower.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError):
            raise ImportFailed(
                [RowError(None, None, _("The file is not a valid Excel (.xlsx) workbook."))]
            ) from None
        sheet = workbook.worksheets[0]
        rows = [
            ["" if cell is None else _cell_text(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        workbook.close()
        return rows
    raise ImportFailed([RowError(None, None, _("Only .csv and .xlsx files can be imported."))])


def _cell_text(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _parse_date(text: str) -> datetime.date:
    """Dates as officials write them (dd/mm/yyyy) or ISO (yyyy-mm-dd); ValueError otherwise."""
    text = text.strip()
    if "/" in text:
        day, month, year = (int(part) for part in text.split("/"))
        return datetime.date(year, month, day)
    return datetime.date.fromisoformat(text)


def _type_from_prefix(name: str, prefixes) -> str | None:
    folded = unaccent(name)
    for prefix, unit_type in prefixes:
        if folded.startswith(prefix):
            return unit_type
    return None


def plan_import(structure, rows: list[list[str]]) -> list[PlannedUnit]:
    """Check every row against the file and the database; return the units to create."""
    errors: list[RowError] = []
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise ImportFailed([RowError(None, None, _("The file is empty."))])
    header = [unaccent(cell) for cell in rows[0]]
    columns: dict[str, int] = {}
    for index, label in enumerate(header):
        if label in HEADER_KEYS and HEADER_KEYS[label]:
            columns[HEADER_KEYS[label]] = index
        elif label:
            errors.append(RowError(1, rows[0][index], _("Unknown column.")))
    if "commune_code" not in columns:
        errors.append(RowError(1, COLUMNS["commune_code"], _("This column is required.")))
    if errors:
        raise ImportFailed(errors)
    if len(rows) == 1:
        raise ImportFailed([RowError(None, None, _("The file has no data rows."))])

    levels = list(structure.levels.all())
    level_of_type = {t: level for level in levels for t in level.unit_types}
    existing = {u.code: u for u in AdminUnit.objects.filter(structure=structure)}
    code_of_id = {u.pk: u.code for u in existing.values()}
    planned: dict[str, PlannedUnit] = {}
    row_units: dict[str, int] = {}  # code of each row's own (deepest) unit -> first row

    def cell(row, key):
        index = columns.get(key)
        return nfc(row[index]) if index is not None and index < len(row) else ""

    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        chain = []  # (tier, code, name) from the province down to the row's own unit
        row_ok = True
        for tier in TIERS:
            code, name = cell(row, f"{tier}_code"), cell(row, f"{tier}_name")
            if not code and not name:
                continue
            problem = None
            if not code:
                problem = (COLUMNS[f"{tier}_code"], _("The code is missing."))
            elif len(code) > MAX_CODE or not code.isalnum():
                problem = (
                    COLUMNS[f"{tier}_code"],
                    _("The code must be letters and digits, at most %(n)s characters.")
                    % {"n": MAX_CODE},
                )
            elif len(name) > MAX_NAME:
                problem = (
                    COLUMNS[f"{tier}_name"],
                    _("The name is longer than %(n)s characters.") % {"n": MAX_NAME},
                )
            if problem:
                errors.append(RowError(number, *problem))
                row_ok = False
                break
            chain.append((tier, code, name))
        if not row_ok:
            continue
        if not chain:
            errors.append(RowError(number, None, _("The row has no unit code.")))
            continue
        parent_code = None
        for position, (tier, code, name) in enumerate(chain):
            is_row_unit = position == len(chain) - 1
            column = COLUMNS[f"{tier}_code"]
            if is_row_unit and code in row_units:
                errors.append(
                    RowError(
                        number,
                        column,
                        _("The code %(code)s is duplicated (already on row %(first)s).")
                        % {"code": code, "first": row_units[code]},
                    )
                )
                break
            if is_row_unit and code in existing:
                errors.append(
                    RowError(
                        number,
                        column,
                        _("The code %(code)s already exists in “%(structure)s”.")
                        % {"code": code, "structure": structure.name},
                    )
                )
                break
            known = planned.get(code) or existing.get(code)
            if known is not None and not is_row_unit:
                known_parent = (
                    known.parent_code
                    if isinstance(known, PlannedUnit)
                    else code_of_id.get(known.parent_id)
                )
                if parent_code is not None and known_parent != parent_code:
                    errors.append(
                        RowError(
                            number,
                            column,
                            _("The unit %(code)s is not under the unit %(parent)s.")
                            % {"code": code, "parent": parent_code},
                        )
                    )
                    break
                known_name = known.name
                if name and unaccent(name) != unaccent(known_name):
                    errors.append(
                        RowError(
                            number,
                            COLUMNS[f"{tier}_name"],
                            _("The code %(code)s is “%(known)s”, not “%(name)s”.")
                            % {"code": code, "known": known_name, "name": name},
                        )
                    )
                    break
                parent_code = code
                continue
            if not name:
                errors.append(
                    RowError(
                        number,
                        column,
                        _("The parent unit with code %(code)s was not found.") % {"code": code},
                    )
                )
                break
            unit_type = _row_unit_type(tier, name, cell(row, f"{tier}_type"))
            if unit_type is None:
                label = cell(row, f"{tier}_type") or name
                errors.append(
                    RowError(
                        number,
                        COLUMNS.get(f"{tier}_type", column),
                        _("Unknown unit type “%(label)s”.") % {"label": label},
                    )
                )
                break
            level = level_of_type.get(unit_type)
            if level is None:
                errors.append(
                    RowError(
                        number,
                        COLUMNS.get(f"{tier}_type", column),
                        _("The level of “%(type)s” does not exist in “%(structure)s”.")
                        % {"type": UnitType(unit_type).label, "structure": structure.name},
                    )
                )
                break
            parent = planned.get(parent_code) or existing.get(parent_code)
            parent_rank = _rank_of(parent, level_of_type) if parent else None
            if (parent is None and level.rank != 0) or (
                parent is not None and parent_rank >= level.rank
            ):
                errors.append(
                    RowError(
                        number,
                        column,
                        _("The parent unit of %(code)s was not found.") % {"code": code},
                    )
                )
                break
            unit = PlannedUnit(
                code=code,
                name=name,
                unit_type=unit_type,
                tier=tier,
                parent_code=parent_code,
                row=number,
            )
            if is_row_unit:
                row_units[code] = number
                for key, attr in (("valid_from", "valid_from"), ("valid_to", "valid_to")):
                    text = cell(row, key)
                    if text:
                        try:
                            setattr(unit, attr, _parse_date(text))
                        except ValueError:
                            errors.append(
                                RowError(
                                    number,
                                    COLUMNS[key],
                                    _("“%(value)s” is not a date (dd/mm/yyyy).") % {"value": text},
                                )
                            )
            planned[code] = unit
            parent_code = code
    if errors:
        raise ImportFailed(errors)
    return list(planned.values())


def _row_unit_type(tier, name, type_label):
    if type_label:
        return TYPE_LABELS.get(unaccent(type_label))
    prefixes = {
        "province": PROVINCE_PREFIXES,
        "district": DISTRICT_PREFIXES,
        "village": VILLAGE_PREFIXES,
    }.get(tier)
    return _type_from_prefix(name, prefixes) if prefixes else None


def _rank_of(unit, level_of_type):
    return level_of_type[unit.unit_type].rank


@transaction.atomic
def import_units(*, user, structure, filename: str, content: bytes) -> ImportReport:
    """Validate the whole file, then create its units level by level; all or nothing."""
    require_admin(user)
    planned = plan_import(structure, read_rows(filename, content))
    levels = {t: level for level in structure.levels.all() for t in level.unit_types}
    by_code = {u.code: u for u in AdminUnit.objects.filter(structure=structure)}
    report = ImportReport()
    created_all = []
    for rank in sorted({levels[p.unit_type].rank for p in planned}):
        batch = [p for p in planned if levels[p.unit_type].rank == rank]
        new_units = [
            AdminUnit(
                structure=structure,
                level=levels[p.unit_type],
                parent=by_code.get(p.parent_code) if p.parent_code else None,
                code=p.code,
                name=p.name,
                unit_type=p.unit_type,
                valid_from=p.valid_from,
                valid_to=p.valid_to,
                path="",
                name_search=unaccent(p.name),
            )
            for p in batch
        ]
        created = AdminUnit.objects.bulk_create(new_units)
        if any(u.pk is None for u in created):  # backends that return no ids
            created = list(
                AdminUnit.objects.filter(structure=structure, code__in=[u.code for u in new_units])
            )
        for unit in created:
            parent = by_code.get(unit.parent.code) if unit.parent_id else None
            unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
            unit.depth = parent.depth + 1 if parent else 0
            by_code[unit.code] = unit
        AdminUnit.objects.bulk_update(created, ["path", "depth"])
        report.created[levels[batch[0].unit_type].name] = len(created)
        created_all.extend(created)
    report.total = len(created_all)
    record_events(
        actor=user,
        verb="unit.imported",
        targets=created_all,
        unit_of=lambda u: u,
        payload_of=lambda u: {"file": filename[:100]},
    )
    return report
