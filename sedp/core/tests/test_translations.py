"""The Vietnamese catalogue is complete: every msgid in the code has a translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib

from sedp.core.text import format_vnd, unaccent

ROOT = Path(__file__).resolve().parents[3]
CATALOGUE = ROOT / "sedp" / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_every_message_in_the_code_is_translated_to_vietnamese(tmp_path):
    # Extract the messages from a copy of the code, so the real catalogue is not touched.
    shutil.copytree(
        ROOT / "sedp",
        tmp_path / "sedp",
        ignore=shutil.ignore_patterns("static", "__pycache__", "*.mo"),
    )
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--no-location", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    extracted = polib.pofile(str(tmp_path / "sedp/locale/vi/LC_MESSAGES/django.po"))
    catalogue = polib.pofile(str(CATALOGUE))
    translated = {(e.msgctxt, e.msgid) for e in catalogue.translated_entries() if not e.obsolete}
    missing = [e.msgid for e in extracted if (e.msgctxt, e.msgid) not in translated]
    assert missing == [], f"untranslated messages: {missing}"
    assert catalogue.fuzzy_entries() == []


def test_compiled_catalogue_is_up_to_date():
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    source = polib.pofile(str(CATALOGUE))

    def table(entries):
        return {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in entries}

    assert table(compiled) == table(source.translated_entries()), (
        "run `make messages` to recompile django.mo"
    )


def test_text_helpers():
    assert unaccent("Đồng Văn  ") == "dong van"
    assert unaccent("Thị trấn Bát Xát") == "thi tran bat xat"
    assert format_vnd(1234567.4) == "1.234.567"
    assert format_vnd(None) == ""
