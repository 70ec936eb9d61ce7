"""The November update round: the district asks, each commune updates, the district sees what
changed; the calendar's tasks close on each side."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sedp.activities.services import activity_create, activity_update
from sedp.cycles.loading import load_all_templates
from sedp.cycles.models import ProcessTemplate, Task, TaskStatus
from sedp.cycles.services import cycle_open
from sedp.plans.models import Plan, PlanKind, PlanStatus
from sedp.plans.services import plan_accept, plan_create, plan_submit
from sedp.plans.tests.helpers import activity_data, ready_commune_draft
from sedp.revisions.diff import compare
from sedp.revisions.models import Stage
from sedp.revisions.selectors import request_overview, requests_received
from sedp.revisions.services import update_reopen, update_request_issue, update_respond
from sedp.upper.services import route_commune_plans

YEAR = 2026


@pytest.fixture
def round_(tree):
    load_all_templates()
    template = ProcessTemplate.objects.get(code="laocai-1131-3cap")
    cycle_open(user=tree.users.skhdt, template=template, structure=tree.structure, report_year=YEAR)
    district = Plan.objects.create(
        kind=PlanKind.DISTRICT_PLAN, report_year=YEAR, unit=tree.district1, agency=tree.tckh1
    )
    commune = plan_create(
        user=tree.users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    road = activity_create(user=tree.users.xa1, plan=commune, **activity_data(tree.agri))
    plan_submit(user=tree.users.xa1, plan=ready_commune_draft(tree.users.xa1, commune))
    plan_accept(user=tree.users.tckh1, plan=commune)
    # phòng TCKH routes the accepted commune plans: the district plan now collects them
    route_commune_plans(user=tree.users.tckh1, agency=tree.tckh1, report_year=YEAR)
    commune.refresh_from_db()
    return district, commune, road


def _open(agency, code):
    return Task.objects.filter(
        agency=agency,
        status=TaskStatus.OPEN,
        activity__ios__is_output=True,
        activity__ios__code=code,
    )


def test_the_district_asks_the_commune_updates_and_the_district_sees_what_changed(tree, round_):
    district, commune, road = round_
    deadline = timezone.localdate() + timedelta(days=14)
    request = update_request_issue(
        user=tree.users.tckh1,
        plan=district,
        text="Cập nhật Khung KH theo chỉ tiêu mới",
        deadline=deadline,
    )
    (received,) = requests_received(commune)
    assert received == request and not received.answered
    assert _open(tree.group1, "xa.framework_update").exists()

    update_reopen(user=tree.users.xa1, request=request, plan=commune)
    commune.refresh_from_db()
    assert commune.status == PlanStatus.DRAFT
    activity_update(
        user=tree.users.xa1, activity=road, **activity_data(tree.agri, cost_estimate=700_000_000)
    )
    response = update_respond(
        user=tree.users.xa1,
        request=request,
        plan=commune,
        reason="Tăng kinh phí đường theo giá mới",
    )
    commune.refresh_from_db()
    assert commune.status == PlanStatus.SUBMITTED  # back to the district for review
    assert response.version.label == Stage.UPDATED
    assert response.version.note == "Tăng kinh phí đường theo giá mới"
    assert not _open(tree.group1, "xa.framework_update").exists()

    ((child, answer),) = request_overview(request)
    assert child == commune and answer == response
    comparison = compare(commune, answer.before, answer.version)
    assert [(c.subject, c.before, c.after) for c in comparison.activities] == [
        ("Bê tông hóa đường nội thôn 500 m", "600.000.000", "700.000.000")
    ]
    reasons = [c.reason for c in comparison.plan_causes]
    assert "Cập nhật Khung KH theo chỉ tiêu mới" in reasons  # the request that caused it
    assert "Tăng kinh phí đường theo giá mới" in reasons
    assert requests_received(commune)[0].answered


def test_update_round_refuses_bad_input_and_other_units(tree, round_):
    district, commune, _road = round_
    with pytest.raises(ValidationError) as error:
        update_request_issue(
            user=tree.users.tckh1,
            plan=district,
            text="",
            deadline=timezone.localdate() - timedelta(1),
        )
    assert set(error.value.message_dict) == {"text", "deadline"}
    with pytest.raises(PermissionDenied):
        update_request_issue(
            user=tree.users.xa1, plan=district, text="x", deadline=timezone.localdate()
        )
    request = update_request_issue(
        user=tree.users.tckh1, plan=district, text="Cập nhật", deadline=timezone.localdate()
    )
    with pytest.raises(ValidationError) as error:
        update_respond(user=tree.users.xa1, request=request, plan=commune, reason="  ")
    assert "reason" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        update_reopen(user=tree.users.xa3, request=request, plan=commune)


def test_version_page_shows_the_request_and_the_district_overview(tree, round_, login):
    district, commune, _road = round_
    request = update_request_issue(
        user=tree.users.tckh1,
        plan=district,
        text="Cập nhật Khung KH",
        deadline=timezone.localdate(),
    )
    page = login(tree.users.xa1).get(f"/revisions/plan/{commune.pk}/").content.decode()
    assert "Cập nhật Khung KH" in page
    response = login(tree.users.xa1).post(
        f"/revisions/plan/{commune.pk}/request/{request.pk}/respond/", {"reason": "Không đổi"}
    )
    assert response.status_code == 302
    overview = login(tree.users.tckh1).get(f"/revisions/request/{request.pk}/").content.decode()
    assert "Không đổi" in overview
    assert login(tree.users.xa3).get(f"/revisions/request/{request.pk}/").status_code == 404
