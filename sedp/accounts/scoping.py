"""The one place that decides what a user may see and change.

A user sees:
- every agency they are a member of;
- for an agency whose reach is TERRITORY (UBND, Sở KHĐT, phòng TCKH, the commune
  planning group…), everything in its unit's subtree;
- for an agency whose reach is SECTOR_LINE (Sở ngành, phòng ngành), the agencies of
  its sector and sub-sectors in its unit's subtree.
Administrators (permission accounts.manage_territory) see everything.

Every view and selector filters through `Scope`; a Scope costs one query per request.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from sedp.accounts.models import EDITING_ROLES, Membership, Role
from sedp.territory.models import Reach

ADMIN_PERMISSION = "accounts.manage_territory"


@dataclass
class Scope:
    user: object
    is_admin: bool
    memberships: list = field(default_factory=list)

    @property
    def agency_ids(self) -> set[int]:
        return {m.agency_id for m in self.memberships}

    def role_in(self, agency) -> str | None:
        for membership in self.memberships:
            if membership.agency_id == agency.pk:
                return membership.role
        return None

    def agency_q(self, prefix: str = "") -> Q:
        """Q selecting visible agencies; prefix reaches them through a relation ("agency__")."""
        if self.is_admin:
            return Q()
        query = Q(**{f"{prefix}pk__in": self.agency_ids})
        for membership in self.memberships:
            agency = membership.agency
            below = Q(**{f"{prefix}unit__path__startswith": agency.unit.path})
            if agency.reach == Reach.TERRITORY:
                query |= below
            elif agency.reach == Reach.SECTOR_LINE and agency.sector_id:
                query |= below & Q(**{f"{prefix}sector__path__startswith": agency.sector.path})
        return query

    def unit_q(self, prefix: str = "") -> Q:
        """Q selecting visible units: the subtree of a consolidating agency, else its own unit."""
        if self.is_admin:
            return Q()
        query = Q(**{f"{prefix}pk__in": {m.agency.unit_id for m in self.memberships}})
        for membership in self.memberships:
            if membership.agency.reach != Reach.OWN:
                query |= Q(**{f"{prefix}path__startswith": membership.agency.unit.path})
        return query

    def can_change_agency(self, agency) -> bool:
        return self.is_admin or self.role_in(agency) in EDITING_ROLES

    def can_manage_members(self, agency) -> bool:
        return self.is_admin or self.role_in(agency) == Role.LEADER


def scope_for(user) -> Scope:
    """The user's scope, computed once per user object (i.e. once per request)."""
    cached = getattr(user, "_sedp_scope", None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        scope = Scope(user=user, is_admin=False)
    else:
        memberships = list(
            Membership.objects.filter(user=user, agency__is_active=True).select_related(
                "agency__unit__level", "agency__sector"
            )
        )
        scope = Scope(
            user=user,
            is_admin=user.is_superuser or user.has_perm(ADMIN_PERMISSION),
            memberships=memberships,
        )
    user._sedp_scope = scope
    return scope


def forget_scope(user) -> None:
    """Drop the cached scope after the user's memberships change."""
    if hasattr(user, "_sedp_scope"):
        del user._sedp_scope


def require_admin_request(request) -> None:
    """Views of administrator-only pages call this first: 403 for everyone else."""
    from django.core.exceptions import PermissionDenied

    if not scope_for(request.user).is_admin:
        raise PermissionDenied
