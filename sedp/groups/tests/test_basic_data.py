"""The village basic-data form: the catalogue's village items, saved through the indicators
services all or nothing, on a phone or through the Excel grid; complete, it closes the task."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sedp.cycles.models import Task, TaskStatus
from sedp.groups import basic_data
from sedp.indicators.catalogue import ensure_catalogue
from sedp.indicators.models import IndicatorValue, Kind, Rule
from sedp.territory.reference import ensure_sectors

YEAR = 2026


@pytest.fixture
def catalogue(tree):
    ensure_sectors()
    ensure_catalogue()


def full_entries(tree):
    entries = {}
    for indicator in basic_data.basic_data_indicators(tree.village1):
        entries[indicator.code] = "1"
    entries.update({"ho-dan": "150", "dan-so": "720", "nhan-khau-dtts": "700", "ho-ngheo": "40"})
    return entries


def test_the_form_lists_the_entered_village_items_not_the_computed_ones(tree, catalogue):
    items = basic_data.basic_data_indicators(tree.village1)
    codes = {i.code for i in items}
    assert {"ho-dan", "dan-so", "ho-ngheo", "duong-truc-thon"} <= codes
    assert "ty-le-ho-ngheo" not in codes  # a ratio: computed from households
    assert all(i.rule not in {Rule.RATIO, Rule.DERIVED, Rule.COUNT} for i in items)
    assert all(i.applies_to("thon") for i in items)


def test_a_complete_form_is_saved_and_completes_the_task(tree, catalogue, cycle):
    changed, missing = basic_data.basic_data_save(
        user=tree.users.thon1, agency=tree.vgroup1, report_year=YEAR, entries={"ho-dan": "150"}
    )
    assert (changed, missing) == (1, len(basic_data.basic_data_indicators(tree.village1)) - 1)
    task = Task.objects.get(cycle=cycle, agency=tree.vgroup1, activity__code="V2.1")
    assert task.status == TaskStatus.OPEN
    changed, missing = basic_data.basic_data_save(
        user=tree.users.thon1, agency=tree.vgroup1, report_year=YEAR, entries=full_entries(tree)
    )
    assert missing == 0
    value = IndicatorValue.objects.get(unit=tree.village1, indicator__code="dan-so",
                                       report_year=YEAR, kind=Kind.ESTIMATE)  # fmt: skip
    assert value.value == 720 and value.entered_by == tree.users.thon1
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.output_event.verb == "basic_data.completed"


def test_one_wrong_value_saves_nothing(tree, catalogue):
    entries = full_entries(tree) | {"nhan-khau-dtts": "900", "dien-tich-lua": "nhiều"}
    with pytest.raises(ValidationError) as error:
        basic_data.basic_data_save(user=tree.users.thon1, agency=tree.vgroup1,
                                   report_year=YEAR, entries=entries)  # fmt: skip
    messages = error.value.message_dict
    assert "không được lớn hơn “Dân số trung bình”" in messages["nhan-khau-dtts"][0]
    assert "không phải là số" in messages["dien-tich-lua"][0]
    assert not IndicatorValue.objects.filter(unit=tree.village1).exists()


def test_lowering_a_denominator_and_its_numerator_together_is_accepted(tree, catalogue):
    basic_data.basic_data_save(user=tree.users.thon1, agency=tree.vgroup1, report_year=YEAR,
                               entries={"ho-dan": "150", "ho-ngheo": "40"})  # fmt: skip
    basic_data.basic_data_save(user=tree.users.thon1, agency=tree.vgroup1, report_year=YEAR,
                               entries={"ho-dan": "30", "ho-ngheo": "20"})  # fmt: skip
    values = dict(IndicatorValue.objects.filter(unit=tree.village1).values_list(
        "indicator__code", "value"))  # fmt: skip
    assert values["ho-dan"] == 30 and values["ho-ngheo"] == 20


def test_only_the_village_group_and_the_commune_enter_it(tree, catalogue, login):
    with pytest.raises(PermissionDenied):
        basic_data.basic_data_save(user=tree.users.thon2, agency=tree.vgroup1,
                                   report_year=YEAR, entries={"ho-dan": "1"})  # fmt: skip
    url = reverse("groups-basic-data", args=[tree.vgroup1.pk]) + f"?year={YEAR}"
    assert login(tree.users.thon2).get(url).status_code == 404
    assert login(tree.users.outsider).get(url).status_code == 404
    assert login(tree.users.xa3).post(url, {"v-ho-dan": "3"}).status_code == 404
    page = login(tree.users.viewer1).get(url)
    assert page.status_code == 200 and "disabled" in page.content.decode()
    assert login(tree.users.viewer1).post(url, {"v-ho-dan": "3"}).status_code == 403


def test_the_phone_page_saves_and_shows_errors_in_place(tree, catalogue, login,
                                                        django_assert_max_num_queries):  # fmt: skip
    client = login(tree.users.thon1)
    url = reverse("groups-basic-data", args=[tree.vgroup1.pk]) + f"?year={YEAR}"
    with django_assert_max_num_queries(15):
        page = client.get(url)
    assert page.status_code == 200 and 'inputmode="decimal"' in page.content.decode()
    assert client.post(url, {"v-ho-dan": "150", "v-dan-so": "700"}).status_code == 302
    bad = client.post(url, {"v-ho-dan": "150", "v-ho-ngheo": "400"})
    assert bad.status_code == 400 and "Chưa lưu gì" in bad.content.decode()
    assert 'value="400"' in bad.content.decode()
    assert not IndicatorValue.objects.filter(indicator__code="ho-ngheo").exists()


def test_the_excel_form_round_trips_through_the_indicator_grid(tree, catalogue, login):
    client = login(tree.users.thon1)
    download = client.get(reverse("groups-basic-data-xlsx", args=[tree.vgroup1.pk])
                          + f"?year={YEAR}")  # fmt: skip
    book = load_workbook(io.BytesIO(download.content))
    sheet = book.active
    estimate_column = (
        list(sheet[2]).index(next(c for c in sheet[2] if c.value == Kind.ESTIMATE)) + 1
    )
    for row in sheet.iter_rows(min_row=4):
        if row[0].value == "ho-dan":
            row[estimate_column - 1].value = 155
        if row[0].value == "ho-ngheo":
            row[estimate_column - 1].value = 999
    buffer = io.BytesIO()
    book.save(buffer)
    upload = reverse("groups-basic-data-upload", args=[tree.vgroup1.pk]) + f"?year={YEAR}"
    response = client.post(upload, {"file": SimpleUploadedFile("b.xlsx", buffer.getvalue())},
                           follow=True)  # fmt: skip
    assert "Chưa lưu gì" in response.content.decode()
    assert not IndicatorValue.objects.filter(unit=tree.village1).exists()
    client.post(upload, {"file": SimpleUploadedFile("b.xlsx", b"junk")})
    assert not IndicatorValue.objects.filter(unit=tree.village1).exists()
    for row in sheet.iter_rows(min_row=4):
        if row[0].value == "ho-ngheo":
            row[estimate_column - 1].value = 40
    buffer = io.BytesIO()
    book.save(buffer)
    client.post(upload, {"file": SimpleUploadedFile("b.xlsx", buffer.getvalue())})
    assert IndicatorValue.objects.get(unit=tree.village1, indicator__code="ho-dan",
                                      kind=Kind.ESTIMATE).value == 155  # fmt: skip


def _filled(tree, agency, year=YEAR, **values):
    book = load_workbook(io.BytesIO(basic_data.basic_data_export(agency=agency, report_year=year)))
    sheet = book.active
    column = list(sheet[2]).index(next(c for c in sheet[2] if c.value == Kind.ESTIMATE))
    for row in sheet.iter_rows(min_row=4):
        if row[0].value in values:
            row[column].value = values[row[0].value]
    return book


def _bytes(book):
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_another_villages_or_years_file_is_refused_and_nothing_saved(tree, catalogue, login):
    from sedp.core.models import Event
    from sedp.indicators.spreadsheet import ImportFailed

    events = Event.objects.count()
    other = _bytes(_filled(tree, tree.vgroup2, **{"ho-dan": 155}))
    with pytest.raises(ImportFailed) as failure:
        basic_data.basic_data_import(user=tree.users.thon1, agency=tree.vgroup1, report_year=YEAR,
                                     content=other)  # fmt: skip
    assert failure.value.errors == [
        "Tệp này là biểu số liệu cơ bản của Thôn A2, không phải của Thôn A1: hãy tải biểu "
        "của Thôn A1 về và điền vào."
    ]
    last_year = _bytes(_filled(tree, tree.vgroup1, year=YEAR - 1, **{"ho-dan": 155}))
    with pytest.raises(ImportFailed) as failure:
        basic_data.basic_data_import(user=tree.users.thon1, agency=tree.vgroup1,
                                     report_year=YEAR, content=last_year)  # fmt: skip
    assert "năm báo cáo 2025" in failure.value.errors[0]
    unstamped = _filled(tree, tree.vgroup2, **{"ho-dan": 155})
    unstamped.properties.identifier = None
    with pytest.raises(ImportFailed) as failure:
        basic_data.basic_data_import(user=tree.users.thon1, agency=tree.vgroup1, report_year=YEAR,
                                     content=_bytes(unstamped))  # fmt: skip
    assert "Thôn A2" in failure.value.errors[0] and "Thôn A1" in failure.value.errors[0]
    # another village's head cannot upload at all
    with pytest.raises(PermissionDenied):
        basic_data.basic_data_import(user=tree.users.thon2, agency=tree.vgroup1, report_year=YEAR,
                                     content=other)  # fmt: skip
    assert not IndicatorValue.objects.exists() and Event.objects.count() == events
    # through the page: the message is shown, nothing saved; the village's own file is taken
    client = login(tree.users.thon1)
    upload = reverse("groups-basic-data-upload", args=[tree.vgroup1.pk]) + f"?year={YEAR}"
    page = client.post(upload, {"file": SimpleUploadedFile("b.xlsx", other)}, follow=True)
    assert "không phải của Thôn A1" in page.content.decode()
    assert not IndicatorValue.objects.exists()
    own = _bytes(_filled(tree, tree.vgroup1, **{"ho-dan": 155}))
    client.post(upload, {"file": SimpleUploadedFile("b.xlsx", own)})
    assert IndicatorValue.objects.get(unit=tree.village1, indicator__code="ho-dan").value == 155
