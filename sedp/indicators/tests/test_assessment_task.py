"""The commune group's task X2.4 (assessment of year X and its main indicators) is done
when the commune's estimated actual of year X is saved, by cell or by spreadsheet, for
every indicator the commune planned for year X."""

import io

import pytest
from openpyxl import load_workbook

from sedp.core.models import Event
from sedp.cycles.loading import load_all_templates
from sedp.cycles.models import ProcessTemplate, Task, TaskStatus
from sedp.cycles.services import cycle_open
from sedp.indicators import spreadsheet
from sedp.indicators.models import Kind
from sedp.indicators.services import value_set

from .conftest import YEAR


@pytest.fixture
def cycle(tree, catalogue):
    load_all_templates()
    template = ProcessTemplate.objects.get(code="laocai-1131-3cap")
    return cycle_open(
        user=tree.users.skhdt, template=template, structure=tree.structure, report_year=YEAR
    )[0]


def _status(agency):
    return Task.objects.get(activity__code="X2.4", agency=agency).status


def test_the_assessment_is_done_when_every_planned_indicator_has_its_estimate(
    tree, catalogue, put, cycle
):
    put(tree.commune1, "viec-lam-moi", 150, Kind.PLAN)
    put(tree.commune1, "tong-so-truong", 4, Kind.PLAN)
    value_set(user=tree.users.xa1, unit=tree.commune1, indicator=catalogue["viec-lam-moi"],
              report_year=YEAR, kind=Kind.ESTIMATE, value="140")  # fmt: skip
    assert _status(tree.group1) == TaskStatus.OPEN  # the schools are not counted yet
    assert not Event.objects.filter(verb="indicator_assessment.completed").exists()

    # the officer fills the rest in the spreadsheet and uploads it
    book = load_workbook(io.BytesIO(spreadsheet.export_grid(unit=tree.commune1, report_year=YEAR)))
    sheet = book.active
    keys = [c.value for c in sheet[2]]
    row = next(r for r in sheet.iter_rows(min_row=4) if r[0].value == "tong-so-truong")
    row[keys.index(Kind.ESTIMATE)].value = 4
    content = io.BytesIO()
    book.save(content)
    spreadsheet.import_grid(
        user=tree.users.xa1, unit=tree.commune1, report_year=YEAR, content=content.getvalue()
    )
    assert _status(tree.group1) == TaskStatus.DONE
    task = Task.objects.get(activity__code="X2.4", agency=tree.group1)
    assert task.output_event.verb == "indicator_assessment.completed"
    assert task.output_event.payload == {"year": YEAR}
    assert _status(tree.group3) == TaskStatus.OPEN  # another commune's


def test_another_years_or_another_kinds_values_do_not_complete_it(tree, catalogue, put, cycle):
    put(tree.commune1, "viec-lam-moi", 150, Kind.PLAN)
    value_set(user=tree.users.xa1, unit=tree.commune1, indicator=catalogue["viec-lam-moi"],
              report_year=YEAR - 1, kind=Kind.ESTIMATE, value="140")  # fmt: skip
    value_set(user=tree.users.xa1, unit=tree.commune1, indicator=catalogue["viec-lam-moi"],
              report_year=YEAR, kind=Kind.PROPOSED, value="160")  # fmt: skip
    assert _status(tree.group1) == TaskStatus.OPEN
