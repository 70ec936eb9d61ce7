"""Targets cascade down three levels: province → districts → communes, checked by rule."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sedp.core.models import Event
from sedp.indicators.models import IndicatorFigure, IndicatorValue, Kind
from sedp.indicators.services import value_set
from sedp.targets import grid as grids
from sedp.targets.selectors import own_targets
from sedp.targets.services import allocation_issue, allocation_open, allocation_save
from sedp.targets.tests.helpers import assign, catalogue, cell

YEAR = 2026


def _assigned(unit, indicator, agency=None):
    return IndicatorValue.objects.get(
        unit=unit, agency=agency, indicator=indicator, report_year=YEAR, kind=Kind.ASSIGNED
    ).value


@pytest.fixture
def province_targets(tree):
    c = catalogue(tree)
    for key, value in [("households", 1000), ("poor", 100), ("rate", 10), ("growth", "8,5")]:
        assign(tree.users.skhdt, tree.province, c[key], value)
    assign(tree.users.skhdt, tree.province, c["rice"], 500)
    return c


def _allocate_province(tree, c, **overrides):
    allocation = allocation_open(user=tree.users.skhdt, unit=tree.province, report_year=YEAR)
    entries = {
        cell(c["households"], tree.district1): "600",
        cell(c["households"], tree.district2): "400",
        cell(c["poor"], tree.district1): "60",
        cell(c["poor"], tree.district2): "40",
        cell(c["rate"], tree.district1): "10",
        cell(c["rate"], tree.district2): "10",
        cell(c["growth"], tree.district1): "9",
        cell(c["growth"], tree.district2): "7,5",
        cell(c["rice"], tree.snn): "300",
    }
    entries.update(overrides)
    allocation_save(user=tree.users.skhdt, allocation=allocation, entries=entries)
    return allocation


def test_targets_are_assigned_down_three_levels_and_add_up_by_rule(tree, province_targets):
    c = province_targets
    allocation = _allocate_province(tree, c)
    grid = grids.load_grid(allocation)
    states = {i.code: grid.checks[i.pk].state for i in grid.indicators}
    assert states == {
        "so-ho": grids.OK,
        "ho-ngheo": grids.OK,
        "ty-le-ho-ngheo": grids.OK,  # Σ poor / Σ households × 100 = 10
        "tang-truong": grids.NOT_AGGREGATED,  # growth rates are never summed
        "lua": grids.EMPTY,  # given to the agriculture department, not to units
    }
    assert (
        allocation_issue(user=tree.users.skhdt, allocation=allocation, basis="NQ 15/NQ-HĐND") == 9
    )

    assert _assigned(tree.district1, c["households"]) == 600
    assert _assigned(tree.district2, c["growth"]) == Decimal("7.5")
    assert _assigned(tree.province, c["rice"], agency=tree.snn) == 300
    # The district's maintained figure is its assigned value now.
    figure = IndicatorFigure.objects.get(
        unit=tree.district1, indicator=c["households"], report_year=YEAR, kind=Kind.ASSIGNED
    )
    assert figure.total == 600
    assert Event.objects.filter(verb="targets.assigned", reason="NQ 15/NQ-HĐND").count() == 9
    assert Event.objects.filter(verb="targets.issued").count() == 1

    # Level 2: the district's finance-planning office allocates its own figures to communes.
    district = allocation_open(user=tree.users.tckh1, unit=tree.district1, report_year=YEAR)
    allocation_save(
        user=tree.users.tckh1,
        allocation=district,
        entries={
            cell(c["households"], tree.commune1): "350",
            cell(c["households"], tree.commune2): "250",
            cell(c["poor"], tree.commune1): "30",
            cell(c["poor"], tree.commune2): "30",
            cell(c["rate"], tree.commune1): "8,57",
            cell(c["rate"], tree.commune2): "12",
        },
    )
    grid = grids.load_grid(district)
    assert grid.parent[c["households"].pk] == 600  # what the province assigned
    assert grid.checks[c["rate"].pk].state == grids.OK  # 60 / 600 = 10 %
    assert allocation_issue(user=tree.users.tckh1, allocation=district) == 6

    # Level 3: the commune has its assigned figures, beside its own proposal and the gap.
    value_set(
        user=tree.users.xa1,
        unit=tree.commune1,
        indicator=c["households"],
        report_year=YEAR,
        kind=Kind.PROPOSED,
        value=340,
    )
    (mine,) = own_targets(user=tree.users.xa1, report_year=YEAR)
    assert mine["unit"] == tree.commune1
    lines = {line["indicator"].code: line for line in mine["lines"]}
    assert lines["so-ho"]["assigned"] == 350
    assert lines["so-ho"]["proposed"] == 340
    assert lines["so-ho"]["gap"] == 10
    assert lines["ty-le-ho-ngheo"]["assigned"] == Decimal("8.57")
    assert mine["allocation"] == district


def test_a_commune_sees_only_its_own_assigned_targets(tree, province_targets):
    c = province_targets
    allocation_issue(user=tree.users.skhdt, allocation=_allocate_province(tree, c))
    district = allocation_open(user=tree.users.tckh1, unit=tree.district1, report_year=YEAR)
    allocation_save(
        user=tree.users.tckh1,
        allocation=district,
        entries={
            cell(c["households"], tree.commune1): "350",
            cell(c["households"], tree.commune2): "250",
        },
    )
    allocation_issue(user=tree.users.tckh1, allocation=district)
    holders = own_targets(user=tree.users.xa1, report_year=YEAR)
    assert [h["unit"] for h in holders] == [tree.commune1]
    assert [line["assigned"] for line in holders[0]["lines"]] == [350]
    assert own_targets(user=tree.users.xa3, report_year=YEAR)[0]["lines"] == []
    assert own_targets(user=tree.users.outsider, report_year=YEAR) == []


def test_a_commune_cannot_allocate_the_district_targets(tree, province_targets):
    with pytest.raises(PermissionDenied):
        allocation_open(user=tree.users.xa1, unit=tree.district1, report_year=YEAR)
    with pytest.raises(PermissionDenied):
        allocation_open(user=tree.users.pnn1, unit=tree.district1, report_year=YEAR)


def test_over_allocation_is_flagged_and_cannot_be_assigned(tree, province_targets):
    c = province_targets
    allocation = _allocate_province(
        tree,
        c,
        **{
            cell(c["households"], tree.district1): "700",
            cell(c["rate"], tree.district1): "20",  # contradicts 60 / 700
            cell(c["rice"], tree.snn): "600",  # more than the province's 500
        },
    )
    grid = grids.load_grid(allocation)
    check = grid.checks[c["households"].pk]
    assert check.state == grids.OVER
    assert check.message == "Các đơn vị cộng lại được 1.100, nhiều hơn 100 so với 1.000 được giao."
    assert grid.checks[c["rate"].pk].state == grids.MISMATCH  # Σ 100 / Σ 1100 ≠ 10 %
    assert "Huyện Một, Tỷ lệ hộ nghèo" in grid.cell_errors[(c["rate"].pk, f"u{tree.district1.pk}")]
    assert "Sở Nông nghiệp, Diện tích lúa" in grid.cell_errors[(c["rice"].pk, f"a{tree.snn.pk}")]
    with pytest.raises(ValidationError) as error:
        allocation_issue(user=tree.users.skhdt, allocation=allocation)
    assert any("Số hộ" in m for m in error.value.messages)
    assert not IndicatorValue.objects.filter(unit=tree.district1, kind=Kind.ASSIGNED).exists()


def test_bad_cells_are_named_in_vietnamese_and_nothing_is_saved(tree, province_targets):
    c = province_targets
    allocation = _allocate_province(tree, c)
    with pytest.raises(ValidationError) as error:
        allocation_save(
            user=tree.users.skhdt,
            allocation=allocation,
            entries={
                cell(c["households"], tree.district1): "sáu trăm",
                cell(c["poor"], tree.district1): "-5",
                cell(c["rate"], tree.district2): "120",
                cell(c["households"], tree.district2): "450",
                cell(c["households"], tree.snn): "5",
            },
        )
    messages = error.value.message_dict
    assert messages[cell(c["households"], tree.district1)] == [
        "Huyện Một, Số hộ: “sáu trăm” không phải là số."
    ]
    assert "không được âm" in messages[cell(c["poor"], tree.district1)][0]
    assert messages[cell(c["poor"], tree.district1)][0].startswith("Huyện Một, Số hộ nghèo")
    assert "100" in messages[cell(c["rate"], tree.district2)][0]
    assert "Sở Nông nghiệp" in messages[cell(c["households"], tree.snn)][0]
    assert allocation.cells.get(indicator=c["households"], unit=tree.district2).value == 400


def test_allocation_page_runs_a_constant_number_of_queries(
    tree, province_targets, login, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = province_targets
    _allocate_province(tree, c)
    client = login(tree.users.skhdt)
    url = f"/targets/allocate/{tree.province.pk}/?year={YEAR}"
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    # More units and agencies below: the same number of queries.
    from conftest import _agency, _unit
    from sedp.territory.models import AgencyKind

    for n in range(3):
        _unit(tree.structure, tree.levels["huyen"], tree.province, f"09{n}", f"Huyện {n}", "huyen")
        _agency(tree.province, AgencyKind.SECTOR_DEPARTMENT, f"Sở {n}", tree.agri)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)
    page = client.get(url).content.decode()
    assert "Huyện 2" in page and "Sở 2" in page


def test_allocation_page_is_refused_outside_the_planning_body(tree, province_targets, login):
    assert login(tree.users.xa1).get(f"/targets/allocate/{tree.province.pk}/").status_code == 404
    assert login(tree.users.snn).get(f"/targets/allocate/{tree.province.pk}/").status_code == 403


def test_opening_the_grid_writes_nothing_and_a_post_saves_it(tree, province_targets, login):
    from sedp.targets.models import Allocation

    c = province_targets
    client = login(tree.users.skhdt)
    url = f"/targets/allocate/{tree.province.pk}/?year={YEAR}"
    page = client.get(url).content.decode()
    assert "Huyện Một" in page and "Sở Nông nghiệp" in page
    assert not Allocation.objects.exists()
    response = client.post(url, {"year": YEAR, cell(c["households"], tree.district1): "abc"})
    assert "Huyện Một, Số hộ: “abc” không phải là số." in response.content.decode()
    assert not Allocation.objects.get().cells.exists()
    client.post(url, {"year": YEAR, cell(c["households"], tree.district1): "1.000"})
    assert Allocation.objects.get().cells.get().value == 1000


def test_assigning_completes_the_official_targets_task_of_the_council(tree, province_targets):
    from conftest import _agency
    from sedp.cycles.loading import load_all_templates
    from sedp.cycles.models import ProcessTemplate, Task, TaskStatus
    from sedp.cycles.services import cycle_open
    from sedp.territory.models import AgencyKind

    council = _agency(tree.province, AgencyKind.PEOPLES_COUNCIL, "HĐND tỉnh Thử")
    load_all_templates()
    template = ProcessTemplate.objects.get(code="laocai-1131-3cap")
    cycle_open(user=tree.admin, template=template, structure=tree.structure, report_year=YEAR)
    due = Task.objects.filter(
        agency=council,
        status=TaskStatus.OPEN,
        activity__ios__is_output=True,
        activity__ios__code="tinh.official_targets",
    )
    assert due.exists()
    allocation_issue(user=tree.users.skhdt, allocation=_allocate_province(tree, province_targets))
    assert not due.exists()


def test_a_cleared_cell_withdraws_the_figure_at_the_next_assignment(tree, province_targets):
    c = province_targets
    allocation = _allocate_province(tree, c)
    allocation_issue(user=tree.users.skhdt, allocation=allocation)
    entries = {cell(c["growth"], tree.district2): "", cell(c["rice"], tree.snn): ""}
    allocation_save(user=tree.users.skhdt, allocation=allocation, entries=entries)
    allocation_issue(user=tree.users.skhdt, allocation=allocation, basis="NQ điều chỉnh")
    assigned = IndicatorValue.objects.filter(kind=Kind.ASSIGNED, report_year=YEAR)
    assert not assigned.filter(unit=tree.district2, indicator=c["growth"]).exists()
    assert not assigned.filter(agency=tree.snn).exists()
    assert assigned.filter(unit=tree.district1, indicator=c["growth"]).exists()
    assert Event.objects.filter(verb="targets.withdrawn", reason="NQ điều chỉnh").count() == 2
