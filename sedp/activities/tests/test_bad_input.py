"""Bad input on activities is refused with a Vietnamese message naming the field; nothing saved."""

import pytest
from django.core.exceptions import ValidationError

from sedp.activities.models import Activity
from sedp.activities.services import activity_create, activity_update
from sedp.core.models import Event
from sedp.plans.tests.helpers import activity_data, proposal


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
    _refused(tree, plan, "cost_estimate", "không được âm", cost_estimate=-5)


def test_an_absurd_cost_is_refused_as_a_typing_error(tree, plan):
    _refused(tree, plan, "cost_estimate", "số chữ số 0", cost_estimate=6_000_000_000_000)


def test_a_negative_contribution_is_refused(tree, plan):
    _refused(tree, plan, "people_cash", "không được âm", people_cash=-1)


def test_the_peoples_contribution_cannot_exceed_the_cost(tree, plan):
    _refused(
        tree,
        plan,
        "people_cash",
        "vượt quá khái toán",
        cost_estimate=40_000_000,
        people_cash=30_000_000,
        people_labour=30_000_000,
        fund_target_programmes=0,
    )


def test_all_sources_together_cannot_exceed_the_cost(tree, plan):
    _refused(tree, plan, "cost_estimate", "nhiều hơn khái toán", fund_commune=500_000_000)


def test_an_activity_without_sector_is_refused(tree, plan):
    _refused(tree, plan, "sector", "ngành", sector=None)


def test_an_activity_without_a_name_is_refused(tree, plan):
    _refused(tree, plan, "title", "Ghi tên", title="   ")


def test_an_activity_done_without_outside_money_has_no_outside_funding(tree, plan):
    _refused(tree, plan, "self_reliant", "không thể có", self_reliant=True)


def test_an_activity_cannot_take_place_in_another_commune(tree, plan):
    _refused(tree, plan, "place", "Xã Một A", place=tree.village3)


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
        expected = {"cost_estimate": "khái toán kinh phí (đồng)", "people_cash": "Nhân dân"}
        for name in ["cost_estimate", *(n for n, _label in FUNDING_FIELDS)]:
            errors = _form_errors(tree, plan, **{name: "-1"})
            assert list(errors) == [name]
            message = errors[name][0]
            assert message.startswith("Mục “") and message.endswith("” không được âm."), message
            assert "lớn hơn hoặc bằng" not in message
            assert expected.get(name, "") in message
        assert "số đồng nguyên" in _form_errors(tree, plan, fund_commune="1,5")["fund_commune"][0]
        for field, value, text in [
            ("people_labour_days", "-3", "Số ngày công phải từ 0 đến 1.000.000."),
            ("people_labour_days", "2000000", "Số ngày công phải từ 0 đến 1.000.000."),
            ("priority", "0", "Thứ tự ưu tiên"),
            ("priority", "1000", "Thứ tự ưu tiên"),
        ]:
            assert text in _form_errors(tree, plan, **{field: value})[field][0]
