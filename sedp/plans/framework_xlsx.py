"""The commune plan framework (khung KH xã) as a two-way XLSX form.

Columns A–O are the framework as the district reads it (draft.FRAMEWORK_HEADERS, the
layout the recorded versions keep): they stay where they were. The summary columns are
locked: the sector, objective, indicators, activity, place and status come from the plan,
and the merged funding columns J–N are formulas over the per-source columns P–Z, so they
can never disagree with them. What a commune planner fills offline is unlocked: timing (G),
responsible agency (H, from a list), cost (I), the funding of each source (P–Z), the
content (AA) and the groups it serves (AB–AG). Each row carries its activity's id (AH,
hidden) and a very hidden "_sedp" sheet says which plan the file is of.

Upload is all or nothing: every cell is read, the locked ones compared with the plan, each
row checked by activities.services.clean_activity, every wrong cell named ("Ô I5: …");
only then are the changed activities saved together by activities_update_many (one lock on
the plan, batched UPDATEs, one event per activity in one insert), with one more event for
the upload itself: a thousand edited rows no longer mean a thousand locks and inserts.
"""

import io

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from sedp.accounts.scoping import scope_for
from sedp.activities import services as activity_services
from sedp.activities.models import COST_CEILING, FUNDING_FIELDS, Activity, Beneficiary
from sedp.core.events import record_event
from sedp.core.text import nfc
from sedp.indicators.services import parse_number
from sedp.indicators.spreadsheet import ImportFailed
from sedp.plans.draft import FRAMEWORK_HEADERS, framework_headers, framework_rows
from sedp.plans.models import PlanKind
from sedp.plans.rules import can_edit
from sedp.plans.services import require_editable

MARK = "sedp-commune-framework"
FORMAT_VERSION = 1
HEADER_ROW, FIRST_ROW = 2, 3
VND = "#,##0"
YES = {"x", "có", "co", "1", "true", "yes"}
MAX_DESCRIPTION = 5000
MAX_TIMING = 100

# Sheet columns (1-based). A–O follow FRAMEWORK_HEADERS.
COLUMN = {name: index for index, name in enumerate(FRAMEWORK_HEADERS, start=1)}
FUNDING_COLUMN = {
    name: len(FRAMEWORK_HEADERS) + offset for offset, (name, _l) in enumerate(FUNDING_FIELDS, 1)
}
DESCRIPTION_COLUMN = max(FUNDING_COLUMN.values()) + 1
BENEFICIARY_COLUMN = {
    value: DESCRIPTION_COLUMN + offset for offset, value in enumerate(Beneficiary.values, 1)
}
ID_COLUMN = max(BENEFICIARY_COLUMN.values()) + 1
# The merged columns of the summary and the per-source fields each one adds up.
MERGED = {
    "upper_budget": ["fund_central", "fund_province", "fund_district"],
    "commune_budget": ["fund_commune"],
    "target_programmes": ["fund_target_programmes"],
    "other": ["fund_oda_ngo", "fund_enterprises"],
    "people": ["people_cash", "people_labour", "people_materials", "people_land"],
}
# Summary cells that come from the plan and must come back as they went out.
LOCKED_TEXT = ["sector_group", "sector", "objective", "indicators", "activity", "place", "status"]
EDITABLE_COLUMNS = (
    [COLUMN["timing"], COLUMN["responsible"], COLUMN["cost"]]
    + list(FUNDING_COLUMN.values())
    + [DESCRIPTION_COLUMN]
    + list(BENEFICIARY_COLUMN.values())
)


def _letter(column: int) -> str:
    return get_column_letter(column)


def _formula(name: str, row: int) -> str:
    return "=" + "+".join(f"{_letter(FUNDING_COLUMN[f])}{row}" for f in MERGED[name])


def responsible_choices(plan) -> dict:
    """{label in the list: Agency} for the responsible agency: the agencies of the commune,
    its villages and the units above it (the district's offices often lead a works). A
    name used twice gets its unit's name."""
    from sedp.monitoring.services import allowed_agencies  # monitoring builds on plans

    agencies = list(allowed_agencies(plan).select_related("unit").order_by("unit__path", "name"))
    names = [a.name for a in agencies]
    return {
        (a.name if names.count(a.name) == 1 else f"{a.name} ({a.unit.name})"): a for a in agencies
    }


def _activities(plan) -> dict:
    return {
        a.pk: a
        for a in Activity.objects.filter(plan=plan).select_related(
            "sector", "place", "result", "responsible__unit"
        )
    }


def _responsible_label(activity, labels: dict) -> str:
    if not activity.responsible_id:
        return ""
    return labels.get(activity.responsible_id, activity.responsible.name)


def export_framework(plan) -> bytes:
    """The khung KH xã workbook: title, frozen headers, one row per kept activity, a total."""
    rows = framework_rows(plan)
    activities = _activities(plan)
    choices = responsible_choices(plan)
    labels = {agency.pk: label for label, agency in choices.items()}
    book = Workbook()
    sheet = book.active
    sheet.title = _("Commune plan framework")[:31]
    sheet["A1"] = _("Commune plan framework %(year)s — %(unit)s") % {
        "year": plan.plan_year,
        "unit": plan.unit.name,
    }
    sheet["A1"].font = Font(bold=True, size=13)
    headings = framework_headers()
    headings += [f"{label} (đ)" for _name, label in FUNDING_FIELDS]
    headings.append(_("Description"))
    headings += [_("For: %(group)s") % {"group": label} for _v, label in Beneficiary.choices]
    headings.append("ID")
    editable = set(EDITABLE_COLUMNS)
    for column, text in enumerate(headings, start=1):
        cell = sheet.cell(HEADER_ROW, column, str(text))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.fill = PatternFill("solid", fgColor="FFF2CC" if column in editable else "DDE7F0")
    for offset, data in enumerate(rows):
        row = FIRST_ROW + offset
        activity = activities[data["id"]]
        for name in FRAMEWORK_HEADERS:
            value = _formula(name, row) if name in MERGED else data[name]
            sheet.cell(row, COLUMN[name], value)
        sheet.cell(row, COLUMN["responsible"], _responsible_label(activity, labels))
        for name, column in FUNDING_COLUMN.items():
            sheet.cell(row, column, getattr(activity, name))
        sheet.cell(row, DESCRIPTION_COLUMN, activity.description)
        for value, column in BENEFICIARY_COLUMN.items():
            sheet.cell(row, column, "x" if getattr(activity, f"for_{value}") else None)
        sheet.cell(row, ID_COLUMN, activity.pk)
    last = FIRST_ROW + len(rows) - 1
    total_row = last + 1
    sheet.cell(total_row, 1, _("Total"))
    for column in [COLUMN["cost"], *[COLUMN[n] for n in MERGED], *FUNDING_COLUMN.values()]:
        letter = _letter(column)
        total = f"=SUM({letter}{FIRST_ROW}:{letter}{last})" if rows else 0
        sheet.cell(total_row, column, total)
    for cell in sheet[total_row]:
        cell.font = Font(bold=True)
    _format(sheet, last, total_row, editable)
    _validations(book, sheet, choices, last)
    _identity(book, plan)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _format(sheet, last, total_row, editable) -> None:
    money = [COLUMN["cost"], *[COLUMN[n] for n in MERGED], *FUNDING_COLUMN.values()]
    for row in range(FIRST_ROW, total_row + 1):
        for column in money:
            sheet.cell(row, column).number_format = VND
        for column in (COLUMN["indicators"], COLUMN["objective"], DESCRIPTION_COLUMN):
            sheet.cell(row, column).alignment = Alignment(wrap_text=True, vertical="top")
        if row <= last:
            for column in editable:
                sheet.cell(row, column).protection = Protection(locked=False)
    widths = [16, 16, 28, 36, 36, 14, 14, 24] + [15] * 6 + [14]
    widths += [15] * len(FUNDING_COLUMN) + [40] + [10] * len(BENEFICIARY_COLUMN)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[_letter(column)].width = width
    sheet.column_dimensions[_letter(ID_COLUMN)].hidden = True
    sheet.freeze_panes = "A3"  # the title and headers stay while scrolling down
    # Only the cells a planner fills are open; columns may still be widened.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.password = "sedp"


def _validations(book, sheet, choices, last) -> None:
    if last < FIRST_ROW:
        return
    lists = book.create_sheet("Danh mục")
    for row, label in enumerate(choices, start=1):
        lists.cell(row, 1, label)
    lists.sheet_state = "hidden"
    lists.protection.sheet = True

    def rule(validation, columns, title):
        validation.showErrorMessage = True
        validation.errorTitle = str(title)
        sheet.add_data_validation(validation)
        for column in columns:
            letter = _letter(column)
            validation.add(f"{letter}{FIRST_ROW}:{letter}{last}")

    agencies = DataValidation(
        type="list", formula1=f"'Danh mục'!$A$1:$A${max(len(choices), 1)}", allow_blank=True
    )
    agencies.error = _("Choose an agency from the list.")
    rule(agencies, [COLUMN["responsible"]], _("Responsible agency"))
    amounts = DataValidation(
        type="whole", operator="between", formula1="0", formula2=str(COST_CEILING)
    )
    amounts.error = _("A whole number of đồng, not negative.")
    rule(amounts, [COLUMN["cost"], *FUNDING_COLUMN.values()], _("Cost (VND)"))
    flags = DataValidation(type="list", formula1='"x"', allow_blank=True)
    flags.error = _("write x or leave it empty.")
    rule(flags, BENEFICIARY_COLUMN.values(), _("Beneficiaries"))


def _identity(book, plan) -> None:
    sheet = book.create_sheet("_sedp")
    for pair in (
        (MARK, FORMAT_VERSION),
        ("plan", plan.pk),
        ("unit", plan.unit.code),
        ("unit_name", plan.unit.name),
        ("year", plan.plan_year),
    ):
        sheet.append(list(pair))
    sheet.protection.sheet = True
    sheet.protection.password = "sedp"
    sheet.sheet_state = "veryHidden"


# ───────────────────────────── upload ─────────────────────────────


def _open(content: bytes):
    """The workbook twice: with the values Excel computed, and with the formulas (to see
    that the locked formula cells are still the ones written)."""
    if len(content) > settings.IMPORT_MAX_BYTES:
        raise ImportFailed([_("The file is too large.")])
    try:
        return (
            load_workbook(io.BytesIO(content), data_only=True),
            load_workbook(io.BytesIO(content), data_only=False),
        )
    except Exception:  # openpyxl raises many kinds of errors on a file that is not XLSX
        raise ImportFailed([_("The file is not an Excel workbook (.xlsx).")]) from None


def _check_identity(book, plan) -> None:
    if "_sedp" not in book.sheetnames or book["_sedp"]["A1"].value != MARK:
        raise ImportFailed(
            [_("The file is not a commune plan framework downloaded from this system.")]
        )
    ident = {row[0]: row[1] for row in book["_sedp"].iter_rows(values_only=True) if row[0]}
    if ident.get("plan") != plan.pk:
        raise ImportFailed(
            [
                _(
                    "This file is the framework of %(unit)s for %(year)s, not of this plan: "
                    "download this plan's own file."
                )
                % {"unit": ident.get("unit_name", "?"), "year": ident.get("year", "?")}
            ]
        )


def _cell(column: int, row: int) -> str:
    return _("Cell %(cell)s") % {"cell": f"{_letter(column)}{row}"}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value).replace("\r\n", "\n")).strip()


def _amount(value, formula, where, errors) -> int:
    if value is None and isinstance(formula, str) and formula.startswith("="):
        errors.append(f"{where}: " + _("write the number itself, not a formula."))
        return 0
    if isinstance(value, bool):
        errors.append(f"{where}: " + _("“%(text)s” is not a number.") % {"text": value})
        return 0
    try:
        number = parse_number(value)
    except ValueError:
        errors.append(f"{where}: " + _("“%(text)s” is not a number.") % {"text": _text(value)})
        return 0
    if number is None:
        return 0
    if number != int(number):
        errors.append(f"{where}: " + _("enter a whole number."))
        return 0
    return int(number)


# Where clean_activity's complaint about a field is shown (fields without a column of
# their own are named on the row's cost or first funding cell).
ERROR_COLUMN = {
    "cost_estimate": COLUMN["cost"],
    "timing": COLUMN["timing"],
    "description": DESCRIPTION_COLUMN,
    "beneficiaries": BENEFICIARY_COLUMN[Beneficiary.values[0]],
    "self_reliant": FUNDING_COLUMN["fund_central"],
    "title": COLUMN["activity"],
    "sector": COLUMN["sector"],
    "place": COLUMN["place"],
    **FUNDING_COLUMN,
}


def _locked_changes(values, formulas, row, expected) -> list[str]:
    """The locked cells of a row that differ from what the plan shows now."""
    errors = []
    for name in LOCKED_TEXT:
        column = COLUMN[name]
        if _text(values.cell(row, column).value) != nfc(str(expected[name] or "")).strip():
            errors.append(
                f"{_cell(column, row)}: "
                + _(
                    "this cell is locked and differs from the plan (it was changed, or the "
                    "plan changed since the download): download a fresh file."
                )
            )
    for name in MERGED:
        column = COLUMN[name]
        written = str(formulas.cell(row, column).value or "").replace(" ", "").upper()
        if written != _formula(name, row).upper():
            errors.append(
                f"{_cell(column, row)}: "
                + _("this total is a locked formula and was changed: download a fresh file.")
            )
    return errors


def read_rows(books, plan) -> tuple[list, list]:
    """[(activity, data for activity_update)] of the changed rows, and every cell error."""
    values_book, formulas_book = books
    values, formulas = values_book.worksheets[0], formulas_book.worksheets[0]
    if values.cell(HEADER_ROW, ID_COLUMN).value != "ID":
        raise ImportFailed(
            [
                _("The first sheet is not the framework table (column %(column)s is not ID).")
                % {"column": _letter(ID_COLUMN)}
            ]
        )
    expected = {row["id"]: row for row in framework_rows(plan)}
    activities = _activities(plan)
    listed = responsible_choices(plan)
    choices = {label.casefold(): a for label, a in listed.items()}
    for activity in activities.values():  # a current agency from outside the list stays valid
        if activity.responsible_id:
            choices.setdefault(activity.responsible.name.casefold(), activity.responsible)
    changed, errors, seen = [], [], set()
    for row in range(FIRST_ROW, values.max_row + 1):
        pk = values.cell(row, ID_COLUMN).value
        if pk is None and values.cell(row, 1).value == _("Total"):
            break
        if all(values.cell(row, c).value in (None, "") for c in range(1, ID_COLUMN + 1)):
            continue
        if not isinstance(pk, int | float) or isinstance(pk, bool) or int(pk) not in expected:
            errors.append(
                _(
                    "Row %(row)s: this line is not an activity kept in this plan (its hidden "
                    "ID is missing or changed, or the plan changed since the download)."
                )
                % {"row": row}
            )
            continue
        pk = int(pk)
        if pk in seen:
            errors.append(_("Row %(row)s: this activity appears twice.") % {"row": row})
            continue
        seen.add(pk)
        row_errors = _locked_changes(values, formulas, row, expected[pk])
        activity = activities[pk]
        data = _row_data(values, formulas, row, activity, choices, row_errors)
        if not row_errors:
            row_errors += _clean(plan, data, row)
        errors += row_errors
        if not row_errors and _differs(activity, data):
            changed.append((activity, data))
    return changed, errors


def _row_data(values, formulas, row, activity, choices, errors) -> dict:
    def value(column):
        return values.cell(row, column).value

    timing = _text(value(COLUMN["timing"]))
    if len(timing) > MAX_TIMING:
        errors.append(
            f"{_cell(COLUMN['timing'], row)}: "
            + _("at most %(max)s characters.") % {"max": MAX_TIMING}
        )
    description = _text(value(DESCRIPTION_COLUMN))
    if len(description) > MAX_DESCRIPTION:
        errors.append(
            f"{_cell(DESCRIPTION_COLUMN, row)}: "
            + _("at most %(max)s characters.") % {"max": MAX_DESCRIPTION}
        )
    name = _text(value(COLUMN["responsible"]))
    responsible = choices.get(name.casefold()) if name else None
    if name and responsible is None:
        errors.append(
            f"{_cell(COLUMN['responsible'], row)}: "
            + _("“%(text)s” is not in the list.") % {"text": name}
        )
    data = {
        "title": activity.title,
        "description": description,
        "sector": activity.sector,
        "place": activity.place,
        "timing": timing,
        "responsible": responsible,
        "people_labour_days": activity.people_labour_days,
        "self_reliant": activity.self_reliant,
        "priority": activity.priority,
        "result": activity.result,
    }
    for field, column in [("cost_estimate", COLUMN["cost"]), *FUNDING_COLUMN.items()]:
        data[field] = _amount(
            value(column), formulas.cell(row, column).value, _cell(column, row), errors
        )
    beneficiaries = []
    for group, column in BENEFICIARY_COLUMN.items():
        flag = _text(value(column)).casefold()
        if flag and flag not in YES:
            errors.append(f"{_cell(column, row)}: " + _("write x or leave it empty."))
        elif flag:
            beneficiaries.append(group)
    data["beneficiaries"] = beneficiaries
    return data


def _clean(plan, data, row) -> list[str]:
    try:
        activity_services.clean_activity(plan, dict(data))
    except ValidationError as error:
        messages = []
        for field, texts in error.message_dict.items():
            column = ERROR_COLUMN.get(field)
            where = _cell(column, row) if column else _("Row %(row)s") % {"row": row}
            messages += [f"{where}: {text}" for text in texts]
        return messages
    return []


def _differs(activity, data) -> bool:
    fields = ["description", "timing", "cost_estimate", *FUNDING_COLUMN]
    if any(getattr(activity, name) != data[name] for name in fields):
        return True
    if (data["responsible"].pk if data["responsible"] else None) != activity.responsible_id:
        return True
    return set(data["beneficiaries"]) != set(activity.beneficiaries)


@transaction.atomic
def import_framework(*, user, plan, content: bytes) -> int:
    """Save the planner's edits of the framework workbook; all or nothing. Returns how many
    activities changed. Raises ImportFailed naming every wrong cell, PermissionDenied or
    ValidationError (plan locked or submitted); then nothing is written."""
    if plan.kind != PlanKind.COMMUNE_PLAN:
        raise ValidationError(_("Only a commune plan has a commune plan framework."))
    if not can_edit(scope_for(user), plan):
        raise PermissionDenied(_("Only the plan's own group can change it."))
    require_editable(plan)
    books = _open(content)
    _check_identity(books[0], plan)
    changed, errors = read_rows(books, plan)
    if errors:
        raise ImportFailed(errors)
    # All rows were checked above: written together, one lock and one event insert.
    activity_services.activities_update_many(user=user, plan=plan, changes=changed)
    record_event(
        actor=user,
        verb="plan.framework_uploaded",
        target=plan,
        unit=plan.unit,
        payload={"changed": [activity.pk for activity, _data in changed]},
    )
    return len(changed)
