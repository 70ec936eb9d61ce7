"""THE one place where meetings tell the planning calendar that an expected output exists.

Like sedp/plans/hooks.py: called each time a meeting is recorded, with output code
"<meeting kind>.recorded" (e.g. "village_meeting.recorded", "commune_conference.recorded");
it does nothing until the merge wires it to cycles.complete_tasks_for_output.
"""


def on_output(agency, output_code, event) -> None:
    """Called when a meeting is recorded; wired to cycles.complete_tasks_for_output at merge."""
    return None
