"""Every change to a plan goes through these functions (create, write, submit, review).

Each checks permission through the user's scope, runs in one transaction, locks the plan
row when it changes state (select_for_update), writes an event, and reports the output
to the planning calendar through hooks.on_output.
"""

import datetime

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
    CouncilOpinion,
    Plan,
    PlanKind,
    PlanSection,
    PlanStatus,
    PlanVersion,
)
from sedp.plans.outlines import outline_for
from sedp.plans.rules import (
    PARENT_KIND,
    RESUBMIT_DAYS,
    REVIEWER_KINDS,
    SECTIONS_REQUIRED,
    SECTOR_REVIEWER_KINDS,
    can_edit,
    can_review,
    check_preconditions,
    kinds_authored_by,
    orientation_reviewer,
    review_unit,
)
from sedp.territory.models import AgencyKind

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
    if plan.kind == PlanKind.SECTOR_ORIENTATION:
        reviewer = orientation_reviewer(plan)
        if reviewer is None:
            return None
        kind = (
            PlanKind.DISTRICT_ORIENTATION
            if reviewer.kind == AgencyKind.FINANCE_PLANNING_OFFICE
            else PlanKind.SECTOR_ORIENTATION
        )
        return Plan.objects.filter(kind=kind, report_year=plan.report_year, agency=reviewer).first()
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
    if kind not in kinds_authored_by(agency):
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
    event = record_event(
        actor=user,
        verb="plan.created",
        target=plan,
        unit=plan.unit,
        payload={"kind": kind, "report_year": report_year},
    )
    hooks.on_output(plan.agency, f"{kind}.created", event)
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


def _milestone():
    """The revisions services, which number the versions a plan reaches as its milestones
    (imported late: they build on this module)."""
    from sedp.revisions import services

    return services


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
    if plan.kind in SECTIONS_REQUIRED:
        filled = set(plan.sections.exclude(body="").values_list("code", flat=True))
        missing = [s for s in plan.sections.all() if s.code in SECTIONS_REQUIRED[plan.kind]]
        missing = [s for s in missing if s.code not in filled]
        if missing:
            raise ValidationError(
                _("Write “%(title)s” before submitting.") % {"title": missing[0].display_title}
            )
    elif not plan.activities.exists():
        raise ValidationError(_("Add at least one proposed activity before submitting."))
    if plan.kind == PlanKind.COMMUNE_PLAN:
        _require_draft_ready(plan)
    receiver = receiving_agency(plan)
    if receiver is None:
        raise ValidationError(
            _("No body above reviews this plan: ask an administrator to add it to the directory.")
        )
    check_preconditions("submit", plan)
    resubmission = plan.status == PlanStatus.RETURNED
    _transition(plan, PlanStatus.SUBMITTED)
    plan.submitted_at = timezone.now()
    plan.submitted_to = receiver
    plan.save(update_fields=["status", "submitted_at", "submitted_to", "updated_at"])
    version = _freeze(plan, user, _("Resubmission") if resubmission else _("Submission"))
    event = record_event(
        actor=user,
        verb="plan.resubmitted" if resubmission else "plan.submitted",
        target=plan,
        unit=plan.unit,
        payload={"to": receiver.name},
    )
    _milestone().milestone_reached(
        plan=plan, stage="submitted", user=user, event=event, key=event.pk, version=version
    )
    hooks.on_output(plan.agency, f"{plan.kind}.submitted", event)
    return plan


def receiving_agency(plan):
    """The body a plan goes to, found in the tree: at the unit that reviews it (the village's
    commune, the commune's district — or its province in the two-tier template), the
    first agency of a reviewing kind, in REVIEWER_KINDS' order of preference."""
    from sedp.territory.models import Agency

    if plan.kind == PlanKind.SECTOR_ORIENTATION:
        return orientation_reviewer(plan)
    unit = review_unit(plan)
    kinds = REVIEWER_KINDS.get(plan.kind, [])
    sector_kinds = SECTOR_REVIEWER_KINDS.get(plan.kind)
    if unit is not None and sector_kinds and plan.agency.sector_id:
        # A Sở's own unit sends its input to the department of its sector (see rules).
        departments = [
            a
            for a in Agency.objects.filter(unit=unit, kind__in=sector_kinds).select_related(
                "sector"
            )
            if a.sector_id and plan.agency.sector.path.startswith(a.sector.path)
        ]
        if departments:
            return max(departments, key=lambda a: len(a.sector.path))
    if unit is None or not kinds:
        return None
    found = {a.kind: a for a in Agency.objects.filter(unit=unit, kind__in=kinds).order_by("-pk")}
    return next((found[k] for k in kinds if k in found), None)


def _require_draft_ready(plan) -> None:
    """A commune's draft goes up complete, summarised in its framework, with the opinion of
    the People's Council standing committee (seed, commune step 5)."""
    errors = []
    if plan.draft_completed_at is None:
        errors.append(_("Complete the draft first (all sections written)."))
    if plan.framework_recorded_at is None:
        errors.append(_("Record the commune plan framework (khung KH xã) first."))
    if not CouncilOpinion.objects.filter(plan=plan).exists():
        errors.append(_("Record the opinion of the People's Council standing committee first."))
    if errors:
        raise ValidationError(errors)


def _require_review(user, plan) -> None:
    if not can_review(scope_for(user), plan):
        raise PermissionDenied(_("Only the body that reviews this plan can accept or return it."))


@transaction.atomic
def plan_accept(*, user, plan) -> Plan:
    _require_review(user, plan)
    plan = _lock(plan)
    _transition(plan, PlanStatus.ACCEPTED)
    check_preconditions("accept", plan)
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
    if deadline is None and plan.kind in RESUBMIT_DAYS:
        deadline = timezone.localdate() + datetime.timedelta(days=RESUBMIT_DAYS[plan.kind])
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


# ---------------------------------------------------------------------------------------
# Commune step 5: the draft, its framework, the People's Council's opinion.


def _require_commune_plan(plan) -> None:
    if plan.kind != PlanKind.COMMUNE_PLAN:
        raise ValidationError(_("This step belongs to the commune plan."))


@transaction.atomic
def plan_prefill(*, user, plan) -> list:
    """Fill the empty sections the data can write (indicator tables, activities by sector
    group, the envelopes and the resource balance); the group then edits them. Sections
    already written are left alone. Returns the codes filled."""
    from sedp.plans.draft import prefill_texts

    require_edit(user, plan)
    plan = _lock(plan)
    require_editable(plan)
    _require_commune_plan(plan)
    texts = prefill_texts(plan)
    sections = [s for s in plan.sections.all() if s.code in texts and not s.body.strip()]
    for section in sections:
        section.body = texts[section.code]
    PlanSection.objects.bulk_update(sections, ["body"])
    if sections:
        record_event(
            actor=user,
            verb="plan.prefilled",
            target=plan,
            unit=plan.unit,
            payload={"sections": [s.code for s in sections]},
        )
    return [s.code for s in sections]


@transaction.atomic
def plan_complete_draft(*, user, plan) -> PlanVersion:
    """Mark the commune's draft complete once the check finds nothing missing; freezes it."""
    from sedp.plans.draft import completeness

    require_edit(user, plan)
    plan = _lock(plan)
    require_editable(plan)
    _require_commune_plan(plan)
    missing = completeness(plan)
    if missing:
        raise ValidationError(missing)
    plan.draft_completed_at = timezone.now()
    plan.save(update_fields=["draft_completed_at", "updated_at"])
    version = _freeze(plan, user, _("Completed draft"))
    event = record_event(actor=user, verb="plan.draft_completed", target=plan, unit=plan.unit)
    _milestone().commune_draft_reached(plan=plan, user=user, event=event, version=version)
    hooks.on_output(plan.agency, f"{plan.kind}.draft_completed", event)
    return version


@transaction.atomic
def plan_record_framework(*, user, plan) -> PlanVersion:
    """Summarise the draft into the commune plan framework (khung KH xã) and keep it."""
    from sedp.plans.draft import snapshot_framework

    require_edit(user, plan)
    plan = _lock(plan)
    require_editable(plan)
    _require_commune_plan(plan)
    rows = snapshot_framework(plan)
    if not rows:
        raise ValidationError(_("The framework has no activity yet: consolidate the proposals."))
    plan.framework_recorded_at = timezone.now()
    plan.save(update_fields=["framework_recorded_at", "updated_at"])
    version = PlanVersion.objects.create(
        plan=plan,
        number=plan.versions.count() + 1,
        label=_("Commune plan framework"),
        snapshot={"framework": rows},
        created_by=user,
    )
    event = record_event(
        actor=user,
        verb="plan.framework_recorded",
        target=plan,
        unit=plan.unit,
        payload={"rows": len(rows)},
    )
    hooks.on_output(plan.agency, f"{plan.kind}.framework_recorded", event)
    return version


@transaction.atomic
def plan_record_council_opinion(*, user, plan, given_by, date, opinion) -> CouncilOpinion:
    """Record the People's Council standing committee's opinion on the completed draft."""
    require_edit(user, plan)
    plan = _lock(plan)
    require_editable(plan)
    _require_commune_plan(plan)
    given_by, opinion = nfc(given_by or ""), nfc(opinion or "")
    errors = {}
    if not given_by:
        errors["given_by"] = _("Say who gave the opinion (name and position).")
    if not opinion:
        errors["opinion"] = _("Write the opinion as it was given.")
    elif len(opinion) > MAX_TEXT:
        errors["opinion"] = _("The opinion is too long (at most %(max)s characters).") % {
            "max": MAX_TEXT
        }
    if date is None:
        errors["date"] = _("Enter the date of the opinion.")
    elif date > timezone.localdate():
        errors["date"] = _("The opinion cannot be dated in the future.")
    if not errors and plan.draft_completed_at is None:
        errors["__all__"] = _("Complete the draft first: the council gives its opinion on it.")
    if errors:
        raise ValidationError(errors)
    record, _created = CouncilOpinion.objects.update_or_create(
        plan=plan,
        defaults={
            "given_by": given_by[:255],
            "date": date,
            "opinion": opinion,
            "recorded_by": user,
        },
    )
    record_event(
        actor=user,
        verb="plan.council_opinion",
        target=plan,
        unit=plan.unit,
        reason=opinion[:500],
        payload={"given_by": given_by, "date": date.isoformat()},
    )
    return record
