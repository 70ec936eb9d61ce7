"""The cycle and template pages: who may open a cycle, and what every user can read."""

import pytest
from django.urls import reverse

from sedp.cycles.models import PlanCycle, Task


def test_a_provincial_planner_opens_a_cycle_from_the_page(tree, seed_template, login):
    client = login(tree.users.skhdt)
    assert client.get(reverse("cycles-cycle-open")).status_code == 200
    response = client.post(
        reverse("cycles-cycle-open"),
        {"report_year": 2026, "template": seed_template.pk, "structure": tree.structure.pk},
    )
    assert response.status_code == 302
    cycle = PlanCycle.objects.get()
    assert cycle.opened_by == tree.users.skhdt and cycle.plan_year == 2027
    listing = client.get(reverse("cycles-cycle-list"))
    assert "2027" in listing.text and str(Task.objects.count()) in listing.text


@pytest.mark.parametrize("persona", ["tckh1", "xa1", "thon1"])
def test_lower_levels_cannot_open_a_cycle(tree, seed_template, login, persona):
    client = login(getattr(tree.users, persona))
    response = client.post(
        reverse("cycles-cycle-open"),
        {"report_year": 2026, "template": seed_template.pk, "structure": tree.structure.pk},
    )
    assert response.status_code == 403
    assert not PlanCycle.objects.exists()


def test_a_bad_year_is_refused_with_a_vietnamese_message(tree, seed_template, login):
    response = login(tree.users.skhdt).post(
        reverse("cycles-cycle-open"),
        {"report_year": 1990, "template": seed_template.pk, "structure": tree.structure.pk},
    )
    assert response.status_code == 200 and "lớn hơn hoặc bằng với 2015" in response.text
    assert not PlanCycle.objects.exists()


def test_every_user_reads_the_templates_with_their_windows(tree, seed_template, login):
    client = login(tree.users.thon1)
    listing = client.get(reverse("cycles-template-list"))
    assert "laocai-1131-3cap" in listing.text and "laocai-1131-2cap" in listing.text
    detail = client.get(reverse("cycles-template-detail", args=[seed_template.pk]))
    assert "Từ ngày 24/05 đến trước ngày 05/06 năm X" in detail.text
    assert "Hoàn thành trước ngày 24/06 năm X" in detail.text
    assert "Tổ công tác kế hoạch thôn" in detail.text  # responsible kinds by their names
    assert 'name="deadline"' not in detail.text  # a shipped template is not edited in the app
