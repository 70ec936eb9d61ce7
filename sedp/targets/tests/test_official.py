"""The People's Council's resolution makes the unit's allocation official: the figures are
issued with the resolution as basis and the units below receive the official document."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sedp.core.models import Event
from sedp.directives.models import Document, Recipient
from sedp.indicators.models import IndicatorValue, Kind
from sedp.plans.models import Plan, PlanKind, PlanStatus
from sedp.plans.services import plan_create
from sedp.portal.services import council_submit, resolution_adopt
from sedp.targets.models import Allocation
from sedp.targets.official import on_resolution_adopted
from sedp.targets.selectors import own_targets
from sedp.targets.services import allocation_issue, allocation_open, allocation_save
from sedp.targets.tests.helpers import assign, catalogue, cell

YEAR = 2026
pytestmark = pytest.mark.django_db


def _province_plan(tree):
    plan = plan_create(
        user=tree.users.skhdt, agency=tree.skhdt, kind=PlanKind.PROVINCE_PLAN, report_year=YEAR
    )
    # The provincial draft's review by the People's Committee is the plans app's business
    # (tested there); here it only has to be accepted to go to the Council.
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.ACCEPTED)
    council_submit(
        user=tree.users.skhdt, plan=plan, number="150/TTr-UBND", submitted_on=timezone.localdate()
    )
    return plan


def _adopt(tree, plan, number="25/NQ-HĐND"):
    return resolution_adopt(
        user=tree.users.skhdt,
        plan=plan,
        number=number,
        adopted_on=timezone.localdate(),
        text="HĐND tỉnh thông qua Kế hoạch phát triển kinh tế - xã hội năm 2027.",
    )


def _allocate(tree, c, households=("600", "400")):
    for key, value in [("households", 1000), ("poor", 100)]:
        assign(tree.users.skhdt, tree.province, c[key], value)
    allocation = allocation_open(user=tree.users.skhdt, unit=tree.province, report_year=YEAR)
    allocation_save(
        user=tree.users.skhdt,
        allocation=allocation,
        entries={
            cell(c["households"], tree.district1): households[0],
            cell(c["households"], tree.district2): households[1],
            cell(c["poor"], tree.district1): "60",
            cell(c["poor"], tree.district2): "40",
        },
    )
    return allocation


def _assigned(unit, indicator):
    return IndicatorValue.objects.filter(
        unit=unit, agency=None, indicator=indicator, report_year=YEAR, kind=Kind.ASSIGNED
    ).values_list("value", flat=True)


def test_the_resolution_assigns_the_allocation_officially_and_tells_the_units_below(tree):
    c = catalogue(tree)
    _allocate(tree, c)
    plan = _province_plan(tree)
    assert not _assigned(tree.district1, c["households"])  # saved, not issued yet

    _adopt(tree, plan)

    assert list(_assigned(tree.district1, c["households"])) == [600]
    assert list(_assigned(tree.district2, c["poor"])) == [40]
    allocation = Allocation.objects.get(unit=tree.province, report_year=YEAR)
    assert allocation.issued_at is not None and "25/NQ-HĐND" in allocation.basis
    document = Document.objects.get(kind="tinh.official_targets", report_year=YEAR)
    assert document.issuer == tree.ubnd_province and document.number == "25/NQ-HĐND"
    assert "Huyện Một: Số hộ: 600 hộ" in document.body
    receivers = set(Recipient.objects.filter(document=document).values_list("agency", flat=True))
    assert {tree.tckh1.pk, tree.tckh2.pk, tree.pnn1.pk, tree.snn.pk} <= receivers
    assert tree.group1.pk not in receivers  # two levels down: the district passes it on

    # The district sees the official figure, its basis and the gap to its proposal.
    (mine,) = own_targets(user=tree.users.tckh1, report_year=YEAR)
    assert mine["allocation"].basis == allocation.basis
    assert {line["indicator"].code: line["assigned"] for line in mine["lines"]} == {
        "so-ho": 600,
        "ho-ngheo": 60,
    }


def test_official_issue_is_idempotent(tree):
    c = catalogue(tree)
    allocation = _allocate(tree, c)
    plan = _province_plan(tree)
    _adopt(tree, plan)
    last_event = Event.objects.order_by("-pk").values_list("pk", flat=True).first()
    values = IndicatorValue.objects.count()

    assert on_resolution_adopted(plan) == 0
    # The planner presses "issue" again: nothing changes, no second document.
    assert allocation_issue(user=tree.users.skhdt, allocation=allocation) == 0
    assert Document.objects.filter(kind="tinh.official_targets").count() == 1
    assert IndicatorValue.objects.count() == values
    assert not Event.objects.filter(verb="targets.assigned", pk__gt=last_event).exists()


def test_an_allocation_that_does_not_add_up_waits_for_the_planner(tree):
    c = catalogue(tree)
    allocation = _allocate(tree, c, households=("700", "400"))  # 1 100 > 1 000
    plan = _province_plan(tree)
    _adopt(tree, plan)  # the resolution is recorded all the same

    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert not _assigned(tree.district1, c["households"])
    pending = Event.objects.get(verb="targets.official_pending")
    assert "Số hộ" in pending.payload["problems"][0]
    assert not Document.objects.filter(kind="tinh.official_targets").exists()

    with pytest.raises(ValidationError):
        allocation_issue(user=tree.users.skhdt, allocation=allocation)
    allocation_save(
        user=tree.users.skhdt,
        allocation=allocation,
        entries={cell(c["households"], tree.district1): "600"},
    )
    # Corrected and issued by hand: official, on the resolution's basis, with the document.
    assert allocation_issue(user=tree.users.skhdt, allocation=allocation) == 4
    allocation.refresh_from_db()
    assert "25/NQ-HĐND" in allocation.basis
    assert Document.objects.filter(kind="tinh.official_targets").count() == 1


def test_the_allocation_page_says_when_the_official_issue_is_still_due(tree, login):
    c = catalogue(tree)
    _allocate(tree, c, households=("700", "400"))
    _adopt(tree, _province_plan(tree))
    page = (
        login(tree.users.skhdt)
        .get(f"/targets/allocate/{tree.province.pk}/?year={YEAR}")
        .content.decode()
    )
    assert "Nghị quyết 25/NQ-HĐND" in page and "chưa được giao" in page


def test_a_resolution_numbered_unlike_a_document_still_assigns_the_targets(tree):
    c = catalogue(tree)
    _allocate(tree, c)
    plan = _province_plan(tree)
    _adopt(tree, plan, number="NQ số 25 HĐND")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert list(_assigned(tree.district1, c["households"])) == [600]
    assert not Document.objects.filter(kind="tinh.official_targets").exists()


def test_the_communes_resolution_sends_the_villages_their_targets(tree, login):
    from conftest import _agency
    from sedp.portal.tests.helpers import adopted_plan
    from sedp.territory.models import AgencyKind

    c = catalogue(tree)
    for key in ("households", "poor"):  # villages plan these too
        c[key].unit_types = [*c[key].unit_types, "thon"]
        c[key].save()
    ubnd1 = _agency(tree.commune1, AgencyKind.PEOPLES_COMMITTEE, "UBND xã Một A")
    for key, value in [("households", 300), ("poor", 30)]:
        assign(tree.users.xa1, tree.commune1, c[key], value)
    allocation = allocation_open(user=tree.users.xa1, unit=tree.commune1, report_year=YEAR)
    allocation_save(
        user=tree.users.xa1,
        allocation=allocation,
        entries={
            cell(c["households"], tree.village1): "180",
            cell(c["households"], tree.village2): "120",
            cell(c["poor"], tree.village1): "20",
            cell(c["poor"], tree.village2): "10",
        },
    )

    adopted_plan(tree, publish=False, number="20/NQ-HĐND")

    assert list(_assigned(tree.village1, c["households"])) == [180]
    document = Document.objects.get(kind="xa.official_targets", report_year=YEAR)
    assert document.issuer == ubnd1 and document.number == "20/NQ-HĐND"
    assert "Thôn A1: Số hộ: 180 hộ" in document.body
    receivers = set(Recipient.objects.filter(document=document).values_list("agency", flat=True))
    assert {tree.vgroup1.pk, tree.vgroup2.pk} <= receivers
    assert tree.vgroup3.pk not in receivers  # another commune's village
    # The village reads it in "Văn bản đến" and its assigned figures on its targets page.
    client = login(tree.users.thon1)
    inbox = client.get(reverse("directives-document-list")).content.decode()
    assert "Giao chỉ tiêu, nhiệm vụ cho các thôn" in inbox and "20/NQ-HĐND" in inbox
    (mine,) = own_targets(user=tree.users.thon1, report_year=YEAR)
    assert {line["indicator"].code: line["assigned"] for line in mine["lines"]} == {
        "so-ho": 180,
        "ho-ngheo": 20,
    }
    page = client.get(reverse("targets-target-mine"), {"year": YEAR}).content.decode()
    assert "Thôn A1" in page and "20/NQ-HĐND" in page
