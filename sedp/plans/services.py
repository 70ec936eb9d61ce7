"""Every change to a plan goes through these functions (create, write, submit, review).

Each checks permission through the user's scope, runs in one transaction, locks the plan
row when it changes state (select_for_update), writes an event, and reports the output
to the planning calendar through hooks.on_output.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sedp.accounts.scoping import scope_for
from sedp.core.events import record_event
from sedp.core.text import nfc
from sedp.plans import hooks
from sedp.plans.models import (
    TRANSITIONS,
    Plan,
    PlanKind,
    PlanSection,
    PlanStatus,
    PlanVersion,
)
from sedp.plans.outlines import outline_for
from sedp.plans.rules import (
    AUTHOR_KINDS,
    PARENT_KIND,
    can_edit,
    can_review,
    review_unit,
)

MAX_TEXT = 20_000  # a section is a few pages at most; more is a paste gone wrong


def require_edit(user, plan) -> None:
    if not can_edit(scope_for(user), plan):
        raise PermissionDenied(_("Only the plan's own group can change it."))


def require_editable(plan) -> None:
    if not plan.is_editable:
        raise ValidationError(
            _("This plan is %(status)s and can no longer be changed.")
            % {"status": plan.get_status_display().lower()}
        )


def _lock(plan) -> Plan:
    return Plan.objects.select_for_update().select_related("unit", "agency").get(pk=plan.pk)


def _transition(plan, target) -> None:
    if target not in TRANSITIONS[PlanStatus(plan.status)]:
        raise ValidationError(
            _("A plan that is %(status)s cannot become %(target)s.")
            % {
                "status": plan.get_status_display().lower(),
                "target": PlanStatus(target).label.lower(),
            }
        )
    plan.status = target


def parent_plan_of(plan):
    """The plan that consolidates this one (the commune plan of the same year), if any."""
    kind = PARENT_KIND.get(plan.kind)
    unit = review_unit(plan)
    if kind is None or unit is None:
        return None
    return Plan.objects.filter(kind=kind, report_year=plan.report_year, unit=unit).first()


@transaction.atomic
def plan_create(*, user, agency, kind, report_year) -> Plan:
    """Start a plan of `kind` for report year X, authored by `agency`, with its outline."""
    if not can_edit(scope_for(user), Plan(agency=agency)):
        raise PermissionDenied(_("Only the plan's own group can change it."))
    if agency.kind not in AUTHOR_KINDS.get(kind, set()):
        raise ValidationError(
            _("A %(agency_kind)s does not write a %(plan_kind)s.")
            % {
                "agency_kind": agency.get_kind_display().lower(),
                "plan_kind": PlanKind(kind).label.lower(),
            }
        )
    if not 2000 <= int(report_year) <= 2100:
        raise ValidationError({"report_year": _("The report year must be between 2000 and 2100.")})
    if Plan.objects.filter(kind=kind, report_year=report_year, agency=agency).exists():
        raise ValidationError(
            _("%(agency)s already has a %(plan_kind)s for %(year)s.")
            % {
                "agency": agency.name,
                "plan_kind": PlanKind(kind).label.lower(),
                "year": report_year,
            }
        )
    plan = Plan.objects.create(kind=kind, report_year=report_year, unit=agency.unit, agency=agency)
    PlanSection.objects.bulk_create(
        PlanSection(plan=plan, code=code, title=str(title), order=index)
        for index, (code, title) in enumerate(outline_for(kind))
    )
    record_event(
        actor=user,
        verb="plan.created",
        target=plan,
        unit=plan.unit,
        payload={"kind": kind, "report_year": report_year},
    )
    return plan


@transaction.atomic
def plan_update_sections(*, user, plan, bodies: dict) -> Plan:
    """Write the narrative sections (code -> text); unknown codes are refused."""
    require_edit(user, plan)
    plan = _lock(plan)
    require_editable(plan)
    sections = {s.code: s for s in plan.sections.all()}
    unknown = set(bodies) - set(sections)
    if unknown:
        raise ValidationError(_("Unknown section: %(code)s") % {"code": ", ".join(sorted(unknown))})
    changed = []
    for code, text in bodies.items():
        text = nfc(text)
        if len(text) > MAX_TEXT:
            raise ValidationError(
                {
                    code: _("“%(title)s” is too long (at most %(max)s characters).")
                    % {"title": sections[code].display_title, "max": MAX_TEXT}
                }
            )
        if sections[code].body != text:
            sections[code].body = text
            changed.append(sections[code])
    PlanSection.objects.bulk_update(changed, ["body"])
    if changed:
        record_event(
            actor=user,
            verb="plan.sections_updated",
            target=plan,
            unit=plan.unit,
            payload={"sections": [s.code for s in changed]},
        )
    return plan


def _snapshot(plan) -> dict:
    """What the plan said when frozen: sections, activities with funding, indicator values
    (kept by the revisions app, which compares versions)."""
    from sedp.revisions.snapshot import full_snapshot

    return full_snapshot(plan)


def _freeze(plan, user, label, note="") -> PlanVersion:
    number = plan.versions.count() + 1
    return PlanVersion.objects.create(
        plan=plan, number=number, label=label, note=note, snapshot=_snapshot(plan), created_by=user
    )


@transaction.atomic
def plan_submit(*, user, plan) -> Plan:
    """Send a draft (or a returned plan) to the reviewing group."""
    require_edit(user, plan)
    plan = _lock(plan)
    parent = parent_plan_of(plan)
    if parent is not None and parent.collection_closed:
        raise ValidationError(
            _("The commune has closed the collection of proposals; ask its planning group.")
        )
    if plan.kind == PlanKind.VILLAGE_PROPOSAL and not plan.meetings.exists():
        raise ValidationError(
            _("Record the village meeting that agreed on the proposal before submitting it.")
        )
    if not plan.activities.exists():
        raise ValidationError(_("Add at least one proposed activity before submitting."))
    resubmission = plan.status == PlanStatus.RETURNED
    _transition(plan, PlanStatus.SUBMITTED)
    plan.submitted_at = timezone.now()
    plan.save(update_fields=["status", "submitted_at", "updated_at"])
    _freeze(plan, user, _("Resubmission") if resubmission else _("Submission"))
    event = record_event(
        actor=user,
        verb="plan.resubmitted" if resubmission else "plan.submitted",
        target=plan,
        unit=plan.unit,
    )
    hooks.on_output(plan.agency, f"{plan.kind}.submitted", event)
    return plan


def _require_review(user, plan) -> None:
    if not can_review(scope_for(user), plan):
        raise PermissionDenied(_("Only the body that reviews this plan can accept or return it."))


@transaction.atomic
def plan_accept(*, user, plan) -> Plan:
    _require_review(user, plan)
    plan = _lock(plan)
    _transition(plan, PlanStatus.ACCEPTED)
    plan.reviewed_at = timezone.now()
    plan.save(update_fields=["status", "reviewed_at", "updated_at"])
    event = record_event(actor=user, verb="plan.accepted", target=plan, unit=plan.unit)
    hooks.on_output(plan.agency, f"{plan.kind}.accepted", event)
    return plan


@transaction.atomic
def plan_return(*, user, plan, reason, deadline) -> Plan:
    """Send a submission back with a written reason (required) and a date to resubmit by."""
    _require_review(user, plan)
    reason = nfc(reason)
    errors = {}
    if not reason:
        errors["reason"] = _("Write why the plan is returned: the group will read it.")
    if deadline is None:
        errors["deadline"] = _("Give the date by which the plan must be resubmitted.")
    elif deadline < timezone.localdate():
        errors["deadline"] = _("The resubmission date cannot be in the past.")
    if errors:
        raise ValidationError(errors)
    plan = _lock(plan)
    _transition(plan, PlanStatus.RETURNED)
    plan.return_reason, plan.return_deadline = reason, deadline
    plan.reviewed_at = timezone.now()
    plan.save(
        update_fields=["status", "return_reason", "return_deadline", "reviewed_at", "updated_at"]
    )
    record_event(
        actor=user,
        verb="plan.returned",
        target=plan,
        unit=plan.unit,
        reason=reason,
        payload={"deadline": deadline.isoformat()},
    )
    return plan


@transaction.atomic
def plan_set_collection(*, user, plan, closed: bool) -> Plan:
    """Close (or reopen) the collection of the children of a consolidating plan."""
    require_edit(user, plan)
    plan = _lock(plan)
    if not plan.consolidates:
        raise ValidationError(_("Only a consolidating plan collects submissions."))
    if plan.collection_closed != closed:
        plan.collection_closed = closed
        plan.save(update_fields=["collection_closed", "updated_at"])
        record_event(
            actor=user,
            verb="plan.collection_closed" if closed else "plan.collection_reopened",
            target=plan,
            unit=plan.unit,
        )
    return plan


ENVELOPE_CEILING = 10_000_000_000_000  # 10 000 tỷ: above any commune's envelope


@transaction.atomic
def plan_set_envelope(*, user, plan, last_year_allocation, expected_envelope) -> Plan:
    """Record last year's allocation and this year's expected envelope (feasibility review)."""
    require_edit(user, plan)
    plan = _lock(plan)
    require_editable(plan)
    errors = {}
    for name, value in [
        ("last_year_allocation", last_year_allocation),
        ("expected_envelope", expected_envelope),
    ]:
        if value is not None and not 0 <= value <= ENVELOPE_CEILING:
            errors[name] = _("The amount must be between 0 and 10 000 billion VND.")
    if errors:
        raise ValidationError(errors)
    before = [plan.last_year_allocation, plan.expected_envelope]
    plan.last_year_allocation, plan.expected_envelope = last_year_allocation, expected_envelope
    plan.save(update_fields=["last_year_allocation", "expected_envelope", "updated_at"])
    record_event(
        actor=user,
        verb="plan.envelope_set",
        target=plan,
        unit=plan.unit,
        payload={"before": before, "after": [last_year_allocation, expected_envelope]},
    )
    return plan


def default_report_year() -> int:
    """Planning for X+1 happens during year X: the current year is the report year."""
    return timezone.localdate().year
