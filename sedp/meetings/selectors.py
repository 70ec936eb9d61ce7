"""Reads for meetings."""

from sedp.territory.models import Agency, AgencyKind


def conference_agencies(plan):
    """Who the seed invites to the commune conference: the commune's own bodies, agencies and
    village groups, and the district's finance-planning office."""
    commune = plan.unit
    return (
        Agency.objects.filter(unit__path__startswith=commune.path)
        | Agency.objects.filter(unit_id=commune.parent_id, kind=AgencyKind.FINANCE_PLANNING_OFFICE)
    ).order_by("unit__depth", "kind", "name")
