"""Who writes which plan, who reviews it, and where its parent plan sits.

Kept as data so that district and province plans add rows, not code paths.
"""

from sedp.accounts.models import EDITING_ROLES
from sedp.plans.models import PlanKind
from sedp.territory.models import AgencyKind, Reach

K = AgencyKind

# The agency kinds that author each kind of plan (seed, commune step 2).
AUTHOR_KINDS = {
    PlanKind.VILLAGE_PROPOSAL: {K.VILLAGE_WORKING_GROUP},
    PlanKind.AGENCY_INPUT: {
        K.COMMUNE_SPECIALIST,
        K.MASS_ORGANISATION,
        K.SCHOOL,
        K.HEALTH_STATION,
        K.ENTERPRISE,
        K.COOPERATIVE,
        K.PROJECT_BOARD,
        K.PUBLIC_SERVICE_UNIT,
    },
    PlanKind.COMMUNE_PLAN: {K.COMMUNE_PLANNING_GROUP},
    # District step 1: district offices, sub-sector units and mass organisations fill the
    # sector orientation form; phòng TCKH drafts the directional plan (step 2).
    PlanKind.SECTOR_ORIENTATION: {
        K.DISTRICT_SECTOR_OFFICE,
        K.PUBLIC_SERVICE_UNIT,
        K.MASS_ORGANISATION,
    },
    PlanKind.DISTRICT_ORIENTATION: {K.FINANCE_PLANNING_OFFICE},
    # District and province (seed, district step 4-5, province step 2-5).
    PlanKind.DISTRICT_SECTOR_PLAN: {K.DISTRICT_SECTOR_OFFICE},
    PlanKind.DISTRICT_PLAN: {K.FINANCE_PLANNING_OFFICE},
    PlanKind.PROVINCE_SECTOR_PLAN: {K.SECTOR_DEPARTMENT},
    # Sở KHĐT; in the two-tier structure its successor, the Sở Tài chính.
    PlanKind.PROVINCE_PLAN: {K.PLANNING_DEPARTMENT, K.FINANCE_DEPARTMENT},
}
# Kinds written only at one level (AdminLevel code of the process templates).
AUTHOR_LEVELS = {
    PlanKind.SECTOR_ORIENTATION: "huyen",
    PlanKind.DISTRICT_ORIENTATION: "huyen",
}

# Kinds submitted with their text rather than activities: these sections must be written.
SECTIONS_REQUIRED = {PlanKind.SECTOR_ORIENTATION: ("problems", "objectives")}
# Kinds returned with a fixed time to resubmit (seed, district step 2: "chậm nhất sau 3 ngày").
RESUBMIT_DAYS = {PlanKind.SECTOR_ORIENTATION: 3}

# Each child kind: the kind of plan that consolidates it, and the agency kind reviewing it.
PARENT_KIND = {
    PlanKind.VILLAGE_PROPOSAL: PlanKind.COMMUNE_PLAN,
    PlanKind.AGENCY_INPUT: PlanKind.COMMUNE_PLAN,
    # An office's form goes into the directional plan; a sub-sector unit's form into its
    # office's form first (see orientation_reviewer and services.parent_plan_of).
    PlanKind.SECTOR_ORIENTATION: PlanKind.DISTRICT_ORIENTATION,
    PlanKind.DISTRICT_SECTOR_PLAN: PlanKind.DISTRICT_PLAN,
    PlanKind.DISTRICT_PLAN: PlanKind.PROVINCE_PLAN,
    PlanKind.PROVINCE_SECTOR_PLAN: PlanKind.PROVINCE_PLAN,
}
# The commune's draft goes up to the district's finance-planning office (seed, commune step
# 5), or in the two-tier template straight to the province's finance/planning department.
# Lists, in order of preference: the plan is sent to the first such body found there.
REVIEWER_KINDS = {
    PlanKind.VILLAGE_PROPOSAL: [K.COMMUNE_PLANNING_GROUP],
    PlanKind.AGENCY_INPUT: [K.COMMUNE_PLANNING_GROUP],
    PlanKind.COMMUNE_PLAN: [
        K.FINANCE_PLANNING_OFFICE,
        K.PLANNING_DEPARTMENT,
        K.FINANCE_DEPARTMENT,
    ],
    # A district sector office's plan goes to phòng TCKH of its own district; the district
    # plan to Sở KHĐT (Sở TC); a Sở's sector plan to Sở KHĐT; the provincial draft to the
    # provincial People's Committee, which approves it.
    PlanKind.DISTRICT_SECTOR_PLAN: [K.FINANCE_PLANNING_OFFICE],
    PlanKind.DISTRICT_PLAN: [K.PLANNING_DEPARTMENT, K.FINANCE_DEPARTMENT],
    PlanKind.PROVINCE_SECTOR_PLAN: [K.PLANNING_DEPARTMENT, K.FINANCE_DEPARTMENT],
    PlanKind.PROVINCE_PLAN: [K.PEOPLES_COMMITTEE],
}

# An agency with a sector (a Sở's public service unit) has its input appraised by the
# department of its sector at its own unit (seed, province step 2: "phòng KH của Sở").
SECTOR_REVIEWER_KINDS = {PlanKind.AGENCY_INPUT: {K.SECTOR_DEPARTMENT}}

# Checks other apps add before a plan may be submitted or accepted:
# (action, plan kind) -> [function(plan) raising ValidationError]. Filled by sedp.upper.
PRECONDITIONS = {}


def check_preconditions(action, plan) -> None:
    for check in PRECONDITIONS.get((action, plan.kind), ()):
        check(plan)


def kinds_authored_by(agency) -> list:
    return [
        kind
        for kind, kinds in AUTHOR_KINDS.items()
        if agency.kind in kinds
        and AUTHOR_LEVELS.get(kind, agency.unit.level.code) == agency.unit.level.code
    ]


def orientation_reviewer(plan):
    """Who checks a sector orientation form (seed, district step 1–2): a sub-sector unit's
    form goes to the district office of its parent sector (the agriculture office gathers
    extension, forestry, veterinary…); an office's form, or one with no such office, goes
    to the district's phòng TCKH. None when the district has neither."""
    from sedp.territory.models import Agency

    candidates = Agency.objects.filter(unit_id=plan.unit_id, is_active=True).select_related(
        "sector"
    )
    return pick_orientation_reviewer(plan.agency, candidates)


def pick_orientation_reviewer(agency, candidates):
    """orientation_reviewer among `candidates` (the active agencies of the form's unit)."""
    others = [c for c in candidates if c.pk != agency.pk]
    if agency.kind != K.DISTRICT_SECTOR_OFFICE and agency.sector_id:
        offices = [
            c
            for c in others
            if c.kind == K.DISTRICT_SECTOR_OFFICE
            and c.sector_id
            and agency.sector.path.startswith(c.sector.path)
        ]
        if offices:
            return max(offices, key=lambda office: len(office.sector.path))
    planning = [c for c in others if c.kind == K.FINANCE_PLANNING_OFFICE]
    return min(planning, key=lambda c: c.pk) if planning else None


def review_unit(plan):
    """The unit whose body reviews (and consolidates) the plan: a village's commune, the
    agency's own commune for an agency input, the level above for a commune plan."""
    if plan.kind in {PlanKind.VILLAGE_PROPOSAL, PlanKind.COMMUNE_PLAN, PlanKind.DISTRICT_PLAN}:
        return plan.unit.parent
    return plan.unit


def can_edit(scope, plan) -> bool:
    return scope.is_admin or scope.role_in(plan.agency) in EDITING_ROLES


def can_review(scope, plan) -> bool:
    """An editor of the reviewing group (reach: territory) at the plan's review unit."""
    if scope.is_admin:
        return True
    if plan.kind == PlanKind.SECTOR_ORIENTATION:
        reviewer = orientation_reviewer(plan)
        return reviewer is not None and scope.role_in(reviewer) in EDITING_ROLES
    kinds = REVIEWER_KINDS.get(plan.kind, [])
    unit = review_unit(plan)
    if _sector_reviewer(scope, plan, unit):
        return True
    return any(
        m.role in EDITING_ROLES
        and m.agency.kind in kinds
        and m.agency.reach == Reach.TERRITORY
        and unit is not None
        and m.agency.unit_id == unit.pk
        for m in scope.memberships
    )


def _sector_reviewer(scope, plan, unit) -> bool:
    """An editor of the department of the plan agency's sector (or a parent sector) at the
    review unit: a Sở appraises the plans of its own units."""
    kinds = SECTOR_REVIEWER_KINDS.get(plan.kind)
    sector = plan.agency.sector if kinds else None
    if sector is None or unit is None:
        return False
    return any(
        m.role in EDITING_ROLES
        and m.agency.kind in kinds
        and m.agency.unit_id == unit.pk
        and m.agency.sector_id
        and sector.path.startswith(m.agency.sector.path)
        for m in scope.memberships
    )
