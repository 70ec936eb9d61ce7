"""THE one place where indicators tell the planning calendar that an expected output exists.

Template activity X2.4 (the commune's Văn phòng - Thống kê officer, for the planning group,
assesses how the plan of year X went and counts its main indicators; output
xa.indicator_assessment) is done when the commune's grid for year X holds the estimated
actual of year X for every indicator the commune planned for that year (or, when it planned
none here, for every indicator of the commune grid).
"""

from sedp.core.events import record_event
from sedp.cycles.models import Task, TaskStatus
from sedp.cycles.services import complete_tasks_for_output
from sedp.indicators.models import IndicatorValue, Kind
from sedp.territory.models import AgencyKind

ASSESSMENT_OUTPUT = "xa.indicator_assessment"
# The values the assessment is made of: plan of year X against its estimated actual.
ASSESSMENT_KINDS = (Kind.PLAN, Kind.ESTIMATE)


def _open_assessment_tasks(unit, report_year):
    return Task.objects.filter(
        unit=unit,
        status=TaskStatus.OPEN,
        cycle__state="open",
        cycle__report_year=report_year,
        agency__kind=AgencyKind.COMMUNE_PLANNING_GROUP,
        activity__ios__is_output=True,
        activity__ios__code=ASSESSMENT_OUTPUT,
    )


def assessment_complete(unit, report_year) -> bool:
    from sedp.indicators.selectors import indicators_for

    rows = IndicatorValue.objects.filter(
        unit=unit, agency=None, report_year=report_year, kind__in=ASSESSMENT_KINDS
    ).values_list("indicator_id", "kind")
    planned = {pk for pk, kind in rows if kind == Kind.PLAN}
    estimated = {pk for pk, kind in rows if kind == Kind.ESTIMATE}
    expected = planned or {i.pk for i in indicators_for(unit.unit_type)}
    return bool(expected) and expected <= estimated


def on_values_saved(*, user, unit, report_year, kinds) -> int:
    """Called by the services that save a unit's own values (one cell or an imported grid),
    inside their transaction. Only a save touching the assessment's values of a unit whose
    planning group has the X2.4 task open for that year is checked; when the assessment is
    complete it is recorded as an event and the task points at it."""
    if not set(kinds) & set(ASSESSMENT_KINDS):
        return 0
    agency_ids = set(_open_assessment_tasks(unit, report_year).values_list("agency_id", flat=True))
    if not agency_ids or not assessment_complete(unit, report_year):
        return 0
    event = record_event(
        actor=user if user is not None and user.is_authenticated else None,
        verb="indicator_assessment.completed",
        target=unit,
        unit=unit,
        payload={"year": report_year},
    )
    from sedp.territory.models import Agency

    done = 0
    for agency in Agency.objects.filter(pk__in=agency_ids):
        done += complete_tasks_for_output(agency=agency, output_code=ASSESSMENT_OUTPUT, event=event)
    return done
