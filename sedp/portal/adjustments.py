"""Adjusting an official plan (điều chỉnh KHPT KTXH; seed: the People's Committee "dự kiến
điều chỉnh … trình HĐND cùng cấp quyết định").

The People's Committee starts an adjustment with its reason: the plan becomes editable as the
revised draft (PlanStatus.ADJUSTING) while the official version stays in force and on the
portal. The adjustment goes to the People's Council in a tờ trình (a CouncilSubmission, whose
questions are recorded and answered as for the first one) and the council's adjusting
resolution makes the plan's content the "revised" official version: the plan is locked again,
republished with the adjustment shown, and monitored against its revised figures.

Every function checks permission, runs in one transaction, locks the plan and writes an event.
"""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sedp.accounts.models import EDITING_ROLES
from sedp.accounts.scoping import scope_for
from sedp.core.events import record_event
from sedp.core.text import nfc
from sedp.plans.models import PlanStatus
from sedp.plans.rules import can_edit
from sedp.plans.services import _freeze
from sedp.portal.models import Adjustment, CouncilSubmission, Publication
from sedp.portal.services import (
    COUNCIL_LEVELS,
    MAX_TEXT,
    _clean_reference,
    _lock,
    _require_manage,
    publication_snapshot,
    search_text_of,
)
from sedp.revisions.models import Stage
from sedp.revisions.services import milestone_reached
from sedp.territory.models import AgencyKind

MAX_REASON = 5_000


def can_adjust(scope, plan) -> bool:
    """The People's Committee of the plan's unit (its leaders and planners), or the group
    that writes the plan for it."""
    if can_edit(scope, plan):
        return True
    return any(
        m.role in EDITING_ROLES
        and m.agency.unit_id == plan.unit_id
        and m.agency.kind == AgencyKind.PEOPLES_COMMITTEE
        for m in scope.memberships
    )


def open_adjustment(plan):
    return (
        plan.adjustments.filter(adopted_at__isnull=True, cancelled_at__isnull=True)
        .select_related("submission")
        .first()
    )


def _official_version(plan):
    """The version in force: the last official or revised milestone."""
    milestone = (
        plan.milestones.filter(stage__in=[Stage.OFFICIAL, Stage.REVISED])
        .select_related("version")
        .order_by("-version__number")
        .first()
    )
    if milestone is not None:
        return milestone.version
    resolution = getattr(plan, "resolution", None)
    return resolution.version if resolution else None


@transaction.atomic
def adjustment_start(*, user, plan, reason) -> Adjustment:
    if not can_adjust(scope_for(user), plan):
        raise PermissionDenied(_("Only the People's Committee of the unit can adjust its plan."))
    reason = nfc(reason or "")
    if not reason:
        raise ValidationError({"reason": _("Write why the plan must be adjusted.")})
    if len(reason) > MAX_REASON:
        raise ValidationError(
            {
                "reason": _("The reason is too long (at most %(max)s characters).")
                % {"max": MAX_REASON}
            }
        )
    plan = _lock(plan)
    if plan.kind not in COUNCIL_LEVELS:
        raise ValidationError(_("Only a plan adopted by a People's Council is adjusted."))
    if plan.status == PlanStatus.ADJUSTING:
        raise ValidationError(_("An adjustment of this plan is already under way."))
    if plan.status != PlanStatus.APPROVED or getattr(plan, "resolution", None) is None:
        raise ValidationError(_("Only an official plan (adopted by a resolution) is adjusted."))
    adjustment = Adjustment.objects.create(
        plan=plan,
        number=plan.adjustments.count() + 1,
        reason=reason,
        base_version=_official_version(plan),
        started_by=user,
    )
    plan.status = PlanStatus.ADJUSTING
    plan.save(update_fields=["status", "updated_at"])
    record_event(
        actor=user,
        verb="portal.adjustment_started",
        target=plan,
        unit=plan.unit,
        reason=reason,
        payload={"adjustment": adjustment.pk, "number": adjustment.number},
    )
    return adjustment


def _clean_reason(reason, field="reason") -> str:
    reason = nfc(reason or "")
    if not reason:
        raise ValidationError({field: _("Write the reason.")})
    if len(reason) > MAX_REASON:
        raise ValidationError(
            {field: _("The reason is too long (at most %(max)s characters).") % {"max": MAX_REASON}}
        )
    return reason


def content_changes(plan, adjustment) -> list[str]:
    """What the plan says now that the official version it adjusts did not: the subjects
    of the changes (sections, activities with their funding and status, the plan's
    indicator values), as the change report would list them."""
    from django.core.serializers.json import DjangoJSONEncoder

    from sedp.plans.models import PlanVersion
    from sedp.revisions.diff import compare
    from sedp.revisions.snapshot import full_snapshot

    base = adjustment.base_version
    if base is None:
        return []
    # Through JSON, as a frozen version stores it, so equal content compares equal.
    now = json.loads(json.dumps(full_snapshot(plan), cls=DjangoJSONEncoder))
    current = PlanVersion(plan=plan, number=0, label="", snapshot=now, created_at=timezone.now())
    return [change.subject for change in compare(plan, base, current).changes]


@transaction.atomic
def adjustment_cancel(*, user, plan, reason) -> Adjustment:
    """Give up an adjustment before its tờ trình: the plan is the official one again, locked.

    Cancelling is refused once the plan's content differs from the official version, rather
    than rolling the edits back: a version keeps only what is compared (section texts, the
    activities' fields, the plan's indicator values), not the rows around them — an activity
    deleted during the adjustment took its origins, beneficiaries, comments and monitoring
    tasks with it, and indicator values are shared with the upper levels' consolidation —
    so a "restore" would silently make an official plan that was never adopted. Whoever
    changed the content undoes it (the message names what differs) or submits the
    adjustment to the council.
    """
    if not can_adjust(scope_for(user), plan):
        raise PermissionDenied(_("Only the People's Committee of the unit can adjust its plan."))
    reason = _clean_reason(reason)
    plan = _lock(plan)
    adjustment = _require_open(plan)
    if adjustment.submission_id:
        raise ValidationError(
            _(
                "The adjustment was already submitted to the People's Council: only its "
                "resolution can close it."
            )
        )
    changes = content_changes(plan, adjustment)
    if changes:
        shown = "; ".join(changes[:3]) + ("…" if len(changes) > 3 else "")
        raise ValidationError(
            _(
                "The adjustment cannot be cancelled: the plan already differs from the official "
                "version in %(count)s places (%(changes)s). Undo these changes first, or submit "
                "the adjustment to the People's Council."
            )
            % {"count": len(changes), "changes": shown}
        )
    adjustment.cancelled_at, adjustment.cancelled_by = timezone.now(), user
    adjustment.cancel_reason = reason
    adjustment.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
    plan.status = PlanStatus.APPROVED
    plan.save(update_fields=["status", "updated_at"])
    record_event(
        actor=user,
        verb="portal.adjustment_cancelled",
        target=plan,
        unit=plan.unit,
        reason=reason,
        payload={"adjustment": adjustment.pk, "number": adjustment.number},
    )
    return adjustment


def _require_open(plan) -> Adjustment:
    adjustment = open_adjustment(plan)
    if plan.status != PlanStatus.ADJUSTING or adjustment is None:
        raise ValidationError(_("No adjustment of this plan is under way."))
    return adjustment


@transaction.atomic
def adjustment_submit(*, user, plan, number, submitted_on, summary="") -> CouncilSubmission:
    """The tờ trình of the adjustment: the revised draft as it stands, frozen."""
    _require_manage(user, plan)
    number, submitted_on = _clean_reference(
        number, submitted_on, number_field="number", day_field="submitted_on"
    )
    plan = _lock(plan)
    adjustment = _require_open(plan)
    if adjustment.submission_id:
        raise ValidationError(_("The adjustment has already been submitted."))
    version = _freeze(
        plan,
        user,
        _("Adjustment submitted to the People's Council (%(number)s)") % {"number": number},
    )
    submission = CouncilSubmission.objects.create(
        plan=plan,
        version=version,
        number=number,
        submitted_on=submitted_on,
        summary=nfc(summary)[:MAX_TEXT],
        created_by=user,
    )
    adjustment.submission = submission
    adjustment.save(update_fields=["submission"])
    event = record_event(
        actor=user,
        verb="council.submitted",
        target=plan,
        unit=plan.unit,
        reason=adjustment.reason,
        payload={
            "number": number,
            "date": submitted_on.isoformat(),
            "version": version.number,
            "adjustment": adjustment.pk,
        },
    )
    # The tờ trình is the "submitted" milestone of this adjustment (versions then read
    # draft… → official → submitted → revised); the freezing label stays as the note.
    milestone_reached(
        plan=plan,
        stage=Stage.SUBMITTED,
        user=user,
        event=event,
        key=f"adjustment:{adjustment.pk}",
        version=version,
    )
    return submission


@transaction.atomic
def adjustment_adopt(*, user, plan, number, adopted_on, text) -> Adjustment:
    """The council's adjusting resolution: the revised draft becomes the official "revised"
    version, the plan is locked again, republished and monitored against it."""
    _require_manage(user, plan)
    number, adopted_on = _clean_reference(
        number, adopted_on, number_field="number", day_field="adopted_on"
    )
    text = nfc(text)
    if not text:
        raise ValidationError({"text": _("Copy the text of the resolution (or its main points).")})
    if len(text) > MAX_TEXT:
        raise ValidationError({"text": _("The text is too long.")})
    plan = _lock(plan)
    adjustment = _require_open(plan)
    submission = adjustment.submission
    if submission is None:
        raise ValidationError(_("Submit the adjustment to the People's Council first."))
    if adopted_on < submission.submitted_on:
        raise ValidationError(
            {"adopted_on": _("The resolution cannot come before the submission.")}
        )
    open_questions = submission.questions.filter(answer="").count()
    if open_questions:
        raise ValidationError(
            _("%(count)s questions of the People's Council have no answer yet.")
            % {"count": open_questions}
        )
    version = _freeze(plan, user, Stage.REVISED)
    version.note = _(
        "Adjusted by Resolution %(number)s of %(date)s of the People's Council: %(reason)s"
    ) % {"number": number, "date": adopted_on.strftime("%d/%m/%Y"), "reason": adjustment.reason}
    plan.status = PlanStatus.APPROVED
    plan.reviewed_at = timezone.now()
    plan.save(update_fields=["status", "reviewed_at", "updated_at"])
    adjustment.resolution_number, adjustment.adopted_on = number, adopted_on
    adjustment.resolution_text, adjustment.version = text, version
    adjustment.adopted_at, adjustment.adopted_by = timezone.now(), user
    adjustment.save()
    event = record_event(
        actor=user,
        verb="council.adjustment_adopted",
        target=plan,
        unit=plan.unit,
        reason=adjustment.reason,
        payload={
            "number": number,
            "date": adopted_on.isoformat(),
            "version": version.number,
            "adjustment": adjustment.pk,
        },
    )
    milestone_reached(
        plan=plan,
        stage=Stage.REVISED,
        user=user,
        event=event,
        key=f"adjustment:{adjustment.pk}",
        version=version,
    )
    _republish(user, plan, adjustment)
    # Monitoring goes on from the revised plan (rows added by the adjustment get their tasks).
    from sedp.monitoring.hooks import on_plan_approved

    on_plan_approved(plan)
    return adjustment


def _republish(user, plan, adjustment) -> None:
    """The portal shows the adjusted plan, and that it was adjusted, in place of the first."""
    publication = Publication.objects.select_for_update().filter(plan=plan).first()
    if publication is None:
        return  # not published yet: plan_publish will publish the adjusted plan
    publication.snapshot = publication_snapshot(plan, plan.resolution)
    publication.search_text = search_text_of(plan, plan.resolution)
    publication.adjustment = adjustment
    publication.save(update_fields=["snapshot", "search_text", "adjustment"])
    record_event(
        actor=user,
        verb="portal.republished",
        target=plan,
        unit=plan.unit,
        payload={"publication": publication.pk, "adjustment": adjustment.pk},
    )
