"""Every change to units, sectors and agencies goes through these functions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Length, Substr
from django.utils.translation import gettext as _

from sedp.accounts.scoping import scope_for
from sedp.core.events import record_event
from sedp.core.text import nfc, unaccent
from sedp.territory.models import (
    KIND_REACH,
    AdminLevel,
    AdminUnit,
    Agency,
    Reach,
    Sector,
    TerritoryStructure,
    UnitType,
)


def require_admin(user) -> None:
    """user=None is the system itself (management commands run by the server's operator)."""
    if user is not None and not scope_for(user).is_admin:
        raise PermissionDenied(_("Only territory administrators can do this."))


def check_unit_placement(*, level, parent, unit_type, structure) -> None:
    """A unit sits one level below its parent, in the same structure, with an allowed type."""
    if level.structure_id != structure.pk:
        raise ValidationError({"level": _("The level belongs to another structure.")})
    if unit_type not in level.unit_types:
        raise ValidationError(
            {
                "unit_type": _("This unit type is not allowed at the level “%(level)s”.")
                % {"level": level.name}
            }
        )
    if parent is None:
        if level.rank != 0:
            raise ValidationError({"parent": _("Only a top-level unit may have no parent.")})
        return
    if parent.structure_id != structure.pk:
        raise ValidationError({"parent": _("The parent unit belongs to another structure.")})
    if parent.level.rank >= level.rank:
        raise ValidationError(
            {
                "parent": _("The parent unit must be at a higher level than “%(level)s”.")
                % {"level": level.name}
            }
        )


def _unit_path(parent, pk) -> str:
    return f"{parent.path if parent else '/'}{pk}/"


@transaction.atomic
def unit_create(
    *, user, structure, level, parent, code, name, unit_type, valid_from=None, valid_to=None
) -> AdminUnit:
    require_admin(user)
    check_unit_placement(level=level, parent=parent, unit_type=unit_type, structure=structure)
    code, name = nfc(code), nfc(name)
    if AdminUnit.objects.filter(structure=structure, code=code).exists():
        raise ValidationError(
            {"code": _("The code %(code)s already exists in this structure.") % {"code": code}}
        )
    unit = AdminUnit.objects.create(
        structure=structure,
        level=level,
        parent=parent,
        code=code,
        name=name,
        unit_type=unit_type,
        valid_from=valid_from,
        valid_to=valid_to,
        path="",
        depth=(parent.depth + 1) if parent else 0,
        name_search=unaccent(name),
    )
    unit.path = _unit_path(parent, unit.pk)
    unit.save(update_fields=["path"])
    record_event(
        actor=user,
        verb="unit.created",
        target=unit,
        unit=unit,
        payload={"code": code, "name": name, "structure": structure.code},
    )
    return unit


@transaction.atomic
def unit_update(*, user, unit, reason="", **changes) -> AdminUnit:
    """Change a unit's fields; moving it under another parent rewrites its subtree's paths."""
    require_admin(user)
    unit = AdminUnit.objects.select_for_update().select_related("level").get(pk=unit.pk)
    before = {name: str(getattr(unit, name)) for name in changes}
    for name, value in changes.items():
        setattr(unit, name, nfc(value) if name in {"code", "name"} else value)
    parent = unit.parent
    if parent is not None and parent.path.startswith(unit.path):
        raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
    check_unit_placement(
        level=unit.level, parent=parent, unit_type=unit.unit_type, structure=unit.structure
    )
    if (
        AdminUnit.objects.filter(structure=unit.structure, code=unit.code)
        .exclude(pk=unit.pk)
        .exists()
    ):
        raise ValidationError(
            {"code": _("The code %(code)s already exists in this structure.") % {"code": unit.code}}
        )
    old_path, new_path = unit.path, _unit_path(parent, unit.pk)
    unit.name_search = unaccent(unit.name)
    unit.save()
    if new_path != old_path:
        depth_shift = (parent.depth + 1 if parent else 0) - unit.depth
        # One UPDATE for the whole subtree: swap the old prefix for the new one.
        AdminUnit.objects.filter(path__startswith=old_path).update(
            path=Concat(Value(new_path), Substr("path", len(old_path) + 1, Length("path"))),
            depth=F("depth") + depth_shift,
        )
        unit.refresh_from_db()
    after = {name: str(getattr(unit, name)) for name in changes}
    record_event(
        actor=user,
        verb="unit.updated",
        target=unit,
        unit=unit,
        reason=reason,
        # Paths too: who listens (the indicator figures) must know where the unit was.
        payload={
            "before": before,
            "after": after,
            "paths": {"before": old_path, "after": unit.path},
        },
    )
    return unit


def _sector_path(parent, code) -> str:
    return f"{parent.path if parent else '/'}{code}/"


@transaction.atomic
def sector_create(*, user, code, name, group, parent=None, order=0) -> Sector:
    require_admin(user)
    if Sector.objects.filter(code=code).exists():
        raise ValidationError({"code": _("The code %(code)s already exists.") % {"code": code}})
    if parent is not None:
        group = parent.group  # a sub-sector always belongs to its parent's group
    sector = Sector.objects.create(
        code=code,
        name=nfc(name),
        group=group,
        parent=parent,
        order=order,
        path=_sector_path(parent, code),
    )
    record_event(
        actor=user,
        verb="sector.created",
        target=sector,
        payload={"code": code, "name": sector.name},
    )
    return sector


@transaction.atomic
def sector_update(*, user, sector, name, order, reason="") -> Sector:
    """Rename or reorder a sector. Code, group and parent stay: plans refer to them."""
    require_admin(user)
    before = {"name": sector.name, "order": sector.order}
    sector.name, sector.order = nfc(name), order
    sector.save(update_fields=["name", "order"])
    record_event(
        actor=user,
        verb="sector.updated",
        target=sector,
        reason=reason,
        payload={"before": before, "after": {"name": sector.name, "order": order}},
    )
    return sector


def _check_agency(*, kind, sector, reach) -> None:
    if reach == Reach.SECTOR_LINE and sector is None:
        raise ValidationError({"sector": _("A sector body must have a sector.")})


@transaction.atomic
def agency_create(
    *,
    user,
    unit,
    kind,
    name,
    sector=None,
    short_name="",
    reach=None,
    address="",
    phone="",
    email="",
) -> Agency:
    require_admin(user)
    reach = reach or KIND_REACH.get(kind, Reach.OWN)
    _check_agency(kind=kind, sector=sector, reach=reach)
    agency = Agency.objects.create(
        unit=unit,
        kind=kind,
        sector=sector,
        name=nfc(name),
        short_name=nfc(short_name),
        reach=reach,
        address=address,
        phone=phone,
        email=email,
    )
    record_event(
        actor=user,
        verb="agency.created",
        target=agency,
        unit=unit,
        payload={"kind": kind, "name": agency.name},
    )
    return agency


# Fields an agency's own leader or planner may edit; the rest is the administrator's.
AGENCY_CONTACT_FIELDS = ("short_name", "address", "phone", "email")
AGENCY_ADMIN_FIELDS = ("name", "kind", "sector", "reach", "is_active")


@transaction.atomic
def agency_update(*, user, agency, reason="", **changes) -> Agency:
    scope = scope_for(user)
    if not scope.can_change_agency(agency):
        raise PermissionDenied(_("You cannot change this agency."))
    if not scope.is_admin and set(changes) - set(AGENCY_CONTACT_FIELDS):
        raise PermissionDenied(_("Only administrators can change these fields."))
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    before = {name: str(getattr(agency, name)) for name in changes}
    for name, value in changes.items():
        setattr(agency, name, nfc(value) if isinstance(value, str) else value)
    _check_agency(kind=agency.kind, sector=agency.sector, reach=agency.reach)
    agency.save()
    record_event(
        actor=user,
        verb="agency.updated",
        target=agency,
        unit=agency.unit,
        reason=reason,
        payload={"before": before, "after": {name: str(getattr(agency, name)) for name in changes}},
    )
    return agency


@transaction.atomic
def structure_create(*, user, code, name, valid_from=None, valid_to=None, description=""):
    require_admin(user)
    if TerritoryStructure.objects.filter(code=code).exists():
        raise ValidationError({"code": _("The code %(code)s already exists.") % {"code": code}})
    structure = TerritoryStructure.objects.create(
        code=code, name=nfc(name), valid_from=valid_from, valid_to=valid_to, description=description
    )
    record_event(
        actor=user,
        verb="structure.created",
        target=structure,
        payload={"code": code, "name": structure.name},
    )
    return structure


@transaction.atomic
def structure_update(*, user, structure, reason="", **changes):
    require_admin(user)
    before = {name: str(getattr(structure, name)) for name in changes}
    for name, value in changes.items():
        setattr(structure, name, nfc(value) if name == "name" else value)
    structure.save()
    record_event(
        actor=user,
        verb="structure.updated",
        target=structure,
        reason=reason,
        payload={"before": before, "after": {n: str(getattr(structure, n)) for n in changes}},
    )
    return structure


def _check_level(*, structure, code, rank, unit_types, exclude=None) -> None:
    others = AdminLevel.objects.filter(structure=structure).exclude(pk=exclude)
    if others.filter(code=code).exists():
        raise ValidationError({"code": _("The code %(code)s already exists.") % {"code": code}})
    if others.filter(rank=rank).exists():
        raise ValidationError({"rank": _("Another level already has this rank.")})
    if not unit_types:
        raise ValidationError({"unit_types": _("Choose at least one unit type.")})
    taken = {t for level in others for t in level.unit_types} & set(unit_types)
    if taken:
        raise ValidationError(
            {
                "unit_types": _("These unit types already belong to another level: %(types)s.")
                % {"types": ", ".join(str(UnitType(t).label) for t in sorted(taken))}
            }
        )


@transaction.atomic
def level_create(*, user, structure, code, name, rank, unit_types):
    require_admin(user)
    _check_level(structure=structure, code=code, rank=rank, unit_types=unit_types)
    level = AdminLevel.objects.create(
        structure=structure, code=code, name=nfc(name), rank=rank, unit_types=list(unit_types)
    )
    record_event(
        actor=user,
        verb="level.created",
        target=level,
        payload={"structure": structure.code, "code": code, "rank": rank},
    )
    return level


@transaction.atomic
def level_update(*, user, level, name, unit_types, reason=""):
    """Rename a level or change its unit types; a type still used by its units must stay."""
    require_admin(user)
    _check_level(
        structure=level.structure,
        code=level.code,
        rank=level.rank,
        unit_types=unit_types,
        exclude=level.pk,
    )
    in_use = set(level.units.values_list("unit_type", flat=True).distinct())
    dropped = in_use - set(unit_types)
    if dropped:
        raise ValidationError(
            {
                "unit_types": _("Units of these types exist at this level: %(types)s.")
                % {"types": ", ".join(str(UnitType(t).label) for t in sorted(dropped))}
            }
        )
    before = {"name": level.name, "unit_types": level.unit_types}
    level.name, level.unit_types = nfc(name), list(unit_types)
    level.save(update_fields=["name", "unit_types"])
    record_event(
        actor=user,
        verb="level.updated",
        target=level,
        reason=reason,
        payload={"before": before, "after": {"name": level.name, "unit_types": level.unit_types}},
    )
    return level
