"""Step 6 outputs close the calendar's tasks: consultation, feedback report, resolution,
publication — at the commune and at the district."""

import pytest
from django.utils import timezone

from sedp.consultation.models import AnswerKind
from sedp.consultation.services import (
    comment_answer,
    comment_post,
    consultation_close,
    consultation_meeting_record,
    report_publish,
)
from sedp.consultation.tests.helpers import ADDRESS, accepted_commune_plan, open_consultation
from sedp.cycles.loading import load_all_templates
from sedp.cycles.models import ProcessTemplate, Task, TaskStatus
from sedp.cycles.services import cycle_open
from sedp.plans.models import Plan, PlanKind, PlanStatus
from sedp.plans.tests.helpers import YEAR
from sedp.portal.selectors import publications_search
from sedp.portal.services import council_submit, plan_publish, resolution_adopt
from sedp.territory.models import Agency, AgencyKind, Reach

pytestmark = pytest.mark.django_db


@pytest.fixture
def bodies(tree):
    """The People's Committee and Council of commune Một A and of district Một."""
    made = {}
    for unit in (tree.commune1, tree.district1):
        for kind in (AgencyKind.PEOPLES_COMMITTEE, AgencyKind.PEOPLES_COUNCIL):
            made[(unit.pk, kind)] = Agency.objects.create(
                unit=unit, kind=kind, name=f"{kind} {unit.name}", reach=Reach.TERRITORY
            )
    load_all_templates()
    template = ProcessTemplate.objects.get(code="laocai-1131-3cap")
    cycle_open(user=tree.admin, template=template, structure=tree.structure, report_year=YEAR)
    return made


def _open(agency, code):
    return Task.objects.filter(
        agency=agency,
        status=TaskStatus.OPEN,
        activity__ios__is_output=True,
        activity__ios__code=code,
    )


def test_the_commune_step_6_closes_its_tasks(tree, bodies):
    ubnd = bodies[(tree.commune1.pk, AgencyKind.PEOPLES_COMMITTEE)]
    hdnd = bodies[(tree.commune1.pk, AgencyKind.PEOPLES_COUNCIL)]
    for agency, code in [
        (tree.group1, "xa.consultation"),
        (tree.group1, "xa.plan_consulted"),
        (ubnd, "xa.consultation_response"),
        (hdnd, "xa.resolution"),
    ]:
        assert _open(agency, code).exists(), code
    plan = accepted_commune_plan(tree)
    consultation = open_consultation(tree, plan)
    consultation_meeting_record(
        user=tree.users.xa1,
        consultation=consultation,
        village=tree.village2,
        date=timezone.localdate(),
        men=10,
        women=10,
    )
    assert not _open(tree.group1, "xa.consultation").exists()
    comment = comment_post(consultation=consultation, body="Góp ý", address=ADDRESS)
    consultation_close(user=tree.users.xa1, consultation=consultation)
    assert not _open(tree.group1, "xa.plan_consulted").exists()
    comment_answer(user=tree.users.xa1, comment=comment, kind=AnswerKind.ACCEPTED, answer="Có")
    report_publish(user=tree.users.xa1, consultation=consultation)
    assert not _open(ubnd, "xa.consultation_response").exists()
    today = timezone.localdate()
    council_submit(user=tree.users.xa1, plan=plan, number="1/TTr", submitted_on=today)
    resolution_adopt(user=tree.users.xa1, plan=plan, number="2/NQ", adopted_on=today, text="X")
    assert not _open(hdnd, "xa.resolution").exists()


def test_a_district_plan_is_adopted_published_and_closes_its_tasks(tree, bodies):
    ubnd = bodies[(tree.district1.pk, AgencyKind.PEOPLES_COMMITTEE)]
    hdnd = bodies[(tree.district1.pk, AgencyKind.PEOPLES_COUNCIL)]
    plan = Plan.objects.create(
        kind=PlanKind.DISTRICT_PLAN,
        report_year=YEAR,
        unit=tree.district1,
        agency=tree.tckh1,
        status=PlanStatus.ACCEPTED,
    )
    today = timezone.localdate()
    # no consultation needed above the commune
    council_submit(user=tree.users.tckh1, plan=plan, number="90/TTr-UBND", submitted_on=today)
    assert not _open(tree.tckh1, "huyen.plan_submitted").exists()
    resolution_adopt(
        user=tree.users.tckh1, plan=plan, number="30/NQ-HĐND", adopted_on=today, text="Thông qua"
    )
    assert not _open(hdnd, "huyen.resolution").exists()
    plan_publish(user=tree.users.tckh1, plan=plan)
    assert not _open(ubnd, "huyen.plan_published").exists()
    assert publications_search(q="huyen mot", kind=PlanKind.DISTRICT_PLAN).count() == 1
    assert publications_search(q="huyện một", kind=PlanKind.COMMUNE_PLAN).count() == 0


def test_the_step_6_tasks_link_to_the_consultation_and_approval_pages(tree, bodies, login):
    from django.urls import reverse

    from sedp.accounts.models import Membership, Role

    plan = accepted_commune_plan(tree)
    hdnd = bodies[(tree.commune1.pk, AgencyKind.PEOPLES_COUNCIL)]
    Membership.objects.create(user=tree.users.xa1, agency=hdnd, role=Role.PLANNER)
    client = login(tree.users.xa1)
    page = client.get(reverse("cycles-task-mine")).content.decode()
    consultation = reverse("portal-task-plan", args=[tree.commune1.pk, YEAR, "consultation"])
    approval = reverse("portal-task-plan", args=[tree.commune1.pk, YEAR, "approval"])
    assert consultation in page and approval in page
    assert client.get(consultation).url == reverse("consultation-plan-manage", args=[plan.pk])
    assert client.get(approval).url == reverse("portal-approval-detail", args=[plan.pk])
    # someone who cannot see the plan is sent to the plans list
    other = login(tree.users.xa3).get(approval)
    assert other.url == reverse("plans-plan-list")
