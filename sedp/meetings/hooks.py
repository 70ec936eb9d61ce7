"""THE one place where meetings tell the planning calendar that an expected output exists.

Called each time a meeting is recorded, with output code "<meeting kind>.recorded"; the
meeting kinds map to the process templates' meeting outputs (templates_data/*.yaml).
"""

from sedp.cycles.services import complete_tasks_for_output

MEETING_OUTPUTS = {
    "village_meeting.recorded": ("thon.meeting",),
    "kickoff.recorded": ("xa.launch_meeting",),
    "commune_conference.recorded": ("xa.plan_conference",),
    "district_conference.recorded": ("huyen.conference2",),
    "province_conference.recorded": ("tinh.plan_conference",),
    "sector_conference.recorded": ("tinh.sector_conference",),
    "consultation.recorded": ("xa.consultation",),
}


def on_output(agency, output_code, event) -> int:
    completed = 0
    for template_code in MEETING_OUTPUTS.get(output_code, ()):
        completed += complete_tasks_for_output(
            agency=agency, output_code=template_code, event=event
        )
    return completed
