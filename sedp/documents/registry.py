"""The registry of document kinds: what can be generated from what.

A *target* is a kind of object documents are made from ("plan", "meeting"): how to fetch it
within a user's scope (404 outside), how to load it in the background worker, and what state
of it a file stands for (its plan version, or a fingerprint of its content). A *document
kind* is one document (the plan, its submission, the minutes of a meeting…): which targets
it applies to, which formats it comes in and how it is written.

Other apps add their documents from their AppConfig.ready():

    from sedp.documents.registry import DocxKind, register
    register(DocxKind(code="directive", label=_("Directive"), target="plan",
                      template="directive.docx", context=my_context,
                      applies=lambda plan: plan.kind == "province_plan",
                      filename=lambda plan: f"chi-thi-{plan.plan_year}"))

and the plan (or meeting) page lists it with its download links; rendering, caching by
version, PDF conversion and the progress page come for free. See docs/architecture.md.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sedp.documents.models import Format

TEMPLATES_DIR = Path(__file__).resolve().parent / "docx_templates"


@dataclass(frozen=True)
class Target:
    code: str
    get_for_user: Callable  # (user, pk) -> object, Http404 outside the user's scope
    load: Callable  # (pk) -> object, for the background worker (the request was checked)
    state: Callable  # (object) -> (PlanVersion | None, fingerprint text)
    unit_of: Callable  # (object) -> AdminUnit, for the event log
    page_url: Callable  # (object) -> URL of its page, to go back to


@dataclass(frozen=True)
class DocumentKind:
    code: str
    label: object  # a lazy gettext string
    target: str
    formats: tuple = (Format.DOCX, Format.PDF)
    applies: Callable = field(default=lambda obj: True)
    filename: Callable = field(default=lambda obj: "document")
    # (object, out_path, fmt, report) -> None; report(percent, step) shows progress
    write: Callable | None = None
    # an extra fingerprint part for documents that read more than their target (feedback
    # to a village reads its commune's plan); None: the target's state alone
    extra_state: Callable | None = None
    order: int = 100

    def template_salt(self) -> str:
        """Changes when the layout changes (a template edited in Word), so files re-render."""
        return ""


@dataclass(frozen=True)
class DocxKind(DocumentKind):
    """A document written from a .docx template (docxtpl) and a context function."""

    template: str | Callable = ""  # file name in docx_templates/, or (object) -> file name
    context: Callable | None = None  # (object, report) -> dict

    def template_path(self, obj) -> Path:
        name = self.template(obj) if callable(self.template) else self.template
        return TEMPLATES_DIR / name

    def template_salt(self) -> str:
        from sedp.documents.docx_render import templates_fingerprint

        return templates_fingerprint()


_TARGETS: dict[str, Target] = {}
_KINDS: dict[str, DocumentKind] = {}


def register_target(target: Target) -> None:
    _TARGETS[target.code] = target


def register(kind: DocumentKind) -> None:
    if kind.target not in _TARGETS:
        raise ValueError(f"Register the target {kind.target!r} before the kind {kind.code!r}")
    _KINDS[kind.code] = kind


def get_target(code: str) -> Target | None:
    return _TARGETS.get(code)


def get_kind(code: str) -> DocumentKind | None:
    return _KINDS.get(code)


def kinds_for(target_code: str, obj) -> list[DocumentKind]:
    """The document kinds that apply to an object, in display order."""
    kinds = [k for k in _KINDS.values() if k.target == target_code and k.applies(obj)]
    return sorted(kinds, key=lambda k: (k.order, k.code))
