"""A village proposal or agency input as an XLSX workbook, and back (seed, commune step 2:
"Biểu đề xuất KH thôn" filled offline by a village head, then uploaded).

Sheets: "Hoạt động" (one row per activity, header frozen, sectors and places as drop-down
lists, amounts in VND), "Đánh giá" (the assessment sections), "Danh mục" (hidden lists) and
"_sedp" (very hidden, protected: which plan, village and year the file belongs to).

Upload is all or nothing: every cell is read and every row checked by the activities
services' own validation (clean_activity) first; errors name the row and the column. Only
then are the sections and activities written, through the same services the pages use.
Rows whose hidden id is gone from the file are the activities the village struck out.
"""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from sedp.accounts.scoping import scope_for
from sedp.activities import services as activity_services
from sedp.activities.models import FUNDING_FIELDS, Beneficiary
from sedp.indicators.services import parse_number
from sedp.indicators.spreadsheet import ImportFailed
from sedp.plans.models import PlanKind
from sedp.plans.rules import can_edit
from sedp.plans.services import parent_plan_of, plan_update_sections, require_editable
from sedp.territory.models import AdminUnit, Sector

MARK = "sedp-proposal"
FORMAT_VERSION = 1
KINDS = {PlanKind.VILLAGE_PROPOSAL, PlanKind.AGENCY_INPUT}
HEADER_ROW, FIRST_ROW = 3, 4
BLANK_ROWS = 30  # room for new activities below the existing ones
YES = {"x", "có", "co", "1", "true", "yes"}
VND = "#,##0"


def _columns():
    """(key, heading, kind) in sheet order; kind says how a cell is read."""
    columns = [
        ("id", "ID", "id"),
        ("number", _("No."), "skip"),
        ("title", _("Activity"), "text"),
        ("sector", _("Sector"), "sector"),
        ("place", _("Place"), "place"),
    ]
    columns += [
        (f"for_{value}", _("For: %(group)s") % {"group": label}, "flag")
        for value, label in Beneficiary.choices
    ]
    columns.append(("cost_estimate", _("Estimated cost (VND)"), "amount"))
    columns += [(name, f"{label} (đ)", "amount") for name, label in FUNDING_FIELDS]
    columns += [
        ("people_labour_days", _("People's labour days"), "count"),
        ("self_reliant", _("Village can do it alone (x)"), "flag"),
        ("priority", _("Priority (1 = most urgent)"), "count"),
        ("timing", _("Timing"), "text"),
        ("description", _("Description"), "text"),
    ]
    return columns


def _sector_labels() -> dict:
    """{label shown in the list: Sector}; a name used twice gets its code."""
    sectors = list(Sector.objects.order_by("path"))
    names = [s.name for s in sectors]
    return {(s.name if names.count(s.name) == 1 else f"{s.name} ({s.code})"): s for s in sectors}


def _places(plan) -> dict:
    area = activity_services.plan_area(plan)
    units = AdminUnit.objects.filter(path__startswith=area.path).order_by("path")
    return {unit.name: unit for unit in units}


def export_proposal(plan) -> bytes:
    columns = _columns()
    sectors = _sector_labels()
    places = _places(plan)
    book = Workbook()
    sheet = book.active
    sheet.title = "Hoạt động"
    sheet["A1"] = _("%(kind)s %(year)s — %(agency)s (%(unit)s)") % {
        "kind": plan.get_kind_display(),
        "year": plan.plan_year,
        "agency": plan.agency.name,
        "unit": plan.unit.name,
    }
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = _(
        "One row per activity. Choose the sector and place from the lists; write x for "
        "the groups it serves; amounts in đồng. Do not change column A or the hidden sheets."
    )
    sheet["A2"].font = Font(italic=True)
    for index, (_key, heading, _kind) in enumerate(columns, start=1):
        cell = sheet.cell(HEADER_ROW, index, heading)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    activities = list(
        plan.activities.select_related("sector", "place").order_by("priority", "order", "pk")
    )
    sector_label = {s.pk: label for label, s in sectors.items()}
    for offset, activity in enumerate(activities):
        row = FIRST_ROW + offset
        for index, (key, _heading, kind) in enumerate(columns, start=1):
            if kind == "id":
                value = activity.pk
            elif key == "number":
                value = offset + 1
            elif kind == "sector":
                value = sector_label.get(activity.sector_id)
            elif kind == "place":
                value = activity.place.name if activity.place else None
            elif kind == "flag":
                value = "x" if getattr(activity, key) else None
            else:
                value = getattr(activity, key)
            sheet.cell(row, index, value)
    last = FIRST_ROW + len(activities) + BLANK_ROWS - 1
    for index, (_key, _heading, kind) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        if kind in {"amount", "count"}:
            for row in range(FIRST_ROW, last + 1):
                sheet.cell(row, index).number_format = VND
        sheet.column_dimensions[letter].width = {"text": 40, "sector": 28, "place": 22}.get(
            kind, 14
        )
    sheet.column_dimensions["A"].hidden = True
    sheet.column_dimensions["B"].width = 5
    sheet.freeze_panes = sheet.cell(FIRST_ROW, 4)
    _lists(book, sheet, columns, sectors, places, last)
    _assessment(book, plan)
    _identity(book, plan)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _lists(book, sheet, columns, sectors, places, last) -> None:
    lists = book.create_sheet("Danh mục")
    for row, label in enumerate(sectors, start=1):
        lists.cell(row, 1, label)
    for row, name in enumerate(places, start=1):
        lists.cell(row, 2, name)
    lists.sheet_state = "hidden"
    rules = {
        "sector": f"'Danh mục'!$A$1:$A${max(len(sectors), 1)}",
        "place": f"'Danh mục'!$B$1:$B${max(len(places), 1)}",
        "flag": '"x"',
    }
    for index, (_key, heading, kind) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cells = f"{letter}{FIRST_ROW}:{letter}{last}"
        if kind in rules:
            rule = DataValidation(type="list", formula1=rules[kind], allow_blank=True)
        elif kind in {"amount", "count"}:
            rule = DataValidation(
                type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True
            )
        else:
            continue
        rule.error = _("Choose a value from the list or enter a whole number ≥ 0.")
        rule.errorTitle = str(heading)
        rule.showErrorMessage = True
        sheet.add_data_validation(rule)
        rule.add(cells)


def _assessment(book, plan) -> None:
    sheet = book.create_sheet("Đánh giá")
    sheet.append(["code", _("Section"), _("Text")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for section in plan.sections.all():
        sheet.append([section.code, str(section.display_title), section.body])
        sheet.cell(sheet.max_row, 3).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].hidden = True
    sheet.column_dimensions["B"].width = 35
    sheet.column_dimensions["C"].width = 90


def _identity(book, plan) -> None:
    sheet = book.create_sheet("_sedp")
    rows = [
        (MARK, FORMAT_VERSION),
        ("plan", plan.pk),
        ("kind", plan.kind),
        ("year", plan.report_year),
        ("unit", plan.unit.code),
        ("agency", plan.agency.name),
        ("unit_name", plan.unit.name),
    ]
    for row in rows:
        sheet.append(list(row))
    for row in sheet.iter_rows():
        for cell in row:
            cell.protection = Protection(locked=True, hidden=True)
    sheet.protection.sheet = True
    sheet.protection.password = "sedp"
    sheet.sheet_state = "veryHidden"


# ───────────────────────────── upload ─────────────────────────────


def _open(content: bytes):
    if len(content) > settings.IMPORT_MAX_BYTES:
        raise ImportFailed([_("The file is too large.")])
    try:
        return load_workbook(io.BytesIO(content), data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on a file that is not XLSX
        raise ImportFailed([_("The file is not an Excel workbook (.xlsx).")]) from None


def _check_identity(book, plan) -> None:
    if "_sedp" not in book.sheetnames or book["_sedp"]["A1"].value != MARK:
        raise ImportFailed([_("The file is not a proposal workbook downloaded from this system.")])
    ident = {row[0]: row[1] for row in book["_sedp"].iter_rows(values_only=True) if row[0]}
    if ident.get("plan") != plan.pk:
        raise ImportFailed(
            [
                _(
                    "This file belongs to %(agency)s (%(unit)s), report year %(year)s, not to "
                    "this plan: download this plan's own file."
                )
                % {
                    "agency": ident.get("agency", "?"),
                    "unit": ident.get("unit_name", "?"),
                    "year": ident.get("year", "?"),
                }
            ]
        )


def _where(row, heading) -> str:
    return _("Row %(row)s, column “%(column)s”") % {"row": row, "column": heading}


def _read_rows(book, plan):
    """[(row number, existing activity or None, data)] and the cell errors."""
    columns = _columns()
    keys = [key for key, _heading, _kind in columns]
    headings = {key: heading for key, heading, _kind in columns}
    sectors = {label.casefold(): s for label, s in _sector_labels().items()}
    places = {name.casefold(): u for name, u in _places(plan).items()}
    existing = {a.pk: a for a in plan.activities.select_related("sector", "result")}
    if "Hoạt động" not in book.sheetnames:
        raise ImportFailed([_("The sheet “Hoạt động” is missing.")])
    rows, errors = [], []
    sheet = book["Hoạt động"]
    for number, values in enumerate(
        sheet.iter_rows(min_row=FIRST_ROW, max_col=len(columns), values_only=True),
        start=FIRST_ROW,
    ):
        cells = dict(zip(keys, values, strict=False))
        filled = [k for k, v in cells.items() if k not in {"id", "number"} and v not in (None, "")]
        if not filled:
            continue
        data, beneficiaries, activity = {}, [], None
        row_errors = []
        for key, heading, kind in columns:
            value = cells.get(key)
            text = str(value).strip() if value is not None else ""
            where = _where(number, heading)
            if kind == "id":
                if text:
                    try:
                        activity = existing.get(int(float(text)))
                    except ValueError:
                        activity = None
                    if activity is None:
                        row_errors.append(
                            f"{where}: " + _("this row is not an activity of this plan.")
                        )
            elif kind == "text":
                data[key] = text
            elif kind == "sector":
                sector = sectors.get(text.casefold()) if text else None
                if text and sector is None:
                    row_errors.append(
                        f"{where}: " + _("“%(text)s” is not in the list.") % {"text": text}
                    )
                data["sector"] = sector
            elif kind == "place":
                place = places.get(text.casefold()) if text else None
                if text and place is None:
                    row_errors.append(
                        f"{where}: " + _("“%(text)s” is not in the list.") % {"text": text}
                    )
                data["place"] = place
            elif kind == "flag":
                if text and text.casefold() not in YES:
                    row_errors.append(f"{where}: " + _("write x or leave it empty."))
                flag = bool(text) and text.casefold() in YES
                if key == "self_reliant":
                    data[key] = flag
                elif flag:
                    beneficiaries.append(key.removeprefix("for_"))
            elif kind in {"amount", "count"}:
                try:
                    amount = parse_number(value)
                except ValueError:
                    row_errors.append(
                        f"{where}: " + _("“%(text)s” is not a number.") % {"text": text}
                    )
                    continue
                if amount is not None and amount != int(amount):
                    row_errors.append(f"{where}: " + _("enter a whole number."))
                    continue
                amount = None if amount is None else int(amount)
                data[key] = amount if amount is not None or key == "priority" else 0
        data["beneficiaries"] = beneficiaries
        if not row_errors:
            try:
                activity_services.clean_activity(plan, data)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    heading = headings.get(field, headings["cost_estimate"])
                    row_errors += [f"{_where(number, heading)}: {m}" for m in messages]
        errors += row_errors
        rows.append((number, activity, data))
    seen = [a.pk for _n, a, _d in rows if a is not None]
    if len(seen) != len(set(seen)):
        errors.append(_("The same activity appears on two rows (column A was copied)."))
    return rows, errors


def _read_sections(book, plan) -> dict:
    if "Đánh giá" not in book.sheetnames:
        return {}
    codes = set(plan.sections.values_list("code", flat=True))
    bodies = {}
    for row in book["Đánh giá"].iter_rows(min_row=2, max_col=3, values_only=True):
        if row and row[0] in codes:
            bodies[row[0]] = str(row[2] or "").strip()
    return bodies


@transaction.atomic
def import_proposal(*, user, plan, content: bytes) -> dict:
    """Replace the plan's assessment and activities with the workbook's; returns the counts.
    Raises ImportFailed with every error, or ValidationError/PermissionDenied from the
    plan's state and the user's rights, and then nothing is written."""
    from django.core.exceptions import PermissionDenied

    if plan.kind not in KINDS:
        raise ValidationError(_("Only a village proposal or an agency input is filled in Excel."))
    if not can_edit(scope_for(user), plan):
        raise PermissionDenied(_("Only the plan's own group can change it."))
    require_editable(plan)
    parent = parent_plan_of(plan)
    if parent is not None and parent.collection_closed:
        raise ValidationError(
            _("The commune has closed the collection of proposals; ask its planning group.")
        )
    book = _open(content)
    _check_identity(book, plan)
    rows, errors = _read_rows(book, plan)
    if errors:
        raise ImportFailed(errors)
    if not rows:
        raise ImportFailed([_("The file has no activity: fill at least one row.")])
    plan_update_sections(user=user, plan=plan, bodies=_read_sections(book, plan))
    kept = {a.pk for _n, a, _d in rows if a is not None}
    # Rows are written together (one insert, batched updates, one event insert each), not
    # one service call per row; a row the village left as it was gets no event.
    deleted = activity_services.activities_delete_many(
        user=user,
        plan=plan,
        activities=plan.activities.exclude(pk__in=kept).select_related("sector"),
    )
    edited = []
    for _number, activity, data in rows:
        if activity is not None:
            # The file does not carry the results chain: keep the activity's output.
            data["result"] = activity.result
            edited.append((activity, data))
    updated = activity_services.activities_update_many(user=user, plan=plan, changes=edited)
    created = len(
        activity_services.activities_create_many(
            user=user, plan=plan, rows=[data for _n, a, data in rows if a is None]
        )
    )
    return {"created": created, "updated": len(updated), "deleted": deleted}
