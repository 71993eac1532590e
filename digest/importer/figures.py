"""Key figures: a number with its unit and the sentence it stands in.

Vietnamese writes thousands with dots and decimals with commas ("9.000" =
9000, "1.463 tỷ đồng" = 1463, "99,5%" = 99.5). A number is a key figure when
a noun phrase follows it (any lower-case noun phrase, or a unit of
data/units.yaml, which may hold commas: "20 sở, ban, ngành"), when "%"
follows it, or when it is a rank ("xếp thứ 12/63"). Years, dates, list
numbers, levels ("mức độ 3"), ordinals, spans of time and phone numbers are
skipped. What each figure means (metric, kind, year, qualifier) is read by
meaning.py from the words around it.
"""

from __future__ import annotations

import re

from digest.importer import lexicons
from digest.importer.meaning import Found, Stance, describe, stance_of
from digest.importer.normalize import NUMBERED, sentences
from digest.util.text import parse_number

_NUMBER = re.compile(
    r"(?<![\w.,/&-])(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:\s*/\s*(?P<of>\d{1,3}(?:\.\d{3})+|\d+))?"
    r"(?P<pct>\s?%)?"
    r"(?![\w%]|[.,/]\d)")
# Numbers right after these words are levels, dates or document numbers
# ("tổng số 6.850 hộp thư" is a count, so "số" only counts on its own).
_NOT_A_FIGURE = re.compile(
    r"(?<!\w)(?:năm|tháng|ngày|quý|tuần|thứ|lần|mức độ|mức|cấp độ|giai đoạn|khóa|khoá|"
    r"(?<!tổng\s)số|"
    r"điều|khoản|mục|chương|phần|nghị định|quyết định|thông tư|kế hoạch|công văn|phiên bản|"
    r"version|lúc|phòng|tầng|km số|quốc lộ|tỉnh lộ|đường|điểm cầu|"
    r"(?:mức độ|mức|cấp độ|cấp)\s*\d+\s*(?:,|và|hoặc))\s*$",
    re.IGNORECASE)
_WORD = re.compile(r"[^\W_][\w&.-]*|\S")
_LEVEL = re.compile(r"(?:mức độ|cấp)$", re.IGNORECASE)
_LEVEL_LIST = re.compile(r"\s*(?:,|và)\s*\d(?!\d)")   # "3, 4" after "mức độ"
_GENERATION = re.compile(r"\d[A-Za-z]+")      # "trạm 4G", "mạng 5G"
_MULTIPLIERS = {"nghìn", "ngàn", "triệu", "tỷ", "tỉ", "vạn"}
# A density's "per 100 inhabitants" right after its unit: "80,87 máy/100 dân".
_PER_CAPITA = re.compile(r"\s*(?:/|\s+trên)\s*100\s+(?:người\s+)?dân(?!\w)", re.IGNORECASE)


def _opens_noun_phrase(word: str) -> bool:
    """Can an unlisted unit start with this word? A lower-case word that is not
    a joining word, or an acronym ("8 UBND cấp huyện")."""
    u = lexicons.units()
    if not word or not word[0].isalpha() or word.lower() in u.stop_words:
        return False
    return word[0].islower() or (len(word) > 1 and word.isupper())


def _unit_phrase(after: str) -> tuple[str, int] | None:
    """The unit's noun phrase at the start of `after` and where it ends there, or None.

    The phrase runs to punctuation, a joining word or a capitalised name
    ("3 đơn vị chính | Chi nhánh Viettel"); one longer than `max_words` is cut
    back to the listed unit (or its first word), rather than ending mid-phrase.
    """
    u = lexicons.units()
    offset = len(after) - len(after.lstrip())
    rest = after[offset:]
    if u.not_units.match(rest):
        return None
    head = u.heads.match(rest)
    first = _WORD.match(rest)
    if head is None and not (first and _opens_noun_phrase(first.group().rstrip("."))):
        return None
    head_end = head.end() if head else first.end()
    if head and head.group().lower() in _MULTIPLIERS:   # "1,7 triệu thuê bao": unit after it
        spaces = len(rest) - head_end - len(rest[head_end:].lstrip())
        then = u.heads.match(rest[head_end + spaces:])
        head_end += spaces + then.end() if then else 0
    words: list[tuple[str, int]] = [(rest[:head_end].rstrip("."), head_end)]
    if rest[:head_end].endswith("."):     # the unit carried a full stop: the phrase ends
        return words[0][0], offset + len(words[0][0])
    for m in _WORD.finditer(rest, head_end):
        word = m.group().rstrip(".")
        level_number = word.isdigit() and _LEVEL.search(" ".join(w for w, _ in words))
        if not word or not (word[0].isalpha() or level_number or _GENERATION.fullmatch(word)):
            break
        if u.stops.match(rest, m.start()) or (word[0].isupper() and not word.isupper()):
            break
        listed = _LEVEL_LIST.match(rest, m.start() + len(word)) if level_number else None
        if listed:      # "mức độ 3, 4" is one level list: keep it whole
            words.append((rest[m.start():listed.end()], listed.end()))
            break
        words.append((word, m.start() + len(word)))
        if m.group() != word:   # the word carried a full stop: the phrase ends here
            break
    if sum(w[0].isalpha() for w in " ".join(w for w, _ in words).split()) > u.max_words:
        words = words[:1]
    return " ".join(w for w, _ in words), offset + words[-1][1]


def numbers_in(sentence: str) -> list[Found]:
    """Every key figure of one sentence, in order, with its place in the sentence
    (pages use the places to highlight the figures' words)."""
    found: list[Found] = []
    cues = lexicons.figure_cues()
    for m in _NUMBER.finditer(sentence):
        if found and m.start() < found[-1].end:
            continue                              # inside the unit before: "trên 100 dân"
        before = sentence[:m.start()]
        is_rank = bool(cues.rank.search(before)
                       or m.group("of") and cues.rank_with_total.search(before))
        if not is_rank and (_NOT_A_FIGURE.search(before) or cues.logistics.search(before)):
            continue
        num = m.group("num")
        if len(num) > 2 and re.match(r"0\d", num):
            continue                              # codes and phone numbers: 02083…
        value = parse_number(num)
        if value is None:
            continue
        end, of = m.end(), m.group("of")
        if is_rank:
            found.append(Found(value, f"/{of}" if of else "", m.start(), end, rank=True))
            continue
        after = sentence[end:]
        tail = _unit_phrase(after)
        if m.group("pct"):
            listed = tail and lexicons.units().heads.match(after.lstrip())
            unit = "%" + (f" {tail[0]}" if listed else "")
            end += tail[1] if listed else 0
        elif tail is None:
            continue
        else:
            unit, end = tail[0], end + tail[1]
        if of:
            unit = f"/{of} {unit}".replace(" %", "%")
        per = _PER_CAPITA.match(sentence, end)
        if per and not m.group("pct"):     # kept whole: a density, not a count
            unit, end = f"{unit}/100 dân", per.end()
        found.append(Found(value, unit, m.start(), end))
    return found


def figures_in(sentence: str, stance: Stance | None = None) -> list[dict]:
    """Every key figure of one sentence as a front matter record:
    value, unit, text, and what meaning.py reads (metric, kind, year, qualifier, scope)."""
    found = numbers_in(sentence)
    return [{"value": f.value, "unit": f.unit, "text": sentence, **meaning}
            for f, meaning in zip(found, describe(sentence, found, stance or Stance()))]


def find_figures(paragraphs: list[str], review_year: int | None = None,
                 plan_year: int | None = None) -> list[dict]:
    """Key figures of the article, in order; the same figure said twice is kept once.

    A sentence with several numbers gives one record per number (each with the
    whole sentence as its text); pages show the sentence once.
    """
    seen, result = set(), []
    for paragraph in paragraphs:
        body = NUMBERED.sub("", paragraph, count=1)     # "1- Tiếp tục…": 1 is no figure
        stance = Stance(review_year=review_year, plan_year=plan_year)
        for sentence in sentences(body):
            stance = stance_of(sentence, stance)
            for figure in figures_in(sentence, stance):
                key = (figure["value"], figure["unit"].lower(), figure.get("metric"),
                       figure["kind"], figure.get("year"))
                if key not in seen:
                    seen.add(key)
                    result.append(figure)
    return result
