"""Server-rendered SVG charts: trend against targets, spread across child units."""

from django.urls import reverse

from sedp.indicators import charts
from sedp.indicators.models import Kind

from .conftest import YEAR


def test_line_chart_escapes_labels_and_draws_each_series():
    svg = charts.line_chart(
        [("Thực hiện <b>", "actual", False, [("2024", 1), ("2025", 3)]),
         ("Kế hoạch", "target", True, [("2025", 2), ("2026", 4)])],
    )  # fmt: skip
    assert svg.startswith("<svg") and svg.count("<polyline") == 2
    assert "&lt;b&gt;" in svg and "<b>" not in svg
    assert 'stroke-dasharray="6 4"' in svg  # the target line is dashed


def test_bar_chart_draws_one_bar_per_unit_and_the_reference_line():
    svg = charts.bar_chart([("Thôn A1", 10), ("Thôn A2", 50)], reference=13, reference_label="Xã")
    assert svg.count('class="bar"') == 2 and 'class="reference"' in svg and "Xã: 13" in svg


def test_empty_charts_render_nothing():
    assert charts.line_chart([("x", "actual", False, [])]) == ""
    assert charts.bar_chart([]) == ""


def test_chart_page_shows_trend_targets_and_the_villages_rates(tree, catalogue, put, login):
    put(tree.commune1, "ho-ngheo", 30, Kind.ACTUAL_PREVIOUS, YEAR)
    put(tree.commune1, "ho-ngheo", 25, Kind.ESTIMATE, YEAR)
    put(tree.commune1, "ho-ngheo", 24, Kind.PLAN, YEAR)
    put(tree.commune1, "ho-ngheo", 20, Kind.PROPOSED, YEAR)
    for village, households, poor in [(tree.village1, 100, 10), (tree.village2, 10, 5)]:
        put(village, "ho-dan", households, Kind.ESTIMATE)
        put(village, "ho-ngheo", poor, Kind.ESTIMATE)
    client = login(tree.users.xa1)
    rate = reverse(
        "indicators-chart-detail", args=[tree.commune1.pk, catalogue["ty-le-ho-ngheo"].pk]
    )
    html = client.get(rate, {"year": YEAR, "kind": Kind.ESTIMATE}).content.decode()
    assert "Thôn A1" in html and "50,00" in html and "13,64" in html  # bars and the true total
    poor = reverse("indicators-chart-detail", args=[tree.commune1.pk, catalogue["ho-ngheo"].pk])
    html = client.get(poor, {"year": YEAR}).content.decode()
    assert html.count("<polyline") == 2 and ">2026<" in html  # actuals and targets to X+1
    assert client.get(poor.replace(str(tree.commune1.pk), str(tree.commune3.pk))).status_code == 404


def test_a_unit_without_its_own_figures_charts_the_roll_up_over_the_years(
    tree, catalogue, put, login
):
    for year, poor in [(YEAR - 1, 20), (YEAR, 15)]:
        put(tree.village1, "ho-dan", 100, Kind.ESTIMATE, year)
        put(tree.village1, "ho-ngheo", poor, Kind.ESTIMATE, year)
    url = reverse(
        "indicators-chart-detail", args=[tree.commune1.pk, catalogue["ty-le-ho-ngheo"].pk]
    )
    html = login(tree.users.xa1).get(url, {"year": YEAR}).content.decode()
    assert "Tổng hợp từ cấp dưới 2024: 20,00" in html and "2025: 15,00" in html
