"""The Word change report among a plan's own documents: the plan page's documents panel
offers it once the plan has a version after an official or submitted one, comparing the
latest version with the official one in force (else the last submitted one)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from sedp.activities.services import activity_create
from sedp.documents.tests.helpers import all_texts, body_texts, generate, open_docx
from sedp.plans.models import PlanKind
from sedp.plans.services import plan_create
from sedp.plans.tests.helpers import YEAR, activity_data
from sedp.portal.adjustments import adjustment_start, adjustment_submit
from sedp.portal.tests.helpers import adopted_plan
from sedp.revisions.change_document import plan_change_pair
from sedp.revisions.models import Stage
from sedp.revisions.services import version_record

NEW_LINE = "Kè chống sạt lở suối thôn A1"
KIND = "plan_change_report"


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


def _panel(client, plan) -> str:
    return client.get(reverse("plans-plan-detail", args=[plan.pk])).content.decode()


def _link(plan) -> str:
    return reverse("documents-document-get", args=["plan", plan.pk, KIND, "docx"])


def test_a_plan_without_an_earlier_official_or_submitted_version_does_not_offer_it(tree, login):
    xa1 = tree.users.xa1
    plan = plan_create(user=xa1, agency=tree.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR)
    version_record(user=xa1, plan=plan, stage=Stage.DRAFT_1)
    version_record(user=xa1, plan=plan, stage=Stage.DRAFT_2, reason="Sau hội nghị")
    assert plan_change_pair(plan) is None
    assert _link(plan) not in _panel(login(xa1), plan)


def test_the_adjusted_plan_lists_the_report_of_its_changes_since_the_official_version(tree, login):
    xa1 = tree.users.xa1
    plan = adopted_plan(tree)
    official = plan.resolution.version
    # Adopted: the official version against the submission it came from (the tờ trình).
    submitted = plan.resolution.submission.version
    assert plan.milestones.get(key=f"council:{plan.resolution.submission.pk}").version == submitted
    assert plan_change_pair(plan) == (submitted.pk, official.pk)

    adjustment_start(user=xa1, plan=plan, reason="Bão lũ tháng 3 làm sạt lở suối")
    plan.refresh_from_db()
    activity_create(user=xa1, plan=plan, **activity_data(tree.agri, title=NEW_LINE))
    adjustment_submit(user=xa1, plan=plan, number="40/TTr-UBND", submitted_on=timezone.localdate())
    latest = plan.versions.order_by("-number").first()
    assert plan_change_pair(plan) == (official.pk, latest.pk)

    client = login(xa1)
    assert _link(plan) in _panel(client, plan)
    docx = open_docx(generate(xa1, KIND, plan))
    body, text = body_texts(docx), all_texts(docx)
    official_name = str(Stage.OFFICIAL.label)
    assert any(f"phiên bản {official.number} “{official_name}”" in line for line in body), body
    assert NEW_LINE in text and "Tổng số 1 nội dung thay đổi" in text
    # Those who cannot see the plan get no file.
    assert login(tree.users.xa3).get(_link(plan)).status_code == 404


def test_the_versions_page_links_to_it(tree, login):
    plan = adopted_plan(tree)
    page = login(tree.users.xa1).get(reverse("revisions-version-list", args=[plan.pk]))
    assert _link(plan) in page.content.decode()
