"""The targets cascade in real headless Chromium: a district planner allocates the district's
assigned targets to its communes, is told which row does not add up, corrects it and assigns;
the commune planner then reads, on a phone, the assigned figures beside its proposal and the
gap."""

import re

from tests import test_browser as base

pytestmark = base.pytestmark
browser = base.browser
ARTIFACTS, _log_in = base.ARTIFACTS, base._log_in
YEAR = 2026


def _district_with_targets(tree):
    """The province's targets issued to the districts (services), and Xã Một A's proposal."""
    from sedp.indicators.models import Kind
    from sedp.indicators.services import value_set
    from sedp.targets.services import allocation_issue, allocation_open, allocation_save
    from sedp.targets.tests.helpers import assign, catalogue, cell

    c = catalogue(tree)
    for key, value in [("households", 1000), ("poor", 100), ("rate", 10)]:
        assign(tree.users.skhdt, tree.province, c[key], value)
    allocation = allocation_open(user=tree.users.skhdt, unit=tree.province, report_year=YEAR)
    allocation_save(
        user=tree.users.skhdt,
        allocation=allocation,
        entries={
            cell(c["households"], tree.district1): "600",
            cell(c["households"], tree.district2): "400",
            cell(c["poor"], tree.district1): "60",
            cell(c["poor"], tree.district2): "40",
            cell(c["rate"], tree.district1): "10",
            cell(c["rate"], tree.district2): "10",
        },
    )
    allocation_issue(user=tree.users.skhdt, allocation=allocation)
    for key, value in [("households", "380"), ("poor", "45")]:
        value_set(
            user=tree.users.xa1,
            unit=tree.commune1,
            indicator=c[key],
            report_year=YEAR,
            kind=Kind.PROPOSED,
            value=value,
        )
    return {key: cell(c[key], tree.commune1) for key in c} | {
        f"{key}2": cell(c[key], tree.commune2) for key in c
    }


def test_a_district_allocates_to_its_communes_and_a_commune_sees_the_gap(
    transactional_db, tree, live_server, browser
):
    from playwright.sync_api import expect

    from conftest import PASSWORD

    cells = _district_with_targets(tree)
    page = browser.new_page(locale="vi-VN", viewport={"width": 1280, "height": 900})
    _log_in(page, live_server, "tckh1", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/targets/?year={YEAR}")
    page.get_by_role("link", name="Huyện Một").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Huyện Một")
    row = page.locator("tr").filter(has_text="Số hộ (hộ)")
    expect(row).to_contain_text("600")

    # 400 + 300 households: 100 more than the 600 the district was assigned.
    for name, value in [
        (cells["households"], "400"),
        (cells["households2"], "300"),
        (cells["poor"], "40"),
        (cells["poor2"], "20"),
        (cells["rate"], "10"),
        (cells["rate2"], "8"),
    ]:
        page.locator(f'input[name="{name}"]').fill(value)
    page.get_by_role("button", name="Lưu bảng phân bổ").click()
    expect(page.get_by_text("Đã lưu bảng phân bổ.")).to_be_visible()
    row = page.locator("tr").filter(has_text="Số hộ (hộ)")
    expect(row.locator("td.text-danger")).to_contain_text(
        "Các đơn vị cộng lại được 700, nhiều hơn 100 so với 600"
    )
    expect(page.get_by_text("Một số chỉ tiêu không khớp: hãy sửa trước khi giao.")).to_be_visible()
    expect(page.get_by_role("button", name="Giao chỉ tiêu")).to_be_disabled()
    # A ratio that its numerator and denominator contradict is named at its cell.
    expect(page.get_by_text(re.compile("Xã Một B, Tỷ lệ hộ nghèo: 8 không khớp"))).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "targets-allocation-errors.png"), full_page=True)

    page.locator(f'input[name="{cells["households2"]}"]').fill("200")
    page.locator(f'input[name="{cells["rate2"]}"]').fill("10")
    page.get_by_role("button", name="Lưu bảng phân bổ").click()
    row = page.locator("tr").filter(has_text="Số hộ (hộ)")
    expect(row).to_contain_text("Khớp với chỉ tiêu được giao")
    page.get_by_label("Căn cứ (nghị quyết, quyết định)").fill("Quyết định 12/QĐ-UBND huyện Một")
    page.get_by_role("button", name="Giao chỉ tiêu").click()
    expect(page.get_by_text("Đã giao 6 chỉ tiêu cho các đơn vị.")).to_be_visible()
    page.close()

    phone = browser.new_page(locale="vi-VN", viewport={"width": 390, "height": 844})
    _log_in(phone, live_server, "xa1", PASSWORD)
    phone.wait_for_url(f"{live_server.url}/")
    phone.goto(f"{live_server.url}/targets/?year={YEAR}")
    expect(phone.get_by_text(re.compile("Quyết định 12/QĐ-UBND huyện Một"))).to_be_visible()
    households = phone.locator("tr").filter(has=phone.get_by_text("Số hộ", exact=True))
    expect(households.locator("td")).to_have_text(["Số hộ", "hộ", "380", "400", "20"])
    poor = phone.locator("tr").filter(has_text="Số hộ nghèo")
    expect(poor.locator("td")).to_have_text(["Số hộ nghèo", "hộ", "45", "40", "-5"])
    expect(poor.locator("td.text-danger")).to_have_text("-5")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=str(ARTIFACTS / "targets-assigned-commune-phone.png"), full_page=True)
