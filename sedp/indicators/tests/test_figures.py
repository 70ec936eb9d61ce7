"""The maintained roll-up figures equal the reference scan after any sequence of changes."""

import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sedp.indicators import figures, services, spreadsheet
from sedp.indicators.models import IndicatorFigure, Kind
from sedp.indicators.rollup import rollup, rollup_scan
from sedp.indicators.selectors import catalogue as load_catalogue

from .conftest import YEAR

# Inputs of every rule: SUM, RATIO, WAVG and its weight, COUNT conditions (communes, villages),
# NONE, DERIVED (grdp, dan-so), and one not planned by villages (khach-du-lich).
CODES = {
    "ho-dan": (50, 200),
    "ho-ngheo": (0, 50),
    "dien-tich-lua": (1, 40),
    "nang-suat-lua": (30, 70),
    "tieu-chi-ntm": (14, 19),
    "thon-dat-ntm": (0, 1),
    "tang-truong-gtsx": (1, 12),
    "khach-du-lich": (0, 900),
    "dan-so": (100, 900),
    "grdp": (1, 30),
}
KINDS = [Kind.PROPOSED, Kind.ESTIMATE]


def _near(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(Decimal(a) - Decimal(b)) < Decimal("0.000001")


def assert_same_as_scan(unit):
    indicators = list(load_catalogue())
    maintained = rollup(unit=unit, report_year=YEAR, indicators=indicators)
    scanned = rollup_scan(unit=unit, report_year=YEAR, indicators=indicators)
    assert maintained.keys() == scanned.keys()
    for key, reference in scanned.items():
        got = maintained[key]
        where = (unit.name, key)
        assert _near(got.value, reference.value), where
        assert got.contributors == reference.contributors, where
        assert got.expected == reference.expected and got.missing == reference.missing, where
        assert got.by_child.keys() == reference.by_child.keys(), where
        assert all(_near(got.by_child[c], v) for c, v in reference.by_child.items()), where
    # A page shows one kind and asks for it alone: the same figures, fewer rows read.
    for kind in KINDS:
        one_kind = rollup(unit=unit, report_year=YEAR, indicators=indicators, kinds=[kind])
        assert set(one_kind) == {k for k in scanned if k[1] == kind}
        for key, got in one_kind.items():
            assert _near(got.value, scanned[key].value), (unit.name, key)
            assert got.contributors == scanned[key].contributors, (unit.name, key)


def _every_unit(tree):
    return [tree.province, tree.district1, tree.district2, tree.commune1, tree.commune2,
            tree.commune3]  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_figures_equal_the_scan_after_random_creates_updates_and_deletes(tree, catalogue, seed):
    rng = random.Random(seed)
    # Villages and communes mostly; districts too, so that own values appear and disappear
    # in the middle of the tree and shadow their subtree.
    writers = [tree.village1, tree.village2, tree.village3, tree.commune1, tree.commune2,
               tree.commune3, tree.district1]  # fmt: skip
    for _step in range(40):
        unit, code, kind = rng.choice(writers), rng.choice(list(CODES)), rng.choice(KINDS)
        low, high = CODES[code]
        value = "" if rng.random() < 0.3 else str(rng.randint(low, high))
        try:
            services.value_set(
                user=None, unit=unit, indicator=catalogue[code], report_year=YEAR, kind=kind,
                value=value,
            )  # fmt: skip
        except ValidationError:
            continue  # e.g. more poor households than households: nothing saved
        for rolled_unit in _every_unit(tree):
            assert_same_as_scan(rolled_unit)


def test_the_poverty_trap_through_maintained_figures(tree, catalogue):
    def enter(unit, code, value):
        services.value_set(user=None, unit=unit, indicator=catalogue[code], report_year=YEAR,
                           kind=Kind.PROPOSED, value=value)  # fmt: skip

    enter(tree.village1, "ho-dan", "100")
    enter(tree.village1, "ho-ngheo", "10")
    enter(tree.village2, "ho-dan", "10")
    enter(tree.village2, "ho-ngheo", "5")
    for unit in (tree.commune1, tree.district1, tree.province):
        rolled = rollup(unit=unit, report_year=YEAR, indicators=list(load_catalogue()))
        assert round(rolled[(catalogue["ty-le-ho-ngheo"].pk, Kind.PROPOSED)].value, 2) == Decimal(
            "13.64"
        )
    enter(tree.commune1, "ho-ngheo", "")  # nothing to clear: unchanged
    enter(tree.village2, "ho-ngheo", "")  # cleared: village 2 no longer reports both parts
    rolled = rollup(unit=tree.commune1, report_year=YEAR, indicators=list(load_catalogue()))
    assert rolled[(catalogue["ty-le-ho-ngheo"].pk, Kind.PROPOSED)].value == 10
    assert_same_as_scan(tree.district1)


def _snapshot():
    return {
        (f.unit_id, f.indicator_id, f.kind): (f.total, f.reports, f.vw, f.sw)
        for f in IndicatorFigure.objects.all()
    }


def test_a_full_rebuild_gives_the_figures_kept_by_each_change(tree, catalogue, put):
    rng = random.Random(7)
    for unit in (tree.village1, tree.village2, tree.village3, tree.commune2):
        for code, (low, high) in CODES.items():
            put(unit, code, rng.randint(low, high), rng.choice(KINDS))
    put(tree.commune1, "ho-dan", 999)
    kept = _snapshot()
    assert kept
    IndicatorFigure.objects.all().delete()
    figures.rebuild(YEAR)
    rebuilt = _snapshot()
    assert rebuilt.keys() == kept.keys()
    assert all(all(_near(a, b) for a, b in zip(rebuilt[k], kept[k], strict=True)) for k in kept)


def test_a_spreadsheet_import_updates_the_ancestors_figures(tree, catalogue, put):
    from .test_spreadsheet import _cell_of, _content, _workbook

    put(tree.village2, "ho-dan", 10)
    book = _workbook(tree)
    _cell_of(book.active, "ho-dan", Kind.PROPOSED).value = 125
    spreadsheet.import_grid(
        user=tree.admin, unit=tree.village1, report_year=YEAR, content=_content(book)
    )
    rolled = rollup(unit=tree.province, report_year=YEAR, indicators=list(load_catalogue()))
    assert rolled[(catalogue["ho-dan"].pk, Kind.PROPOSED)].value == 135
    assert_same_as_scan(tree.district1)


def test_changing_where_an_indicator_applies_recomputes_the_figures(tree, catalogue, put):
    put(tree.village1, "khach-du-lich", 999)
    put(tree.commune2, "khach-du-lich", 100)
    services.indicator_update(
        user=tree.admin,
        indicator=catalogue["khach-du-lich"],
        unit_types=[*catalogue["khach-du-lich"].unit_types, "thon"],
    )
    rolled = rollup(unit=tree.district1, report_year=YEAR, indicators=list(load_catalogue()))
    assert rolled[(catalogue["khach-du-lich"].pk, Kind.PROPOSED)].value == 1099
    assert_same_as_scan(tree.district1)


def test_moving_a_village_to_another_commune_moves_its_figures(tree, catalogue, put):
    from sedp.territory import services as territory

    put(tree.village1, "ho-dan", 100)
    put(tree.village2, "ho-dan", 10)
    put(tree.village3, "ho-dan", 7)
    territory.unit_update(user=tree.admin, unit=tree.village3, parent=tree.commune2)
    rolled = rollup(unit=tree.district1, report_year=YEAR, indicators=list(load_catalogue()))
    assert rolled[(catalogue["ho-dan"].pk, Kind.PROPOSED)].value == 117
    for unit in _every_unit(tree):
        unit.refresh_from_db()
        assert_same_as_scan(unit)


def test_moving_a_commune_refreshes_only_the_two_chains_of_ancestors(
    tree, catalogue, put, monkeypatch
):
    from sedp.territory import services as territory

    put(tree.village1, "ho-dan", 100)
    put(tree.village3, "ho-dan", 7)
    refreshed = []
    original = figures.refresh
    monkeypatch.setattr(
        figures, "refresh", lambda unit, year: refreshed.append(unit.pk) or original(unit, year)
    )
    monkeypatch.setattr(figures, "rebuild", lambda *a, **k: pytest.fail("full rebuild"))
    territory.unit_update(user=tree.admin, unit=tree.commune1, parent=tree.district2)
    assert sorted(refreshed) == sorted([tree.district1.pk, tree.commune1.pk])
    for unit in _every_unit(tree):
        unit.refresh_from_db()
        assert_same_as_scan(unit)


def test_a_rule_change_rebuilds_the_figures_in_the_worker_not_in_the_request(
    transactional_db, tree, catalogue, put, settings, login
):
    # transactional_db: the worker closes its database connection between tasks, which a
    # test wrapped in one transaction could not survive on PostgreSQL.
    from django.core.management import call_command
    from django.urls import reverse

    from sedp.indicators.tasks import rebuild_pending

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    put(tree.village1, "khach-du-lich", 999)
    put(tree.commune2, "khach-du-lich", 100)
    services.indicator_update(
        user=tree.admin,
        indicator=catalogue["khach-du-lich"],
        unit_types=[*catalogue["khach-du-lich"].unit_types, "thon"],
    )
    key = (catalogue["khach-du-lich"].pk, Kind.PROPOSED)
    stale = rollup(unit=tree.district1, report_year=YEAR, indicators=list(load_catalogue()))
    assert stale[key].value == 100 and rebuild_pending()
    url = reverse("indicators-rollup-detail", args=[tree.district1.pk])
    page = login(tree.users.tckh1).get(url)
    assert "đang được tính lại" in page.content.decode()
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert not rebuild_pending()
    rolled = rollup(unit=tree.district1, report_year=YEAR, indicators=list(load_catalogue()))
    assert rolled[key].value == 1099
    assert_same_as_scan(tree.district1)
