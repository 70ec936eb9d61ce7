"""Step 4: the commune planning conference ranks activities, moves them between the unfunded
and fundable lists and allocates commune funds; each change is recorded as its decision."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sedp.activities.models import ActivityStatus
from sedp.activities.selectors import ranked_lists
from sedp.activities.services import activity_set_status
from sedp.meetings.models import Decision, MeetingKind
from sedp.meetings.services import conference_record, decision_record
from sedp.plans.consolidation import plan_consolidate
from sedp.plans.models import PlanKind
from sedp.plans.services import plan_accept, plan_create
from sedp.plans.tests.helpers import YEAR, activity_data, proposal


@pytest.fixture
def commune(tree):
    plan = plan_create(
        user=tree.users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    village = proposal(
        tree.users.thon1,
        tree.vgroup1,
        [
            activity_data(tree.agri, title="Đường", fund_target_programmes=0, priority=1),
            activity_data(tree.agri, title="Kênh", fund_target_programmes=0, priority=2),
            activity_data(tree.agri, title="Chợ", fund_target_programmes=0, priority=3),
        ],
        submit=True,
    )
    plan_accept(user=tree.users.xa1, plan=village)
    plan_consolidate(user=tree.users.xa1, plan=plan)
    for line in plan.activities.all():
        activity_set_status(user=tree.users.xa1, activity=line, status=ActivityStatus.UNFUNDED)
    return plan


@pytest.fixture
def conference(tree, commune):
    return conference_record(
        user=tree.users.xa1,
        plan=commune,
        date=datetime.date(2026, 6, 19),
        place="Hội trường UBND xã",
        men=40,
        women=22,
        ethnic_minority=45,
        agencies=[tree.group1, tree.school1, tree.tckh1],
    )


def test_the_conference_ranks_allocates_and_moves_activities_with_decisions(
    tree, commune, conference
):
    lines = {a.title: a for a in commune.activities.all()}
    assert conference.kind == MeetingKind.COMMUNE_CONFERENCE
    assert conference.attendance.count() == 3
    decision_record(user=tree.users.xa1, meeting=conference, activity=lines["Chợ"], priority=1)
    decision_record(
        user=tree.users.xa1,
        meeting=conference,
        activity=lines["Kênh"],
        allocation=500_000_000,
        text="Bố trí vốn phát triển xã",
    )
    decision_record(
        user=tree.users.xa1,
        meeting=conference,
        activity=lines["Đường"],
        status=ActivityStatus.REMOVED,
        text="Đã có trong dự án của huyện",
    )
    canal = commune.activities.get(title="Kênh")
    assert canal.status == ActivityStatus.FUNDABLE and canal.fund_commune == 500_000_000
    lists = ranked_lists(commune)
    assert [a.title for a in lists["unfunded"]] == ["Chợ"]
    assert [a.title for a in lists["fundable"]] == ["Kênh"]
    decisions = list(Decision.objects.filter(meeting=conference).order_by("pk"))
    assert len(decisions) == 3
    assert decisions[1].payload["before"]["status"] == "unfunded"
    assert decisions[1].payload["after"] == {
        "status": "fundable",
        "priority": None,  # commune lines are ranked at the conference
        "fund_commune": 500_000_000,
    }
    assert decisions[1].status_change() == "Chưa rõ nguồn vốn → Có khả năng huy động vốn"


def test_an_allocation_above_the_cost_is_refused_and_nothing_changes(tree, commune, conference):
    line = commune.activities.get(title="Kênh")
    with pytest.raises(ValidationError) as error:
        decision_record(
            user=tree.users.xa1, meeting=conference, activity=line, allocation=10_000_000_000
        )
    assert "nhiều hơn khái toán" in error.value.message_dict["allocation"][0]
    line.refresh_from_db()
    assert line.status == ActivityStatus.UNFUNDED and line.fund_commune == 0
    assert not Decision.objects.exists()


def test_a_removal_decision_needs_its_reason_and_a_decision_must_decide(tree, commune, conference):
    line = commune.activities.first()
    with pytest.raises(ValidationError, match="lý do"):
        decision_record(
            user=tree.users.xa1, meeting=conference, activity=line, status=ActivityStatus.REMOVED
        )
    with pytest.raises(ValidationError, match="không thay đổi"):
        decision_record(user=tree.users.xa1, meeting=conference, activity=line)
    assert not Decision.objects.exists()


def test_a_village_cannot_record_conference_decisions(tree, commune, conference):
    with pytest.raises(PermissionDenied):
        decision_record(
            user=tree.users.thon1,
            meeting=conference,
            activity=commune.activities.first(),
            priority=1,
        )


def test_the_commune_page_shows_the_conference_and_its_ranked_lists(
    tree, login, commune, conference
):
    client = login(tree.users.xa1)
    line = commune.activities.get(title="Kênh")
    response = client.post(
        reverse("meetings-decision-create", args=[conference.pk]),
        {"activity": line.pk, "allocation": "300000000", "text": "Vốn xã"},
    )
    assert response.status_code == 302
    page = client.get(reverse("plans-plan-detail", args=[commune.pk])).content.decode()
    assert "Hội nghị lập KH xã" in page and "Phòng TCKH huyện Một" in page
    assert "Chưa rõ nguồn vốn → Có khả năng huy động vốn" in page
    assert "300.000.000" in page


def test_a_disagreement_is_recorded_then_settled(tree, login, commune, conference):
    from sedp.meetings.services import disagreement_record, disagreement_settle

    with pytest.raises(ValidationError):
        disagreement_record(user=tree.users.xa1, plan=commune, subject=" ")
    item = disagreement_record(
        user=tree.users.xa1,
        plan=commune,
        subject="Tuyến đường liên thôn: thôn nào đóng góp ngày công",
        positions="Thôn A1: chia đều. Thôn A2: theo chiều dài.",
        parties=[tree.vgroup1, tree.vgroup2],
        meeting=conference,
    )
    with pytest.raises(ValidationError):
        disagreement_settle(user=tree.users.xa1, disagreement=item, settled_where="")
    disagreement_settle(
        user=tree.users.xa1, disagreement=item, settled_where="Hội nghị kế hoạch xã 19/6"
    )
    item.refresh_from_db()
    assert item.settled and item.parties.count() == 2
    page = login(tree.users.xa1).get(reverse("plans-plan-detail", args=[commune.pk]))
    assert "Hội nghị kế hoạch xã 19/6" in page.content.decode()


def test_the_feasibility_review_is_kept_on_the_line(tree, login, commune):
    line = commune.activities.first()
    client = login(tree.users.xa1)
    client.post(
        reverse("activities-activity-feasibility", args=[line.pk]),
        {
            "feasibility_note": "Khả thi, thôn cam kết ngày công",
            "possible_funding": "Chương trình 135 năm 2025",
            "timing": "Quý II",
        },
    )
    line.refresh_from_db()
    assert line.possible_funding == "Chương trình 135 năm 2025" and line.timing == "Quý II"
    page = client.get(reverse("plans-plan-detail", args=[commune.pk])).content.decode()
    assert "Chương trình 135 năm 2025" in page
