"""District steps 1–3: the sector orientation forms, their summary, the directional plan
and conference 1 (seed: "BƯỚC 1–3" of the district process).

The forms and the directional plan are plans (kinds SECTOR_ORIENTATION and
DISTRICT_ORIENTATION), so they are created, written, submitted, returned with a reason and
a 3-day deadline, resubmitted and accepted by sedp.plans' services. What is particular to
them is here: the indicator lines of a form; a district office gathering its sub-sector
units' accepted forms into its own; phòng TCKH's summary of the accepted sector forms
(Biểu tổng hợp thông tin định hướng), the draft directional plan with the district's main
indicators and the basis of each figure, and conference 1.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from sedp.accounts.scoping import scope_for
from sedp.core.events import record_event
from sedp.core.text import nfc
from sedp.fiveyear import hooks
from sedp.fiveyear.models import (
    DialogueProposal,
    FormGuidance,
    GuidanceMethod,
    OrientationIndicator,
    OrientationSource,
)
from sedp.fiveyear.services import _number
from sedp.indicators import forecast
from sedp.indicators.models import IndicatorValue, Kind
from sedp.indicators.selectors import indicators_for
from sedp.meetings.models import AgencyAttendance, MeetingKind
from sedp.plans.models import Plan, PlanKind, PlanSection, PlanStatus, PlanVersion
from sedp.plans.rules import can_edit, pick_orientation_reviewer
from sedp.plans.services import _lock, require_edit, require_editable
from sedp.territory.models import Agency, AgencyKind

FORM = PlanKind.SECTOR_ORIENTATION
DIRECTIONAL = PlanKind.DISTRICT_ORIENTATION
ACCEPTED = {PlanStatus.ACCEPTED, PlanStatus.APPROVED}
SUMMARY_LABEL = "orientation_summary"
DRAFT_LABEL = "orientation_plan"
# The form's sections shown side by side in the summary (codes of ORIENTATION_OUTLINE).
SUMMARY_SECTIONS = ["situation", "problems", "causes", "objectives", "proposals"]


def _require_kind(plan, kind) -> None:
    if plan.kind != kind:
        raise ValidationError(
            _("This is done on a %(kind)s.") % {"kind": PlanKind(kind).label.lower()}
        )


# ───────────────────────────── the form's indicator lines ─────────────────────────────


@transaction.atomic
def indicator_line_set(
    *, user, plan, indicator, actual_previous=None, estimate=None, proposed=None, basis=""
) -> OrientationIndicator:
    """Write one indicator line of a sector orientation form (all of the sector's figures)."""
    _require_kind(plan, FORM)
    require_edit(user, plan)
    plan = _lock(plan)
    require_editable(plan)
    figures = {
        "actual_previous": _number(actual_previous, "actual_previous", required=False),
        "estimate": _number(estimate, "estimate", required=False),
        "proposed": _number(proposed, "proposed", required=False),
    }
    if figures["proposed"] is None:
        raise ValidationError({"proposed": _("Enter the figure proposed for year X+1.")})
    basis = nfc(basis or "")
    if not basis:
        raise ValidationError({"basis": _("Say how the proposed figure was calculated.")})
    for name, value in figures.items():
        if value is not None and value < 0 and not indicator.allow_negative:
            raise ValidationError({name: _("This indicator cannot be negative.")})
    line, _created = OrientationIndicator.objects.update_or_create(
        plan=plan, indicator=indicator, defaults={**figures, "basis": basis}
    )
    record_event(
        actor=user,
        verb="orientation.indicator_set",
        target=plan,
        unit=plan.unit,
        payload={"indicator": indicator.code, "proposed": str(figures["proposed"])},
    )
    return line


@transaction.atomic
def indicator_line_delete(*, user, line) -> None:
    plan = line.plan
    require_edit(user, plan)
    require_editable(_lock(plan))
    record_event(actor=user, verb="orientation.indicator_set", target=plan, unit=plan.unit,
                 payload={"indicator": line.indicator.code, "proposed": None})  # fmt: skip
    line.delete()


# ───────────────────────────── who sends what to whom ─────────────────────────────


@dataclass
class FormRow:
    form: Plan
    reviewer: Agency | None
    sections: dict = field(default_factory=dict)
    lines: list = field(default_factory=list)
    sub_forms: list = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return self.form.status in ACCEPTED


def forms_of_district(*, unit, report_year) -> list[FormRow]:
    """Every sector orientation form of a district for year X, with its reviewer, sections
    and indicator lines; sub-sector forms nested under their office's form. Five queries."""
    agencies = list(Agency.objects.filter(unit=unit, is_active=True).select_related("sector"))
    forms = (
        Plan.objects.filter(kind=FORM, report_year=report_year, unit=unit)
        .select_related("agency__sector", "unit")
        .prefetch_related(
            Prefetch("sections", queryset=PlanSection.objects.order_by("order")),
            Prefetch(
                "orientation_indicators",
                queryset=OrientationIndicator.objects.select_related("indicator"),
            ),
        )
        .order_by("agency__sector__path", "agency__name")
    )
    rows = []
    for form in forms:
        row = FormRow(form=form, reviewer=pick_orientation_reviewer(form.agency, agencies))
        row.sections = {s.code: s.body for s in form.sections.all()}
        row.lines = list(form.orientation_indicators.all())
        rows.append(row)
    by_agency = {row.form.agency_id: row for row in rows}
    top = []
    for row in rows:
        parent = by_agency.get(row.reviewer.pk) if row.reviewer else None
        if parent is not None and row.reviewer.kind == AgencyKind.DISTRICT_SECTOR_OFFICE:
            parent.sub_forms.append(row)
        else:
            top.append(row)
    return top


def sub_forms_of(form) -> list[FormRow]:
    """The sub-sector units' forms an office's form gathers."""
    for row in forms_of_district(unit=form.unit, report_year=form.report_year):
        if row.form.pk == form.pk:
            return row.sub_forms
    return []


@transaction.atomic
def gather_sub_sectors(*, user, plan) -> int:
    """A district office takes its sub-sector units' accepted forms into its own: each
    section gets their text (under the unit's name), and each indicator the office has not
    written yet is copied with its basis. Each form is gathered once; returns how many."""
    _require_kind(plan, FORM)
    require_edit(user, plan)
    plan = _lock(plan)
    require_editable(plan)
    gathered = set(OrientationSource.objects.filter(plan=plan).values_list("source_id", flat=True))
    sources = [row for row in sub_forms_of(plan) if row.accepted and row.form.pk not in gathered]
    if not sources:
        raise ValidationError(_("No accepted sub-sector form is waiting to be gathered."))
    sections = {s.code: s for s in plan.sections.all()}
    own_lines = set(plan.orientation_indicators.values_list("indicator_id", flat=True))
    new_lines = []
    for row in sources:
        name = row.form.agency.name
        for code, text in row.sections.items():
            if text and code in sections:
                section = sections[code]
                section.body = f"{section.body}\n\n[{name}] {text}".strip()
        for line in row.lines:
            if line.indicator_id not in own_lines:
                own_lines.add(line.indicator_id)
                new_lines.append(
                    OrientationIndicator(
                        plan=plan,
                        indicator=line.indicator,
                        actual_previous=line.actual_previous,
                        estimate=line.estimate,
                        proposed=line.proposed,
                        basis=f"[{name}] {line.basis}",
                    )
                )
    PlanSection.objects.bulk_update(sections.values(), ["body"])
    OrientationIndicator.objects.bulk_create(new_lines)
    OrientationSource.objects.bulk_create(
        OrientationSource(plan=plan, source=row.form) for row in sources
    )
    record_event(
        actor=user,
        verb="plan.consolidated",
        target=plan,
        unit=plan.unit,
        payload={"added": len(sources), "sources": [row.form.agency.name for row in sources]},
    )
    return len(sources)


# ───────────────────────────── phòng TCKH: summary and draft ─────────────────────────────


def summary_rows(plan) -> list[FormRow]:
    """The sector forms phòng TCKH consolidates (offices' forms and those with no office)."""
    return forms_of_district(unit=plan.unit, report_year=plan.report_year)


def _summary_snapshot(rows) -> list:
    return [
        {
            "agency": row.form.agency.name,
            "sector": row.form.agency.sector.name if row.form.agency.sector_id else "",
            "sections": {code: row.sections.get(code, "") for code in SUMMARY_SECTIONS},
            "indicators": [
                {
                    "code": line.indicator.code,
                    "name": line.indicator.name,
                    "proposed": str(line.proposed),
                    "basis": line.basis,
                }
                for line in row.lines
            ],
        }
        for row in rows
        if row.accepted
    ]


def _freeze(plan, user, label, snapshot) -> PlanVersion:
    return PlanVersion.objects.create(
        plan=plan,
        number=plan.versions.count() + 1,
        label=label,
        snapshot=snapshot,
        created_by=user,
    )


@transaction.atomic
def summary_close(*, user, plan) -> PlanVersion:
    """Phòng TCKH consolidates the accepted sector forms into the orientation summary
    (kept as a version of the directional plan, so a later re-consolidation is compared)."""
    _require_kind(plan, DIRECTIONAL)
    require_edit(user, plan)
    plan = _lock(plan)
    require_editable(plan)
    rows = summary_rows(plan)
    sectors = _summary_snapshot(rows)
    if not sectors:
        raise ValidationError(_("No sector orientation form has been accepted yet."))
    waiting = [row.form.agency.name for row in rows if not row.accepted]
    version = _freeze(
        plan,
        user,
        _("Orientation summary"),
        {"kind": SUMMARY_LABEL, "sectors": sectors, "waiting": waiting},
    )
    event = record_event(
        actor=user,
        verb="orientation.summary_closed",
        target=plan,
        unit=plan.unit,
        payload={"sectors": len(sectors), "waiting": waiting},
    )
    hooks.on_output(plan.agency, hooks.SUMMARY, event)
    return version


@dataclass
class IndicatorRow:
    indicator: object
    actual_previous: object = None
    half_year: object = None
    estimate: object = None
    proposed: object = None  # the IndicatorValue (value and basis)
    suggestions: list = field(default_factory=list)


def district_indicators(plan) -> list[IndicatorRow]:
    """The district's main indicators: TH X-1, TH 6 tháng, ƯTH X, the proposed KH X+1 with
    the basis of its figure, and the forecasts from the district's own history (indicators
    app). Three queries."""
    unit, year = plan.unit, plan.report_year
    indicators = indicators_for(unit.unit_type)
    values = {
        (v.indicator_id, v.kind): v
        for v in IndicatorValue.objects.filter(
            unit=unit, agency__isnull=True, report_year=year
        ).only("indicator_id", "kind", "value", "basis")
    }
    series = forecast.histories(unit=unit, report_year=year, indicators=indicators)
    rows = []
    for indicator in indicators:
        row = IndicatorRow(
            indicator=indicator,
            actual_previous=values.get((indicator.pk, Kind.ACTUAL_PREVIOUS)),
            half_year=values.get((indicator.pk, Kind.ACTUAL_HALF)),
            estimate=values.get((indicator.pk, Kind.ESTIMATE)),
            proposed=values.get((indicator.pk, Kind.PROPOSED)),
            suggestions=forecast.suggestions(indicator, series.get(indicator.pk, []), year),
        )
        if row.estimate or row.proposed or row.actual_previous:
            rows.append(row)
    return rows


DRAFT_REQUIRED = ("p1.half_year", "p3.objectives")


@transaction.atomic
def draft_issue(*, user, plan) -> PlanVersion:
    """Issue the draft directional plan (Dự thảo KH định hướng) to the conference 1 delegates:
    its text, the proposed main indicators with their basis, and the sector summary."""
    _require_kind(plan, DIRECTIONAL)
    require_edit(user, plan)
    plan = _lock(plan)
    require_editable(plan)
    sections = {s.code: s for s in plan.sections.all()}
    for code in DRAFT_REQUIRED:
        if code in sections and not sections[code].body:
            raise ValidationError(
                _("Write “%(title)s” before issuing the draft.")
                % {"title": sections[code].display_title}
            )
    indicators = [
        {
            "code": row.indicator.code,
            "name": row.indicator.name,
            "estimate": str(row.estimate.value) if row.estimate else None,
            "proposed": str(row.proposed.value) if row.proposed else None,
            "basis": row.proposed.basis if row.proposed else "",
        }
        for row in district_indicators(plan)
    ]
    missing_basis = [i["name"] for i in indicators if i["proposed"] and not i["basis"]]
    if missing_basis:
        raise ValidationError(
            _("Give the basis of the proposed figure of: %(names)s.")
            % {"names": ", ".join(missing_basis)}
        )
    version = _freeze(
        plan,
        user,
        _("Draft directional plan"),
        {
            "kind": DRAFT_LABEL,
            "sections": {code: s.body for code, s in sections.items()},
            "indicators": indicators,
            "sectors": _summary_snapshot(summary_rows(plan)),
            "enterprise_proposals": [p.text for p in dialogue_proposals(plan)],
        },
    )
    event = record_event(
        actor=user, verb="orientation.plan_issued", target=plan, unit=plan.unit,
        payload={"version": version.number, "indicators": len(indicators)},
    )  # fmt: skip
    hooks.on_output(plan.agency, hooks.ORIENTATION_PLAN, event)
    return version


def issued_drafts(plan):
    return [v for v in plan.versions.all() if v.snapshot.get("kind") == DRAFT_LABEL]


# ───────────────────────────── guidance on the form ─────────────────────────────


def form_guidance_recipients(plan):
    """The district bodies that fill in the form: the district offices and public service
    units of the directional plan's district."""
    return Agency.objects.filter(
        unit=plan.unit,
        is_active=True,
        kind__in=[AgencyKind.DISTRICT_SECTOR_OFFICE, AgencyKind.PUBLIC_SERVICE_UNIT],
    ).order_by("name")


def guidance_for_form(form):
    """The guidance phòng TCKH recorded for the district whose form this is, if any."""
    return (
        FormGuidance.objects.filter(
            plan__kind=DIRECTIONAL, plan__unit=form.unit, plan__report_year=form.report_year
        )
        .order_by("-given_on")
        .first()
    )


@transaction.atomic
def form_guidance_record(*, user, plan, method, given_on, text) -> FormGuidance:
    """Record how phòng TCKH guided the district bodies on filling in the sector orientation
    form (in writing with the form, or in a guidance session); this is calendar task H1.3's
    output. Recording it again corrects it."""
    _require_kind(plan, DIRECTIONAL)
    require_plan_edit(user, plan)
    text = nfc(text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the guidance given on filling in the form.")})
    if method not in GuidanceMethod.values:
        raise ValidationError({"method": _("Choose how the guidance was given.")})
    guidance, _new = FormGuidance.objects.update_or_create(
        plan=plan,
        defaults={"method": method, "given_on": given_on, "text": text, "recorded_by": user},
    )
    event = record_event(
        actor=user,
        verb="orientation.form_guidance",
        target=plan,
        unit=plan.unit,
        payload={"method": method, "given_on": given_on.isoformat()},
    )
    hooks.on_output(plan.agency, hooks.FORM_GUIDANCE, event)
    return guidance


# ───────────────────────────── conference 1 and dialogues ─────────────────────────────


def conference1_agencies(plan):
    """Who the seed invites to conference 1: the party committee, HĐND, UBND, phòng TCKH,
    the district offices and mass organisations, and the relevant Sở ngành."""
    district = plan.unit
    return (
        Agency.objects.filter(unit=district, is_active=True)
        | Agency.objects.filter(
            unit_id=district.parent_id,
            is_active=True,
            kind__in=[
                AgencyKind.SECTOR_DEPARTMENT,
                AgencyKind.PLANNING_DEPARTMENT,
                AgencyKind.FINANCE_DEPARTMENT,
            ],
        )
    ).order_by("unit__depth", "kind", "name")


@transaction.atomic
def conference1_record(*, user, plan, agencies=(), **data):
    """Record conference 1 on the directional plan: date, participants by agency, people by
    sex and ethnicity, minutes and conclusions (decisions_text)."""
    from sedp.meetings.services import meeting_record

    _require_kind(plan, DIRECTIONAL)
    if not issued_drafts(plan):
        raise ValidationError(
            _("Issue the draft directional plan to the delegates before conference 1.")
        )
    if not (data.get("decisions_text") or "").strip():
        raise ValidationError({"decisions_text": _("Write the conference's conclusions.")})
    allowed = set(conference1_agencies(plan).values_list("pk", flat=True))
    if any(agency.pk not in allowed for agency in agencies):
        raise ValidationError({"agencies": _("Choose the participants from the list.")})
    meeting = meeting_record(user=user, plan=plan, kind=MeetingKind.DISTRICT_CONFERENCE, **data)
    AgencyAttendance.objects.bulk_create(
        AgencyAttendance(meeting=meeting, agency=agency, people=1) for agency in set(agencies)
    )
    return meeting


def dialogue_enterprises(plan):
    """Enterprises, cooperatives and project boards of the district (its subtree)."""
    return Agency.objects.filter(
        unit__path__startswith=plan.unit.path,
        is_active=True,
        kind__in=[AgencyKind.ENTERPRISE, AgencyKind.COOPERATIVE, AgencyKind.PROJECT_BOARD],
    ).order_by("unit__path", "name")


@transaction.atomic
def dialogue_record(*, user, plan, enterprises=(), proposals="", sector=None, **data):
    """Record a dialogue between the district and enterprises (a participatory consultation,
    seed district step 1) on the directional plan: who came, and each proposal (one a line),
    which the summary and the draft then show."""
    from sedp.meetings.services import meeting_record

    _require_kind(plan, DIRECTIONAL)
    lines = [nfc(line).strip(" -•\t") for line in (proposals or "").splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise ValidationError({"proposals": _("Write the enterprises' proposals, one a line.")})
    allowed = set(dialogue_enterprises(plan).values_list("pk", flat=True))
    if any(e.pk not in allowed for e in enterprises):
        raise ValidationError({"enterprises": _("Choose the enterprises from the list.")})
    meeting = meeting_record(user=user, plan=plan, kind=MeetingKind.CONSULTATION, **data)
    AgencyAttendance.objects.bulk_create(
        AgencyAttendance(meeting=meeting, agency=e, people=1) for e in set(enterprises)
    )
    single = enterprises[0] if len(enterprises) == 1 else None
    DialogueProposal.objects.bulk_create(
        DialogueProposal(meeting=meeting, enterprise=single, sector=sector, text=line, order=n)
        for n, line in enumerate(lines)
    )
    record_event(actor=user, verb="orientation.dialogue", target=plan, unit=plan.unit,
                 payload={"meeting": meeting.pk, "proposals": len(lines)})  # fmt: skip
    return meeting


def dialogue_proposals(plan):
    return DialogueProposal.objects.filter(meeting__plan=plan).select_related(
        "meeting", "enterprise", "sector"
    )


def orientation_plans_visible(*, user, report_year):
    """Directional plans and sector forms the user can see for year X."""
    from sedp.plans.selectors import plans_visible_to

    return (
        plans_visible_to(user=user)
        .filter(kind__in=[FORM, DIRECTIONAL], report_year=report_year)
        .order_by("unit__path", "-kind", "agency__name")
    )


def can_edit_plan(user, plan) -> bool:
    return can_edit(scope_for(user), plan) and plan.is_editable


def require_plan_edit(user, plan) -> None:
    if not can_edit(scope_for(user), plan):
        raise PermissionDenied(_("Only the plan's own group can change it."))
