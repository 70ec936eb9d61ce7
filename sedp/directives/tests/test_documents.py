"""Official documents: issued by the right bodies, sent by rule, read in the inbox,
completing the issuer's tasks and shown on the tasks that wait for them."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sedp.cycles.loading import read_template_file, template_files
from sedp.cycles.models import Task, TaskStatus
from sedp.directives import selectors, services
from sedp.directives.kinds import BY_CODE
from sedp.directives.models import Document, Recipient
from sedp.territory.models import AgencyKind

DAY = datetime.date(2026, 5, 2)
# Recorded by the group set-up page (sedp.groups), not as a document.
RECORDED_ELSEWHERE = {"thon.group_formed"}


def issue(tree, user, issuer, kind, number="45/UBND-VP", **extra):
    spec = BY_CODE[kind]
    data = {
        "kind": kind,
        "number": number,
        "issued_on": DAY,
        "report_year": 2026,
        "title": "Về việc triển khai xây dựng kế hoạch phát triển KT-XH năm 2027",
        "body": "Yêu cầu các cơ quan, đơn vị triển khai lập KH năm 2027.",
        "recipient_kinds": spec.recipient_kinds,
        "levels_below": spec.levels_below,
        "sector_line": spec.sector_line,
    }
    data.update(extra)
    return services.document_issue(user=user, issuer=issuer, **data)


def test_every_document_the_templates_expect_is_a_kind_its_responsible_bodies_issue():
    for path in template_files():
        spec = read_template_file(path)
        for step in spec["steps"]:
            for activity in step["activities"]:
                for output in activity.get("outputs", []):
                    if output["type"] != "document" or output["code"] in RECORDED_ELSEWHERE:
                        continue
                    kind = BY_CODE.get(output["code"])
                    assert kind is not None, f"{path.name}: {output['code']} has no kind"
                    missing = set(activity["responsible"]) - kind.issuers
                    assert not missing, f"{output['code']}: {missing} cannot issue it"


def test_a_provincial_directive_goes_to_the_province_and_district_bodies(tree):
    document = issue(tree, tree.users.skhdt, tree.skhdt, "tinh.directive")
    recipients = set(document.recipients.values_list("agency_id", flat=True))
    assert {tree.snn.pk, tree.sgd.pk, tree.tckh1.pk, tree.tckh2.pk, tree.pnn1.pk} <= recipients
    assert tree.skhdt.pk not in recipients  # not to itself
    assert tree.group1.pk not in recipients  # communes hear from their district
    assert document.unit == tree.province


def test_a_sector_document_follows_the_sector_line(tree):
    document = issue(tree, tree.users.snn, tree.snn, "sector.supplementary_guidance")
    recipients = set(document.recipients.values_list("agency_id", flat=True))
    assert {tree.pnn1.pk, tree.pnn2.pk, tree.extension1.pk} <= recipients
    assert tree.sgd.pk not in recipients and tree.tckh1.pk not in recipients


def test_recipients_can_be_added_by_hand_within_reach(tree, commune_ubnd):
    document = issue(
        tree,
        tree.users.ubndh1,
        tree.ubnd_district1,
        "huyen.letter1",
        recipient_kinds=[AgencyKind.FINANCE_PLANNING_OFFICE],
        extra_recipients=[tree.school1],
    )
    assert set(document.recipients.values_list("agency_id", flat=True)) == {
        tree.tckh1.pk,
        tree.school1.pk,
    }
    with pytest.raises(ValidationError) as error:
        issue(tree, tree.users.ubndh1, tree.ubnd_district1, "huyen.letter1", number="46/UBND",
              recipient_kinds=[], extra_recipients=[tree.group3])  # fmt: skip
    assert "Tổ công tác KH xã Hai A" in str(error.value)


def test_issuing_completes_the_issuers_task_and_the_waiting_task_links_to_it(tree, cycle, login):
    document = issue(tree, tree.users.skhdt, tree.skhdt, "tinh.supplementary_guidance")
    done = Task.objects.get(cycle=cycle, agency=tree.skhdt, activity__code="T1.3")
    assert done.status == TaskStatus.DONE and done.output_event.verb == "document.issued"
    waiting = Task.objects.get(cycle=cycle, agency=tree.tckh1, activity__code="T1.5")
    page = login(tree.users.tckh1).get(reverse("cycles-task-detail", args=[waiting.pk]))
    assert reverse("directives-document-detail", args=[document.pk]) in page.content.decode()


def test_the_inbox_counts_unread_documents_until_they_are_opened(tree, login):
    document = issue(tree, tree.users.skhdt, tree.skhdt, "tinh.directive")
    client = login(tree.users.tckh1)
    assert selectors.unread_count(user=tree.users.tckh1) == 1
    page = client.get(reverse("directives-document-list"))
    assert "45/UBND-VP" in page.content.decode() and 'data-read="0"' in page.content.decode()
    assert client.get(reverse("directives-document-detail", args=[document.pk])).status_code == 200
    row = Recipient.objects.get(document=document, agency=tree.tckh1)
    assert row.read_at is not None and row.read_by == tree.users.tckh1
    assert selectors.unread_count(user=tree.users.tckh1) == 0
    assert 'data-read="1"' in client.get(reverse("directives-document-list")).content.decode()


def test_outsiders_and_other_districts_communes_cannot_read_it(tree, login):
    document = issue(tree, tree.users.skhdt, tree.skhdt, "tinh.directive",
                     files=[SimpleUploadedFile("cv.pdf", b"%PDF-1.4 test")])  # fmt: skip
    attachment = document.attachments.get()
    for user in (tree.users.outsider, tree.users.xa3, tree.users.thon1):
        client = login(user)
        url = reverse("directives-document-detail", args=[document.pk])
        assert client.get(url).status_code == 404, user
        url = reverse("directives-attachment-download", args=[document.pk, attachment.pk])
        assert client.get(url).status_code == 404
    download = login(tree.users.pnn1).get(
        reverse("directives-attachment-download", args=[document.pk, attachment.pk])
    )
    assert download.status_code == 200 and download.content == b"%PDF-1.4 test"


def test_only_the_issuers_leader_or_planner_issues_and_only_its_own_kinds(tree, login):
    from sedp.accounts.models import Membership, Role

    Membership.objects.create(user=tree.users.viewer1, agency=tree.skhdt, role=Role.VIEWER)
    with pytest.raises(PermissionDenied):
        issue(tree, tree.users.viewer1, tree.skhdt, "tinh.directive")
    with pytest.raises(ValidationError) as error:
        issue(tree, tree.users.tckh1, tree.tckh1, "tinh.directive")
    assert "không ban hành loại văn bản này" in str(error.value)
    assert login(tree.users.outsider).get(reverse("directives-document-create")).status_code == 403
    url = reverse("directives-document-create") + f"?issuer={tree.skhdt.pk}"
    assert login(tree.users.thon1).get(url).status_code == 404
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"number": "công văn"}, "number", "45/UBND-VP"),
        ({"number": ""}, "number", "45/UBND-VP"),
        ({"title": ""}, "title", "trích yếu"),
        ({"issued_on": datetime.date(2099, 1, 1)}, "issued_on", "trước khi"),
        ({"recipient_kinds": []}, "recipient_kinds", "Chưa có cơ quan nào nhận"),
        ({"files": [SimpleUploadedFile("virus.exe", b"MZ")]}, "files", "virus.exe"),
        ({"files": [SimpleUploadedFile("cv.pdf", b"MZ fake")]}, "files", "không thực sự"),
        ({"files": [SimpleUploadedFile("cv.pdf", b"")]}, "files", "rỗng"),
    ],
)
def test_bad_documents_are_refused_with_a_message_and_nothing_saved(tree, extra, field, message):
    with pytest.raises(ValidationError) as error:
        issue(tree, tree.users.skhdt, tree.skhdt, "tinh.directive", **extra)
    assert message in " ".join(error.value.message_dict[field])
    assert not Document.objects.exists() and not Recipient.objects.exists()


def test_a_number_is_recorded_once_per_issuer_and_year(tree):
    issue(tree, tree.users.skhdt, tree.skhdt, "tinh.directive")
    with pytest.raises(ValidationError) as error:
        issue(tree, tree.users.skhdt, tree.skhdt, "tinh.supplementary_guidance")
    assert "45/UBND-VP" in str(error.value)


def test_a_large_attachment_is_refused(tree, settings, monkeypatch):
    monkeypatch.setattr(services, "MAX_ATTACHMENT_BYTES", 10)
    with pytest.raises(ValidationError) as error:
        issue(tree, tree.users.skhdt, tree.skhdt, "tinh.directive",
              files=[SimpleUploadedFile("big.pdf", b"%PDF" + b"x" * 20)])  # fmt: skip
    assert "10 MB" in str(error.value)


def test_issuing_through_the_page(tree, login):
    client = login(tree.users.skhdt)
    url = reverse("directives-document-create") + "?kind=tinh.directive"
    form = client.get(url)
    assert form.status_code == 200
    assert re.search(r'value="so_nganh"[^>]*checked', form.content.decode())
    response = client.post(
        url,
        {
            "kind": "tinh.directive",
            "number": "12/CT-UBND",
            "issued_on": "2026-05-02",
            "report_year": "2026",
            "title": "Chỉ thị về lập kế hoạch năm 2027",
            "recipient_kinds": ["phong_tckh", "so_nganh"],
            "levels_below": "1",
            "files": [SimpleUploadedFile("ct.pdf", b"%PDF-1.7 ct")],
        },
    )
    document = Document.objects.get()
    assert response.status_code == 302 and document.number == "12/CT-UBND"
    assert document.recipients.count() == 4 and document.attachments.count() == 1
    bad = client.post(url, {"kind": "tinh.directive", "number": "x", "issued_on": "2026-05-02",
                            "report_year": "2026", "title": "T", "levels_below": "1"})  # fmt: skip
    assert bad.status_code == 400 and "45/UBND-VP" in bad.content.decode()


def test_the_inbox_runs_a_constant_number_of_queries(tree, login, django_assert_max_num_queries):
    client = login(tree.users.tckh1)
    issue(tree, tree.users.skhdt, tree.skhdt, "tinh.directive", number="1/UBND")
    inbox = reverse("directives-document-list")
    client.get(inbox)
    with django_assert_max_num_queries(30) as few:
        client.get(inbox)
    for number in range(2, 22):
        issue(tree, tree.users.skhdt, tree.skhdt, "tinh.directive", number=f"{number}/UBND")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "21/UBND" in client.get(inbox).content.decode()
    sent = login(tree.users.skhdt)
    with django_assert_max_num_queries(len(few.captured_queries) + 2):
        assert "21/UBND" in sent.get(inbox + "?box=sent").content.decode()
