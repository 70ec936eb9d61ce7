"""Recording meetings. A plan's meeting is written by the plan's own group."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sedp.accounts.scoping import scope_for
from sedp.activities.models import COST_CEILING, Activity, ActivityStatus
from sedp.activities.services import REASON_REQUIRED
from sedp.core.events import record_event
from sedp.core.text import format_vnd, nfc
from sedp.meetings import hooks
from sedp.meetings.models import AgencyAttendance, Decision, Disagreement, Meeting, MeetingKind
from sedp.plans.rules import can_edit
from sedp.plans.services import require_editable

TEXT_FIELDS = ["place", "agenda", "minutes", "decisions_text"]
COUNT_FIELDS = ["men", "women", "ethnic_minority", "poor_households"]
MAX_PEOPLE = 100_000


def clean_meeting(data: dict) -> dict:
    errors, clean = {}, {}
    day = data.get("date")
    if not isinstance(day, datetime.date):
        errors["date"] = _("Enter the date of the meeting.")
    elif day > timezone.localdate():
        errors["date"] = _("A meeting cannot be recorded before it takes place.")
    clean["date"] = day
    for name in TEXT_FIELDS:
        clean[name] = nfc(data.get(name, ""))
    clean["place"] = clean["place"][:255]
    for name in COUNT_FIELDS:
        value = data.get(name) or 0
        if not isinstance(value, int) or not 0 <= value <= MAX_PEOPLE:
            errors[name] = _("Enter a number of people between 0 and 100 000.")
        clean[name] = value
    if not errors:
        total = clean["men"] + clean["women"]
        if total == 0:
            errors["men"] = _("Enter how many men and women attended.")
        for name in ("ethnic_minority", "poor_households"):
            if clean[name] > total:
                errors[name] = _("This cannot be more than the %(total)s people who attended.") % {
                    "total": total
                }
    if errors:
        raise ValidationError(errors)
    return clean


def _require_plan_edit(user, plan) -> None:
    if not can_edit(scope_for(user), plan):
        raise PermissionDenied(_("Only the plan's own group can change it."))
    require_editable(plan)


@transaction.atomic
def meeting_record(*, user, plan, kind=MeetingKind.VILLAGE_MEETING, **data) -> Meeting:
    """Record a meeting about a plan (the village meeting that agreed on a proposal…)."""
    _require_plan_edit(user, plan)
    if kind not in MeetingKind.values:
        raise ValidationError({"kind": _("Unknown kind of meeting.")})
    clean = clean_meeting(data)
    meeting = Meeting.objects.create(kind=kind, unit=plan.unit, plan=plan, **clean)
    event = record_event(
        actor=user,
        verb="meeting.recorded",
        target=meeting,
        unit=plan.unit,
        payload={"kind": kind, "date": clean["date"].isoformat(), "women": clean["women"]},
    )
    hooks.on_output(plan.agency, hooks.output_of(plan, kind), event)
    if kind == MeetingKind.COMMUNE_CONFERENCE:
        # The draft the conference discusses is the commune's draft 1 (revisions).
        from sedp.revisions.services import commune_draft_reached

        commune_draft_reached(plan=plan, user=user, event=event)
    return meeting


@transaction.atomic
def meeting_update(*, user, meeting, **data) -> Meeting:
    _require_plan_edit(user, meeting.plan)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    clean = clean_meeting(data)
    for name, value in clean.items():
        setattr(meeting, name, value)
    meeting.save()
    record_event(actor=user, verb="meeting.updated", target=meeting, unit=meeting.unit)
    return meeting


def part1_minutes(discussions: dict, minutes: str) -> str:
    """The minutes with part 1 first: what each sector group's discussion concluded (seed,
    commune step 4: "Thảo luận theo 3 nhóm ngành chính"), one paragraph per group, in the
    order of the sector groups, so the plan page and the minutes document print them."""
    from sedp.territory.models import SectorGroup

    unknown = set(discussions) - set(SectorGroup.values)
    if unknown:
        raise ValidationError(
            {
                "discussions": _("“%(groups)s” is not a sector group of the conference.")
                % {"groups": ", ".join(sorted(unknown))}
            }
        )
    parts = [
        _("Part 1 — discussion of the %(group)s group: %(text)s")
        % {"group": str(label).lower(), "text": nfc(discussions[value])}
        for value, label in SectorGroup.choices
        if nfc(discussions.get(value) or "")
    ]
    return "\n\n".join([*parts, minutes] if minutes else parts)


@transaction.atomic
def conference_record(*, user, plan, agencies=(), discussions=None, **data) -> Meeting:
    """Record the commune planning conference on the commune plan, with the agencies present
    (seed, commune step 4: district TCKH, party committee, HĐND, UBND, the group, agency and
    village heads) and what part 1 concluded in each sector group's discussion (`discussions`:
    {sector group: text}, written at the head of the minutes). Its part-2 decisions are then
    added one by one with decision_record."""
    if not plan.consolidates:
        raise ValidationError(_("The planning conference is recorded on the commune plan."))
    if discussions:
        data["minutes"] = part1_minutes(discussions, nfc(data.get("minutes") or ""))
    meeting = meeting_record(user=user, plan=plan, kind=MeetingKind.COMMUNE_CONFERENCE, **data)
    AgencyAttendance.objects.bulk_create(
        AgencyAttendance(meeting=meeting, agency=agency, people=1) for agency in set(agencies)
    )
    return meeting


def _vnd(value, field) -> int:
    if value in (None, ""):
        return 0
    if not isinstance(value, int) or not 0 <= value <= COST_CEILING:
        raise ValidationError({field: _("An amount cannot be negative.")})
    return value


@transaction.atomic
def decision_record(
    *, user, meeting, text="", activity=None, status=None, priority=None, allocation=None
) -> Decision:
    """One decision of the conference. On an activity it may rank it (priority), move it
    between lists (status: removed, needs verification, unfunded, fundable, funded) and
    allocate commune development funds to it (added to its commune budget share, which
    moves an unfunded activity to the fundable list). Every change is kept in the Decision."""
    plan = meeting.plan
    _require_plan_edit(user, plan)
    text = nfc(text)
    if activity is None:
        if not text:
            raise ValidationError({"text": _("Write the decision.")})
        decision = Decision.objects.create(meeting=meeting, text=text)
        record_event(actor=user, verb="meeting.decided", target=meeting, unit=meeting.unit)
        return decision
    if activity.plan_id != plan.pk:
        raise ValidationError(_("The activity belongs to another plan."))
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    before = {"status": activity.status, "priority": activity.priority}
    before["fund_commune"] = activity.fund_commune
    allocation = _vnd(allocation, "allocation")
    if status is not None and status not in ActivityStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if priority is not None and not 1 <= priority <= 999:
        raise ValidationError(
            {"priority": _("The priority is a rank from 1 (most urgent) to 999.")}
        )
    if status in REASON_REQUIRED and not text:
        raise ValidationError(
            {"text": _("Write the reason: the villages will read it next to their proposal.")}
        )
    if allocation:
        if activity.funding_total + allocation > activity.cost_estimate:
            raise ValidationError(
                {
                    "allocation": _(
                        "With this allocation the funding sources would add up to %(total)s "
                        "đồng, more than the cost estimate (%(cost)s đồng)."
                    )
                    % {
                        "total": format_vnd(activity.funding_total + allocation),
                        "cost": format_vnd(activity.cost_estimate),
                    }
                }
            )
        activity.fund_commune += allocation
        if status is None and activity.status in {
            ActivityStatus.PROPOSED,
            ActivityStatus.UNFUNDED,
        }:
            status = ActivityStatus.FUNDABLE
    if status is not None:
        activity.status = status
        if status in REASON_REQUIRED or text:
            activity.status_reason = text
    if priority is not None:
        activity.priority = priority
    after = {
        "status": activity.status,
        "priority": activity.priority,
        "fund_commune": activity.fund_commune,
    }
    if after == before and not text:
        raise ValidationError(_("The decision changes nothing: choose what it decides."))
    activity.save(update_fields=["status", "status_reason", "priority", "fund_commune"])
    decision = Decision.objects.create(
        meeting=meeting,
        activity=activity,
        text=text or activity.title,
        payload={"before": before, "after": after, "allocation": allocation},
    )
    record_event(
        actor=user,
        verb="meeting.decided",
        target=activity,
        unit=meeting.unit,
        reason=text,
        payload={"meeting": meeting.pk, "before": before, "after": after},
    )
    return decision


@transaction.atomic
def disagreement_record(*, user, plan, subject, positions="", parties=(), meeting=None):
    """Note where parties disagree (subject, who, their positions) to settle it later."""
    _require_plan_edit(user, plan)
    subject = nfc(subject)
    if not subject:
        raise ValidationError({"subject": _("Say what the disagreement is about.")})
    if meeting is not None and meeting.plan_id != plan.pk:
        raise ValidationError(_("The meeting belongs to another plan."))
    disagreement = Disagreement.objects.create(
        plan=plan, meeting=meeting, subject=subject[:500], positions=nfc(positions)
    )
    disagreement.parties.set(parties)
    record_event(
        actor=user,
        verb="disagreement.recorded",
        target=disagreement,
        unit=plan.unit,
        payload={"subject": disagreement.subject, "parties": [p.name for p in parties]},
    )
    return disagreement


@transaction.atomic
def disagreement_settle(*, user, disagreement, settled_where, meeting=None):
    """Record where (which meeting, which document) the parties agreed."""
    _require_plan_edit(user, disagreement.plan)
    settled_where = nfc(settled_where)
    if not settled_where:
        raise ValidationError({"settled_where": _("Say where the disagreement was settled.")})
    disagreement = Disagreement.objects.select_for_update().get(pk=disagreement.pk)
    disagreement.settled, disagreement.settled_where = True, settled_where[:255]
    if meeting is not None:
        disagreement.meeting = meeting
    disagreement.save(update_fields=["settled", "settled_where", "meeting"])
    record_event(
        actor=user,
        verb="disagreement.settled",
        target=disagreement,
        unit=disagreement.plan.unit,
        reason=settled_where,
    )
    return disagreement


def conference_of(plan):
    """The commune planning conference recorded on the plan, if any."""
    return plan.meetings.filter(kind=MeetingKind.COMMUNE_CONFERENCE).order_by("pk").first()


def _workbench_text(position, line, before_status, allocation_labels) -> str:
    from sedp.activities.balancing import new_status

    parts = [_("rank %(rank)s") % {"rank": position}]
    after_status = new_status(line)
    if after_status != before_status:
        parts.append(_("moved to “%(status)s”") % {"status": ActivityStatus(after_status).label})
    if line.cost != line.saved_cost:
        parts.append(
            _("cost %(before)s → %(after)s đồng")
            % {"before": format_vnd(line.saved_cost), "after": format_vnd(line.cost)}
        )
    if line.pin != line.saved_pin:
        parts.append(
            {
                "in": _("placed above the line"),
                "out": _("placed below the line"),
                "": _("placed by its rank"),
            }[line.pin]
        )
    if line.allocations != line.saved_allocations:
        given = "; ".join(
            f"{allocation_labels[s]} {format_vnd(v)} đ" for s, v in line.allocations.items()
        )
        parts.append(_("allocated: %(given)s") % {"given": given or "0"})
    return f"{line.title}: " + ", ".join(parts)


@transaction.atomic
def workbench_apply(*, user, meeting, data) -> list:
    """Apply the workbench's what-if changes at the conference: the envelopes, each line's
    rank, cost and allocations, and its move between the fundable list (above the cut line)
    and the list with no known funding. Each change becomes a Decision of the meeting and an
    event; everything or nothing is saved. Returns the decisions."""
    from sedp.activities import balancing
    from sedp.activities.models import (
        ENVELOPE_COLUMN,
        FUNDING_FIELDS,
        Allocation,
        EnvelopeSource,
        FundingEnvelope,
    )
    from sedp.core.events import record_events

    plan = meeting.plan
    _require_plan_edit(user, plan)
    if meeting.kind != MeetingKind.COMMUNE_CONFERENCE:
        raise ValidationError(_("The workbench records decisions of the commune conference."))
    lines, saved = balancing.load(plan, for_update=True)
    envelopes, weight, errors = balancing.read_changes(lines, saved, data)
    if errors:
        raise ValidationError(errors)
    balance = balancing.compute(lines, envelopes, weight=weight, saved_envelopes=saved)
    if balance.shortfall:
        raise ValidationError(
            _(
                "The envelopes do not cover the activities pulled over the line: %(short)s "
                "đồng are missing. Raise an envelope or push an activity below the line."
            )
            % {"short": format_vnd(balance.shortfall)}
        )
    changed_lines = balancing.changes(balance)
    changed_envelopes = balancing.envelope_changes(balance)
    if not changed_lines and not changed_envelopes:
        raise ValidationError(_("The decision changes nothing: choose what it decides."))
    labels = dict(EnvelopeSource.choices)
    decisions = []
    # Envelopes first: the allocations below draw on them.
    envelope_rows = {e.source: e for e in FundingEnvelope.objects.filter(plan=plan)}
    for source, label, before, after in changed_envelopes:
        if source in envelope_rows:
            envelope_rows[source].amount = after
            envelope_rows[source].save(update_fields=["amount"])
        else:
            envelope_rows[source] = FundingEnvelope.objects.create(
                plan=plan, source=source, amount=after
            )
        decisions.append(
            Decision(
                meeting=meeting,
                text=_("Envelope “%(source)s”: %(before)s → %(after)s đồng")
                % {"source": label, "before": format_vnd(before), "after": format_vnd(after)},
                payload={"envelope": source, "before": before, "after": after},
            )
        )
    activities = {
        a.pk: a for a in Activity.objects.filter(pk__in=[line.pk for _p, line in changed_lines])
    }
    new_allocations = []
    for position, line in changed_lines:
        activity = activities[line.pk]
        before = {
            "status": activity.status,
            "priority": activity.priority,
            "cost_estimate": activity.cost_estimate,
            "allocations": line.saved_allocations,
            "placement": line.saved_pin,
        }
        for source, amount in line.saved_allocations.items():
            column = ENVELOPE_COLUMN[source]
            setattr(activity, column, getattr(activity, column) - amount)
        for source, amount in line.allocations.items():
            column = ENVELOPE_COLUMN[source]
            setattr(activity, column, getattr(activity, column) + amount)
            new_allocations.append(
                Allocation(activity=activity, envelope=envelope_rows[source], amount=amount)
            )
        text = _workbench_text(position, line, activity.status, labels)
        activity.cost_estimate = line.cost
        activity.priority = position
        activity.status = balancing.new_status(line)
        activity.placement = line.pin
        funding = sum(getattr(activity, name) for name, _label in FUNDING_FIELDS)
        if funding > activity.cost_estimate:
            raise ValidationError(
                _(
                    "“%(title)s”: the cost (%(cost)s đồng) cannot be lower than the funding "
                    "already secured (%(funding)s đồng)."
                )
                % {
                    "title": activity.title,
                    "cost": format_vnd(activity.cost_estimate),
                    "funding": format_vnd(funding),
                }
            )
        after = {
            "status": activity.status,
            "priority": activity.priority,
            "cost_estimate": activity.cost_estimate,
            "allocations": line.allocations,
            "placement": line.pin,
        }
        decisions.append(
            Decision(
                meeting=meeting,
                activity=activity,
                text=text,
                payload={
                    "before": before,
                    "after": after,
                    "allocation": line.allocated - sum(line.saved_allocations.values()),
                    "workbench": True,
                },
            )
        )
    columns = {ENVELOPE_COLUMN[s] for s in EnvelopeSource.values}
    Activity.objects.bulk_update(
        activities.values(), ["cost_estimate", "priority", "status", "placement", *sorted(columns)]
    )
    Allocation.objects.filter(activity_id__in=list(activities)).delete()
    Allocation.objects.bulk_create(new_allocations)
    decisions = Decision.objects.bulk_create(decisions)
    if changed_envelopes:
        record_event(
            actor=user,
            verb="meeting.decided",
            target=meeting,
            unit=meeting.unit,
            payload={"envelopes": {s: [b, a] for s, _label, b, a in changed_envelopes}},
        )
    record_events(
        actor=user,
        verb="meeting.decided",
        targets=list(activities.values()),
        unit_of=lambda _target: meeting.unit,
        payload_of=lambda _target: {"meeting": meeting.pk, "workbench": True},
    )
    return decisions
