"""Consultation services: publish a snapshot, comments within the abuse limits, answers."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sedp.activities.services import activity_update
from sedp.consultation.models import AnswerKind, Comment, CommentStatus
from sedp.consultation.services import (
    comment_answer,
    comment_moderate,
    comment_post,
    consultation_close,
    consultation_meeting_record,
    report_publish,
    unanswered_comments,
)
from sedp.consultation.tests.helpers import ADDRESS, accepted_commune_plan, open_consultation
from sedp.core.models import Event
from sedp.meetings.models import MeetingKind

pytestmark = pytest.mark.django_db


def test_the_published_draft_is_a_snapshot_of_the_chosen_sections_and_the_activities(tree):
    plan = accepted_commune_plan(tree)
    consultation = open_consultation(tree, plan)
    assert [s["code"] for s in consultation.sections] == ["p2.3.economy"]
    assert {a["title"] for a in consultation.activities} == {
        "Kênh mương nội đồng thôn A1",
        "Sửa phòng học điểm trường A2",
    }
    assert Event.objects.filter(verb="consultation.opened").count() == 1


def test_only_the_commune_group_publishes_and_only_one_consultation_is_open(tree):
    plan = accepted_commune_plan(tree)
    with pytest.raises(PermissionDenied):
        open_consultation_as = tree.users.xa3
        from sedp.consultation.services import consultation_open

        consultation_open(
            user=open_consultation_as,
            plan=plan,
            opens_on=timezone.localdate(),
            closes_on=timezone.localdate(),
        )
    open_consultation(tree, plan)
    with pytest.raises(ValidationError, match="đang mở"):
        open_consultation(tree, plan)


def test_a_comment_is_refused_when_empty_or_too_long_and_stored_as_text(tree):
    consultation = open_consultation(tree, accepted_commune_plan(tree))
    with pytest.raises(ValidationError) as empty:
        comment_post(consultation=consultation, body="   ", address=ADDRESS)
    assert "body" in empty.value.message_dict
    with pytest.raises(ValidationError) as long:
        comment_post(consultation=consultation, body="a" * 100_000, address=ADDRESS)
    assert "100000" in long.value.message_dict["body"][0]
    script = comment_post(
        consultation=consultation, body="<script>alert(1)</script> kênh mương", address=ADDRESS
    )
    assert script.body == "<script>alert(1)</script> kênh mương"
    assert script.status == CommentStatus.HELD
    plain = comment_post(
        consultation=consultation,
        body="Đề nghị làm kênh sớm trước mùa mưa.",
        display_name="Bà Lò Thị Mai",
        village=tree.village1,
        target=f"a:{consultation.activities[0]['id']}",
        address=ADDRESS,
    )
    assert plain.status == CommentStatus.VISIBLE
    assert plain.activity_id == consultation.activities[0]["id"]
    assert plain.ip_hash != ADDRESS and len(plain.ip_hash) == 64


def test_more_than_the_limit_per_minute_from_one_address_is_refused(tree, settings):
    settings.CONSULTATION_COMMENTS_PER_MINUTE = 5
    consultation = open_consultation(tree, accepted_commune_plan(tree))
    refused = 0
    for n in range(50):
        try:
            comment_post(consultation=consultation, body=f"Ý kiến số {n}", address=ADDRESS)
        except ValidationError as error:
            assert error.code == "rate_limited"
            refused += 1
    assert refused == 45
    assert Comment.objects.count() == 5
    # another address is not affected
    comment_post(consultation=consultation, body="Ý kiến khác", address="198.51.100.9")


def test_the_honeypot_stores_nothing_and_a_village_of_another_commune_is_refused(tree):
    consultation = open_consultation(tree, accepted_commune_plan(tree))
    assert (
        comment_post(
            consultation=consultation, body="buy now", address=ADDRESS, honeypot="http://spam"
        )
        is None
    )
    with pytest.raises(ValidationError):
        comment_post(consultation=consultation, body="x", address=ADDRESS, village=tree.village3)
    with pytest.raises(ValidationError):
        comment_post(consultation=consultation, body="x", address=ADDRESS, target="s:p1.3.overview")
    assert not Comment.objects.exists()


def test_a_closed_or_not_yet_open_consultation_takes_no_comment(tree):
    plan = accepted_commune_plan(tree)
    consultation = open_consultation(tree, plan)
    consultation.opens_on = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="không mở"):
        comment_post(consultation=consultation, body="Sớm quá", address=ADDRESS)
    consultation.opens_on = timezone.localdate()
    consultation_close(user=tree.users.xa1, consultation=consultation)
    consultation.refresh_from_db()
    with pytest.raises(ValidationError):
        comment_post(consultation=consultation, body="Muộn quá", address=ADDRESS)


def test_answers_moderation_meetings_and_the_feedback_report(tree):
    plan = accepted_commune_plan(tree)
    consultation = open_consultation(tree, plan)
    first = comment_post(consultation=consultation, body="Làm kênh trước", address=ADDRESS)
    spam = comment_post(consultation=consultation, body="http://spam.example", address=ADDRESS)
    assert unanswered_comments(plan).count() == 2
    with pytest.raises(ValidationError):
        comment_answer(user=tree.users.xa1, comment=first, kind=AnswerKind.ACCEPTED, answer="")
    with pytest.raises(PermissionDenied):
        comment_answer(user=tree.users.xa3, comment=first, kind=AnswerKind.ACCEPTED, answer="Ok")
    comment_answer(
        user=tree.users.xa1, comment=first, kind=AnswerKind.ACCEPTED, answer="Đưa vào quý I."
    )
    with pytest.raises(ValidationError):
        comment_moderate(user=tree.users.xa1, comment=spam, status=CommentStatus.HIDDEN)
    comment_moderate(
        user=tree.users.xa1, comment=spam, status=CommentStatus.HIDDEN, reason="Quảng cáo"
    )
    assert unanswered_comments(plan).count() == 0
    meeting = consultation_meeting_record(
        user=tree.users.xa1,
        consultation=consultation,
        village=tree.village1,
        date=timezone.localdate(),
        men=20,
        women=18,
        ethnic_minority=30,
        minutes="Bà con đồng ý với danh mục.",
    )
    assert meeting.kind == MeetingKind.CONSULTATION and meeting.unit == tree.village1
    with pytest.raises(ValidationError, match="Kết thúc đợt tham vấn"):
        report_publish(user=tree.users.xa1, consultation=consultation)
    consultation_close(user=tree.users.xa1, consultation=consultation)
    report_publish(user=tree.users.xa1, consultation=consultation, note="Cảm ơn bà con.")
    consultation.refresh_from_db()
    assert consultation.report_published_at is not None


def test_the_snapshot_keeps_what_residents_read_when_the_plan_changes(tree):
    from sedp.plans.models import PlanStatus

    plan = accepted_commune_plan(tree)
    consultation = open_consultation(tree, plan)
    # the live plan changes later (here: reopened by an administrator for the example)
    plan.status = PlanStatus.RETURNED
    plan.save()
    activity = plan.activities.get(title="Kênh mương nội đồng thôn A1")
    activity_update(user=tree.users.xa1, activity=activity, title="Tên đã đổi", sector=tree.agri)
    consultation.refresh_from_db()
    assert "Kênh mương nội đồng thôn A1" in {a["title"] for a in consultation.activities}


def test_the_report_waits_until_held_comments_are_shown_or_hidden(tree):
    consultation = open_consultation(tree, accepted_commune_plan(tree))
    held = comment_post(consultation=consultation, body="Xem www.vi-du.vn", address=ADDRESS)
    comment_answer(user=tree.users.xa1, comment=held, kind=AnswerKind.EXPLAINED, answer="Đã xem")
    consultation_close(user=tree.users.xa1, consultation=consultation)
    with pytest.raises(ValidationError, match="chờ kiểm duyệt"):
        report_publish(user=tree.users.xa1, consultation=consultation)
    comment_moderate(user=tree.users.xa1, comment=held, status=CommentStatus.VISIBLE)
    report_publish(user=tree.users.xa1, consultation=consultation)
