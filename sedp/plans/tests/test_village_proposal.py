"""Step 2: a village working group writes its proposal; agencies write the same input."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sedp.activities.models import Activity
from sedp.core.models import Event
from sedp.plans.models import Plan, PlanKind, PlanStatus
from sedp.plans.services import plan_create, plan_update_sections
from sedp.plans.tests.helpers import YEAR, activity_data, proposal, record_meeting


def test_a_village_group_writes_its_proposal_with_meeting_assessment_and_activities(tree):
    user = tree.users.thon1
    plan = proposal(user, tree.vgroup1, [activity_data(tree.agri)])
    plan_update_sections(
        user=user,
        plan=plan,
        bodies={"results": "Làm được 1 km đường", "problems": "Thiếu nước", "causes": "Hạn"},
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and plan.unit == tree.village1
    assert [s.code for s in plan.sections.all()] == ["results", "problems", "causes", "solutions"]
    assert plan.sections.get(code="problems").body == "Thiếu nước"
    meeting = plan.meetings.get()
    assert (meeting.men, meeting.women, meeting.ethnic_minority) == (30, 25, 50)
    activity = plan.activities.get()
    assert activity.people_total == 50_000_000 and activity.people_labour_days == 300
    assert activity.for_poor_households and activity.for_ethnic_minorities
    assert not activity.for_women
    verbs = set(Event.objects.values_list("verb", flat=True))
    assert {"plan.created", "meeting.recorded", "activity.created"} <= verbs


def test_a_commune_school_writes_an_agency_input_without_a_village_meeting(tree):
    plan = proposal(
        tree.users.truong1,
        tree.school1,
        [activity_data(tree.education, title="Sửa 2 phòng học", priority=None)],
        kind=PlanKind.AGENCY_INPUT,
        submit=True,
    )
    assert plan.status == PlanStatus.SUBMITTED and plan.unit == tree.commune1


def test_an_agency_cannot_write_another_kind_of_plan(tree):
    with pytest.raises(ValidationError, match="không lập"):
        plan_create(
            user=tree.users.truong1,
            agency=tree.school1,
            kind=PlanKind.VILLAGE_PROPOSAL,
            report_year=YEAR,
        )
    assert not Plan.objects.exists()


def test_one_proposal_per_village_and_year(tree):
    plan_create(
        user=tree.users.thon1, agency=tree.vgroup1, kind=PlanKind.VILLAGE_PROPOSAL, report_year=YEAR
    )
    with pytest.raises(ValidationError, match="đã có"):
        plan_create(
            user=tree.users.thon1,
            agency=tree.vgroup1,
            kind=PlanKind.VILLAGE_PROPOSAL,
            report_year=YEAR,
        )


def test_another_village_cannot_write_in_this_village_proposal(tree):
    plan = proposal(tree.users.thon1, tree.vgroup1, [])
    with pytest.raises(PermissionDenied):
        plan_update_sections(user=tree.users.thon2, plan=plan, bodies={"results": "x"})
    with pytest.raises(PermissionDenied):
        record_meeting(tree.users.thon2, plan)
    with pytest.raises(PermissionDenied):
        plan_create(
            user=tree.users.thon2,
            agency=tree.vgroup1,
            kind=PlanKind.VILLAGE_PROPOSAL,
            report_year=YEAR + 1,
        )
    assert plan.meetings.count() == 1


def test_a_meeting_must_count_its_people_sensibly(tree):
    plan = proposal(tree.users.thon1, tree.vgroup1, [])
    with pytest.raises(ValidationError) as error:
        record_meeting(tree.users.thon1, plan, men=10, women=5, ethnic_minority=40)
    assert "15 người" in str(error.value.message_dict["ethnic_minority"])
    with pytest.raises(ValidationError) as error:
        record_meeting(tree.users.thon1, plan, men=0, women=0, ethnic_minority=0)
    assert "men" in error.value.message_dict
    assert plan.meetings.count() == 1


def test_activities_of_a_proposal_are_listed_in_the_villagers_priority_order(tree):
    plan = proposal(
        tree.users.thon1,
        tree.vgroup1,
        [
            activity_data(tree.agri, title="Kênh mương", priority=2),
            activity_data(tree.agri, title="Đường", priority=1),
        ],
    )
    assert list(Activity.objects.filter(plan=plan).values_list("title", flat=True)) == [
        "Đường",
        "Kênh mương",
    ]
