"""Step 4: the resource-balancing workbench shares the envelopes out in rank order, draws the
cut line, tries what-if changes without saving, and applies them as conference decisions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sedp.activities import balancing
from sedp.activities.models import ActivityStatus, Allocation, FundingEnvelope
from sedp.activities.selectors import ranked_lists
from sedp.activities.services import activity_set_status, envelopes_set
from sedp.meetings.models import Decision
from sedp.meetings.services import conference_record, workbench_apply
from sedp.plans.consolidation import plan_consolidate
from sedp.plans.models import PlanKind
from sedp.plans.services import plan_accept, plan_create
from sedp.plans.tests.helpers import YEAR, activity_data, proposal

M = 1_000_000


def _line(tree, title, cost, priority, **extra):
    data = activity_data(
        tree.agri,
        title=title,
        cost_estimate=cost,
        people_cash=0,
        people_labour=0,
        fund_target_programmes=0,
        priority=priority,
        beneficiaries=[],
    )
    data.update(extra)
    return data


@pytest.fixture
def commune(tree):
    """A commune plan with four consolidated lines: Đường 300 (100 from the people), Kênh
    200, Chợ 150 (for poor households and women), Nhà văn hóa 100; envelopes 350 + 100."""
    plan = plan_create(
        user=tree.users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    village = proposal(
        tree.users.thon1,
        tree.vgroup1,
        [
            _line(tree, "Đường", 300 * M, 1, people_cash=100 * M),
            _line(tree, "Kênh", 200 * M, 2),
            _line(tree, "Chợ", 150 * M, 3, beneficiaries=["poor_households", "women"]),
            _line(tree, "Nhà văn hóa", 100 * M, 4),
        ],
        submit=True,
    )
    plan_accept(user=tree.users.xa1, plan=village)
    plan_consolidate(user=tree.users.xa1, plan=plan)
    envelopes_set(
        user=tree.users.xa1,
        plan=plan,
        amounts={"commune_development": 350 * M, "balanced_revenue": 100 * M},
    )
    return plan


@pytest.fixture
def conference(tree, commune):
    return conference_record(
        user=tree.users.xa1,
        plan=commune,
        date=datetime.date(2026, 6, 19),
        men=30,
        women=20,
        agencies=[tree.group1, tree.tckh1],
    )


def titles(lines):
    return [line.title for line in lines]


def test_the_cut_line_falls_where_the_envelopes_run_out(commune):
    balance = balancing.workbench(commune)
    # needs: Đường 200 (the people bring 100), Kênh 200, Chợ 150, Nhà văn hóa 100; 450 in all
    assert titles(balance.above) == ["Đường", "Kênh"]
    assert titles(balance.below) == ["Chợ", "Nhà văn hóa"]  # Chợ does not fit: the line
    assert balance.envelope_total == 450 * M and balance.allocated_total == 400 * M
    assert balance.remaining_total == 50 * M
    road = balance.lines[0]
    assert road.allocations == {"commune_development": 200 * M}
    assert balance.lines[1].allocations == {
        "commune_development": 150 * M,
        "balanced_revenue": 50 * M,
    }
    shares = {row["label"]: row["share"] for row in balance.shares()}
    assert shares["Phụ nữ"] == 0


def test_what_if_changes_move_the_line_without_saving(commune):
    lines = {a.title: a.pk for a in commune.activities.all()}
    # Chợ costs 100 instead of 150, and Nhà văn hóa is pulled over the line.
    balance = balancing.workbench(
        commune,
        {f"cost_{lines['Chợ']}": "100000000", f"pin_{lines['Nhà văn hóa']}": "in"},
    )
    # pulled over the line, it is served first: Kênh no longer fits and the line falls
    # above it, so Chợ stays below even though it would fit (the line is not skipped)
    assert titles(balance.above) == ["Đường", "Nhà văn hóa"]
    assert titles(balance.below) == ["Kênh", "Chợ"]
    assert balance.changed
    # re-rank: Chợ first
    balance = balancing.workbench(
        commune, {f"rank_{lines['Chợ']}": "1", f"rank_{lines['Đường']}": "5"}
    )
    assert titles(balance.above)[0] == "Chợ"
    # nothing was saved
    assert commune.activities.get(title="Chợ").cost_estimate == 150 * M
    assert not Allocation.objects.exists()


def test_the_vulnerable_groups_weight_moves_their_activities_up(commune):
    balance = balancing.workbench(commune, {"weight_on": "1", "weight": "2"})
    # Chợ serves two groups: rank 3 - 2 × 2 = -1, ahead of everything
    assert titles(balance.above) == ["Chợ", "Đường"]
    assert balance.lines[0].weight == 4
    shares = {row["label"]: row["share"] for row in balance.shares()}
    assert shares["Hộ nghèo"] == round(100 * 150 / 450)


def test_bad_what_if_values_are_named_and_the_rest_still_computes(commune):
    pk = commune.activities.get(title="Kênh").pk
    balance = balancing.workbench(commune, {f"cost_{pk}": "-5", "env_balanced_revenue": "abc"})
    assert any("Kênh" in e for e in balance.errors)
    assert any("Nguồn thu cân đối" in e for e in balance.errors)
    assert balance.envelope_total == 450 * M


def test_apply_records_each_change_as_a_decision_and_moves_the_lists(tree, commune, conference):
    pk = {a.title: a.pk for a in commune.activities.all()}
    decisions = workbench_apply(
        user=tree.users.xa1,
        meeting=conference,
        data={f"pin_{pk['Nhà văn hóa']}": "in", "env_balanced_revenue": "150000000"},
    )
    lists = ranked_lists(commune)
    assert titles(lists["fundable"]) == ["Đường", "Kênh", "Nhà văn hóa"]
    assert titles(lists["unfunded"]) == ["Chợ"]
    hall = commune.activities.get(title="Nhà văn hóa")
    assert hall.status == ActivityStatus.FUNDABLE and hall.fund_commune == 100 * M
    assert FundingEnvelope.objects.get(plan=commune, source="balanced_revenue").amount == 150 * M
    assert Decision.objects.filter(meeting=conference).count() == len(decisions) == 5
    hall_decision = Decision.objects.get(activity=hall)
    assert hall_decision.payload["before"]["status"] == ActivityStatus.PROPOSED
    assert hall_decision.payload["allocation"] == 100 * M
    assert "Có khả năng huy động vốn" in hall_decision.status_change()
    # Applying again the same state changes nothing and is refused.
    with pytest.raises(ValidationError, match="không thay đổi"):
        workbench_apply(
            user=tree.users.xa1, meeting=conference, data={f"pin_{pk['Nhà văn hóa']}": "in"}
        )
    # A later apply moves money again: the old allocations are taken back, not doubled.
    workbench_apply(
        user=tree.users.xa1, meeting=conference, data={f"pin_{pk['Nhà văn hóa']}": "out"}
    )
    hall.refresh_from_db()
    assert hall.status == ActivityStatus.UNFUNDED and hall.fund_commune == 0
    saved = balancing.workbench(commune)  # the saved state computes back to itself
    assert not saved.changed
    assert saved.allocated_total == sum(Allocation.objects.values_list("amount", flat=True))


def test_apply_refuses_bad_input_and_saves_nothing(tree, commune, conference):
    pk = {a.title: a.pk for a in commune.activities.all()}
    with pytest.raises(ValidationError):
        workbench_apply(user=tree.users.xa1, meeting=conference, data={f"cost_{pk['Kênh']}": "-1"})
    with pytest.raises(ValidationError, match="vượt quá khái toán kinh phí"):
        # Đường: the people bring 100; a cost of 50 would be below what is secured
        workbench_apply(
            user=tree.users.xa1, meeting=conference, data={f"cost_{pk['Đường']}": "50000000"}
        )
    with pytest.raises(ValidationError, match="thiếu"):
        # every line pulled over the line: 650 needed, 450 in the envelopes
        workbench_apply(
            user=tree.users.xa1, meeting=conference, data={f"pin_{p}": "in" for p in pk.values()}
        )
    assert not Decision.objects.exists() and not Allocation.objects.exists()
    assert commune.activities.get(title="Kênh").status == ActivityStatus.PROPOSED
    with pytest.raises(PermissionDenied):
        workbench_apply(user=tree.users.thon1, meeting=conference, data={})


def test_removed_and_to_verify_lines_stay_out_of_the_balance(tree, login, commune):
    road = commune.activities.get(title="Đường")
    activity_set_status(
        user=tree.users.xa1, activity=road, status=ActivityStatus.REMOVED, reason="Trùng dự án"
    )
    market = commune.activities.get(title="Chợ")
    activity_set_status(
        user=tree.users.xa1,
        activity=market,
        status=ActivityStatus.NEEDS_VERIFICATION,
        reason="Chưa có mặt bằng",
    )
    balance = balancing.workbench(commune)
    assert "Đường" not in titles(balance.lines)
    assert titles(balance.above) == ["Kênh", "Nhà văn hóa"]
    # The page lists step 4's outputs: removed with reasons, to verify, the two ranked lists.
    page = login(tree.users.xa1).get(reverse("activities-workbench", args=[commune.pk]))
    body = page.content.decode()
    assert "Đường — Trùng dự án" in body and "Chợ — Chưa có mặt bằng" in body


def test_the_workbench_page_recomputes_with_htmx_and_applies(tree, login, commune, conference):
    client = login(tree.users.xa1)
    url = reverse("activities-workbench", args=[commune.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Đường" in page.content.decode()
    pk = commune.activities.get(title="Kênh").pk
    fragment = client.post(
        url, {f"cost_{pk}": "50000000", "recompute": "1"}, HTTP_HX_REQUEST="true"
    )
    body = fragment.content.decode()
    assert "<html" not in body and 'id="workbench"' in body
    assert not Decision.objects.exists()
    response = client.post(url, {f"cost_{pk}": "50000000", "apply": "1"})
    assert response.status_code == 302
    assert Decision.objects.filter(meeting=conference).exists()
    page = client.get(reverse("plans-plan-detail", args=[commune.pk])).content.decode()
    assert "Kênh: hạng 2" in page


def test_the_workbench_is_scoped(tree, login, commune):
    url = reverse("activities-workbench", args=[commune.pk])
    assert login(tree.users.xa3).get(url).status_code == 404
    assert login(tree.users.viewer1).post(url, {"apply": "1"}).status_code == 403


def test_the_workbench_runs_a_constant_number_of_queries(
    tree, login, commune, conference, django_assert_max_num_queries
):
    client = login(tree.users.xa1)
    url = reverse("activities-workbench", args=[commune.pk])
    client.get(url)
    with django_assert_max_num_queries(25):
        client.post(url, {"recompute": "1", "weight_on": "1"}, HTTP_HX_REQUEST="true")


def test_the_village_reads_its_proposals_rank_and_funding_after_the_conference(
    tree, login, commune, conference
):
    workbench_apply(user=tree.users.xa1, meeting=conference, data={})
    village = commune.activities.first().origins.get().plan
    page = login(tree.users.thon1).get(reverse("plans-plan-detail", args=[village.pk]))
    body = page.content.decode()
    assert "Có khả năng huy động vốn — " not in body  # no reason was needed
    assert "xếp hạng 1 tại Hội nghị lập KH xã" in body
    assert "200.000.000 đ từ ngân sách và các nguồn khác" in body  # Đường's allocation
    assert "xếp hạng 3 tại Hội nghị lập KH xã" in body  # Chợ, below the line


def test_an_activity_needing_nothing_from_the_envelopes_stays_above_the_line(tree, commune):
    from sedp.activities.models import Activity

    Activity.objects.filter(plan=commune, title="Nhà văn hóa").update(people_labour=100 * M)
    balance = balancing.workbench(commune)
    assert titles(balance.above) == ["Đường", "Kênh", "Nhà văn hóa"]  # past the cut: costs 0
    assert titles(balance.below) == ["Chợ"]


@pytest.mark.parametrize(
    "cost, message",
    [
        ("-1", "“Kênh”: Mục “Khái toán kinh phí (đồng)” không được âm."),
        ("1,5", "“Kênh”: Mục “Khái toán kinh phí (đồng)” phải là số đồng nguyên"),
        (
            "9000000000000",
            "“Kênh”: Mục “Khái toán kinh phí (đồng)”: 9.000.000.000.000 đồng vượt quá mức",
        ),
    ],
)
def test_the_what_if_cost_is_checked_like_the_activity_form(tree, commune, cost, message):
    pk = {a.title: a.pk for a in commune.activities.all()}
    balance = balancing.workbench(commune, {f"cost_{pk['Kênh']}": cost})
    assert any(error.startswith(message) for error in balance.errors), balance.errors
    assert next(line for line in balance.lines if line.title == "Kênh").cost == 200 * M


def test_a_what_if_cost_below_the_peoples_contribution_is_refused(tree, commune):
    pk = {a.title: a.pk for a in commune.activities.all()}
    balance = balancing.workbench(commune, {f"cost_{pk['Đường']}": "50000000"})
    assert balance.errors == [
        "“Đường”: Đóng góp của người dân (tiền mặt, ngày công, vật tư và đất cộng lại: "
        "100.000.000 đồng) vượt quá khái toán kinh phí (50.000.000 đồng)."
    ]


@pytest.mark.parametrize(
    "amount, message",
    [
        ("-5", "Mục “Kinh phí phát triển xã” không được âm."),
        ("abc", "Mục “Kinh phí phát triển xã” phải là số đồng nguyên"),
        ("9000000000000", "Mục “Kinh phí phát triển xã”: 9.000.000.000.000 đồng vượt quá mức"),
    ],
)
def test_a_what_if_envelope_is_checked_like_an_amount_of_the_form(tree, commune, amount, message):
    balance = balancing.workbench(commune, {"env_commune_development": amount})
    assert any(error.startswith(message) for error in balance.errors), balance.errors
    assert balance.envelope_total == 450 * M  # the saved envelope stays
