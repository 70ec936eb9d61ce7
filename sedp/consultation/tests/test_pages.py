"""Residents' pages (no login) and the group's consultation page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sedp.consultation.models import AnswerKind, Comment, CommentStatus
from sedp.consultation.services import comment_answer, comment_post
from sedp.consultation.tests.helpers import ADDRESS, accepted_commune_plan, open_consultation
from sedp.meetings.models import MeetingKind

pytestmark = pytest.mark.django_db


def _post(client, consultation, address=ADDRESS, **data):
    return client.post(
        reverse("consultation-public-detail", args=[consultation.pk]),
        {"body": "", "display_name": "", "village": "", "target": "", "website": "", **data},
        REMOTE_ADDR=address,
    )


def test_the_public_page_shows_only_what_was_published_and_no_personal_data(tree, client):
    plan = accepted_commune_plan(tree)
    consultation = open_consultation(tree, plan)
    comment = comment_post(
        consultation=consultation,
        body="Đề nghị làm kênh trước mùa mưa",
        display_name="Bà Lò Thị Mai",
        village=tree.village1,
        address=ADDRESS,
    )
    comment_answer(
        user=tree.users.xa1, comment=comment, kind=AnswerKind.ACCEPTED, answer="Đưa vào quý I"
    )
    page = client.get(reverse("consultation-public-detail", args=[consultation.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Phát triển chăn nuôi trâu, bò" in html  # the published section
    assert "Nội dung nội bộ chưa công bố" not in html  # a section not published
    assert "Kênh mương nội đồng thôn A1" in html
    assert "Bà Lò Thị Mai" in html and "Đưa vào quý I" in html and "Tiếp thu" in html
    comment.refresh_from_db()
    assert comment.ip_hash not in html and ADDRESS not in html
    # the village is asked (in the form) but never shown with the comment
    assert html.count("Thôn A1") == 1


def test_a_resident_comments_and_bad_input_is_refused_without_breaking_the_page(
    tree, client, settings
):
    settings.CONSULTATION_COMMENTS_PER_MINUTE = 5
    consultation = open_consultation(tree, accepted_commune_plan(tree))
    activity_id = consultation.activities[0]["id"]
    response = _post(client, consultation, body="Làm kênh trước", target=f"a:{activity_id}")
    assert response.status_code == 302
    assert Comment.objects.get().activity_id == activity_id
    empty = _post(client, consultation, body="  ")
    assert empty.status_code == 400 and "Hãy viết ý kiến trước khi gửi." in empty.content.decode()
    huge = _post(client, consultation, body="x" * 100_000)
    assert huge.status_code == 400 and "Ý kiến quá dài: 100000 ký tự" in huge.content.decode()
    script = _post(client, consultation, body='<script>alert("x")</script><b>đậm</b>')
    assert script.status_code == 302
    assert Comment.objects.get(body__startswith="<script>").status == CommentStatus.HELD
    robot = _post(client, consultation, body="mua ngay", website="http://spam.example")
    assert robot.status_code == 302 and not Comment.objects.filter(body="mua ngay").exists()
    statuses = [
        _post(client, consultation, body=f"Ý kiến {n}", address="192.0.2.50").status_code
        for n in range(50)
    ]
    assert statuses.count(302) == 5 and statuses.count(429) == 45
    limited = _post(client, consultation, body="nữa", address="192.0.2.50")
    assert "Vui lòng đợi một phút" in limited.content.decode()
    # held comments are not shown; the page shows only plain text
    page = client.get(reverse("consultation-public-detail", args=[consultation.pk])).content
    assert b"<script>alert" not in page and b"<b>" not in page
    # a visible comment with markup is escaped, never rendered
    Comment.objects.filter(body__startswith="<script>").update(status=CommentStatus.VISIBLE)
    page = client.get(reverse("consultation-public-detail", args=[consultation.pk])).content
    assert b"<script>alert" not in page and b"&lt;script&gt;alert" in page


def test_the_public_page_runs_a_constant_number_of_queries(tree, client):
    consultation = open_consultation(tree, accepted_commune_plan(tree))
    url = reverse("consultation-public-detail", args=[consultation.pk])
    comment_post(consultation=consultation, body="Ý kiến đầu tiên", address=ADDRESS)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    Comment.objects.bulk_create(
        Comment(consultation=consultation, body=f"Ý kiến {n}", ip_hash=str(n)) for n in range(80)
    )
    assert count() == few


def test_the_feedback_report_is_public_only_once_published(tree, client):
    from sedp.consultation.services import consultation_close, report_publish

    consultation = open_consultation(tree, accepted_commune_plan(tree))
    url = reverse("consultation-public-report", args=[consultation.pk])
    comment = comment_post(consultation=consultation, body="Thêm đèn đường", address=ADDRESS)
    assert client.get(url).status_code == 404
    consultation_close(user=tree.users.xa1, consultation=consultation)
    comment_answer(
        user=tree.users.xa1, comment=comment, kind=AnswerKind.NOT_ACCEPTED, answer="Chưa có vốn"
    )
    report_publish(user=tree.users.xa1, consultation=consultation)
    html = client.get(url).content.decode()
    assert "Thêm đèn đường" in html and "Chưa có vốn" in html and "Không tiếp thu" in html


def test_the_group_page_is_scoped_and_lets_the_group_answer(tree, login):
    plan = accepted_commune_plan(tree)
    consultation = open_consultation(tree, plan)
    comment = comment_post(
        consultation=consultation, body="Ý kiến", village=tree.village2, address=ADDRESS
    )
    url = reverse("consultation-plan-manage", args=[plan.pk])
    assert login(tree.users.xa3).get(url).status_code == 404
    client = login(tree.users.xa1)
    html = client.get(url).content.decode()
    assert "Thôn A2" in html  # the group sees the village
    response = client.post(
        reverse("consultation-comment-answer", args=[comment.pk]),
        {"kind": AnswerKind.EXPLAINED, "answer": "Giải trình"},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.answer == "Giải trình"
    plan_page = client.get(reverse("plans-plan-detail", args=[plan.pk])).content.decode()
    assert url in plan_page


def test_the_group_opens_a_consultation_and_records_a_village_meeting_from_its_pages(tree, login):
    from django.utils import timezone

    plan = accepted_commune_plan(tree)
    client = login(tree.users.xa1)
    today = timezone.localdate()
    response = client.post(
        reverse("consultation-consultation-open", args=[plan.pk]),
        {
            "opens_on": today.isoformat(),
            "closes_on": today.replace(year=today.year + 1).isoformat(),
            "section_codes": ["p2.3.economy"],
        },
    )
    assert response.status_code == 302
    assert not plan.consultations.exists()  # more than 90 days: refused with a message
    response = client.post(
        reverse("consultation-consultation-open", args=[plan.pk]),
        {"opens_on": today.isoformat(), "closes_on": today.isoformat()},
        follow=True,
    )
    consultation = plan.consultations.get()
    assert "Dự thảo đã được công bố" in response.content.decode()
    response = client.post(
        reverse("consultation-meeting-create", args=[consultation.pk]),
        {
            "village": tree.village1.pk,
            "date": today.isoformat(),
            "men": 10,
            "women": 12,
            "ethnic_minority": 15,
            "poor_households": 0,
        },
    )
    assert response.status_code == 302
    assert plan.meetings.get(kind=MeetingKind.CONSULTATION).unit == tree.village1


def test_behind_a_proxy_the_limit_counts_the_header_address(tree, client, settings):
    settings.CONSULTATION_COMMENTS_PER_MINUTE = 2
    settings.CONSULTATION_CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    consultation = open_consultation(tree, accepted_commune_plan(tree))
    url = reverse("consultation-public-detail", args=[consultation.pk])
    statuses = [
        client.post(
            url, {"body": f"Ý kiến {n}"}, REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP=f"192.0.2.{n}"
        ).status_code
        for n in range(6)
    ]
    assert statuses == [302] * 6  # six residents behind one proxy
    same = [
        client.post(url, {"body": "x"}, REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="198.51.100.1")
        for _ in range(3)
    ]
    assert [r.status_code for r in same] == [302, 302, 429]
