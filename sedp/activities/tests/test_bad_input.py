"""Bad input on activities is refused with a Vietnamese message naming the field; nothing saved."""

import pytest
from django.core.exceptions import ValidationError

from sedp.activities.models import Activity
from sedp.activities.services import activity_create, activity_update
from sedp.core.models import Event
from sedp.plans.tests.helpers import activity_data, proposal

LABOUR_DAYS = "Mục “Số ngày công nhân dân đóng góp” phải là số nguyên từ 0 đến 1.000.000."


@pytest.fixture
def plan(tree):
    return proposal(tree.users.thon1, tree.vgroup1, [])


def _refused(tree, plan, field, text, **overrides):
    events = Event.objects.count()
    data = activity_data(tree.agri)
    data.update(overrides)
    with pytest.raises(ValidationError) as error:
        activity_create(user=tree.users.thon1, plan=plan, **data)
    messages = error.value.message_dict
    assert field in messages, messages
    assert text in " ".join(messages[field])
    assert Activity.objects.count() == 0 and Event.objects.count() == events


def test_a_negative_cost_is_refused(tree, plan):
    _refused(
        tree,
        plan,
        "cost_estimate",
        "Mục “Khái toán kinh phí (đồng)” không được âm.",
        cost_estimate=-5,
    )


def test_an_absurd_cost_is_refused_as_a_typing_error(tree, plan):
    _refused(
        tree,
        plan,
        "cost_estimate",
        "Mục “Khái toán kinh phí (đồng)”: 6.000.000.000.000 đồng vượt quá mức của mọi hoạt động"
        " cấp thôn, xã (tối đa 500.000.000.000 đồng): hãy kiểm tra lại số chữ số 0.",
        cost_estimate=6_000_000_000_000,
    )


def test_a_negative_contribution_is_refused(tree, plan):
    _refused(
        tree,
        plan,
        "people_cash",
        "Mục “Nhân dân đóng góp: tiền mặt” không được âm.",
        people_cash=-1,
    )


def test_the_peoples_contribution_cannot_exceed_the_cost(tree, plan):
    _refused(
        tree,
        plan,
        "people_cash",
        "Đóng góp của người dân (tiền mặt, ngày công, vật tư và đất cộng lại: 60.000.000 đồng)"
        " vượt quá khái toán kinh phí (40.000.000 đồng).",
        cost_estimate=40_000_000,
        people_cash=30_000_000,
        people_labour=30_000_000,
        fund_target_programmes=0,
    )


def test_all_sources_together_cannot_exceed_the_cost(tree, plan):
    _refused(
        tree,
        plan,
        "cost_estimate",
        "Tổng các nguồn vốn là 950.000.000 đồng, nhiều hơn khái toán kinh phí (600.000.000 đồng).",
        fund_commune=500_000_000,
    )


def test_an_activity_without_sector_is_refused(tree, plan):
    _refused(tree, plan, "sector", "Mục “Ngành” còn trống", sector=None)


def test_an_activity_without_a_name_is_refused(tree, plan):
    _refused(tree, plan, "title", "Mục “Tên hoạt động” còn trống", title="   ")


def test_an_activity_done_without_outside_money_has_no_outside_funding(tree, plan):
    _refused(
        tree,
        plan,
        "self_reliant",
        "Đã đánh dấu “Tự làm được, không cần nguồn tài chính bên ngoài” nên hoạt động không thể"
        " có vốn từ nguồn bên ngoài (400.000.000 đồng).",
        self_reliant=True,
    )


def test_an_activity_cannot_take_place_in_another_commune(tree, plan):
    _refused(tree, plan, "place", "Mục “Địa điểm” phải thuộc Xã Một A.", place=tree.village3)


def test_a_failed_edit_leaves_the_activity_as_it_was(tree, plan):
    activity = activity_create(user=tree.users.thon1, plan=plan, **activity_data(tree.agri))
    with pytest.raises(ValidationError):
        activity_update(
            user=tree.users.thon1,
            activity=activity,
            **activity_data(tree.agri, title="Đổi tên", cost_estimate=-1),
        )
    activity.refresh_from_db()
    assert activity.title == "Bê tông hóa đường nội thôn 500 m"
    assert activity.cost_estimate == 600_000_000


def _form_errors(tree, plan, **overrides):
    from sedp.activities.forms import ActivityForm
    from sedp.activities.services import plan_area

    data = {"title": "Đường nội thôn", "sector": tree.agri.pk, "place": plan.unit_id}
    data.update(overrides)
    form = ActivityForm(data, plan=plan, area=plan_area(plan))
    assert not form.is_valid()
    return form.errors


def test_each_amount_on_the_form_names_itself_when_negative(tree, plan):
    from django.utils import translation

    from sedp.activities.models import FUNDING_FIELDS

    with translation.override("vi"):
        expected = {"cost_estimate": "Khái toán kinh phí (đồng)", "people_cash": "Nhân dân"}
        for name in ["cost_estimate", *(n for n, _label in FUNDING_FIELDS)]:
            errors = _form_errors(tree, plan, **{name: "-1"})
            assert list(errors) == [name]
            message = errors[name][0]
            assert message.startswith("Mục “") and message.endswith("” không được âm."), message
            assert "lớn hơn hoặc bằng" not in message
            assert expected.get(name, "") in message
        assert "số đồng nguyên" in _form_errors(tree, plan, fund_commune="1,5")["fund_commune"][0]
        for field, value, text in [
            ("people_labour_days", "-3", LABOUR_DAYS),
            ("people_labour_days", "2000000", LABOUR_DAYS),
            ("priority", "0", "Thứ tự ưu tiên"),
            ("priority", "1000", "Thứ tự ưu tiên"),
        ]:
            assert text in _form_errors(tree, plan, **{field: value})[field][0]


def test_a_title_too_long_is_refused(tree, plan):
    _refused(
        tree, plan, "title", "Mục “Tên hoạt động” quá dài (tối đa 500 ký tự).", title="x" * 501
    )


def test_an_amount_that_is_not_a_whole_number_is_refused(tree, plan):
    _refused(
        tree,
        plan,
        "fund_commune",
        "Mục “Ngân sách xã” phải là số đồng nguyên, không có dấu chấm hay phần thập phân.",
        fund_commune="1,5",
    )
    _refused(
        tree, plan, "fund_commune", "Mục “Ngân sách xã” phải là số đồng nguyên", fund_commune=1.5
    )


def test_absurd_labour_days_are_refused(tree, plan):
    _refused(tree, plan, "people_labour_days", LABOUR_DAYS, people_labour_days=-3)
    _refused(tree, plan, "people_labour_days", LABOUR_DAYS, people_labour_days=2_000_000)


def test_a_priority_outside_the_ranks_is_refused(tree, plan):
    rank = "Mục “Thứ tự ưu tiên” là số thứ tự từ 1 (cấp thiết nhất) đến 999."
    _refused(tree, plan, "priority", rank, priority=0)
    _refused(tree, plan, "priority", rank, priority="một")


def test_an_unknown_beneficiary_group_is_refused(tree, plan):
    _refused(
        tree,
        plan,
        "beneficiaries",
        "Mục “Đối tượng hưởng lợi” có nhóm không hợp lệ.",
        beneficiaries=["aliens"],
    )


def test_an_output_of_another_plan_is_refused(tree, plan):
    from sedp.activities.models import ChainLevel, ResultItem

    other = proposal(tree.users.thon2, tree.vgroup2, [])
    output = ResultItem.objects.create(plan=other, level=ChainLevel.OUTPUT, title="Đầu ra khác")
    _refused(
        tree,
        plan,
        "result",
        "Mục “Đầu ra mà hoạt động đóng góp” phải là một đầu ra của kế hoạch này.",
        result=output,
    )


def _page_errors(tree, login, plan, **overrides):
    """POST the add form of the plan page; return its text and check nothing was saved."""
    from django.urls import reverse

    data = {"title": "Đường nội thôn", "sector": tree.agri.pk, "place": plan.unit_id}
    data.update(overrides)
    response = login(tree.users.thon1).post(
        reverse("activities-activity-create", args=[plan.pk]), data
    )
    assert not plan.activities.exists()
    return response.content.decode()


def test_the_form_refuses_what_the_service_refuses_with_the_same_words(tree, plan, login):
    text = _page_errors(tree, login, plan, cost_estimate="6000000000000")
    assert "Mục “Khái toán kinh phí (đồng)”: 6.000.000.000.000 đồng vượt quá" in text
    text = _page_errors(tree, login, plan, cost_estimate="40000000", people_cash="30000000",
                        people_labour="30000000")  # fmt: skip
    assert "Đóng góp của người dân (tiền mặt, ngày công, vật tư và đất cộng lại: 60.000.000" in text
    text = _page_errors(tree, login, plan, people_labour_days="2000000")
    assert LABOUR_DAYS in text
    text = _page_errors(tree, login, plan, cost_estimate="-1")
    assert "Mục “Khái toán kinh phí (đồng)” không được âm." in text
