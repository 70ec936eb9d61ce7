"""Shared test fixtures: one small fixed tree with named personas at every level.

Tree (structure "test-3", three tiers + villages):
    Tỉnh Thử (10)
    ├── Huyện Một (082): Xã Một A (02701) [Thôn A1, Thôn A2], Xã Một B (02702)
    └── Huyện Hai (088): Xã Hai A (03001) [Thôn H1]
Personas: admin, skhdt, snn (agriculture Sở), tckh1, pnn1 (district 1 agriculture office),
xa1 (commune Một A planning group), truong1 (its school), thon1, thon2, xa3 (Xã Hai A),
outsider (no membership).
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from sedp.accounts.models import Membership, Role
from sedp.core.text import unaccent
from sedp.territory.models import (
    AdminLevel,
    AdminUnit,
    Agency,
    AgencyKind,
    Reach,
    Sector,
    SectorGroup,
    TerritoryStructure,
)

PASSWORD = "test-pass-2026"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # MD5 makes the fixtures fast; PBKDF2 still checks passwords made outside a test.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


@pytest.fixture(autouse=True)
def tasks_run_immediately(settings):
    """Background tasks run inside the test, so their effects can be asserted."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def vietnamese():
    """Tests see what users see: the Vietnamese interface."""
    with translation.override("vi"):
        yield


def _unit(structure, level, parent, code, name, unit_type):
    unit = AdminUnit.objects.create(
        structure=structure,
        level=level,
        parent=parent,
        code=code,
        name=name,
        unit_type=unit_type,
        path="",
        depth=parent.depth + 1 if parent else 0,
        name_search=unaccent(name),
    )
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.save(update_fields=["path"])
    return unit


def _sector(code, name, group, parent=None):
    return Sector.objects.create(
        code=code,
        name=name,
        group=group,
        parent=parent,
        path=f"{parent.path if parent else '/'}{code}/",
    )


def _agency(unit, kind, name, sector=None, reach=None):
    from sedp.territory.models import KIND_REACH

    return Agency.objects.create(
        unit=unit,
        kind=kind,
        name=name,
        sector=sector,
        reach=reach or KIND_REACH.get(kind, Reach.OWN),
    )


@pytest.fixture
def tree(db):
    structure = TerritoryStructure.objects.create(code="test-3", name="Tỉnh Thử — 3 cấp")
    levels = {}
    for rank, (code, name, types) in enumerate(
        [
            ("tinh", "Cấp tỉnh", ["tinh"]),
            ("huyen", "Cấp huyện", ["huyen", "thi_xa", "tp_thuoc_tinh"]),
            ("xa", "Cấp xã", ["xa", "phuong", "thi_tran"]),
            ("thon", "Thôn, bản", ["thon", "ban", "to_dan_pho"]),
        ]
    ):
        levels[code] = AdminLevel.objects.create(
            structure=structure, code=code, name=name, rank=rank, unit_types=types
        )
    t = SimpleNamespace(structure=structure, levels=levels)
    t.province = _unit(structure, levels["tinh"], None, "10", "Tỉnh Thử", "tinh")
    t.district1 = _unit(structure, levels["huyen"], t.province, "082", "Huyện Một", "huyen")
    t.district2 = _unit(structure, levels["huyen"], t.province, "088", "Huyện Hai", "huyen")
    t.commune1 = _unit(structure, levels["xa"], t.district1, "02701", "Xã Một A", "xa")
    t.commune2 = _unit(structure, levels["xa"], t.district1, "02702", "Xã Một B", "xa")
    t.commune3 = _unit(structure, levels["xa"], t.district2, "03001", "Xã Hai A", "xa")
    t.village1 = _unit(structure, levels["thon"], t.commune1, "0270101", "Thôn A1", "thon")
    t.village2 = _unit(structure, levels["thon"], t.commune1, "0270102", "Thôn A2", "thon")
    t.village3 = _unit(structure, levels["thon"], t.commune3, "0300101", "Thôn H1", "thon")

    t.agri = _sector("nong-nghiep", "Nông nghiệp", SectorGroup.ECONOMY)
    t.extension = _sector("khuyen-nong", "Khuyến nông", SectorGroup.ECONOMY, t.agri)
    t.education = _sector("giao-duc", "Giáo dục", SectorGroup.CULTURE_SOCIETY)

    K = AgencyKind
    t.ubnd_province = _agency(t.province, K.PEOPLES_COMMITTEE, "UBND tỉnh Thử")
    t.skhdt = _agency(t.province, K.PLANNING_DEPARTMENT, "Sở Kế hoạch và Đầu tư")
    t.snn = _agency(t.province, K.SECTOR_DEPARTMENT, "Sở Nông nghiệp", t.agri)
    t.sgd = _agency(t.province, K.SECTOR_DEPARTMENT, "Sở Giáo dục", t.education)
    t.tckh1 = _agency(t.district1, K.FINANCE_PLANNING_OFFICE, "Phòng TCKH huyện Một")
    t.pnn1 = _agency(t.district1, K.DISTRICT_SECTOR_OFFICE, "Phòng NN huyện Một", t.agri)
    t.extension1 = _agency(
        t.district1, K.PUBLIC_SERVICE_UNIT, "Trạm Khuyến nông huyện Một", t.extension
    )
    t.tckh2 = _agency(t.district2, K.FINANCE_PLANNING_OFFICE, "Phòng TCKH huyện Hai")
    t.pnn2 = _agency(t.district2, K.DISTRICT_SECTOR_OFFICE, "Phòng NN huyện Hai", t.agri)
    t.group1 = _agency(t.commune1, K.COMMUNE_PLANNING_GROUP, "Tổ công tác KH xã Một A")
    t.school1 = _agency(t.commune1, K.SCHOOL, "Trường TH xã Một A", t.education)
    t.coop1 = _agency(t.commune1, K.COOPERATIVE, "HTX nông nghiệp Một A", t.agri)
    t.group2 = _agency(t.commune2, K.COMMUNE_PLANNING_GROUP, "Tổ công tác KH xã Một B")
    t.group3 = _agency(t.commune3, K.COMMUNE_PLANNING_GROUP, "Tổ công tác KH xã Hai A")
    t.vgroup1 = _agency(t.village1, K.VILLAGE_WORKING_GROUP, "Tổ công tác thôn A1")
    t.vgroup2 = _agency(t.village2, K.VILLAGE_WORKING_GROUP, "Tổ công tác thôn A2")
    t.vgroup3 = _agency(t.village3, K.VILLAGE_WORKING_GROUP, "Tổ công tác thôn H1")

    User = get_user_model()

    def person(username, agency=None, role=Role.PLANNER, **extra):
        user = User.objects.create_user(
            username=username, password=PASSWORD, first_name=username.title(), **extra
        )
        if agency is not None:
            Membership.objects.create(user=user, agency=agency, role=role)
        return user

    t.admin = person("admin", is_superuser=True, is_staff=True)
    t.users = SimpleNamespace(
        skhdt=person("skhdt", t.skhdt),
        snn=person("snn", t.snn),
        tckh1=person("tckh1", t.tckh1),
        pnn1=person("pnn1", t.pnn1),
        xa1=person("xa1", t.group1, Role.LEADER),
        truong1=person("truong1", t.school1),
        thon1=person("thon1", t.vgroup1, Role.LEADER),
        thon2=person("thon2", t.vgroup2, Role.LEADER),
        xa3=person("xa3", t.group3),
        viewer1=person("viewer1", t.group1, Role.VIEWER),
        outsider=person("outsider"),
    )
    return t


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
