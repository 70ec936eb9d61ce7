"""The two crossing trees: territory (AdminUnit) and sectors, plus the agencies on them.

Levels are data (AdminLevel rows of a TerritoryStructure), never tree depth: the
seed's three-tier Lào Cai and the two-tier Lào Cai of 1/7/2025 are two structures
side by side, and a unit code is only unique within its structure.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class UnitType(models.TextChoices):
    PROVINCE = "tinh", _("Province")
    CENTRAL_CITY = "tp_tw", _("Centrally-run city")
    RURAL_DISTRICT = "huyen", _("Rural district")
    URBAN_DISTRICT = "quan", _("Urban district")
    DISTRICT_TOWN = "thi_xa", _("District-level town")
    PROVINCIAL_CITY = "tp_thuoc_tinh", _("Provincial city")
    COMMUNE = "xa", _("Commune")
    WARD = "phuong", _("Ward")
    TOWNSHIP = "thi_tran", _("Township")
    SPECIAL_ZONE = "dac_khu", _("Special zone")
    VILLAGE = "thon", _("Village")
    HAMLET = "ban", _("Hamlet")
    RESIDENTIAL_GROUP = "to_dan_pho", _("Residential group")


class TerritoryStructure(models.Model):
    """One organisation of a province's territory in time (e.g. 3 tiers until 30/6/2025)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["-valid_from", "code"]
        verbose_name = _("territory structure")
        verbose_name_plural = _("territory structures")

    def __str__(self):
        return self.name


class AdminLevel(models.Model):
    """A named level of a structure (cấp tỉnh, cấp huyện, cấp xã, thôn) and its unit types."""

    structure = models.ForeignKey(
        TerritoryStructure, on_delete=models.CASCADE, related_name="levels"
    )
    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("0 is the top level"))
    unit_types = models.JSONField(_("unit types"), default=list)

    class Meta:
        ordering = ["structure", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["structure", "code"], name="level_code_unique"),
            models.UniqueConstraint(fields=["structure", "rank"], name="level_rank_unique"),
        ]
        verbose_name = _("administrative level")
        verbose_name_plural = _("administrative levels")

    def __str__(self):
        return self.name

    @property
    def unit_type_labels(self) -> list[str]:
        return [str(UnitType(t).label) for t in self.unit_types if t in UnitType.values]

    @property
    def is_commune_level(self) -> bool:
        """The commune level of its structure (levels are data: the one holding xã)."""
        return "xa" in self.unit_types


class AdminUnitQuerySet(models.QuerySet):
    def subtree_of(self, unit, include_self=True):
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)

    def in_force_on(self, day):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class AdminUnit(models.Model):
    """A province, district, commune or village. `path` is the materialized path of ids."""

    structure = models.ForeignKey(
        TerritoryStructure, on_delete=models.PROTECT, related_name="units"
    )
    level = models.ForeignKey(AdminLevel, on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.CharField(_("official code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    unit_type = models.CharField(_("unit type"), max_length=20, choices=UnitType.choices)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    # "/12/340/5678/": ancestors' ids then own id; subtree = path__startswith.
    path = models.CharField(max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    name_search = models.CharField(max_length=200, editable=False, db_index=True)

    objects = AdminUnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        constraints = [
            # Codes were reused in 2025: a code is a key only within one structure.
            models.UniqueConstraint(fields=["structure", "code"], name="unit_code_unique"),
        ]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")

    def __str__(self):
        return self.name

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]

    def ancestors(self):
        return AdminUnit.objects.filter(pk__in=self.ancestor_ids()).order_by("depth")


class SectorGroup(models.TextChoices):
    ECONOMY = "kinh_te", _("Economy")
    CULTURE_SOCIETY = "van_hoa_xa_hoi", _("Culture and society")
    ENVIRONMENT = "moi_truong", _("Environment")
    GOVERNANCE = "to_chuc_chinh_quyen", _("Government and mass organisations")


class Sector(models.Model):
    """A sector (ngành) or sub-sector (tiểu ngành); a sub-sector belongs to its parent's group."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    group = models.CharField(_("sector group"), max_length=30, choices=SectorGroup.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent sector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["path"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self):
        return self.name


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "ubnd", _("People's Committee")
    PEOPLES_COUNCIL = "hdnd", _("People's Council")
    PARTY_COMMITTEE = "dang_uy", _("Party committee")
    PLANNING_DEPARTMENT = "so_khdt", _("Department of Planning and Investment")
    FINANCE_DEPARTMENT = "so_tc", _("Department of Finance")
    SECTOR_DEPARTMENT = "so_nganh", _("Sector department")
    STATISTICS_OFFICE = "thong_ke", _("Statistics office")
    FINANCE_PLANNING_OFFICE = "phong_tckh", _("Finance and planning office")
    DISTRICT_SECTOR_OFFICE = "phong_nganh", _("District sector office")
    PUBLIC_SERVICE_UNIT = "don_vi_su_nghiep", _("Public service unit")
    COMMUNE_SPECIALIST = "bo_phan_chuyen_mon", _("Commune specialist staff")
    MASS_ORGANISATION = "doan_the", _("Mass organisation")
    SCHOOL = "truong_hoc", _("School")
    HEALTH_STATION = "tram_y_te", _("Health station")
    ENTERPRISE = "doanh_nghiep", _("Enterprise")
    COOPERATIVE = "hop_tac_xa", _("Cooperative")
    PROJECT_BOARD = "ban_quan_ly_du_an", _("Project management board")
    COMMUNE_PLANNING_GROUP = "to_cong_tac_xa", _("Commune planning group")
    VILLAGE_WORKING_GROUP = "to_cong_tac_thon", _("Village working group")


class Reach(models.TextChoices):
    """How far an agency's view extends; the scoping module reads this, nothing else."""

    OWN = "own", _("Own agency only")
    SECTOR_LINE = "sector_line", _("Its sector within its unit's subtree")
    TERRITORY = "territory", _("Everything in its unit's subtree")


# The default reach of each kind, following the seed: bodies that consolidate a
# territory (UBND, HĐND, party committee, Sở KHĐT/Sở TC, phòng TCKH, the commune
# planning group, statistics) see their subtree; sector bodies see their sector line.
KIND_REACH = {
    AgencyKind.PEOPLES_COMMITTEE: Reach.TERRITORY,
    AgencyKind.PEOPLES_COUNCIL: Reach.TERRITORY,
    AgencyKind.PARTY_COMMITTEE: Reach.TERRITORY,
    AgencyKind.PLANNING_DEPARTMENT: Reach.TERRITORY,
    AgencyKind.FINANCE_DEPARTMENT: Reach.TERRITORY,
    AgencyKind.STATISTICS_OFFICE: Reach.TERRITORY,
    AgencyKind.FINANCE_PLANNING_OFFICE: Reach.TERRITORY,
    AgencyKind.COMMUNE_PLANNING_GROUP: Reach.TERRITORY,
    AgencyKind.SECTOR_DEPARTMENT: Reach.SECTOR_LINE,
    AgencyKind.DISTRICT_SECTOR_OFFICE: Reach.SECTOR_LINE,
}


def kind_display_order():
    """An ORDER BY expression listing agencies as officials do: UBND, HĐND, party, then the rest."""
    return models.Case(
        *(
            models.When(kind=kind, then=models.Value(index))
            for index, kind in enumerate(AgencyKind.values)
        ),
        output_field=models.IntegerField(),
    )


class Agency(models.Model):
    """An organisation at a unit, optionally in a sector. Users act through memberships."""

    unit = models.ForeignKey(
        AdminUnit,
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=AgencyKind.choices)
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    reach = models.CharField(_("reach"), max_length=20, choices=Reach.choices)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["unit__path", "kind", "name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self):
        return self.name
