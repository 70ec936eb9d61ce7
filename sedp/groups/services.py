"""Setting up the planning groups, checked against the seed's composition rules.

Seed, commune step 1: the commune group is led by the chairman or the vice-chairman in
charge of the economy of the commune People's Committee, with 1 secretary and 3 to 5 other
members; a village group is led by the village head or the party cell secretary, with 3 to
5 other members representing the village's mass organisations and its poor households, at
least 1 to 2 of them women. A rule broken is refused with a message naming the row; a
village group without a woman is accepted with a warning (some villages cannot do better,
and the commune should know).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sedp.accounts.models import EDITING_ROLES
from sedp.accounts.scoping import scope_for
from sedp.core.events import record_event
from sedp.core.text import nfc
from sedp.groups import hooks
from sedp.groups.models import GroupLevel, GroupMember, MemberRole, MemberTitle, Sex, WorkingGroup
from sedp.territory.models import AgencyKind, Reach

LEVEL_OF_KIND = {
    AgencyKind.COMMUNE_PLANNING_GROUP: GroupLevel.COMMUNE,
    AgencyKind.VILLAGE_WORKING_GROUP: GroupLevel.VILLAGE,
}
CHAIR_TITLES = {
    GroupLevel.COMMUNE: {MemberTitle.COMMUNE_CHAIRMAN, MemberTitle.COMMUNE_VICE_CHAIRMAN},
    GroupLevel.VILLAGE: {MemberTitle.VILLAGE_HEAD, MemberTitle.PARTY_CELL_SECRETARY},
}
MIN_OTHERS, MAX_OTHERS = 3, 5
TEXT_FIELDS = {"name": 150, "position": 150, "organisation": 150, "ethnicity": 50}


def can_set_up(user, agency) -> bool:
    """The group's own leader or planner, or those of a consolidating body above it (the
    commune's People's Committee or planning group for a village group)."""
    scope = scope_for(user)
    if scope.is_admin or scope.role_in(agency) in EDITING_ROLES:
        return True
    return any(
        m.role in EDITING_ROLES
        and m.agency.reach == Reach.TERRITORY
        and m.agency.kind in {AgencyKind.PEOPLES_COMMITTEE, AgencyKind.COMMUNE_PLANNING_GROUP}
        and agency.unit.path.startswith(m.agency.unit.path)
        for m in scope.memberships
    )


def _clean_members(level, rows) -> list[dict]:
    """Check each row and the whole composition; rows without a name are left out."""
    errors, members = [], []
    for number, row in enumerate(rows, start=1):
        clean = {name: nfc(row.get(name) or "")[:size] for name, size in TEXT_FIELDS.items()}
        if not clean["name"]:
            continue
        where = _("Row %(row)s (%(name)s)") % {"row": number, "name": clean["name"]}
        role, title, sex = row.get("role"), row.get("title") or MemberTitle.OTHER, row.get("sex")
        if role not in MemberRole.values:
            errors.append(f"{where}: " + _("choose the role in the group."))
        if title not in MemberTitle.values:
            errors.append(f"{where}: " + _("unknown office."))
        if sex not in Sex.values:
            errors.append(f"{where}: " + _("say whether the member is a woman or a man."))
        clean.update(
            role=role,
            title=title,
            sex=sex,
            poor_household=bool(row.get("poor_household")),
            where=where,
        )
        members.append(clean)
    if errors:
        raise ValidationError(errors)
    chairs = [m for m in members if m["role"] == MemberRole.CHAIR]
    secretaries = [m for m in members if m["role"] == MemberRole.SECRETARY]
    others = [m for m in members if m["role"] == MemberRole.MEMBER]
    if level == GroupLevel.COMMUNE:
        if len(chairs) != 1:
            errors.append(
                _(
                    "The commune planning group has exactly one leader: the chairman or the "
                    "vice-chairman in charge of the economy of the commune People's Committee."
                )
            )
        elif chairs[0]["title"] not in CHAIR_TITLES[level]:
            errors.append(
                f"{chairs[0]['where']}: "
                + _(
                    "the leader must be the chairman or the vice-chairman in charge of the "
                    "economy of the commune People's Committee."
                )
            )
        if len(secretaries) != 1:
            errors.append(
                _(
                    "The commune planning group has one secretary (someone who writes and "
                    "summarises well, e.g. the office-statistics officer or the accountant)."
                )
            )
        if not MIN_OTHERS <= len(others) <= MAX_OTHERS:
            errors.append(
                _("The commune planning group has 3 to 5 members besides the leader and the "
                  "secretary; there are %(count)s.") % {"count": len(others)}
            )  # fmt: skip
    else:
        if len(chairs) != 1:
            errors.append(
                _(
                    "The village working group has exactly one leader: the village head or "
                    "the party cell secretary."
                )
            )
        elif chairs[0]["title"] not in CHAIR_TITLES[level]:
            errors.append(
                f"{chairs[0]['where']}: "
                + _("the leader must be the village head or the party cell secretary.")
            )
        others = others + secretaries
        if not MIN_OTHERS <= len(others) <= MAX_OTHERS:
            errors.append(
                _("The village working group has 3 to 5 members besides the leader; there "
                  "are %(count)s.") % {"count": len(others)}
            )  # fmt: skip
        for member in others:
            if not member["organisation"] and not member["poor_household"]:
                errors.append(
                    f"{member['where']}: "
                    + _(
                        "a member represents a mass organisation of the village (write which) "
                        "or the poor households."
                    )
                )
    if errors:
        raise ValidationError(errors)
    return members


def composition_warnings(level, women: int) -> list[str]:
    """What the seed asks but the system does not refuse: women in a village group."""
    if level == GroupLevel.VILLAGE and not women:
        return [
            _("The group has no woman: the guidance asks for at least one or two women members.")
        ]
    return []


@transaction.atomic
def group_set_up(
    *, user, agency, report_year, members, decision_number="", decision_date=None
) -> tuple[WorkingGroup, list[str]]:
    """Set up (or re-form) the agency's planning group for report year X with these members;
    returns the group and the warnings to show. Replaces the whole member list."""
    level = LEVEL_OF_KIND.get(agency.kind)
    if level is None:
        raise ValidationError(_("Only a commune planning group or a village working group has "
                                "members here."))  # fmt: skip
    if not can_set_up(user, agency):
        raise PermissionDenied(
            _("Only the group's leader or planner, or the commune, can set it up.")
        )
    if not 2000 <= int(report_year) <= 2100:
        raise ValidationError({"report_year": _("The report year must be between 2000 and 2100.")})
    clean = _clean_members(level, members)
    group, created = WorkingGroup.objects.select_for_update().get_or_create(
        agency=agency,
        report_year=report_year,
        defaults={"level": level, "unit": agency.unit},
    )
    before = list(group.members.values_list("name", flat=True))
    group.decision_number = nfc(decision_number or "")[:60]
    group.decision_date = decision_date
    group.save()
    group.members.all().delete()
    saved = GroupMember.objects.bulk_create(
        GroupMember(
            group=group,
            order=index,
            **{key: value for key, value in member.items() if key != "where"},
        )
        for index, member in enumerate(clean)
    )
    women = sum(1 for m in saved if m.sex == Sex.FEMALE)
    warnings = composition_warnings(level, women)
    event = record_event(
        actor=user,
        verb="group.formed" if created else "group.updated",
        target=group,
        unit=agency.unit,
        payload={
            "before": before,
            "members": [m.name for m in saved],
            "women": women,
            "warnings": warnings,
        },
    )
    if level == GroupLevel.COMMUNE:
        hooks.on_commune_group_formed(group, event)
    else:
        hooks.on_village_group_formed(group, event)
    return group, warnings
