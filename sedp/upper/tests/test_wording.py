"""District, sector and provincial plan pages speak their own level, not the commune's."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from sedp.activities.services import activity_create
from sedp.plans.models import PlanKind
from sedp.plans.services import plan_create
from sedp.plans.tests.helpers import YEAR, activity_data
from sedp.upper.services import draft_issue, route_commune_plans
from sedp.upper.tests import world

# What only a commune's plan page says: its conference, framework, villages' proposals,
# workbench, the planning group returning a proposal, the villagers' ranking.
COMMUNE_ONLY = [
    "Hội nghị lập KH xã",
    "hội nghị lập KH xã",
    "Khung kế hoạch xã",
    "Đề xuất của các thôn và cơ quan",
    "Tổng hợp các đề xuất đã tiếp nhận",
    "Cân đối nguồn lực",
    "Tổ công tác kế hoạch xã đã trả lại",
    "do người dân thống nhất",
    "Thôn tự làm được",
]


@pytest.fixture
def drafts(tree):
    t = world.extend(tree)
    p = world.people(t)
    t.p = p
    t.plans = {
        kind: plan_create(user=user, agency=agency, kind=kind, report_year=YEAR)
        for kind, agency, user in [
            (PlanKind.DISTRICT_SECTOR_PLAN, t.pnn1, p.pnn1),
            (PlanKind.DISTRICT_PLAN, t.tckh1, p.tckh1),
            (PlanKind.PROVINCE_SECTOR_PLAN, t.snn, p.snn),
            (PlanKind.PROVINCE_PLAN, t.skhdt, p.skhdt),
        ]
    }
    t.authors = {
        PlanKind.DISTRICT_SECTOR_PLAN: p.pnn1,
        PlanKind.DISTRICT_PLAN: p.tckh1,
        PlanKind.PROVINCE_SECTOR_PLAN: p.snn,
        PlanKind.PROVINCE_PLAN: p.skhdt,
    }
    return t


LEVEL_WORDS = {
    PlanKind.DISTRICT_SECTOR_PLAN: [
        "Nội dung ngành từ kế hoạch các xã",
        "Tổng hợp các kế hoạch đã tiếp nhận",
        "Gửi khung KHPT ngành cho phòng TCKH",
    ],
    PlanKind.DISTRICT_PLAN: [
        "KH ngành của các phòng ban huyện và KH các xã",
        "Tổng hợp các kế hoạch đã tiếp nhận",
        "Ghi Hội nghị lần 2 (Hội nghị xây dựng KHPT KTXH huyện)",
        "Gửi dự thảo lần 2 lên Sở KHĐT",
    ],
    PlanKind.PROVINCE_SECTOR_PLAN: [
        "KH của các đơn vị thuộc Sở và của các phòng chuyên môn cấp huyện",
        "Ghi Hội nghị lập KHPT ngành",
    ],
    PlanKind.PROVINCE_PLAN: [
        "KH ngành của các Sở, ngành và KH các huyện",
        "Ghi Hội nghị lập KHPT KTXH tỉnh",
        "Trình dự thảo KHPT KTXH tỉnh lên UBND tỉnh",
    ],
}


@pytest.mark.parametrize("kind", list(LEVEL_WORDS))
def test_each_upper_plan_page_uses_its_levels_words_and_none_of_the_communes(drafts, login, kind):
    t = drafts
    plan = t.plans[kind]
    client = login(t.authors[kind])
    page = client.get(reverse("plans-plan-detail", args=[plan.pk])).content.decode()
    for words in LEVEL_WORDS[kind]:
        assert words in page, words
    form = client.get(reverse("activities-activity-create", args=[plan.pk])).content.decode()
    assert "Thứ tự ưu tiên" in form
    for words in COMMUNE_ONLY:
        assert words not in page, words
        assert words not in form, words
    # Neither the generic "to the level above" nor the commune's draft pages (which 404).
    assert "Gửi dự thảo lên cấp trên" not in page
    assert reverse("plans-plan-draft", args=[plan.pk]) not in page
    assert reverse("plans-plan-framework", args=[plan.pk]) not in page


def test_the_register_names_the_levels_conference_and_counterpart(drafts, login):
    t = drafts
    office = login(t.p.pnn1).get(
        reverse("upper-plan-register", args=[t.plans[PlanKind.DISTRICT_SECTOR_PLAN].pk])
    )
    page = office.content.decode()
    assert "Hội nghị lần 2" in page and "Bảo lưu ý kiến so với xã" in page
    department = login(t.p.snn).get(
        reverse("upper-plan-register", args=[t.plans[PlanKind.PROVINCE_SECTOR_PLAN].pk])
    )
    page = department.content.decode()
    assert "Hội nghị lập KHPT ngành" in page
    assert "so với phòng chuyên môn cấp huyện" in page and "so với xã" not in page


def test_the_commune_plan_page_keeps_the_communes_words(drafts, login):
    t = drafts
    plan = plan_create(user=t.p.xa1, agency=t.group1, kind=PlanKind.COMMUNE_PLAN, report_year=YEAR)
    page = login(t.p.xa1).get(reverse("plans-plan-detail", args=[plan.pk])).content.decode()
    for words in ["Đề xuất của các thôn và cơ quan", "Ghi hội nghị lập KH xã"]:
        assert words in page, words
    assert "Nội dung ngành từ kế hoạch các xã" not in page


def test_starting_and_consolidating_a_district_plan_say_so_in_its_words(drafts, login):
    t = drafts
    client = login(t.p.tckh1)
    page = client.post(
        reverse("plans-plan-create"),
        {"agency": t.tckh1.pk, "kind": PlanKind.DISTRICT_PLAN, "year": YEAR + 1},
        follow=True,
    ).content.decode()
    assert "Hãy tổng hợp các kế hoạch đã tiếp nhận" in page
    assert "biên bản họp" not in page
    # The agriculture office consolidates the communes' content phòng TCKH routed to it.
    world.communes_year(t, t.p)
    route_commune_plans(user=t.p.tckh1, agency=t.tckh1, report_year=YEAR)
    plan = t.plans[PlanKind.DISTRICT_SECTOR_PLAN]
    page = (
        login(t.p.pnn1)
        .post(reverse("plans-plan-consolidate", args=[plan.pk]), follow=True)
        .content.decode()
    )
    assert "dòng mới từ các kế hoạch đã tiếp nhận" in page


def test_issuing_draft_2_before_conference_2_names_it_as_the_seed_does(drafts):
    t, plan = drafts, drafts.plans[PlanKind.DISTRICT_PLAN]
    activity_create(user=t.p.tckh1, plan=plan, **activity_data(t.agri))
    draft_issue(user=t.p.tckh1, plan=plan)  # draft 1
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        draft_issue(user=t.p.tckh1, plan=plan)
    assert error.value.messages == [
        "Ghi Hội nghị lần 2 (Hội nghị xây dựng KHPT KTXH huyện) trước khi ban hành Dự thảo lần 2."
    ]
