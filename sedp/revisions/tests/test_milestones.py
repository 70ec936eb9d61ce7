"""Versions come from the process itself: a commune plan taken through the conference, its
completed draft, the submission, the November update and the council's resolution has draft 1
→ draft 2 → submitted → updated → official, each linked to the event that made it, and the
change report from draft 1 to official lists exactly the changes made, each with its reason."""

import datetime
from datetime import timedelta

import pytest
from django.utils import timezone

from sedp.activities.services import activity_create, activity_update
from sedp.consultation.services import consultation_close
from sedp.consultation.tests.helpers import open_consultation
from sedp.meetings.services import conference_record, decision_record
from sedp.plans.models import Plan, PlanKind
from sedp.plans.services import plan_accept, plan_create, plan_submit, plan_update_sections
from sedp.plans.tests.helpers import YEAR, activity_data, ready_commune_draft
from sedp.portal.services import council_submit, resolution_adopt
from sedp.revisions.diff import ADDED, CHANGED, compare
from sedp.revisions.models import Milestone, Stage
from sedp.revisions.services import (
    milestone_reached,
    update_reopen,
    update_request_issue,
    update_respond,
    version_record,
)
from sedp.targets.services import allocation_issue, allocation_open, allocation_save
from sedp.targets.tests.helpers import assign, catalogue, cell
from sedp.upper.services import route_commune_plans

ROAD = "Bê tông hóa đường nội thôn 500 m"
SCHOOL = "Sửa phòng học điểm trường A2"


def _assign_households(tree, c):
    assign(tree.users.skhdt, tree.province, c["households"], 1000)
    province = allocation_open(user=tree.users.skhdt, unit=tree.province, report_year=YEAR)
    allocation_save(
        user=tree.users.skhdt,
        allocation=province,
        entries={cell(c["households"], tree.district1): "600"},
    )
    allocation_issue(user=tree.users.skhdt, allocation=province)
    district = allocation_open(user=tree.users.tckh1, unit=tree.district1, report_year=YEAR)
    allocation_save(
        user=tree.users.tckh1,
        allocation=district,
        entries={cell(c["households"], tree.commune1): "350"},
    )
    allocation_issue(user=tree.users.tckh1, allocation=district, basis="QĐ 99/QĐ-UBND huyện")


@pytest.fixture
def official_plan(tree):
    xa1, tckh1 = tree.users.xa1, tree.users.tckh1
    c = catalogue(tree)
    plan = plan_create(user=xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR)
    road = activity_create(user=xa1, plan=plan, **activity_data(tree.agri))
    school = activity_create(user=xa1, plan=plan, **activity_data(tree.education, title=SCHOOL))
    written = {s.code for s in plan.sections.all()[:1]}
    plan_update_sections(user=xa1, plan=plan, bodies=dict.fromkeys(written, "Đánh giá năm X"))

    # Step 4: the conference discusses the draft (draft 1) and decides on two lines.
    meeting = conference_record(
        user=xa1, plan=plan, date=datetime.date(2026, 6, 19), men=30, women=20,
        ethnic_minority=35,
    )  # fmt: skip
    decision_record(
        user=xa1, meeting=meeting, activity=school, priority=3, text="Ưu tiên sau đường"
    )
    decision_record(
        user=xa1, meeting=meeting, activity=road, allocation=50_000_000,
        text="Bố trí vốn phát triển xã",
    )  # fmt: skip
    # Step 5: the completed draft (draft 2) goes to the district (submitted).
    plan = plan_submit(user=xa1, plan=ready_commune_draft(xa1, plan))
    plan = plan_accept(user=tckh1, plan=plan)

    # Step 6: targets assigned; the district asks for an update; the commune updates.
    _assign_households(tree, c)
    district = Plan.objects.create(
        kind=PlanKind.DISTRICT_PLAN, report_year=YEAR, unit=tree.district1, agency=tree.tckh1
    )
    route_commune_plans(user=tckh1, agency=tree.tckh1, report_year=YEAR)
    request = update_request_issue(
        user=tckh1, plan=district, text="Cập nhật theo chỉ tiêu giao",
        deadline=timezone.localdate() + timedelta(days=7),
    )  # fmt: skip
    plan = update_reopen(user=xa1, request=request, plan=plan)
    new_cost = activity_data(tree.agri, cost_estimate=700_000_000, fund_commune=50_000_000)
    activity_update(user=xa1, activity=road, **new_cost)
    update_respond(user=xa1, request=request, plan=plan, reason="Tăng khái toán theo giá mới")
    plan = plan_accept(user=tckh1, plan=plan)

    # Consultation, submission to the People's Council and the resolution (official).
    consultation = open_consultation(tree, plan)
    consultation_close(user=xa1, consultation=consultation)
    today = timezone.localdate()
    council_submit(user=xa1, plan=plan, number="15/TTr-UBND", submitted_on=today)
    resolution_adopt(
        user=xa1, plan=plan, number="20/NQ-HĐND", adopted_on=today, text="Thông qua kế hoạch."
    )
    plan.refresh_from_db()
    return plan, written


def _milestones(plan):
    return list(
        plan.milestones.select_related("version", "event").order_by("version__number", "pk")
    )


def test_the_process_numbers_the_versions_and_links_each_to_its_cause(official_plan):
    plan, _written = official_plan
    milestones = _milestones(plan)
    assert [m.stage for m in milestones] == [
        Stage.DRAFT_1, Stage.DRAFT_2, Stage.SUBMITTED, Stage.SUBMITTED, Stage.UPDATED,
        Stage.SUBMITTED, Stage.OFFICIAL,
    ]  # fmt: skip
    assert [m.event.verb for m in milestones] == [
        "meeting.recorded", "plan.draft_completed", "plan.submitted", "plan.submitted",
        "revision.update_answered", "council.submitted", "council.resolution_adopted",
    ]  # fmt: skip
    numbers = [m.version.number for m in milestones]
    assert numbers == sorted(numbers)
    # The update's resubmission is the "updated" version: one version, two milestones.
    assert milestones[3].version == milestones[4].version
    assert milestones[4].version.label == Stage.UPDATED
    # The tờ trình to the People's Council is a submission too, the one the council adopts.
    assert milestones[5].version == plan.resolution.submission.version
    assert milestones[6].version.label == Stage.OFFICIAL == plan.resolution.version.label


def test_the_same_milestone_twice_makes_no_duplicate(tree, official_plan):
    plan, _written = official_plan
    versions = plan.versions.count()
    official = plan.resolution.version
    again = milestone_reached(plan=plan, stage=Stage.OFFICIAL, user=tree.users.xa1)
    assert again == official
    draft1 = milestone_reached(plan=plan, stage=Stage.DRAFT_1, user=tree.users.xa1, key="x")
    assert draft1 == _milestones(plan)[0].version
    assert plan.versions.count() == versions
    assert Milestone.objects.filter(plan=plan, stage=Stage.DRAFT_1).count() == 1


def test_draft_1_to_official_lists_exactly_the_changes_with_their_reasons(official_plan):
    plan, written = official_plan
    draft1 = plan.milestones.get(stage=Stage.DRAFT_1).version
    official = plan.milestones.get(stage=Stage.OFFICIAL).version
    comparison = compare(plan, draft1, official)

    changes = {(ch.area, ch.subject, ch.change, ch.aspect) for ch in comparison.changes}
    sections = {s.code: s.display_title for s in plan.sections.all()}
    expected_sections = {
        ("section", str(title), ADDED, "")
        for code, title in sections.items()
        if code not in written
    }
    assert (
        changes
        == {
            (
                "indicator",
                "Số hộ — Kế hoạch năm X+1 được giao",
                ADDED,
                "Kế hoạch năm X+1 được giao",
            ),
            ("activity", SCHOOL, CHANGED, "thứ tự ưu tiên"),
            ("activity", ROAD, CHANGED, "Ngân sách xã"),
            ("activity", ROAD, CHANGED, "tình trạng"),
            ("activity", ROAD, CHANGED, "lý do"),
            ("activity", ROAD, CHANGED, "khái toán kinh phí (đồng)"),
        }
        | expected_sections
    )
    # Each change says who made it and why.
    assert all(change.causes for change in comparison.changes)
    by_key = {(ch.subject, ch.aspect): ch for ch in comparison.changes}
    priority = by_key[(SCHOOL, "thứ tự ưu tiên")]
    assert (priority.before, priority.after) == ("1", "3")
    assert "Ưu tiên sau đường" in [c.reason for c in priority.causes]
    assert "Bố trí vốn phát triển xã" in [c.reason for c in by_key[(ROAD, "Ngân sách xã")].causes]
    (target,) = comparison.indicators
    assert [c.reason for c in target.causes] == ["QĐ 99/QĐ-UBND huyện"]
    # The plan-level reasons: the update request, and the resolution that made it official.
    reasons = [c.reason for c in comparison.plan_causes]
    assert "Cập nhật theo chỉ tiêu giao" in reasons
    assert any("20/NQ-HĐND" in reason for reason in reasons)


def test_a_draft_recorded_by_hand_counts_as_the_milestone(tree):
    xa1 = tree.users.xa1
    plan = plan_create(user=xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR)
    activity_create(user=xa1, plan=plan, **activity_data(tree.agri))
    first = version_record(user=xa1, plan=plan, stage=Stage.DRAFT_1)
    conference_record(
        user=xa1, plan=plan, date=datetime.date(2026, 6, 19), men=3, women=2, ethnic_minority=1
    )
    assert plan.versions.count() == 1
    assert plan.milestones.get(stage=Stage.DRAFT_1).version == first
