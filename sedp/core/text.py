"""Vietnamese text helpers: accent-insensitive matching and number formats."""

import unicodedata
from decimal import Decimal


def unaccent(text: str) -> str:
    """Lower-case ASCII folding of Vietnamese text ("Đồng Văn" -> "dong van").

    Used for search and for matching labels typed with or without diacritics.
    """
    text = unicodedata.normalize("NFD", text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return text.replace("đ", "d").replace("Đ", "D").lower().strip()


def nfc(text: str) -> str:
    """Normalise to NFC so the same name typed on two keyboards compares equal."""
    return unicodedata.normalize("NFC", (text or "").strip())


def format_vnd(amount: int | float | Decimal | None) -> str:
    """Format an amount the Vietnamese way: dots between thousands, no decimals."""
    if amount is None:
        return ""
    return f"{round(amount):,}".replace(",", ".")
