"""The rows of the change report, rendered in Python: a provincial update changes thousands of
activity fields and the template engine would spend most of a second on them. Everything is
escaped by format_html."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

ROW_CLASS = {"added": "table-success", "removed": "table-danger"}


def causes_html(causes, fallback) -> str:
    if not causes:
        return format_html('<span class="text-muted">{}</span>', fallback)
    return format_html_join(
        "",
        "<div>{} · {}: {}{}</div>",
        (
            (
                localtime(c.when).strftime("%d/%m/%Y"),
                c.who,
                c.what,
                format_html(" — <em>{}</em>", c.reason) if c.reason else "",
            )
            for c in causes
        ),
    )


def activity_rows(changes, fallback) -> str:
    # The fields changed on one activity share its causes: render them once.
    rendered = {}

    def causes_of(change):
        key = id(change.causes)
        if key not in rendered:
            rendered[key] = causes_html(change.causes, fallback)
        return rendered[key]

    return mark_safe(  # noqa: S308 — every part below is built by format_html
        "".join(
            format_html(
                '<tr class="{}"><td>{}</td><td>{}</td><td>{}</td><td class="text-end">{}</td>'
                '<td class="text-end">{}</td><td>{}</td></tr>',
                ROW_CLASS.get(c.change, ""),
                c.subject,
                c.change_label,
                c.aspect,
                c.before,
                c.after,
                causes_of(c),
            )
            for c in changes
        )
    )


def indicator_rows(changes, fallback) -> str:
    return mark_safe(  # noqa: S308 — every part below is built by format_html
        "".join(
            format_html(
                '<tr><td>{}</td><td class="text-end">{}</td><td class="text-end">{}</td>'
                "<td>{}</td></tr>",
                c.subject,
                c.before,
                c.after,
                causes_html(c.causes, fallback),
            )
            for c in changes
        )
    )
