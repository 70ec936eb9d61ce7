"""A generated national-scale territory: provinces → districts → communes → villages, with the
agencies the process template names at each level. Ids and paths are computed here, so every
level is one bulk INSERT (a few seconds for ~70,000 villages)."""

from django.db import connection

from sedp.core.text import unaccent
from sedp.territory.models import (
    KIND_REACH,
    AdminLevel,
    AdminUnit,
    Agency,
    AgencyKind,
    Reach,
    Sector,
    SectorGroup,
    TerritoryStructure,
)

K = AgencyKind
PROVINCE_KINDS = (
    [K.PEOPLES_COMMITTEE, K.PEOPLES_COUNCIL, K.PLANNING_DEPARTMENT, K.FINANCE_DEPARTMENT]
    + [K.SECTOR_DEPARTMENT] * 10
    + [K.PUBLIC_SERVICE_UNIT] * 2
)
DISTRICT_KINDS = [K.PEOPLES_COMMITTEE, K.PEOPLES_COUNCIL, K.FINANCE_PLANNING_OFFICE] + [
    K.DISTRICT_SECTOR_OFFICE
] * 6
COMMUNE_KINDS = [
    K.PEOPLES_COMMITTEE,
    K.PEOPLES_COUNCIL,
    K.COMMUNE_PLANNING_GROUP,
    K.COMMUNE_SPECIALIST,
    K.COMMUNE_SPECIALIST,
    K.SCHOOL,
    K.HEALTH_STATION,
    K.MASS_ORGANISATION,
]
VILLAGE_KINDS = [K.VILLAGE_WORKING_GROUP]
KINDS = {
    "tinh": PROVINCE_KINDS,
    "huyen": DISTRICT_KINDS,
    "xa": COMMUNE_KINDS,
    "thon": VILLAGE_KINDS,
}
TYPES = {"tinh": "tinh", "huyen": "huyen", "xa": "xa", "thon": "thon"}
NAMES = {"tinh": "Tỉnh", "huyen": "Huyện", "xa": "Xã", "thon": "Thôn"}


def _next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def build(*, provinces=63, districts=11, communes=15, villages=7, code="national") -> dict:
    structure = TerritoryStructure.objects.create(code=code, name="Cả nước (sinh dữ liệu)")
    levels = {}
    for rank, level in enumerate(["tinh", "huyen", "xa", "thon"]):
        levels[level] = AdminLevel.objects.create(
            structure=structure, code=level, name=NAMES[level], rank=rank, unit_types=[TYPES[level]]
        )
    sector = Sector.objects.get_or_create(
        code="bench-sector",
        defaults={"name": "Ngành thử", "group": SectorGroup.ECONOMY, "path": "/bench-sector/"},
    )[0]
    fan_out = {"tinh": provinces, "huyen": districts, "xa": communes, "thon": villages}
    next_unit, next_agency = _next_id(AdminUnit), _next_id(Agency)
    parents = [None]
    counts = {}
    for depth, level in enumerate(["tinh", "huyen", "xa", "thon"]):
        units = []
        for parent in parents:
            for _n in range(fan_out[level]):
                pk = next_unit
                next_unit += 1
                name = f"{NAMES[level]} {pk}"
                units.append(
                    AdminUnit(
                        pk=pk,
                        structure=structure,
                        level=levels[level],
                        parent_id=parent.pk if parent else None,
                        code=str(pk),
                        name=name,
                        unit_type=TYPES[level],
                        path=f"{parent.path if parent else '/'}{pk}/",
                        depth=depth,
                        name_search=unaccent(name),
                    )
                )
        AdminUnit.objects.bulk_create(units, batch_size=5000)
        agencies = []
        for unit in units:
            for kind in KINDS[level]:
                agencies.append(
                    Agency(
                        pk=next_agency,
                        unit=unit,
                        kind=kind,
                        name=f"{kind} {unit.name}",
                        sector=sector
                        if kind in (K.SECTOR_DEPARTMENT, K.DISTRICT_SECTOR_OFFICE)
                        else None,
                        reach=KIND_REACH.get(kind, Reach.OWN),
                    )
                )
                next_agency += 1
        Agency.objects.bulk_create(agencies, batch_size=5000)
        counts[level] = len(units)
        parents = units
    _reset_sequences()
    return {"structure": structure, "counts": counts}


def _reset_sequences():
    """Explicit ids leave PostgreSQL's sequences behind; move them past the new rows."""
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [AdminUnit, Agency]):
            cursor.execute(sql)
