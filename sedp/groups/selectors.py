"""Scoped reads for commune step 1: groups, their members and the preparation checklist."""

from django.db.models import Count, Q
from django.http import Http404

from sedp.accounts.scoping import scope_for
from sedp.accounts.selectors import agencies_visible_to, units_visible_to
from sedp.directives.models import Document
from sedp.groups.models import GroupLevel, Sex, WorkingGroup
from sedp.groups.services import LEVEL_OF_KIND, composition_warnings
from sedp.meetings.models import Meeting, MeetingKind
from sedp.territory.models import Agency, AgencyKind


def get_group_agency_for_user(*, user, pk):
    """A commune planning group or village working group agency in the user's scope."""
    agency = agencies_visible_to(user=user).filter(kind__in=list(LEVEL_OF_KIND)).filter(pk=pk)
    agency = agency.select_related("unit__parent").first()
    if agency is None:
        raise Http404
    return agency


def group_of(*, agency, report_year):
    return (
        WorkingGroup.objects.filter(agency=agency, report_year=report_year)
        .prefetch_related("members")
        .first()
    )


def get_commune_for_user(*, user, pk):
    unit = units_visible_to(user=user).filter(pk=pk).select_related("parent").first()
    if unit is None or unit.level.code != "xa":
        raise Http404
    return unit


# What reaches a commune from above during step 1 (the three-tier and two-tier templates).
RECEIVED_KINDS = [
    "tinh.launch_letter",
    "tinh.directive",
    "tinh.supplementary_guidance",
    "tinh.commune_guidance",
    "huyen.letter1",
    "huyen.supplementary_guidance",
]


def communes_of_user(*, user):
    """Communes the user works for: their agency's commune, or a village's commune."""
    scope = scope_for(user)
    ids = []
    for m in scope.memberships:
        unit = m.agency.unit
        if unit.level.code == "xa":
            ids.append(unit.pk)
        elif unit.level.code == "thon" and unit.parent_id:
            ids.append(unit.parent_id)
    return list(dict.fromkeys(ids))


def village_groups_of_user(*, user) -> list[int]:
    scope = scope_for(user)
    return [
        m.agency_id for m in scope.memberships if m.agency.kind == AgencyKind.VILLAGE_WORKING_GROUP
    ]


def step1(*, commune, report_year) -> dict:
    """The preparation checklist of a commune (seed, commune step 1), in six queries."""
    documents = list(
        Document.objects.filter(
            Q(unit=commune, kind__in=["xa.launch_letter", "xa.group_decision"])
            | Q(recipients__agency__unit=commune, kind__in=RECEIVED_KINDS),
            report_year=report_year,
        )
        .select_related("issuer")
        .distinct()
        .order_by("issued_on", "pk")
    )
    groups = {
        g.agency_id: g
        for g in WorkingGroup.objects.filter(
            Q(unit=commune) | Q(unit__parent=commune), report_year=report_year
        ).annotate(
            member_count=Count("members"),
            women=Count("members", filter=Q(members__sex=Sex.FEMALE)),
        )
    }
    agencies = list(
        Agency.objects.filter(
            Q(unit=commune, kind=AgencyKind.COMMUNE_PLANNING_GROUP)
            | Q(unit__parent=commune, kind=AgencyKind.VILLAGE_WORKING_GROUP),
            is_active=True,
        )
        .select_related("unit")
        .order_by("unit__path", "name")
    )
    village_units = list(commune.children.order_by("code", "name"))
    for agency in agencies:
        agency.group = groups.get(agency.pk)
        agency.warnings = []
        if agency.group is not None and agency.group.level == GroupLevel.VILLAGE:
            agency.warnings = composition_warnings(GroupLevel.VILLAGE, agency.group.women)
    commune_groups = [a for a in agencies if a.kind == AgencyKind.COMMUNE_PLANNING_GROUP]
    village_groups = [a for a in agencies if a.kind == AgencyKind.VILLAGE_WORKING_GROUP]
    with_group = {a.unit_id for a in village_groups}
    kickoff = (
        Meeting.objects.filter(kind=MeetingKind.KICKOFF, unit=commune, date__year=report_year)
        .select_related("plan")
        .order_by("-date")
        .first()
    )
    return {
        "own_documents": [d for d in documents if d.unit_id == commune.pk],
        "received_documents": [d for d in documents if d.unit_id != commune.pk],
        "launch_letter": next((d for d in documents if d.kind == "xa.launch_letter"), None),
        "commune_groups": commune_groups,
        "village_groups": village_groups,
        "villages_without_group": [u for u in village_units if u.pk not in with_group],
        "kickoff": kickoff,
    }
