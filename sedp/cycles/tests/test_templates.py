"""The seed's process as data: every dated activity of the three levels, with the seed's dates."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from sedp.cycles.loading import DATA_DIR, load_all_templates, read_template_file
from sedp.cycles.models import Activity, ActivityIO, ProcessTemplate, Responsibility, Step
from sedp.territory.models import AgencyKind

SEED = Path("/work/shared/seed/000_d5b258820877d835.txt")

# The seed's own "Thời gian:" lines, section by section (Part II, 1.–3.), as printed.
SEED_WINDOWS = {
    "tinh": [
        "Từ tuần đầu của tháng 5 đến trước ngày 17/06 năm X",
        "Từ ngày 17/06 đến trước ngày 04/07 năm X",
        "Tuần đầu tháng 7 năm X",
        "Từ ngày 06/07 đến trước ngày 14/07 năm X",
        "Từ ngày 14/07 đến ngày 20/07 năm X",
        "Từ tháng 8 đến tháng 12 năm X",
    ],
    "huyen": [
        "Từ ngày 02/05 đến trước ngày 24/05 năm X",
        "Từ ngày 24/05 đến trước ngày 05/06 năm X",
        "Từ ngày 05/06 đến trước ngày 17/06 năm X",
        "Từ ngày 17/6 đến trước ngày 28/06 năm X",
        "Từ ngày 28/06 đến trước ngày 08/07 năm X",
        "Từ tháng 8 đến tháng 12 năm X",
    ],
    "xa": [
        "Tuần đầu tháng 5",
        "Từ ngày 08/05 đến trước ngày 01/06 năm X",
        "Từ ngày 01/06 đến trước ngày 17/06 năm X",
        "Từ ngày 17/06 đến trước ngày 21/06 năm X",
        "Từ ngày 21/06 đến trước ngày 23/06 năm X",
        "Từ tháng 8 đến tháng 12 năm X",
    ],
}
SEED_DEADLINES = {
    "tinh": [
        "03/05",
        "15/05",
        "16/06",
        "17/06",
        "17/06",
        "28/06",
        "04/07",
        "06/07",
        "08/07",
        "14/07",
        "16/07",
        "20/07",
    ],
    "huyen": [
        "16/05",
        "16/05",
        "24/05",
        "05/06",
        "17/06",
        "17/06",
        "21/06",
        "26/06",
        "28/06",
        "04/07",
        "06/07",
        "08/07",
    ],
    "xa": ["08/05", "01/06", "01/06", "17/06", "21/06", "24/06"],
}
SECTIONS = {"tinh": (124, 331), "huyen": (393, 616), "xa": (662, 840)}


@pytest.mark.skipif(not SEED.exists(), reason="the seed text is not on this machine")
def test_the_expected_dates_are_the_seed_texts_own():
    lines = SEED.read_text(encoding="utf-8").splitlines()
    for level, (first, last) in SECTIONS.items():
        section = "\n".join(lines[first - 1 : last])
        times = re.findall(r"Thời gian: ([^\n.]*)", section)
        windows = [t for t in times if not t.startswith("Hoàn thành")]
        assert [w[0].upper() + w[1:] for w in windows] == SEED_WINDOWS[level]
        dated = re.findall(r"Hoàn thành trước ngày (\d\d/\d\d)", section)
        assert dated == SEED_DEADLINES[level]


def _by_level(template, level):
    return Activity.objects.filter(template=template, step__level_code=level)


@pytest.mark.parametrize("level", ["tinh", "huyen", "xa"])
def test_every_dated_activity_of_the_seed_is_in_the_template_with_its_date(seed_template, level):
    activities = list(_by_level(seed_template, level))
    seed_dates = {a.deadline_label for a in activities if a.deadline_basis == "seed"}
    # Every date the seed gives at this level is carried by an activity, and no seed-dated
    # activity carries a date the seed does not give.
    assert seed_dates == set(SEED_DEADLINES[level])
    for activity in activities:
        if activity.deadline_basis == "seed":
            assert activity.deadline_label in activity.deadline_text or (
                activity.deadline_text.startswith("Hoàn thành trước ngày")
            )


@pytest.mark.parametrize("level", ["tinh", "huyen", "xa"])
def test_every_step_window_is_the_seeds(seed_template, level):
    steps = Step.objects.filter(template=seed_template, level_code=level).order_by("number")
    assert [s.number for s in steps] == [1, 2, 3, 4, 5, 6]
    assert [s.window_text.lower() for s in steps] == [w.lower() for w in SEED_WINDOWS[level]]


def test_the_seed_template_holds_the_activities_of_all_three_levels_and_the_villages(seed_template):
    codes = set(Activity.objects.filter(template=seed_template).values_list("code", flat=True))
    assert {"T1.1", "T5.2", "T6.6", "H1.1", "H4.2", "H5.3", "X1.1", "X5.2", "X6.4"} <= codes
    village = Activity.objects.filter(
        template=seed_template, responsibilities__level_code="thon"
    ).order_by("code")
    assert [a.code for a in village] == ["V1.2", "V2.1", "V2.2"]
    assert {a.step.number for a in village} == {1, 2}
    proposal = ActivityIO.objects.get(
        activity__template=seed_template, code="thon.proposal", is_output=True
    )
    assert proposal.activity.code == "V2.1" and proposal.io_type == "form"


def test_every_responsible_is_a_known_level_and_agency_kind(templates):
    for template in templates.values():
        for r in Responsibility.objects.filter(activity__template=template):
            assert r.level_code in template.levels
            assert r.kind in AgencyKind.values


def test_loading_twice_changes_nothing(templates):
    def snapshot():
        return (
            list(Activity.objects.values_list("pk", "code", "deadline_day", "deadline_month")),
            list(ActivityIO.objects.values_list("pk", "code")),
            list(Responsibility.objects.values_list("pk", "kind")),
            list(Activity.waits_for.through.objects.values_list("pk", flat=True)),
        )

    before = snapshot()
    load_all_templates()
    call_command("load_process_templates", stdout=io.StringIO())
    assert snapshot() == before


def test_the_two_tier_template_has_no_district_and_gives_its_roles_to_successors(templates):
    two = templates["laocai-1131-2cap"]
    assert two.levels == ["tinh", "xa", "thon"]
    assert not Step.objects.filter(template=two, level_code="huyen").exists()
    kinds = set(
        Responsibility.objects.filter(activity__template=two).values_list("level_code", "kind")
    )
    assert ("tinh", "so_khdt") not in kinds and ("huyen", "phong_tckh") not in kinds
    guidance = Activity.objects.get(template=two, code="T1.5")
    assert list(guidance.responsibilities.values_list("kind", flat=True)) == ["so_tc"]
    # Links to the dropped district activities moved to their successors.
    sector_units = Activity.objects.get(template=two, code="T2.1")
    assert set(sector_units.waits_for.values_list("code", flat=True)) == {"T1.4", "X5.2"}
    assert not ActivityIO.objects.filter(activity__template=two, code__startswith="huyen.").exists()


def test_the_derived_file_rejects_a_link_to_an_unknown_activity(db, tmp_path):
    from sedp.cycles.loading import TemplateFileError, sync_template

    spec = read_template_file(DATA_DIR / "laocai-1131-3cap.yaml")
    spec["code"] = "broken"
    spec["steps"][0]["activities"][0]["waits_for"] = ["Z9.9"]
    with pytest.raises(TemplateFileError, match="Z9.9"):
        sync_template(spec)
    assert not ProcessTemplate.objects.filter(code="broken").exists()


def test_a_provincial_planner_copies_a_template_and_adjusts_a_date(tree, seed_template, login):
    from django.urls import reverse

    client = login(tree.users.skhdt)
    response = client.post(
        reverse("cycles-template-copy", args=[seed_template.pk]),
        {"province": tree.province.pk, "code": "thu-2027", "name": "Quy trình tỉnh Thử"},
    )
    assert response.status_code == 302
    copy = ProcessTemplate.objects.get(code="thu-2027")
    assert copy.based_on == seed_template and copy.is_editable
    assert copy.activities.count() == seed_template.activities.count()
    links = set(copy.activities.get(code="H4.2").waits_for.values_list("code", flat=True))
    assert links == {"H4.1", "X5.2"}
    h42 = copy.activities.get(code="H4.2")
    response = client.post(
        reverse("cycles-activity-reschedule", args=[copy.pk, h42.pk]),
        {"deadline": "25/06", "reason": "Chờ khung KH xã"},
    )
    assert response.status_code == 302
    h42.refresh_from_db()
    assert h42.deadline_label == "25/06" and h42.deadline_basis == "stated"
    # The shipped template is untouched and cannot be edited in the app.
    assert seed_template.activities.get(code="H4.2").deadline_label == "21/06"


def test_only_provincial_planners_copy_and_shipped_templates_stay_as_the_file_says(
    tree, seed_template
):
    from django.core.exceptions import PermissionDenied, ValidationError

    from sedp.cycles.services import activity_reschedule, template_copy

    with pytest.raises(PermissionDenied):
        template_copy(
            user=tree.users.tckh1,
            template=seed_template,
            province=tree.province,
            code="x",
            name="x",
        )
    with pytest.raises(ValidationError):
        activity_reschedule(
            user=tree.admin,
            activity=seed_template.activities.get(code="H4.2"),
            day=25,
            month=6,
        )


def test_a_new_deadline_moves_the_open_tasks_of_open_cycles_only(tree, seed_template, login):
    import datetime

    from django.urls import reverse

    from sedp.cycles.models import Task, TaskStatus
    from sedp.cycles.services import cycle_open, template_copy

    copy = template_copy(
        user=tree.users.skhdt, template=seed_template, province=tree.province, code="t", name="T"
    )
    cycle, _count = cycle_open(
        user=tree.admin, template=copy, structure=tree.structure, report_year=2026
    )
    tasks = Task.objects.filter(cycle=cycle, activity__code="H4.2")
    assert tasks.count() == 2  # phòng TCKH of each district
    done = tasks.first()
    Task.objects.filter(pk=done.pk).update(status=TaskStatus.DONE)
    h42 = copy.activities.get(code="H4.2")
    response = login(tree.users.skhdt).post(
        reverse("cycles-activity-reschedule", args=[copy.pk, h42.pk]),
        {"deadline": "25/06", "reason": "Chờ khung KH xã"},
        follow=True,
    )
    assert "1 nhiệm vụ đang mở đã dời theo" in response.content.decode()
    moved = tasks.exclude(pk=done.pk).get()
    assert moved.due_date == datetime.date(2026, 6, 25)
    done.refresh_from_db()
    assert done.due_date == datetime.date(2026, 6, 21)  # done against the old deadline


def test_a_bad_deadline_form_names_its_field_and_changes_nothing(tree, seed_template, login):
    from django.urls import reverse

    from sedp.core.models import Event
    from sedp.cycles.services import template_copy

    copy = template_copy(
        user=tree.users.skhdt, template=seed_template, province=tree.province, code="t", name="T"
    )
    h42 = copy.activities.get(code="H4.2")
    url = reverse("cycles-activity-reschedule", args=[copy.pk, h42.pk])
    client = login(tree.users.skhdt)
    events = Event.objects.count()
    for data, expected in [
        ({"deadline": ""}, "Thời hạn mới (ngày/tháng): "),
        ({"deadline": "abc"}, "ngày/tháng, ví dụ 21/06"),
        ({"deadline": "32/13"}, "ngày và tháng hợp lệ"),
        ({"deadline": "25/06", "reason": "x" * 301}, "Lý do: "),
    ]:
        page = client.post(url, data, follow=True)
        assert page.status_code == 200 and expected in page.content.decode(), data
    h42.refresh_from_db()
    assert h42.deadline_label == "21/06" and Event.objects.count() == events
