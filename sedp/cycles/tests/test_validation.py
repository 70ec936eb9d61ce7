"""The validator finds the seed's own inconsistencies."""

from django.core.management import call_command

from sedp.cycles.models import Activity
from sedp.cycles.validation import validate_template


def _checks(findings):
    return {(f.check, tuple(f.activities)) for f in findings}


def test_the_validator_finds_that_the_district_expects_the_commune_framework_before_it_is_done(
    seed_template,
):
    checks = _checks(validate_template(seed_template))
    assert ("dependency_after_dependent", ("H4.2", "X5.2")) in checks


def test_the_validator_finds_deadlines_outside_their_steps_window(seed_template):
    checks = _checks(validate_template(seed_template))
    assert ("deadline_outside_window", ("X5.2",)) in checks  # 24/06 in a step ending 23/06
    assert ("deadline_outside_window", ("X1.3",)) in checks  # 08/05 in the first week of May
    assert not any(c == "deadline_outside_window" and a[0].startswith("T") for c, a in checks)


def test_the_validator_reports_an_input_nobody_produces(seed_template):
    activity = Activity.objects.get(template=seed_template, code="T4.2")
    activity.ios.filter(code="huyen.plan_draft2").update(code="huyen.missing")
    checks = _checks(validate_template(seed_template))
    assert ("input_not_produced", ("T4.2",)) in checks


def test_a_consistent_template_has_no_error(seed_template):
    Activity.objects.filter(template=seed_template, code="H4.2").update(deadline_day=25)
    errors = [f for f in validate_template(seed_template) if f.severity == "error"]
    assert errors == []


def test_the_command_prints_the_findings(seed_template, capsys):
    call_command("validate_template", "laocai-1131-3cap")
    out = capsys.readouterr().out
    assert "H4.2" in out and "X5.2" in out


def test_the_check_page_lists_the_findings_in_vietnamese(tree, login, seed_template):
    from django.urls import reverse

    client = login(tree.users.xa1)
    response = client.get(reverse("cycles-template-validate", args=[seed_template.pk]))
    assert response.status_code == 200
    assert "H4.2" in response.text


def test_the_errors_and_warnings_on_the_seed_are_exactly_those_the_docs_list(seed_template):
    findings = [f for f in validate_template(seed_template) if f.severity != "info"]
    assert _checks(findings) == {
        ("dependency_after_dependent", ("H4.2", "X5.2")),
        ("deadline_outside_window", ("X1.3",)),
        ("deadline_outside_window", ("X5.1",)),
        ("deadline_outside_window", ("X5.2",)),
    }
    assert len(validate_template(seed_template)) == 16
