"""The full-year fixture shared by the upper-level tests."""

import pytest

from sedp.activities.services import activity_create
from sedp.cycles.loading import load_all_templates
from sedp.cycles.models import ProcessTemplate
from sedp.cycles.services import cycle_open
from sedp.plans.models import PlanKind
from sedp.plans.services import plan_accept, plan_create, plan_submit
from sedp.plans.tests.helpers import YEAR, activity_data
from sedp.upper.tests import world


@pytest.fixture
def year(tree):
    t = world.extend(tree)
    p = world.people(t)
    load_all_templates()
    template = ProcessTemplate.objects.get(code="laocai-1131-3cap")
    t.cycle, _new = cycle_open(
        user=t.admin, template=template, structure=t.structure, report_year=YEAR
    )
    t.village_activities = world.communes_year(t, p)
    own = activity_data(
        t.agri,
        title="Mô hình chè hữu cơ toàn huyện",
        cost_estimate=900_000_000,
        fund_target_programmes=0,
        people_cash=0,
        people_labour=0,
    )
    t.district1_plan, t.conference2 = world.district_year(
        t,
        p,
        t.tckh1,
        p.tckh1,
        [
            (
                t.pnn1,
                p.pnn1,
                own,
                {"subject": "Quy mô đường nội đồng xã Một A", "parties": [t.group1]},
            ),
            (t.pgd1, p.pgd1, None, None),
        ],
    )
    t.district2_plan, _conf = world.district_year(
        t, p, t.tckh2, p.tckh2, [(t.pnn2, p.pnn2, None, None)]
    )
    for plan in [t.district1_plan, t.district2_plan]:
        plan_accept(user=p.skhdt, plan=plan)
    # A Sở's own unit plans to its planning division, which appraises them.
    unit_plan = plan_create(
        user=p.agri_centre, agency=t.agri_centre, kind=PlanKind.AGENCY_INPUT, report_year=YEAR
    )
    activity_create(
        user=p.agri_centre,
        plan=unit_plan,
        **activity_data(
            t.extension,
            title="Tập huấn khuyến nông cấp tỉnh",
            cost_estimate=300_000_000,
            fund_target_programmes=0,
            people_cash=0,
            people_labour=0,
        ),
    )
    plan_accept(user=p.snn, plan=plan_submit(user=p.agri_centre, plan=unit_plan))
    t.unit_plan = unit_plan
    t.agri_plan = world.province_sector_year(p.snn, t.snn, p.skhdt)
    t.education_plan = world.province_sector_year(p.sgd, t.sgd, p.skhdt)
    t.province_plan = world.province_year(t, p, t.skhdt, p.skhdt, p.ubnd_province)
    t.p = p
    return t
