"""Who sees what at the upper levels: a district office its sector across its communes, a
Sở its sector line province-wide, and neither anything beyond."""

import pytest
from django.http import Http404

from sedp.plans.consolidation import children_of
from sedp.plans.models import Plan, PlanKind
from sedp.plans.selectors import get_plan_for_user, plans_visible_to
from sedp.upper import selectors


def test_a_district_office_sees_its_sector_across_its_communes_only(year):
    t = year
    lines = list(
        selectors.routed_lines_visible_to(user=t.users.pnn1, unit=t.district1, report_year=2026)
    )
    assert lines
    assert {line.sector_id for line in lines} == {t.agri.pk}
    assert {line.plan.unit_id for line in lines} == {t.commune1.pk, t.commune2.pk}
    # Nothing of the other district, even asked for it.
    assert not selectors.routed_lines_visible_to(
        user=t.users.pnn1, unit=t.district2, report_year=2026
    ).exists()
    # phòng TCKH sees every sector of its district.
    tckh = selectors.routed_lines_visible_to(user=t.p.tckh1, unit=t.district1, report_year=2026)
    assert {line.sector_id for line in tckh} == {s.pk for s in t.sectors}


def test_a_district_office_cannot_open_the_other_districts_plans(year):
    t = year
    visible = set(plans_visible_to(user=t.users.pnn1).values_list("pk", flat=True))
    other = t.district2_plan.unit.plans.filter(kind=PlanKind.DISTRICT_SECTOR_PLAN).get()
    assert other.pk not in visible
    for plan in [other, t.district2_plan, t.district1_plan]:
        with pytest.raises(Http404):
            get_plan_for_user(user=t.users.pnn1, pk=plan.pk)


def test_a_department_sees_its_sector_line_province_wide_but_not_other_sectors(year):
    t = year
    visible = set(plans_visible_to(user=t.users.snn).values_list("pk", flat=True))
    agri_offices = {
        p.pk
        for p in t.province.plans.none().model.objects.filter(
            kind=PlanKind.DISTRICT_SECTOR_PLAN, agency__sector=t.agri
        )
    }
    assert len(agri_offices) == 2 and agri_offices <= visible
    education = t.education_plan
    education_office = Plan.objects.get(kind=PlanKind.DISTRICT_SECTOR_PLAN, agency=t.pgd1)
    for plan in [education, education_office, t.province_plan]:
        assert plan.pk not in visible
        with pytest.raises(Http404):
            get_plan_for_user(user=t.users.snn, pk=plan.pk)
    # Its plan's children are its sector line only.
    children = set(children_of(t.agri_plan).values_list("pk", flat=True))
    assert agri_offices | {t.unit_plan.pk} <= children
    assert education_office.pk not in children
    # Its inbox holds the agriculture frameworks, not the education one.
    inbox = selectors.frameworks_received(user=t.users.snn, report_year=2026)
    assert {d.plan.agency_id for d in inbox} == {t.pnn1.pk, t.pnn2.pk}


def test_the_register_is_hidden_from_other_districts(year):
    t = year
    assert selectors.register_visible_to(user=t.p.tckh1, plan=t.district1_plan).count() == 1
    assert not selectors.register_visible_to(user=t.p.tckh2, plan=t.province_plan).exists()
