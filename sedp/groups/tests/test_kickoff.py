"""Commune step 1: the commune People's Committee (or its planning group) records the
kick-off meeting from the step-1 checklist; the People's Committee's task X1.3 is done."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sedp.core.events import Event
from sedp.cycles.models import Task, TaskStatus
from sedp.meetings.kickoff import kickoff_record
from sedp.meetings.models import Meeting, MeetingKind

YEAR = 2026


def kickoff_data(**changes):
    data = {
        "date": datetime.date(2026, 5, 7),
        "place": "Hội trường UBND xã Một A",
        "men": 20,
        "women": 12,
        "ethnic_minority": 25,
        "agenda": "Hướng dẫn điền biểu số liệu cơ bản thôn và biểu đề xuất KH thôn.",
        "decisions_text": "Các thôn và cơ quan gửi biểu về xã trước ngày 01/6/2026.",
        "minutes": "Hội nghị thống nhất lịch thực hiện.",
    }
    data.update(changes)
    return data


def _post(agencies, **changes):
    data = {
        k: v.isoformat() if hasattr(v, "isoformat") else v
        for k, v in kickoff_data(**changes).items()
    }
    for agency, people in agencies.items():
        data[f"a-{agency.pk}"] = people
    return data


def test_the_commune_ubnd_records_the_kickoff_and_its_own_task_is_done(tree, commune_ubnd, cycle):
    meeting = kickoff_record(
        user=tree.users.ubndxa1,
        commune=tree.commune1,
        report_year=YEAR,
        attendance={tree.group1: 6, tree.school1: 2, tree.vgroup1: 3},
        **kickoff_data(),
    )
    assert meeting.kind == MeetingKind.KICKOFF and meeting.unit == tree.commune1
    assert {a.agency.name: a.people for a in meeting.attendance.all()} == {
        "Tổ công tác KH xã Một A": 6,
        "Trường TH xã Một A": 2,
        "Tổ công tác thôn A1": 3,
    }
    task = Task.objects.get(cycle=cycle, agency=commune_ubnd, activity__code="X1.3")
    assert task.status == TaskStatus.DONE and task.output_event.verb == "meeting.recorded"
    # only the People's Committee is responsible for X1.3: nobody else got a kick-off task
    assert (
        not Task.objects.filter(cycle=cycle, activity__code="X1.3")
        .exclude(agency=commune_ubnd)
        .exists()
    )
    assert Event.objects.filter(verb="meeting.recorded", unit=tree.commune1).count() == 1


def test_the_planning_group_records_it_too_and_recording_again_corrects_it(
    tree, commune_ubnd, cycle
):
    first = kickoff_record(user=tree.users.xa1, commune=tree.commune1, report_year=YEAR,
                           attendance={tree.school1: 2}, **kickoff_data())  # fmt: skip
    assert Task.objects.get(agency=commune_ubnd, activity__code="X1.3").status == TaskStatus.DONE
    again = kickoff_record(user=tree.users.ubndxa1, commune=tree.commune1, report_year=YEAR,
                           attendance={tree.coop1: 1}, **kickoff_data(women=15))  # fmt: skip
    assert again.pk == first.pk and again.women == 15
    assert [a.agency_id for a in again.attendance.all()] == [tree.coop1.pk]
    assert Meeting.objects.filter(kind=MeetingKind.KICKOFF).count() == 1
    assert Event.objects.filter(verb="meeting.updated", unit=tree.commune1).exists()


def test_a_province_that_also_makes_the_group_responsible_gets_both_tasks_closed(
    tree, commune_ubnd, cycle
):
    """A province's copy of the template may give X1.3 to the planning group too: every
    agency of the commune holding the kick-off task has it closed, the other communes' not."""
    ubnd_task = Task.objects.get(cycle=cycle, agency=commune_ubnd, activity__code="X1.3")
    extra = [
        Task.objects.create(
            cycle=cycle,
            activity=ubnd_task.activity,
            agency=agency,
            unit=agency.unit,
            due_date=ubnd_task.due_date,
        )  # fmt: skip
        for agency in (tree.group1, tree.group3)
    ]
    kickoff_record(user=tree.users.ubndxa1, commune=tree.commune1, report_year=YEAR,
                   **kickoff_data())  # fmt: skip
    statuses = {
        t.agency_id: t.status
        for t in Task.objects.filter(pk__in=[ubnd_task.pk, *[t.pk for t in extra]])
    }
    assert statuses == {
        commune_ubnd.pk: TaskStatus.DONE,
        tree.group1.pk: TaskStatus.DONE,
        tree.group3.pk: TaskStatus.OPEN,
    }


def test_the_two_tier_kickoff_task_also_goes_to_the_commune_ubnd(tree, commune_ubnd, templates):
    from sedp.cycles.services import cycle_open

    cycle, _new = cycle_open(user=tree.users.skhdt, template=templates["laocai-1131-2cap"],
                             structure=tree.structure, report_year=YEAR)  # fmt: skip
    kickoff_record(user=tree.users.xa1, commune=tree.commune1, report_year=YEAR,
                   **kickoff_data())  # fmt: skip
    task = Task.objects.get(cycle=cycle, agency=commune_ubnd, activity__code="X1.3")
    assert task.status == TaskStatus.DONE


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"date": datetime.date(2025, 5, 7)}, "date", "diễn ra trong năm 2026"),
        ({"men": 0, "women": 0}, "men", "số nam và số nữ tham dự"),
        ({"ethnic_minority": 40}, "ethnic_minority", "không thể lớn hơn 32"),
        ({"agenda": " "}, "agenda", "hướng dẫn điền biểu"),
        ({"decisions_text": ""}, "decisions_text", "lịch thực hiện"),
    ],
)
def test_a_bad_kickoff_is_refused_with_a_message_on_the_field(
    tree, commune_ubnd, changes, field, message
):
    with pytest.raises(ValidationError) as error:
        kickoff_record(user=tree.users.ubndxa1, commune=tree.commune1, report_year=YEAR,
                       **kickoff_data(**changes))  # fmt: skip
    assert message in " ".join(error.value.message_dict[field])
    assert not Meeting.objects.exists()


def test_participants_must_be_the_communes_agencies_and_not_more_than_attended(tree, commune_ubnd):
    with pytest.raises(ValidationError) as error:
        kickoff_record(user=tree.users.ubndxa1, commune=tree.commune1, report_year=YEAR,
                       attendance={tree.group3: 2}, **kickoff_data())  # fmt: skip
    assert "Tổ công tác KH xã Hai A" in " ".join(error.value.messages)
    with pytest.raises(ValidationError) as error:
        kickoff_record(user=tree.users.ubndxa1, commune=tree.commune1, report_year=YEAR,
                       attendance={tree.school1: 30, tree.group1: 5}, **kickoff_data())  # fmt: skip
    assert "35" in " ".join(error.value.messages) and "32" in " ".join(error.value.messages)
    assert not Meeting.objects.exists()


def test_only_the_communes_ubnd_and_planning_group_record_the_kickoff(tree, commune_ubnd):
    for user in (tree.users.thon1, tree.users.truong1, tree.users.xa3, tree.users.viewer1,
                 tree.users.tckh1):  # fmt: skip
        with pytest.raises(PermissionDenied):
            kickoff_record(user=user, commune=tree.commune1, report_year=YEAR, **kickoff_data())
    assert not Meeting.objects.exists()


def test_the_kickoff_page_is_reached_from_the_checklist_and_records_the_meeting(
    tree, commune_ubnd, cycle, login
):
    client = login(tree.users.ubndxa1)
    step1 = reverse("groups-step1", args=[tree.commune1.pk]) + f"?year={YEAR}"
    url = reverse("groups-kickoff-record", args=[tree.commune1.pk]) + f"?year={YEAR}"
    # the UBND's kick-off task in "my work" opens the page
    my_work = client.get(reverse("cycles-task-mine")).content.decode()
    assert reverse("groups-kickoff-record", args=[tree.commune1.pk]) in my_work
    checklist = client.get(step1).content.decode()
    assert url.replace("&", "&amp;") in checklist and "Ghi nhận hội nghị triển khai" in checklist
    page = client.get(url).content.decode()
    for name in ("Trường TH xã Một A", "HTX nông nghiệp Một A", "Tổ công tác thôn A2"):
        assert name in page
    assert "Tổ công tác KH xã Hai A" not in page
    bad = client.post(url, _post({tree.school1: 40}))
    assert bad.status_code == 400 and "nhiều hơn" in bad.content.decode()
    bad = client.post(url, _post({}, decisions_text=""))
    assert bad.status_code == 400 and "lịch thực hiện" in bad.content.decode()
    assert not Meeting.objects.exists()
    done = client.post(url, _post({tree.school1: 2, tree.vgroup2: 4}))
    assert done.status_code == 302 and done.url == step1
    meeting = Meeting.objects.get(kind=MeetingKind.KICKOFF)
    assert meeting.attendance.count() == 2
    checklist = client.get(step1).content.decode()
    assert "07/05/2026" in checklist and "Sửa biên bản hội nghị triển khai" in checklist
    assert Task.objects.get(agency=commune_ubnd, activity__code="X1.3").status == TaskStatus.DONE
    again = client.get(url).content.decode()
    assert 'value="4"' in again and "Hướng dẫn điền biểu số liệu" in again
    # the commune's school sees the checklist but has no button and no page
    school = login(tree.users.truong1)
    assert school.get(url).status_code in (403, 404)
    assert school.post(url, _post({})).status_code in (403, 404)
    assert Meeting.objects.count() == 1
