"""Build sedp/consultation/docx_templates/consultation_feedback.docx (run once; committed).

    .venv/bin/python tools/build_consultation_template.py

The commune's written feedback to residents on their comments (seed, commune step 6): the
Decree 30 letter layout of tools/build_document_templates.py with a table of the comments,
each with what it is about, the answer (accepted / explained / not accepted) and the reason.
As with the other templates, once edited in Word, edit it by hand from then on.
"""

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "sedp" / "consultation" / "docx_templates" / "consultation_feedback.docx"


def _builder():
    spec = importlib.util.spec_from_file_location("templates", HERE / "build_document_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    b = _builder()
    columns = [
        ("STT", "r.no", 10, b.C),
        ("Nội dung được góp ý", "r.about", 35, b.L),
        ("Ý kiến của Nhân dân", "r.comment", 55, b.L),
        ("Kết quả tiếp thu", "r.outcome", 25, b.L),
        ("Giải trình, lý do", "r.reason", 40, b.L),
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    b.letter_template(OUT, table_columns=columns, table_rows="comment_rows")
    print(f"Template written to {OUT}")


if __name__ == "__main__":
    main()
