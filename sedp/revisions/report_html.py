"""The rows of the change report, rendered in Python: a provincial update changes thousands of
activity fields and the template engine would spend most of a second on them.

Every piece of text is escaped with html.escape before it is put in a row; only the tags
written here are markup.
"""

from html import escape

from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from sedp.revisions.diff import ADDED, CHANGED, REMOVED

ROW_CLASS = {ADDED: "table-success", REMOVED: "table-danger", CHANGED: ""}


def _causes(causes, fallback: str) -> str:
    if not causes:
        return f'<span class="text-muted">{escape(fallback)}</span>'
    parts = []
    for c in causes:
        reason = f" — <em>{escape(c.reason)}</em>" if c.reason else ""
        when = localtime(c.when).strftime("%d/%m/%Y")
        parts.append(f"<div>{when} · {escape(c.who)}: {escape(c.what)}{reason}</div>")
    return "".join(parts)


def _cached_causes(fallback):
    """The fields changed on one activity share its causes: render them once."""
    rendered = {}

    def causes_of(change):
        key = id(change.causes)
        if key not in rendered:
            rendered[key] = _causes(change.causes, fallback)
        return rendered[key]

    return causes_of


def activity_rows(changes, fallback) -> str:
    labels = {ADDED: _("added"), REMOVED: _("removed"), CHANGED: _("changed")}
    causes_of = _cached_causes(fallback)
    rows = [
        f'<tr class="{ROW_CLASS[c.change]}"><td>{escape(c.subject)}</td>'
        f"<td>{escape(labels[c.change])}</td><td>{escape(c.aspect)}</td>"
        f'<td class="text-end">{escape(c.before)}</td><td class="text-end">{escape(c.after)}</td>'
        f"<td>{causes_of(c)}</td></tr>"
        for c in changes
    ]
    return mark_safe("".join(rows))  # noqa: S308 — every text above is escaped


def indicator_rows(changes, fallback) -> str:
    causes_of = _cached_causes(fallback)
    rows = [
        f'<tr><td>{escape(c.subject)}</td><td class="text-end">{escape(c.before)}</td>'
        f'<td class="text-end">{escape(c.after)}</td><td>{causes_of(c)}</td></tr>'
        for c in changes
    ]
    return mark_safe("".join(rows))  # noqa: S308 — every text above is escaped
