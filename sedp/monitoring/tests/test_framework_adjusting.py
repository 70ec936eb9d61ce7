"""The M&E framework of an official plan being adjusted follows the adjustment (rows can be
changed or deleted) but keeps the year's record: a row with reported values is not deleted
(the message names it), reported collection tasks stay as they were, a new collector takes
over only the periods still to report, and a scheduled row's frequency does not change."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sedp.monitoring import services
from sedp.monitoring.models import CollectionTask, FrameworkRow, TaskStatus
from sedp.monitoring.tests.helpers import monitored, with_resolution
from sedp.portal.adjustments import adjustment_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def adjusting(tree):
    t = monitored(tree)
    xa1 = tree.users.xa1
    with_resolution(t.plan, xa1)
    rice = t.rows["san-luong-lua"]
    services.report_value(user=xa1, task=rice.tasks.get(number=1), value="250")
    # Before the adjustment the official framework is fixed.
    with pytest.raises(ValidationError):
        services.framework_row_delete(user=xa1, row=t.rows["Sửa phòng học điểm trường A2"])
    adjustment_start(user=xa1, plan=t.plan, reason="Bỏ sửa phòng học, giảm chỉ tiêu lúa")
    t.plan.refresh_from_db()
    return t


def test_a_row_with_reported_values_is_not_deleted_and_names_itself(tree, adjusting):
    t, xa1 = adjusting, tree.users.xa1
    rice = t.rows["san-luong-lua"]
    with pytest.raises(ValidationError) as error:
        services.framework_row_delete(user=xa1, row=rice)
    assert "Sản lượng lúa" in error.value.messages[0] and "1" in error.value.messages[0]
    assert FrameworkRow.objects.filter(pk=rice.pk).exists()
    reported = CollectionTask.objects.get(row=rice, number=1)
    assert (reported.status, reported.value) == (TaskStatus.REPORTED, 250)


def test_a_row_nothing_was_reported_on_follows_the_adjustment(tree, adjusting):
    t, xa1 = adjusting, tree.users.xa1
    school = t.rows["Sửa phòng học điểm trường A2"]
    assert school.tasks.exists()
    before = CollectionTask.objects.filter(status=TaskStatus.REPORTED).count()
    services.framework_row_delete(user=xa1, row=school)
    assert not FrameworkRow.objects.filter(pk=school.pk).exists()
    assert not CollectionTask.objects.filter(row_id=school.pk).exists()  # its open tasks went
    assert CollectionTask.objects.filter(status=TaskStatus.REPORTED).count() == before
    # Its other fields may change; the frequency of a scheduled row may not.
    rice = t.rows["san-luong-lua"]
    services.framework_update(
        user=xa1, plan=t.plan, changes={rice.pk: {"report_form": "Biểu 02/TDĐG"}}
    )
    with pytest.raises(ValidationError) as error:
        services.framework_update(
            user=xa1, plan=t.plan, changes={rice.pk: {"frequency": "monthly"}}
        )
    (message,) = error.value.message_dict[f"{rice.pk}-frequency"]
    assert "Sản lượng lúa" in message
    rice.refresh_from_db()
    assert (rice.report_form, rice.frequency) == ("Biểu 02/TDĐG", "quarterly")
    # A new collector takes over the periods still to report, not the reported one.
    services.framework_update(user=xa1, plan=t.plan, changes={rice.pk: {"collector": tree.pnn1.pk}})
    agencies = dict(rice.tasks.values_list("number", "agency_id"))
    assert agencies == {1: tree.group1.pk, 2: tree.pnn1.pk, 3: tree.pnn1.pk, 4: tree.pnn1.pk}


def test_the_page_says_why_a_row_is_kept(tree, adjusting, login):
    t = adjusting
    client = login(tree.users.xa1)
    rice = t.rows["san-luong-lua"]
    response = client.post(reverse("monitoring-row-delete", args=[rice.pk]), follow=True)
    assert "Sản lượng lúa” đã có 1 giá trị đã báo cáo" in response.content.decode()
    assert FrameworkRow.objects.filter(pk=rice.pk).exists()
