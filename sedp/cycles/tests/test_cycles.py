"""Opening a cycle creates a dated task for every responsible agency, once."""

import datetime
import io
from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from sedp.core.models import Event
from sedp.cycles.models import Activity, PlanCycle, Responsibility, Task
from sedp.cycles.services import cycle_open
from sedp.territory.models import Agency, TerritoryStructure


def _expected_per_kind(template, structure):
    """Count in Python what the SQL should create: agencies × their activities."""
    pairs = Counter(
        Responsibility.objects.filter(activity__template=template).values_list("level_code", "kind")
    )
    expected = Counter()
    for agency in Agency.objects.filter(unit__structure=structure, is_active=True).select_related(
        "unit__level"
    ):
        expected[agency.kind] += pairs[(agency.unit.level.code, agency.kind)]
    return {kind: n for kind, n in expected.items() if n}


def _actual_per_kind(cycle):
    return dict(Counter(Task.objects.filter(cycle=cycle).values_list("agency__kind", flat=True)))


def test_opening_a_cycle_creates_the_tasks_of_every_responsible_agency(tree, seed_template):
    cycle, new = cycle_open(
        user=tree.users.skhdt, template=seed_template, structure=tree.structure, report_year=2026
    )
    assert new == Task.objects.filter(cycle=cycle).count() > 0
    assert _actual_per_kind(cycle) == _expected_per_kind(seed_template, tree.structure)
    # Three village activities for each of the three village groups.
    assert Task.objects.filter(cycle=cycle, agency__kind="to_cong_tac_thon").count() == 9
    village_task = Task.objects.get(cycle=cycle, agency=tree.vgroup1, activity__code="V2.2")
    assert village_task.due_date == datetime.date(2026, 6, 1)
    assert village_task.unit_id == tree.village1.pk
    assert Event.objects.filter(verb="cycle.opened").count() == 1


def test_reopening_a_cycle_creates_no_task_and_adds_only_what_is_missing(tree, seed_template):
    cycle, first = cycle_open(
        user=tree.users.skhdt, template=seed_template, structure=tree.structure, report_year=2026
    )
    _cycle, again = cycle_open(
        user=tree.users.skhdt, template=seed_template, structure=tree.structure, report_year=2026
    )
    assert again == 0 and Task.objects.filter(cycle=cycle).count() == first
    from conftest import _agency

    _agency(tree.village2.parent, "to_cong_tac_xa", "Tổ công tác bổ sung")  # a new commune body
    _cycle, added = cycle_open(
        user=tree.admin, template=seed_template, structure=tree.structure, report_year=2026
    )
    per_group = Activity.objects.filter(
        template=seed_template,
        responsibilities__level_code="xa",
        responsibilities__kind="to_cong_tac_xa",
    ).count()
    assert added == per_group
    assert PlanCycle.objects.count() == 1


def test_only_the_provincial_planning_department_or_an_administrator_opens_a_cycle(
    tree, seed_template
):
    for user in (tree.users.tckh1, tree.users.xa1, tree.users.outsider):
        with pytest.raises(PermissionDenied):
            cycle_open(
                user=user, template=seed_template, structure=tree.structure, report_year=2026
            )
    assert not Task.objects.exists()


def test_a_two_tier_template_does_not_open_on_a_structure_without_its_levels(tree, templates):
    from django.core.exceptions import ValidationError

    two_tier_structure = TerritoryStructure.objects.create(code="t2", name="Hai cấp")
    two_tier_structure.levels.create(code="tinh", name="Tỉnh", rank=0, unit_types=["tinh"])
    with pytest.raises(ValidationError):
        cycle_open(
            user=tree.admin,
            template=templates["laocai-1131-3cap"],
            structure=two_tier_structure,
            report_year=2026,
        )


@pytest.mark.django_db
def test_opening_on_the_2015_lao_cai_tree_creates_the_right_number_of_tasks_per_kind(templates):
    call_command("seed_demo", stdout=io.StringIO())
    structure = TerritoryStructure.objects.get(code="laocai-2015")
    template = templates["laocai-1131-3cap"]
    cycle = PlanCycle.objects.filter(structure=structure, report_year=2026).first()
    if cycle is None:  # the demo opens it; opening by hand must give the same tasks
        cycle, _new = cycle_open(
            user=None, template=template, structure=structure, report_year=2026
        )
    actual = _actual_per_kind(cycle)
    assert actual == _expected_per_kind(template, structure)
    communes = Agency.objects.filter(unit__structure=structure, kind="to_cong_tac_xa").count()
    villages = Agency.objects.filter(unit__structure=structure, kind="to_cong_tac_thon").count()
    districts = Agency.objects.filter(unit__structure=structure, kind="phong_tckh").count()
    assert communes == 151 and villages == 24 and districts == 9
    assert actual["to_cong_tac_thon"] == 3 * villages
    assert actual["to_cong_tac_xa"] == 8 * communes
    assert actual["phong_tckh"] == 12 * districts
    _cycle, again = cycle_open(user=None, template=template, structure=structure, report_year=2026)
    assert again == 0
