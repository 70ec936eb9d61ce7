"""One full year on the seeded demo tree (Lào Cai 2015), every step of the three levels in
order, through the services: Bát Xát (Mường Hum, Y Tý) and Sa Pa (Tả Phìn), their villages,
four sectors — two with a district office and a Sở, one district office only at the
district, one (transport) with no district office.

The demo's own plans are for report year 2026; this year is 2027, so nothing of the demo is
consolidated twice (its meetings keep the test tree's dates: a meeting cannot be recorded
before it takes place). The same steps as the test tree's year (world.py), run by the demo's
personas where the demo has one.
"""

import io
from collections import Counter
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from sedp.activities.models import Activity
from sedp.activities.services import activity_create
from sedp.cycles.models import ProcessTemplate, Task, TaskStatus
from sedp.cycles.services import cycle_open
from sedp.fiveyear import orientation
from sedp.fiveyear.tests import helpers as fiveyear_helpers
from sedp.plans import services as plan_services
from sedp.plans.models import PlanKind, PlanStatus
from sedp.plans.services import plan_accept, plan_create, plan_submit
from sedp.plans.tests import helpers as plan_helpers
from sedp.territory.models import AdminUnit, Agency, AgencyKind, Sector
from sedp.upper import selectors
from sedp.upper.models import DispatchPurpose
from sedp.upper.tests import world

K = AgencyKind
DEMO_YEAR = 2027
STRUCTURE = "laocai-2015"
SECTORS = ["thuy-loi", "mam-non", "y-te-du-phong", "giao-thong-xay-dung"]

pytestmark = pytest.mark.django_db


def _unit(code):
    return AdminUnit.objects.get(structure__code=STRUCTURE, code=code)


def _agency(code, kind, sector=None):
    agencies = Agency.objects.filter(unit=_unit(code), kind=kind)
    if sector:
        agencies = agencies.filter(sector__code=sector)
    return agencies.get()


def _persona(username):
    return get_user_model().objects.get(username=username)


def _district_orientation(tckh, tckh_user, offices):
    """District step 1-3: each office's orientation form, accepted; the summary, the draft
    directional plan and conference 1."""
    for office, user in offices:
        form = fiveyear_helpers.orientation_form(user, office)
        plan_accept(user=tckh_user, plan=form)
    directional = fiveyear_helpers.directional_plan(tckh_user, tckh)
    orientation.summary_close(user=tckh_user, plan=directional)
    plan_services.plan_update_sections(
        user=tckh_user,
        plan=directional,
        bodies={"p1.half_year": "Kinh tế 6 tháng tăng 7,9 %.", "p3.objectives": "Tăng 8,5 %."},
    )
    orientation.draft_issue(user=tckh_user, plan=directional)
    meeting = orientation.conference1_record(
        user=tckh_user,
        plan=directional,
        agencies=[office for office, _user in offices],
        **fiveyear_helpers.conference_data(),
    )
    return directional, meeting


def _run_year():
    t, p = SimpleNamespace(), SimpleNamespace()
    t.admin = _persona("admin")
    t.province = _unit("10")
    t.group1 = _agency("02728", K.COMMUNE_PLANNING_GROUP)  # Mường Hum (Bát Xát)
    t.group2 = _agency("02701", K.COMMUNE_PLANNING_GROUP)  # Y Tý (Bát Xát)
    t.group3 = _agency("03013", K.COMMUNE_PLANNING_GROUP)  # Tả Phìn (Sa Pa)
    t.vgroup1 = _agency("0272801", K.VILLAGE_WORKING_GROUP)  # Thôn Mường Hum
    t.vgroup2 = _agency("0272802", K.VILLAGE_WORKING_GROUP)  # Thôn Pờ Hồ
    t.vgroup4 = _agency("0270101", K.VILLAGE_WORKING_GROUP)  # Thôn Phìn Hồ
    t.vgroup3 = _agency("0301301", K.VILLAGE_WORKING_GROUP)  # Thôn Tả Phìn
    t.vgroup5 = _agency("0301302", K.VILLAGE_WORKING_GROUP)  # Thôn Sả Séng
    t.tckh1 = _agency("082", K.FINANCE_PLANNING_OFFICE)
    t.tckh2 = _agency("088", K.FINANCE_PLANNING_OFFICE)
    t.pnn1 = _agency("082", K.DISTRICT_SECTOR_OFFICE, "nong-nghiep")
    t.pgd1 = _agency("082", K.DISTRICT_SECTOR_OFFICE, "giao-duc")
    t.pyt1 = _agency("082", K.DISTRICT_SECTOR_OFFICE, "y-te")
    t.pkt2 = _agency("088", K.DISTRICT_SECTOR_OFFICE, "nong-nghiep")  # Phòng Kinh tế
    t.pgd2 = _agency("088", K.DISTRICT_SECTOR_OFFICE, "giao-duc")
    t.pyt2 = _agency("088", K.DISTRICT_SECTOR_OFFICE, "y-te")
    t.ubnd1 = _agency("082", K.PEOPLES_COMMITTEE)
    t.skhdt = _agency("10", K.PLANNING_DEPARTMENT)
    t.ubnd_province = _agency("10", K.PEOPLES_COMMITTEE)
    t.snn = _agency("10", K.SECTOR_DEPARTMENT, "nong-nghiep")
    t.sgd = _agency("10", K.SECTOR_DEPARTMENT, "giao-duc")
    t.syt = _agency("10", K.SECTOR_DEPARTMENT, "y-te")
    t.agri_centre = _agency("10", K.PUBLIC_SERVICE_UNIT, "khuyen-nong")
    t.sectors = [Sector.objects.get(code=code) for code in SECTORS]
    # The demo's personas, and a planner for every other body acting this year.
    p.vgroup1, p.thon2 = _persona("thon.muonghum"), _persona("thon.poho")
    p.group1, p.group3 = _persona("kh.muonghum"), _persona("kh.taphin")
    p.tckh1, p.pnn1 = _persona("tckh.batxat"), _persona("pnn.batxat")
    p.skhdt, p.snn = _persona("skhdt"), _persona("snn")
    p.ubnd_province = _persona("ubnd.tinh")
    for name in ["vgroup4", "vgroup3", "vgroup5", "group2", "tckh2", "pgd1", "pyt1", "pkt2",
                 "pgd2", "pyt2", "sgd", "syt", "agri_centre"]:  # fmt: skip
        setattr(p, name, world._person(getattr(t, name)))

    template = ProcessTemplate.objects.get(code="laocai-1131-3cap")
    t.cycle, _new = cycle_open(
        user=t.admin, template=template, structure=t.province.structure, report_year=DEMO_YEAR
    )
    # District steps 1-3, then the communes' year (commune steps 1-5).
    t.directional1, t.conference1 = _district_orientation(
        t.tckh1, p.tckh1, [(t.pnn1, p.pnn1), (t.pgd1, p.pgd1), (t.pyt1, p.pyt1)]
    )
    t.directional2, _c = _district_orientation(
        t.tckh2, p.tckh2, [(t.pkt2, p.pkt2), (t.pgd2, p.pgd2), (t.pyt2, p.pyt2)]
    )
    t.village_activities = world.communes_year(t, p)
    # District steps 4-5: the agriculture office keeps its position against Mường Hum.
    own = plan_helpers.activity_data(
        t.pnn1.sector,
        title="Mô hình chè Shan tuyết hữu cơ toàn huyện",
        cost_estimate=1_200_000_000,
        fund_target_programmes=0,
        people_cash=0,
        people_labour=0,
    )
    t.disagreement_subject = "Quy mô kênh mương nội đồng xã Mường Hum"
    t.district1_plan, t.conference2 = world.district_year(
        t,
        p,
        t.tckh1,
        p.tckh1,
        [
            (t.pnn1, p.pnn1, own, {"subject": t.disagreement_subject, "parties": [t.group1]}),
            (t.pgd1, p.pgd1, None, None),
            (t.pyt1, p.pyt1, None, None),
        ],
    )
    t.district2_plan, _c2 = world.district_year(
        t,
        p,
        t.tckh2,
        p.tckh2,
        [(t.pkt2, p.pkt2, None, None), (t.pgd2, p.pgd2, None, None), (t.pyt2, p.pyt2, None, None)],
    )
    for plan in [t.district1_plan, t.district2_plan]:
        plan_accept(user=p.skhdt, plan=plan)
    # Province step 2-5: a Sở's own unit, the sector plans, the provincial plan.
    unit_plan = plan_create(
        user=p.agri_centre, agency=t.agri_centre, kind=PlanKind.AGENCY_INPUT, report_year=DEMO_YEAR
    )
    activity_create(
        user=p.agri_centre,
        plan=unit_plan,
        **plan_helpers.activity_data(
            t.agri_centre.sector,
            title="Tập huấn khuyến nông cấp tỉnh",
            cost_estimate=300_000_000,
            fund_target_programmes=0,
            people_cash=0,
            people_labour=0,
        ),
    )
    plan_accept(user=p.snn, plan=plan_submit(user=p.agri_centre, plan=unit_plan))
    t.sector_plans = [
        world.province_sector_year(user, department, p.skhdt)
        for department, user in [(t.snn, p.snn), (t.sgd, p.sgd), (t.syt, p.syt)]
    ]
    t.province_plan = world.province_year(t, p, t.skhdt, p.skhdt, p.ubnd_province)
    t.p = p
    return t


@pytest.fixture(scope="module")
def demo_year(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        call_command("seed_demo", stdout=io.StringIO())
        # The test tree's steps (world.py) run for the demo's year.
        for module in [world, plan_helpers, fiveyear_helpers]:
            patch.setattr(module, "YEAR", DEMO_YEAR)
        try:
            yield _run_year()
        finally:
            call_command("flush", interactive=False, verbosity=0)


def test_the_demo_province_holds_every_accepted_village_activity_once_with_its_origins(
    demo_year,
):
    t = demo_year
    assert len({a.plan.unit.parent.parent_id for a in t.village_activities}) == 2  # districts
    assert len({a.sector_id for a in t.village_activities}) == 4
    pairs = selectors.leaf_pairs(plan=t.province_plan)
    leaves = Counter(leaf for _line, leaf in pairs)
    village_ids = {a.pk for a in t.village_activities}
    assert village_ids <= set(leaves)
    assert all(count == 1 for count in leaves.values()), "a leaf reached the province twice"
    # The only other origins: the agriculture office's own activity and the Sở's unit plan.
    others = Activity.objects.filter(pk__in=set(leaves) - village_ids)
    assert sorted(a.plan.kind for a in others) == [
        PlanKind.AGENCY_INPUT,
        PlanKind.DISTRICT_SECTOR_PLAN,
    ]
    # With all its origins: each province line's cost is the sum of the leaves under it.
    by_line = {}
    for line, leaf in pairs:
        by_line.setdefault(line, []).append(leaf)
    costs = dict(Activity.objects.filter(pk__in=leaves).values_list("pk", "cost_estimate"))
    for line in t.province_plan.activities.all():
        assert line.cost_estimate == sum(costs[leaf] for leaf in by_line[line.pk]), line.title


def test_the_demo_years_sector_totals_equal_territorial_totals(demo_year):
    t = demo_year
    for plan in [t.province_plan, t.district1_plan, t.district2_plan]:
        totals = selectors.totals_by_sector_and_territory(plan)
        assert totals["sector_total"] == totals["territory_total"] > 0, plan
    assert len(selectors.totals_by_sector_and_territory(t.province_plan)["by_sector"]) >= 4


def test_bat_xats_agriculture_office_disagreement_is_settled_at_conference_2(demo_year):
    t = demo_year
    register = list(selectors.register_visible_to(user=t.p.tckh1, plan=t.district1_plan))
    [disagreement] = [d for d in register if d.subject == t.disagreement_subject]
    assert disagreement.plan.agency == t.pnn1
    assert disagreement.settled and disagreement.meeting == t.conference2
    assert {a.pk for a in disagreement.parties.all()} == {t.pnn1.pk, t.group1.pk}
    drafts = {
        v.snapshot["draft"]: v.snapshot
        for v in t.district1_plan.versions.exclude(snapshot__draft=None)
    }
    [open_in_draft1] = [
        d for d in drafts["draft1"]["disagreements"] if d["subject"] == t.disagreement_subject
    ]
    assert open_in_draft1["settled"] is False
    assert all(d["settled"] for d in drafts["draft2"]["disagreements"])


def test_every_step_of_the_demo_year_completed_its_task(demo_year):
    t = demo_year
    codes = {
        t.tckh1: [
            "huyen.orientation_summary",
            "huyen.orientation_plan",
            "huyen.conference1",
            "huyen.commune_sector_summary",
            "huyen.plan_draft1",
            "huyen.plan_draft2",
        ],
        t.pnn1: [
            "huyen.sector_plan_outline",
            "huyen.sector_plan_draft1",
            "huyen.sector_plan_framework",
        ],
        t.ubnd1: ["huyen.conference2", "huyen.plan_draft2"],
        t.snn: ["tinh.sector_plan_draft", "tinh.sector_conference", "tinh.sector_plan_signed"],
        t.skhdt: ["tinh.plan_preliminary", "tinh.plan_conference", "tinh.plan_draft"],
        t.ubnd_province: ["tinh.plan_conference", "tinh.plan_draft"],
    }
    for agency, outputs in codes.items():
        for code in outputs:
            tasks = Task.objects.filter(
                cycle=t.cycle,
                agency=agency,
                activity__ios__is_output=True,
                activity__ios__code=code,
            )
            assert tasks.exists(), (agency.name, code)
            assert not tasks.filter(status=TaskStatus.OPEN).exists(), (agency.name, code)
    assert t.province_plan.status == PlanStatus.ACCEPTED
    assert t.province_plan.dispatches.get(purpose=DispatchPurpose.MINISTRY)
    assert t.conference1.plan == t.directional1


def test_on_the_demo_tree_each_body_sees_its_sector_and_territory_only(demo_year):
    from django.http import Http404

    from sedp.plans.models import Plan
    from sedp.plans.selectors import get_plan_for_user, plans_visible_to

    t = demo_year
    batxat, sapa = t.tckh1.unit, t.tckh2.unit
    lines = list(
        selectors.routed_lines_visible_to(user=t.p.pnn1, unit=batxat, report_year=DEMO_YEAR)
    )
    assert {line.sector.code for line in lines} == {"thuy-loi"}
    assert {line.plan.unit_id for line in lines} == {t.group1.unit_id, t.group2.unit_id}
    assert not selectors.routed_lines_visible_to(
        user=t.p.pnn1, unit=sapa, report_year=DEMO_YEAR
    ).exists()
    # Sở NN: the agriculture plans of both districts, not the education ones.
    visible = set(plans_visible_to(user=t.p.snn).values_list("pk", flat=True))
    offices = Plan.objects.filter(kind=PlanKind.DISTRICT_SECTOR_PLAN, report_year=DEMO_YEAR)
    assert set(offices.filter(agency__in=[t.pnn1, t.pkt2]).values_list("pk", flat=True)) <= visible
    education = [*offices.filter(agency__in=[t.pgd1, t.pgd2]), t.sector_plans[1]]
    for plan in education:
        assert plan.pk not in visible
        with pytest.raises(Http404):
            get_plan_for_user(user=t.p.snn, pk=plan.pk)
