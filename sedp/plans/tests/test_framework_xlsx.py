"""The commune plan framework (khung KH xã) workbook: a read-only summary with frozen headers
and money formats (its lines are edited on the plan's pages)."""

import io

from openpyxl import load_workbook

from sedp.plans.draft import framework_xlsx
from sedp.plans.tests.test_draft import commune  # noqa: F401


def test_the_framework_workbook_is_a_protected_summary(tree, commune):  # noqa: F811
    sheet = load_workbook(io.BytesIO(framework_xlsx(commune))).active
    assert sheet.freeze_panes == "A3"
    assert sheet.protection.sheet and not sheet.protection.formatColumns
    assert sheet.cell(2, 5).value == "Hoạt động"
    assert sheet.cell(3, 9).number_format == "#,##0"
    assert sheet.cell(sheet.max_row, 9).value == sum(
        sheet.cell(r, 9).value for r in range(3, sheet.max_row)
    )
