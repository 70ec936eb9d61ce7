"""Step 3: the commune planning group accepts submissions or returns them with a reason."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sedp.activities.services import activity_create, activity_update
from sedp.core.models import Event
from sedp.plans.models import PlanKind, PlanStatus
from sedp.plans.services import (
    plan_accept,
    plan_create,
    plan_return,
    plan_set_collection,
    plan_submit,
    plan_update_sections,
)
from sedp.plans.tests.helpers import YEAR, activity_data, proposal, ready_commune_draft


@pytest.fixture
def submitted(tree):
    return proposal(tree.users.thon1, tree.vgroup1, [activity_data(tree.agri)], submit=True)


def _later(days=7):
    return timezone.localdate() + datetime.timedelta(days=days)


def test_a_returned_proposal_is_corrected_resubmitted_and_accepted(tree, submitted):
    plan = plan_return(
        user=tree.users.xa1, plan=submitted, reason="Thiếu đóng góp ngày công", deadline=_later()
    )
    assert plan.status == PlanStatus.RETURNED and plan.return_reason == "Thiếu đóng góp ngày công"
    activity = plan.activities.get()
    activity_update(
        user=tree.users.thon1,
        activity=activity,
        **activity_data(tree.agri, people_labour_days=500),
    )
    plan = plan_submit(user=tree.users.thon1, plan=plan)
    assert plan.status == PlanStatus.SUBMITTED
    plan = plan_accept(user=tree.users.xa1, plan=plan)
    assert plan.status == PlanStatus.ACCEPTED
    verbs = list(
        Event.objects.filter(verb__startswith="plan.").order_by("pk").values_list("verb", flat=True)
    )
    assert verbs[-4:] == ["plan.submitted", "plan.returned", "plan.resubmitted", "plan.accepted"]
    # Each submission is a numbered "submitted" version, linked to the event that made it.
    assert [v.label for v in plan.versions.all()] == ["submitted", "submitted"]
    assert [m.event.verb for m in plan.milestones.order_by("pk")] == [
        "plan.submitted",
        "plan.resubmitted",
    ]


def test_a_return_without_a_reason_or_date_is_refused(tree, submitted):
    with pytest.raises(ValidationError) as error:
        plan_return(user=tree.users.xa1, plan=submitted, reason="  ", deadline=None)
    assert "Ghi rõ lý do" in error.value.message_dict["reason"][0]
    assert "deadline" in error.value.message_dict
    with pytest.raises(ValidationError):
        plan_return(user=tree.users.xa1, plan=submitted, reason="x", deadline=_later(-1))
    submitted.refresh_from_db()
    assert submitted.status == PlanStatus.SUBMITTED and submitted.return_reason == ""


def test_only_the_communes_own_planning_group_reviews(tree, submitted):
    for user in [tree.users.xa3, tree.users.truong1, tree.users.thon1, tree.users.viewer1]:
        with pytest.raises(PermissionDenied):
            plan_accept(user=user, plan=submitted)
    submitted.refresh_from_db()
    assert submitted.status == PlanStatus.SUBMITTED


def test_a_draft_cannot_be_accepted_and_an_accepted_plan_not_returned(tree):
    plan = proposal(tree.users.thon1, tree.vgroup1, [activity_data(tree.agri)])
    with pytest.raises(ValidationError, match="không thể chuyển"):
        plan_accept(user=tree.users.xa1, plan=plan)
    plan = plan_accept(user=tree.users.xa1, plan=plan_submit(user=tree.users.thon1, plan=plan))
    with pytest.raises(ValidationError):
        plan_return(user=tree.users.xa1, plan=plan, reason="x", deadline=_later())


def test_nothing_changes_after_acceptance(tree, submitted):
    plan = plan_accept(user=tree.users.xa1, plan=submitted)
    with pytest.raises(ValidationError, match="không thể thay đổi"):
        activity_create(user=tree.users.thon1, plan=plan, **activity_data(tree.agri))
    with pytest.raises(ValidationError, match="không thể thay đổi"):
        plan_update_sections(user=tree.users.thon1, plan=plan, bodies={"results": "x"})
    assert plan.activities.count() == 1


def test_a_submission_is_refused_once_the_commune_closed_its_collection(tree):
    commune = plan_create(
        user=tree.users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    plan_set_collection(user=tree.users.xa1, plan=commune, closed=True)
    plan = proposal(tree.users.thon2, tree.vgroup2, [activity_data(tree.agri)])
    with pytest.raises(ValidationError, match="đã kết thúc"):
        plan_submit(user=tree.users.thon2, plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and not plan.versions.exists()
    plan_set_collection(user=tree.users.xa1, plan=commune, closed=False)
    assert plan_submit(user=tree.users.thon2, plan=plan).status == PlanStatus.SUBMITTED


def test_a_village_proposal_needs_its_meeting_and_an_activity_to_be_submitted(tree):
    plan = plan_create(
        user=tree.users.thon1, agency=tree.vgroup1, kind=PlanKind.VILLAGE_PROPOSAL, report_year=YEAR
    )
    with pytest.raises(ValidationError, match="cuộc họp thôn"):
        plan_submit(user=tree.users.thon1, plan=plan)
    plan = proposal(tree.users.thon2, tree.vgroup2, [])
    with pytest.raises(ValidationError, match="ít nhất một"):
        plan_submit(user=tree.users.thon2, plan=plan)


def test_submitting_reports_the_output_to_the_calendar_hook(tree, monkeypatch):
    calls = []
    monkeypatch.setattr(
        "sedp.plans.hooks.on_output",
        lambda agency, output_code, event: calls.append((agency, output_code, event.verb)),
    )
    plan = proposal(tree.users.thon1, tree.vgroup1, [activity_data(tree.agri)], submit=True)
    plan_accept(user=tree.users.xa1, plan=plan)
    assert calls == [
        (tree.vgroup1, "village_proposal.created", "plan.created"),
        (tree.vgroup1, "village_proposal.submitted", "plan.submitted"),
        (tree.vgroup1, "village_proposal.accepted", "plan.accepted"),
    ]


def test_the_commune_sends_its_draft_up_and_only_the_district_office_reviews_it(tree, monkeypatch):
    from sedp.plans.consolidation import plan_consolidate

    calls = []
    monkeypatch.setattr(
        "sedp.plans.hooks.on_output", lambda agency, code, event: calls.append(code)
    )
    commune = plan_create(
        user=tree.users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    village = proposal(tree.users.thon1, tree.vgroup1, [activity_data(tree.agri)], submit=True)
    plan_accept(user=tree.users.xa1, plan=village)
    plan_consolidate(user=tree.users.xa1, plan=commune)
    with pytest.raises(ValidationError) as refused:  # not complete, no framework, no opinion
        plan_submit(user=tree.users.xa1, plan=commune)
    assert len(refused.value.messages) == 3
    ready_commune_draft(tree.users.xa1, commune)
    commune = plan_submit(user=tree.users.xa1, plan=commune)
    assert commune.status == PlanStatus.SUBMITTED and commune.submitted_to == tree.tckh1
    assert calls[-1] == "commune_plan.submitted"
    assert "commune_plan.draft_completed" in calls and "commune_plan.framework_recorded" in calls
    with pytest.raises(PermissionDenied):
        plan_accept(user=tree.users.xa1, plan=commune)  # not its own draft
    with pytest.raises(PermissionDenied):
        plan_accept(user=tree.users.skhdt, plan=commune)  # the province, not its district
    assert plan_accept(user=tree.users.tckh1, plan=commune).status == PlanStatus.ACCEPTED
