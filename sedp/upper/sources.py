"""Where district and provincial plans find their content (registered into sedp.plans).

The seed builds the upper levels from two sources that must meet: the sector lines (a
district office's plan from the communes' content of its sector; a Sở's plan from its own
units and the district offices) and the territories (the district plan from the sector
offices and the communes; the provincial plan from the Sở and the districts).

Every line is collected exactly once. A territorial plan (district, province) takes the
content heading up a sector line from the sector plan at its own unit, and only what no
sector line carries from its territories:
- commune plans reach anyone only once phòng TCKH (two-tier: Sở TC) has routed them;
- a routed commune line whose sector has a sector body at the receiving unit goes through
  that body's plan; other commune lines go straight into the territorial plan;
- at the province, a district line whose origin sits in a district sector plan sent up its
  sector line (PlanDispatch) comes through the Sở's plan, not through the district plan.
Receivers are found by parent unit and agency kind, never by level names, so the two-tier
structure (communes directly under the province) runs the same code.
Each finder is a few small id queries and one Activity queryset.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from sedp.activities.models import Activity, ActivityStatus
from sedp.plans import consolidation, rules
from sedp.plans.consolidation import ACCEPTED
from sedp.plans.models import Plan, PlanKind
from sedp.territory.models import Agency, AgencyKind

K = AgencyKind
# The sector body at a unit that a commune line of its sector goes to, by plan kind.
SECTOR_BODY_KINDS = {K.DISTRICT_SECTOR_OFFICE, K.SECTOR_DEPARTMENT}
SECTOR_PLAN_KINDS = [PlanKind.DISTRICT_SECTOR_PLAN, PlanKind.PROVINCE_SECTOR_PLAN]
TERRITORIAL_KINDS = [PlanKind.COMMUNE_PLAN, PlanKind.DISTRICT_PLAN]
through = Activity.origins.through


def _ids(queryset) -> list[int]:
    return list(queryset.values_list("pk", flat=True))


def territorial_children(plan):
    """The plans of the units just below: communes (once routed) or districts."""
    return Plan.objects.filter(
        Q(kind=PlanKind.DISTRICT_PLAN) | Q(kind=PlanKind.COMMUNE_PLAN, routing__isnull=False),
        report_year=plan.report_year,
        unit__parent_id=plan.unit_id,
    )


def sector_paths_at(unit_id) -> list[str]:
    """The sectors that have a sector body (district office, Sở ngành) at the unit."""
    return list(
        Agency.objects.filter(
            unit_id=unit_id, kind__in=SECTOR_BODY_KINDS, sector__isnull=False, is_active=True
        ).values_list("sector__path", flat=True)
    )


def _under_any(paths, prefix="sector__path__startswith") -> Q:
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{prefix: path})
    return query


def kept_lines():
    return Activity.objects.exclude(status=ActivityStatus.REMOVED)


# ── Sector plans ──────────────────────────────────────────────────────────────


def district_sector_children(plan):
    return Plan.objects.filter(
        kind=PlanKind.COMMUNE_PLAN,
        report_year=plan.report_year,
        unit__parent_id=plan.unit_id,
        routing__isnull=False,
    )


def district_sector_lines(plan):
    sector = plan.agency.sector
    if sector is None:
        return Activity.objects.none()
    child_ids = _ids(district_sector_children(plan).filter(status__in=ACCEPTED))
    return kept_lines().filter(plan_id__in=child_ids, sector__path__startswith=sector.path)


def province_sector_children(plan):
    from sedp.upper.models import DispatchPurpose

    sector = plan.agency.sector
    if sector is None:
        return Plan.objects.none()
    return Plan.objects.filter(
        Q(kind=PlanKind.AGENCY_INPUT, unit_id=plan.unit_id)
        & Q(agency__sector__path__startswith=sector.path)
        | Q(
            kind=PlanKind.DISTRICT_SECTOR_PLAN,
            dispatches__recipient_id=plan.agency_id,
            dispatches__purpose=DispatchPurpose.SECTOR_LINE,
        )
        | Q(kind=PlanKind.COMMUNE_PLAN, unit__parent_id=plan.unit_id, routing__isnull=False),
        report_year=plan.report_year,
    ).distinct()


def province_sector_lines(plan):
    """The Sở's units' accepted plans, the district frameworks it accepted, and (two-tier)
    the routed commune lines of its sector."""
    from sedp.upper.models import DispatchPurpose, DispatchStatus

    sector = plan.agency.sector
    if sector is None:
        return Activity.objects.none()
    own_units = _ids(
        Plan.objects.filter(
            kind=PlanKind.AGENCY_INPUT,
            report_year=plan.report_year,
            unit_id=plan.unit_id,
            agency__sector__path__startswith=sector.path,
            status__in=ACCEPTED,
        )
    )
    frameworks = _ids(
        Plan.objects.filter(
            kind=PlanKind.DISTRICT_SECTOR_PLAN,
            report_year=plan.report_year,
            dispatches__recipient_id=plan.agency_id,
            dispatches__purpose=DispatchPurpose.SECTOR_LINE,
            dispatches__status=DispatchStatus.ACCEPTED,
        )
    )
    communes = _ids(
        Plan.objects.filter(
            kind=PlanKind.COMMUNE_PLAN,
            report_year=plan.report_year,
            unit__parent_id=plan.unit_id,
            routing__isnull=False,
            status__in=ACCEPTED,
        )
    )
    return kept_lines().filter(
        Q(plan_id__in=own_units)
        | (Q(plan_id__in=frameworks + communes) & Q(sector__path__startswith=sector.path))
    )


# ── Territorial plans ─────────────────────────────────────────────────────────


def district_children(plan):
    return Plan.objects.filter(
        Q(kind=PlanKind.DISTRICT_SECTOR_PLAN, unit_id=plan.unit_id)
        | Q(kind=PlanKind.COMMUNE_PLAN, unit__parent_id=plan.unit_id, routing__isnull=False),
        report_year=plan.report_year,
    )


def province_children(plan):
    return Plan.objects.filter(
        Q(kind=PlanKind.PROVINCE_SECTOR_PLAN, unit_id=plan.unit_id)
        | Q(pk__in=territorial_children(plan).values("pk")),
        report_year=plan.report_year,
    )


def territorial_lines(plan):
    """Sector plans at the unit, plus what the territories below carry outside sector lines."""
    from sedp.upper.models import DispatchPurpose

    sector_plans = _ids(
        Plan.objects.filter(
            kind__in=SECTOR_PLAN_KINDS,
            report_year=plan.report_year,
            unit_id=plan.unit_id,
            status__in=ACCEPTED,
        )
    )
    children = _ids(territorial_children(plan).filter(status__in=ACCEPTED))
    # Commune lines of a sector that has a body here go through that body's plan.
    routed_communes = _ids(territorial_children(plan).filter(kind=PlanKind.COMMUNE_PLAN))
    by_sector_body = Q(plan_id__in=routed_communes) & _under_any(sector_paths_at(plan.unit_id))
    # District lines whose origin went up a sector line to a body here come through it.
    sent_up = _ids(
        Plan.objects.filter(
            kind=PlanKind.DISTRICT_SECTOR_PLAN,
            report_year=plan.report_year,
            dispatches__purpose=DispatchPurpose.SECTOR_LINE,
            dispatches__recipient__unit_id=plan.unit_id,
        ).distinct()
    )
    via_sector_line = through.objects.filter(to_activity__plan_id__in=sent_up).values(
        "from_activity_id"
    )
    return kept_lines().filter(
        Q(plan_id__in=sector_plans)
        | (Q(plan_id__in=children) & ~by_sector_body & ~Q(pk__in=via_sector_line))
    )


# ── Checks before submitting or accepting ─────────────────────────────────────


def _require_version(plan, label_key, message):
    if not plan.versions.filter(snapshot__draft=label_key).exists():
        raise ValidationError(message)


def district_plan_ready_to_send(plan):
    """Draft 2 issued, and reviewed by the People's Committee, the party committee and the
    People's Council where the district has them (seed, district step 5)."""
    from sedp.upper.services import missing_reviewers

    _require_version(
        plan, "draft2", _("Issue draft 2 (after conference 2) before sending the plan.")
    )
    missing = missing_reviewers(plan)
    if missing:
        raise ValidationError(
            _("Record the opinion of %(bodies)s on draft 2 before sending it.")
            % {"bodies": ", ".join(a.name for a in missing)}
        )


def sector_plan_signed(plan):
    """A Sở signs its sector plan after the sector conference (seed, province step 3-4)."""
    from sedp.meetings.models import MeetingKind

    if not plan.meetings.filter(kind=MeetingKind.SECTOR_CONFERENCE).exists():
        raise ValidationError(
            _("Record the sector planning conference before signing and sending the plan.")
        )


def province_plan_approvable(plan):
    """The provincial People's Committee approves the draft with the council's opinion."""
    from sedp.meetings.models import MeetingKind

    if not plan.meetings.filter(kind=MeetingKind.PROVINCE_CONFERENCE).exists():
        raise ValidationError(_("Record the provincial planning conference first."))
    if not plan.opinions.filter(agency__kind=K.PEOPLES_COUNCIL).exists():
        raise ValidationError(
            _("Record the opinion of the People's Council before approving the draft.")
        )


def register():
    consolidation.CHILD_FINDERS.update(
        {
            PlanKind.DISTRICT_SECTOR_PLAN: district_sector_children,
            PlanKind.PROVINCE_SECTOR_PLAN: province_sector_children,
            PlanKind.DISTRICT_PLAN: district_children,
            PlanKind.PROVINCE_PLAN: province_children,
        }
    )
    consolidation.LINE_FINDERS.update(
        {
            PlanKind.DISTRICT_SECTOR_PLAN: district_sector_lines,
            PlanKind.PROVINCE_SECTOR_PLAN: province_sector_lines,
            PlanKind.DISTRICT_PLAN: territorial_lines,
            PlanKind.PROVINCE_PLAN: territorial_lines,
        }
    )
    rules.PRECONDITIONS.setdefault(("submit", PlanKind.DISTRICT_PLAN), []).append(
        district_plan_ready_to_send
    )
    rules.PRECONDITIONS.setdefault(("submit", PlanKind.PROVINCE_SECTOR_PLAN), []).append(
        sector_plan_signed
    )
    rules.PRECONDITIONS.setdefault(("accept", PlanKind.PROVINCE_PLAN), []).append(
        province_plan_approvable
    )
