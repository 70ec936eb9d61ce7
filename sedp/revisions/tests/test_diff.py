"""The change report lists exactly the changes made between two versions, with their reasons."""

import pytest
from django.core.exceptions import ValidationError

from sedp.activities.models import ActivityStatus
from sedp.activities.services import activity_create, activity_set_status, activity_update
from sedp.indicators.models import Kind
from sedp.indicators.services import value_set
from sedp.plans.models import PlanKind
from sedp.plans.services import plan_create, plan_update_sections
from sedp.plans.tests.helpers import activity_data
from sedp.revisions.diff import ADDED, CHANGED, compare
from sedp.revisions.models import Stage
from sedp.revisions.services import version_record
from sedp.targets.services import allocation_issue, allocation_open, allocation_save
from sedp.targets.tests.helpers import assign, catalogue, cell

YEAR = 2026


@pytest.fixture
def commune_plan(tree):
    plan = plan_create(
        user=tree.users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR
    )
    return plan


def test_diff_between_draft_1_and_the_update_lists_each_change_with_its_reason(
    tree, commune_plan, django_assert_max_num_queries
):
    xa1, plan = tree.users.xa1, commune_plan
    c = catalogue(tree)
    road = activity_create(user=xa1, plan=plan, **activity_data(tree.agri))
    school = activity_create(
        user=xa1, plan=plan, **activity_data(tree.education, title="Sửa phòng học", priority=2)
    )
    value_set(
        user=xa1, unit=tree.commune1, indicator=c["households"], report_year=YEAR,
        kind=Kind.PROPOSED, value=340,
    )  # fmt: skip
    section = plan.sections.first()
    plan_update_sections(user=xa1, plan=plan, bodies={section.code: "Dòng một\nDòng hai"})
    draft1 = version_record(user=xa1, plan=plan, stage=Stage.DRAFT_1)

    # The district assigns the commune its target (the level above assigned it first).
    assign(tree.users.skhdt, tree.province, c["households"], 1000)
    province = allocation_open(user=tree.users.skhdt, unit=tree.province, report_year=YEAR)
    allocation_save(
        user=tree.users.skhdt,
        allocation=province,
        entries={cell(c["households"], tree.district1): "600"},
    )
    allocation_issue(user=tree.users.skhdt, allocation=province)
    district = allocation_open(user=tree.users.tckh1, unit=tree.district1, report_year=YEAR)
    allocation_save(
        user=tree.users.tckh1,
        allocation=district,
        entries={cell(c["households"], tree.commune1): "350"},
    )
    allocation_issue(user=tree.users.tckh1, allocation=district, basis="QĐ 99/QĐ-UBND huyện")
    # The commune changes its plan.
    activity_update(
        user=xa1, activity=road, **activity_data(tree.agri, fund_target_programmes=450_000_000)
    )
    activity_set_status(
        user=xa1, activity=school, status=ActivityStatus.REMOVED, reason="Trùng với dự án tỉnh"
    )
    activity_create(user=xa1, plan=plan, **activity_data(tree.agri, title="Kênh mương thôn A2"))
    plan_update_sections(user=xa1, plan=plan, bodies={section.code: "Dòng một\nDòng hai mới"})
    updated = version_record(
        user=xa1, plan=plan, stage=Stage.UPDATED, reason="Cập nhật theo chỉ tiêu huyện giao"
    )

    with django_assert_max_num_queries(12):
        comparison = compare(plan, draft1, updated)
    changes = {(ch.area, ch.subject, ch.change, ch.aspect) for ch in comparison.changes}
    assert changes == {
        ("indicator", "Số hộ — Kế hoạch năm X+1 được giao", ADDED, "Kế hoạch năm X+1 được giao"),
        ("activity", "Bê tông hóa đường nội thôn 500 m", CHANGED, "Chương trình mục tiêu quốc gia"),
        ("activity", "Sửa phòng học", CHANGED, "tình trạng"),
        ("activity", "Sửa phòng học", CHANGED, "lý do"),
        ("activity", "Kênh mương thôn A2", ADDED, "khái toán kinh phí (đồng)"),
        ("section", section.display_title, CHANGED, ""),
    }
    by_key = {(ch.subject, ch.aspect): ch for ch in comparison.changes}
    target = comparison.indicators[0]
    assert (target.before, target.after) == ("—", "350")
    assert [(cause.who, cause.reason) for cause in target.causes] == [
        ("Tckh1", "QĐ 99/QĐ-UBND huyện")
    ]
    removed = by_key[("Sửa phòng học", "tình trạng")]
    assert (removed.before, removed.after) == ("Đề xuất", "Bị loại")
    assert "Trùng với dự án tỉnh" in [cause.reason for cause in removed.causes]
    assert all(cause.who == "Xa1" for cause in removed.causes)
    funding = by_key[("Bê tông hóa đường nội thôn 500 m", "Chương trình mục tiêu quốc gia")]
    assert (funding.before, funding.after) == ("400.000.000", "450.000.000")
    (text,) = comparison.sections
    assert ("-", "Dòng hai") in text.lines and ("+", "Dòng hai mới") in text.lines
    assert [c.reason for c in comparison.plan_causes] == ["Cập nhật theo chỉ tiêu huyện giao"]


def test_versions_are_numbered_and_later_stages_need_a_reason(tree, commune_plan):
    first = version_record(user=tree.users.xa1, plan=commune_plan, stage=Stage.DRAFT_1)
    with pytest.raises(ValidationError) as error:
        version_record(user=tree.users.xa1, plan=commune_plan, stage=Stage.DRAFT_2)
    assert "reason" in error.value.message_dict
    second = version_record(
        user=tree.users.xa1, plan=commune_plan, stage=Stage.DRAFT_2, reason="Sau hội nghị xã"
    )
    assert (first.number, second.number) == (1, 2)
    assert set(second.snapshot) == {"status", "sections", "activities", "indicators"}


def test_compare_page_and_download(tree, commune_plan, login):
    xa1 = tree.users.xa1
    activity_create(user=xa1, plan=commune_plan, **activity_data(tree.agri))
    a = version_record(user=xa1, plan=commune_plan, stage=Stage.DRAFT_1)
    activity_create(user=xa1, plan=commune_plan, **activity_data(tree.agri, title="Nhà văn hóa"))
    activity_create(user=xa1, plan=commune_plan, **activity_data(tree.agri, title="<b>Cầu</b>"))
    b = version_record(user=xa1, plan=commune_plan, stage=Stage.DRAFT_2, reason="Thêm nhà văn hóa")
    client = login(xa1)
    url = f"/revisions/plan/{commune_plan.pk}/compare/?a={a.pk}&b={b.pk}"
    page = client.get(url).content.decode()
    assert "Nhà văn hóa" in page and "Thêm nhà văn hóa" in page
    assert "&lt;b&gt;Cầu&lt;/b&gt;" in page and "<b>Cầu" not in page  # titles are escaped
    response = client.get(url + "&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert any(row[1] == "Nhà văn hóa" for row in rows)
    # Outside the plan's scope: not found.
    assert login(tree.users.xa3).get(url).status_code == 404
