from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import render

from sedp.accounts.scoping import scope_for
from sedp.accounts.selectors import agencies_visible_to, events_visible_to, units_visible_to
from sedp.territory.models import AdminLevel, Reach


@login_required
def home(request):
    """Each role's home: their agencies, what they consolidate, and recent changes in scope."""
    scope = scope_for(request.user)
    reach_summary = []
    consolidating = [m for m in scope.memberships if m.agency.reach != Reach.OWN]
    if consolidating or scope.is_admin:
        # One grouped query: how many units per level the user can see.
        reach_summary = list(
            units_visible_to(user=request.user)
            .values("structure__name", "level__name", "level__rank")
            .annotate(total=Count("id"))
            .order_by("structure__name", "level__rank")
        )
    agency_total = agencies_visible_to(user=request.user).count()
    # Members of a district or provincial body go first to the district and province pages
    # (sector plans, drafts, consolidation views); commune and village members to their plans.
    commune_ranks = _commune_ranks(scope)
    upper = any(
        m.agency.unit.level.rank < commune_ranks.get(m.agency.unit.structure_id, 0)
        for m in scope.memberships
    )
    recent = events_visible_to(user=request.user)[:10]
    return render(
        request,
        "core/home.html",
        {
            "scope": scope,
            "consolidating": consolidating,
            "reach_summary": reach_summary,
            "agency_total": agency_total,
            "upper": upper,
            "recent_events": recent,
        },
    )


def _commune_ranks(scope) -> dict[int, int]:
    """{structure id: rank of its commune level} for the user's structures (levels are data:
    AdminLevel.is_commune_level). One small query."""
    structures = {m.agency.unit.structure_id for m in scope.memberships}
    if not structures:
        return {}
    return {
        level.structure_id: level.rank
        for level in AdminLevel.objects.filter(structure_id__in=structures).order_by("-rank")
        if level.is_commune_level
    }


@login_required
def event_list(request):
    """The activity log of everything the user can see, newest first."""
    page = Paginator(events_visible_to(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "core/event_list.html", {"page": page})
