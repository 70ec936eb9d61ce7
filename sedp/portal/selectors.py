"""Reads for the portal. Public reads see only Publications (frozen at publication) and
consultations; nothing reads a plan's live content for an anonymous visitor."""

from django.http import Http404

from sedp.accounts.scoping import scope_for
from sedp.activities.models import Activity
from sedp.core.text import unaccent
from sedp.plans.models import PlanStatus
from sedp.portal.models import Publication
from sedp.territory.models import AdminUnit


def publications_search(*, q="", kind="", year=None, unit=None):
    """Published plans, searchable with or without diacritics ("lao cai" finds "Lào Cai")."""
    publications = Publication.objects.select_related("unit", "resolution", "adjustment").defer(
        "snapshot", "search_text"
    )
    for word in unaccent(q).split()[:8]:
        publications = publications.filter(search_text__contains=word)
    if kind:
        publications = publications.filter(kind=kind)
    if year:
        publications = publications.filter(plan_year=year)
    if unit is not None:
        publications = publications.filter(unit__path__startswith=unit.path)
    return publications.order_by("-plan_year", "unit__path", "kind", "pk")


def publication_years() -> list:
    return sorted(
        set(Publication.objects.values_list("plan_year", flat=True).distinct()), reverse=True
    )


def get_publication(pk) -> Publication:
    publication = (
        Publication.objects.select_related("unit__parent", "resolution", "adjustment")
        .filter(pk=pk)
        .first()
    )
    if publication is None:
        raise Http404
    return publication


def get_public_unit(pk) -> AdminUnit:
    unit = AdminUnit.objects.select_related("parent").filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit


def assigned_activities(*, user):
    """'Việc được giao': the activities of adopted plans whose responsible agency is one of
    the user's agencies."""
    scope = scope_for(user)
    return (
        Activity.objects.filter(
            # An official plan being adjusted stays in force (and its work assigned).
            plan__status__in=[PlanStatus.APPROVED, PlanStatus.ADJUSTING],
            responsible_id__in=scope.agency_ids,
        )
        .select_related(
            "plan__unit", "plan__agency", "plan__resolution", "sector", "place", "responsible"
        )
        .order_by("-plan__report_year", "responsible__name", "plan__unit__path", "priority", "pk")
    )


def council_plan_visible_to(*, user, unit_id, report_year):
    """The unit's general plan of a year (the one its council adopts), if the user sees it."""
    from sedp.plans.models import PlanKind
    from sedp.plans.selectors import plans_visible_to

    return (
        plans_visible_to(user=user)
        .filter(
            unit_id=unit_id,
            report_year=report_year,
            kind__in=[PlanKind.COMMUNE_PLAN, PlanKind.DISTRICT_PLAN, PlanKind.PROVINCE_PLAN],
        )
        .first()
    )
