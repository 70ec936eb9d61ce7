"""Step 6 at every level on the seeded Lào Cai demo tree, through the services: monitoring of
this year's plan fills next year's assessment; the province's and Bát Xát's resolutions send
their allocations down as official targets, which add up by rule at each level (province →
districts → communes → villages); Mường Hum's consultation blocks its submission to the People's
Council until every comment is answered; its resolution makes the version official, locks it and
sends its villages their targets.

(The diff between draft 1 and the official version is checked with the versions, in
sedp/revisions.)"""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from sedp.consultation.models import AnswerKind
from sedp.consultation.services import (
    comment_answer,
    comment_post,
    consultation_close,
    unanswered_comments,
)
from sedp.directives.models import Recipient
from sedp.indicators.models import Indicator, IndicatorValue, Kind
from sedp.monitoring import services as monitoring
from sedp.monitoring.assessment import BEGIN
from sedp.monitoring.models import CollectionTask, TaskStatus
from sedp.plans.consolidation import plan_consolidate
from sedp.plans.demo import complete_commune_draft
from sedp.plans.models import Plan, PlanKind, PlanStatus
from sedp.plans.services import plan_accept, plan_submit, plan_update_sections
from sedp.portal.services import council_submit, resolution_adopt
from sedp.targets.models import Allocation
from sedp.targets.selectors import own_targets
from sedp.targets.services import allocation_open, allocation_save
from sedp.territory.models import AdminUnit, Agency, AgencyKind
from sedp.upper import services as upper

YEAR = 2026  # report year X of the plans adopted now (plan year 2027)
STRUCTURE = "laocai-2015"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        call_command("flush", interactive=False, verbosity=0)


def _users():
    return {u.username: u for u in get_user_model().objects.all()}


def _unit(code):
    return AdminUnit.objects.get(structure__code=STRUCTURE, code=code)


def _assigned(unit_filter, code):
    return IndicatorValue.objects.filter(
        **unit_filter,
        agency__isnull=True,
        indicator__code=code,
        report_year=YEAR,
        kind=Kind.ASSIGNED,
    )


def _check_sums(parent):
    """Σ children's assigned households and poor households = the parent's (SUM rule), and
    each child's poverty rate is its poor / households × 100 (RATIO rule): SQL aggregates."""
    for code in ("ho-dan", "ho-ngheo"):
        own = _assigned({"unit": parent}, code).get().value
        children = _assigned({"unit__parent": parent}, code).aggregate(total=Sum("value"))
        assert children["total"] == own, (parent.name, code)
    by_unit = {}
    for v in IndicatorValue.objects.filter(
        unit__parent=parent,
        agency__isnull=True,
        indicator__code__in=["ho-dan", "ho-ngheo", "ty-le-ho-ngheo"],
        report_year=YEAR,
        kind=Kind.ASSIGNED,
    ):
        by_unit.setdefault(v.unit_id, {})[v.indicator_id] = v.value
    codes = dict(Indicator.objects.values_list("code", "pk"))
    for values in by_unit.values():
        implied = values[codes["ho-ngheo"]] / values[codes["ho-dan"]] * 100
        assert abs(values[codes["ty-le-ho-ngheo"]] - implied) < Decimal("0.01")
    return len(by_unit)


def _accepted(plan, planner, reviewer):
    """The road of a provincial or district plan to acceptance, through sedp/upper's services
    (tested in detail there): consolidated, draft 1, the conference (settling the register of
    disagreements), draft 2, the reviewing bodies' opinions, submitted, accepted."""
    day = datetime.date(YEAR, 7, 5)
    plan_consolidate(user=planner, plan=plan)
    if not upper.issued_drafts(plan):  # the demo issues Bát Xát's and the province's itself
        upper.draft_issue(user=planner, plan=plan)
    conference = upper.conference_record(
        user=planner,
        plan=plan,
        agencies=list(upper.conference_invitees(plan)),
        date=day,
        men=30,
        women=12,
        minutes="Hội nghị thảo luận dự thảo lần 1.",
    )
    for disagreement in upper.register_for(plan).filter(settled=False):
        upper.disagreement_settle(
            user=planner, disagreement=disagreement, meeting=conference, outcome="Thống nhất."
        )
    upper.draft_issue(user=planner, plan=plan)
    for body in upper.reviewing_bodies(plan):
        upper.opinion_record(user=planner, plan=plan, agency=body, text="Nhất trí.", date=day)
    plan = plan_accept(user=reviewer, plan=plan_submit(user=planner, plan=plan))
    assert plan.status == PlanStatus.ACCEPTED
    return plan


def _allocate_to_villages(user, commune):
    """Whole shares of the commune's assigned households and poor households, the rate of each."""
    codes = ("ho-dan", "ho-ngheo", "ty-le-ho-ngheo")
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    own = {code: int(_assigned({"unit": commune}, code).get().value) for code in codes[:2]}
    villages = list(AdminUnit.objects.filter(parent=commune).order_by("code"))
    entries = {}
    for index, village in enumerate(villages):
        last = index == len(villages) - 1
        households = own["ho-dan"] // len(villages)
        poor = own["ho-ngheo"] // len(villages)
        if last:  # the remainders, so the shares add up exactly
            households += own["ho-dan"] % len(villages)
            poor += own["ho-ngheo"] % len(villages)
        rate = (Decimal(poor) / Decimal(households) * 100).quantize(Decimal("0.01"))
        for code, value in [("ho-dan", households), ("ho-ngheo", poor), ("ty-le-ho-ngheo", rate)]:
            entries[f"c-{indicators[code].pk}-u{village.pk}"] = str(value)
    allocation = allocation_open(user=user, unit=commune, report_year=YEAR)
    allocation_save(user=user, allocation=allocation, entries=entries)


def _adopt(user, plan, number):
    today = timezone.localdate()
    council_submit(user=user, plan=plan, number=f"1{number}/TTr-UBND", submitted_on=today)
    return resolution_adopt(
        user=user,
        plan=plan,
        number=f"{number}/NQ-HĐND",
        adopted_on=today,
        text="Thông qua Kế hoạch phát triển kinh tế - xã hội năm 2027.",
    )


def _received(document_kind, agency) -> bool:
    return Recipient.objects.filter(
        document__kind=document_kind, document__report_year=YEAR, agency=agency
    ).exists()


@pytest.mark.django_db
def test_step_6_on_the_demo_tree(demo, django_capture_on_commit_callbacks):
    users = _users()
    province, district, commune = _unit("10"), _unit("082"), _unit("02728")
    commune_plan = Plan.objects.get(
        unit=commune,
        kind=PlanKind.COMMUNE_PLAN,
        report_year=YEAR,
        agency__kind=AgencyKind.COMMUNE_PLANNING_GROUP,
    )

    # 1. Monitoring of this year's official plan (report year 2025) fills next year's Part I.
    task = (
        CollectionTask.objects.filter(
            plan__unit=commune, year=YEAR, status=TaskStatus.OPEN, row__indicator__isnull=False
        )
        .select_related("row__indicator")
        .order_by("due_date")
        .first()
    )
    assert task is not None, "the demo's official plan has collection tasks"
    with django_capture_on_commit_callbacks(execute=True):
        monitoring.report_value(user=users["kh.muonghum"], task=task, value="1")
    assessment = commune_plan.sections.get(code="p1.2.targets").body
    assert BEGIN in assessment and task.row.indicator.name in assessment

    # 2. In July Bát Xát's plan (from its communes' routed plans) is accepted by Sở KHĐT, then
    # the province's, consolidated from it; in December the province's plan is adopted: its
    # allocation goes down to the districts, officially.
    district_plan = Plan.objects.get(unit=district, kind=PlanKind.DISTRICT_PLAN, report_year=YEAR)
    district_plan = _accepted(district_plan, users["tckh.batxat"], users["skhdt"])
    # The demo's provincial plan (preliminary draft, with Bảo Thắng): consolidating again
    # takes Bát Xát in.
    province_plan = Plan.objects.get(unit=province, kind=PlanKind.PROVINCE_PLAN, report_year=YEAR)
    province_plan = _accepted(province_plan, users["skhdt"], users["ubnd.tinh"])
    _adopt(users["skhdt"], province_plan, "25")
    allocation = Allocation.objects.get(unit=province, report_year=YEAR)
    assert "25/NQ-HĐND" in allocation.basis
    tckh = Agency.objects.get(unit=district, kind=AgencyKind.FINANCE_PLANNING_OFFICE)
    assert _received("tinh.official_targets", tckh)
    assert _check_sums(province) == AdminUnit.objects.filter(parent=province).count()

    # 3. Bát Xát's plan adopted: its allocation goes down to its communes.
    _adopt(users["tckh.batxat"], district_plan, "30")
    assert "30/NQ-HĐND" in Allocation.objects.get(unit=district, report_year=YEAR).basis
    group = commune_plan.agency
    assert _received("huyen.official_targets", group)
    assert _check_sums(district) == AdminUnit.objects.filter(parent=district).count()
    # Mường Hum reads its official figures beside what it proposed, and the gap.
    (mine,) = [h for h in own_targets(user=users["kh.muonghum"], report_year=YEAR)
               if h["agency"] == group]  # fmt: skip
    households = next(line for line in mine["lines"] if line["indicator"].code == "ho-dan")
    assert households["proposed"] == 940
    assert households["gap"] == households["assigned"] - 940
    assert "30/NQ-HĐND" in mine["allocation"].basis

    # Mường Hum shares its assigned figures among its villages (saved; its resolution issues it).
    planner = users["kh.muonghum"]
    _allocate_to_villages(planner, commune)

    # 4. Mường Hum: the consultation blocks the council until every comment is answered.
    consultation = commune_plan.consultations.get()
    comment_post(consultation=consultation, body="Đề nghị thêm đèn đường thôn.", address="step6")
    complete_commune_draft(planner, commune_plan, YEAR)  # commune steps 4-5, as the demo does
    commune_plan = plan_submit(user=planner, plan=commune_plan)
    commune_plan = plan_accept(user=users["tckh.batxat"], plan=commune_plan)
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="vẫn còn mở"):
        council_submit(user=planner, plan=commune_plan, number="5/TTr-UBND", submitted_on=today)
    consultation_close(user=planner, consultation=consultation)
    waiting = list(unanswered_comments(commune_plan).order_by("pk"))
    assert len(waiting) == 2  # the demo's unanswered one and the one just posted
    for left, comment in zip([2, 1], waiting, strict=True):
        with pytest.raises(ValidationError, match=f"Còn {left} ý kiến của người dân"):
            council_submit(user=planner, plan=commune_plan, number="5/TTr-UBND", submitted_on=today)
        comment_answer(
            user=planner, comment=comment, kind=AnswerKind.ACCEPTED, answer="Đã bổ sung."
        )

    # 5. The resolution makes the version official and locks the plan.
    resolution = _adopt(planner, commune_plan, "40")
    commune_plan.refresh_from_db()
    assert commune_plan.status == PlanStatus.APPROVED
    assert resolution.version.plan_id == commune_plan.pk
    with pytest.raises((ValidationError, PermissionDenied)):
        plan_update_sections(user=planner, plan=commune_plan, bodies={"p2.3.economy": "Sửa"})
    assert BEGIN in commune_plan.sections.get(code="p1.2.targets").body
    # ... and sends the villages their targets ("giao chỉ tiêu, nhiệm vụ cho thôn"), which add up.
    assert "40/NQ-HĐND" in Allocation.objects.get(unit=commune, report_year=YEAR).basis
    village_group = Agency.objects.filter(
        unit__parent=commune, kind=AgencyKind.VILLAGE_WORKING_GROUP
    ).first()
    assert _received("xa.official_targets", village_group)
    assert _check_sums(commune) == AdminUnit.objects.filter(parent=commune).count()
