"""Fixtures of the documents and step-1 tests: the commune People's Committee of Xã Một A
(with its leader), and the planning cycle of report year 2026 opened on the test tree."""

import pytest

from conftest import _agency
from sedp.accounts.models import Membership, Role
from sedp.cycles.tests.conftest import cycle, seed_template, templates  # noqa: F401
from sedp.territory.models import AgencyKind


@pytest.fixture
def commune_ubnd(tree):
    """UBND xã Một A and its chairman (login "ubndxa1"), created before any cycle opens."""
    from django.contrib.auth import get_user_model

    from conftest import PASSWORD

    ubnd = _agency(tree.commune1, AgencyKind.PEOPLES_COMMITTEE, "UBND xã Một A")
    tree.ubnd_commune1 = ubnd
    tree.ubnd_district1 = _agency(tree.district1, AgencyKind.PEOPLES_COMMITTEE, "UBND huyện Một")
    user = get_user_model().objects.create_user(username="ubndxa1", password=PASSWORD)
    Membership.objects.create(user=user, agency=ubnd, role=Role.LEADER)
    tree.users.ubndxa1 = user
    user = get_user_model().objects.create_user(username="ubndh1", password=PASSWORD)
    Membership.objects.create(user=user, agency=tree.ubnd_district1, role=Role.LEADER)
    tree.users.ubndh1 = user
    return ubnd
