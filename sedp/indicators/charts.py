"""Server-rendered SVG charts (no JavaScript library: pages stay light on slow links).

Every label is escaped; the markup is built from numbers and escaped text only.
"""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

from sedp.indicators.display import format_number

WIDTH = 680
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 40


def _scale(values):
    low = min([Decimal(0)] + values)
    high = max(values) if values else Decimal(1)
    if high == low:
        high = low + 1
    return low, high + (high - low) * Decimal("0.1")


def line_chart(lines, *, decimals=0, title="", height=280):
    """lines: [(label, css class, dashed, [(x label, value)])] sharing the same x labels."""
    xs = sorted({x for _l, _c, _d, points in lines for x, _v in points})
    values = [Decimal(v) for _l, _c, _d, points in lines for _x, v in points]
    if not xs or not values:
        return ""
    low, high = _scale(values)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, height - TOP - BOTTOM
    step = plot_w / max(len(xs) - 1, 1)

    def px(x):
        return LEFT + xs.index(x) * step if len(xs) > 1 else LEFT + plot_w / 2

    def py(v):
        return TOP + plot_h - float((Decimal(v) - low) / (high - low)) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'class="sedp-chart" role="img" aria-label="{escape(title)}">'
    ]
    for i in range(5):
        value = low + (high - low) * i / 4
        y = py(value)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(format_number(value, decimals))}</text>"
        )
    for x in xs:
        parts.append(
            f'<text x="{px(x):.1f}" y="{height - BOTTOM + 18}" text-anchor="middle">'
            f"{escape(x)}</text>"
        )
    legend_x = LEFT
    for label, css, dashed, points in lines:
        coords = " ".join(f"{px(x):.1f},{py(v):.1f}" for x, v in points)
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        parts.append(f'<polyline points="{coords}" class="line {css}"{dash}/>')
        for x, v in points:
            parts.append(
                f'<circle cx="{px(x):.1f}" cy="{py(v):.1f}" r="4" class="dot {css}">'
                f"<title>{escape(label)} {escape(x)}: {escape(format_number(v, decimals))}</title>"
                "</circle>"
            )
        parts.append(
            f'<rect x="{legend_x}" y="{height - 14}" width="14" height="4" class="key {css}"/>'
            f'<text x="{legend_x + 20}" y="{height - 9}">{escape(label)}</text>'
        )
        legend_x += 30 + 8 * len(label)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is a number or escaped


def bar_chart(bars, *, decimals=0, reference=None, reference_label="", title=""):
    """bars: [(label, value)] drawn horizontally; reference: a vertical line (e.g. the total)."""
    if not bars:
        return ""
    label_w, row_h = 190, 26
    height = TOP + row_h * len(bars) + BOTTOM
    values = [Decimal(v) for _l, v in bars] + ([Decimal(reference)] if reference else [])
    low, high = _scale(values)
    plot_w = WIDTH - label_w - RIGHT - 50

    def px(v):
        return label_w + float((Decimal(v) - low) / (high - low)) * plot_w

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'class="sedp-chart" role="img" aria-label="{escape(title)}">'
    ]
    for i, (label, value) in enumerate(bars):
        y = TOP + i * row_h
        shown = escape(format_number(value, decimals))
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{escape(label[:32])}</text>'
            f'<rect x="{px(low):.1f}" y="{y + 4}" width="{max(px(value) - px(low), 1):.1f}" '
            f'height="{row_h - 8}" class="bar"><title>{escape(label)}: {shown}</title></rect>'
            f'<text x="{px(value) + 6:.1f}" y="{y + 16}">{shown}</text>'
        )
    if reference is not None:
        x = px(reference)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP - 6}" y2="{height - BOTTOM + 4}" '
            f'class="reference"/><text x="{x:.1f}" y="{height - 12}" text-anchor="middle">'
            f"{escape(reference_label)}: {escape(format_number(reference, decimals))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is a number or escaped
