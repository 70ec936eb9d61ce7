"""Versions are labelled with stage codes (draft1, submitted, official…): every page, export and
document that lists a plan's versions shows the stage's Vietnamese name, never the code."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from openpyxl import load_workbook

from sedp.activities.services import activity_create
from sedp.documents.tests.helpers import all_texts, generate, open_docx
from sedp.plans.tests.helpers import activity_data
from sedp.portal.adjustments import adjustment_adopt, adjustment_start, adjustment_submit
from sedp.portal.tests.helpers import adopted_plan
from sedp.revisions.models import Stage

CODES = re.compile(r"\b(" + "|".join(Stage.values) + r")\b")


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


@pytest.fixture
def adjusted(tree):
    """A commune plan submitted, adopted and then adjusted: versions of several stages."""
    xa1 = tree.users.xa1
    plan = adopted_plan(tree)
    adjustment_start(user=xa1, plan=plan, reason="Bão lũ")
    plan.refresh_from_db()
    activity_create(user=xa1, plan=plan, **activity_data(tree.agri, title="Kè suối thôn A1"))
    today = timezone.localdate()
    adjustment_submit(user=xa1, plan=plan, number="40/TTr-UBND", submitted_on=today)
    adjustment_adopt(user=xa1, plan=plan, number="30/NQ-HĐND", adopted_on=today, text="Điều chỉnh")
    plan.refresh_from_db()
    return plan


def _visible(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return strip_tags(html)


def test_the_versions_are_labelled_with_stage_codes(adjusted):
    labels = set(adjusted.versions.values_list("label", flat=True))
    assert {Stage.SUBMITTED, Stage.OFFICIAL, Stage.REVISED} <= labels


def test_pages_listing_versions_show_stage_names(tree, adjusted, login):
    plan = adjusted
    client = login(tree.users.xa1)
    versions = list(plan.versions.order_by("number"))
    pages = {
        "plan": reverse("plans-plan-detail", args=[plan.pk]),
        "versions": reverse("revisions-version-list", args=[plan.pk]),
        "compare": reverse("revisions-version-compare", args=[plan.pk])
        + f"?a={versions[0].pk}&b={versions[-1].pk}",
        "approval": reverse("portal-approval-detail", args=[plan.pk]),
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        text = _visible(response.content.decode())
        found = [text[max(0, m.start() - 80) : m.end() + 40] for m in CODES.finditer(text)]
        assert not found, (name, found)
    listed = _visible(client.get(pages["versions"]).content.decode())
    for stage in (Stage.SUBMITTED, Stage.OFFICIAL, Stage.REVISED):
        assert str(stage.label) in listed


def test_exports_of_the_comparison_show_stage_names(tree, adjusted, login):
    plan = adjusted
    official = plan.milestones.get(stage=Stage.OFFICIAL).version
    revised = plan.milestones.get(stage=Stage.REVISED).version
    client = login(tree.users.xa1)
    url = reverse("revisions-version-compare", args=[plan.pk])
    response = client.get(url, {"a": official.pk, "b": revised.pk, "format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    cells = " ".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )
    assert str(Stage.REVISED.label) in cells and not CODES.findall(cells)
    text = all_texts(open_docx(generate(tree.users.xa1, "plan_change_report", plan)))
    assert str(Stage.OFFICIAL.label) in text and not CODES.findall(text)
