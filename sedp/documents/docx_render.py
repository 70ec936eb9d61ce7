"""Rendering a .docx template with docxtpl, and converting it to PDF with LibreOffice."""

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings

from sedp.documents.registry import TEMPLATES_DIR

# The Debian package that provides a headless LibreOffice Writer.
LIBREOFFICE_PACKAGE = "libreoffice-writer-nogui"
PDF_TIMEOUT_SECONDS = 600


# Text with a tab, a bell (new paragraph), a newline or a form feed inside a w:t element:
# only then does docxtpl's listing pass have anything to do.
_LISTING_CHARS = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")


WP_NAMESPACE = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def etree_to_string(element) -> str:
    from lxml import etree

    return etree.tostring(element, encoding="unicode")


def _template_class():
    from docxtpl import DocxTemplate

    class LinearDocxTemplate(DocxTemplate):
        """docxtpl with two post-processing passes skipped when they have nothing to do: on
        a 2,000-row annex they took two thirds of the render time. The listing pass turns
        tabs and newlines inside text into Word runs (our context splits text into blocks,
        so it rarely finds any; when it would, it runs); fix_tables pads rows after
        `{%tc %}` column loops, which these templates do not use (so only the parse is kept).
        """

        def resolve_listing(self, xml):
            if _LISTING_CHARS.search(xml) is None:
                return xml
            return super().resolve_listing(xml)

        def patch_xml(self, xml):
            # Look for column loops in the template's text (tags may be split across runs).
            text = re.sub(r"<[^>]+>", "", xml)
            self.column_loops = re.search(r"\{%-?\s*tc\b", text) is not None
            return super().patch_xml(xml)

        def fix_tables(self, xml):
            if getattr(self, "column_loops", True):
                return super().fix_tables(xml)
            # Parse the rendered body inside its whole document, once: docxtpl parses the
            # body alone and moves it into the document, and lxml's move between documents
            # took half the render time on a 10,000-row annex, growing faster than the rows.
            from docx.oxml.parser import parse_xml

            document = etree_to_string(self.docx._element)
            start = document.index("<w:body")
            end = document.rindex("</w:body>") + len("</w:body>")
            return parse_xml(document[:start] + xml + document[end:])

        def fix_docpr_ids(self, tree):
            from lxml import etree

            # python-docx elements take no `namespaces=`; the plain lxml XPath does.
            find = etree.XPath("//wp:docPr", namespaces={"wp": WP_NAMESPACE})
            for element in find(tree):
                self.docx_ids_index += 1
                element.attrib["id"] = str(self.docx_ids_index)

        def map_tree(self, tree):
            if tree.tag == self.docx._element.tag:  # a whole document (fix_tables above)
                self.docx._part._element = tree
                self.docx._element = tree
            else:
                super().map_tree(tree)

    return LinearDocxTemplate


def _attributes(value):
    """Dicts (and lists of them) as attribute objects: Jinja resolves `r.name` by getattr
    first and only then by key, and the failed getattr of a dict costs an exception per
    cell (a third of the render on a 10,000-row annex)."""
    if isinstance(value, dict):
        return SimpleNamespace(**value)
    if isinstance(value, list):
        return [_attributes(item) for item in value]
    return value


def render_docx(template_path: Path, context: dict, out_path: Path) -> None:
    """Fill the template's tags. docxtpl renders the document XML in one pass (Jinja), so
    table loops (`{%tr for %}`) are linear in their rows. Autoescape keeps '&' and '<' in
    activity titles from breaking the XML."""
    document = _template_class()(str(template_path))
    document.render({key: _attributes(value) for key, value in context.items()}, autoescape=True)
    document.save(str(out_path))


def _template_mtimes() -> tuple:
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in TEMPLATES_DIR.glob("*.docx")))


@lru_cache(maxsize=8)
def _fingerprint(mtimes: tuple) -> str:
    digest = hashlib.sha256()
    for name, _mtime in mtimes:
        digest.update(name.encode())
        digest.update((TEMPLATES_DIR / name).read_bytes())
    return digest.hexdigest()[:10]


def templates_fingerprint() -> str:
    """A short hash of the templates' bytes: a template edited in Word re-renders files."""
    return _fingerprint(_template_mtimes())


def soffice_path() -> str | None:
    """LibreOffice's command, if installed (DOCUMENTS_SOFFICE overrides the search)."""
    configured = getattr(settings, "DOCUMENTS_SOFFICE", None)
    if configured is not None:
        return configured or None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx_path: Path, out_path: Path) -> None:
    """docx → PDF with a headless LibreOffice. Each run gets its own profile directory:
    two conversions sharing one profile block each other (or fail) on the profile lock."""
    soffice = soffice_path()
    if not soffice:
        raise RuntimeError(f"LibreOffice is not installed ({LIBREOFFICE_PACKAGE})")
    with tempfile.TemporaryDirectory(prefix="sedp-lo-") as work:
        work = Path(work)
        profile = (work / "profile").as_uri()
        result = subprocess.run(  # noqa: S603 — fixed arguments, no shell
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(docx_path),
            ],
            capture_output=True,
            timeout=PDF_TIMEOUT_SECONDS,
            env={**os.environ, "HOME": str(work)},
            check=False,
        )
        produced = work / (docx_path.stem + ".pdf")
        if result.returncode != 0 or not produced.exists():
            message = (result.stderr or result.stdout).decode(errors="replace")[-500:]
            raise RuntimeError(f"LibreOffice could not convert the document: {message}")
        shutil.move(str(produced), str(out_path))
