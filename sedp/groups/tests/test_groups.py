"""Commune step 1: the planning groups follow the seed's composition rules, their set-up
completes the step's tasks, and the commune's checklist shows where each village stands."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sedp.cycles.models import Task, TaskStatus
from sedp.directives import services as directives
from sedp.groups.models import GroupMember, WorkingGroup
from sedp.groups.services import group_set_up
from sedp.meetings.models import Meeting, MeetingKind

YEAR = 2026


def member(name, role="member", title="other", sex="f", **extra):
    row = {"name": name, "role": role, "title": title, "sex": sex, "ethnicity": "Mông"}
    row.update(extra)
    return row


def commune_members(others=4):
    return [
        member("Giàng A Chứ", "chair", "ubnd_vice_economy", "m", position="Phó Chủ tịch UBND"),
        member("Lò Thị Hoa", "secretary", position="Văn phòng - Thống kê"),
    ] + [member(f"Thành viên {n}", organisation="Hội Nông dân") for n in range(others)]


def village_members(women=True):
    return [
        member("Sùng A Pao", "chair", "village_head", "m"),
        member("Vàng Thị Mai", sex="f" if women else "m", organisation="Chi hội Phụ nữ"),
        member("Lý A Sử", sex="m", organisation="Chi đoàn thanh niên"),
        member("Hầu A Dế", sex="m", poor_household=True),
    ]


def test_the_commune_group_is_set_up_and_the_ubnd_decision_task_is_done(tree, commune_ubnd, cycle):
    group, warnings = group_set_up(
        user=tree.users.ubndxa1,
        agency=tree.group1,
        report_year=YEAR,
        members=commune_members(),
        decision_number="45/QĐ-UBND",
        decision_date=datetime.date(2026, 5, 4),
    )
    assert warnings == [] and group.members.count() == 6
    task = Task.objects.get(cycle=cycle, agency=commune_ubnd, activity__code="X1.1")
    assert task.status == TaskStatus.DONE and task.output_event.verb == "group.formed"


@pytest.mark.parametrize(
    ("members", "message"),
    [
        (commune_members()[1:], "đúng một tổ trưởng"),
        (
            [member("Ông Chủ tịch HĐND", "chair", "other", "m")] + commune_members()[1:],
            "Chủ tịch hoặc Phó Chủ tịch UBND xã",
        ),
        ([commune_members()[0]] + commune_members(others=4)[2:], "01 thư ký"),
        (commune_members(others=2), "có 2"),
        (commune_members(others=6), "có 6"),
        (commune_members()[:2] + [member("Không giới tính", sex="")] * 3, "nữ hay nam"),
    ],
)
def test_a_commune_group_breaking_the_rules_is_refused_and_nothing_saved(tree, members, message):
    with pytest.raises(ValidationError) as error:
        group_set_up(user=tree.users.xa1, agency=tree.group1, report_year=YEAR, members=members)
    assert message in " ".join(error.value.messages)
    assert not WorkingGroup.objects.exists() and not GroupMember.objects.exists()


def test_a_village_group_without_a_woman_is_saved_with_a_warning(tree, cycle):
    group, warnings = group_set_up(
        user=tree.users.thon1,
        agency=tree.vgroup1,
        report_year=YEAR,
        members=village_members(women=False),
    )
    assert group.members.count() == 4
    assert warnings and "nữ" in warnings[0]
    task = Task.objects.get(cycle=cycle, agency=tree.vgroup1, activity__code="V1.2")
    assert task.status == TaskStatus.DONE


def test_a_village_member_represents_an_organisation_or_the_poor(tree):
    rows = village_members()
    rows[3] = member("Người ngoài", sex="m")
    with pytest.raises(ValidationError) as error:
        group_set_up(user=tree.users.thon1, agency=tree.vgroup1, report_year=YEAR, members=rows)
    assert "Dòng 4 (Người ngoài)" in " ".join(error.value.messages)
    rows = village_members()
    rows[0]["title"] = "other"
    with pytest.raises(ValidationError) as error:
        group_set_up(user=tree.users.thon1, agency=tree.vgroup1, report_year=YEAR, members=rows)
    assert "trưởng thôn hoặc bí thư chi bộ" in " ".join(error.value.messages)


def test_re_forming_a_group_replaces_its_members(tree):
    group_set_up(user=tree.users.thon1, agency=tree.vgroup1, report_year=YEAR,
                 members=village_members())  # fmt: skip
    rows = village_members() + [member("Thào Thị Dua", organisation="Hội Phụ nữ")]
    group, _warnings = group_set_up(user=tree.users.xa1, agency=tree.vgroup1, report_year=YEAR,
                                    members=rows)  # fmt: skip
    assert list(group.members.values_list("name", flat=True))[-1] == "Thào Thị Dua"
    assert group.members.count() == 5 and WorkingGroup.objects.count() == 1


def test_only_the_group_or_the_commune_sets_it_up(tree, login):
    with pytest.raises(PermissionDenied):
        group_set_up(user=tree.users.thon2, agency=tree.vgroup1, report_year=YEAR,
                     members=village_members())  # fmt: skip
    with pytest.raises(PermissionDenied):
        group_set_up(user=tree.users.viewer1, agency=tree.vgroup1, report_year=YEAR,
                     members=village_members())  # fmt: skip
    url = reverse("groups-group-edit", args=[tree.vgroup1.pk])
    assert login(tree.users.thon2).get(url).status_code == 404
    assert login(tree.users.outsider).get(url).status_code == 404
    assert login(tree.users.xa3).get(url).status_code == 404


def _formset(rows, prefix="m"):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        for key, value in row.items():
            if key == "poor_household":
                if value:
                    data[f"{prefix}-{index}-{key}"] = "on"
            else:
                data[f"{prefix}-{index}-{key}"] = value
    return data


def test_the_group_page_saves_the_members_and_shows_the_warning(tree, login):
    client = login(tree.users.thon1)
    url = reverse("groups-group-edit", args=[tree.vgroup1.pk]) + f"?year={YEAR}"
    page = client.get(url)
    assert page.status_code == 200 and page.content.decode().count("member-row") == 6
    response = client.post(url, _formset(village_members(women=False)), follow=True)
    assert response.status_code == 200
    assert "ít nhất một đến hai thành viên nữ" in response.content.decode()
    bad = client.post(url, _formset(village_members()[1:]))
    assert bad.status_code == 400 and "đúng một tổ trưởng" in bad.content.decode()


def test_the_step1_checklist_shows_documents_groups_warnings_and_kickoff(
    tree, commune_ubnd, login, django_assert_max_num_queries
):
    directives.document_issue(
        user=tree.users.ubndxa1,
        issuer=commune_ubnd,
        kind="xa.launch_letter",
        number="30/UBND",
        issued_on=datetime.date(2026, 5, 3),
        report_year=YEAR,
        title="Triển khai lập KH năm 2027",
        recipient_kinds=["to_cong_tac_xa", "to_cong_tac_thon"],
    )
    group_set_up(user=tree.users.thon1, agency=tree.vgroup1, report_year=YEAR,
                 members=village_members(women=False))  # fmt: skip
    Meeting.objects.create(kind=MeetingKind.KICKOFF, unit=tree.commune1,
                           date=datetime.date(2026, 5, 7), men=20, women=12)  # fmt: skip
    client = login(tree.users.xa1)
    url = reverse("groups-step1", args=[tree.commune1.pk]) + f"?year={YEAR}"
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        page = client.get(url).content.decode()
    assert "30/UBND" in page and "07/05/2026" in page
    assert "Thôn A1" in page and "ít nhất một đến hai thành viên nữ" in page
    assert "Thôn A2" in page  # no group yet
    from conftest import _agency, _unit

    for n in range(5):
        village = _unit(tree.structure, tree.levels["thon"], tree.commune1, f"09{n}", f"T{n}",
                        "thon")  # fmt: skip
        agency = _agency(village, "to_cong_tac_thon", f"Tổ thôn T{n}")
        group_set_up(user=tree.users.xa1, agency=agency, report_year=YEAR,
                     members=village_members())  # fmt: skip
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count('class="village-group"') == 7 and ">T4</a>" in page
    assert login(tree.users.xa3).get(url).status_code == 404
    assert login(tree.users.outsider).get(url).status_code == 404
    # A school follows the commune's step 1 too; every link it is shown opens (none is a 404).
    school = login(tree.users.truong1)
    page = school.get(url).content.decode()
    assert "Thôn A1" in page
    for link in re.findall(r'href="(/(?:groups/\d+|plans/\d+|directives/\d+)/[^"]*)"', page):
        assert school.get(link.replace("&amp;", "&")).status_code == 200, link
    home = login(tree.users.xa1).get(reverse("groups-home"))
    assert home.status_code == 302 and home.url == reverse("groups-step1", args=[tree.commune1.pk])
    home = login(tree.users.thon1).get(reverse("groups-home"))
    assert home.url == reverse("groups-group-edit", args=[tree.vgroup1.pk])
