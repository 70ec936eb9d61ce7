"""The district directional plan freezes its indicators as lines by code; its versions compare."""

from decimal import Decimal

from django.urls import reverse

from sedp.fiveyear import orientation
from sedp.fiveyear.tests.helpers import YEAR, accept, directional_plan, orientation_form
from sedp.indicators.catalogue import ensure_catalogue
from sedp.indicators.models import Indicator, IndicatorValue, Kind
from sedp.plans.services import plan_update_sections


def test_the_summary_and_the_draft_of_a_directional_plan_compare(tree, login):
    ensure_catalogue()
    growth = Indicator.objects.get(code="tang-truong-grdp")
    IndicatorValue.objects.create(
        unit=tree.district1, indicator=growth, report_year=YEAR, kind=Kind.PROPOSED,
        value=Decimal("8.5"), basis="Nghị quyết Đại hội",
    )  # fmt: skip
    directional = directional_plan(tree.users.tckh1, tree.tckh1)
    accept(tree.users.tckh1, orientation_form(tree.users.pnn1, tree.pnn1))
    orientation.summary_close(user=tree.users.tckh1, plan=directional)
    bodies = {"p1.half_year": "Kinh tế 6 tháng tăng 7,9 %.", "p3.objectives": "Tăng 8,5 %."}
    plan_update_sections(user=tree.users.tckh1, plan=directional, bodies=bodies)
    orientation.draft_issue(user=tree.users.tckh1, plan=directional)

    page = login(tree.users.tckh1).get(reverse("revisions-version-compare", args=[directional.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert growth.name in text and "8,5" in text
