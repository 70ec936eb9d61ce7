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
    """Complete the meeting's tasks for the agency that recorded it (the plan's group) and for
    the People's Committee of the meeting's unit: the templates make the UBND responsible for
    the meetings it convenes (the commune kick-off X1.3, the commune conference X4.1…), and
    complete_tasks_for_output only closes the tasks of the agency it is given. The UBND's
    tasks are closed only where the template makes it responsible (its tasks exist)."""
    unit = unit if unit is not None else agency.unit
    agencies = [agency] if agency is not None else []
    agencies += list(Agency.objects.filter(unit=unit, kind=AgencyKind.PEOPLES_COMMITTEE))
    completed = 0
    for template_code in MEETING_OUTPUTS.get(output_code, ()):
        for responsible in dict.fromkeys(agencies):
            completed += complete_tasks_for_output(
                agency=responsible, output_code=template_code, event=event
            )
    return completed
