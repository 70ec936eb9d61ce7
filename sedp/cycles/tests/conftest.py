import pytest

from sedp.cycles.loading import load_all_templates
from sedp.cycles.models import ProcessTemplate


@pytest.fixture
def templates(db):
    load_all_templates()
    return {t.code: t for t in ProcessTemplate.objects.all()}


@pytest.fixture
def seed_template(templates):
    return templates["laocai-1131-3cap"]


@pytest.fixture
def cycle(tree, seed_template):
    from sedp.cycles.services import cycle_open

    cycle, _new = cycle_open(
        user=tree.users.skhdt, template=seed_template, structure=tree.structure, report_year=2026
    )
    return cycle
