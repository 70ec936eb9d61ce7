"""The two-tier structure (since 1/7/2025): no districts; communes report to the province and
its departments directly, through the same code (receivers found by parent unit and kind)."""

from collections import Counter

import pytest
from django.contrib.auth import get_user_model

from conftest import _agency, _sector, _unit
from sedp.accounts.models import Membership, Role
from sedp.cycles.loading import load_all_templates
from sedp.cycles.models import ProcessTemplate, Task, TaskStatus
from sedp.cycles.services import cycle_open
from sedp.plans.consolidation import plan_consolidate
from sedp.plans.models import PlanKind
from sedp.plans.services import plan_accept, plan_create, plan_submit
from sedp.plans.tests.helpers import YEAR, activity_data, proposal, ready_commune_draft
from sedp.territory.models import AdminLevel, AgencyKind, SectorGroup, TerritoryStructure
from sedp.upper import selectors
from sedp.upper import services as upper
from sedp.upper.tests.world import DAY, province_sector_year, province_year

K = AgencyKind


def _person(agency):
    user = get_user_model().objects.create_user(username=f"t2-{agency.pk}", password="x")
    Membership.objects.create(user=user, agency=agency, role=Role.PLANNER)
    return user


@pytest.fixture
def two_tier(db):
    structure = TerritoryStructure.objects.create(code="test-2", name="Tỉnh Hai Cấp")
    levels = {
        code: AdminLevel.objects.create(structure=structure, code=code, name=code, rank=rank)
        for rank, code in enumerate(["tinh", "xa", "thon"])
    }
    province = _unit(structure, levels["tinh"], None, "20", "Tỉnh Hai Cấp", "tinh")
    agri = _sector("nn2", "Nông nghiệp", SectorGroup.ECONOMY)
    health = _sector("yt2", "Y tế", SectorGroup.CULTURE_SOCIETY)
    s = {"province": province, "agri": agri, "health": health}
    s["sotc"] = _agency(province, K.FINANCE_DEPARTMENT, "Sở Tài chính")
    s["sonn"] = _agency(province, K.SECTOR_DEPARTMENT, "Sở Nông nghiệp và Môi trường", agri)
    s["ubnd"] = _agency(province, K.PEOPLES_COMMITTEE, "UBND tỉnh")
    s["hdnd"] = _agency(province, K.PEOPLES_COUNCIL, "HĐND tỉnh")
    s["villages"], s["groups"] = [], []
    for c in range(2):
        commune = _unit(structure, levels["xa"], province, f"3{c}", f"Xã {c}", "xa")
        s["groups"].append(_agency(commune, K.COMMUNE_PLANNING_GROUP, f"Tổ KH xã {c}"))
        for v in range(2):
            village = _unit(structure, levels["thon"], commune, f"4{c}{v}", f"Thôn {c}{v}", "thon")
            s["villages"].append(_agency(village, K.VILLAGE_WORKING_GROUP, f"Tổ thôn {c}{v}"))
    s["users"] = {name: _person(s[name]) for name in ["sotc", "sonn", "ubnd"]}
    load_all_templates()
    s["cycle"], _new = cycle_open(
        user=s["users"]["sotc"],
        template=ProcessTemplate.objects.get(code="laocai-1131-2cap"),
        structure=structure,
        report_year=YEAR,
    )
    return s


def test_the_two_tier_province_runs_the_same_flow_without_districts(two_tier):
    s = two_tier
    users = s["users"]
    village_ids = []
    for index, group in enumerate(s["groups"]):
        group_user = _person(group)
        for vgroup in s["villages"][index * 2 : index * 2 + 2]:
            plan = proposal(
                _person(vgroup),
                vgroup,
                [activity_data(s["agri"]), activity_data(s["health"], title="Trạm y tế")],
                submit=True,
            )
            village_ids += list(plan.activities.values_list("pk", flat=True))
            plan_accept(user=group_user, plan=plan)
        commune = plan_create(
            user=group_user, agency=group, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
        )
        plan_consolidate(user=group_user, plan=commune)
        ready_commune_draft(group_user, commune)
        # The commune's draft goes straight to the province's Sở Tài chính.
        plan_accept(user=users["sotc"], plan=plan_submit(user=group_user, plan=commune))
    assert upper.route_commune_plans(user=users["sotc"], agency=s["sotc"], report_year=YEAR) == 2
    # The Sở sees its sector of the routed communes, not the other sectors.
    lines = selectors.routed_lines_visible_to(
        user=users["sonn"], unit=s["province"], report_year=YEAR
    )
    assert {line.sector_id for line in lines} == {s["agri"].pk}
    sector_plan = province_sector_year(users["sonn"], s["sonn"], users["sotc"])
    assert sector_plan.activities.count() == 4  # the four villages' agriculture activities
    province = province_year(None, None, s["sotc"], users["sotc"], users["ubnd"])
    leaves = Counter(leaf for _line, leaf in selectors.leaf_pairs(plan=province))
    assert set(leaves) == set(village_ids)
    assert set(leaves.values()) == {1}
    # Agriculture came up the sector line, health straight from the communes.
    sources = dict(province.activities.values_list("sector_id", "source__plan__kind").distinct())
    assert sources == {
        s["agri"].pk: PlanKind.PROVINCE_SECTOR_PLAN,
        s["health"].pk: PlanKind.COMMUNE_PLAN,
    }
    totals = selectors.totals_by_sector_and_territory(province)
    assert totals["sector_total"] == totals["territory_total"]
    done = Task.objects.filter(
        cycle=s["cycle"], agency=s["sotc"], status=TaskStatus.DONE, activity__code="T4.2"
    )
    assert done.exists()
    assert DAY.year == YEAR


def test_the_sos_page_routes_commune_plans_only_where_communes_report_to_the_province(
    two_tier, tree, client
):
    from django.urls import reverse

    s = two_tier
    client.force_login(s["users"]["sotc"])
    page = client.get(reverse("upper-index")).content.decode()
    assert reverse("upper-communes-route", args=[s["sotc"].pk]) in page
    assert "/summary/" in page
    # Three tiers: communes report to phòng TCKH, the Sở KHĐT has nothing to route.
    client.force_login(tree.users.skhdt)
    page = client.get(reverse("upper-index")).content.decode()
    assert "upper-communes-route" not in page and "/route/" not in page
    assert "/summary/" not in page  # nor a summary of communes it does not receive
    client.force_login(tree.users.tckh1)
    page = client.get(reverse("upper-index")).content.decode()
    assert reverse("upper-communes-route", args=[tree.tckh1.pk]) in page
