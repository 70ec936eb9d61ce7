"""Reading generated documents back in tests."""

from docx import Document
from docx.oxml.ns import qn

from sedp.documents.services import document_request


def generate(user, kind, obj, fmt="docx", target="plan"):
    document, _queued = document_request(
        user=user, kind_code=kind, target_code=target, pk=obj.pk, fmt=fmt
    )
    assert document.status == "done", document.error
    return document


def open_docx(document):
    return Document(document.file.path)


def body_texts(docx) -> list[str]:
    """Every paragraph of the body (tables excluded), in order, without empty ones."""
    return [p.text for p in docx.paragraphs if p.text.strip()]


def all_texts(docx) -> str:
    """All text, tables included (for presence checks)."""
    return "\n".join(t.text or "" for t in docx.element.body.iter(qn("w:t")))


def table_rows(table) -> list[list[str]]:
    """Rows of a table as lists of cell texts, read in one pass over the XML."""
    rows = []
    for tr in table._tbl.iter(qn("w:tr")):
        rows.append(
            ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.iter(qn("w:tc"))]
        )
    return rows
