"""The M&E framework (khung TDĐG): pre-fill, edits all or nothing, completeness, the calendar
output, XLSX export, and who may touch it."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from sedp.core.models import Event
from sedp.cycles.loading import load_all_templates
from sedp.cycles.models import ProcessTemplate, Task, TaskStatus
from sedp.cycles.services import cycle_open
from sedp.monitoring import services
from sedp.monitoring.models import FrameworkRow, Frequency
from sedp.monitoring.tests.helpers import YEAR, approve, commune_plan, fill_framework


@pytest.fixture
def t(tree):
    return commune_plan(tree)


def test_prefill_takes_the_indicators_with_targets_and_the_kept_activities(tree, t):
    added = services.framework_prefill(user=tree.users.xa1, plan=t.plan)
    rows = list(t.plan.me_rows.select_related("indicator", "activity"))
    assert added == 4 == len(rows)
    assert {r.indicator for r in rows if r.indicator_id} == {t.rice, t.poverty}  # not "số thôn"
    assert {r.activity for r in rows if r.activity_id} == {t.road, t.school}  # not the removed
    by_subject = {r.subject: r for r in rows}
    # The activity's responsible agency is suggested; else the unit's agency of its sector.
    assert by_subject[t.road].collector == tree.coop1
    assert by_subject[t.school].collector == tree.school1
    assert by_subject[t.rice].collector == tree.coop1  # agriculture
    assert by_subject[t.poverty].collector == tree.group1  # no sector: the plan's group
    assert all(r.report_to == tree.group1 for r in rows)
    assert by_subject[t.rice].frequency == Frequency.HALF_YEARLY
    assert by_subject[t.road].frequency == Frequency.QUARTERLY
    # Running it again adds nothing and keeps edits.
    fill_framework(tree, t.plan, data_source="Chi cục Thống kê")
    assert services.framework_prefill(user=tree.users.xa1, plan=t.plan) == 0
    assert set(t.plan.me_rows.values_list("data_source", flat=True)) == {"Chi cục Thống kê"}
    assert Event.objects.filter(verb="monitoring.framework_prefilled").count() == 1


def test_completeness_names_each_missing_field_and_new_activities(tree, t):
    services.framework_prefill(user=tree.users.xa1, plan=t.plan)
    problems = services.framework_problems(t.plan)
    assert any("Sản lượng lúa" in p and "nguồn số liệu" in p for p in problems), problems
    with pytest.raises(ValidationError):
        services.framework_complete(user=tree.users.xa1, plan=t.plan)
    fill_framework(tree, t.plan)
    assert services.framework_problems(t.plan) == []
    # An activity added after the pre-fill must get its row too.
    t.plan.activities.create(title="Kênh mương nội đồng", sector=tree.agri, cost_estimate=10)
    assert any("Kênh mương nội đồng" in p for p in services.framework_problems(t.plan))
    services.framework_prefill(user=tree.users.xa1, plan=t.plan)
    fill_framework(tree, t.plan)
    services.framework_complete(user=tree.users.xa1, plan=t.plan)
    assert t.plan.me_state.completed_at is not None


def test_completing_the_framework_completes_the_commune_task_in_the_calendar(tree, t):
    load_all_templates()
    template = ProcessTemplate.objects.get(code="laocai-1131-3cap")
    cycle_open(user=tree.users.skhdt, template=template, structure=tree.structure, report_year=YEAR)
    tasks = Task.objects.filter(
        agency=tree.group1, activity__ios__is_output=True, activity__ios__code="xa.me_framework"
    )
    assert tasks.filter(status=TaskStatus.OPEN).exists()
    services.framework_prefill(user=tree.users.xa1, plan=t.plan)
    fill_framework(tree, t.plan)
    services.framework_complete(user=tree.users.xa1, plan=t.plan)
    assert not tasks.filter(status=TaskStatus.OPEN).exists()


def test_bad_cells_are_refused_all_or_nothing_with_row_and_field(tree, t):
    services.framework_prefill(user=tree.users.xa1, plan=t.plan)
    first, second = list(t.plan.me_rows.all())[:2]
    changes = {
        first.pk: {"data_source": "Báo cáo xã", "frequency": "weekly"},
        second.pk: {
            "data_source": "x" * 300,
            "collector": tree.group3.pk,  # another district's commune
            "deadline_days": "90",
        },
    }
    with pytest.raises(ValidationError) as caught:
        services.framework_update(user=tree.users.xa1, plan=t.plan, changes=changes)
    errors = caught.value.message_dict
    assert set(errors) == {
        f"{first.pk}-frequency",
        f"{second.pk}-data_source",
        f"{second.pk}-collector",
        f"{second.pk}-deadline_days",
    }
    assert "Dòng 1" in errors[f"{first.pk}-frequency"][0]
    assert "Dòng 2" in errors[f"{second.pk}-collector"][0]
    first.refresh_from_db()
    assert first.data_source == ""  # nothing saved


def test_only_the_plans_editors_change_the_framework_and_not_once_official(tree, t):
    with pytest.raises(PermissionDenied):
        services.framework_prefill(user=tree.users.truong1, plan=t.plan)
    with pytest.raises(PermissionDenied):
        services.framework_prefill(user=tree.users.viewer1, plan=t.plan)
    services.framework_prefill(user=tree.users.xa1, plan=t.plan)
    approve(t.plan)
    with pytest.raises(ValidationError):
        fill_framework(tree, t.plan)


def test_the_framework_page_saves_cells_and_shows_errors_in_place(tree, t, login):
    services.framework_prefill(user=tree.users.xa1, plan=t.plan)
    client = login(tree.users.xa1)
    url = reverse("monitoring-framework-detail", args=[t.plan.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Sản lượng lúa" in page.content.decode()
    row = t.plan.me_rows.first()
    bad = client.post(url, {f"{row.pk}-data_source": "Thống kê", f"{row.pk}-deadline_days": "-1"})
    assert bad.status_code == 400
    assert "is-invalid" in bad.content.decode() and "Không có gì được lưu" in bad.content.decode()
    good = client.post(url, {f"{row.pk}-data_source": "Thống kê", f"{row.pk}-deadline_days": "5"})
    assert good.status_code == 302
    row.refresh_from_db()
    assert (row.data_source, row.deadline_days) == ("Thống kê", 5)


def test_xlsx_export_has_frozen_headers_and_drop_down_lists(tree, t, login):
    services.framework_prefill(user=tree.users.xa1, plan=t.plan)
    fill_framework(tree, t.plan)
    response = login(tree.users.xa1).get(reverse("monitoring-framework-export", args=[t.plan.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "C4"
    assert sheet.cell(4, 2).value == "Sản lượng lúa"
    assert sheet.cell(4, 6).value == "Hằng quý"
    rules = {str(dv.sqref): dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert rules["F4:F7"].startswith("=Lists!$A$1")
    assert any(ref.startswith("E4") for ref in rules)
    lists = book["Lists"]
    assert lists.sheet_state == "hidden"
    agencies = {c.value for c in lists["B"]}
    assert {"Tổ công tác KH xã Một A", "HTX nông nghiệp Một A"} <= agencies
    assert "Tổ công tác KH xã Hai A" not in agencies


def test_outsiders_get_404_on_the_framework(tree, t, login):
    url = reverse("monitoring-framework-detail", args=[t.plan.pk])
    assert login(tree.users.outsider).get(url).status_code == 404
    assert login(tree.users.xa3).get(url).status_code == 404
    export = reverse("monitoring-framework-export", args=[t.plan.pk])
    assert login(tree.users.xa3).get(export).status_code == 404


def test_deleting_a_row_is_recorded(tree, t, login):
    services.framework_prefill(user=tree.users.xa1, plan=t.plan)
    row = FrameworkRow.objects.get(plan=t.plan, indicator=t.rice)
    login(tree.users.xa1).post(reverse("monitoring-row-delete", args=[row.pk]))
    assert not FrameworkRow.objects.filter(pk=row.pk).exists()
    assert Event.objects.filter(verb="monitoring.framework_updated").exists()


def test_monitoring_is_in_the_navigation_and_lists_the_plans(tree, t, login):
    client = login(tree.users.xa1)
    home = client.get(reverse("core-home")).content.decode()
    url = reverse("monitoring-framework-list")
    assert url in home
    page = client.get(url + f"?year={YEAR}").content.decode()
    assert reverse("monitoring-framework-detail", args=[t.plan.pk]) in page
    assert "Khung TDĐG" in page
    assert reverse("monitoring-dashboard-unit", args=[tree.commune1.pk]) in page
    province = login(tree.users.skhdt).get(url).content.decode()
    assert reverse("monitoring-dashboard-unit", args=[tree.province.pk]) in province
    # The commune of the other district does not see it.
    other = login(tree.users.xa3).get(url + f"?year={YEAR}").content.decode()
    assert reverse("monitoring-framework-detail", args=[t.plan.pk]) not in other


def test_a_current_agency_outside_the_list_is_kept_and_a_new_one_must_be_near(tree, t, login):
    """The choice list holds the agencies of the unit, the units just below and those above;
    a row's current agency (e.g. an activity's responsible agency) stays valid."""
    services.framework_prefill(user=tree.users.xa1, plan=t.plan)
    allowed = set(services.allowed_agencies(t.plan))
    assert {tree.group1, tree.school1, tree.vgroup1, tree.tckh1, tree.skhdt} <= allowed
    assert tree.group2 not in allowed and tree.group3 not in allowed and tree.tckh2 not in allowed
    row = t.plan.me_rows.filter(activity__isnull=False).first()
    FrameworkRow.objects.filter(pk=row.pk).update(collector=tree.group3)
    services.framework_update(
        user=tree.users.xa1, plan=t.plan, changes={row.pk: {"collector": tree.group3.pk}}
    )
    with pytest.raises(ValidationError):
        services.framework_update(
            user=tree.users.xa1, plan=t.plan, changes={row.pk: {"collector": tree.group2.pk}}
        )
    page = login(tree.users.xa1).get(reverse("monitoring-framework-detail", args=[t.plan.pk]))
    assert f'value="{tree.group3.pk}" selected' in page.content.decode()
