"""Build the change report's .docx template (run once; the file is committed).

    .venv/bin/python tools/build_change_report_template.py

The report ("những nội dung thay đổi", sedp.revisions.change_document) has the layout of the
other official documents — Decree 30/2020/NĐ-CP, Appendix I, made with the same helpers as
tools/build_document_templates.py — and an annex on landscape pages: one table of every
change, grouped by indicators, activities, funding and text, with who, when and why.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_document_templates import (  # noqa: E402
    C,
    L,
    R,
    annex,
    body_blocks,
    heading_block,
    new_document,
    signature_block,
    title_block,
)

OUT = Path(__file__).resolve().parent.parent / "sedp" / "revisions" / "docx_templates"
CHANGE_COLUMNS = [
    ("STT", "r.no", 11, C),
    ("Nội dung", "r.subject", 52, L),
    ("Thay đổi", "r.change", 26, L),
    ("Trước", "r.before", 30, R),
    ("Sau", "r.after", 30, R),
    ("Người thực hiện, thời gian", "r.who", 38, L),
    ("Lý do, căn cứ", "r.why", 60, L),
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    doc = new_document()
    heading_block(doc)
    title_block(doc)
    body_blocks(doc)
    signature_block(doc)
    annex(doc, "01", "annex_title", CHANGE_COLUMNS, "change_rows", size=9)
    doc.save(OUT / "change_report.docx")
    print(f"Template written to {OUT / 'change_report.docx'}")


if __name__ == "__main__":
    main()
