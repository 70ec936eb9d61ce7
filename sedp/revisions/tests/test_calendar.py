"""The update round closes the calendar's tasks: the UBND's request, the departments' updated
frameworks, Sở KHĐT's updated provincial plan."""

import pytest
from django.utils import timezone

from sedp.cycles.loading import load_all_templates
from sedp.cycles.models import ProcessTemplate, Task, TaskStatus
from sedp.cycles.services import cycle_open
from sedp.plans.models import Plan, PlanKind, PlanStatus
from sedp.revisions.models import Stage
from sedp.revisions.services import update_request_issue, update_respond, version_record

YEAR = 2026


def _open(agency, code):
    return Task.objects.filter(
        agency=agency,
        status=TaskStatus.OPEN,
        activity__ios__is_output=True,
        activity__ios__code=code,
    )


@pytest.fixture
def province(tree):
    load_all_templates()
    template = ProcessTemplate.objects.get(code="laocai-1131-3cap")
    cycle_open(user=tree.users.skhdt, template=template, structure=tree.structure, report_year=YEAR)
    plan = Plan.objects.create(
        kind=PlanKind.PROVINCE_PLAN, report_year=YEAR, unit=tree.province, agency=tree.skhdt
    )
    sector = Plan.objects.create(
        kind=PlanKind.PROVINCE_SECTOR_PLAN,
        report_year=YEAR,
        unit=tree.province,
        agency=tree.snn,
        status=PlanStatus.ACCEPTED,
    )
    return plan, sector


def test_request_answers_and_updated_plan_close_their_tasks(tree, province):
    plan, sector = province
    assert _open(tree.ubnd_province, "tinh.update_request").exists()
    assert _open(tree.snn, "sector.framework_update").exists()
    assert _open(tree.skhdt, "tinh.plan_updated").exists()

    request = update_request_issue(
        user=tree.users.skhdt,
        plan=plan,
        text="Cập nhật Khung KH ngành",
        deadline=timezone.localdate(),
    )
    assert not _open(tree.ubnd_province, "tinh.update_request").exists()
    # An accepted sector plan answers without reopening: its indicator values changed only.
    response = update_respond(
        user=tree.users.snn, request=request, plan=sector, reason="Điều chỉnh diện tích lúa"
    )
    assert response.version.label == Stage.UPDATED
    assert not _open(tree.snn, "sector.framework_update").exists()
    assert _open(tree.sgd, "sector.framework_update").exists()  # another department's is still due

    version_record(
        user=tree.users.skhdt, plan=plan, stage=Stage.UPDATED, reason="Tổng hợp các Sở ngành"
    )
    assert not _open(tree.skhdt, "tinh.plan_updated").exists()


def test_my_work_links_the_update_task_to_the_plans_versions(tree, province, login):
    plan, sector = province
    page = login(tree.users.snn).get("/cycles/tasks/mine/").content.decode()
    link = f"/revisions/agency/{tree.snn.pk}/{YEAR}/"
    assert link in page
    response = login(tree.users.snn).get(link)
    assert response.status_code == 302 and response.url == f"/revisions/plan/{sector.pk}/"
    assert login(tree.users.xa1).get(link).url == "/plans/"  # not a plan xa1 may see
    # The UBND has no plan of its own: its request task leads to the provincial plan.
    from sedp.accounts.models import Membership, Role

    Membership.objects.create(user=tree.users.skhdt, agency=tree.ubnd_province, role=Role.PLANNER)
    link = f"/revisions/agency/{tree.ubnd_province.pk}/{YEAR}/"
    assert login(tree.users.skhdt).get(link).url == f"/revisions/plan/{plan.pk}/"
