"""Every change to an activity: create, edit, delete, status changes, merging duplicates.

Validation lives here (not only in forms) so an import or an API gets the same checks:
costs between 0 and COST_CEILING, people's contribution and total funding not above the
cost, a sector, a place within the plan's area, and no outside money on an activity the
village says it can do alone. Messages name the field, in Vietnamese.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sedp.accounts.scoping import scope_for
from sedp.activities.models import (
    COST_CEILING,
    FUNDING_FIELDS,
    OUTSIDE_FIELDS,
    PEOPLE_FIELDS,
    Activity,
    ActivityStatus,
    Beneficiary,
    ChainLevel,
    ResultItem,
)
from sedp.core.events import record_event, record_events
from sedp.core.text import format_vnd, nfc
from sedp.plans.models import PlanKind
from sedp.plans.rules import can_edit
from sedp.plans.services import require_editable
from sedp.territory.models import AdminUnit, Sector

AMOUNT_FIELDS = ["cost_estimate"] + [name for name, _label in FUNDING_FIELDS]
PLAIN_FIELDS = ["title", "description", "timing", "people_labour_days", "self_reliant"]
EDITABLE_FIELDS = (
    PLAIN_FIELDS + AMOUNT_FIELDS + ["sector", "place", "priority", "result", "beneficiaries"]
)


def _require_edit(user, plan) -> None:
    if not can_edit(scope_for(user), plan):
        raise PermissionDenied(_("Only the plan's own group can change it."))
    require_editable(plan)


def plan_area(plan):
    """Where a plan's activities may take place: the commune of a village or agency input
    (villages propose works at the commune centre too), else the plan's own unit."""
    if plan.kind == PlanKind.VILLAGE_PROPOSAL:
        return plan.unit.parent or plan.unit
    return plan.unit


# What the messages call each field: the labels of the activity form, so the page, the
# workbench and the spreadsheet uploads name a field the same way.
FIELD_LABELS = {
    "title": gettext_lazy("activity name"),
    "sector": gettext_lazy("sector"),
    "place": gettext_lazy("place"),
    "cost_estimate": gettext_lazy("cost estimate (VND)"),
    **dict(FUNDING_FIELDS),
    "people_labour_days": gettext_lazy("people's labour days"),
    "priority": gettext_lazy("priority rank"),
    "self_reliant": gettext_lazy("can be done without outside money"),
    "beneficiaries": gettext_lazy("beneficiaries"),
    "result": gettext_lazy("output it contributes to"),
}
MAX_LABOUR_DAYS = 1_000_000


def field_name(name: str) -> str:
    return capfirst(str(FIELD_LABELS[name]))


def negative_message(name: str, label=None) -> str:
    return _("The field “%(field)s” cannot be negative.") % {"field": label or field_name(name)}


def not_whole_message(name: str, label=None) -> str:
    return _("The field “%(field)s” takes a whole number of đồng, without dots or decimals.") % {
        "field": label or field_name(name)
    }


def above_ceiling_message(name: str, value: int, label=None) -> str:
    return _(
        "The field “%(field)s”: %(amount)s đồng is above any village or commune activity "
        "(at most %(max)s đồng): check the number of zeros."
    ) % {
        "field": label or field_name(name),
        "amount": format_vnd(value),
        "max": format_vnd(COST_CEILING),
    }


def labour_days_message() -> str:
    return _("The field “%(field)s” takes a whole number from 0 to %(max)s.") % {
        "field": field_name("people_labour_days"),
        "max": format_vnd(MAX_LABOUR_DAYS),
    }


def priority_message() -> str:
    return _("The field “%(field)s” is a rank from 1 (most urgent) to 999.") % {
        "field": field_name("priority")
    }


def people_above_cost_message(people: int, cost: int) -> str:
    return _(
        "The people's contribution (cash, labour, materials and land together: %(people)s "
        "đồng) is above the cost estimate (%(cost)s đồng)."
    ) % {"people": format_vnd(people), "cost": format_vnd(cost)}


def funding_above_cost_message(total: int, cost: int) -> str:
    return _(
        "The funding sources add up to %(total)s đồng, more than the cost estimate (%(cost)s đồng)."
    ) % {"total": format_vnd(total), "cost": format_vnd(cost)}


def amount_error(name: str, value, *, label=None) -> tuple[int, str | None]:
    """(the amount as a whole number, or 0, and the message if it is not a sane amount).
    `label` names an amount that is not an activity field (a workbench envelope)."""
    if isinstance(value, bool):
        return 0, not_whole_message(name, label)
    try:
        number = int(value or 0)
    except (TypeError, ValueError):
        return 0, not_whole_message(name, label)
    if isinstance(value, float) and value != number:
        return number, not_whole_message(name, label)
    if number < 0:
        return number, negative_message(name, label)
    if number > COST_CEILING:
        return number, above_ceiling_message(name, number, label)
    return number, None


def clean_activity(plan, data: dict) -> dict:
    """Check and normalise the fields of an activity; raise one ValidationError naming each
    wrong field. `data` holds model field names (sector/place as objects or ids). Every
    message quotes the field's label, so an upload can show it after the cell's name."""
    errors = {}
    clean = dict(data)
    clean["title"] = nfc(data.get("title", ""))
    if not clean["title"]:
        errors["title"] = _("The field “%(field)s” is empty: name the activity.") % {
            "field": field_name("title")
        }
    elif len(clean["title"]) > 500:
        errors["title"] = _("The field “%(field)s” is too long (at most 500 characters).") % {
            "field": field_name("title")
        }
    clean["description"] = nfc(data.get("description", ""))
    clean["timing"] = nfc(data.get("timing", ""))[:100]
    sector = data.get("sector")
    if sector is not None and not isinstance(sector, Sector):
        sector = Sector.objects.filter(pk=sector).first()
    if sector is None:
        errors["sector"] = _("The field “%(field)s” is empty: choose the activity's sector.") % {
            "field": field_name("sector")
        }
    clean["sector"] = sector
    place = data.get("place")
    if place is not None and not isinstance(place, AdminUnit):
        place = AdminUnit.objects.filter(pk=place).first()
    area = plan_area(plan)
    if place is None:
        place = plan.unit
    elif not place.path.startswith(area.path):
        errors["place"] = _("The field “%(field)s” must be in %(area)s.") % {
            "field": field_name("place"),
            "area": area.name,
        }
    clean["place"] = place
    for name in AMOUNT_FIELDS:
        clean[name], message = amount_error(name, data.get(name))
        if message:
            errors[name] = message
    days = data.get("people_labour_days") or 0
    if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= MAX_LABOUR_DAYS:
        errors["people_labour_days"] = labour_days_message()
    clean["people_labour_days"] = days
    priority = data.get("priority")
    try:
        if priority is not None and not 1 <= int(priority) <= 999:
            errors["priority"] = priority_message()
    except (TypeError, ValueError):
        errors["priority"] = priority_message()
    clean["priority"] = priority
    clean["self_reliant"] = bool(data.get("self_reliant"))
    beneficiaries = list(data.get("beneficiaries") or [])
    unknown = set(beneficiaries) - set(Beneficiary.values)
    if unknown:
        errors["beneficiaries"] = _("The field “%(field)s” has an unknown group.") % {
            "field": field_name("beneficiaries")
        }
    clean["beneficiaries"] = beneficiaries
    result = data.get("result")
    if result is not None and result.plan_id != plan.pk:
        errors["result"] = _("The field “%(field)s” must be an output of this plan.") % {
            "field": field_name("result")
        }
    clean["result"] = result
    if not errors:
        cost = clean["cost_estimate"]
        people = sum(clean[name] for name in PEOPLE_FIELDS)
        total = sum(clean[name] for name, _label in FUNDING_FIELDS)
        outside = sum(clean[name] for name in OUTSIDE_FIELDS)
        if people > cost:
            errors["people_cash"] = people_above_cost_message(people, cost)
        elif total > cost:
            errors["cost_estimate"] = funding_above_cost_message(total, cost)
        if clean["self_reliant"] and outside:
            errors["self_reliant"] = _(
                "The field “%(field)s” is ticked, so the activity cannot have outside funding "
                "(%(outside)s đồng)."
            ) % {"field": field_name("self_reliant"), "outside": format_vnd(outside)}
    if errors:
        raise ValidationError(errors)
    return clean


def _apply(activity, clean: dict) -> None:
    beneficiaries = clean.pop("beneficiaries", [])
    for name, value in clean.items():
        setattr(activity, name, value)
    for group in Beneficiary.values:
        setattr(activity, f"for_{group}", group in beneficiaries)


def _payload(activity) -> dict:
    return {
        "title": activity.title,
        "sector": activity.sector.code,
        "cost_estimate": activity.cost_estimate,
        "people": activity.people_total,
        "priority": activity.priority,
    }


@transaction.atomic
def activity_create(*, user, plan, **data) -> Activity:
    _require_edit(user, plan)
    clean = clean_activity(plan, data)
    activity = Activity(plan=plan)
    _apply(activity, clean)
    activity.order = (plan.activities.aggregate(m=Max("order"))["m"] or 0) + 1
    activity.save()
    record_event(
        actor=user,
        verb="activity.created",
        target=activity,
        unit=plan.unit,
        payload=_payload(activity),
    )
    return activity


@transaction.atomic
def activity_update(*, user, activity, **data) -> Activity:
    plan = activity.plan
    _require_edit(user, plan)
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    before = _payload(activity)
    clean = clean_activity(plan, data)
    _apply(activity, clean)
    activity.save()
    record_event(
        actor=user,
        verb="activity.updated",
        target=activity,
        unit=plan.unit,
        payload={"before": before, "after": _payload(activity)},
    )
    return activity


BENEFICIARY_COLUMNS = [f"for_{group}" for group in Beneficiary.values]


def activities_update_many(*, user, plan, changes) -> list:
    """Save many edited activities of one plan at once (a spreadsheet upload): every row is
    checked by clean_activity first, then the activities are written together under one
    lock on the plan: one UPDATE per batch of rows for the fields that changed, and one
    "activity.updated" event per activity (its history shows the change) in one INSERT.
    `changes` is [(activity, data)], the activities of `plan` loaded with their sector.
    Raises ValidationError naming the activity and the field if a row is wrong; then
    nothing is written. The caller records its own event for the upload as a whole."""
    from sedp.plans.models import Plan

    if not changes:
        return []  # nothing to write: no lock taken, no event, not even a savepoint
    with transaction.atomic():
        _require_edit(user, plan)
        # One lock for the whole upload: a second upload or an edit of the plan waits for it.
        list(Plan.objects.select_for_update().filter(pk=plan.pk).values_list("pk", flat=True))
        errors, cleaned = [], []
        for activity, data in changes:
            if activity.plan_id != plan.pk:
                raise ValidationError(_("Only activities of the same plan can be saved together."))
            try:
                cleaned.append((activity, clean_activity(plan, dict(data))))
            except ValidationError as error:
                errors += [
                    f"“{activity.title}”: {text}"
                    for texts in error.message_dict.values()
                    for text in texts
                ]
        if errors:
            raise ValidationError(errors)
        fields, payloads, saved = set(), {}, []
        for activity, clean in cleaned:
            before = _payload(activity)
            old = {name: getattr(activity, name) for name in BENEFICIARY_COLUMNS}
            old.update(
                {name: _field_value(activity, name) for name in clean if name != "beneficiaries"}
            )
            _apply(activity, clean)
            new = {name: _field_value(activity, name) for name in old}
            differing = {name for name in old if old[name] != new[name]}
            if not differing:
                continue
            fields |= differing
            payloads[activity.pk] = {"before": before, "after": _payload(activity)}
            saved.append(activity)
        if saved:
            Activity.objects.bulk_update(saved, sorted(fields))
            record_events(
                actor=user,
                verb="activity.updated",
                targets=saved,
                unit_of=lambda _activity: plan.unit,
                payload_of=lambda activity: payloads[activity.pk],
            )
        return saved


def activities_create_many(*, user, plan, rows) -> list:
    """Add many activities to one plan at once (rows of a spreadsheet upload), each checked
    by clean_activity, in one INSERT with one "activity.created" event each in another.
    Raises ValidationError naming the row's activity and field; then nothing is written."""
    if not rows:
        return []
    with transaction.atomic():
        _require_edit(user, plan)
        errors, activities = [], []
        order = plan.activities.aggregate(m=Max("order"))["m"] or 0
        for data in rows:
            try:
                clean = clean_activity(plan, dict(data))
            except ValidationError as error:
                title = nfc(data.get("title", "")) or "?"
                errors += [
                    f"“{title}”: {text}" for texts in error.message_dict.values() for text in texts
                ]
                continue
            order += 1
            activity = Activity(plan=plan, order=order)
            _apply(activity, clean)
            activities.append(activity)
        if errors:
            raise ValidationError(errors)
        Activity.objects.bulk_create(activities)
        record_events(
            actor=user,
            verb="activity.created",
            targets=activities,
            unit_of=lambda _activity: plan.unit,
            payload_of=_payload,
        )
        return activities


def activities_delete_many(*, user, plan, activities) -> int:
    """Delete activities of one plan at once (rows a village struck out of its workbook),
    one "activity.deleted" event each in one INSERT. Returns how many were deleted."""
    activities = list(activities)
    if not activities:
        return 0
    with transaction.atomic():
        _require_edit(user, plan)
        if any(activity.plan_id != plan.pk for activity in activities):
            raise ValidationError(_("Only activities of the same plan can be saved together."))
        record_events(
            actor=user,
            verb="activity.deleted",
            targets=activities,
            unit_of=lambda _activity: plan.unit,
            payload_of=_payload,
        )
        Activity.objects.filter(pk__in=[activity.pk for activity in activities]).delete()
        return len(activities)


def _field_value(activity, name):
    """A field's value for comparing before and after; foreign keys by their id, so no
    related row is fetched."""
    field = Activity._meta.get_field(name)
    return getattr(activity, field.attname)


@transaction.atomic
def activity_delete(*, user, activity) -> None:
    plan = activity.plan
    _require_edit(user, plan)
    record_event(
        actor=user,
        verb="activity.deleted",
        target=activity,
        unit=plan.unit,
        payload=_payload(activity),
    )
    activity.delete()


# Statuses a line of a consolidating plan may take, and which ones need a written reason.
REASON_REQUIRED = {ActivityStatus.REMOVED, ActivityStatus.NEEDS_VERIFICATION}


@transaction.atomic
def activity_set_status(*, user, activity, status, reason="") -> Activity:
    """Mark a consolidated line kept, needing verification, removed (with reason), unfunded,
    fundable or funded: what the villages will read as the outcome of their proposal."""
    plan = activity.plan
    _require_edit(user, plan)
    if not plan.consolidates:
        raise ValidationError(_("Only the commune group decides the status of an activity."))
    if status not in ActivityStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    reason = nfc(reason)
    if status in REASON_REQUIRED and not reason:
        raise ValidationError(
            {"reason": _("Write the reason: the villages will read it next to their proposal.")}
        )
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    before = activity.status
    activity.status, activity.status_reason = status, reason
    activity.save(update_fields=["status", "status_reason"])
    record_event(
        actor=user,
        verb="activity.status_changed",
        target=activity,
        unit=plan.unit,
        reason=reason,
        payload={"before": before, "after": status},
    )
    return activity


@transaction.atomic
def activities_merge(*, user, keep, others) -> Activity:
    """Merge duplicate lines of one plan into `keep`: it takes every origin of the others
    (so no village loses the trace of its proposal) and the others are deleted. The kept
    line's figures stay as they are; the planners adjust them if the works differ."""
    plan = keep.plan
    _require_edit(user, plan)
    others = [o for o in others if o.pk != keep.pk]
    if not others:
        raise ValidationError(_("Choose at least one other activity to merge into this one."))
    if any(o.plan_id != plan.pk for o in others):
        raise ValidationError(_("Only activities of the same plan can be merged."))
    through = Activity.origins.through
    origin_ids = set(
        through.objects.filter(from_activity__in=others).values_list("to_activity_id", flat=True)
    )
    keep.origins.add(*origin_ids)
    merged = [{"pk": o.pk, "title": o.title} for o in others]
    Activity.objects.filter(pk__in=[o.pk for o in others]).delete()
    record_event(
        actor=user,
        verb="activity.merged",
        target=keep,
        unit=plan.unit,
        payload={"merged": merged, "origins": sorted(origin_ids)},
    )
    return keep


@transaction.atomic
def activity_review_feasibility(*, user, activity, note, possible_funding, timing=None) -> Activity:
    """The commune group's feasibility review of a consolidated line (seed, commune step 3):
    content, cost, timing, target group and contributions checked, and the funding it could
    draw on (programmes of earlier years with the same purpose, the district's guidance)."""
    plan = activity.plan
    _require_edit(user, plan)
    if not plan.consolidates:
        raise ValidationError(_("Only the commune group decides the status of an activity."))
    note, possible_funding = nfc(note), nfc(possible_funding)
    if len(note) > 5000 or len(possible_funding) > 5000:
        raise ValidationError(_("The review is too long (at most 5 000 characters)."))
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    activity.feasibility_note, activity.possible_funding = note, possible_funding
    if timing is not None:
        activity.timing = nfc(timing)[:100]
    activity.save(update_fields=["feasibility_note", "possible_funding", "timing"])
    record_event(
        actor=user,
        verb="activity.feasibility_reviewed",
        target=activity,
        unit=plan.unit,
        payload={"note": note[:200], "possible_funding": possible_funding[:200]},
    )
    return activity


# Each level of the results chain hangs below the one before it.
CHAIN_PARENT = {
    ChainLevel.GOAL: None,
    ChainLevel.OBJECTIVE: ChainLevel.GOAL,
    ChainLevel.OUTPUT: ChainLevel.OBJECTIVE,
}


@transaction.atomic
def result_add(*, user, plan, level, title, parent=None) -> ResultItem:
    """Add a goal, a specific objective (below a goal) or an output (below an objective)."""
    _require_edit(user, plan)
    title = nfc(title)
    errors = {}
    if level not in CHAIN_PARENT:
        errors["level"] = _("Choose a level of the results chain.")
    if not title:
        errors["title"] = _("Write the goal, objective or output.")
    elif len(title) > 500:
        errors["title"] = _("The text is too long (at most 500 characters).")
    if not errors:
        wanted = CHAIN_PARENT[level]
        if wanted is None and parent is not None:
            errors["parent"] = _("An overall goal has nothing above it.")
        elif wanted is not None and (
            parent is None or parent.plan_id != plan.pk or parent.level != wanted
        ):
            errors["parent"] = _("Choose the %(level)s it serves, in this plan.") % {
                "level": ChainLevel(wanted).label.lower()
            }
    if errors:
        raise ValidationError(errors)
    order = (plan.results.aggregate(m=Max("order"))["m"] or 0) + 1
    item = ResultItem.objects.create(
        plan=plan, level=level, parent=parent, title=title, order=order
    )
    record_event(
        actor=user,
        verb="result.added",
        target=item,
        unit=plan.unit,
        payload={"level": level, "title": title},
    )
    return item


@transaction.atomic
def result_delete(*, user, item) -> None:
    """Delete a result and what hangs below it; its activities stay, without an output."""
    _require_edit(user, item.plan)
    record_event(
        actor=user,
        verb="result.deleted",
        target=item,
        unit=item.plan.unit,
        payload={"level": item.level, "title": item.title},
    )
    item.delete()


@transaction.atomic
def envelopes_set(*, user, plan, amounts: dict) -> list:
    """Record what each source is expected to bring to the plan (source -> VND, or None to
    leave a source out). All amounts are checked before any is saved."""
    from sedp.activities.models import EnvelopeSource, FundingEnvelope

    _require_edit(user, plan)
    if not plan.consolidates:
        raise ValidationError(_("Envelopes are shared out on the commune plan."))
    errors = {}
    for source, value in amounts.items():
        if source not in EnvelopeSource.values:
            errors["__all__"] = _("Unknown funding source.")
        elif value is not None and (not isinstance(value, int) or not 0 <= value <= COST_CEILING):
            errors[f"env_{source}"] = _(
                "“%(source)s”: enter a whole number of đồng between 0 and %(max)s."
            ) % {"source": EnvelopeSource(source).label, "max": format_vnd(COST_CEILING)}
    if errors:
        raise ValidationError(errors)
    existing = {e.source: e for e in FundingEnvelope.objects.select_for_update().filter(plan=plan)}
    before = {source: e.amount for source, e in existing.items()}
    for source, value in amounts.items():
        if source in existing:
            existing[source].amount = value or 0
            existing[source].save(update_fields=["amount"])
        elif value:
            existing[source] = FundingEnvelope.objects.create(
                plan=plan, source=source, amount=value
            )
    after = {source: e.amount for source, e in existing.items()}
    if after != before:
        record_event(
            actor=user,
            verb="plan.envelopes_set",
            target=plan,
            unit=plan.unit,
            payload={"before": before, "after": after},
        )
    return list(existing.values())
