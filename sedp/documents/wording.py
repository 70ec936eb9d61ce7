"""The fixed wording of documents: heading lines, place and date, signature, recipients.

Like the headings in outlines.py this is the text of the official document, in Vietnamese
whatever the interface language (Decree 30/2020: documents are issued in Vietnamese).
"""

import re

from sedp.core.text import format_vnd

# Type words that precede a unit's proper name ("Xã Mường Hum" → place "Mường Hum").
_TYPE_PREFIX = re.compile(
    r"^(tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn|thôn|bản|tổ dân phố|làng|xóm)\s+",
    re.IGNORECASE,
)


def upper(text: str) -> str:
    return (text or "").upper()


def place_name(unit) -> str:
    """The place in the date line: the unit's proper name without its type word."""
    return _TYPE_PREFIX.sub("", unit.name).strip() or unit.name


def in_text(unit) -> str:
    """The unit's name inside a sentence: 'xã Mường Hum', 'huyện Bát Xát'."""
    match = _TYPE_PREFIX.match(unit.name)
    if not match:
        return unit.name
    return match.group(0).lower() + unit.name[match.end() :]


def committee(unit) -> str:
    """'ỦY BAN NHÂN DÂN XÃ MƯỜNG HUM' — the issuing body of a unit."""
    return f"ỦY BAN NHÂN DÂN {upper(unit.name)}"


def committee_short(unit) -> str:
    """'UBND HUYỆN BÁT XÁT' — how the superior body is written above the issuer."""
    return f"UBND {upper(unit.name)}"


def superior_of(unit) -> str:
    """The superior body line of the heading; a province's People's Committee has none."""
    return committee_short(unit.parent) if unit.parent_id else ""


def place_date(unit, day=None, year=None) -> str:
    """'Mường Hum, ngày 05 tháng 8 năm 2026'; an unsigned draft leaves day and month blank
    for the office to fill in at signing, as drafts do."""
    place = place_name(unit)
    if day is None:
        return f"{place}, ngày      tháng      năm {year}"
    # Decree 30: days below 10 and the months January and February take a leading zero.
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day:%d} tháng {month} năm {day.year}"


def number_line(symbol: str) -> str:
    """'Số:      /KH-UBND' — the number is given by the office at issue."""
    return f"Số:        /{symbol}"


def money(amount) -> str:
    return format_vnd(amount or 0)


def percent_text(part, whole) -> str:
    if not whole:
        return ""
    return f"{100 * (part or 0) / whole:.1f}".replace(".", ",")


def points(lines) -> list[dict]:
    """a) b) c) … points (Decree 30: points under a clause)."""
    letters = "abcdđeghiklmnopqrstuvxy"
    result = []
    for index, line in enumerate(lines):
        letter = letters[index] if index < len(letters) else f"{letters[-1]}{index}"
        result.append({"style": "point", "text": f"{letter}) {line}"})
    return result


def paragraphs(text: str, style="body") -> list[dict]:
    """A section's text as body blocks, one per non-empty line."""
    return [
        {"style": style, "text": line.strip()} for line in (text or "").splitlines() if line.strip()
    ]


EMPTY = {"style": "note", "text": "(Chưa có nội dung)"}
