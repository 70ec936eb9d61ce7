from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import render

from sedp.accounts.scoping import scope_for
from sedp.accounts.selectors import agencies_visible_to, events_visible_to, units_visible_to
from sedp.territory.models import Reach


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
    recent = events_visible_to(user=request.user)[:10]
    return render(
        request,
        "core/home.html",
        {
            "scope": scope,
            "consolidating": consolidating,
            "reach_summary": reach_summary,
            "agency_total": agency_total,
            "recent_events": recent,
        },
    )


@login_required
def event_list(request):
    """The activity log of everything the user can see, newest first."""
    page = Paginator(events_visible_to(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "core/event_list.html", {"page": page})
