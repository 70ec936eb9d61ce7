"""The newcomer path: the demo loads, twice without change, and every login works."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from sedp.accounts.models import Membership
from sedp.demo import DEMO_PASSWORD, LOGINS
from sedp.territory.models import AdminUnit, Agency, AgencyKind


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        yield out.getvalue()
        # Leave the shared test database as other modules expect it.
        from django.core.management import call_command as cc

        cc("flush", interactive=False, verbosity=0)


@pytest.mark.django_db
def test_demo_prints_every_login(demo):
    for login in LOGINS:
        assert login.username in demo
    assert DEMO_PASSWORD in demo and "admin" in demo


@pytest.mark.django_db
def test_demo_has_agencies_of_every_kind_and_villages(demo):
    kinds = set(Agency.objects.values_list("kind", flat=True).distinct())
    assert kinds == set(AgencyKind.values)
    assert AdminUnit.objects.filter(level__code="thon").count() == 32
    assert Membership.objects.count() == len(LOGINS)


@pytest.mark.django_db
def test_demo_is_idempotent(demo):
    counts = (AdminUnit.objects.count(), Agency.objects.count(), Membership.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert counts == (AdminUnit.objects.count(), Agency.objects.count(), Membership.objects.count())


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["admin"] + [login.username for login in LOGINS])
def test_every_demo_login_lands_on_a_working_home(demo, client, username):
    assert client.login(username=username, password=DEMO_PASSWORD)
    response = client.get(reverse("core-home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Xin chào" in page
    for url in [
        reverse("territory-agency-list"),
        reverse("territory-structure-list"),
        reverse("core-event-list"),
    ]:
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_demo_has_indicator_values_that_roll_up_for_muong_hum(demo):
    from sedp.indicators.demo_values import load_indicator_demo
    from sedp.indicators.models import Indicator, IndicatorValue, Kind
    from sedp.indicators.rollup import rollup

    commune = AdminUnit.objects.get(structure__code="laocai-2015", code="02728")
    assert IndicatorValue.objects.filter(unit__parent=commune).exists()
    assert load_indicator_demo() == 0  # idempotent
    indicators = list(Indicator.objects.all())
    year = IndicatorValue.objects.order_by("-report_year").first().report_year
    rate = Indicator.objects.get(code="ty-le-ho-ngheo")
    rolled = rollup(unit=commune, report_year=year, indicators=indicators)[(rate.pk, Kind.ESTIMATE)]
    assert 0 < rolled.value < 60 and rolled.missing == []


@pytest.mark.django_db
def test_demo_has_mường_hum_proposals_in_every_review_state(demo):
    from sedp.plans.models import Plan, PlanKind

    plans = Plan.objects.filter(report_year=2026, unit__path__startswith=_muong_hum().path)
    states = set(plans.filter(kind=PlanKind.VILLAGE_PROPOSAL).values_list("status", flat=True))
    assert states == {"draft", "submitted", "returned", "accepted"}
    commune = plans.get(kind=PlanKind.COMMUNE_PLAN)
    assert commune.activities.count() == 6
    assert all(line.origins.exists() for line in commune.activities.all())


def _muong_hum():
    return AdminUnit.objects.get(structure__code="laocai-2015", code="02728")


@pytest.mark.django_db
def test_demo_has_documents_and_mường_hums_step_1(demo, client):
    from sedp.directives.models import Document
    from sedp.groups.models import WorkingGroup

    kinds = set(Document.objects.values_list("kind", flat=True))
    assert {"tinh.directive", "huyen.letter1", "huyen.letter2", "xa.launch_letter"} <= kinds
    assert WorkingGroup.objects.filter(unit__name="Xã Mường Hum").count() == 1
    assert WorkingGroup.objects.filter(unit__parent__name="Xã Mường Hum").count() == 3
    client.login(username="thon.poho", password=DEMO_PASSWORD)
    inbox = client.get(reverse("directives-document-list")).content.decode()
    assert "45/UBND-VP" in inbox
    group = client.get(reverse("groups-home"), follow=True).content.decode()
    assert "Sùng A Chứ" in group and "ít nhất một đến hai thành viên nữ" in group
    client.login(username="kh.muonghum", password=DEMO_PASSWORD)
    step1 = client.get(reverse("groups-home"), follow=True).content.decode()
    assert "46/QĐ-UBND" in step1 and "45/UBND-VP" in step1 and "08/05/2026" in step1


@pytest.mark.django_db
def test_demo_monitors_muong_hum_and_fills_next_years_assessment(demo, client):
    from sedp.monitoring import dashboard
    from sedp.monitoring.assessment import BEGIN
    from sedp.monitoring.demo import load_demo_monitoring
    from sedp.monitoring.models import CollectionTask, ExplanationRequest
    from sedp.plans.models import Plan, PlanKind, PlanStatus

    monitored = Plan.objects.get(kind=PlanKind.COMMUNE_PLAN, report_year=2025, unit=_muong_hum())
    assert monitored.status == PlanStatus.APPROVED and monitored.me_state.monitoring_started_at
    assert CollectionTask.objects.filter(plan=monitored, status="reported").exists()
    load_demo_monitoring()  # idempotent
    assert (
        Plan.objects.filter(kind=PlanKind.COMMUNE_PLAN, report_year=2025, unit=_muong_hum()).count()
        == 1
    )
    request = ExplanationRequest.objects.get()
    assert request.agency.memberships.filter(user__username="truong.muonghum").exists()
    following = Plan.objects.get(kind=PlanKind.COMMUNE_PLAN, report_year=2026, unit=_muong_hum())
    assert BEGIN in following.sections.get(code="p1.2.targets").body  # kept text + block
    assert following.me_rows.exists()  # next year's framework is pre-filled
    assert client.login(username="tckh.batxat", password=DEMO_PASSWORD)
    data = dashboard.build(user=_user("tckh.batxat"), plan=monitored)
    assert data["totals"].counts["off"] > 0 and data["totals"].late == 1
    page = client.get(reverse("monitoring-dashboard-plan", args=[monitored.pk]))
    assert page.status_code == 200
    assert client.login(username="truong.muonghum", password=DEMO_PASSWORD)
    work = client.get(reverse("monitoring-work-mine")).content.decode()
    assert reverse("monitoring-explanation-detail", args=[request.pk]) in work


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


@pytest.mark.django_db
def test_the_demo_directives_and_letters_render_as_decree_30_word_files(demo, settings, tmp_path):
    """Each document the demo issues downloads as its Word file, end to end (the Mường Hum
    commune's launch letter by its own planner, the others by the administrator)."""
    from sedp.directives.models import Document
    from sedp.documents.tests.helpers import all_texts, generate, open_docx

    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    documents = list(Document.objects.order_by("pk"))
    assert len(documents) >= 5
    admin = _user("admin")
    for document in documents:
        user = _user("kh.muonghum") if document.kind == "xa.launch_letter" else admin
        text = all_texts(
            open_docx(generate(user, "official_document", document, "docx", "directive"))
        )
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Nơi nhận" in text
        assert document.number.split("/")[0] in text and document.body[:40] in text


def test_demo_has_an_adjusted_and_republished_plan(demo):
    from sedp.portal.models import Adjustment, Publication

    assert "Điều chỉnh: kế hoạch năm 2026 của xã Mường Hum" in demo
    adjustment = Adjustment.objects.get(resolution_number="12/NQ-HĐND")
    assert adjustment.version.label == "revised"
    assert Publication.objects.get(plan=adjustment.plan).adjustment == adjustment


@pytest.mark.django_db
def test_tckh_batxat_reads_a_filled_district_plan_and_its_word_document(
    demo, client, settings, tmp_path
):
    """Bát Xát's district plan is consolidated from the plans that arrived (its education
    office's, the commune lines no office carries), written in full and issued as draft 1:
    phòng TCKH's page shows its text and its Word document has text and non-zero totals."""
    from sedp.documents.tests.helpers import all_texts, generate, open_docx, table_rows
    from sedp.plans.models import Plan, PlanKind
    from sedp.upper.demo import DISTRICT_SECTIONS
    from sedp.upper.services import issued_drafts

    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    plan = Plan.objects.get(
        kind=PlanKind.DISTRICT_PLAN, report_year=2026, agency__unit__name="Huyện Bát Xát"
    )
    assert issued_drafts(plan) == {"draft1"}
    assert plan.activities.count() > 0
    assert all(section.body.strip() for section in plan.sections.all())
    assert client.login(username="tckh.batxat", password=DEMO_PASSWORD)
    page = client.get(reverse("plans-plan-detail", args=[plan.pk]))
    assert page.status_code == 200
    assert DISTRICT_SECTIONS["d3.targets"][:40] in page.content.decode()
    docx = open_docx(generate(_user("tckh.batxat"), "plan", plan))
    text = all_texts(docx)
    assert DISTRICT_SECTIONS["d1.1.results"][:60] in text
    assert "(Chưa có nội dung)" not in text
    total = next(
        row
        for table in docx.tables
        for row in table_rows(table)
        if len(row) > 4 and row[1] == "TỔNG CỘNG"
    )
    assert total[4] not in ("", "0")


@pytest.mark.django_db
def test_skhdt_and_snn_find_the_provincial_drafts_built_from_bao_thang(demo, client):
    """Bảo Thắng's district plan went all the way to Sở KHĐT; Sở NN&PTNT's sector plan and
    Sở KHĐT's provincial plan are consolidated and issued as drafts. A provincial line leads
    back to the village that proposed it; Sở NN&PTNT sees its sector line only."""
    from sedp.accounts.scoping import scope_for
    from sedp.activities.models import Activity
    from sedp.plans.models import Plan, PlanKind, PlanStatus
    from sedp.plans.rules import can_edit
    from sedp.plans.selectors import plans_visible_to
    from sedp.upper.demo_province import PROPOSALS, PROVINCE_SECTIONS, SECTOR_SECTIONS
    from sedp.upper.selectors import leaf_pairs
    from sedp.upper.services import issued_drafts

    assert "Cấp tỉnh: KH huyện Bảo Thắng đã gửi, Sở KHĐT tiếp nhận" in demo
    plans = Plan.objects.filter(report_year=2026)
    province = plans.get(kind=PlanKind.PROVINCE_PLAN)
    sector = plans.get(kind=PlanKind.PROVINCE_SECTOR_PLAN)
    district = plans.get(kind=PlanKind.DISTRICT_PLAN, unit__name="Huyện Bảo Thắng")
    assert district.status == PlanStatus.ACCEPTED
    assert issued_drafts(district) == {"draft1", "draft2"}
    assert issued_drafts(province) == {"preliminary"} and issued_drafts(sector) == {"draft"}
    assert all(section.body.strip() for section in province.sections.all())
    # Bát Xát is left as the district demo builds it.
    assert plans.get(kind=PlanKind.DISTRICT_PLAN, unit__name="Huyện Bát Xát").status == "draft"

    # A line of the provincial plan comes from Thôn Phìn Giàng A's proposal (via the district).
    road = PROPOSALS[0][2][0]
    line = province.activities.get(title=road)
    [(_line, leaf)] = leaf_pairs(line_ids=[line.pk])
    origin = Activity.objects.select_related("plan__unit").get(pk=leaf)
    assert origin.plan.kind == PlanKind.VILLAGE_PROPOSAL
    assert origin.plan.unit.name == "Thôn Phìn Giàng A"

    assert client.login(username="skhdt", password=DEMO_PASSWORD)
    page = client.get(reverse("plans-plan-detail", args=[province.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert PROVINCE_SECTIONS["v1.2.targets"][:50] in text and "Sở Kế hoạch và Đầu tư" in text
    trace = client.get(reverse("upper-plan-trace", args=[province.pk]))
    assert trace.status_code == 200
    trace = trace.content.decode()
    assert road in trace and "Tổ công tác kế hoạch thôn Phìn Giàng A (Thôn Phìn Giàng A)" in trace
    # Sở KHĐT reads the whole province, the Sở's draft included, but does not edit it.
    assert client.get(reverse("plans-plan-detail", args=[sector.pk])).status_code == 200
    assert not can_edit(scope_for(_user("skhdt")), sector)

    snn = _user("snn")
    assert client.login(username="snn", password=DEMO_PASSWORD)
    page = client.get(reverse("plans-plan-detail", args=[sector.pk]))
    assert page.status_code == 200 and SECTOR_SECTIONS["v3.tasks"][:40] in page.content.decode()
    trace = client.get(reverse("upper-plan-trace", args=[sector.pk])).content.decode()
    assert PROPOSALS[0][0][0] in trace and "(Thôn Phìn Giàng A)" in trace
    # A Sở ngành sees its own sector's plans only: not the other sectors' drafts, nor
    # the territorial plans.
    sector_path = sector.agency.sector.path
    visible = list(plans_visible_to(user=snn).select_related("agency__sector"))
    assert sector.pk in {plan.pk for plan in visible}
    assert all(p.agency.sector and p.agency.sector.path.startswith(sector_path) for p in visible)
    education = plans.get(kind=PlanKind.DISTRICT_SECTOR_PLAN, agency__sector__code="giao-duc")
    for other in [education, province, district]:
        assert client.get(reverse("plans-plan-detail", args=[other.pk])).status_code == 404
