"""Vietnamese text helpers: normalisation, ASCII folding, slugs, sort order, dates.

Everything that turns Vietnamese text into something else (a slug, a sort key,
a date label) lives here, so the whole site applies one rule everywhere.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata

# --- normalisation -----------------------------------------------------------

# YAML reads NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR as line breaks too.
_ODD_CHARACTERS = {0x85: "\n", 0x2028: "\n", 0x2029: "\n",          # line breaks
                   0xA0: " ", 0x2007: " ", 0x202F: " ",              # non-breaking spaces
                   0x200B: None, 0xFEFF: None}                       # zero-width, BOM
# Control characters (NUL, ESC, C1…) have no place in a page and are invalid in
# HTML: they are dropped. Tab and line feed stay; CR is handled above.
_ODD_CHARACTERS.update({code: None for code in [*range(0x00, 0x09), 0x0B, 0x0C,
                                                *range(0x0E, 0x20), *range(0x7F, 0x85),
                                                *range(0x86, 0xA0)]})
_ANY_ODD = re.compile("[" + "".join(re.escape(chr(c)) for c in _ODD_CHARACTERS) + "]")


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def drop_controls(text: str) -> str:
    """Text without control characters (YAML's "\\0" or "\\x07" escapes make them)."""
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def clean_text(text: str) -> str:
    """NFC, LF line ends, no BOM, no non-breaking or zero-width spaces."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _ANY_ODD.search(text):  # rare: a search is much cheaper than a translate
        text = text.translate(_ODD_CHARACTERS)
    return unicodedata.normalize("NFC", text)


# --- folding and slugs -------------------------------------------------------

# Ð (U+00D0), ð and Ɖ stand for Đ/đ in text converted from the old TCVN3 and
# VNI encodings; where a name is compared, read them as Đ/đ.
LEGACY_D = {0xD0: "Đ", 0xF0: "đ", 0x189: "Đ", 0x256: "đ"}

def _fold_table() -> dict[int, str | None]:
    """Each accented Latin letter -> its bare letter; combining marks -> nothing."""
    # đ has no decomposition; the letters of LEGACY_D stand for it.
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "D"}
    table.update({code: "D" if letter == "Đ" else "d" for code, letter in LEGACY_D.items()})
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        decomposed = unicodedata.normalize("NFD", chr(code))
        if len(decomposed) > 1 and decomposed[0].isascii():
            table[code] = decomposed[0]
    table.update({code: None for code in range(0x300, 0x370)})
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lower-case ASCII form of a Vietnamese text: 'Đắk Lắk' -> 'dak lak'.

    'đ' has no Unicode decomposition, so it is mapped by hand; without that
    'Đắk Lắk' would lose its first letter. Text in NFD or NFC folds the same.
    """
    return unicodedata.normalize("NFC", text).translate(_FOLD).lower()


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=1 << 16)  # province and topic names are slugged over and over
def slugify(text: str, fallback: str = "trang") -> str:
    """ASCII, lower-case, hyphenated: 'Thái Nguyên' -> 'thai-nguyen'.

    Apostrophes vanish rather than split a word (H'Leo -> hleo). A text with no
    letters or digits at all gets `fallback`, so a URL is never empty.
    """
    folded = re.sub(r"['’‘`]", "", fold(text))
    slug = _NOT_SLUG.sub("-", folded).strip("-")
    return slug[:80].rstrip("-") or fallback


# --- sort order --------------------------------------------------------------

# The Vietnamese alphabet: ă, â, đ, ê, ô, ơ, ư are letters of their own, not
# accented variants, and đ sorts after d (Python's sorted() puts it after z).
# f, j, w and z are not Vietnamese letters but appear in names (Wifi, Zalo).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng


def _base_letter(base: str, marks: str) -> str:
    if base == "đ":
        return "đ"
    for mark in marks:
        if mark == "\u0306" and base == "a":
            return "ă"
        if mark == "\u0302" and base in "aeo":
            return {"a": "â", "e": "ê", "o": "ô"}[base]
        if mark == "\u031b" and base in "ou":
            return {"o": "ơ", "u": "ư"}[base]
    return base


@functools.lru_cache(maxsize=4096)
def _char_key(ch: str) -> tuple[int, int]:
    """(rank of the base letter, tone) of one lower-case NFC character."""
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    tone = next((_TONES[m] for m in marks if m in _TONES), 0)
    letter = _base_letter(base, marks)
    rank = _ALPHABET.find(letter)
    if rank < 0:
        rank = -20 + int(letter) if letter in "0123456789" else (
            -30 if not letter.isalnum() else 100 + ord(letter))
    return rank, tone


class _KeyTable(dict):
    """For str.translate: each character -> one character standing for its rank
    (or its tone), worked out the first time that character is seen."""

    def __init__(self, part: int):
        super().__init__()
        self.part = part  # 0: the letter's rank, 1: the tone

    def __missing__(self, code: int) -> str:
        value = _char_key(chr(code))[self.part]
        # ranks start at -30: shift them up; characters far beyond the alphabet share the top
        self[code] = mapped = chr(min(0x1000 + 40 + value, 0x10FFFF))
        return mapped


_PRIMARY, _SECONDARY = _KeyTable(0), _KeyTable(1)


@functools.lru_cache(maxsize=1 << 16)  # titles and names are sorted many times per build
def sort_key(text: str) -> tuple:
    """Key that sorts Vietnamese words as a Vietnamese dictionary does.

    Letters compare first (a < ă < â < b … d < đ < e …); tones only break ties.
    Spaces and punctuation sort before digits, digits before letters, so
    'Hà Nội' < 'Hàm' and '2 ' < 'a'; other characters follow by code point.
    """
    lower = unicodedata.normalize("NFC", text.lower())
    return (lower.translate(_PRIMARY), lower.translate(_SECONDARY), text)


# --- dates -------------------------------------------------------------------

def vi_date(day: _dt.date) -> str:
    """'13 tháng 1, 2020' — the form Vietnamese readers expect."""
    return f"{day.day} tháng {day.month}, {day.year}"


def vi_month(year: int, month: int) -> str:
    """'Tháng 1 năm 2020'."""
    return f"Tháng {month} năm {year}"


def vi_number(value: float) -> str:
    """Vietnamese number form: 1463 -> '1.463', 99.5 -> '99,5'."""
    whole, _, fraction = f"{value:,.10f}".rstrip("0").rstrip(".").partition(".")
    whole = whole.replace(",", ".")
    if whole == "-0" and not fraction:   # -0.0, or a negative too small to show
        whole = "0"
    return f"{whole},{fraction}" if fraction else whole


def parse_number(text: str) -> int | float | None:
    """Vietnamese number text -> number: '9.000' -> 9000, '99,5' -> 99.5, '1.234,5' -> 1234.5."""
    text = text.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):        # 9.000 / 1.234,5
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?", text):   # 1,234,567 (English)
        text = text.replace(",", "")
    elif re.fullmatch(r"\d+,\d+", text):                              # 99,5
        text = text.replace(",", ".")
    elif not re.fullmatch(r"\d+(?:\.\d+)?", text):                    # 9000 / 12.5
        return None
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value
