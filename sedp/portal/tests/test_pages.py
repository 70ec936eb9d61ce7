"""The public portal (no login): only published content, search, constant query counts;
the approval page and 'Việc được giao' (login)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sedp.consultation.tests.helpers import accepted_commune_plan
from sedp.plans.models import PlanStatus
from sedp.portal.models import Publication
from sedp.portal.tests.helpers import adopted_plan

pytestmark = pytest.mark.django_db


def _count(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


def test_the_portal_shows_published_plans_only_and_finds_them_without_diacritics(tree, client):
    adopted_plan(tree)
    home = client.get(reverse("portal-home")).content.decode()
    assert "Xã Một A" in home and "20/NQ-HĐND" in home
    found = client.get(reverse("portal-home"), {"q": "mot a"}).content.decode()
    assert "Xã Một A" in found
    none = client.get(reverse("portal-home"), {"q": "hai a"}).content.decode()
    assert "Không có kế hoạch đã công bố nào phù hợp." in none
    by_level = client.get(reverse("portal-home"), {"kind": "province_plan"}).content.decode()
    assert "Xã Một A" not in by_level
    publication = Publication.objects.get()
    page = client.get(reverse("portal-publication-detail", args=[publication.pk]))
    html = page.content.decode()
    assert "Phát triển chăn nuôi trâu, bò" in html and "Kênh mương nội đồng thôn A1" in html
    assert "HĐND xã Một A thông qua" in html and "Phụ lục chỉ tiêu" in html


def test_an_unpublished_plan_shows_nowhere_on_the_portal(tree, client):
    plan = adopted_plan(tree, publish=False)
    assert plan.status == PlanStatus.APPROVED
    for url in [reverse("portal-home"), reverse("portal-unit-detail", args=[plan.unit_id])]:
        html = client.get(url).content.decode()
        assert "Kênh mương" not in html and "20/NQ-HĐND" not in html
    # the plan itself is behind the login
    response = client.get(reverse("plans-plan-detail", args=[plan.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_public_list_pages_run_a_constant_number_of_queries(tree, client):
    adopted_plan(tree)
    home = _count(client, reverse("portal-home"))
    unit = _count(client, reverse("portal-unit-detail", args=[tree.commune1.pk]))
    searched = _count(client, reverse("portal-home"), q="mot a", kind="commune_plan")
    # many more publications (copies of the first) cost no more queries
    first = Publication.objects.get()
    from sedp.plans.models import Plan
    from sedp.portal.models import Resolution

    for n in range(25):
        plan = Plan.objects.create(
            kind="commune_plan", report_year=2000 + n, unit=tree.commune1, agency=tree.group1
        )
        version = first.resolution.version
        version.pk = None
        version.plan = plan
        version.save()
        submission = first.resolution.submission
        submission.pk = None
        submission.plan = plan
        submission.save()
        resolution = Resolution.objects.create(
            plan=plan,
            submission=submission,
            version=version,
            number=f"{n}/NQ",
            adopted_on=timezone.localdate(),
            text="x",
        )
        Publication.objects.create(
            plan=plan,
            resolution=resolution,
            unit=tree.commune1,
            kind="commune_plan",
            plan_year=2001 + n,
            title=f"KH {n}",
            search_text=f"kh {n} xa mot a",
            snapshot=first.snapshot,
        )
    assert _count(client, reverse("portal-home")) == home
    assert _count(client, reverse("portal-unit-detail", args=[tree.commune1.pk])) == unit
    assert _count(client, reverse("portal-home"), q="mot a", kind="commune_plan") == searched


def test_the_approval_page_takes_the_plan_to_its_resolution(tree, login):
    from sedp.consultation.services import consultation_close
    from sedp.consultation.tests.helpers import open_consultation

    plan = accepted_commune_plan(tree)
    client = login(tree.users.xa1)
    url = reverse("portal-approval-detail", args=[plan.pk])
    assert url in client.get(reverse("plans-plan-detail", args=[plan.pk])).content.decode()
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("portal-submission-create", args=[plan.pk]),
        {"number": "15/TTr-UBND", "submitted_on": today},
        follow=True,
    )
    assert "Hãy tham vấn cộng đồng về dự thảo trước khi trình HĐND." in response.content.decode()
    consultation_close(user=tree.users.xa1, consultation=open_consultation(tree, plan))
    client.post(
        reverse("portal-submission-create", args=[plan.pk]),
        {"number": "15/TTr-UBND", "submitted_on": today},
    )
    client.post(
        reverse("portal-question-create", args=[plan.pk]),
        {"asked_by": "Ban KT-XH", "question": "Vốn ở đâu?"},
    )
    question = plan.council_submissions.get().questions.get()
    client.post(reverse("portal-question-answer", args=[plan.pk, question.pk]), {"answer": "MTQG"})
    client.post(
        reverse("portal-resolution-create", args=[plan.pk]),
        {"number": "20/NQ-HĐND", "adopted_on": today, "text": "Thông qua."},
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    client.post(reverse("portal-publication-create", args=[plan.pk]))
    assert Publication.objects.filter(plan=plan).exists()
    html = client.get(url).content.decode()
    assert "Kế hoạch đã được khóa" in html
    # another commune's planner cannot even see the page
    assert login(tree.users.xa3).get(url).status_code == 404


def test_assigned_work_lists_the_agencys_activities_of_adopted_plans(tree, login):
    from django.contrib.auth import get_user_model

    from sedp.accounts.models import Membership, Role

    adopted_plan(tree)
    user = get_user_model().objects.create_user(username="htx", password="x")
    Membership.objects.create(user=user, agency=tree.coop1, role=Role.MEMBER)
    client = login(user)
    url = reverse("portal-assigned-list")
    html = client.get(url).content.decode()
    assert "Kênh mương nội đồng thôn A1" in html and "20/NQ-HĐND" in html
    assert "Sửa phòng học" not in html  # no responsible agency: not this cooperative's work
    few = _count(client, url)
    from sedp.activities.models import Activity

    line = Activity.objects.get(title="Kênh mương nội đồng thôn A1")
    for n in range(20):
        line.pk = None
        line.title = f"Việc {n}"
        line.save()
    assert _count(client, url) == few
