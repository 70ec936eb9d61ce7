"""Reads for consultations: the public ones (no login: only what was published) and the
group's (scoped to the user through the plan's author agency)."""

from django.db.models import Count, Q
from django.http import Http404

from sedp.accounts.scoping import scope_for
from sedp.consultation.models import Comment, CommentStatus, Consultation


def get_public_consultation(pk) -> Consultation:
    """Every consultation is public from the moment it is opened: its snapshot was published."""
    consultation = (
        Consultation.objects.select_related("plan__unit__parent", "plan__agency")
        .filter(pk=pk)
        .first()
    )
    if consultation is None:
        raise Http404
    return consultation


def public_comments(consultation):
    """The comments shown to everyone: visible ones, without the commenters' data."""
    return (
        Comment.objects.filter(consultation=consultation, status=CommentStatus.VISIBLE)
        .only(
            "pk",
            "consultation_id",
            "section_code",
            "activity_id",
            "target_label",
            "body",
            "display_name",
            "answer_kind",
            "answer",
            "answered_at",
            "created_at",
        )
        .order_by("-created_at", "-pk")
    )


def open_consultations():
    """Consultations residents can comment on now, with the unit to find them by."""
    return Consultation.objects.filter(closed_at__isnull=True).select_related("plan__unit__parent")


def consultations_visible_to(*, user):
    scope = scope_for(user)
    return Consultation.objects.filter(scope.agency_q(prefix="plan__agency__")).select_related(
        "plan__unit", "plan__agency"
    )


def get_consultation_for_user(*, user, pk) -> Consultation:
    consultation = consultations_visible_to(user=user).filter(pk=pk).first()
    if consultation is None:
        raise Http404
    return consultation


def get_comment_for_user(*, user, pk) -> Comment:
    scope = scope_for(user)
    comment = (
        Comment.objects.filter(scope.agency_q(prefix="consultation__plan__agency__"))
        .select_related("consultation__plan__unit", "consultation__plan__agency")
        .filter(pk=pk)
        .first()
    )
    if comment is None:
        raise Http404
    return comment


def comments_for_group(consultation, *, only_unanswered=False):
    comments = consultation.comments.select_related("village").order_by("created_at", "pk")
    if only_unanswered:
        comments = comments.filter(answer_kind="").exclude(status=CommentStatus.HIDDEN)
    return comments


def comment_counts(consultation) -> dict:
    return consultation.comments.aggregate(
        total=Count("pk"),
        held=Count("pk", filter=Q(status=CommentStatus.HELD)),
        hidden=Count("pk", filter=Q(status=CommentStatus.HIDDEN)),
        unanswered=Count("pk", filter=Q(answer_kind="") & ~Q(status=CommentStatus.HIDDEN)),
    )
