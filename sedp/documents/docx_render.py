"""Rendering a .docx template with docxtpl, and converting it to PDF with LibreOffice."""

import hashlib
import os
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from sedp.documents.registry import TEMPLATES_DIR

# The Debian package that provides a headless LibreOffice Writer.
LIBREOFFICE_PACKAGE = "libreoffice-writer-nogui"
PDF_TIMEOUT_SECONDS = 600


def render_docx(template_path: Path, context: dict, out_path: Path) -> None:
    """Fill the template's tags. docxtpl renders the document XML in one pass (Jinja), so
    table loops (`{%tr for %}`) are linear in their rows. Autoescape keeps '&' and '<' in
    activity titles from breaking the XML."""
    from docxtpl import DocxTemplate

    document = DocxTemplate(str(template_path))
    document.render(context, autoescape=True)
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
