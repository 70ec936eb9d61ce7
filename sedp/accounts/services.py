"""Changes to user accounts and memberships."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sedp.accounts.models import Membership, Role
from sedp.accounts.scoping import forget_scope, scope_for
from sedp.core.events import record_event


def _require_member_manager(user, agency) -> None:
    if user is not None and not scope_for(user).can_manage_members(agency):
        raise PermissionDenied(_("Only the agency's leader can manage its members."))


@transaction.atomic
def user_create(*, actor, username, full_name, email="", password=None, is_superuser=False):
    """Create a login. actor=None is the system (demo loader, management commands)."""
    _require_admin(actor)
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": _("This username is already taken.")})
    first, _sep, last = full_name.rpartition(" ")
    user = User(
        username=username,
        first_name=first,
        last_name=last or full_name,
        email=email,
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    if password:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from None
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    record_event(actor=actor, verb="user.created", target=user, payload={"username": username})
    return user


@transaction.atomic
def membership_add(*, user, agency, member, role, position="") -> Membership:
    _require_member_manager(user, agency)
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if Membership.objects.filter(user=member, agency=agency).exists():
        raise ValidationError({"member": _("This user is already a member of the agency.")})
    membership = Membership.objects.create(user=member, agency=agency, role=role, position=position)
    forget_scope(member)
    record_event(
        actor=user,
        verb="membership.added",
        target=agency,
        unit=agency.unit,
        payload={"member": member.username, "role": role, "position": position},
    )
    return membership


@transaction.atomic
def membership_change_role(*, user, membership, role, reason="") -> Membership:
    _require_member_manager(user, membership.agency)
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    _keep_one_leader(membership, new_role=role)
    before = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    forget_scope(membership.user)
    record_event(
        actor=user,
        verb="membership.changed",
        target=membership.agency,
        unit=membership.agency.unit,
        reason=reason,
        payload={"member": membership.user.username, "before": before, "after": role},
    )
    return membership


@transaction.atomic
def membership_remove(*, user, membership, reason="") -> None:
    _require_member_manager(user, membership.agency)
    _keep_one_leader(membership, new_role=None)
    agency, member = membership.agency, membership.user
    membership.delete()
    forget_scope(member)
    record_event(
        actor=user,
        verb="membership.removed",
        target=agency,
        unit=agency.unit,
        reason=reason,
        payload={"member": member.username},
    )


def _keep_one_leader(membership, *, new_role) -> None:
    """An agency must not lose its last leader, or nobody could manage it again."""
    if membership.role != Role.LEADER or new_role == Role.LEADER:
        return
    others = Membership.objects.filter(agency=membership.agency, role=Role.LEADER).exclude(
        pk=membership.pk
    )
    if not others.exists():
        raise ValidationError(_("The agency must keep at least one leader."))


def _require_admin(actor) -> None:
    if actor is not None and not scope_for(actor).is_admin:
        raise PermissionDenied(_("Only administrators can manage accounts."))


@transaction.atomic
def user_update(*, actor, user, full_name, email, is_active, reason=""):
    """Change an account's name, e-mail or active state (deactivating keeps its history)."""
    _require_admin(actor)
    if actor is not None and actor.pk == user.pk and not is_active:
        raise ValidationError({"is_active": _("You cannot deactivate your own account.")})
    before = {"full_name": user.get_full_name(), "email": user.email, "is_active": user.is_active}
    first, _sep, last = full_name.strip().rpartition(" ")
    user.first_name, user.last_name = first, last or full_name.strip()
    user.email, user.is_active = email, is_active
    user.save(update_fields=["first_name", "last_name", "email", "is_active"])
    after = {"full_name": user.get_full_name(), "email": email, "is_active": is_active}
    record_event(
        actor=actor,
        verb="user.updated",
        target=user,
        reason=reason,
        payload={"before": before, "after": after},
    )
    return user


@transaction.atomic
def user_set_password(*, actor, user, password):
    """An administrator sets a password, or a user changes their own."""
    if actor is None or actor.pk != user.pk:
        _require_admin(actor)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    user.set_password(password)
    user.save(update_fields=["password"])
    record_event(actor=actor, verb="user.password_set", target=user)
    return user
