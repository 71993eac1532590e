"""Seed text -> headline, article lines, and the page chrome around them.

A seed is a scraped web page: one line per paragraph, with the site's header,
counters, related-news lists and footer mixed in. This module only decides
what each line *is*; reading fields out of the lines is done elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from digest.util.text import clean_text, fold
from digest.importer import lexicons

# --- text clean-up -------------------------------------------------------------

_SURROGATES = re.compile("[\ud800-\udfff]")
_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")     # line breaks str.split misses
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200c-\u200f\u2060\u2066-\u2069]")
_SPACE_RUN = re.compile("[ \t\u2000-\u200a\u205f\u3000]+")


def normalise(text: str) -> str:
    """NFC, LF, no BOM, no non-breaking, zero-width or control characters."""
    text = clean_text(_SURROGATES.sub("", text))
    return _INVISIBLE.sub("", _BREAKS.sub("\n", text))


def split_lines(text: str) -> list[str]:
    """Trimmed lines with runs of spaces collapsed ('Mạng  bưu chính' -> one space)."""
    return [_SPACE_RUN.sub(" ", line).strip() for line in normalise(text).split("\n")]


# --- sentences -----------------------------------------------------------------

# A sentence ends in . ! ? … (or : ; for a clause that introduces a list),
# possibly followed by closing quotes or brackets; "./." closes official texts.
_ENDS = re.compile(r"[.!?…:;]['\"”’»)\]]*$")
# A sentence break: . ! ? … (and closing quotes), spaces, then an upper-case
# letter (checked in `sentences`), so "1.463" and "TT&TT." + lower-case stay whole.
_SPLIT = re.compile(r"(?<=[.!?…])['\"”’»)\]]*\s+")
# Abbreviations whose full stop is not a sentence end: "TP. Hồ Chí Minh".
_NO_BREAK = re.compile(r"(?:^|\s)(?:TP|Tp|TX|TS|GS|ThS|PGS|BS|KS|St|Q|P|Mr|Mrs|Dr)\.$")


def ends_sentence(line: str) -> bool:
    return bool(_ENDS.search(line))


def sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, split only where the next word is capitalised."""
    parts, start = [], 0
    for m in _SPLIT.finditer(paragraph):
        nxt = paragraph[m.end():m.end() + 2].lstrip("'\"“‘«([")
        head = paragraph[start:m.start()].rstrip("'\"”’»)]")
        if nxt[:1].isupper() and not _NO_BREAK.search(head):
            parts.append(paragraph[start:m.start()].strip())
            start = m.end()
    parts.append(paragraph[start:].strip())
    return [p for p in parts if p]


def same_text(a: str, b: str) -> bool:
    """Equal ignoring case, diacritics, spacing and punctuation (a repeated headline)."""
    def key(s: str) -> str:
        return re.sub(r"[\W_]+", " ", fold(s)).strip()
    return bool(key(a)) and key(a) == key(b)


# --- numbered and bulleted lines -------------------------------------------------

NUMBERED = re.compile(r"^(?P<n>\d{1,2})\s*[-.)–]\s*(?=[^\W\d_])")   # "1- Tiếp tục", "2. Đẩy", "3) Phát"
BULLET = re.compile(r"^[-–•+*▪·●◦►]\s+(?=\S)")


# --- the page's layout -----------------------------------------------------------

@dataclass
class Line:
    text: str
    after_picture: bool = False   # right after an image marker or the repeated headline
    joined: bool = False          # continues the line before it (hard-wrapped source)


@dataclass
class Layout:
    title: str = ""
    headline_found: bool = True
    lines: list[Line] = field(default_factory=list)       # the article, lead first
    stamps: list[re.Match] = field(default_factory=list)  # publication stamps (groups d, m, y)
    footer: list[str] = field(default_factory=list)       # portal name, address: evidence
    dropped: list[tuple[str, str]] = field(default_factory=list)       # (why, line)


MAX_TITLE = 250


def _list_like(line: str) -> bool:
    """A line of a related-news or counter list: short, not a closed sentence."""
    if len(line) > 220:
        return False
    dated = re.search(r"\(?\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\)?$", line)
    return bool(BULLET.match(line) or dated or not ends_sentence(line))


def _headline_like(line: str) -> bool:
    """A related item that ends like a headline can: a question or an exclamation."""
    return len(line) <= 160 and line.endswith(("?", "!")) and len(sentences(line)) == 1


def _date_line(patterns, line: str) -> re.Match | None:
    return next((m for p in patterns if (m := p.match(line))), None)


_WORD = re.compile(r"\w+")


def has_vietnamese_word(line: str) -> bool:
    """A word with a letter beyond ASCII: "Sở", "năm", "Điện" (not "DetailController")."""
    return any(not w.isascii() and not w.isdigit() for w in _WORD.findall(line))


def reads_as_headline(line: str) -> bool:
    """At least three words, one of them Vietnamese.

    Portal frameworks print their own words above an article ("DetailController",
    "Skip Ribbon Commands"); those have no Vietnamese word, and a headline does.
    """
    return len(_WORD.findall(line)) >= 3 and has_vietnamese_word(line)


def _chrome_line(c, line: str) -> bool:
    patterns = (c.footer, c.image_markers, c.lines, c.blocks, c.menu)
    return (_date_line(c.header_dates, line) is not None or _date_line(c.stamps, line) is not None
            or any(p.match(line) for p in patterns))


_DATED_ITEM = re.compile(r"\(\s*\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\s*\)$")


def _list_item(line: str) -> bool:
    """An item of a news list: a bullet, or a title ending in its date "(12/01/2023)".
    A headline is neither."""
    return bool(BULLET.match(line) or _DATED_ITEM.search(line))


def headline_index(lines: list[str]) -> int | None:
    """Where the headline is: the first line that reads as one and is no chrome.

    Items of a news list above the article (bullets, dated titles) are not
    the headline. A whole paragraph (the seed has no headline line) stops
    the search; so does the end, and then the first line that is no chrome
    and has a Vietnamese word is used. None when there is no such line: the
    page gets no title (the editor is told) rather than one of other words.
    """
    c = lexicons.chrome()
    first = None
    for i, line in enumerate(lines):
        if not line or _chrome_line(c, line) or _list_item(line) or not has_vietnamese_word(line):
            continue
        if reads_as_headline(line) or len(line) > MAX_TITLE:
            return i
        first = i if first is None else first
    return first


def split_page(text: str) -> Layout:
    """Sort every line of a seed into headline, article, stamp, footer or chrome."""
    c = lexicons.chrome()
    page = Layout()
    in_block = picture = False
    lines = split_lines(text)
    headline = headline_index(lines)
    for i, line in enumerate(lines):
        if not line:
            continue
        if headline is not None and i < headline and not (
                _date_line(c.stamps, line) or c.footer.match(line)):
            page.dropped.append(("above the headline", line))   # menus, framework words
            continue
        if in_block:  # a related-news or counter block runs until a real paragraph
            if c.footer.match(line):
                page.footer.append(line)
                page.dropped.append(("footer", line))
                continue
            if _list_like(line) or _headline_like(line):
                page.dropped.append(("related list", line))
                continue
            in_block = False
        if (m := _date_line(c.header_dates, line)) is not None:
            if page.title:     # under the headline a weekday-date line is the article's stamp
                page.stamps.append(m)
            page.dropped.append(("header date" if not page.title else "stamp", line))
        elif (m := _date_line(c.stamps, line)) is not None:
            page.stamps.append(m)
            page.dropped.append(("stamp", line))
        elif c.blocks.match(line):
            in_block = bool(page.title)   # above the headline a list would swallow it
            page.dropped.append(("related list", line))
        elif c.footer.match(line):
            page.footer.append(line)
            page.dropped.append(("footer", line))
        elif c.image_markers.match(line):
            picture = True
            page.dropped.append(("image marker", line))
        elif c.lines.match(line):
            page.dropped.append(("chrome", line))
        elif not page.title and i == headline:
            _take_title(page, line)
        elif same_text(line, page.title):
            picture = True   # the headline again is a picture's alt text
            page.dropped.append(("repeated headline", line))
        else:
            page.lines.append(Line(line, after_picture=picture))
            picture = False
    page.lines = _join_wrapped(page.lines)
    return page


def _take_title(page: Layout, line: str) -> None:
    """The first line that is not chrome is the headline, unless it is a whole paragraph."""
    if len(line) <= MAX_TITLE:
        page.title = line
        return
    page.headline_found = False
    first = sentences(line)[0]
    page.title = first if len(first) <= 160 else shorten(first, 120)
    page.lines.append(Line(line))


def _join_wrapped(lines: list[Line]) -> list[Line]:
    """Undo hard wrapping: a line that starts lower-case continues an open one."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if (prev and line.text[:1].islower() and not ends_sentence(prev.text)
                and not NUMBERED.match(line.text) and not BULLET.match(line.text)):
            out[-1] = Line(f"{prev.text} {line.text}", prev.after_picture, joined=True)
        else:
            out.append(line)
    return out


# --- captions ------------------------------------------------------------------

def _caption_like(text: str) -> bool:
    c = lexicons.chrome()
    return bool(c.caption_openers.match(text) and c.caption_actions.search(text))


_SECTION = re.compile(r"^(?:[IVXLC]+|[a-zđ])[.)]\s|^(?:về|kết quả|nhiệm vụ|phương hướng|giải pháp|"
                      r"mục tiêu|phần)\b", re.IGNORECASE)


def _heading_like(text: str) -> bool:
    """A section heading of the article ("KẾT QUẢ NĂM 2019", "II. Nhiệm vụ", "Về bưu chính")."""
    return text.isupper() or bool(_SECTION.match(text))


def is_caption(line: Line, position: int) -> bool:
    """A photo caption: one short sentence under a picture or right under the lead.

    Under a picture (an image marker or the repeated headline) a short line
    with no closing punctuation is its caption. Right under the lead, where
    the picture marker is often lost, it must also be long enough not to be
    a subheading. Anywhere, a line that reads like a caption (an opener and an
    action: "Đồng chí … phát biểu", "Các đại biểu dự …") is one when it has no
    closing punctuation, or when it stands under a picture or the lead.
    Headings, list items and anything with two sentences are always kept.
    """
    c = lexicons.chrome()
    text = line.text
    if (line.joined or len(text) > c.caption_max or NUMBERED.match(text)
            or BULLET.match(text) or len(sentences(text)) > 1):
        return False
    if c.caption_credit.match(text):
        return True
    if _heading_like(text):
        return False
    open_end, reads_like = not ends_sentence(text), _caption_like(text)
    if line.after_picture:   # under a picture (or its credit): also above the lead
        return open_end or reads_like
    if position == 0:   # a caption above the lead is only dropped when it plainly is one
        return open_end and reads_like
    if position == 1:
        return reads_like or (open_end and len(text.split()) >= 6)
    return open_end and reads_like


def drop_captions(page: Layout) -> None:
    """Drop photo captions; a line right after a photo credit ("Ảnh: Thanh Tâm")
    stands under a picture whose marker the scrape lost."""
    kept: list[Line] = []
    credit = False
    for line in page.lines:
        if credit and not line.after_picture:
            line = Line(line.text, after_picture=True, joined=line.joined)
        if is_caption(line, len(kept)):
            page.dropped.append(("caption", line.text))
            credit = bool(lexicons.chrome().caption_credit.match(line.text))
        else:
            kept.append(Line(line.text, False, line.joined) if credit else line)
            credit = False
    page.lines = kept


# --- small helpers shared by the field readers -------------------------------------

# The outlet's mark in front of the lead: "(sonla.gov.vn)", "(TTXVN)",
# "baolangson.vn -", "BDK.VN -", "LSO-", "HNP -" (read by dateline.py).
_MARKER = re.compile(
    r"^(?:\(\s*(?P<paren>(?:[\w-]+\.)+[a-zA-Z]{2,}|[A-ZĐ][A-ZĐa-z.&]{1,20})\s*\)"
    r"|(?P<host>(?:[\w-]+\.)+(?:vn|VN|Vn|com|COM|net|NET|org|ORG)\b)"
    r"|(?P<abbr>[A-ZĐ]{2,8})(?=\s*[-–—]))"
    r"\s*[-–—:]?\s*")


def split_marker(paragraph: str) -> tuple[str, str]:
    """('LSO', 'Sáng nay…') for 'LSO-Sáng nay…'; ('', paragraph) when it has no marker."""
    m = _MARKER.match(paragraph)
    if not m or not paragraph[m.end():].strip():
        return "", paragraph
    return (m.group("paren") or m.group("host") or m.group("abbr")), paragraph[m.end():]


def strip_agency(paragraph: str) -> str:
    """'(sonla.gov.vn) Ngày 10/01…', 'LSO-Sáng nay…' -> the sentence itself."""
    return split_marker(paragraph)[1]


def shorten(text: str, limit: int = 300) -> str:
    """Cut at a word boundary, at most `limit` characters including the '…'."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"
