"""The change report ("những nội dung thay đổi") as an XLSX file: one row per change."""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from sedp.revisions.models import stage_label


def _causes_text(causes) -> str:
    return "\n".join(
        f"{timezone.localtime(c.when):%d/%m/%Y %H:%M} {c.who}: {c.what}"
        + (f" — {c.reason}" if c.reason else "")
        for c in causes
    )


def _section_text(lines) -> str:
    return "\n".join(f"{'+' if tag == '+' else '−'} {text}" for tag, text in lines if tag != " ")


def export_comparison(plan, comparison) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Changes")[:31]
    sheet.append([f"{plan} — " + _("What was changed")])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(
        [
            _("From version %(number)s (%(label)s) to version %(new)s (%(new_label)s)")
            % {
                "number": comparison.old.number,
                "label": stage_label(comparison.old.label),
                "new": comparison.new.number,
                "new_label": stage_label(comparison.new.label),
            }
        ]
    )
    for cause in comparison.plan_causes:
        sheet.append([_causes_text([cause])])
    sheet.append([])
    header = [_("Part"), _("Item"), _("Change"), _("Field"), _("Before"), _("After")]
    sheet.append(header + [_("Who and why")])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    areas = {"indicator": _("Indicators"), "activity": _("Activities"), "section": _("Plan text")}
    for change in comparison.changes:
        after = _section_text(change.lines) if change.area == "section" else change.after
        sheet.append(
            [
                areas[change.area],
                change.subject,
                change.change_label,
                change.aspect,
                change.before,
                after,
                _causes_text(change.causes),
            ]
        )
    for column, width in zip("ABCDEFG", (14, 50, 12, 24, 18, 40, 60), strict=True):
        sheet.column_dimensions[column].width = width
    # Wrap the long columns only (one shared style; styling every cell is slow).
    wrap = Alignment(wrap_text=True, vertical="top")
    for column in ("B", "F", "G"):
        for cell in sheet[column][5:]:
            cell.alignment = wrap
    out = BytesIO()
    book.save(out)
    return out.getvalue()
