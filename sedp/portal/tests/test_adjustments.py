"""Adjusting an official plan: refused while locked and not adjusting; started by the
People's Committee (or its planning group) with a reason; the official version stays on the
portal meanwhile; the adjustment's submission, questions and resolution make a "revised"
official version, republished with the adjustment shown, and the plan is locked again."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from sedp.activities.services import activity_create
from sedp.core.models import Event
from sedp.indicators.models import Kind
from sedp.indicators.services import value_set
from sedp.plans.models import PlanStatus
from sedp.plans.services import plan_update_sections
from sedp.plans.tests.helpers import YEAR, activity_data
from sedp.portal.adjustments import adjustment_adopt, adjustment_start, adjustment_submit
from sedp.portal.models import Publication
from sedp.portal.services import council_question_add, council_question_answer, resolution_adopt
from sedp.portal.tests.helpers import adopted_plan
from sedp.revisions.diff import ADDED, compare
from sedp.revisions.models import Stage
from sedp.targets.tests.helpers import catalogue

NEW_LINE = "Kè chống sạt lở suối thôn A1"


@pytest.fixture
def official(tree):
    c = catalogue(tree)
    value_set(
        user=tree.users.xa1, unit=tree.commune1, indicator=c["households"], report_year=YEAR,
        kind=Kind.PROPOSED, value=340,
    )  # fmt: skip
    plan = adopted_plan(tree)
    return plan, c


def test_an_official_plan_refuses_edits_until_an_adjustment_starts(tree, official):
    plan, _c = official
    xa1 = tree.users.xa1
    with pytest.raises(ValidationError):
        activity_create(user=xa1, plan=plan, **activity_data(tree.agri, title=NEW_LINE))
    with pytest.raises(ValidationError):
        plan_update_sections(user=xa1, plan=plan, bodies={"p2.3.economy": "Sửa"})
    # Only the People's Committee or the plan's own group adjusts, and says why.
    for outsider in (tree.users.xa3, tree.users.viewer1, tree.users.tckh1):
        with pytest.raises(PermissionDenied):
            adjustment_start(user=outsider, plan=plan, reason="Bão lũ")
    with pytest.raises(ValidationError) as error:
        adjustment_start(user=xa1, plan=plan, reason="  ")
    assert "reason" in error.value.message_dict
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and not plan.adjustments.exists()


def test_the_adjustment_goes_through_the_council_and_republishes_the_revised_plan(tree, official):
    plan, c = official
    xa1 = tree.users.xa1
    today = timezone.localdate()
    published = Publication.objects.get(plan=plan)
    first_titles = [a["title"] for a in published.snapshot["activities"]]

    adjustment = adjustment_start(user=xa1, plan=plan, reason="Bão lũ tháng 3 làm sạt lở suối")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADJUSTING and plan.is_editable
    assert adjustment.base_version == plan.resolution.version
    with pytest.raises(ValidationError):
        adjustment_start(user=xa1, plan=plan, reason="Lần nữa")
    # The revised draft is edited; the official version stays on the portal meanwhile.
    activity_create(user=xa1, plan=plan, **activity_data(tree.agri, title=NEW_LINE))
    value_set(
        user=xa1, unit=tree.commune1, indicator=c["households"], report_year=YEAR,
        kind=Kind.REVISED, value=360,
    )  # fmt: skip
    published.refresh_from_db()
    assert NEW_LINE not in [a["title"] for a in published.snapshot["activities"]]
    # The first resolution's path is closed; the adjustment needs its own submission.
    with pytest.raises(ValidationError):
        resolution_adopt(user=xa1, plan=plan, number="30/NQ", adopted_on=today, text="X")
    with pytest.raises(ValidationError):
        adjustment_adopt(user=xa1, plan=plan, number="30/NQ", adopted_on=today, text="X")
    submission = adjustment_submit(user=xa1, plan=plan, number="40/TTr-UBND", submitted_on=today)
    question = council_question_add(
        user=xa1, submission=submission, asked_by="Ban Kinh tế - Xã hội", question="Vốn từ đâu?"
    )
    with pytest.raises(ValidationError):
        adjustment_adopt(user=xa1, plan=plan, number="30/NQ", adopted_on=today, text="X")
    council_question_answer(user=xa1, question=question, answer="Vốn dự phòng ngân sách xã.")
    adjustment = adjustment_adopt(
        user=xa1, plan=plan, number="30/NQ-HĐND", adopted_on=today,
        text="HĐND xã điều chỉnh kế hoạch: bổ sung kè suối thôn A1.",
    )  # fmt: skip

    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    revised = plan.milestones.get(stage=Stage.REVISED)
    assert revised.version == adjustment.version and revised.version.label == Stage.REVISED
    assert revised.event.verb == "council.adjustment_adopted"
    # Locked again.
    with pytest.raises(ValidationError):
        activity_create(user=xa1, plan=plan, **activity_data(tree.agri, title="Khác"))
    # What changed between the official and the revised version, and why.
    comparison = compare(plan, adjustment.base_version, adjustment.version)
    changes = {(ch.area, ch.subject, ch.change) for ch in comparison.changes}
    assert changes == {
        ("activity", NEW_LINE, ADDED),
        ("indicator", "Số hộ — Kế hoạch năm X+1 điều chỉnh", ADDED),
    }
    assert all(change.causes for change in comparison.changes)
    reasons = " ".join(c.reason for c in comparison.plan_causes)
    assert "30/NQ-HĐND" in reasons and "Bão lũ tháng 3" in reasons
    # Republished: the adjusted plan, the revised target, and that it was adjusted.
    published.refresh_from_db()
    assert published.adjustment == adjustment
    assert NEW_LINE in [a["title"] for a in published.snapshot["activities"]]
    assert set(first_titles) < {a["title"] for a in published.snapshot["activities"]}
    (row,) = [r for r in published.snapshot["annex"] if r["name"] == "Số hộ"]
    assert row["plan"] == "360"
    (shown,) = published.snapshot["adjustments"]
    assert shown["number"] == "30/NQ-HĐND" and shown["reason"].startswith("Bão lũ")
    assert "30/nq-hđnd" in published.search_text or "30/nq-hdnd" in published.search_text
    verbs = set(Event.objects.filter(target_id=str(plan.pk)).values_list("verb", flat=True))
    assert {"portal.adjustment_started", "council.adjustment_adopted", "portal.republished"} <= (
        verbs
    )
    # A later adjustment starts from the revised version.
    second = adjustment_start(user=xa1, plan=plan, reason="Điều chỉnh lần 2")
    assert (second.number, second.base_version) == (2, adjustment.version)


def test_the_pages_take_the_plan_through_its_adjustment(tree, official, login, client):
    plan, _c = official
    xa1 = login(tree.users.xa1)
    page = xa1.get(reverse("portal-approval-detail", args=[plan.pk])).content.decode()
    assert reverse("portal-adjustment-create", args=[plan.pk]) in page
    xa1.post(reverse("portal-adjustment-create", args=[plan.pk]), {"reason": "Bão lũ"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADJUSTING
    today = timezone.localdate().isoformat()
    xa1.post(
        reverse("portal-adjustment-submit", args=[plan.pk]),
        {"number": "40/TTr", "submitted_on": today},
    )
    response = xa1.post(
        reverse("portal-adjustment-adopt", args=[plan.pk]),
        {"number": "30/NQ-HĐND", "adopted_on": today, "text": "Điều chỉnh kế hoạch."},
        follow=True,
    )
    assert "30/NQ-HĐND" in response.content.decode()
    client.logout()
    publication = Publication.objects.get(plan=plan)
    public = client.get(reverse("portal-publication-detail", args=[publication.pk]))
    text = public.content.decode()
    assert "Điều chỉnh theo Nghị quyết 30/NQ-HĐND" in text and "Bão lũ" in text
    home = client.get(reverse("portal-home")).content.decode()
    assert "điều chỉnh theo Nghị quyết 30/NQ-HĐND" in home


def test_monitoring_goes_on_against_the_revised_targets(tree):
    from sedp.monitoring import dashboard
    from sedp.monitoring.models import CollectionTask
    from sedp.monitoring.tests.helpers import monitored
    from sedp.plans.services import _freeze
    from sedp.portal.models import CouncilSubmission, Resolution

    t = monitored(tree)  # an official plan (its approval stands in for the resolution)
    plan, xa1, today = t.plan, tree.users.xa1, timezone.localdate()
    version = _freeze(plan, xa1, "Official")
    submission = CouncilSubmission.objects.create(
        plan=plan, version=version, number="1/TTr", submitted_on=today
    )
    Resolution.objects.create(
        plan=plan, submission=submission, version=version, number="1/NQ", adopted_on=today,
        text="Thông qua.",
    )  # fmt: skip
    tasks = CollectionTask.objects.filter(plan=plan).count()
    adjustment_start(user=xa1, plan=plan, reason="Hạn hán: giảm chỉ tiêu sản lượng lúa")
    value_set(
        user=xa1, unit=tree.commune1, indicator=t.rice, report_year=YEAR, kind=Kind.REVISED,
        value=700,
    )  # fmt: skip
    adjustment_submit(user=xa1, plan=plan, number="9/TTr", submitted_on=today)
    adjustment_adopt(user=xa1, plan=plan, number="9/NQ", adopted_on=today, text="Điều chỉnh.")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert CollectionTask.objects.filter(plan=plan).count() == tasks > 0
    data = dashboard.build(user=xa1, plan=plan)
    rice = next(r for r in data["targets"] if r["indicator__name"] == "Sản lượng lúa")
    assert rice["target"] == 700  # the revised target, not the assigned 1000


def test_the_adjustments_submission_is_the_submitted_milestone(tree, official):
    """The tờ trình of an adjustment records the "submitted" stage, not a free label, so the
    versions read … → official → submitted → revised; its wording stays as the note."""
    plan, _c = official
    xa1, today = tree.users.xa1, timezone.localdate()
    adjustment = adjustment_start(user=xa1, plan=plan, reason="Bão lũ")
    plan.refresh_from_db()
    activity_create(user=xa1, plan=plan, **activity_data(tree.agri, title=NEW_LINE))
    submission = adjustment_submit(user=xa1, plan=plan, number="40/TTr-UBND", submitted_on=today)
    milestone = plan.milestones.get(stage=Stage.SUBMITTED, key=f"adjustment:{adjustment.pk}")
    assert milestone.version == submission.version and milestone.event.verb == "council.submitted"
    submission.version.refresh_from_db()
    assert submission.version.label == Stage.SUBMITTED
    assert "40/TTr-UBND" in submission.version.note
    adjustment_adopt(user=xa1, plan=plan, number="30/NQ-HĐND", adopted_on=today, text="Điều chỉnh")
    labels = list(plan.versions.order_by("number").values_list("label", flat=True))
    official_at = labels.index(Stage.OFFICIAL)
    assert labels[official_at:] == [Stage.OFFICIAL, Stage.SUBMITTED, Stage.REVISED]


def test_the_published_annex_shows_a_revised_figure_only_once_adopted(tree):
    from sedp.indicators.models import IndicatorValue
    from sedp.portal.services import plan_publish

    c = catalogue(tree)
    value_set(
        user=tree.users.xa1, unit=tree.commune1, indicator=c["households"], report_year=YEAR,
        kind=Kind.PROPOSED, value=340,
    )  # fmt: skip
    plan = adopted_plan(tree, publish=False)
    # A "revised" figure typed in without any adjusting resolution is not the plan's figure.
    IndicatorValue.objects.create(
        unit=tree.commune1, indicator=c["households"], report_year=YEAR, kind=Kind.REVISED,
        value=999,
    )  # fmt: skip
    plan_publish(user=tree.users.xa1, plan=plan)
    annex = Publication.objects.get(plan=plan).snapshot["annex"]
    assert [r["plan"] for r in annex if r["name"] == "Số hộ"] == ["340"]
