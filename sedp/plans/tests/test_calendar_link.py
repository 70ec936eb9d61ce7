"""Plans complete their agency's tasks in the planning calendar when their output happens."""

import pytest
from django.urls import reverse

from sedp.cycles.loading import load_all_templates
from sedp.cycles.models import ProcessTemplate, Task, TaskStatus
from sedp.cycles.services import cycle_open
from sedp.plans.tests.helpers import YEAR, activity_data, proposal


@pytest.fixture
def cycle(tree):
    load_all_templates()
    template = ProcessTemplate.objects.get(code="laocai-1131-3cap")
    cycle, _new = cycle_open(
        user=tree.users.skhdt, template=template, structure=tree.structure, report_year=YEAR
    )
    return cycle


def _open_tasks(agency, code):
    return Task.objects.filter(
        agency=agency,
        status=TaskStatus.OPEN,
        activity__ios__is_output=True,
        activity__ios__code=code,
    )


def test_a_submitted_village_proposal_completes_the_village_tasks(tree, cycle):
    assert _open_tasks(tree.vgroup1, "thon.proposal_final").exists()
    assert _open_tasks(tree.vgroup1, "thon.meeting").exists()
    proposal(tree.users.thon1, tree.vgroup1, [activity_data(tree.agri)], submit=True)
    assert not _open_tasks(tree.vgroup1, "thon.proposal_final").exists()
    assert not _open_tasks(tree.vgroup1, "thon.meeting").exists()  # the meeting was recorded
    done = Task.objects.filter(agency=tree.vgroup1, status=TaskStatus.DONE).first()
    assert done.output_event is not None
    # Another village's tasks are untouched.
    assert _open_tasks(tree.vgroup2, "thon.proposal_final").exists()


def test_village_tasks_link_to_the_plans_page(tree, cycle, client):
    client.force_login(tree.users.thon1)
    page = client.get(reverse("cycles-task-mine")).content.decode()
    assert "/plans/" in page


def test_the_commune_draft_framework_and_submission_complete_the_step_five_tasks(tree, cycle):
    from sedp.plans.consolidation import plan_consolidate
    from sedp.plans.models import PlanKind
    from sedp.plans.services import plan_accept, plan_create, plan_submit
    from sedp.plans.tests.helpers import ready_commune_draft

    codes = ["xa.plan_draft", "xa.plan_framework", "xa.plan_submitted"]
    assert all(_open_tasks(tree.group1, code).exists() for code in codes)
    commune = plan_create(
        user=tree.users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    village = proposal(tree.users.thon1, tree.vgroup1, [activity_data(tree.agri)], submit=True)
    plan_accept(user=tree.users.xa1, plan=village)
    plan_consolidate(user=tree.users.xa1, plan=commune)
    ready_commune_draft(tree.users.xa1, commune)
    plan_submit(user=tree.users.xa1, plan=commune)
    for code in codes:
        assert not _open_tasks(tree.group1, code).exists(), code
    assert _open_tasks(tree.group3, "xa.plan_submitted").exists()  # another commune's


def test_the_inputs_are_reviewed_when_the_group_consolidates_with_nothing_left_to_check(
    tree, cycle
):
    """X3.1: a consolidation while a village's form still waits for its check leaves the
    task open; once that form is checked (here sent back with a reason), the next one closes
    it, for this commune's group only."""
    import datetime

    from django.utils import timezone

    from sedp.plans.consolidation import plan_consolidate
    from sedp.plans.models import PlanKind
    from sedp.plans.services import plan_accept, plan_create, plan_return

    commune = plan_create(
        user=tree.users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    checked = proposal(tree.users.thon1, tree.vgroup1, [activity_data(tree.agri)], submit=True)
    waiting = proposal(tree.users.thon2, tree.vgroup2, [activity_data(tree.agri)], submit=True)
    plan_accept(user=tree.users.xa1, plan=checked)
    plan_consolidate(user=tree.users.xa1, plan=commune)
    assert _open_tasks(tree.group1, "xa.inputs_reviewed").exists()
    plan_return(
        user=tree.users.xa1,
        plan=waiting,
        reason="Thiếu số ngày công đóng góp.",
        deadline=timezone.localdate() + datetime.timedelta(days=3),
    )
    plan_consolidate(user=tree.users.xa1, plan=commune)
    assert not _open_tasks(tree.group1, "xa.inputs_reviewed").exists()
    assert _open_tasks(tree.group3, "xa.inputs_reviewed").exists()  # another commune's
