"""A test year of the whole three-level flow, built on the `tree` fixture through services.

Adds to the tree: two more sectors (health, transport), villages for every commune, a
People's Committee, party committee and People's Council in each district and at the
province, an education office in district 1 (district 2 has only its agriculture office),
the education department, a provincial agriculture centre, and a planner for each body.
Sectors with a body at a unit go through it; the others go straight up the territory.
"""

import datetime
from types import SimpleNamespace

from django.contrib.auth import get_user_model

from conftest import _agency, _sector, _unit
from sedp.accounts.models import Membership, Role
from sedp.activities.services import activity_create
from sedp.plans.consolidation import plan_consolidate
from sedp.plans.models import PlanKind
from sedp.plans.services import plan_accept, plan_create, plan_submit
from sedp.plans.tests.helpers import YEAR, activity_data, proposal, ready_commune_draft
from sedp.territory.models import AgencyKind, SectorGroup
from sedp.upper import services as upper

K = AgencyKind
DAY = datetime.date(YEAR, 7, 5)


def _person(agency, role=Role.PLANNER):
    user = get_user_model().objects.create_user(username=f"u{agency.pk}", password="x")
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


def extend(tree):
    t = tree
    t.health = _sector("y-te", "Y tế", SectorGroup.CULTURE_SOCIETY)
    t.transport = _sector("giao-thong", "Giao thông", SectorGroup.ECONOMY)
    t.sectors = [t.agri, t.education, t.health, t.transport]
    t.village4 = _unit(t.structure, t.levels["thon"], t.commune2, "0270201", "Thôn B1", "thon")
    t.village5 = _unit(t.structure, t.levels["thon"], t.commune3, "0300102", "Thôn H2", "thon")
    t.vgroup4 = _agency(t.village4, K.VILLAGE_WORKING_GROUP, "Tổ công tác thôn B1")
    t.vgroup5 = _agency(t.village5, K.VILLAGE_WORKING_GROUP, "Tổ công tác thôn H2")
    # Who reviews a draft before it leaves: the People's Committee, party committee, council.
    for unit, tag, party in [
        (t.district1, "huyện Một", "Huyện ủy"),
        (t.district2, "huyện Hai", "Huyện ủy"),
        (t.province, "tỉnh", "Tỉnh ủy"),
    ]:
        _agency(unit, K.PEOPLES_COUNCIL, f"HĐND {tag}")
        _agency(unit, K.PARTY_COMMITTEE, f"{party} {tag}")
    t.ubnd1 = _agency(t.district1, K.PEOPLES_COMMITTEE, "UBND huyện Một")
    t.ubnd2 = _agency(t.district2, K.PEOPLES_COMMITTEE, "UBND huyện Hai")
    t.pgd1 = _agency(t.district1, K.DISTRICT_SECTOR_OFFICE, "Phòng GD huyện Một", t.education)
    t.enterprise1 = _agency(t.district1, K.ENTERPRISE, "Công ty chè Một")
    t.agri_centre = _agency(
        t.province, K.PUBLIC_SERVICE_UNIT, "Trung tâm Khuyến nông tỉnh", t.extension
    )
    t.ubnd_commune1 = _agency(t.commune1, K.PEOPLES_COMMITTEE, "UBND xã Một A")
    return t


def people(t):
    """A planner for every body acting in the year (the tree's personas where they exist)."""
    u = t.users
    p = SimpleNamespace(**vars(u))
    for name in [
        "vgroup4",
        "vgroup5",
        "vgroup2",
        "vgroup3",
        "group2",
        "group3",
        "tckh2",
        "pnn2",
        "pgd1",
        "extension1",
        "ubnd1",
        "ubnd2",
        "ubnd_province",
        "sgd",
        "agri_centre",
    ]:
        setattr(p, name, _person(getattr(t, name)))
    p.group1, p.vgroup1 = u.xa1, u.thon1
    return p


def communes_year(t, p):
    """Villages propose in all four sectors; each commune consolidates, submits, and its
    district (phòng TCKH) accepts. Returns the accepted village activities."""
    village_activities = []
    plans = {}
    villages = [
        (t.vgroup1, p.vgroup1, t.group1),
        (t.vgroup2, p.thon2, t.group1),
        (t.vgroup4, p.vgroup4, t.group2),
        (t.vgroup3, p.vgroup3, t.group3),
        (t.vgroup5, p.vgroup5, t.group3),
    ]
    for index, (vgroup, user, _group) in enumerate(villages):
        data = [
            activity_data(
                sector,
                title=f"{sector.name} {vgroup.unit.name}",
                cost_estimate=100_000_000 * (index + 1) + 1_000_000 * n,
                fund_target_programmes=0,
                people_cash=0,
                people_labour=0,
            )
            for n, sector in enumerate(t.sectors)
        ]
        plan = proposal(user, vgroup, data, submit=True)
        plans[vgroup.pk] = plan
        village_activities += list(plan.activities.all())
    commune_users = {t.group1.pk: p.group1, t.group2.pk: p.group2, t.group3.pk: p.group3}
    communes = {}
    for group in [t.group1, t.group2, t.group3]:
        user = commune_users[group.pk]
        for vgroup, _u, g in villages:
            if g == group:
                plan_accept(user=user, plan=plans[vgroup.pk])
        commune = plan_create(user=user, agency=group, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR)
        plan_consolidate(user=user, plan=commune)
        ready_commune_draft(user, commune)
        communes[group.pk] = plan_submit(user=user, plan=commune)
    plan_accept(user=p.tckh1, plan=communes[t.group1.pk])
    plan_accept(user=p.tckh1, plan=communes[t.group2.pk])
    plan_accept(user=p.tckh2, plan=communes[t.group3.pk])
    t.commune_plans = communes
    return village_activities


def district_year(t, p, tckh, tckh_user, offices):
    """District step 4-5: route the communes' content by sector; each office builds its
    sector plan (consolidation + own activities), issues draft 1, gets sub-sector feedback
    and sends its framework to phòng TCKH and up its sector line; TCKH accepts, drafts the
    district plan, holds conference 2 (settling the register), issues draft 2, gets the
    reviews and sends it to Sở KHĐT."""
    upper.route_commune_plans(user=tckh_user, agency=tckh, report_year=YEAR)
    for office, user, own, disagree in offices:
        plan = plan_create(
            user=user, agency=office, kind=PlanKind.DISTRICT_SECTOR_PLAN, report_year=YEAR
        )
        plan_consolidate(user=user, plan=plan)
        if own:
            activity_create(user=user, plan=plan, **own)
        if disagree:
            upper.disagreement_raise(
                user=user,
                plan=plan,
                subject=disagree["subject"],
                positions="Xã: làm 2 km; phòng: làm 1 km.",
                arguments="Định mức hỗ trợ của tỉnh chỉ đủ cho 1 km.",
                parties=disagree["parties"],
            )
        upper.draft_issue(user=user, plan=plan)
        if upper.subsector_units(plan).exists():
            upper.send_for_feedback(user=user, plan=plan)
            upper.opinion_record(
                user=user,
                plan=plan,
                agency=upper.subsector_units(plan).first(),
                text="Đề nghị bổ sung mô hình khuyến nông.",
                date=DAY,
            )
        upper.sector_plan_submit(user=user, plan=plan)
        plan_accept(user=tckh_user, plan=plan)
    plan = plan_create(user=tckh_user, agency=tckh, kind=PlanKind.DISTRICT_PLAN, report_year=YEAR)
    plan_consolidate(user=tckh_user, plan=plan)
    upper.draft_issue(user=tckh_user, plan=plan)
    conference = upper.conference_record(
        user=tckh_user,
        plan=plan,
        agencies=list(upper.conference_invitees(plan)),
        date=DAY,
        men=30,
        women=12,
        minutes="Hội nghị lần 2 thảo luận dự thảo lần 1.",
    )
    for disagreement in upper.register_for(plan).filter(settled=False):
        upper.disagreement_settle(
            user=tckh_user,
            disagreement=disagreement,
            meeting=conference,
            outcome="Thống nhất làm 1 km năm X+1, 1 km năm sau.",
        )
    upper.draft_issue(user=tckh_user, plan=plan)
    for body in upper.reviewing_bodies(plan):
        upper.opinion_record(user=tckh_user, plan=plan, agency=body, text="Nhất trí.", date=DAY)
    plan = plan_submit(user=tckh_user, plan=plan)
    return plan, conference


def province_sector_year(user, department, reviewer):
    """Province step 2-4 for one Sở: appraise the frameworks, consolidate, draft, hold the
    sector conference, sign and send to Sở KHĐT and the ministry; Sở KHĐT accepts."""
    from sedp.upper.selectors import frameworks_received

    for dispatch in frameworks_received(user=user, report_year=YEAR):
        upper.dispatch_review(user=user, dispatch=dispatch, accept=True)
    plan = plan_create(
        user=user, agency=department, kind=PlanKind.PROVINCE_SECTOR_PLAN, report_year=YEAR
    )
    plan_consolidate(user=user, plan=plan)
    upper.draft_issue(user=user, plan=plan)
    upper.conference_record(
        user=user,
        plan=plan,
        agencies=list(upper.conference_invitees(plan)),
        date=DAY,
        men=20,
        women=10,
    )
    plan = upper.sector_plan_submit(user=user, plan=plan, ministry="Bộ chủ quản")
    return plan_accept(user=reviewer, plan=plan)


def province_year(t, p, planning, planning_user, ubnd_user):
    """Province step 4-5: Sở KHĐT drafts from sector and district plans, the provincial
    conference, the revised draft, the council's opinion, UBND approval, the ministry."""
    plan = plan_create(
        user=planning_user, agency=planning, kind=PlanKind.PROVINCE_PLAN, report_year=YEAR
    )
    plan_consolidate(user=planning_user, plan=plan)
    upper.draft_issue(user=planning_user, plan=plan)
    upper.conference_record(
        user=planning_user,
        plan=plan,
        agencies=list(upper.conference_invitees(plan)),
        date=DAY,
        men=60,
        women=25,
    )
    upper.draft_issue(user=planning_user, plan=plan)
    council = [b for b in upper.reviewing_bodies(plan) if b.kind == K.PEOPLES_COUNCIL][0]
    upper.opinion_record(
        user=planning_user, plan=plan, agency=council, text="Thường trực HĐND nhất trí.", date=DAY
    )
    plan = plan_submit(user=planning_user, plan=plan)
    plan = plan_accept(user=ubnd_user, plan=plan)
    upper.province_plan_send(user=planning_user, plan=plan, ministry="Bộ Kế hoạch và Đầu tư")
    return plan
