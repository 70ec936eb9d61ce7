"""THE one place where the planning groups tell the planning calendar that an output exists:
the commune group's set-up is the UBND's decision (xa.group_decision), a village group's
member list is thon.group_formed, the village basic-data form is thon.basic_data."""

from django.urls import reverse

from sedp.cycles.outputs import register_output_link
from sedp.cycles.services import complete_tasks_for_output
from sedp.territory.models import Agency, AgencyKind


def on_commune_group_formed(group, event) -> int:
    """The decision is the commune People's Committee's task (template X1.1)."""
    done = 0
    for ubnd in Agency.objects.filter(unit=group.unit, kind=AgencyKind.PEOPLES_COMMITTEE):
        done += complete_tasks_for_output(agency=ubnd, output_code="xa.group_decision", event=event)
    return done


def on_village_group_formed(group, event) -> int:
    return complete_tasks_for_output(
        agency=group.agency, output_code="thon.group_formed", event=event
    )


def on_basic_data_completed(agency, event) -> int:
    return complete_tasks_for_output(agency=agency, output_code="thon.basic_data", event=event)


def _step1(task):
    return reverse("groups-step1", args=[task.unit_id])


def register_work_pages() -> None:
    register_output_link("xa.group_decision", _step1)
    # the UBND xã's kick-off task (X1.3) opens the page that records it
    register_output_link(
        "xa.launch_meeting", lambda task: reverse("groups-kickoff-record", args=[task.unit_id])
    )
    register_output_link(
        "thon.group_formed", lambda task: reverse("groups-group-edit", args=[task.agency_id])
    )
    register_output_link(
        "thon.basic_data", lambda task: reverse("groups-basic-data", args=[task.agency_id])
    )
