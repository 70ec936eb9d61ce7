"""Commune step 5: the draft pre-filled from the data, the completeness check, the commune
plan framework (khung KH xã) on screen and in XLSX, the People's Council's opinion, and the
submission that reaches the district's finance-planning office (or the province's
department in the two-tier structure)."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from sedp.activities.services import envelopes_set
from sedp.cycles.models import Task
from sedp.indicators.models import Indicator, IndicatorValue
from sedp.meetings.services import conference_record
from sedp.plans import services
from sedp.plans.consolidation import plan_consolidate
from sedp.plans.draft import completeness, framework_rows, prefill_texts
from sedp.plans.models import CouncilOpinion, PlanKind, PlanStatus
from sedp.plans.services import plan_accept, plan_create, plan_submit
from sedp.plans.tests.helpers import YEAR, activity_data, proposal, ready_commune_draft


@pytest.fixture
def commune(tree):
    plan = plan_create(
        user=tree.users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    village = proposal(
        tree.users.thon1,
        tree.vgroup1,
        [
            activity_data(tree.agri, title="Kênh mương nội đồng"),
            activity_data(tree.education, title="Sửa phòng học", priority=2),
        ],
        submit=True,
    )
    plan_accept(user=tree.users.xa1, plan=village)
    plan_consolidate(user=tree.users.xa1, plan=plan)
    return plan


def _indicator(tree):
    indicator = Indicator.objects.create(
        code="ty-le-ho-ngheo",
        name="Tỷ lệ hộ nghèo",
        unit_of_measure="%",
        group="xa_hoi",
        sector=tree.agri,
        unit_types=["xa"],
        nature="stock",
        rule="none",
        decimals=1,
    )
    for kind, value in [("kh_x", "14"), ("uth_x", "13.5"), ("kh_de_xuat", "11")]:
        IndicatorValue.objects.create(
            unit=tree.commune1, indicator=indicator, report_year=YEAR, kind=kind, value=value
        )
    return indicator


def test_the_draft_is_prefilled_from_indicators_activities_and_the_balance(tree, commune):
    _indicator(tree)
    envelopes_set(user=tree.users.xa1, plan=commune, amounts={"commune_development": 700_000_000})
    texts = prefill_texts(commune)
    assert "Tỷ lệ hộ nghèo (%)" in texts["p1.2.targets"] and "13,5" in texts["p1.2.targets"]
    assert "11,0" in texts["p2.3.targets"]
    assert "Kênh mương nội đồng" in texts["p2.3.economy"]
    assert "Sửa phòng học" in texts["p2.3.culture_society"]
    assert "700.000.000" in texts["p2.2.resources"] and "700.000.000" in texts["p2.4.balance"]
    # Only empty sections are filled: the group's own text is kept.
    services.plan_update_sections(
        user=tree.users.xa1, plan=commune, bodies={"p2.3.economy": "Văn bản của tổ"}
    )
    filled = services.plan_prefill(user=tree.users.xa1, plan=commune)
    assert "p2.3.economy" not in filled and "p1.2.targets" in filled
    assert commune.sections.get(code="p2.3.economy").body == "Văn bản của tổ"


def test_the_completeness_check_lists_what_is_missing_and_blocks_completion(tree, commune):
    missing = completeness(commune)
    assert any("Hội nghị lập KH xã" in m for m in missing)
    assert sum("trống" in m for m in missing) == commune.sections.count()
    with pytest.raises(ValidationError):
        services.plan_complete_draft(user=tree.users.xa1, plan=commune)
    commune.refresh_from_db()
    assert commune.draft_completed_at is None and not commune.versions.exists()


def test_the_framework_summarises_the_plan_on_screen_and_in_xlsx(tree, login, commune):
    _indicator(tree)
    rows = framework_rows(commune)
    assert [r["activity"] for r in rows] == ["Kênh mương nội đồng", "Sửa phòng học"]
    assert "Tỷ lệ hộ nghèo (%): 13,5 → 11,0" in rows[0]["indicators"]
    assert rows[0]["people"] == 50_000_000 and rows[0]["target_programmes"] == 400_000_000
    client = login(tree.users.xa1)
    page = client.get(reverse("plans-plan-framework", args=[commune.pk])).content.decode()
    assert "Khung kế hoạch xã" in page and "Sửa phòng học" in page
    response = client.get(reverse("plans-plan-framework", args=[commune.pk]) + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[2][4] == "Kênh mương nội đồng" and values[-1][8] == "=SUM(I3:I4)"


def test_the_council_opinion_needs_who_when_and_what(tree, commune):
    conference_record(
        user=tree.users.xa1, plan=commune, date=datetime.date(2026, 6, 19), men=3, women=2
    )
    with pytest.raises(ValidationError) as error:
        services.plan_record_council_opinion(
            user=tree.users.xa1, plan=commune, given_by="", date=None, opinion=""
        )
    assert set(error.value.message_dict) == {"given_by", "date", "opinion"}
    with pytest.raises(ValidationError, match="Hoàn thiện dự thảo"):
        services.plan_record_council_opinion(
            user=tree.users.xa1,
            plan=commune,
            given_by="Chủ tịch HĐND xã",
            date=datetime.date(2026, 6, 23),
            opinion="Đồng ý",
        )
    assert not CouncilOpinion.objects.exists()


def test_the_submitted_draft_arrives_at_the_district_office(tree, login, commune):
    ready_commune_draft(tree.users.xa1, commune)
    client = login(tree.users.xa1)
    page = client.get(reverse("plans-plan-draft", args=[commune.pk])).content.decode()
    assert "Phòng TCKH huyện Một" in page and "Không còn thiếu nội dung nào" in page
    client.post(reverse("plans-plan-submit", args=[commune.pk]))
    commune.refresh_from_db()
    assert commune.status == PlanStatus.SUBMITTED and commune.submitted_to == tree.tckh1
    district = login(tree.users.tckh1).get(reverse("plans-plan-list") + f"?year={YEAR}")
    assert "Tổ công tác KH xã Một A" in district.content.decode()
    assert district.context["received"][0] == commune
    # The other district's office does not receive it.
    other = login(tree.users.xa3).get(reverse("plans-plan-list") + f"?year={YEAR}")
    assert not list(other.context["received"])


def test_in_the_two_tier_structure_the_draft_goes_to_the_province(tree):
    from sedp.territory.models import Agency, AgencyKind

    # A commune straight under the province (the 2025 structure): its parent is the province.
    commune = tree.commune3
    commune.parent = tree.province
    commune.save(update_fields=["parent"])
    plan = plan_create(
        user=tree.users.xa3, agency=tree.group3, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    assert services.receiving_agency(plan) == tree.skhdt
    Agency.objects.filter(kind=AgencyKind.PLANNING_DEPARTMENT).delete()
    finance = Agency.objects.create(
        unit=tree.province,
        kind=AgencyKind.FINANCE_DEPARTMENT,
        name="Sở Tài chính",
        reach="territory",
    )
    assert services.receiving_agency(plan) == finance


def test_step_five_completes_its_calendar_tasks(tree, commune, monkeypatch):
    calls = []
    monkeypatch.setattr(
        "sedp.plans.hooks.complete_tasks_for_outputs",
        lambda agency, output_codes, event: calls.extend(output_codes) or len(output_codes),
    )
    ready_commune_draft(tree.users.xa1, commune)
    plan_submit(user=tree.users.xa1, plan=commune)
    assert {
        "xa.plan_draft",
        "xa.plan_draft_final",
        "xa.plan_framework",
        "xa.plan_submitted",
    } <= set(calls)
    assert Task.objects.count() == 0  # no cycle open here: only the hook calls are checked
