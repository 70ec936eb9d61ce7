"""Every change this app makes: record a version, run the update round.

Each function checks permission through the user's scope, runs in one transaction, locks
the plan it changes, writes an event, and tells the planning calendar (cycles) which
output it produced.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sedp.accounts.models import EDITING_ROLES
from sedp.accounts.scoping import scope_for
from sedp.core.events import record_event, record_events
from sedp.core.text import nfc
from sedp.cycles.services import complete_tasks_for_output
from sedp.plans import services as plan_services
from sedp.plans.consolidation import children_of
from sedp.plans.models import Plan, PlanKind, PlanStatus, PlanVersion
from sedp.plans.rules import can_edit
from sedp.revisions.models import ChangeReport, Milestone, Stage, UpdateRequest, UpdateResponse
from sedp.revisions.snapshot import full_snapshot
from sedp.territory.models import AgencyKind

MAX_REASON = 5_000

# Template outputs (templates_data/*.yaml) a version of each stage produces, by plan kind.
VERSION_OUTPUTS = {
    (PlanKind.PROVINCE_PLAN, Stage.DRAFT_1): ("tinh.plan_draft",),
    (PlanKind.PROVINCE_PLAN, Stage.UPDATED): ("tinh.plan_updated",),
    (PlanKind.DISTRICT_PLAN, Stage.DRAFT_1): ("huyen.plan_draft1",),
    (PlanKind.DISTRICT_PLAN, Stage.DRAFT_2): ("huyen.plan_draft2",),
    (PlanKind.DISTRICT_PLAN, Stage.UPDATED): ("huyen.plan_updated",),
}
# The request to update, by the kind of the consolidating plan that sends it.
REQUEST_OUTPUTS = {
    PlanKind.PROVINCE_PLAN: "tinh.update_request",
    PlanKind.DISTRICT_PLAN: "huyen.update_request",
}
# The updated framework each kind of child plan sends back.
FRAMEWORK_OUTPUTS = {
    PlanKind.PROVINCE_SECTOR_PLAN: ("sector.framework_update",),
    PlanKind.DISTRICT_SECTOR_PLAN: ("huyen.framework_update",),
    PlanKind.DISTRICT_PLAN: ("huyen.framework_update", "huyen.plan_updated"),
    PlanKind.COMMUNE_PLAN: ("xa.framework_update",),
}
# Stages that must say why (draft 1 is the first text; a submission is its own reason).
REASON_REQUIRED = {Stage.DRAFT_2, Stage.UPDATED, Stage.OFFICIAL, Stage.REVISED}


def _complete(agencies, codes, event) -> None:
    for agency in agencies:
        for code in codes:
            complete_tasks_for_output(agency=agency, output_code=code, event=event)


def _clean_reason(reason, required=True) -> str:
    reason = nfc(reason or "")
    if required and not reason:
        raise ValidationError({"reason": _("Write what was changed and why.")})
    if len(reason) > MAX_REASON:
        raise ValidationError(
            {
                "reason": _("The reason is too long (at most %(max)s characters).")
                % {"max": MAX_REASON}
            }
        )
    return reason


def freeze(*, plan, user, stage, reason="") -> PlanVersion:
    """A new numbered version of `plan` (locked by the caller) with the full snapshot."""
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return PlanVersion.objects.create(
        plan=plan,
        number=number,
        label=stage,
        note=reason,
        snapshot=full_snapshot(plan),
        created_by=user,
    )


# How the upper levels' drafts (sedp.upper.services.DRAFTS keys) count as stages: a province's
# preliminary draft is its first, its draft revised after the conference its second.
DRAFT_STAGES = {
    "draft1": Stage.DRAFT_1,
    "draft": Stage.DRAFT_1,
    "preliminary": Stage.DRAFT_1,
    "draft2": Stage.DRAFT_2,
    "revised": Stage.DRAFT_2,
}
# Stages a plan reaches once; the others repeat with a key (submission, request, adjustment).
ONCE_STAGES = {Stage.DRAFT_1, Stage.DRAFT_2, Stage.OFFICIAL}


@transaction.atomic
def milestone_reached(*, plan, stage, user, event=None, key="", reason="", version=None):
    """The plan reached `stage`: keep the version frozen there, linked to the event that
    caused it. Called inside the transaction of the service where the milestone happens
    (which checked the permission and wrote `event`); `version` is the one that service
    froze, if it did. Idempotent: a milestone already reached returns its version."""
    if stage not in Stage.values:
        raise ValueError(f"Unknown stage {stage!r}")
    key = "" if stage in ONCE_STAGES else str(key)
    found = (
        Milestone.objects.filter(plan=plan, stage=stage, key=key).select_related("version").first()
    )
    if found is not None:
        return found.version
    reason = _clean_reason(reason, required=False)
    if version is None:
        version = freeze(plan=plan, user=user, stage=stage, reason=reason)
    else:
        # The label becomes the stage code; what the freezing service called it ("Nộp lại",
        # "Trình HĐND điều chỉnh…") stays readable as the version's note.
        previous = "" if version.label in Stage.values else version.label
        version.label = stage
        version.note = version.note or reason or previous
        version.save(update_fields=["label", "note"])
    Milestone.objects.create(plan=plan, stage=stage, key=key, version=version, event=event)
    if event is not None:
        _complete([plan.agency], VERSION_OUTPUTS.get((plan.kind, stage), ()), event)
    return version


def draft_reached(*, plan, draft_key, user, event, version):
    """An upper level's draft was issued (sedp.upper.services.draft_issue)."""
    stage = DRAFT_STAGES.get(draft_key)
    if stage is None:
        return version
    return milestone_reached(plan=plan, stage=stage, user=user, event=event, version=version)


def commune_draft_reached(*, plan, user, event, version=None):
    """The commune's draft: the one its planning conference discusses is draft 1 (seed,
    commune steps 3-4); the draft completed after the conference is draft 2 (step 5)."""
    from sedp.meetings.models import MeetingKind

    first = not Milestone.objects.filter(plan=plan, stage=Stage.DRAFT_1).exists()
    held = plan.meetings.filter(kind=MeetingKind.COMMUNE_CONFERENCE).exists()
    if first:
        stage = Stage.DRAFT_1
    elif held and version is not None:
        stage = Stage.DRAFT_2
    else:
        return version
    return milestone_reached(plan=plan, stage=stage, user=user, event=event, version=version)


# Stages only a People's Council's resolution makes (portal.services), never by hand.
COUNCIL_STAGES = {Stage.OFFICIAL, Stage.REVISED}


@transaction.atomic
def version_record(*, user, plan, stage, reason="") -> PlanVersion:
    """Record a version by hand (draft 1, draft 2, updated) and why. The process records its
    milestones itself (milestone_reached); a hand-made draft 1 or 2 counts as that milestone
    when the process has not reached it yet."""
    plan_services.require_edit(user, plan)
    if stage not in Stage.values or stage in COUNCIL_STAGES:
        raise ValidationError(
            {
                "stage": _("Choose the stage of this version.")
                if stage not in Stage.values
                else _("The official and revised versions are made by the council's resolution.")
            }
        )
    reason = _clean_reason(reason, required=stage in REASON_REQUIRED)
    plan = plan_services._lock(plan)
    version = freeze(plan=plan, user=user, stage=stage, reason=reason)
    event = record_event(
        actor=user,
        verb="revision.version_recorded",
        target=plan,
        unit=plan.unit,
        reason=reason,
        payload={"version": version.pk, "number": version.number, "stage": stage},
    )
    if stage in ONCE_STAGES and not plan.milestones.filter(stage=stage).exists():
        Milestone.objects.create(plan=plan, stage=stage, version=version, event=event)
    _complete([plan.agency], VERSION_OUTPUTS.get((plan.kind, stage), ()), event)
    return version


def _committee_editor(user, unit) -> bool:
    """A leader or planner of the People's Committee of `unit` (it signs the request)."""
    return any(
        m.role in EDITING_ROLES
        and m.agency.unit_id == unit.pk
        and m.agency.kind == AgencyKind.PEOPLES_COMMITTEE
        for m in scope_for(user).memberships
    )


def can_issue_request(user, plan) -> bool:
    return plan.consolidates and (
        can_edit(scope_for(user), plan) or _committee_editor(user, plan.unit)
    )


@transaction.atomic
def update_request_issue(*, user, plan, text, deadline) -> UpdateRequest:
    """The consolidating level asks every plan it consolidates to update its framework."""
    if not plan.consolidates:
        raise ValidationError(_("Only a consolidating plan asks for updates."))
    if not can_issue_request(user, plan):
        raise PermissionDenied(_("Only the People's Committee or the plan's group can ask."))
    text = nfc(text or "")
    errors = {}
    if not text:
        errors["text"] = _("Write what the units must update.")
    elif len(text) > MAX_REASON:
        errors["text"] = _("The text is too long (at most %(max)s characters).") % {
            "max": MAX_REASON
        }
    if deadline is None:
        errors["deadline"] = _("Give the date by which the updates must be sent.")
    elif deadline < timezone.localdate():
        errors["deadline"] = _("The date cannot be in the past.")
    if errors:
        raise ValidationError(errors)
    plan = plan_services._lock(plan)
    request = UpdateRequest.objects.create(plan=plan, text=text, deadline=deadline, created_by=user)
    event = record_event(
        actor=user,
        verb="revision.update_requested",
        target=plan,
        unit=plan.unit,
        reason=text,
        payload={"request": request.pk, "deadline": deadline.isoformat()},
    )
    # Each child's own history (and its next comparison) shows the request that caused it.
    record_events(
        actor=user,
        verb="revision.update_requested",
        targets=list(children_of(plan).select_related("unit")),
        unit_of=lambda child: child.unit,
        payload_of=lambda child: {"request": request.pk, "deadline": deadline.isoformat()},
        reason=text,
    )
    committees = list(plan.unit.agencies.filter(kind=AgencyKind.PEOPLES_COMMITTEE))
    _complete([plan.agency, *committees], (REQUEST_OUTPUTS.get(plan.kind, ""),), event)
    return request


def _require_child(request, plan) -> None:
    if not children_of(request.plan).filter(pk=plan.pk).exists():
        raise ValidationError(_("This plan is not one the request was sent to."))
    if not request.is_open:
        raise ValidationError(_("This update request is closed."))


@transaction.atomic
def update_reopen(*, user, request, plan) -> Plan:
    """Open a submitted or accepted plan again for the update the request asks for.

    Outside the plans' review TRANSITIONS on purpose: only an open update request allows it,
    never an approved plan, and the event names the request as the reason.
    """
    plan_services.require_edit(user, plan)
    _require_child(request, plan)
    plan = plan_services._lock(plan)
    if plan.status not in {PlanStatus.SUBMITTED, PlanStatus.ACCEPTED}:
        raise ValidationError(_("Only a submitted or accepted plan is reopened for an update."))
    before = plan.status
    plan.status = PlanStatus.DRAFT
    plan.save(update_fields=["status", "updated_at"])
    record_event(
        actor=user,
        verb="revision.reopened",
        target=plan,
        unit=plan.unit,
        reason=request.text,
        payload={"request": request.pk, "before": before},
    )
    return plan


@transaction.atomic
def update_respond(*, user, request, plan, reason) -> UpdateResponse:
    """Send the updated plan back: an "updated" version with what changed and why."""
    plan_services.require_edit(user, plan)
    _require_child(request, plan)
    reason = _clean_reason(reason)
    if UpdateResponse.objects.filter(request=request, plan=plan).exists():
        raise ValidationError(_("This plan has already answered the request."))
    before = plan.versions.order_by("-number").first()
    if plan.is_editable:
        # Reopened for the update: send it up again; the submission's version is the update.
        plan = plan_services.plan_submit(user=user, plan=plan)
        version = plan.versions.order_by("-number").first()
        version.note = reason
    else:
        plan = plan_services._lock(plan)
        version = None
    event = record_event(
        actor=user,
        verb="revision.update_answered",
        target=plan,
        unit=plan.unit,
        reason=reason,
        payload={"request": request.pk},
    )
    version = milestone_reached(
        plan=plan,
        stage=Stage.UPDATED,
        user=user,
        event=event,
        key=f"request:{request.pk}",
        reason=reason,
        version=version,
    )
    response = UpdateResponse.objects.create(
        request=request, plan=plan, before=before, version=version, reason=reason
    )
    _complete([plan.agency], FRAMEWORK_OUTPUTS.get(plan.kind, ()), event)
    return response


@transaction.atomic
def update_request_close(*, user, request) -> UpdateRequest:
    if not can_issue_request(user, request.plan):
        raise PermissionDenied(_("Only the People's Committee or the plan's group can ask."))
    request = UpdateRequest.objects.select_for_update().get(pk=request.pk)
    if request.is_open:
        request.is_open = False
        request.save(update_fields=["is_open"])
        record_event(
            actor=user,
            verb="revision.update_closed",
            target=request.plan,
            unit=request.plan.unit,
            payload={"request": request.pk},
        )
    return request


@transaction.atomic
def change_report_prepare(*, user, plan, old, new) -> ChangeReport:
    """The change report of two versions of a plan the user sees, as a document target (the
    documents app renders and keeps its Word file). The older version comes first."""
    from sedp.plans.selectors import get_plan_for_user

    plan = get_plan_for_user(user=user, pk=plan.pk)  # 404 outside the user's scope
    if old.plan_id != plan.pk or new.plan_id != plan.pk:
        raise ValidationError(_("Both versions must be versions of this plan."))
    if old.pk == new.pk:
        raise ValidationError(_("Choose two different versions."))
    if (old.number, old.pk) > (new.number, new.pk):
        old, new = new, old
    report, created = ChangeReport.objects.get_or_create(
        old=old, new=new, defaults={"plan": plan, "created_by": user}
    )
    if created:
        record_event(
            actor=user,
            verb="revision.change_report",
            target=plan,
            unit=plan.unit,
            payload={"old": old.number, "new": new.number, "report": report.pk},
        )
    return report
