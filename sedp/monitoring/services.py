"""Every change in monitoring: the M&E framework, the collection tasks, reports, evidence
and explanation requests. Each function checks permission, runs in one transaction and writes
an event; messages name the row or field, in the user's language.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sedp.accounts.scoping import scope_for
from sedp.activities.models import ActivityStatus
from sedp.core.events import record_event
from sedp.core.text import format_vnd, nfc
from sedp.indicators.models import Indicator, IndicatorValue, Kind
from sedp.indicators.selectors import indicators_for
from sedp.indicators.services import can_enter_values, parse_number, value_set
from sedp.monitoring import hooks, rules
from sedp.monitoring.models import (
    MAX_DEADLINE_DAYS,
    PERIODS,
    CollectionTask,
    Evidence,
    ExplanationRequest,
    ExplanationStatus,
    FrameworkRow,
    FrameworkState,
    Frequency,
    ProgressStatus,
    TaskStatus,
    period_end,
    period_end_month,
)
from sedp.plans.models import Plan, PlanStatus
from sedp.territory.models import Agency

MAX_TEXT = 255
MAX_ANSWER = 5_000
SPENDING_CEILING = 500_000_000_000  # as activities.COST_CEILING: more is a typing error

# Evidence files: photos, scans and office documents up to 10 MB, checked by extension
# and by their first bytes (a renamed executable is not a PDF).
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_EVIDENCE_FILES = 10
EVIDENCE_TYPES = {
    "pdf": (b"%PDF",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
}


def _require(allowed: bool, message) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _state(plan) -> FrameworkState:
    state, _created = FrameworkState.objects.get_or_create(plan=plan)
    return state


def _require_framework_edit(user, plan) -> None:
    _require(
        rules.can_edit_framework(scope_for(user), plan),
        _("Only the plan's own group can change its M&E framework."),
    )
    if plan.status == PlanStatus.APPROVED:
        raise ValidationError(
            _("The plan is official: its M&E framework is fixed and monitoring runs from it.")
        )


# ---- the framework ---------------------------------------------------------------


def plan_indicators(plan) -> list[Indicator]:
    """The plan's indicators: those of its unit type with a plan-year target for the plan's
    unit (or sector agency); when none has one yet, every indicator planned for the unit
    type (a sector plan: those of its sector)."""
    candidates = indicators_for(plan.unit.unit_type)
    with_target = set(
        IndicatorValue.objects.filter(
            unit=plan.unit,
            agency=rules.value_agency(plan),
            report_year=plan.report_year,
            kind__in=rules.TARGET_KINDS,
        ).values_list("indicator_id", flat=True)
    )
    chosen = [i for i in candidates if i.pk in with_target]
    if chosen:
        return chosen
    if plan.kind in rules.SECTOR_PLAN_KINDS and plan.agency.sector_id:
        path = plan.agency.sector.path
        return [i for i in candidates if i.sector_id and i.sector.path.startswith(path)]
    return candidates


def _kept_activities(plan):
    return plan.activities.exclude(status=ActivityStatus.REMOVED).select_related("sector")


def _suggest_agency(agencies, sector, fallback):
    """The agency at the plan's unit working in `sector` (or a parent sector), else fallback."""
    if sector is not None:
        for agency in agencies:
            if agency.sector_id and sector.path.startswith(agency.sector.path):
                return agency
    return fallback


@transaction.atomic
def framework_prefill(*, user, plan) -> int:
    """Add a row for each of the plan's indicators and kept activities that has none, with
    suggestions: the activity's responsible agency (else the unit's agency of its sector)
    collects; the plan's group receives the reports. Existing rows are left as they are."""
    _require_framework_edit(user, plan)
    plan = Plan.objects.select_for_update().select_related("unit", "agency").get(pk=plan.pk)
    agencies = list(
        Agency.objects.filter(unit=plan.unit, is_active=True, sector__isnull=False)
        .select_related("sector")
        .order_by("sector__path", "pk")
    )
    have_indicators = set(
        plan.me_rows.filter(indicator__isnull=False).values_list("indicator_id", flat=True)
    )
    have_activities = set(
        plan.me_rows.filter(activity__isnull=False).values_list("activity_id", flat=True)
    )
    order = (plan.me_rows.aggregate(top=Max("order"))["top"] or 0) + 1
    rows = []
    for indicator in plan_indicators(plan):
        if indicator.pk in have_indicators:
            continue
        rows.append(
            FrameworkRow(
                plan=plan,
                indicator=indicator,
                collector=_suggest_agency(agencies, indicator.sector, plan.agency),
                frequency=Frequency.HALF_YEARLY,
                report_form=_("Indicator report (TH 6 months, TH year)"),
                report_to=plan.agency,
                order=order + len(rows),
            )
        )
    for activity in _kept_activities(plan).order_by("sector__path", "priority", "pk"):
        if activity.pk in have_activities:
            continue
        rows.append(
            FrameworkRow(
                plan=plan,
                activity=activity,
                data_source=_("Progress report of the implementing agency"),
                collector=activity.responsible
                or _suggest_agency(agencies, activity.sector, plan.agency),
                frequency=Frequency.QUARTERLY,
                report_form=_("Activity progress report"),
                report_to=plan.agency,
                order=order + len(rows),
            )
        )
    FrameworkRow.objects.bulk_create(rows)
    if rows:
        record_event(
            actor=user,
            verb="monitoring.framework_prefilled",
            target=plan,
            unit=plan.unit,
            payload={"rows": len(rows)},
        )
    return len(rows)


ROW_FIELDS = ["data_source", "collector", "frequency", "report_form", "report_to", "deadline_days"]


def allowed_agencies(plan):
    """Agencies that may collect or receive a plan's reports: those of the plan's unit, of the
    units just below it (villages of a commune, communes of a district, districts of a
    province: a choice list stays a few hundred long) and of the units above it (a
    statistics office, the district's offices…)."""
    above = [int(pk) for pk in plan.unit.path.strip("/").split("/") if pk]
    return Agency.objects.filter(is_active=True).filter(
        Q(unit_id__in=above) | Q(unit__parent_id=plan.unit_id)
    )


def _clean_row(row, data: dict, allowed_ids: set, label) -> tuple[dict, dict]:
    clean, errors = {}, {}
    for name in ("data_source", "report_form"):
        if name in data:
            text = nfc(data[name] or "")
            if len(text) > MAX_TEXT:
                errors[name] = _("%(row)s: “%(field)s” is too long (at most %(max)s characters).")
            clean[name] = text
    if "frequency" in data:
        if data["frequency"] and data["frequency"] not in Frequency.values:
            errors["frequency"] = _("%(row)s: choose a frequency from the list.")
        clean["frequency"] = data["frequency"] or ""
    for name in ("collector", "report_to"):
        if name in data:
            agency = data[name]
            agency_id = getattr(agency, "pk", agency) or None
            current = getattr(row, f"{name}_id")
            if agency_id is not None and int(agency_id) not in allowed_ids | {current}:
                errors[name] = _(
                    "%(row)s: “%(field)s” must be an agency of this unit, just below it or "
                    "above it."
                )
            clean[f"{name}_id"] = int(agency_id) if agency_id is not None else None
    if "deadline_days" in data:
        days = data["deadline_days"]
        try:
            days = int(days)
        except (TypeError, ValueError):
            days = -1
        if not 0 <= days <= MAX_DEADLINE_DAYS:
            errors["deadline_days"] = _("%(row)s: the deadline must be 0 to %(max)s days.")
        clean["deadline_days"] = days
    for name, message in errors.items():
        field = str(FrameworkRow._meta.get_field(name).verbose_name)
        max_value = MAX_DEADLINE_DAYS if name == "deadline_days" else MAX_TEXT
        errors[name] = message % {"row": label, "field": field, "max": max_value}
    return clean, errors


@transaction.atomic
def framework_update(*, user, plan, changes: dict) -> int:
    """Write framework rows ({row id: {field: value}}); all or nothing: a ValidationError
    keyed "<row id>-<field>" names each wrong cell. Returns how many rows changed."""
    _require_framework_edit(user, plan)
    plan = Plan.objects.select_for_update().select_related("unit").get(pk=plan.pk)
    rows = {
        r.pk: r for r in plan.me_rows.select_related("indicator", "activity").filter(pk__in=changes)
    }
    unknown = set(changes) - set(rows)
    if unknown:
        raise ValidationError(_("These rows are not part of this framework."))
    allowed_ids = set(allowed_agencies(plan).values_list("pk", flat=True))
    # Rows already turned into collection tasks (an official plan being adjusted): their
    # periods are fixed, a new frequency would mix quarters with months in one year.
    scheduled = set(
        CollectionTask.objects.filter(row_id__in=rows).values_list("row_id", flat=True).distinct()
    )
    errors, changed, handed_over = {}, [], {}
    for position, (pk, data) in enumerate(changes.items(), start=1):
        row = rows[pk]
        label = _("Row %(n)s (%(subject)s)") % {"n": position, "subject": row.subject}
        clean, row_errors = _clean_row(row, data, allowed_ids, label)
        if pk in scheduled and clean.get("frequency", row.frequency) != row.frequency:
            row_errors["frequency"] = _(
                "%(row)s: its collection tasks of the year are already scheduled; the "
                "frequency cannot change (delete the row if nothing was reported, then pre-fill "
                "the framework again)."
            ) % {"row": label}
        errors.update({f"{pk}-{name}": message for name, message in row_errors.items()})
        if any(getattr(row, name) != value for name, value in clean.items()):
            new_collector = clean.get("collector_id", row.collector_id)
            if pk in scheduled and new_collector not in (None, row.collector_id):
                handed_over.setdefault(new_collector, []).append(pk)
            for name, value in clean.items():
                setattr(row, name, value)
            changed.append(row)
    if errors:
        raise ValidationError(errors)
    FrameworkRow.objects.bulk_update(changed, ROW_FIELDS)
    # A new collector takes over the periods still to report; reported ones stay as they were.
    for collector_id, row_ids in handed_over.items():
        CollectionTask.objects.filter(row_id__in=row_ids, status=TaskStatus.OPEN).update(
            agency_id=collector_id
        )
    if changed:
        record_event(
            actor=user,
            verb="monitoring.framework_updated",
            target=plan,
            unit=plan.unit,
            payload={"rows": [r.pk for r in changed]},
        )
    return len(changed)


@transaction.atomic
def framework_row_delete(*, user, row) -> None:
    """Take an indicator or activity out of the framework (it will not be monitored).

    While an official plan is being adjusted its framework follows the adjustment (an
    activity dropped, an indicator no longer targeted), but what was already reported is
    the record of the year: a row with reported values is refused, by name. Its collection
    tasks still to report go with it."""
    _require_framework_edit(user, row.plan)
    Plan.objects.select_for_update().filter(pk=row.plan_id).first()
    subject = str(row.subject)
    reported = row.tasks.filter(status=TaskStatus.REPORTED).count()
    if reported:
        raise ValidationError(
            ngettext(
                "“%(subject)s” already has %(count)s reported value: its row cannot be "
                "deleted, or the report would be lost.",
                "“%(subject)s” already has %(count)s reported values: its row cannot be "
                "deleted, or the reports would be lost.",
                reported,
            )
            % {"subject": subject, "count": reported}
        )
    dropped = row.tasks.count()
    row.delete()
    record_event(
        actor=user,
        verb="monitoring.framework_updated",
        target=row.plan,
        unit=row.plan.unit,
        payload={"removed": subject, "open_tasks_dropped": dropped},
    )


def framework_problems(plan) -> list[str]:
    """What keeps the framework from being complete (empty when it is)."""
    problems = []
    rows = list(plan.me_rows.select_related("indicator", "activity"))
    if not rows:
        return [_("The framework has no rows yet: pre-fill it from the plan.")]
    for position, row in enumerate(rows, start=1):
        if row.missing:
            problems.append(
                _("Row %(n)s (%(subject)s): fill in %(fields)s.")
                % {"n": position, "subject": row.subject, "fields": ", ".join(row.missing)}
            )
    covered = {row.activity_id for row in rows if row.activity_id}
    missing = _kept_activities(plan).exclude(pk__in=covered).values_list("title", flat=True)
    for title in missing:
        problems.append(
            _("The activity “%(title)s” has no row: pre-fill again or add it.") % {"title": title}
        )
    return problems


@transaction.atomic
def framework_complete(*, user, plan) -> FrameworkState:
    """Declare the framework complete (every row filled in, every kept activity covered)."""
    _require_framework_edit(user, plan)
    plan = Plan.objects.select_for_update().select_related("unit", "agency").get(pk=plan.pk)
    problems = framework_problems(plan)
    if problems:
        raise ValidationError(problems)
    state = _state(plan)
    state.completed_at = timezone.now()
    state.save(update_fields=["completed_at"])
    event = record_event(
        actor=user,
        verb="monitoring.framework_completed",
        target=plan,
        unit=plan.unit,
        payload={"rows": plan.me_rows.count()},
    )
    hooks.on_framework_completed(plan, event)
    return state


# ---- monitoring: tasks and reports --------------------------------------------------


def _periods(frequency, year, deadline_days):
    for number in range(1, PERIODS[frequency] + 1):
        end = period_end(frequency, number, year)
        yield number, end, end + datetime.timedelta(days=deadline_days)


@transaction.atomic
def monitoring_start(*, user, plan) -> int:
    """Turn an official plan's framework into data collection tasks: one per row and period of
    the plan year, for the collecting agency, due `deadline_days` after the period ends.
    Rerunning adds only what is missing (rows added later). Returns the number created."""
    if user is not None:
        _require(
            rules.can_supervise(scope_for(user), plan),
            _("Only the plan's group or a body above it can start monitoring."),
        )
    plan = Plan.objects.select_for_update().select_related("unit", "agency").get(pk=plan.pk)
    if plan.status != PlanStatus.APPROVED:
        raise ValidationError(_("Monitoring starts once the plan is official (approved)."))
    problems = framework_problems(plan)
    if problems:
        raise ValidationError(
            [_("Complete the M&E framework first.")] + problems[:5]
        )  # the first few are enough to act on
    year = plan.plan_year
    tasks = [
        CollectionTask(
            row=row,
            plan=plan,
            agency_id=row.collector_id,
            unit_id=plan.unit_id,
            year=year,
            frequency=row.frequency,
            number=number,
            period_end=end,
            due_date=due,
        )
        for row in plan.me_rows.all()
        for number, end, due in _periods(row.frequency, year, row.deadline_days)
    ]
    before = CollectionTask.objects.filter(plan=plan).count()
    CollectionTask.objects.bulk_create(tasks, ignore_conflicts=True)
    created = CollectionTask.objects.filter(plan=plan).count() - before
    state = _state(plan)
    if state.monitoring_started_at is None:
        state.monitoring_started_at = timezone.now()
        state.save(update_fields=["monitoring_started_at"])
    record_event(
        actor=user,
        verb="monitoring.started",
        target=plan,
        unit=plan.unit,
        payload={"tasks": created, "year": year},
    )
    return created


def start_monitoring_of_approved_plans() -> int:
    """For the scheduler (manage.py monitoring_generate): every official plan with a complete
    framework gets its tasks; plans whose framework is incomplete are skipped."""
    created = 0
    plans = Plan.objects.filter(status=PlanStatus.APPROVED, me_rows__isnull=False).distinct()
    for plan in plans:
        if not framework_problems(plan):
            created += monitoring_start(user=None, plan=plan)
    return created


def _lock_task(user, task) -> CollectionTask:
    _require(
        rules.can_report(scope_for(user), task.agency),
        _("Only the collecting agency's leaders and planners can report this."),
    )
    return (
        # Lock the task row only: PostgreSQL refuses FOR UPDATE on the nullable side of the
        # joins (a row has an indicator or an activity).
        CollectionTask.objects.select_for_update(of=("self",))
        .select_related("row__indicator", "row__activity", "plan__unit", "plan__agency")
        .get(pk=task.pk)
    )


def _refresh_latest(row) -> None:
    """The row keeps its most recent report, for the dashboard."""
    latest = (
        CollectionTask.objects.filter(row=row, status=TaskStatus.REPORTED)
        .order_by("-period_end")
        .first()
    )
    if latest is None:
        row.latest_period_end = row.latest_share = row.latest_value = None
        row.progress_status, row.percent_done, row.spent = "", None, None
    else:
        row.latest_period_end = latest.period_end
        row.latest_share = Decimal(period_end_month(latest.frequency, latest.number)) / 12
        row.latest_value = latest.value
        row.progress_status = latest.progress_status
        row.percent_done, row.spent = latest.percent_done, latest.spent
    row.save(
        update_fields=[
            "latest_period_end",
            "latest_share",
            "latest_value",
            "progress_status",
            "percent_done",
            "spent",
        ]
    )


def indicator_kind_for(task):
    """Which indicator value a period's report also is: the first 6 months of the plan year
    is its TH 6 tháng (report year = plan year), the whole year is TH X+1 of the plan's
    report year X. Other periods stay in monitoring only."""
    month = period_end_month(task.frequency, task.number)
    if month == 6:
        return Kind.ACTUAL_HALF, task.plan.plan_year
    if month == 12:
        return Kind.ACTUAL_NEXT, task.plan.report_year
    return None, None


@transaction.atomic
def report_value(*, user, task, value, note="") -> CollectionTask:
    """Report an indicator's actual value for one period (year-to-date for a flow)."""
    task = _lock_task(user, task)
    row = task.row
    indicator = row.indicator
    if indicator is None:
        raise ValidationError(_("This task reports an activity's progress, not a value."))
    try:
        number = parse_number(value)
    except ValueError:
        raise ValidationError(
            {"value": _("“%(text)s” is not a number.") % {"text": value}}
        ) from None
    if number is None:
        raise ValidationError({"value": _("Enter the actual value of “%(name)s”.") % {
            "name": indicator.name}})  # fmt: skip
    number = round(number, indicator.decimals)
    if number < 0 and not indicator.allow_negative:
        raise ValidationError({"value": _("“%(name)s” cannot be negative.") % {
            "name": indicator.name}})  # fmt: skip
    if indicator.is_percent and not indicator.allow_negative and number > 100:
        raise ValidationError({"value": _("“%(name)s” is a percentage: at most 100.") % {
            "name": indicator.name}})  # fmt: skip
    kind, report_year = indicator_kind_for(task)
    if kind is not None:
        # The indicators app keeps the official figures. The framework names this agency as
        # the collector, which is the permission; a body that may enter the unit's values
        # signs them with its name, others are recorded by the monitoring event below.
        plan = task.plan
        try:
            value_set(
                user=user if can_enter_values(user, plan.unit) else None,
                unit=plan.unit,
                agency=rules.value_agency(plan),
                indicator=indicator,
                report_year=report_year,
                kind=kind,
                value=number,
                source=_("Monitoring: %(agency)s") % {"agency": task.agency.name},
            )
        except ValidationError as error:
            raise ValidationError(
                {"value": f"{indicator.name}: {'; '.join(error.messages)}"}
            ) from None
    before = None if task.value is None else str(task.value)
    task.value = number
    task.note = nfc(note or "")[:MAX_ANSWER]
    _mark_reported(user, task)
    _refresh_latest(row)
    record_event(
        actor=user,
        verb="monitoring.value_reported",
        target=task,
        unit=task.unit,
        payload={"indicator": indicator.code, "period": task.period_label,
                 "before": before, "after": str(number)},
    )  # fmt: skip
    if kind is not None:
        _fill_next_assessment_later(task.plan)
    return task


def _mark_reported(user, task) -> None:
    task.status = TaskStatus.REPORTED
    task.reported_at = timezone.now()
    task.reported_by = user if user is not None and user.is_authenticated else None
    task.save()


def _fill_next_assessment_later(plan) -> None:
    from sedp.monitoring.tasks import fill_next_assessment

    transaction.on_commit(lambda: fill_next_assessment.enqueue(plan.pk))


def check_upload(upload) -> str:
    """The upload's extension when it is an allowed evidence file; else ValidationError."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EVIDENCE_TYPES:
        raise ValidationError(
            {"files": _("“%(name)s”: only PDF, JPG, PNG, DOCX, XLSX, ODT or ODS files.")
             % {"name": name}}
        )  # fmt: skip
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError({"files": _("“%(name)s” is larger than 10 MB.") % {"name": name}})
    if upload.size == 0:
        raise ValidationError({"files": _("“%(name)s” is empty.") % {"name": name}})
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in EVIDENCE_TYPES[extension]):
        raise ValidationError(
            {"files": _("“%(name)s” is not really a %(type)s file.")
             % {"name": name, "type": extension.upper()}}
        )  # fmt: skip
    return extension


@transaction.atomic
def report_progress(
    *, user, task, status, percent_done, spent, note="", files=()
) -> CollectionTask:
    """Report an activity's progress for one period: status, % done, VND spent so far, and
    evidence files. Everything is checked before anything is saved."""
    task = _lock_task(user, task)
    activity = task.row.activity
    if activity is None:
        raise ValidationError(_("This task reports an indicator's value, not progress."))
    errors = {}
    if len(files) > MAX_EVIDENCE_FILES:
        errors["files"] = [_("At most %(max)s files per report.") % {"max": MAX_EVIDENCE_FILES}]
        files = ()
    if status not in ProgressStatus.values:
        errors["progress_status"] = _("Choose the activity's status from the list.")
    percent = _whole(percent_done)
    if percent is None or not 0 <= percent <= 100:
        errors["percent_done"] = _("The percentage done must be a whole number from 0 to 100.")
    elif status == ProgressStatus.COMPLETED and percent != 100:
        errors["percent_done"] = _("A completed activity must be 100 percent done.")
    amount = _whole(spent)
    if amount is None or amount < 0:
        errors["spent"] = _("The spending must be a whole, non-negative amount of VND.")
    elif amount > SPENDING_CEILING:
        errors["spent"] = _("The spending is above %(max)s VND: check the number of zeros.") % {
            "max": format_vnd(SPENDING_CEILING)
        }
    for upload in files:
        try:
            check_upload(upload)
        except ValidationError as error:
            errors.setdefault("files", []).extend(error.message_dict["files"])
    if errors:
        raise ValidationError(errors)
    task.progress_status, task.percent_done, task.spent = status, percent, amount
    task.note = nfc(note or "")[:MAX_ANSWER]
    _mark_reported(user, task)
    for upload in files:
        evidence = Evidence.objects.create(
            task=task,
            file=upload,
            name=upload.name[:255],
            size=upload.size,
            content_type=(getattr(upload, "content_type", "") or "")[:100],
            uploaded_by=task.reported_by,
        )
        record_event(
            actor=user,
            verb="monitoring.evidence_added",
            target=task,
            unit=task.unit,
            payload={"file": evidence.name, "size": evidence.size},
        )
    _refresh_latest(task.row)
    record_event(
        actor=user,
        verb="monitoring.progress_reported",
        target=task,
        unit=task.unit,
        payload={"activity": activity.pk, "period": task.period_label, "status": status,
                 "percent": percent, "spent": amount},
    )  # fmt: skip
    if period_end_month(task.frequency, task.number) in (6, 12):
        _fill_next_assessment_later(task.plan)
    return task


def _whole(value):
    """An integer from a form value ('1.500.000' reads as 1500000); None when it is not one."""
    if isinstance(value, int):
        return value
    try:
        number = parse_number(value)
    except ValueError:
        return None
    if number is None or number != number.to_integral_value():
        return None
    return int(number)


# ---- explanation requests (yêu cầu giải trình) -------------------------------------


def responsible_agency(row):
    """Who answers for a row: the activity's responsible agency, else the collector, else the
    plan's own group."""
    if row.activity_id and row.activity.responsible_id:
        return row.activity.responsible
    return row.collector or row.plan.agency


@transaction.atomic
def explanation_request(*, user, row, question="") -> ExplanationRequest:
    """Ask the responsible unit to explain a target behind plan (one click: the question is
    written from the figures when none is given)."""
    plan = row.plan
    _require(
        rules.can_supervise(scope_for(user), plan),
        _("Only the plan's group or a body above it can ask for an explanation."),
    )
    question = nfc(question or "") or default_question(row)
    if len(question) > MAX_ANSWER:
        raise ValidationError(
            {"question": _("The question is too long (at most %(max)s characters).")
             % {"max": MAX_ANSWER}}
        )  # fmt: skip
    agency = responsible_agency(row)
    if ExplanationRequest.objects.filter(
        row=row, agency=agency, status=ExplanationStatus.OPEN
    ).exists():
        raise ValidationError(_("An explanation of this row is already awaited from %(agency)s.")
                              % {"agency": agency.name})  # fmt: skip
    request = ExplanationRequest.objects.create(
        row=row, plan=plan, agency=agency, question=question, requested_by=user
    )
    record_event(
        actor=user,
        verb="monitoring.explanation_requested",
        target=request,
        unit=plan.unit,
        reason=question,
        payload={"row": row.pk, "agency": agency.pk},
    )
    return request


def default_question(row) -> str:
    if row.indicator_id:
        return _(
            "“%(subject)s” is behind the plan according to the latest report. Please explain "
            "the causes and the measures to catch up."
        ) % {"subject": row.indicator.name}
    return _(
        "The activity “%(subject)s” is late or over budget according to the latest report. "
        "Please explain the causes and the measures taken."
    ) % {"subject": row.activity.title}


@transaction.atomic
def explanation_answer(*, user, request, answer) -> ExplanationRequest:
    _require(
        rules.can_report(scope_for(user), request.agency),
        _("Only the leaders and planners of the agency asked can answer."),
    )
    request = ExplanationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status == ExplanationStatus.ANSWERED:
        raise ValidationError(_("This request has already been answered."))
    answer = nfc(answer or "")
    if not answer:
        raise ValidationError({"answer": _("Write the explanation.")})
    if len(answer) > MAX_ANSWER:
        raise ValidationError(
            {"answer": _("The answer is too long (at most %(max)s characters).")
             % {"max": MAX_ANSWER}}
        )  # fmt: skip
    request.answer, request.status = answer, ExplanationStatus.ANSWERED
    request.answered_by, request.answered_at = user, timezone.now()
    request.save()
    record_event(
        actor=user,
        verb="monitoring.explanation_answered",
        target=request,
        unit=request.plan.unit,
        reason=answer,
    )
    return request
