"""District steps 1–3: sector orientation forms, review with a 3-day deadline, sub-sector
gathering, the orientation summary, the draft directional plan and conference 1."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from sedp.cycles.loading import load_all_templates
from sedp.cycles.models import ProcessTemplate, Task, TaskStatus
from sedp.cycles.services import cycle_open
from sedp.fiveyear import orientation
from sedp.fiveyear.tests.helpers import (
    YEAR,
    accept,
    conference_data,
    directional_plan,
    member,
    orientation_form,
)
from sedp.indicators.catalogue import ensure_catalogue
from sedp.indicators.models import Indicator, IndicatorValue, Kind
from sedp.meetings.models import MeetingKind
from sedp.plans.models import PlanKind, PlanStatus
from sedp.plans.services import parent_plan_of, plan_create, plan_return, plan_submit


@pytest.fixture
def cycle(tree):
    load_all_templates()
    template = ProcessTemplate.objects.get(code="laocai-1131-3cap")
    cycle, _new = cycle_open(
        user=tree.users.skhdt, template=template, structure=tree.structure, report_year=YEAR
    )
    return cycle


def _open(agency, code):
    return Task.objects.filter(
        agency=agency,
        status=TaskStatus.OPEN,
        activity__ios__is_output=True,
        activity__ios__code=code,
    )


def test_only_district_bodies_start_orientation_plans(tree):
    with pytest.raises(ValidationError):
        plan_create(
            user=tree.users.xa1,
            agency=tree.group1,
            kind=PlanKind.SECTOR_ORIENTATION,
            report_year=YEAR,
        )
    truong = tree.users.truong1  # a school at a commune is not a district office
    with pytest.raises(ValidationError):
        plan_create(
            user=truong, agency=tree.school1, kind=PlanKind.SECTOR_ORIENTATION, report_year=YEAR
        )
    form = orientation_form(tree.users.pnn1, tree.pnn1, submit=False)
    assert [s.code for s in form.sections.all()][:3] == ["situation", "problems", "causes"]


def test_a_form_needs_its_problems_and_objectives_not_activities(tree):
    form = orientation_form(tree.users.pnn1, tree.pnn1, submit=False, objectives="")
    with pytest.raises(ValidationError, match=r"X\+1"):
        plan_submit(user=tree.users.pnn1, plan=form)


def test_tckh_returns_a_form_with_a_three_day_deadline_and_the_office_resubmits(tree, cycle):
    directional_plan(tree.users.tckh1, tree.tckh1)
    form = orientation_form(tree.users.pnn1, tree.pnn1)
    assert not _open(tree.pnn1, "huyen.sector_orientation_form").exists()  # task done
    with pytest.raises(PermissionDenied):  # another district's office cannot review it
        plan_return(user=tree.users.pnn1, plan=form, reason="x", deadline=None)
    form = plan_return(
        user=tree.users.tckh1, plan=form, reason="Thiếu chỉ tiêu cả ngành.", deadline=None
    )
    assert form.status == PlanStatus.RETURNED
    assert form.return_deadline == timezone.localdate() + datetime.timedelta(days=3)
    form = plan_submit(user=tree.users.pnn1, plan=form)
    assert form.status == PlanStatus.SUBMITTED
    # Both are the "submitted" milestone; what each was stays in the version's note.
    versions = form.versions.order_by("number")
    assert [(v.label, v.note) for v in versions] == [
        ("submitted", "Nộp lần đầu"),
        ("submitted", "Nộp lại"),
    ]


def test_the_review_page_fills_in_the_three_day_deadline(tree, login):
    directional_plan(tree.users.tckh1, tree.tckh1)
    form = orientation_form(tree.users.pnn1, tree.pnn1)
    page = login(tree.users.tckh1).get(reverse("plans-plan-detail", args=[form.pk]))
    expected = timezone.localdate() + datetime.timedelta(days=3)
    assert expected.isoformat() in page.content.decode()


def test_a_sub_sector_unit_sends_its_form_to_its_office_which_gathers_it(tree):
    ext = member("khuyennong1", tree.extension1)
    office_form = orientation_form(tree.users.pnn1, tree.pnn1, submit=False)
    sub = orientation_form(ext, tree.extension1, submit=False, problems="Giống lúa chưa phù hợp.")
    ensure_catalogue()
    rice = Indicator.objects.get(code="dien-tich-lua")
    orientation.indicator_line_set(
        user=ext, plan=sub, indicator=rice, proposed="1250", basis="Giữ ổn định diện tích"
    )
    plan_submit(user=ext, plan=sub)
    assert parent_plan_of(sub) == office_form
    with pytest.raises(PermissionDenied):  # phòng TCKH does not review a sub-sector form
        accept(tree.users.tckh1, sub)
    accept(tree.users.pnn1, sub)
    with pytest.raises(ValidationError):  # an accepted form no longer changes
        orientation.indicator_line_set(user=ext, plan=sub, indicator=rice, proposed="1", basis="x")
    assert orientation.gather_sub_sectors(user=tree.users.pnn1, plan=office_form) == 1
    office_form.refresh_from_db()
    problems = office_form.sections.get(code="problems").body
    assert "[Trạm Khuyến nông huyện Một] Giống lúa chưa phù hợp." in problems
    line = office_form.orientation_indicators.get()
    assert (
        line.indicator == rice
        and line.basis == "[Trạm Khuyến nông huyện Một] Giữ ổn định diện tích"
    )
    with pytest.raises(ValidationError):  # gathered once
        orientation.gather_sub_sectors(user=tree.users.pnn1, plan=office_form)
    # The office's form goes to phòng TCKH, and only it appears in the summary.
    directional = directional_plan(tree.users.tckh1, tree.tckh1)
    assert parent_plan_of(office_form) == directional
    rows = orientation.summary_rows(directional)
    assert [r.form.pk for r in rows] == [office_form.pk]
    assert [s.form.pk for s in rows[0].sub_forms] == [sub.pk]


def test_indicator_lines_need_a_proposed_figure_and_its_basis(tree):
    ensure_catalogue()
    form = orientation_form(tree.users.pnn1, tree.pnn1, submit=False)
    rice = Indicator.objects.get(code="dien-tich-lua")
    with pytest.raises(ValidationError) as error:
        orientation.indicator_line_set(
            user=tree.users.pnn1, plan=form, indicator=rice, proposed="1250", basis=""
        )
    assert "basis" in error.value.message_dict
    with pytest.raises(ValidationError):
        orientation.indicator_line_set(
            user=tree.users.pnn1, plan=form, indicator=rice, proposed="-5", basis="x"
        )
    line = orientation.indicator_line_set(
        user=tree.users.pnn1,
        plan=form,
        indicator=rice,
        estimate="1240",
        proposed="1250,5",
        basis="Ổn định diện tích, tăng vụ đông",
    )
    assert line.proposed == Decimal("1250.5")
    with pytest.raises(PermissionDenied):
        orientation.indicator_line_set(
            user=tree.users.tckh1, plan=form, indicator=rice, proposed="1", basis="x"
        )


def _district_values(tree):
    ensure_catalogue()
    growth = Indicator.objects.get(code="tang-truong-grdp")
    for year, value in [(2023, "7.1"), (2024, "7.6"), (2025, "8.0")]:
        IndicatorValue.objects.create(
            unit=tree.district1,
            indicator=growth,
            report_year=year,
            kind=Kind.ESTIMATE,
            value=Decimal(value),
        )
    IndicatorValue.objects.create(
        unit=tree.district1,
        indicator=growth,
        report_year=YEAR,
        kind=Kind.ESTIMATE,
        value=Decimal("8.2"),
    )
    IndicatorValue.objects.create(
        unit=tree.district1,
        indicator=growth,
        report_year=YEAR,
        kind=Kind.PROPOSED,
        value=Decimal("8.5"),
        basis="Xu thế tuyến tính 2023–2026",
    )
    return growth


def test_summary_draft_and_conference1_complete_tckh_tasks(tree, cycle):
    growth = _district_values(tree)
    directional = directional_plan(tree.users.tckh1, tree.tckh1)
    with pytest.raises(ValidationError):  # nothing accepted yet
        orientation.summary_close(user=tree.users.tckh1, plan=directional)
    form = orientation_form(tree.users.pnn1, tree.pnn1)
    accept(tree.users.tckh1, form)
    version = orientation.summary_close(user=tree.users.tckh1, plan=directional)
    assert version.snapshot["sectors"][0]["agency"] == "Phòng NN huyện Một"
    assert not _open(tree.tckh1, "huyen.orientation_summary").exists()

    with pytest.raises(ValidationError):  # the draft's assessment is not written yet
        orientation.draft_issue(user=tree.users.tckh1, plan=directional)
    from sedp.plans.services import plan_update_sections

    bodies = {"p1.half_year": "Kinh tế 6 tháng tăng 7,9 %.", "p3.objectives": "Tăng 8,5 %."}
    plan_update_sections(user=tree.users.tckh1, plan=directional, bodies=bodies)
    with pytest.raises(ValidationError):  # conference 1 follows the issued draft
        orientation.conference1_record(user=tree.users.tckh1, plan=directional, **conference_data())
    draft = orientation.draft_issue(user=tree.users.tckh1, plan=directional)
    row = next(i for i in draft.snapshot["indicators"] if i["code"] == growth.code)
    assert row["proposed"] == "8.5000" and row["basis"] == "Xu thế tuyến tính 2023–2026"
    assert not _open(tree.tckh1, "huyen.orientation_plan").exists()

    assert _open(tree.tckh1, "huyen.conference1").exists()
    meeting = orientation.conference1_record(
        user=tree.users.tckh1,
        plan=directional,
        agencies=[tree.pnn1, tree.snn],
        **conference_data(),
    )
    assert meeting.kind == MeetingKind.DISTRICT_CONFERENCE
    assert {a.agency for a in meeting.attendance.all()} == {tree.pnn1, tree.snn}
    assert not _open(tree.tckh1, "huyen.conference1").exists()
    with pytest.raises(ValidationError):  # participants come from the invited list
        orientation.conference1_record(
            user=tree.users.tckh1, plan=directional, agencies=[tree.group3], **conference_data()
        )


def test_the_draft_page_shows_forecasts_and_the_basis_of_each_figure(
    tree, login, django_assert_max_num_queries
):
    _district_values(tree)
    directional = directional_plan(tree.users.tckh1, tree.tckh1)
    accept(tree.users.tckh1, orientation_form(tree.users.pnn1, tree.pnn1))
    client = login(tree.users.tckh1)
    url = reverse("fiveyear-orientation-detail", args=[directional.pk])
    with django_assert_max_num_queries(25):
        page = client.get(url).content.decode()
    assert "Xu thế tuyến tính 2023–2026" in page
    assert "Sản xuất nông nghiệp manh mún" in page  # the accepted form in the summary
    assert "Xu thế tuyến tính 4 năm" in page  # the indicators app's forecast basis


def test_a_district_conference_on_another_plan_stays_conference_2():
    from sedp.meetings.hooks import output_of
    from sedp.plans.models import Plan

    assert output_of(Plan(kind=PlanKind.DISTRICT_PLAN), "district_conference") == (
        "district_conference.recorded"
    )
    assert output_of(Plan(kind=PlanKind.DISTRICT_ORIENTATION), "district_conference") == (
        "district_conference1.recorded"
    )


def test_an_enterprise_dialogue_feeds_its_proposals_into_the_draft(tree, cycle, login):
    from sedp.territory.models import Agency, AgencyKind, Reach

    tea = Agency.objects.create(
        unit=tree.commune1, kind=AgencyKind.ENTERPRISE, name="Công ty chè Một A", reach=Reach.OWN
    )
    directional = directional_plan(tree.users.tckh1, tree.tckh1)
    with pytest.raises(ValidationError):  # no proposal written
        orientation.dialogue_record(
            user=tree.users.tckh1,
            plan=directional,
            enterprises=[tea],
            proposals=" \n",
            **conference_data(),
        )
    with pytest.raises(ValidationError):  # an enterprise of another district
        other = Agency.objects.create(
            unit=tree.commune3, kind=AgencyKind.ENTERPRISE, name="Công ty Hai", reach=Reach.OWN
        )
        orientation.dialogue_record(
            user=tree.users.tckh1,
            plan=directional,
            enterprises=[other],
            proposals="x",
            **conference_data(),
        )
    meeting = orientation.dialogue_record(
        user=tree.users.tckh1,
        plan=directional,
        enterprises=[tea],
        sector=tree.agri,
        proposals="- Mở đường vào vùng chè\n- Hỗ trợ chứng nhận hữu cơ",
        **conference_data(),
    )
    assert [p.text for p in meeting.dialogue_proposals.all()] == [
        "Mở đường vào vùng chè",
        "Hỗ trợ chứng nhận hữu cơ",
    ]
    assert _open(tree.tckh1, "huyen.conference1").exists()  # a dialogue is not conference 1
    page = login(tree.users.tckh1).get(
        reverse("fiveyear-orientation-detail", args=[directional.pk])
    )
    assert "Hỗ trợ chứng nhận hữu cơ" in page.content.decode()
    from sedp.plans.services import plan_update_sections

    plan_update_sections(
        user=tree.users.tckh1, plan=directional, bodies={"p1.half_year": "x", "p3.objectives": "y"}
    )
    draft = orientation.draft_issue(user=tree.users.tckh1, plan=directional)
    assert draft.snapshot["enterprise_proposals"] == [
        "Mở đường vào vùng chè",
        "Hỗ trợ chứng nhận hữu cơ",
    ]


def test_guidance_on_the_form_closes_h13_and_reaches_the_offices_form(tree, cycle, client):
    """H1.3: phòng TCKH guides the district bodies on filling in the sector orientation form;
    recording how (in writing or in a session) closes its task, and each office sees the
    guidance on its form. Nothing is saved without the guidance's text; no one else records."""
    directional = directional_plan(tree.users.tckh1, tree.tckh1)
    assert _open(tree.tckh1, "huyen.orientation_form_guidance").exists()
    day = datetime.date(YEAR, 5, 12)
    with pytest.raises(ValidationError) as error:
        orientation.form_guidance_record(
            user=tree.users.tckh1, plan=directional, method="session", given_on=day, text="  "
        )
    assert "text" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        orientation.form_guidance_record(
            user=tree.users.pnn1, plan=directional, method="session", given_on=day, text="x"
        )
    assert _open(tree.tckh1, "huyen.orientation_form_guidance").exists()

    client.force_login(tree.users.tckh1)
    response = client.post(
        reverse("fiveyear-form-guidance", args=[directional.pk]),
        {
            "method": "session",
            "given_on": "2026-05-12",
            "text": "Điền số liệu của toàn ngành trên địa bàn huyện; nêu rõ căn cứ tính chỉ tiêu.",
        },
    )
    assert response.status_code == 302
    assert not _open(tree.tckh1, "huyen.orientation_form_guidance").exists()  # task done
    detail = client.get(reverse("fiveyear-orientation-detail", args=[directional.pk]))
    assert "căn cứ tính chỉ tiêu" in detail.content.decode()

    form = orientation_form(tree.users.pnn1, tree.pnn1, submit=False)
    client.force_login(tree.users.pnn1)
    page = client.get(reverse("fiveyear-form-indicators", args=[form.pk])).content.decode()
    assert 'id="form-guidance"' in page and "căn cứ tính chỉ tiêu" in page
