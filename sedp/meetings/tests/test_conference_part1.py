"""Step 4, part 1: the conference records what each sector group's discussion concluded; the
plan page and the minutes print it before part 2."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sedp.meetings.models import Meeting, MeetingKind
from sedp.meetings.services import conference_record
from sedp.meetings.tests import test_conference

commune = test_conference.commune  # the consolidated commune plan of Xã Một A


def test_part1_discussions_by_sector_group_head_the_minutes(tree, commune):
    meeting = conference_record(
        user=tree.users.xa1,
        plan=commune,
        date=datetime.date(2026, 6, 19),
        men=30,
        women=20,
        ethnic_minority=35,
        minutes="Phần 2: thống nhất danh mục ưu tiên.",
        discussions={
            "van_hoa_xa_hoi": "Ưu tiên sửa phòng học mầm non.",
            "kinh_te": "Tập trung giao thông nông thôn và thủy lợi.",
            "moi_truong": "  ",
        },
    )
    assert meeting.minutes.split("\n\n") == [
        "Phần 1 — thảo luận nhóm kinh tế: Tập trung giao thông nông thôn và thủy lợi.",
        "Phần 1 — thảo luận nhóm văn hóa - xã hội: Ưu tiên sửa phòng học mầm non.",
        "Phần 2: thống nhất danh mục ưu tiên.",
    ]


def test_an_unknown_sector_group_is_refused_and_nothing_saved(tree, commune):
    with pytest.raises(ValidationError) as error:
        conference_record(user=tree.users.xa1, plan=commune, date=datetime.date(2026, 6, 19),
                          men=30, women=20, discussions={"the_arts": "x"})  # fmt: skip
    assert "“the_arts” không phải là nhóm ngành" in " ".join(error.value.messages)
    assert not Meeting.objects.filter(kind=MeetingKind.COMMUNE_CONFERENCE).exists()


def test_the_conference_page_takes_part1_and_the_plan_page_shows_it(tree, commune, login):
    client = login(tree.users.xa1)
    url = reverse("meetings-conference-create", args=[commune.pk])
    form = client.get(url).content.decode()
    assert "part1_kinh_te" in form and "part1_to_chuc_chinh_quyen" in form
    response = client.post(
        url,
        {
            "date": "2026-06-19",
            "men": "30",
            "women": "20",
            "ethnic_minority": "35",
            "part1_kinh_te": "Tập trung giao thông nông thôn.",
            "agencies": [tree.group1.pk, tree.tckh1.pk],
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(kind=MeetingKind.COMMUNE_CONFERENCE)
    assert meeting.attendance.count() == 2
    page = client.get(reverse("plans-plan-detail", args=[commune.pk])).content.decode()
    assert "Phần 1 — thảo luận nhóm kinh tế: Tập trung giao thông nông thôn." in page
