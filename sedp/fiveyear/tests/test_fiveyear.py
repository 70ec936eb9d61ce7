"""The five-year frame: plans, targets, programmes, links from annual plans, and the
progress page up to mid-year X read from the indicator values."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sedp.activities.models import ChainLevel, ResultItem
from sedp.fiveyear import selectors, services
from sedp.fiveyear.models import Measure, ProgrammeKind
from sedp.fiveyear.tests.helpers import member
from sedp.indicators.catalogue import ensure_catalogue
from sedp.indicators.models import Indicator, IndicatorValue, Kind
from sedp.plans.models import PlanKind
from sedp.plans.services import plan_create


def _value(unit, code, report_year, kind, value):
    IndicatorValue.objects.create(
        unit=unit,
        indicator=Indicator.objects.get(code=code),
        report_year=report_year,
        kind=kind,
        value=Decimal(value),
    )


@pytest.fixture
def frame(tree):
    """The province's 2026–2030 plan with three targets and one programme."""
    ensure_catalogue()
    user = tree.users.skhdt
    plan = services.five_year_plan_create(
        user=user, agency=tree.skhdt, start_year=2026, title="KHPT KTXH 5 năm 2026–2030"
    )
    objective = services.objective_add(user=user, plan=plan, title="Giảm nghèo bền vững")
    poverty = services.target_add(
        user=user, plan=plan, indicator=Indicator.objects.get(code="ty-le-ho-ngheo"),
        baseline="20", target_value="10", objective=objective,
    )  # fmt: skip
    forest = services.target_add(
        user=user, plan=plan, indicator=Indicator.objects.get(code="do-che-phu-rung"),
        baseline="55", target_value="60",
    )  # fmt: skip
    growth = services.target_add(
        user=user, plan=plan, indicator=Indicator.objects.get(code="tang-truong-grdp"),
        target_value="8", measure=Measure.ANNUAL,
    )  # fmt: skip
    programme = services.programme_add(
        user=user, plan=plan, title="CTHĐ giảm nghèo", code="01", objective=objective
    )
    services.task_add(user=user, programme=programme, title="Hỗ trợ sinh kế", due_year=2027)
    services.task_add(user=user, programme=programme, title="Nhà ở hộ nghèo", due_year=2030)
    p = tree.province
    # Mid-2028: poverty fell 20 → 15.5 (45 % of the way where 60 % is expected: behind);
    # forest cover stuck at 55.5 (10 %: behind); growth 8.4, 7.9, ƯTH 8.3 (average 8.2 ≥ 8).
    _value(p, "tang-truong-grdp", 2027, Kind.ACTUAL_PREVIOUS, "8.4")
    _value(p, "tang-truong-grdp", 2028, Kind.ACTUAL_PREVIOUS, "7.9")
    _value(p, "tang-truong-grdp", 2028, Kind.ESTIMATE, "8.3")
    _value(p, "ty-le-ho-ngheo", 2028, Kind.ACTUAL_PREVIOUS, "17")
    _value(p, "ty-le-ho-ngheo", 2028, Kind.ACTUAL_HALF, "16.2")
    _value(p, "ty-le-ho-ngheo", 2028, Kind.ESTIMATE, "15.5")
    _value(p, "do-che-phu-rung", 2028, Kind.ESTIMATE, "55.5")
    return plan, {"poverty": poverty, "forest": forest, "growth": growth}, programme


def test_targets_are_on_track_or_behind_from_the_indicator_values(tree, frame):
    plan, targets, _programme = frame
    rows = {r.target.pk: r for r in selectors.target_progress(plan, list(plan.targets.all()), 2028)}
    poverty = rows[targets["poverty"].pk]
    assert (poverty.actual_previous, poverty.half_year, poverty.estimate) == (
        Decimal("17"), Decimal("16.2"), Decimal("15.5"),
    )  # fmt: skip
    assert poverty.achieved_percent == Decimal("45.0")
    assert poverty.expected_percent == Decimal("60.0")  # 2025 → 2028 of 2025 → 2030
    assert poverty.status == "behind"  # 45 < 0.9 × 60
    forest = rows[targets["forest"].pk]
    assert forest.status == "behind"
    growth = rows[targets["growth"].pk]
    assert growth.yearly == [(2026, Decimal("8.4")), (2027, Decimal("7.9")), (2028, Decimal("8.3"))]
    assert growth.status == "on_track"
    earlier = selectors.target_progress(plan, [targets["poverty"]], 2027)[0]
    assert earlier.status == "no_data"  # nothing entered for report year 2027


def test_a_target_reached_early_is_achieved(tree, frame):
    plan, targets, _programme = frame
    _value(tree.province, "do-che-phu-rung", 2029, Kind.ESTIMATE, "60.2")
    row = selectors.target_progress(plan, [targets["forest"]], 2029)[0]
    assert row.status == "achieved"


def test_programme_progress_and_who_reports_it(tree, frame):
    plan, _targets, programme = frame
    first, second = programme.tasks.all()
    row = selectors.programme_progress(plan, [programme], 2028)[0]
    assert row.status == "behind" and row.overdue == [first]  # due 2027, not done
    with pytest.raises(PermissionDenied):
        services.task_report_progress(user=tree.users.snn, task=first, progress=100)
    services.task_report_progress(user=tree.users.skhdt, task=first, progress=100, note="Xong")
    services.task_report_progress(user=tree.users.skhdt, task=second, progress=40)
    programme.refresh_from_db()
    row = selectors.programme_progress(plan, [programme], 2028)[0]
    assert row.progress == Decimal("70.0") and row.expected == Decimal("50")
    assert row.status == "on_track"
    with pytest.raises(ValidationError):
        services.task_report_progress(user=tree.users.skhdt, task=second, progress=140)


def test_a_central_programme_is_assigned_to_a_department_which_reports_it(tree, frame):
    plan, _targets, _programme = frame
    with pytest.raises(ValidationError):
        services.programme_add(user=tree.users.skhdt, plan=plan, title="CTMTQG NTM",
                               kind=ProgrammeKind.CENTRAL)  # fmt: skip
    central = services.programme_add(
        user=tree.users.skhdt, plan=plan, title="CTMTQG xây dựng nông thôn mới",
        kind=ProgrammeKind.CENTRAL, lead_agency=tree.snn,
    )  # fmt: skip
    task = services.task_add(user=tree.users.skhdt, programme=central, title="Xã đạt chuẩn",
                             due_year=2030)  # fmt: skip
    services.task_report_progress(user=tree.users.snn, task=task, progress=35)
    with pytest.raises(ValidationError):  # outside the period
        services.task_add(user=tree.users.skhdt, programme=central, title="x", due_year=2031)


def test_only_the_author_writes_and_targets_are_checked(tree, frame):
    plan, _targets, _programme = frame
    with pytest.raises(PermissionDenied):
        services.objective_add(user=tree.users.snn, plan=plan, title="x")
    with pytest.raises(ValidationError):  # one target per indicator
        services.target_add(user=tree.users.skhdt, plan=plan,
                            indicator=Indicator.objects.get(code="ty-le-ho-ngheo"),
                            target_value="9")  # fmt: skip
    with pytest.raises(ValidationError):
        services.target_add(user=tree.users.skhdt, plan=plan,
                            indicator=Indicator.objects.get(code="ty-le-bhyt"),
                            target_value="120")  # fmt: skip
    with pytest.raises(ValidationError):  # a school keeps no five-year plan
        services.five_year_plan_create(user=tree.users.truong1, agency=tree.school1,
                                       start_year=2026, title="x")  # fmt: skip
    with pytest.raises(ValidationError):  # one per agency and period
        services.five_year_plan_create(user=tree.users.skhdt, agency=tree.skhdt,
                                       start_year=2026, title="x")  # fmt: skip


def test_annual_results_and_activities_link_to_the_frame(tree, frame):
    plan, _targets, programme = frame
    objective = plan.objectives.get()
    annual = plan_create(user=tree.users.xa1, agency=tree.group1,
                         kind=PlanKind.COMMUNE_PLAN, report_year=2026)  # fmt: skip
    result = ResultItem.objects.create(plan=annual, level=ChainLevel.GOAL, title="Giảm nghèo")
    with pytest.raises(PermissionDenied):
        services.link_create(user=tree.users.tckh1, annual_plan=annual, result=result,
                             objective=objective)  # fmt: skip
    link = services.link_create(user=tree.users.xa1, annual_plan=annual, result=result,
                                objective=objective)  # fmt: skip
    assert link.five_year == objective
    with pytest.raises(ValidationError):  # 2032 is outside 2026–2030
        later = plan_create(user=tree.users.xa1, agency=tree.group1,
                            kind=PlanKind.COMMUNE_PLAN, report_year=2031)  # fmt: skip
        item = ResultItem.objects.create(plan=later, level=ChainLevel.GOAL, title="x")
        services.link_create(user=tree.users.xa1, annual_plan=later, result=item,
                             programme=programme)  # fmt: skip


def test_the_links_page_offers_the_frames_and_records_a_link(tree, frame, login):
    plan, _targets, programme = frame
    annual = plan_create(user=tree.users.xa1, agency=tree.group1,
                         kind=PlanKind.COMMUNE_PLAN, report_year=2026)  # fmt: skip
    result = ResultItem.objects.create(plan=annual, level=ChainLevel.GOAL, title="Giảm nghèo")
    client = login(tree.users.xa1)
    url = reverse("fiveyear-link-list", args=[annual.pk])
    assert "CTHĐ giảm nghèo" in client.get(url).content.decode()
    client.post(url, {"annual": f"result:{result.pk}", "frame": f"programme:{programme.pk}"})
    assert result.five_year_links.get().programme == programme
    page = client.get(reverse("fiveyear-plan-detail", args=[plan.pk])).content.decode()
    assert "1 kết quả, hoạt động của KH năm" in page
    link = result.five_year_links.get()
    client.post(url, {"delete": link.pk})
    assert not result.five_year_links.exists()


def test_the_progress_page_runs_a_constant_number_of_queries(
    tree, frame, login, django_assert_max_num_queries
):
    plan, _targets, programme = frame
    client = login(tree.users.skhdt)
    url = reverse("fiveyear-plan-progress", args=[plan.pk]) + "?year=2028"
    with django_assert_max_num_queries(13) as small:
        page = client.get(url).content.decode()
    assert "Tỷ lệ hộ nghèo" in page and "CTHĐ giảm nghèo" in page
    for n in range(20):
        services.task_add(user=tree.users.skhdt, programme=programme, title=f"t{n}",
                          due_year=2029)  # fmt: skip
    for code in ["ty-le-bhyt", "dan-so", "ho-dan", "grdp"]:
        indicator = Indicator.objects.get(code=code)
        services.target_add(user=tree.users.skhdt, plan=plan, indicator=indicator, target_value="1")
    with django_assert_max_num_queries(len(small)):
        client.get(url)


def test_pages_are_reachable_and_scoped(tree, frame, login):
    plan, _targets, _programme = frame
    client = login(tree.users.skhdt)
    assert client.get(reverse("fiveyear-plan-list")).status_code == 200
    page = client.get(reverse("fiveyear-plan-detail", args=[plan.pk])).content.decode()
    assert "Giảm nghèo bền vững" in page
    outsider = login(tree.users.outsider)
    assert outsider.get(reverse("fiveyear-plan-detail", args=[plan.pk])).status_code == 404
    response = login(tree.users.skhdt).post(
        reverse("fiveyear-plan-detail", args=[plan.pk]),
        {"part": "objective", "title": "Phát triển kinh tế xanh"},
    )
    assert response.status_code == 302
    assert plan.objectives.filter(title="Phát triển kinh tế xanh").exists()
    viewer = member("xem", tree.snn, role="viewer")
    response = login(viewer).post(
        reverse("fiveyear-plan-detail", args=[plan.pk]), {"part": "objective", "title": "x"}
    )
    assert response.status_code in {403, 404}


def test_list_pages_run_a_constant_number_of_queries(tree, login, django_assert_max_num_queries):
    from sedp.fiveyear.tests.helpers import YEAR, orientation_form

    client = login(tree.users.skhdt)
    urls = [reverse("fiveyear-plan-list"), reverse("fiveyear-orientation-start") + f"?year={YEAR}"]
    services.five_year_plan_create(
        user=tree.users.skhdt, agency=tree.skhdt, start_year=2026, title="KH 1"
    )
    orientation_form(tree.users.pnn1, tree.pnn1)
    counts = []
    for url in urls:
        with django_assert_max_num_queries(20) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    services.five_year_plan_create(
        user=tree.users.skhdt, agency=tree.skhdt, start_year=2031, title="KH 2"
    )
    services.five_year_plan_create(
        user=tree.users.snn, agency=tree.snn, start_year=2026, title="KH ngành"
    )
    ext = member("kn", tree.extension1)
    orientation_form(ext, tree.extension1)
    orientation_form(member("pnn2", tree.pnn2), tree.pnn2)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            client.get(url)
