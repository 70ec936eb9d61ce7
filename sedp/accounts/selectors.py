"""Scoped reads. Views never query these models without going through here."""

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.http import Http404

from sedp.accounts.models import Membership
from sedp.accounts.scoping import scope_for
from sedp.core.models import Event
from sedp.territory.models import AdminUnit, Agency


def agencies_visible_to(*, user):
    scope = scope_for(user)
    return Agency.objects.filter(scope.agency_q()).select_related("unit__level", "sector")


def units_visible_to(*, user):
    scope = scope_for(user)
    return AdminUnit.objects.filter(scope.unit_q()).select_related("level")


def get_agency_for_user(*, user, pk) -> Agency:
    try:
        return agencies_visible_to(user=user).get(pk=pk)
    except (Agency.DoesNotExist, ValueError):
        raise Http404 from None


def get_unit_for_user(*, user, pk) -> AdminUnit:
    try:
        return units_visible_to(user=user).select_related("structure", "parent").get(pk=pk)
    except (AdminUnit.DoesNotExist, ValueError):
        raise Http404 from None


def members_of(*, agency):
    return Membership.objects.filter(agency=agency).select_related("user")


def get_membership_for_user(*, user, agency, pk) -> Membership:
    try:
        return members_of(agency=agency).get(pk=pk)
    except (Membership.DoesNotExist, ValueError):
        raise Http404 from None


def events_visible_to(*, user):
    """Events about units the user can see (system-wide events only for administrators)."""
    scope = scope_for(user)
    events = Event.objects.select_related("actor", "unit")
    if scope.is_admin:
        return events
    return events.filter(scope.unit_q(prefix="unit__"))


def child_units_with_counts(*, user, unit):
    return (
        units_visible_to(user=user)
        .filter(parent=unit)
        .annotate(
            child_count=Count("children", distinct=True),
            agency_count=Count("agencies", distinct=True),
        )
        .order_by("code")
    )


def user_by_username(username):
    return get_user_model().objects.filter(username=username, is_active=True).first()


def users_for_admin(*, query=""):
    """Accounts with their memberships, for the administrators' list (two queries)."""
    from django.db.models import Prefetch, Q

    users = (
        get_user_model()
        .objects.order_by("username")
        .prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("agency__unit"))
        )
    )
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
        )
    return users


def get_user_for_admin(*, pk):
    try:
        return get_user_model().objects.get(pk=pk)
    except (get_user_model().DoesNotExist, ValueError):
        raise Http404 from None
