"""THE one place where meetings tell the planning calendar that an expected output exists.

Called each time a meeting is recorded, with output code "<meeting kind>.recorded"; the
meeting kinds map to the process templates' meeting outputs (templates_data/*.yaml).
"""

from sedp.cycles.services import complete_tasks_for_output
from sedp.territory.models import Agency, AgencyKind

MEETING_OUTPUTS = {
    "village_meeting.recorded": ("thon.meeting",),
    "kickoff.recorded": ("xa.launch_meeting",),
    "commune_conference.recorded": ("xa.plan_conference",),
    "district_conference.recorded": ("huyen.conference2",),
    "province_conference.recorded": ("tinh.plan_conference",),
    "sector_conference.recorded": ("tinh.sector_conference",),
    "consultation.recorded": ("xa.consultation",),
    "district_conference1.recorded": ("huyen.conference1",),
}
# A meeting on a plan of these kinds produces another output than its kind's usual one:
# the district conference on the directional plan is conference 1 (seed, district step 3).
PLAN_MEETING_OUTPUTS = {
    ("district_orientation", "district_conference"): "district_conference1.recorded",
    # an enterprise dialogue on the directional plan is no commune consultation (no task)
    ("district_orientation", "consultation"): "enterprise_dialogue.recorded",
}


def output_of(plan, kind) -> str:
    return PLAN_MEETING_OUTPUTS.get((plan.kind, kind), f"{kind}.recorded")


def on_output(agency, output_code, event, *, unit=None) -> int:
    """Complete the meeting's tasks for the agencies responsible for it.

    complete_tasks_for_output only closes the tasks of the agency it is given, so the
    agencies are chosen here. A meeting on a plan (`agency` = the plan's group) closes the
    group's tasks and those of its unit's People's Committee, which the templates make
    responsible for the meetings it convenes (the commune conference X4.1…); other bodies of
    the unit are left alone (one sector's conference is not another sector's). A meeting of
    the unit itself (`agency` None: the commune kick-off, X1.3) closes the open tasks of
    whichever agencies of the unit the template made responsible for it."""
    from sedp.cycles.models import Task, TaskStatus

    codes = MEETING_OUTPUTS.get(output_code, ())
    if not codes:
        return 0
    unit = unit if unit is not None else agency.unit
    if agency is not None:
        agencies = [agency, *Agency.objects.filter(unit=unit, kind=AgencyKind.PEOPLES_COMMITTEE)]
    else:
        agencies = list(
            Agency.objects.filter(
                pk__in=Task.objects.filter(
                    unit=unit,
                    status=TaskStatus.OPEN,
                    activity__ios__is_output=True,
                    activity__ios__code__in=codes,
                ).values("agency_id")
            )
        )
    completed = 0
    for template_code in codes:
        for responsible in dict.fromkeys(agencies):
            completed += complete_tasks_for_output(
                agency=responsible, output_code=template_code, event=event
            )
    return completed
