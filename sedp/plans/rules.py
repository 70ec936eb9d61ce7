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
}

# Each child kind: the kind of plan that consolidates it, and the agency kind reviewing it.
PARENT_KIND = {
    PlanKind.VILLAGE_PROPOSAL: PlanKind.COMMUNE_PLAN,
    PlanKind.AGENCY_INPUT: PlanKind.COMMUNE_PLAN,
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
}


def kinds_authored_by(agency) -> list:
    return [kind for kind, kinds in AUTHOR_KINDS.items() if agency.kind in kinds]


def review_unit(plan):
    """The unit whose body reviews (and consolidates) the plan: a village's commune, the
    agency's own commune for an agency input, the level above for a commune plan."""
    if plan.kind in {PlanKind.VILLAGE_PROPOSAL, PlanKind.COMMUNE_PLAN}:
        return plan.unit.parent
    return plan.unit


def can_edit(scope, plan) -> bool:
    return scope.is_admin or scope.role_in(plan.agency) in EDITING_ROLES


def can_review(scope, plan) -> bool:
    """An editor of the reviewing group (reach: territory) at the plan's review unit."""
    if scope.is_admin:
        return True
    kinds = REVIEWER_KINDS.get(plan.kind, [])
    unit = review_unit(plan)
    return any(
        m.role in EDITING_ROLES
        and m.agency.kind in kinds
        and m.agency.reach == Reach.TERRITORY
        and unit is not None
        and m.agency.unit_id == unit.pk
        for m in scope.memberships
    )
