"""THE one place where plans tell the planning calendar that an expected output exists.

Issue C's cycles app completes the responsible agency's Task when its output appears
(`complete_tasks_for_output(*, agency, output_code, event)`). This branch was built
before that app existed, so `on_output` is called at every output of a plan and does
nothing yet; the merge wires it to the cycles hook. Output codes used here:

- "village_proposal.submitted", "agency_input.submitted": a proposal reaches the commune;
- "village_proposal.accepted", "agency_input.accepted": the commune group accepted it;
- "commune_plan.consolidated": the commune summary was built;
- "commune_plan.submitted": the commune's draft goes up to the district.
It is called inside the service's transaction, after the event is written.
"""


def on_output(agency, output_code, event) -> None:
    """Called at each plan output; wired to cycles.complete_tasks_for_output at merge."""
    return None
