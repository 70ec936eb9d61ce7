"""Every change to a consultation: open, close, post a comment (public), moderate, answer,
record a village consultation meeting, publish the feedback report.

The group's actions check permission through the user's scope and write the event log;
a resident's comment is checked here against the abuse limits of settings.py
(CONSULTATION_COMMENT_MAX_CHARS, CONSULTATION_COMMENTS_PER_MINUTE).
"""

import datetime
import functools
import hashlib
import hmac
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sedp.accounts.models import EDITING_ROLES
from sedp.accounts.scoping import scope_for
from sedp.activities.models import ActivityStatus
from sedp.consultation.models import AnswerKind, Comment, CommentStatus, Consultation
from sedp.core.events import record_event
from sedp.core.text import nfc
from sedp.cycles.services import complete_tasks_for_output
from sedp.plans.models import PlanKind, PlanStatus
from sedp.plans.rules import can_edit
from sedp.territory.models import Agency, AgencyKind

MAX_PERIOD_DAYS = 90
MAX_ANSWER = 4_000
MAX_NAME = 100
# Markup or links in a comment are kept as plain text but held until the group reads it:
# that is where spam and attempts at script injection show up.
SUSPICIOUS = re.compile(r"<[a-zA-Z/!]|https?://|www\.", re.IGNORECASE)
# Control characters other than tab and newline (PostgreSQL refuses NUL in text).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def can_manage(scope, plan) -> bool:
    """The plan's own group, or the People's Committee / Council of its unit."""
    if can_edit(scope, plan):
        return True
    return any(
        m.role in EDITING_ROLES
        and m.agency.unit_id == plan.unit_id
        and m.agency.kind in {AgencyKind.PEOPLES_COMMITTEE, AgencyKind.PEOPLES_COUNCIL}
        for m in scope.memberships
    )


def _require_manage(user, plan) -> None:
    if not can_manage(scope_for(user), plan):
        raise PermissionDenied(
            _("Only the commune's planning group or People's Committee can do this.")
        )


def complete_outputs(plan, output_code, event) -> None:
    """Close the calendar tasks producing `output_code` for the plan's group and the unit's
    People's Committee and Council (the seed gives these steps to all three)."""
    agencies = [
        plan.agency,
        *Agency.objects.filter(
            unit=plan.unit,
            kind__in=[AgencyKind.PEOPLES_COMMITTEE, AgencyKind.PEOPLES_COUNCIL],
            is_active=True,
        ),
    ]
    for agency in agencies:
        complete_tasks_for_output(agency=agency, output_code=output_code, event=event)


def build_snapshot(plan, section_codes) -> dict:
    """The sections chosen (only those with text) and the plan's activities, as read."""
    sections = [
        {"code": s.code, "title": str(s.display_title), "body": s.body}
        for s in plan.sections.all()
        if s.code in section_codes and s.body.strip()
    ]
    activities = [
        {
            "id": a.pk,
            "title": a.title,
            "description": a.description,
            "sector": a.sector.name,
            "place": a.place.name if a.place else "",
            "timing": a.timing,
            "cost": a.cost_estimate,
            "people": a.people_total,
            "priority": a.priority,
        }
        for a in plan.activities.exclude(status=ActivityStatus.REMOVED).select_related(
            "sector", "place"
        )
    ]
    return {"sections": sections, "activities": activities}


@transaction.atomic
def consultation_open(
    *, user, plan, opens_on, closes_on, intro="", section_codes=None
) -> Consultation:
    """Publish the commune's draft for comment from `opens_on` to `closes_on`."""
    _require_manage(user, plan)
    errors = {}
    if plan.kind != PlanKind.COMMUNE_PLAN:
        raise ValidationError(_("Only a commune plan is put to community consultation."))
    if plan.status == PlanStatus.APPROVED:
        raise ValidationError(
            _("The plan is already adopted: there is nothing left to consult on.")
        )
    if plan.consultations.filter(closed_at__isnull=True).exists():
        raise ValidationError(_("A consultation on this plan is already open; close it first."))
    if not isinstance(opens_on, datetime.date):
        errors["opens_on"] = _("Enter the first day of the consultation.")
    if not isinstance(closes_on, datetime.date):
        errors["closes_on"] = _("Enter the last day of the consultation.")
    if not errors:
        if closes_on < opens_on:
            errors["closes_on"] = _("The last day comes before the first day.")
        elif closes_on < timezone.localdate():
            errors["closes_on"] = _("The last day cannot be in the past.")
        elif (closes_on - opens_on).days > MAX_PERIOD_DAYS:
            errors["closes_on"] = _("A consultation lasts at most 90 days.")
    if errors:
        raise ValidationError(errors)
    if section_codes is None:
        section_codes = [s.code for s in plan.sections.all()]
    snapshot = build_snapshot(plan, set(section_codes))
    if not snapshot["sections"] and not snapshot["activities"]:
        raise ValidationError(
            _("The draft has no text and no activities yet: write it before consulting on it.")
        )
    consultation = Consultation.objects.create(
        plan=plan,
        opens_on=opens_on,
        closes_on=closes_on,
        intro=nfc(intro)[:5000],
        snapshot=snapshot,
        published_by=user,
    )
    record_event(
        actor=user,
        verb="consultation.opened",
        target=consultation,
        unit=plan.unit,
        payload={
            "plan": plan.pk,
            "from": opens_on.isoformat(),
            "to": closes_on.isoformat(),
            "sections": [s["code"] for s in snapshot["sections"]],
            "activities": len(snapshot["activities"]),
        },
    )
    return consultation


def _lock(consultation) -> Consultation:
    return (
        Consultation.objects.select_for_update()
        .select_related("plan__unit", "plan__agency")
        .get(pk=consultation.pk)
    )


@transaction.atomic
def consultation_close(*, user, consultation) -> Consultation:
    _require_manage(user, consultation.plan)
    consultation = _lock(consultation)
    if consultation.closed_at is not None:
        raise ValidationError(_("The consultation is already closed."))
    consultation.closed_at = timezone.now()
    consultation.save(update_fields=["closed_at"])
    plan = consultation.plan
    event = record_event(
        actor=user,
        verb="consultation.closed",
        target=consultation,
        unit=plan.unit,
        payload={"comments": consultation.comments.count()},
    )
    complete_outputs(plan, "xa.plan_consulted", event)
    return consultation


def address_hash(address: str) -> str:
    """A keyed hash of the client's address: enough to count, useless to identify."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, (address or "").encode(), hashlib.sha256).hexdigest()


def _target(consultation, target: str) -> dict:
    """'' (the whole plan), 's:<section code>' or 'a:<activity id>' → the comment's fields."""
    if not target:
        return {"section_code": "", "activity_id": None, "target_label": ""}
    kind, _sep, key = target.partition(":")
    if kind == "s":
        for section in consultation.sections:
            if section["code"] == key:
                return {"section_code": key, "activity_id": None, "target_label": section["title"]}
    if kind == "a" and key.isdigit():
        for activity in consultation.activities:
            if activity["id"] == int(key):
                return {
                    "section_code": "",
                    "activity_id": activity["id"],
                    "target_label": activity["title"],
                }
    raise ValidationError({"target": _("Choose a part of the plan or an activity from the list.")})


@transaction.atomic
def comment_post(
    *, consultation, body, address, display_name="", village=None, target="", honeypot=""
) -> Comment | None:
    """A resident's comment. Returns None (and stores nothing) when the hidden field a
    person never sees was filled: that is a robot."""
    if honeypot:
        return None
    if not consultation.accepts_comments:
        raise ValidationError(_("This consultation is not open for comments."))
    limit = settings.CONSULTATION_COMMENT_MAX_CHARS
    body = nfc(CONTROL.sub("", body or ""))
    display_name = nfc(CONTROL.sub("", display_name or ""))
    errors = {}
    if not body:
        errors["body"] = _("Write your comment before sending it.")
    elif len(body) > limit:
        errors["body"] = _(
            "Your comment is too long: %(length)s characters, at most %(max)s. Please shorten it."
        ) % {"length": len(body), "max": limit}
    if len(display_name) > MAX_NAME:
        errors["display_name"] = _("The name is too long (at most 100 characters).")
    if village is not None and village.parent_id != consultation.plan.unit_id:
        errors["village"] = _("Choose a village of this commune.")
    if errors:
        raise ValidationError(errors)
    fields = _target(consultation, target)
    ip_hash = address_hash(address)
    recent = Comment.objects.filter(
        ip_hash=ip_hash, created_at__gte=timezone.now() - datetime.timedelta(minutes=1)
    ).count()
    if recent >= settings.CONSULTATION_COMMENTS_PER_MINUTE:
        raise ValidationError(
            _(
                "You have sent many comments in the last minute. Please wait a minute and "
                "send it again."
            ),
            code="rate_limited",
        )
    held = bool(SUSPICIOUS.search(body) or SUSPICIOUS.search(display_name))
    comment = Comment.objects.create(
        consultation=consultation,
        body=body,
        display_name=display_name,
        village=village,
        ip_hash=ip_hash,
        status=CommentStatus.HELD if held else CommentStatus.VISIBLE,
        moderation_reason=_("contains a link or markup") if held else "",
        **fields,
    )
    record_event(
        actor=None,
        verb="consultation.comment_posted",
        target=comment,
        unit=consultation.plan.unit,
        payload={"consultation": consultation.pk, "held": held, "about": fields["target_label"]},
    )
    return comment


def _lock_comment(comment) -> Comment:
    return (
        Comment.objects.select_for_update()
        .select_related("consultation__plan__unit")
        .get(pk=comment.pk)
    )


@transaction.atomic
def comment_moderate(*, user, comment, status, reason="") -> Comment:
    """Show a held comment, or hide an abusive one (with the reason)."""
    _require_manage(user, comment.consultation.plan)
    if status not in CommentStatus.values:
        raise ValidationError({"status": _("Choose whether to show or hide the comment.")})
    reason = nfc(reason)[:500]
    if status == CommentStatus.HIDDEN and not reason:
        raise ValidationError({"reason": _("Write why the comment is hidden.")})
    comment = _lock_comment(comment)
    before = comment.status
    comment.status, comment.moderation_reason = status, reason
    comment.save(update_fields=["status", "moderation_reason"])
    record_event(
        actor=user,
        verb="consultation.comment_moderated",
        target=comment,
        unit=comment.consultation.plan.unit,
        reason=reason,
        payload={"before": before, "after": status},
    )
    return comment


@transaction.atomic
def comment_answer(*, user, comment, kind, answer) -> Comment:
    """The group's answer: accepted / explained / not accepted, with the reason."""
    _require_manage(user, comment.consultation.plan)
    answer = nfc(answer)
    errors = {}
    if kind not in AnswerKind.values:
        errors["kind"] = _("Choose accepted, explained or not accepted.")
    if not answer:
        errors["answer"] = _("Write the answer and its reason: residents will read it.")
    elif len(answer) > MAX_ANSWER:
        errors["answer"] = _("The answer is too long (at most 4 000 characters).")
    if errors:
        raise ValidationError(errors)
    comment = _lock_comment(comment)
    before = [comment.answer_kind, comment.answer]
    comment.answer_kind, comment.answer = kind, answer
    comment.answered_at, comment.answered_by = timezone.now(), user
    comment.save(update_fields=["answer_kind", "answer", "answered_at", "answered_by"])
    record_event(
        actor=user,
        verb="consultation.comment_answered",
        target=comment,
        unit=comment.consultation.plan.unit,
        reason=answer,
        payload={"before": before, "after": [kind, answer]},
    )
    return comment


def unanswered_comments(plan):
    """Comments on the plan's consultations still waiting for an answer (hidden ones aside)."""
    return Comment.objects.filter(consultation__plan=plan, answer_kind="").exclude(
        status=CommentStatus.HIDDEN
    )


@transaction.atomic
def report_publish(*, user, consultation, note="") -> Consultation:
    """Publish the written feedback to residents: every comment with its answer."""
    _require_manage(user, consultation.plan)
    consultation = _lock(consultation)
    if consultation.closed_at is None:
        raise ValidationError(_("Close the consultation before publishing the feedback report."))
    waiting = unanswered_comments(consultation.plan).filter(consultation=consultation).count()
    if waiting:
        raise ValidationError(
            _("%(count)s comments have no answer yet: answer each one first.") % {"count": waiting}
        )
    held = consultation.comments.filter(status=CommentStatus.HELD).count()
    if held:
        raise ValidationError(
            _(
                "%(count)s comments are held for moderation: show or hide each one, so the "
                "report shows every comment it answers."
            )
            % {"count": held}
        )
    consultation.report_note = nfc(note)[:10_000]
    consultation.report_published_at = timezone.now()
    consultation.save(update_fields=["report_note", "report_published_at"])
    plan = consultation.plan
    event = record_event(
        actor=user, verb="consultation.report_published", target=consultation, unit=plan.unit
    )
    complete_outputs(plan, "xa.consultation_response", event)
    # Made now rather than at the first resident's download, which would otherwise wait for
    # the render queue ("try again in a few seconds"). After the commit, so the worker finds
    # the published report; a failed render does not undo the publication (the download
    # asks for it again).
    transaction.on_commit(
        functools.partial(_prepare_public_report, user=user, pk=consultation.pk), robust=True
    )
    return consultation


def _prepare_public_report(*, user, pk) -> None:
    from sedp.consultation.documents import KIND_CODE, TARGET_CODE
    from sedp.documents.models import Format
    from sedp.documents.services import document_request

    document_request(
        user=user, kind_code=KIND_CODE, target_code=TARGET_CODE, pk=pk, fmt=Format.DOCX
    )


@transaction.atomic
def consultation_meeting_record(*, user, consultation, village=None, **data):
    """A consultation meeting held in a village (or at the commune), with its attendance."""
    from sedp.meetings import hooks as meeting_hooks
    from sedp.meetings.models import Meeting, MeetingKind
    from sedp.meetings.services import clean_meeting

    plan = consultation.plan
    _require_manage(user, plan)
    if village is not None and village.parent_id != plan.unit_id:
        raise ValidationError({"village": _("Choose a village of this commune.")})
    clean = clean_meeting(data)
    meeting = Meeting.objects.create(
        kind=MeetingKind.CONSULTATION, unit=village or plan.unit, plan=plan, **clean
    )
    event = record_event(
        actor=user,
        verb="meeting.recorded",
        target=meeting,
        unit=plan.unit,
        payload={
            "kind": MeetingKind.CONSULTATION,
            "date": clean["date"].isoformat(),
            "women": clean["women"],
            "consultation": consultation.pk,
        },
    )
    meeting_hooks.on_output(plan.agency, "consultation.recorded", event)
    return meeting
