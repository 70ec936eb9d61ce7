"""Where the work of a task is done. Later apps register a link per output code
(e.g. the village proposal form page for "thon.proposal"); tasks without one link to their
own page, where they are marked done with evidence."""

from collections.abc import Callable

from django.urls import reverse

_LINKS: dict[str, Callable] = {}


def register_output_link(output_code: str, url_for_task: Callable) -> None:
    """`url_for_task(task) -> str` gives the page where `output_code` is produced."""
    _LINKS[output_code] = url_for_task


def work_url(task, output_codes=()) -> str:
    for code in output_codes:
        if code in _LINKS:
            return _LINKS[code](task)
    return reverse("cycles-task-detail", args=[task.pk])
