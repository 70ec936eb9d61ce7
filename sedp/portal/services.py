"""Submission to the People's Council, its review, the adopting resolution, publication.

Permission: the plan's own group, or the People's Committee / Council of its unit
(consultation.services.can_manage). Every function runs in one transaction, locks the plan,
writes the event log and closes the calendar's tasks for the output it produces.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sedp.accounts.scoping import scope_for
from sedp.activities.models import ActivityStatus
from sedp.consultation.services import can_manage, complete_outputs, unanswered_comments
from sedp.core.events import record_event
from sedp.core.text import format_vnd, nfc, unaccent
from sedp.plans.models import TRANSITIONS, Plan, PlanKind, PlanStatus
from sedp.plans.services import _freeze  # the plans app's one way to freeze a version
from sedp.portal.models import CouncilQuestion, CouncilSubmission, Publication, Resolution
from sedp.revisions.models import Stage
from sedp.revisions.services import milestone_reached

# The plans a People's Council adopts, and the level prefix of their calendar outputs.
COUNCIL_LEVELS = {
    PlanKind.COMMUNE_PLAN: "xa",
    PlanKind.DISTRICT_PLAN: "huyen",
    PlanKind.PROVINCE_PLAN: "tinh",
}
# Outputs the calendar expects at each level (templates_data/*.yaml, step 6).
SUBMITTED_OUTPUT = {"huyen": "huyen.plan_submitted", "tinh": "tinh.plan_submitted"}
MAX_TEXT = 50_000


def _require_manage(user, plan) -> None:
    if not can_manage(scope_for(user), plan):
        raise PermissionDenied(
            _("Only the plan's group or the People's Committee or Council of its unit can do this.")
        )


def _lock(plan) -> Plan:
    return Plan.objects.select_for_update().select_related("unit", "agency").get(pk=plan.pk)


def _clean_reference(number, day, *, number_field, day_field) -> tuple[str, datetime.date]:
    errors = {}
    number = nfc(number)
    if not number:
        errors[number_field] = _("Enter the document's number (e.g. 25/TTr-UBND).")
    elif len(number) > 50:
        errors[number_field] = _("The number is too long (at most 50 characters).")
    if not isinstance(day, datetime.date):
        errors[day_field] = _("Enter the document's date.")
    elif day > timezone.localdate():
        errors[day_field] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    return number, day


def _check_consultation(plan) -> None:
    """A commune plan goes to its council only after the community consultation, with an
    answer to every comment (seed, commune step 6)."""
    if plan.kind != PlanKind.COMMUNE_PLAN:
        return
    consultations = list(plan.consultations.all())
    if not consultations:
        raise ValidationError(
            _("Consult the community on the draft before submitting it to the People's Council.")
        )
    if any(c.closed_at is None for c in consultations):
        raise ValidationError(
            _("The community consultation is still open: close it before submitting the plan.")
        )
    waiting = unanswered_comments(plan).count()
    if waiting:
        raise ValidationError(
            _(
                "%(count)s residents' comments have no answer yet. Answer each one (accepted, "
                "explained or not accepted, with the reason) before submitting the plan to the "
                "People's Council."
            )
            % {"count": waiting}
        )


@transaction.atomic
def council_submit(*, user, plan, number, submitted_on, summary="") -> CouncilSubmission:
    """The People's Committee submits the plan (as it stands now, frozen) to the Council."""
    _require_manage(user, plan)
    number, submitted_on = _clean_reference(
        number, submitted_on, number_field="number", day_field="submitted_on"
    )
    plan = _lock(plan)
    level = COUNCIL_LEVELS.get(plan.kind)
    if level is None:
        raise ValidationError(
            _("Only a commune, district or provincial plan goes to a People's Council.")
        )
    if plan.status in {PlanStatus.APPROVED, PlanStatus.ADJUSTING}:
        raise ValidationError(_("The plan is already adopted."))
    if plan.status != PlanStatus.ACCEPTED:
        raise ValidationError(
            _("Only a plan accepted by the level above is submitted to the People's Council.")
        )
    _check_consultation(plan)
    version = _freeze(
        plan, user, _("Submitted to the People's Council (%(number)s)") % {"number": number}
    )
    submission = CouncilSubmission.objects.create(
        plan=plan,
        version=version,
        number=number,
        submitted_on=submitted_on,
        summary=nfc(summary)[:MAX_TEXT],
        created_by=user,
    )
    event = record_event(
        actor=user,
        verb="council.submitted",
        target=plan,
        unit=plan.unit,
        payload={"number": number, "date": submitted_on.isoformat(), "version": version.number},
    )
    # The tờ trình is a "submitted" milestone, as an adjustment's is: the versions read
    # draft… → submitted (to the council) → official; the freezing label stays as the note.
    milestone_reached(
        plan=plan,
        stage=Stage.SUBMITTED,
        user=user,
        event=event,
        key=f"council:{submission.pk}",
        version=version,
    )
    if level in SUBMITTED_OUTPUT:
        complete_outputs(plan, SUBMITTED_OUTPUT[level], event)
    return submission


@transaction.atomic
def council_question_add(*, user, submission, asked_by, question) -> CouncilQuestion:
    _require_manage(user, submission.plan)
    asked_by, question = nfc(asked_by), nfc(question)
    errors = {}
    if not asked_by:
        errors["asked_by"] = _(
            "Name the committee that asks (e.g. the Economic and Social Committee)."
        )
    elif len(asked_by) > 255:
        errors["asked_by"] = _("The name is too long (at most 255 characters).")
    if not question:
        errors["question"] = _("Write the question.")
    elif len(question) > MAX_TEXT:
        errors["question"] = _("The text is too long.")
    if errors:
        raise ValidationError(errors)
    plan = _lock(submission.plan)
    if plan.status == PlanStatus.APPROVED:
        raise ValidationError(_("The plan is already adopted."))
    item = CouncilQuestion.objects.create(
        submission=submission, asked_by=asked_by, question=question, created_by=user
    )
    record_event(
        actor=user,
        verb="council.question_asked",
        target=plan,
        unit=plan.unit,
        payload={"question": item.pk, "asked_by": asked_by},
    )
    return item


@transaction.atomic
def council_question_answer(*, user, question, answer) -> CouncilQuestion:
    """The People's Committee's explanation (giải trình) of a council question."""
    plan = question.submission.plan
    _require_manage(user, plan)
    answer = nfc(answer)
    if not answer:
        raise ValidationError({"answer": _("Write the answer.")})
    if len(answer) > MAX_TEXT:
        raise ValidationError({"answer": _("The text is too long.")})
    question = CouncilQuestion.objects.select_for_update().get(pk=question.pk)
    question.answer, question.answered_at, question.answered_by = answer, timezone.now(), user
    question.save(update_fields=["answer", "answered_at", "answered_by"])
    record_event(
        actor=user,
        verb="council.question_answered",
        target=plan,
        unit=plan.unit,
        reason=answer[:500],
        payload={"question": question.pk},
    )
    return question


@transaction.atomic
def resolution_adopt(*, user, plan, number, adopted_on, text) -> Resolution:
    """The Council's resolution: the plan's current content becomes the official version
    and the plan is APPROVED — locked: plans.services.require_editable refuses edits."""
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
    if plan.status in {PlanStatus.APPROVED, PlanStatus.ADJUSTING}:
        raise ValidationError(_("The plan is already adopted."))
    submission = plan.council_submissions.first()
    if submission is None:
        raise ValidationError(_("Record the submission to the People's Council first."))
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
    _check_consultation(plan)
    if PlanStatus.APPROVED not in TRANSITIONS[PlanStatus(plan.status)]:
        raise ValidationError(
            _("A plan that is %(status)s cannot be adopted.")
            % {"status": plan.get_status_display().lower()}
        )
    version = _freeze(plan, user, _("Official (Resolution %(number)s)") % {"number": number})
    # The reason the official version shows in every comparison: the resolution itself.
    version.note = _("Resolution %(number)s of %(date)s of the People's Council") % {
        "number": number,
        "date": adopted_on.strftime("%d/%m/%Y"),
    }
    plan.status = PlanStatus.APPROVED
    plan.reviewed_at = timezone.now()
    plan.save(update_fields=["status", "reviewed_at", "updated_at"])
    resolution = Resolution.objects.create(
        plan=plan,
        submission=submission,
        version=version,
        number=number,
        adopted_on=adopted_on,
        text=text,
        created_by=user,
    )
    event = record_event(
        actor=user,
        verb="council.resolution_adopted",
        target=plan,
        unit=plan.unit,
        payload={"number": number, "date": adopted_on.isoformat(), "version": version.number},
    )
    milestone_reached(plan=plan, stage=Stage.OFFICIAL, user=user, event=event, version=version)
    complete_outputs(plan, f"{COUNCIL_LEVELS[plan.kind]}.resolution", event)
    # The official plan is now monitored: its M&E framework's collection tasks go out.
    from sedp.monitoring.hooks import on_plan_approved

    on_plan_approved(plan)
    return resolution


def _annex(plan) -> list:
    """The indicator annex: estimated actual of year X and the plan figure of X+1 (revised by
    an adjusting resolution, else assigned, else proposed) of the plan's unit (or sector
    agency)."""
    from sedp.indicators.models import IndicatorValue, Kind

    values = IndicatorValue.objects.filter(
        unit=plan.unit,
        report_year=plan.report_year,
        kind__in=[Kind.ESTIMATE, Kind.PROPOSED, Kind.ASSIGNED, Kind.REVISED],
    ).select_related("indicator")
    values = (
        values.filter(agency=plan.agency)
        if plan.kind not in COUNCIL_LEVELS
        else values.filter(agency__isnull=True)
    )
    rows: dict = {}
    for value in values.order_by("indicator__group", "indicator__code"):
        row = rows.setdefault(
            value.indicator_id,
            {
                "name": value.indicator.name,
                "unit": value.indicator.unit_of_measure,
                "decimals": value.indicator.decimals,
            },
        )
        row[value.kind] = str(round(value.value, value.indicator.decimals))
    # The plan figure in force, as monitoring measures it: a revised figure only once an
    # adjusting resolution froze it, never one still being drafted.
    from sedp.monitoring.targets_in_force import adopted_revisions

    revised = adopted_revisions([plan.pk]).get(plan.pk, {})
    annex = []
    for indicator_id, row in rows.items():
        adopted = revised.get(indicator_id)
        plan_figure = (
            (str(round(adopted, row["decimals"])) if adopted is not None else "")
            or row.get(Kind.ASSIGNED)
            or row.get(Kind.PROPOSED)
            or ""
        )
        annex.append(
            {
                "name": row["name"],
                "unit": row["unit"],
                "estimate": row.get(Kind.ESTIMATE, ""),
                "plan": plan_figure,
            }
        )
    return annex


def publication_snapshot(plan, resolution) -> dict:
    activities = list(
        plan.activities.exclude(status=ActivityStatus.REMOVED).select_related(
            "sector", "place", "responsible"
        )
    )
    return {
        "resolution": {
            "number": resolution.number,
            "adopted_on": resolution.adopted_on.isoformat(),
            "text": resolution.text,
        },
        "sections": [
            {"title": str(s.display_title), "body": s.body}
            for s in plan.sections.all()
            if s.body.strip()
        ],
        "activities": [
            {
                "title": a.title,
                "sector": a.sector.name,
                "place": a.place.name if a.place else "",
                "responsible": a.responsible.name if a.responsible else "",
                "timing": a.timing,
                "cost": a.cost_estimate,
                "status": str(a.get_status_display()),
            }
            for a in activities
        ],
        "total_cost": format_vnd(sum(a.cost_estimate for a in activities)),
        "annex": _annex(plan),
        # The adjustments the council adopted since, newest last (portal.adjustments).
        "adjustments": [
            {
                "number": a.resolution_number,
                "adopted_on": a.adopted_on.isoformat(),
                "day": a.adopted_on.strftime("%d/%m/%Y"),
                "reason": a.reason,
                "text": a.resolution_text,
            }
            for a in plan.adjustments.filter(adopted_at__isnull=False).order_by("number")
        ],
    }


def search_text_of(plan, resolution) -> str:
    """Lower-case, unaccented: the title, the author, the resolutions' numbers, the unit and
    the units above it."""
    from sedp.territory.models import AdminUnit

    ancestors = plan.unit.path.strip("/").split("/")
    names = list(AdminUnit.objects.filter(pk__in=ancestors).values_list("name", flat=True))
    adjusting = list(
        plan.adjustments.exclude(resolution_number="").values_list("resolution_number", flat=True)
    )
    words = [publication_title(plan), plan.agency.name, resolution.number, *adjusting, *names]
    return unaccent(" ".join(words))


def publication_title(plan) -> str:
    title = _("%(kind)s %(year)s — %(unit)s") % {
        "kind": plan.get_kind_display(),
        "year": plan.plan_year,
        "unit": plan.unit.name,
    }
    if plan.kind not in COUNCIL_LEVELS:
        title = f"{title} ({plan.agency.name})"
    return title[:300]


@transaction.atomic
def plan_publish(*, user, plan) -> Publication:
    """Publish the adopted plan, its indicator annex and its resolution on the public portal."""
    _require_manage(user, plan)
    plan = _lock(plan)
    resolution = getattr(plan, "resolution", None)
    if plan.status != PlanStatus.APPROVED or resolution is None:
        raise ValidationError(_("Only a plan adopted by a resolution is published."))
    if Publication.objects.filter(plan=plan).exists():
        raise ValidationError(_("The plan is already published."))
    publication = Publication.objects.create(
        plan=plan,
        resolution=resolution,
        unit=plan.unit,
        kind=plan.kind,
        plan_year=plan.plan_year,
        title=publication_title(plan),
        search_text=search_text_of(plan, resolution),
        snapshot=publication_snapshot(plan, resolution),
        adjustment=plan.adjustments.filter(adopted_at__isnull=False).order_by("number").last(),
        published_by=user,
    )
    event = record_event(
        actor=user,
        verb="portal.published",
        target=plan,
        unit=plan.unit,
        payload={"publication": publication.pk},
    )
    level = COUNCIL_LEVELS.get(plan.kind)
    if level in {"huyen", "tinh"}:
        complete_outputs(plan, f"{level}.plan_published", event)
    return publication
