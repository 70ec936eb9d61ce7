"""Collection tasks from an official plan's framework, reports flowing into the indicators,
activity progress with evidence, bad input, and who sees which task."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sedp.accounts.models import Membership, Role
from sedp.core.models import Event
from sedp.indicators.models import IndicatorValue, Kind
from sedp.monitoring import services
from sedp.monitoring.models import CollectionTask, Evidence, TaskStatus
from sedp.monitoring.tests.helpers import (
    YEAR,
    approve,
    commune_plan,
    fill_framework,
    monitored,
)

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def evidence_folder(settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"


@pytest.fixture
def coop_user(tree, django_user_model):
    user = django_user_model.objects.create_user(username="htx1", password="x")
    Membership.objects.create(user=user, agency=tree.coop1, role=Role.PLANNER)
    return user


@pytest.fixture
def t(tree):
    return monitored(tree)


def _task(t, key, month):
    row = t.rows[key]
    for task in row.tasks.all():
        if task.share * 12 == month:
            return task
    raise LookupError(month)


def test_monitoring_waits_for_the_official_plan_and_a_complete_framework(tree):
    t = commune_plan(tree)
    services.framework_prefill(user=tree.users.xa1, plan=t.plan)
    with pytest.raises(ValidationError, match="phê duyệt"):
        services.monitoring_start(user=tree.users.xa1, plan=t.plan)
    approve(t.plan)
    with pytest.raises(ValidationError):
        services.monitoring_start(user=tree.users.xa1, plan=t.plan)  # framework incomplete
    assert not CollectionTask.objects.exists()


def test_tasks_per_frequency_with_deadlines_after_each_period(tree):
    t = commune_plan(tree)
    services.framework_prefill(user=tree.users.xa1, plan=t.plan)
    fill_framework(tree, t.plan)
    frequencies = ["monthly", "quarterly", "half_yearly", "yearly"]
    rows = list(t.plan.me_rows.order_by("pk"))
    for row, frequency in zip(rows, frequencies, strict=True):
        services.framework_update(
            user=tree.users.xa1,
            plan=t.plan,
            changes={row.pk: {"frequency": frequency, "deadline_days": 5}},
        )
    approve(t.plan)
    created = services.monitoring_start(user=tree.users.tckh1, plan=t.plan)  # the district
    assert created == 12 + 4 + 2 + 1
    monthly = rows[0].tasks.order_by("number")
    assert [task.due_date for task in monthly[:2]] == [
        datetime.date(2027, 2, 5),
        datetime.date(2027, 3, 5),
    ]
    assert rows[1].tasks.get(number=2).period_end == datetime.date(2027, 6, 30)
    assert rows[2].tasks.get(number=2).due_date == datetime.date(2028, 1, 5)
    assert rows[3].tasks.get().period_end == datetime.date(2027, 12, 31)
    assert set(CollectionTask.objects.values_list("agency", flat=True)) == {tree.group1.pk}
    # Rerunning creates nothing new.
    assert services.monitoring_start(user=tree.users.xa1, plan=t.plan) == 0
    assert Event.objects.filter(verb="monitoring.started").count() == 2


def test_a_commune_cannot_start_another_communes_monitoring(tree):
    t = commune_plan(tree)
    approve(t.plan)
    with pytest.raises(PermissionDenied):
        services.monitoring_start(user=tree.users.xa3, plan=t.plan)


def test_mid_year_and_year_end_values_flow_into_the_indicators(tree, t):
    services.report_value(user=tree.users.xa1, task=_task(t, "san-luong-lua", 3), value="200")
    assert not IndicatorValue.objects.filter(kind=Kind.ACTUAL_HALF).exists()  # Q1 stays here
    services.report_value(user=tree.users.xa1, task=_task(t, "san-luong-lua", 6), value="480,5")
    half = IndicatorValue.objects.get(indicator=t.rice, kind=Kind.ACTUAL_HALF)
    assert (half.unit, half.report_year, half.value) == (tree.commune1, YEAR + 1, Decimal(480))
    services.report_value(user=tree.users.xa1, task=_task(t, "ty-le-ho-ngheo", 12), value="11,2")
    year_end = IndicatorValue.objects.get(indicator=t.poverty, kind=Kind.ACTUAL_NEXT)
    assert (year_end.report_year, year_end.value) == (YEAR, Decimal("11.2"))
    row = t.rows["san-luong-lua"]
    row.refresh_from_db()
    assert row.latest_value == 480 and row.latest_share == Decimal("0.5")
    assert Event.objects.filter(verb="monitoring.value_reported").count() == 3


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("san-luong-lua", "nhiều", "không phải là số"),
        ("san-luong-lua", "", "Nhập giá trị thực hiện"),
        ("san-luong-lua", "-5", "không thể âm"),
        ("ty-le-ho-ngheo", "120", "tối đa 100"),
    ],
)
def test_bad_values_are_refused_with_the_indicator_named(tree, t, key, text, message):
    task = _task(t, key, 6)
    with pytest.raises(ValidationError) as caught:
        services.report_value(user=tree.users.xa1, task=task, value=text)
    assert message in " ".join(caught.value.messages)
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN
    assert not IndicatorValue.objects.filter(kind=Kind.ACTUAL_HALF).exists()


def test_activity_progress_with_evidence(tree, t, coop_user):
    task = _task(t, "Bê tông hóa đường thôn A1", 6)
    photo = SimpleUploadedFile("nghiem-thu.pdf", PDF, content_type="application/pdf")
    services.report_progress(
        user=coop_user,
        task=task,
        status="in_progress",
        percent_done="60",
        spent="320.000.000",
        files=[photo],
    )
    task.refresh_from_db()
    assert (task.status, task.percent_done, task.spent) == (TaskStatus.REPORTED, 60, 320_000_000)
    evidence = Evidence.objects.get(task=task)
    assert evidence.size == len(PDF) and evidence.file.read() == PDF
    row = t.rows["Bê tông hóa đường thôn A1"]
    row.refresh_from_db()
    assert (row.progress_status, row.percent_done) == ("in_progress", 60)
    assert Event.objects.filter(verb="monitoring.evidence_added").exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"percent_done": "120"}, "percent_done", "từ 0 đến 100"),
        ({"percent_done": "abc"}, "percent_done", "từ 0 đến 100"),
        ({"status": "completed", "percent_done": "80"}, "percent_done", "100 phần trăm"),
        ({"spent": "-1"}, "spent", "không âm"),
        ({"spent": "9000000000000"}, "spent", "số chữ số 0"),
        ({"status": "flying"}, "progress_status", "danh sách"),
    ],
)
def test_bad_progress_is_refused_and_nothing_saved(tree, t, coop_user, fields, field, message):
    task = _task(t, "Bê tông hóa đường thôn A1", 3)
    data = {"status": "in_progress", "percent_done": "10", "spent": "0"} | fields
    with pytest.raises(ValidationError) as caught:
        services.report_progress(user=coop_user, task=task, **data)
    assert message in " ".join(caught.value.message_dict[field])
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "chỉ nhận"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "không thực sự là tệp PDF"),
        ("empty.png", b"", "rỗng"),
    ],
)
def test_wrong_evidence_files_are_refused(tree, t, coop_user, name, content, message):
    task = _task(t, "Bê tông hóa đường thôn A1", 3)
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(ValidationError) as caught:
        services.report_progress(
            user=coop_user, task=task, status="in_progress", percent_done=5, spent=0, files=[upload]
        )
    assert message in " ".join(caught.value.message_dict["files"])
    assert not Evidence.objects.exists()
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN


def test_evidence_larger_than_10_mb_is_refused(tree, t, coop_user):
    task = _task(t, "Bê tông hóa đường thôn A1", 3)
    big = SimpleUploadedFile("scan.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError, match="10 MB"):
        services.report_progress(
            user=coop_user, task=task, status="in_progress", percent_done=5, spent=0, files=[big]
        )


def test_an_agency_sees_and_reports_only_its_own_tasks(tree, t, coop_user, login):
    coop_task = _task(t, "Bê tông hóa đường thôn A1", 3)
    group_task = _task(t, "san-luong-lua", 3)
    client = login(coop_user)
    page = client.get(reverse("monitoring-work-mine")).content.decode()
    assert "Bê tông hóa đường thôn A1" in page and "Sản lượng lúa" not in page
    assert client.get(reverse("monitoring-task-detail", args=[coop_task.pk])).status_code == 200
    assert client.get(reverse("monitoring-task-detail", args=[group_task.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.report_value(user=coop_user, task=group_task, value="1")
    # The school (another agency of the commune) and outsiders see nothing.
    for user in (tree.users.truong1, tree.users.outsider, tree.users.xa3):
        response = login(user).get(reverse("monitoring-task-detail", args=[coop_task.pk]))
        assert response.status_code == 404
    # The plan's group sees the cooperative's task (its plan) but does not report for it.
    assert (
        login(tree.users.xa1)
        .get(reverse("monitoring-task-detail", args=[coop_task.pk]))
        .status_code
        == 200
    )
    with pytest.raises(PermissionDenied):
        services.report_progress(
            user=tree.users.xa1, task=coop_task, status="in_progress", percent_done=1, spent=0
        )


def test_reporting_through_the_page_and_downloading_evidence(tree, t, coop_user, login):
    task = _task(t, "Bê tông hóa đường thôn A1", 6)
    client = login(coop_user)
    url = reverse("monitoring-task-detail", args=[task.pk])
    bad = client.post(url, {"progress_status": "in_progress", "percent_done": "150", "spent": "0"})
    assert bad.status_code == 400 and "từ 0 đến 100" in bad.content.decode()
    upload = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    good = client.post(
        url,
        {"progress_status": "in_progress", "percent_done": "40", "spent": "1.000", "files": upload},
    )
    assert good.status_code == 302
    evidence = Evidence.objects.get(task=task)
    download = reverse("monitoring-evidence-download", args=[task.pk, evidence.pk])
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert login(tree.users.outsider).get(download).status_code == 404
    assert login(tree.users.truong1).get(download).status_code == 404


def test_the_work_list_shows_the_monitoring_summary(tree, t, login):
    page = login(tree.users.xa1).get(reverse("cycles-task-mine")).content.decode()
    assert "sedp-monitoring-work" in page
    assert reverse("monitoring-work-mine") in page


def test_scheduler_starts_monitoring_of_approved_plans(tree):
    t = commune_plan(tree)
    services.framework_prefill(user=tree.users.xa1, plan=t.plan)
    fill_framework(tree, t.plan)
    assert services.start_monitoring_of_approved_plans() == 0  # still a draft
    approve(t.plan)
    assert services.start_monitoring_of_approved_plans() == 4 * 4


def test_more_than_ten_evidence_files_are_refused(tree, t, coop_user):
    task = _task(t, "Bê tông hóa đường thôn A1", 3)
    files = [SimpleUploadedFile(f"anh-{n}.pdf", PDF) for n in range(11)]
    with pytest.raises(ValidationError, match="Tối đa 10 tệp"):
        services.report_progress(
            user=coop_user, task=task, status="in_progress", percent_done=5, spent=0, files=files
        )
    assert not Evidence.objects.exists()


def test_the_approval_hook_starts_monitoring_of_a_complete_framework(tree):
    from sedp.monitoring.hooks import on_plan_approved

    t = commune_plan(tree)
    approve(t.plan)
    assert on_plan_approved(t.plan) == 0  # no framework yet: nothing, no error
    t.plan.status = "draft"
    t.plan.save(update_fields=["status"])
    services.framework_prefill(user=tree.users.xa1, plan=t.plan)
    fill_framework(tree, t.plan)
    approve(t.plan)
    assert on_plan_approved(t.plan) == 4 * 4
    assert Event.objects.filter(verb="monitoring.started", actor=None).exists()
