"""The issue's bad-input list as a village head meets it on the pages: absurd or negative
costs, a submission after the commune closed its collection, another village's proposal
file. Each is refused with a Vietnamese message and nothing is saved."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sedp.activities.models import Activity
from sedp.core.models import Event
from sedp.plans.models import PlanKind, PlanStatus
from sedp.plans.proposal_xlsx import export_proposal
from sedp.plans.services import plan_create, plan_set_collection
from sedp.plans.tests.helpers import YEAR, activity_data, proposal
from sedp.plans.tests.test_pages import HX, _form


def test_negative_and_absurd_costs_come_back_with_the_message(tree, login):
    client = login(tree.users.thon1)
    plan = proposal(tree.users.thon1, tree.vgroup1, [])
    url = reverse("activities-activity-create", args=[plan.pk])
    events = Event.objects.count()
    text = client.post(url, _form(tree, cost_estimate="-5000000"), **HX).content.decode()
    # the form refuses it under the cost field, naming it
    assert "Mục “Khái toán kinh phí (đồng)” không được âm." in text and "is-invalid" in text
    text = client.post(url, _form(tree, cost_estimate="6000000000000"), **HX).content.decode()
    assert "số chữ số 0" in text
    assert not Activity.objects.exists() and Event.objects.count() == events


def test_the_submit_button_after_the_commune_closed_its_collection_says_so(tree, login):
    commune = plan_create(user=tree.users.xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN,
                          report_year=YEAR)  # fmt: skip
    plan = proposal(tree.users.thon1, tree.vgroup1, [activity_data(tree.agri)])
    plan_set_collection(user=tree.users.xa1, plan=commune, closed=True)
    page = login(tree.users.thon1).post(reverse("plans-plan-submit", args=[plan.pk]), follow=True)
    assert "đã kết thúc" in page.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and not plan.versions.exists()


def test_another_villages_proposal_file_is_refused_on_the_upload_page(tree, login):
    mine = proposal(tree.users.thon1, tree.vgroup1, [activity_data(tree.agri, title="Của A1")])
    other = proposal(tree.users.thon2, tree.vgroup2, [activity_data(tree.agri, title="Của A2")])
    events = Event.objects.count()
    response = login(tree.users.thon1).post(
        reverse("plans-proposal-upload", args=[mine.pk]),
        {"file": SimpleUploadedFile("de-xuat.xlsx", export_proposal(other))},
    )
    assert response.status_code == 400 and "Thôn A2" in response.content.decode()
    assert list(mine.activities.values_list("title", flat=True)) == ["Của A1"]
    assert list(other.activities.values_list("title", flat=True)) == ["Của A2"]
    assert Event.objects.count() == events
