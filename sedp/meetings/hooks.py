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


def on_output(agency, output_code, event) -> int:
    completed = 0
    for template_code in MEETING_OUTPUTS.get(output_code, ()):
        completed += complete_tasks_for_output(
            agency=agency, output_code=template_code, event=event
        )
    return completed
