"""THE one place where documents meet the planning calendar: issuing a document completes
the issuer's tasks producing it (its kind is the output code), and the task list's
"Thực hiện" link of such a task opens the issuing form with the kind chosen."""

from django.urls import reverse

from sedp.cycles.outputs import register_output_link
from sedp.cycles.services import complete_tasks_for_output
from sedp.directives.kinds import KINDS

# Outputs recorded by another page (the group set-up in sedp.groups) keep their own link.
OWN_PAGE_ELSEWHERE = {"xa.group_decision"}


def on_issued(document, event) -> int:
    return complete_tasks_for_output(agency=document.issuer, output_code=document.kind, event=event)


def _issue_url(code):
    def url(task):
        return f"{reverse('directives-document-create')}?kind={code}&issuer={task.agency_id}"

    return url


def register_work_pages() -> None:
    for kind in KINDS:
        if kind.code not in OWN_PAGE_ELSEWHERE:
            register_output_link(kind.code, _issue_url(kind.code))
