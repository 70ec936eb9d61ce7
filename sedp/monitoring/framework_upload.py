"""The M&E framework workbook (spreadsheet.py) uploaded back: every cell is read and named
("Ô E5: …") before anything is written, then the rows go through services.framework_update,
the same all-or-nothing check the framework page uses."""

import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from sedp.accounts.scoping import scope_for
from sedp.core.text import nfc
from sedp.groups.forms import UploadForm
from sedp.indicators.spreadsheet import ImportFailed
from sedp.monitoring import rules
from sedp.monitoring.models import Frequency
from sedp.monitoring.services import allowed_agencies, framework_update
from sedp.monitoring.spreadsheet import HEADER_ROW, ID_COLUMN, MARK
from sedp.plans.selectors import get_plan_for_user
from sedp.territory.models import Agency

# Column of each field in the sheet (D … I), as written by spreadsheet.export_framework.
COLUMNS = {
    "data_source": 4,
    "collector": 5,
    "frequency": 6,
    "report_form": 7,
    "report_to": 8,
    "deadline_days": 9,
}


def _cell(row: int, field: str) -> str:
    return f"{get_column_letter(COLUMNS[field])}{row}"


def _open(content: bytes):
    if len(content) > settings.IMPORT_MAX_BYTES:
        raise ImportFailed([_("The file is too large.")])
    try:
        return load_workbook(io.BytesIO(content), data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on a file that is not XLSX
        raise ImportFailed([_("The file is not an Excel workbook (.xlsx).")]) from None


def _check_identity(book, plan) -> None:
    if "_sedp" not in book.sheetnames or book["_sedp"]["A1"].value != MARK:
        raise ImportFailed(
            [_("The file is not an M&E framework workbook downloaded from this system.")]
        )
    ident = {row[0]: row[1] for row in book["_sedp"].iter_rows(values_only=True) if row[0]}
    if ident.get("plan") != plan.pk:
        raise ImportFailed(
            [
                _("This file is the framework of %(agency)s (%(unit)s), not of this plan.")
                % {"agency": ident.get("agency", "?"), "unit": ident.get("unit_name", "?")}
            ]
        )


def _frequencies() -> dict:
    """Frequency labels in Vietnamese and English (the file may have been made in either)."""
    labels = {value: value for value in Frequency.values}
    for language in ("vi", "en"):
        with translation.override(language):
            labels.update({str(label).casefold(): value for value, label in Frequency.choices})
    return labels


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value)).strip()


def read_changes(book, plan) -> dict:
    """{row id: {field: value}} from the sheet; ImportFailed naming every wrong cell."""
    sheet = book.worksheets[0]
    if sheet.cell(HEADER_ROW, ID_COLUMN).value != "ID":
        raise ImportFailed([_("The first sheet is not the framework table (column J is not ID).")])
    known = set(plan.me_rows.values_list("pk", flat=True))
    current = set(plan.me_rows.values_list("collector_id", "report_to_id").distinct())
    current_ids = {pk for pair in current for pk in pair if pk}
    agencies = {}
    for pk, name in Agency.objects.filter(
        pk__in=set(allowed_agencies(plan).values_list("pk", flat=True)) | current_ids
    ).values_list("pk", "name"):
        agencies.setdefault(nfc(name).casefold(), []).append(pk)
    frequencies = _frequencies()
    changes, errors = {}, []
    for row_cells in sheet.iter_rows(min_row=HEADER_ROW + 1, max_col=ID_COLUMN):
        row = row_cells[0].row
        values = [cell.value for cell in row_cells]
        if all(value in (None, "") for value in values):
            continue
        pk = values[ID_COLUMN - 1]
        if not isinstance(pk, int | float) or int(pk) not in known:
            message = _(
                "Row %(row)s: this line is not a row of this framework (its hidden ID is "
                "missing or changed); add rows on the framework page."
            )
            errors.append(message % {"row": row})
            continue
        pk = int(pk)
        if pk in changes:
            errors.append(_("Row %(row)s: this framework row appears twice.") % {"row": row})
            continue
        data = {
            "data_source": _text(values[COLUMNS["data_source"] - 1]),
            "report_form": _text(values[COLUMNS["report_form"] - 1]),
        }
        for field in ("collector", "report_to"):
            name = _text(values[COLUMNS[field] - 1])
            matches = agencies.get(name.casefold(), []) if name else [None]
            if len(matches) != 1:
                errors.append(
                    _("Cell %(cell)s: “%(name)s” is not an agency of the list.")
                    % {"cell": _cell(row, field), "name": name}
                )
            data[field] = matches[0] if matches else None
        frequency = _text(values[COLUMNS["frequency"] - 1])
        if frequency and frequency.casefold() not in frequencies:
            errors.append(
                _("Cell %(cell)s: choose a frequency from the list.")
                % {"cell": _cell(row, "frequency")}
            )
        data["frequency"] = frequencies.get(frequency.casefold(), "") if frequency else ""
        days = values[COLUMNS["deadline_days"] - 1]
        if isinstance(days, float) and days.is_integer():
            days = int(days)
        if not isinstance(days, int) or isinstance(days, bool):
            errors.append(
                _("Cell %(cell)s: write a whole number of days.")
                % {"cell": _cell(row, "deadline_days")}
            )
            days = 0
        data["deadline_days"] = days
        changes[pk] = (row, data)
    if errors:
        raise ImportFailed(errors)
    return changes


def import_framework(*, user, plan, content: bytes) -> int:
    """Write the uploaded framework; all or nothing. Returns how many rows changed."""
    book = _open(content)
    _check_identity(book, plan)
    located = read_changes(book, plan)
    try:
        return framework_update(
            user=user, plan=plan, changes={pk: data for pk, (_row, data) in located.items()}
        )
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise ImportFailed(error.messages) from None
        errors = []
        for key, texts in error.message_dict.items():
            pk, field = key.split("-", 1)
            cell = _("Cell %(cell)s") % {"cell": _cell(located[int(pk)][0], field)}
            errors += [f"{cell}: {text}" for text in texts]
        raise ImportFailed(errors) from None


@login_required
@require_http_methods(["GET", "POST"])
def framework_upload(request, pk):
    plan = get_plan_for_user(user=request.user, pk=pk)
    if not rules.can_edit_framework(scope_for(request.user), plan):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            count = import_framework(
                user=request.user, plan=plan, content=form.cleaned_data["file"].read()
            )
        except ImportFailed as failure:
            errors = failure.errors
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("%(count)s rows saved.") % {"count": count})
            return redirect("monitoring-framework-detail", plan.pk)
    return render(
        request,
        "monitoring/framework_upload.html",
        {"plan": plan, "form": form, "errors": errors},
        status=400 if request.method == "POST" else 200,
    )
