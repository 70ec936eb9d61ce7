"""Every state change of the district and provincial steps (seed, district step 4-5,
province step 2-5). Each function checks permission, runs in one transaction, writes an
event and completes the calendar task of its output (cycles.complete_tasks_for_output).

Plan review itself (submit, accept, return) stays in sedp.plans.services; the functions
here add what the upper levels do around it: routing commune plans by sector, issuing
drafts, sending plans outside their review (sub-sectors, sector line, ministry), recording
opinions, conferences and the disagreement register.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sedp.accounts.models import EDITING_ROLES
from sedp.accounts.scoping import scope_for
from sedp.core.events import record_event
from sedp.core.models import Event
from sedp.core.text import nfc
from sedp.cycles.services import complete_tasks_for_output
from sedp.meetings.models import AgencyAttendance, Disagreement, MeetingKind, meeting_title
from sedp.meetings.services import meeting_record
from sedp.plans.models import Plan, PlanKind, PlanStatus
from sedp.plans.rules import can_edit
from sedp.plans.services import _freeze, _lock, plan_submit, require_edit, require_editable
from sedp.territory.models import Agency, AgencyKind
from sedp.upper.models import (
    DispatchPurpose,
    DispatchStatus,
    PlanDispatch,
    PlanOpinion,
    RoutedPlan,
)

K = AgencyKind
# The bodies that route commune plans by sector: phòng TCKH, or at a province whose
# communes report directly (two-tier), Sở KHĐT / Sở TC.
ROUTER_KINDS = {K.FINANCE_PLANNING_OFFICE, K.PLANNING_DEPARTMENT, K.FINANCE_DEPARTMENT}
# Who reviews a district's draft 2 before it leaves (seed, district step 5).
REVIEWING_BODY_KINDS = [K.PEOPLES_COMMITTEE, K.PARTY_COMMITTEE, K.PEOPLES_COUNCIL]


class Draft:
    """One draft a plan kind issues: key (kept in the version snapshot), label, the
    calendar output it produces and the meeting that must come before it."""

    def __init__(self, key, label, output=None, after_meeting=None):
        self.key, self.label, self.output, self.after_meeting = key, label, output, after_meeting


DRAFTS = {
    PlanKind.DISTRICT_SECTOR_PLAN: [
        Draft("draft1", gettext_lazy("Draft 1"), "huyen.sector_plan_draft1"),
    ],
    PlanKind.DISTRICT_PLAN: [
        Draft("draft1", gettext_lazy("Draft 1"), "huyen.plan_draft1"),
        Draft("draft2", gettext_lazy("Draft 2"), None, MeetingKind.DISTRICT_CONFERENCE),
    ],
    PlanKind.PROVINCE_SECTOR_PLAN: [
        Draft("draft", gettext_lazy("Draft sector plan"), "tinh.sector_plan_draft"),
    ],
    PlanKind.PROVINCE_PLAN: [
        Draft("preliminary", gettext_lazy("Preliminary draft"), "tinh.plan_preliminary"),
        Draft("revised", gettext_lazy("Revised draft"), None, MeetingKind.PROVINCE_CONFERENCE),
    ],
}

# The conference each plan kind holds, and the draft it discusses.
CONFERENCES = {
    PlanKind.DISTRICT_PLAN: (MeetingKind.DISTRICT_CONFERENCE, "draft1"),
    PlanKind.PROVINCE_SECTOR_PLAN: (MeetingKind.SECTOR_CONFERENCE, "draft"),
    PlanKind.PROVINCE_PLAN: (MeetingKind.PROVINCE_CONFERENCE, "preliminary"),
}
# The conferences the People's Committee convenes (its tasks are completed too).
CONVENED_BY_COMMITTEE = {MeetingKind.DISTRICT_CONFERENCE, MeetingKind.PROVINCE_CONFERENCE}
CONFERENCE_OUTPUTS = {
    MeetingKind.DISTRICT_CONFERENCE: "huyen.conference2",
    MeetingKind.PROVINCE_CONFERENCE: "tinh.plan_conference",
}


def _complete(plan, output_code, event, *, with_committee=False) -> None:
    """Complete the output's tasks of the plan's author (and of its unit's UBND when the
    template makes both responsible)."""
    complete_tasks_for_output(agency=plan.agency, output_code=output_code, event=event)
    if with_committee:
        for committee in Agency.objects.filter(unit=plan.unit, kind=K.PEOPLES_COMMITTEE):
            complete_tasks_for_output(agency=committee, output_code=output_code, event=event)


def _require_editor_of(user, agency) -> None:
    scope = scope_for(user)
    if not (scope.is_admin or scope.role_in(agency) in EDITING_ROLES):
        raise PermissionDenied(_("Only the body's own staff can do this."))


def issued_drafts(plan) -> set[str]:
    return set(
        plan.versions.exclude(snapshot__draft=None).values_list("snapshot__draft", flat=True)
    )


# ── District step 4: routing the communes' content by sector ───────────────────


@transaction.atomic
def route_commune_plans(*, user, agency, report_year) -> int:
    """Route the accepted commune plans of the units below `agency` by sector to the sector
    offices; returns how many were routed. Completes huyen.commune_sector_summary."""
    _require_editor_of(user, agency)
    if agency.kind not in ROUTER_KINDS:
        raise PermissionDenied(_("Only the finance-planning body routes the commune plans."))
    plans = list(
        Plan.objects.select_for_update()
        .filter(
            kind=PlanKind.COMMUNE_PLAN,
            report_year=report_year,
            unit__parent_id=agency.unit_id,
            status__in=[PlanStatus.ACCEPTED, PlanStatus.APPROVED],
        )
        # A subquery, not a join: FOR UPDATE refuses the nullable side of an outer join.
        .exclude(pk__in=RoutedPlan.objects.values("plan_id"))
        .order_by("pk")
    )
    if not plans:
        raise ValidationError(_("No accepted commune plan is waiting to be routed."))
    RoutedPlan.objects.bulk_create(RoutedPlan(plan=plan, routed_by=agency) for plan in plans)
    event = record_event(
        actor=user,
        verb="upper.routed",
        target=agency,
        unit=agency.unit,
        payload={"year": report_year, "plans": [p.pk for p in plans]},
    )
    complete_tasks_for_output(
        agency=agency, output_code="huyen.commune_sector_summary", event=event
    )
    return len(plans)


# ── Drafts ─────────────────────────────────────────────────────────────────────


def next_draft(plan):
    done = issued_drafts(plan)
    for draft in DRAFTS.get(plan.kind, []):
        if draft.key not in done:
            return draft
    return None


@transaction.atomic
def draft_issue(*, user, plan, note=""):
    """Freeze the plan's next draft (draft 1, draft 2…) with the open disagreements it
    carries; completes the draft's calendar output."""
    require_edit(user, plan)
    plan = _lock(plan)
    require_editable(plan)
    draft = next_draft(plan)
    if draft is None:
        raise ValidationError(_("Every draft of this plan has been issued."))
    if not plan.activities.exists():
        raise ValidationError(_("Consolidate or add activities before issuing a draft."))
    if draft.after_meeting and not plan.meetings.filter(kind=draft.after_meeting).exists():
        raise ValidationError(
            _("Record the %(meeting)s before issuing %(draft)s.")
            % {"meeting": meeting_title(draft.after_meeting, plan.kind), "draft": draft.label}
        )
    version = _freeze(plan, user, str(draft.label), nfc(note))
    version.snapshot["draft"] = draft.key
    version.snapshot["disagreements"] = list(register_for(plan).values("pk", "subject", "settled"))
    version.save(update_fields=["snapshot"])
    event = record_event(
        actor=user,
        verb="upper.draft_issued",
        target=plan,
        unit=plan.unit,
        payload={"draft": draft.key, "version": version.number},
    )
    if draft.output:
        _complete(plan, draft.output, event)
    # Numbered as the plan's draft 1 or 2 (revisions milestones).
    from sedp.revisions.services import draft_reached

    return draft_reached(plan=plan, draft_key=draft.key, user=user, event=event, version=version)


def register_for(plan):
    """The disagreement register a plan carries: its own and those of the plans in its
    unit's subtree for the same year (a sector office's follows the district drafts)."""
    return Disagreement.objects.filter(
        plan__report_year=plan.report_year, plan__unit__path__startswith=plan.unit.path
    )


# ── Sending ────────────────────────────────────────────────────────────────────


def subsector_units(plan):
    """The units of the plan's sub-sectors at its unit (the agriculture office's extension,
    veterinary, plant protection stations…)."""
    sector = plan.agency.sector
    if sector is None:
        return Agency.objects.none()
    return (
        Agency.objects.filter(
            unit_id=plan.unit_id, sector__path__startswith=sector.path, is_active=True
        )
        .exclude(sector_id=sector.pk)
        .exclude(pk=plan.agency_id)
    )


@transaction.atomic
def send_for_feedback(*, user, plan) -> int:
    """Send the sector plan's draft 1 to its sub-sector units for feedback."""
    require_edit(user, plan)
    versions = plan.versions.filter(snapshot__draft="draft1").order_by("-number")
    version = versions.first()
    if version is None:
        raise ValidationError(_("Issue draft 1 before sending it for feedback."))
    units = list(subsector_units(plan))
    if not units:
        raise ValidationError(_("No sub-sector unit of this sector is registered here."))
    done = set(
        plan.dispatches.filter(purpose=DispatchPurpose.FEEDBACK, version=version).values_list(
            "recipient_id", flat=True
        )
    )
    new = [
        PlanDispatch(
            plan=plan,
            purpose=DispatchPurpose.FEEDBACK,
            recipient=unit,
            recipient_name=unit.name,
            version=version,
            sent_by=user,
        )
        for unit in units
        if unit.pk not in done
    ]
    PlanDispatch.objects.bulk_create(new)
    record_event(
        actor=user,
        verb="upper.dispatched",
        target=plan,
        unit=plan.unit,
        payload={"purpose": DispatchPurpose.FEEDBACK, "to": [d.recipient_name for d in new]},
    )
    return len(new)


def sector_department_for(plan):
    """The Sở of the plan's sector line at the unit above (the nearest sector wins)."""
    sector = plan.agency.sector
    if sector is None or plan.unit.parent_id is None:
        return None
    candidates = Agency.objects.filter(
        unit_id=plan.unit.parent_id,
        kind=K.SECTOR_DEPARTMENT,
        is_active=True,
        sector__isnull=False,
    ).select_related("sector")
    matching = [a for a in candidates if sector.path.startswith(a.sector.path)]
    return max(matching, key=lambda a: len(a.sector.path), default=None)


def _with_department(plan) -> bool:
    return plan.dispatches.filter(
        purpose=DispatchPurpose.SECTOR_LINE,
        status__in=[DispatchStatus.SENT, DispatchStatus.ACCEPTED],
    ).exists()


@transaction.atomic
def send_up_sector_line(*, user, plan):
    """Send a district office's framework to the Sở of its sector (seed, province step 2)."""
    require_edit(user, plan)
    if plan.kind != PlanKind.DISTRICT_SECTOR_PLAN:
        raise ValidationError(_("Only a district sector plan goes up its sector line."))
    department = sector_department_for(plan)
    if department is None:
        raise ValidationError(_("No department of this sector is registered at the province."))
    if _with_department(plan):
        raise ValidationError(_("The framework is already with the department."))
    version = plan.versions.order_by("-number").first()
    dispatch = PlanDispatch.objects.create(
        plan=plan,
        purpose=DispatchPurpose.SECTOR_LINE,
        recipient=department,
        recipient_name=department.name,
        version=version,
        sent_by=user,
    )
    record_event(
        actor=user,
        verb="upper.dispatched",
        target=plan,
        unit=plan.unit,
        payload={"purpose": DispatchPurpose.SECTOR_LINE, "to": [department.name]},
    )
    return dispatch


@transaction.atomic
def sector_plan_submit(*, user, plan, ministry=""):
    """A sector plan leaves its author: a district office's framework to phòng TCKH and up
    its sector line to the Sở; a Sở's signed plan to Sở KHĐT and to its ministry."""
    ministry = nfc(ministry)
    if plan.kind == PlanKind.PROVINCE_SECTOR_PLAN and not ministry:
        raise ValidationError({"ministry": _("Name the ministry the signed plan is sent to.")})
    plan = plan_submit(user=user, plan=plan)
    going_up = plan.kind == PlanKind.DISTRICT_SECTOR_PLAN and not _with_department(plan)
    if going_up and sector_department_for(plan) is not None:
        send_up_sector_line(user=user, plan=plan)
    if plan.kind == PlanKind.PROVINCE_SECTOR_PLAN:
        _send_to_ministry(user, plan, ministry)
    return plan


def _send_to_ministry(user, plan, ministry):
    dispatch = PlanDispatch.objects.create(
        plan=plan,
        purpose=DispatchPurpose.MINISTRY,
        recipient_name=ministry[:255],
        version=plan.versions.order_by("-number").first(),
        sent_by=user,
    )
    event = record_event(
        actor=user,
        verb="upper.dispatched",
        target=plan,
        unit=plan.unit,
        payload={"purpose": DispatchPurpose.MINISTRY, "to": [dispatch.recipient_name]},
    )
    return dispatch, event


@transaction.atomic
def province_plan_send(*, user, plan, ministry):
    """Sở KHĐT sends the approved provincial draft to the ministry (by 20/07)."""
    require_edit(user, plan)
    ministry = nfc(ministry)
    if plan.kind != PlanKind.PROVINCE_PLAN:
        raise ValidationError(_("Only the provincial plan is sent to the ministry this way."))
    if plan.status != PlanStatus.ACCEPTED:
        raise ValidationError(
            _("The People's Committee approves the draft before it goes to the ministry.")
        )
    if not ministry:
        raise ValidationError({"ministry": _("Name the ministry the draft is sent to.")})
    if plan.dispatches.filter(purpose=DispatchPurpose.MINISTRY).exists():
        raise ValidationError(_("The draft has already been sent to the ministry."))
    dispatch, event = _send_to_ministry(user, plan, ministry)
    _complete(plan, "tinh.plan_draft", event, with_committee=True)
    return dispatch


@transaction.atomic
def dispatch_review(*, user, dispatch, accept: bool, reason=""):
    """The Sở's planning division appraises a district office's framework."""
    if dispatch.recipient is None:
        raise PermissionDenied
    _require_editor_of(user, dispatch.recipient)
    dispatch = PlanDispatch.objects.select_for_update().select_related("plan").get(pk=dispatch.pk)
    if dispatch.purpose != DispatchPurpose.SECTOR_LINE or dispatch.status != DispatchStatus.SENT:
        raise ValidationError(_("This plan is not waiting for your appraisal."))
    reason = nfc(reason)
    if not accept and not reason:
        raise ValidationError(
            {"reason": _("Write why the plan is returned: the office will read it.")}
        )
    dispatch.status = DispatchStatus.ACCEPTED if accept else DispatchStatus.RETURNED
    dispatch.reason = "" if accept else reason
    dispatch.reviewed_at = timezone.now()
    dispatch.save(update_fields=["status", "reason", "reviewed_at"])
    record_event(
        actor=user,
        verb="upper.dispatch_accepted" if accept else "upper.dispatch_returned",
        target=dispatch.plan,
        unit=dispatch.recipient.unit,
        reason=reason,
    )
    return dispatch


# ── Opinions ───────────────────────────────────────────────────────────────────


def reviewing_bodies(plan):
    return Agency.objects.filter(
        unit_id=plan.unit_id, kind__in=REVIEWING_BODY_KINDS, is_active=True
    ).order_by("kind")


def missing_reviewers(plan) -> list:
    given = set(plan.opinions.values_list("agency_id", flat=True))
    return [a for a in reviewing_bodies(plan) if a.pk not in given]


def opinion_bodies(plan):
    """Who may give an opinion on the plan: the units it was sent to for feedback and the
    People's Committee, party committee and People's Council of its unit."""
    sent_to = plan.dispatches.filter(purpose=DispatchPurpose.FEEDBACK).values("recipient_id")
    return (Agency.objects.filter(pk__in=sent_to) | reviewing_bodies(plan)).order_by(
        "unit__depth", "kind", "name"
    )


@transaction.atomic
def opinion_record(*, user, plan, agency, text, date):
    require_edit(user, plan)
    errors = {}
    text = nfc(text)
    if agency is None or not opinion_bodies(plan).filter(pk=agency.pk).exists():
        errors["agency"] = _("Choose a body the plan was sent to or that reviews it.")
    if not text:
        errors["text"] = _("Write the opinion.")
    if not isinstance(date, datetime.date):
        errors["date"] = _("Enter the date of the opinion.")
    elif date > timezone.localdate():
        errors["date"] = _("An opinion cannot be dated in the future.")
    if errors:
        raise ValidationError(errors)
    opinion = PlanOpinion.objects.create(
        plan=plan, agency=agency, text=text, date=date, recorded_by=user
    )
    event = record_event(
        actor=user,
        verb="upper.opinion_recorded",
        target=plan,
        unit=plan.unit,
        payload={"body": agency.name},
    )
    # The district People's Committee passing draft 2 is its part of the district's H5.3.
    committee_review = agency.kind == K.PEOPLES_COMMITTEE and agency.unit_id == plan.unit_id
    if committee_review and plan.kind == PlanKind.DISTRICT_PLAN:
        complete_tasks_for_output(agency=agency, output_code="huyen.plan_draft2", event=event)
    return opinion


# ── Conferences and the disagreement register ─────────────────────────────────


def conference_invitees(plan):
    """Who the seed invites: for the district's conference 2 and the provincial conference,
    the bodies of the unit (party, council, committee, offices or departments, mass
    organisations, programmes, projects, enterprises) and the leaders of the units below;
    for a sector conference, the sector line (the Sở's units and the district offices)."""
    if plan.kind == PlanKind.PROVINCE_SECTOR_PLAN:
        sector = plan.agency.sector
        return Agency.objects.filter(
            unit__path__startswith=plan.unit.path,
            sector__path__startswith=sector.path if sector else "//",
            is_active=True,
        ).order_by("unit__depth", "kind", "name")
    return (
        Agency.objects.filter(unit_id=plan.unit_id, is_active=True)
        | Agency.objects.filter(
            unit__parent_id=plan.unit_id,
            kind__in=[K.PEOPLES_COMMITTEE, K.COMMUNE_PLANNING_GROUP],
            is_active=True,
        )
    ).order_by("unit__depth", "kind", "name")


@transaction.atomic
def conference_record(*, user, plan, agencies=(), **data):
    """Record the plan's conference (district conference 2, sector conference, provincial
    conference) with the bodies present; it discusses the draft issued before it."""
    if plan.kind not in CONFERENCES:
        raise ValidationError(_("This plan holds no conference."))
    kind, draft_key = CONFERENCES[plan.kind]
    if draft_key not in issued_drafts(plan):
        raise ValidationError(_("Issue the draft the conference discusses first."))
    allowed = set(conference_invitees(plan).values_list("pk", flat=True))
    if any(agency.pk not in allowed for agency in agencies):
        raise ValidationError({"agencies": _("Choose participants among the invited bodies.")})
    meeting = meeting_record(user=user, plan=plan, kind=kind, **data)
    AgencyAttendance.objects.bulk_create(
        AgencyAttendance(meeting=meeting, agency=agency, people=1) for agency in set(agencies)
    )
    if kind in CONVENED_BY_COMMITTEE:
        # The People's Committee convenes it: its task is done by the same record.
        event = Event.objects.filter(verb="meeting.recorded", target_id=str(meeting.pk)).latest(
            "pk"
        )
        output = CONFERENCE_OUTPUTS[kind]
        _complete(plan, output, event, with_committee=True)
    return meeting


@transaction.atomic
def disagreement_raise(*, user, plan, subject, positions, arguments, parties):
    """A sector office (or phòng TCKH) keeps its own position where it disagrees with a
    commune: subject, parties, each party's position and the office's arguments."""
    require_edit(user, plan)
    require_editable(plan)
    if plan.kind not in {
        PlanKind.DISTRICT_SECTOR_PLAN,
        PlanKind.DISTRICT_PLAN,
        PlanKind.PROVINCE_SECTOR_PLAN,
        PlanKind.PROVINCE_PLAN,
    }:
        raise ValidationError(_("The register is kept on district and provincial plans."))
    errors = {}
    subject, positions, arguments = nfc(subject), nfc(positions), nfc(arguments)
    if not subject:
        errors["subject"] = _("Say what the disagreement is about.")
    if not positions:
        errors["positions"] = _("Write each party's position.")
    if not arguments:
        errors["arguments"] = _("Write the arguments for keeping your position.")
    if not parties:
        errors["parties"] = _("Choose the bodies that disagree.")
    if errors:
        raise ValidationError(errors)
    disagreement = Disagreement.objects.create(
        plan=plan, subject=subject[:500], positions=positions, arguments=arguments
    )
    disagreement.parties.set([plan.agency, *parties])
    record_event(
        actor=user,
        verb="upper.disagreement_raised",
        target=disagreement,
        unit=plan.unit,
        payload={"subject": disagreement.subject, "parties": [p.name for p in parties]},
    )
    return disagreement


@transaction.atomic
def disagreement_settle(*, user, disagreement, meeting, outcome):
    """Settle a disagreement of the register at a conference on a plan above it."""
    plan = meeting.plan
    if plan is None or not can_edit(scope_for(user), plan):
        raise PermissionDenied(_("Only the conference's own body can record its conclusions."))
    disagreement = (
        Disagreement.objects.select_for_update()
        .select_related("plan__unit")
        .get(pk=disagreement.pk)
    )
    outcome = nfc(outcome)
    if meeting.kind not in {kind for kind, _draft in CONFERENCES.values()}:
        raise ValidationError(_("Disagreements are settled at a conference."))
    if disagreement.plan.report_year != plan.report_year or not (
        disagreement.plan.unit.path.startswith(plan.unit.path)
    ):
        raise ValidationError(_("This disagreement is not in the conference's register."))
    if disagreement.settled:
        raise ValidationError(_("This disagreement is already settled."))
    if not outcome:
        raise ValidationError({"outcome": _("Write how the conference settled it.")})
    disagreement.settled = True
    disagreement.meeting = meeting
    disagreement.settled_where = str(meeting)[:255]
    disagreement.outcome = outcome
    disagreement.save(update_fields=["settled", "meeting", "settled_where", "outcome"])
    record_event(
        actor=user,
        verb="upper.disagreement_settled",
        target=disagreement,
        unit=plan.unit,
        reason=outcome,
        payload={"meeting": meeting.pk},
    )
    return disagreement
