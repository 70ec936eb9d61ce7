"""Who sees which orientation forms and five-year plans: a district office its sector in
its own district only; a Sở ngành its sector line province-wide, not other sectors' drafts."""

from django.urls import reverse

from sedp.fiveyear.orientation import orientation_plans_visible
from sedp.fiveyear.services import five_year_plan_create
from sedp.fiveyear.tests.helpers import YEAR, directional_plan, member, orientation_form
from sedp.territory.models import Agency, AgencyKind, Reach


def _forms(tree):
    education1 = Agency.objects.create(
        unit=tree.district1,
        kind=AgencyKind.DISTRICT_SECTOR_OFFICE,
        name="Phòng GD huyện Một",
        sector=tree.education,
        reach=Reach.SECTOR_LINE,
    )
    ext = member("khuyennong1", tree.extension1)
    pnn2 = member("pnn2", tree.pnn2)
    return {
        "pnn1": orientation_form(tree.users.pnn1, tree.pnn1),
        "ext1": orientation_form(ext, tree.extension1),
        "pnn2": orientation_form(pnn2, tree.pnn2),
        "edu1": orientation_form(member("pgd1", education1), education1),
        "tckh1": directional_plan(tree.users.tckh1, tree.tckh1),
    }


def _visible(user):
    return {p.pk for p in orientation_plans_visible(user=user, report_year=YEAR)}


def test_a_district_office_sees_its_sector_in_its_district_only(tree, login):
    forms = _forms(tree)
    assert _visible(tree.users.pnn1) == {forms["pnn1"].pk, forms["ext1"].pk}
    client = login(tree.users.pnn1)
    assert client.get(reverse("plans-plan-detail", args=[forms["ext1"].pk])).status_code == 200
    for other in ("pnn2", "edu1", "tckh1"):
        url = reverse("plans-plan-detail", args=[forms[other].pk])
        assert client.get(url).status_code == 404, other
    url = reverse("fiveyear-form-indicators", args=[forms["pnn2"].pk])
    assert client.get(url).status_code == 404


def test_a_department_sees_its_sector_line_province_wide_not_other_sectors(tree, login):
    forms = _forms(tree)
    assert _visible(tree.users.snn) == {forms["pnn1"].pk, forms["ext1"].pk, forms["pnn2"].pk}
    client = login(tree.users.snn)
    url = reverse("plans-plan-detail", args=[forms["edu1"].pk])
    assert client.get(url).status_code == 404
    url = reverse("fiveyear-orientation-detail", args=[forms["tckh1"].pk])
    assert client.get(url).status_code == 404


def test_phong_tckh_sees_its_district_and_not_the_other(tree, login):
    forms = _forms(tree)
    assert _visible(tree.users.tckh1) == {
        forms["pnn1"].pk,
        forms["ext1"].pk,
        forms["edu1"].pk,
        forms["tckh1"].pk,
    }
    tckh2 = member("tckh2", tree.tckh2)
    client = login(tree.users.tckh1)
    assert (
        client.get(reverse("fiveyear-orientation-detail", args=[forms["tckh1"].pk])).status_code
        == 200
    )
    client = login(tckh2)
    assert (
        client.get(reverse("fiveyear-orientation-detail", args=[forms["tckh1"].pk])).status_code
        == 404
    )
    assert client.get(reverse("plans-plan-detail", args=[forms["pnn1"].pk])).status_code == 404


def test_five_year_plans_show_the_frames_above_but_not_other_sectors(tree):
    from sedp.fiveyear.selectors import five_year_plans_visible_to

    province = five_year_plan_create(
        user=tree.users.skhdt, agency=tree.skhdt, start_year=2026, title="KHPT KTXH tỉnh"
    )
    agri = five_year_plan_create(
        user=tree.users.snn, agency=tree.snn, start_year=2026, title="KH ngành nông nghiệp"
    )
    sgd = member("sgd", tree.sgd)
    education = five_year_plan_create(
        user=sgd, agency=tree.sgd, start_year=2026, title="KH ngành giáo dục"
    )
    district = five_year_plan_create(
        user=tree.users.tckh1, agency=tree.tckh1, start_year=2026, title="KHPT KTXH huyện Một"
    )
    seen = set(five_year_plans_visible_to(user=tree.users.pnn1))
    assert seen == {province, agri, district}  # the frames it works within
    assert set(five_year_plans_visible_to(user=tree.users.snn)) == {province, agri}
    assert set(five_year_plans_visible_to(user=tree.users.skhdt)) == {
        province,
        agri,
        education,
        district,
    }
    assert district not in set(five_year_plans_visible_to(user=member("tckh2", tree.tckh2)))
