"""The assigned-targets page: constant queries, and only the user's own figures."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from sedp.indicators.models import Kind
from sedp.indicators.services import value_set
from sedp.targets.tests.helpers import catalogue

YEAR = 2026


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_my_targets_page_runs_constant_queries_and_shows_only_my_unit(tree, login):
    c = catalogue(tree)
    client = login(tree.users.xa1)
    url = f"/targets/?year={YEAR}"
    client.get(url)
    empty = _count(client, url)
    for key, value in [("households", 340), ("poor", 30), ("growth", 7)]:
        value_set(
            user=tree.users.xa1, unit=tree.commune1, indicator=c[key], report_year=YEAR,
            kind=Kind.PROPOSED, value=value,
        )  # fmt: skip
    value_set(
        user=tree.users.xa3, unit=tree.commune3, indicator=c["households"], report_year=YEAR,
        kind=Kind.PROPOSED, value=999_999,
    )  # fmt: skip
    assert _count(client, url) == empty
    page = client.get(url).content.decode()
    assert "Xã Một A" in page and "340" in page
    assert "999.999" not in page and "Xã Hai A" not in page
