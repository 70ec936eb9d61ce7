"""Follow-up: the consolidating levels' matrix, its export, a unit's tasks and the timeline."""

import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from sedp.cycles import selectors
from sedp.cycles.followup import follow_up_matrix
from sedp.cycles.models import Task
from sedp.cycles.services import cycle_open, task_complete


def _freeze(monkeypatch, day):
    monkeypatch.setattr(selectors, "today", lambda: day)


def test_the_district_sees_its_communes_by_step_with_status(tree, cycle, monkeypatch):
    day = datetime.date(2026, 6, 25)
    x52 = Task.objects.get(cycle=cycle, agency=tree.group1, activity__code="X5.2")
    task_complete(user=tree.users.xa1, task=x52, evidence="Tờ trình 15")
    matrix = follow_up_matrix(user=tree.users.tckh1, cycle=cycle, level=tree.levels["xa"], day=day)
    assert [row.unit for row in matrix.rows] == [tree.commune1, tree.commune2]
    step5 = next(i for i, s in enumerate(matrix.steps) if s.level_code == "xa" and s.number == 5)
    one, two = (row.cells[step5] for row in matrix.rows)
    assert (one.total, one.done, one.overdue) == (2, 1, 1)  # X5.1 open and overdue, X5.2 done
    assert one.status == "overdue" and two.status == "overdue"
    step6 = next(i for i, s in enumerate(matrix.steps) if s.level_code == "xa" and s.number == 6)
    assert matrix.rows[0].cells[step6].status == "pending"
    assert matrix.rows[0].on_time_rate is not None


def test_the_province_sees_every_district_and_a_commune_sees_only_itself(tree, cycle):
    day = datetime.date(2026, 7, 1)
    province = follow_up_matrix(
        user=tree.users.skhdt, cycle=cycle, level=tree.levels["huyen"], day=day
    )
    assert [r.unit for r in province.rows] == [tree.district1, tree.district2]
    commune = follow_up_matrix(user=tree.users.xa1, cycle=cycle, level=tree.levels["xa"], day=day)
    assert [r.unit for r in commune.rows] == [tree.commune1]


def test_the_sector_filter_counts_only_that_sectors_agencies(tree, cycle):
    day = datetime.date(2026, 7, 1)
    matrix = follow_up_matrix(
        user=tree.users.skhdt, cycle=cycle, level=tree.levels["huyen"], sector=tree.agri, day=day
    )
    totals = sum(c.total for c in matrix.rows[0].cells)
    assert totals == Task.objects.filter(cycle=cycle, agency=tree.pnn1).count()
    assert Task.objects.filter(cycle=cycle, agency__unit=tree.district1).count() > totals


def test_the_matrix_page_drills_down_and_exports_xlsx(tree, cycle, login, monkeypatch):
    _freeze(monkeypatch, datetime.date(2026, 6, 25))
    client = login(tree.users.skhdt)
    url = reverse("cycles-followup-matrix")
    response = client.get(url, {"cycle": cycle.pk, "level": "huyen"})
    assert response.status_code == 200 and "Huyện Một" in response.text
    response = client.get(url, {"cycle": cycle.pk, "unit": tree.district1.pk, "level": "xa"})
    assert "Xã Một A" in response.text and "Xã Hai A" not in response.text
    response = client.get(
        url, {"cycle": cycle.pk, "unit": tree.district1.pk, "level": "xa", "format": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [sheet.cell(row=r, column=1).value for r in range(3, sheet.max_row + 1)]
    assert names == ["Xã Một A", "Xã Một B"]
    unit = client.get(reverse("cycles-followup-unit", args=[cycle.pk, tree.commune1.pk]))
    assert unit.status_code == 200 and "X5.2" in unit.text
    outsider = login(tree.users.xa3).get(
        reverse("cycles-followup-unit", args=[cycle.pk, tree.commune1.pk])
    )
    assert outsider.status_code == 404


def test_the_timeline_shows_the_three_levels_and_today(tree, cycle, login, monkeypatch):
    _freeze(monkeypatch, datetime.date(2026, 6, 20))
    response = login(tree.users.xa1).get(reverse("cycles-cycle-timeline", args=[cycle.pk]))
    assert response.status_code == 200
    text = response.text
    assert "<svg" in text and "sedp-today" in text
    assert "H4.2 (21/06)" in text and "X5.2 → H4.2" in text
    assert 'stroke="#dc3545"' in text  # the late hand-over is drawn in red


def _count(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


def test_the_matrix_uses_a_constant_number_of_queries(tree, seed_template, login):
    from conftest import _agency, _unit

    cycle, _new = cycle_open(
        user=tree.admin, template=seed_template, structure=tree.structure, report_year=2026
    )
    client = login(tree.users.skhdt)
    url = reverse("cycles-followup-matrix")
    params = {"cycle": cycle.pk, "level": "xa"}
    before = _count(client, url, params)
    for i in range(5):
        commune = _unit(
            tree.structure, tree.levels["xa"], tree.district2, f"0309{i}", f"Xã Mới {i}", "xa"
        )
        _agency(commune, "to_cong_tac_xa", f"Tổ công tác xã Mới {i}")
        _agency(commune, "ubnd", f"UBND xã Mới {i}")
    cycle_open(user=tree.admin, template=seed_template, structure=tree.structure, report_year=2026)
    assert _count(client, url, params) == before


def test_the_matrix_opens_one_level_below_the_users_unit(tree, cycle, login):
    response = login(tree.users.tckh1).get(reverse("cycles-followup-matrix"))
    assert response.context["level"] == tree.levels["xa"]
    assert "Xã Một A" in response.text and "Xã Hai A" not in response.text
    response = login(tree.users.skhdt).get(reverse("cycles-followup-matrix"))
    assert response.context["level"] == tree.levels["huyen"]
