"""Key figures: a number with its unit and the sentence it stands in.

Vietnamese writes thousands with dots and decimals with commas ("9.000" =
9000, "1.463 tỷ đồng" = 1463, "99,5%" = 99.5). A number is a key figure only
when a unit from data/units.yaml (or "%") follows it; years, dates, list
numbers, levels ("mức độ 3"), ordinals and phone numbers are skipped.
"""

from __future__ import annotations

import re

from . import data
from .normalize import NUMBERED, sentences

_NUMBER = re.compile(
    r"(?<![\w.,/&-])(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:\s*/\s*(?P<of>\d{1,3}(?:\.\d{3})+|\d+))?"
    r"(?P<pct>\s?%)?"
    r"(?![\w%]|[.,/]\d)")
# Numbers right after these words are levels, ranks, dates or document numbers.
_NOT_A_FIGURE = re.compile(
    r"(?<!\w)(?:năm|tháng|ngày|quý|tuần|thứ|lần|mức độ|mức|cấp|giai đoạn|khóa|khoá|số|điều|khoản|"
    r"mục|chương|phần|nghị định|quyết định|thông tư|kế hoạch|công văn|phiên bản|version|top|"
    r"hạng|xếp thứ|đứng thứ|lúc|phòng|tầng|km số|quốc lộ|tỉnh lộ|đường|điểm cầu)\s*$",
    re.IGNORECASE)
_WORD = re.compile(r"[^\W_][\w&.-]*|\S")
_LEVEL = re.compile(r"(?:mức độ|cấp)$", re.IGNORECASE)


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


def _unit_phrase(after: str) -> str | None:
    """The unit's noun phrase at the start of `after`, or None if no unit starts there.

    The phrase runs to punctuation, a joining word or a capitalised name
    ("3 đơn vị chính | Chi nhánh Viettel"); one longer than `max_words` is cut
    back to the unit itself, rather than ending mid-phrase.
    """
    u = data.units()
    rest = after.lstrip()
    head = u.heads.match(rest)
    if not head:
        return None
    words: list[str] = []
    for m in _WORD.finditer(rest):
        word = m.group().rstrip(".")
        level_number = word.isdigit() and _LEVEL.search(" ".join(words))
        if not word or not (word[0].isalpha() or level_number):
            break
        if words and m.start() >= head.end() and (
                word.lower() in u.stop_words or (word[0].isupper() and not word.isupper())):
            break
        words.append(word)
        if m.group() != word:   # the word carried a full stop: the phrase ends here
            break
    if len(words) > u.max_words:
        return head.group()
    return " ".join(words) or None


def figures_in(sentence: str) -> list[dict]:
    """Every key figure of one sentence as {value, unit, text}."""
    found = []
    for m in _NUMBER.finditer(sentence):
        if _NOT_A_FIGURE.search(sentence[:m.start()]):
            continue
        num = m.group("num")
        if len(num) > 2 and num.startswith("0"):
            continue                              # codes and phone numbers: 02083…
        value = parse_number(num)
        if value is None:
            continue
        after = sentence[m.end():]
        if m.group("pct"):
            tail = _unit_phrase(after) if data.units().heads.match(after.lstrip()) else None
            unit = "%" + (f" {tail}" if tail else "")
        else:
            unit = _unit_phrase(after)
            if unit is None:
                continue
        if m.group("of"):
            unit = f"/{m.group('of')} {unit}".replace(" %", "%")
        found.append({"value": value, "unit": unit, "text": sentence})
    return found


def find_figures(paragraphs: list[str]) -> list[dict]:
    """Key figures of the article, in order, each (value, unit) once."""
    seen, result = set(), []
    for paragraph in paragraphs:
        body = NUMBERED.sub("", paragraph, count=1)     # "1- Tiếp tục…": 1 is no figure
        for sentence in sentences(body):
            for figure in figures_in(sentence):
                key = (figure["value"], figure["unit"].lower())
                if key not in seen:
                    seen.add(key)
                    result.append(figure)
    return result
