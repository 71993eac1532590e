"""What a key figure says: its metric, kind, year, qualifier and scope.

figures.py finds the numbers of a sentence and their units; this module
reads the words around each one (cues in data/figure_cues.yaml, metrics in
data/metrics.yaml):

- qualifier: the word right before the number that makes it approximate or
  a bound ("gần 9.000", "khoảng 310", "ước đạt 450" -> "ước");
- kind: "rank" after "xếp thứ"; "change" after "tăng"/"giảm" or before
  "so với …" ("vượt 8% so với kế hoạch" compares with a plan, it is no stock);
  "target" after "phấn đấu", "mục tiêu", "kế hoạch" … (with no "đã" between),
  for a future "đến năm 2025", or in a paragraph about the plan year ("Năm
  2020, Sở tiếp tục …" on a page whose plan_year is 2020); else "result";
- year: the year the clause names ("năm 2018 ước đạt 450", "đến năm 2025"),
  else the year of the paragraph, else the page's plan year for a target and
  its review year for the rest;
- kind, continued: "đạt 93,55% so với 80% yêu cầu" is a result and its
  target (of the same year and metric), not a change; plan words that name a
  reached plan ("đạt 100% kế hoạch", "35/39 chỉ tiêu", "đều đạt và vượt kế
  hoạch") are no target cue; "phát triển mới" is a change;
- metric: the lexicon's first metric whose cues occur in the figure's own
  unit, then its clause, then its part of the sentence before it, each cut
  at a separator ("trong đó", "nộp ngân sách") and at a comma before a new
  subject; a change with no cue of its own measures what the number before
  it in the sentence measures, and so does a total after a change ("nâng
  tổng số lên …"); a metric read beyond the clause, or a total's, is marked
  WEAK for the import report;
- scope: "national" for a figure of the whole country ("cả nước có …").

Every text is folded once per sentence; the lexicons are compiled once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from digest.content.figures import FIGURE_YEARS_AFTER, FIGURE_YEARS_BEFORE   # what check accepts
from digest.lexicon.metrics import match_metric_in
from digest.util.text import fold
from digest.importer import lexicons


@dataclass(frozen=True)
class Found:
    """A number of a sentence that is a key figure, with where it stands
    (figures.py finds them; this module says what each means)."""

    value: int | float
    unit: str
    start: int          # where the number starts in the sentence
    end: int            # where its unit ends
    rank: bool = False


_OPENER = re.compile(
    r"^\W*(?:(?P<plan>nhiệm vụ(?: trọng tâm)?|phương hướng|kế hoạch|mục tiêu|chỉ tiêu)\s+)?"
    r"(?:trong\s+|nhìn chung\s+|cả\s+|riêng\s+|tính đến hết\s+|đến hết\s+)?"
    r"năm\s+(?P<y>19[4-9]\d|20\d\d)(?!\d)", re.IGNORECASE)
_NAMED_YEAR = re.compile(
    r"(?<!\w)(?:(?P<prep>so với|giai đoạn|từ|kể từ|sau|trước)\s+)?"
    r"(?:năm|tháng\s+\d{1,2}\s*/|tháng\s+\d{1,2}\s+năm)\s*(?P<y>19[4-9]\d|20\d\d)"
    r"(?!\d|\s*-\s*\d)", re.IGNORECASE)
_BY_YEAR = re.compile(r"(?<!\w)(?:đến|tới)(?:\s+hết)?\s+năm\s+(?P<y>20\d\d)(?!\d)", re.IGNORECASE)
_CLAUSE_LEFT = re.compile(r"[,;:(]")          # a clause starts after one of these
_CLAUSE_RIGHT = re.compile(r"[,;:()]|\.(?!\d)|(?<!\w)(?:và|(?<!so )với)(?!\w)", re.IGNORECASE)
_PART_LEFT = re.compile(r"[;:]")              # a part of the sentence: between semicolons
_PART_RIGHT = re.compile(r";|\.(?!\d)")


# A metric read from the figure's part of the sentence (window 2: beyond its
# own clause) or taken from the figure before it rests on a weak cue: the
# record carries WEAK, which extract() takes off and the import report lists.
WEAK_WINDOW = 2
WEAK = "weak_cue"


@dataclass(frozen=True)
class Stance:
    """What the paragraph so far is about: the page's years and the year it names."""

    review_year: int | None = None
    plan_year: int | None = None
    year: int | None = None        # the year a sentence opened with ("Năm 2020, …")
    plan: bool = False             # that year is the plan year: its figures are targets


def stance_of(sentence: str, stance: Stance) -> Stance:
    """The stance after a sentence: one opening with "Năm 2020, …" sets the year."""
    m = _OPENER.match(sentence)
    if not m:
        return stance
    year = int(m.group("y"))
    plan = bool(m.group("plan")) or (year == stance.plan_year and year != stance.review_year)
    return replace(stance, year=year, plan=plan)


def _last_before(pattern: re.Pattern, text: str, end: int, floor: int = 0) -> int:
    """Index just after the last match of `pattern` in text[floor:end], else floor."""
    last = floor
    for m in pattern.finditer(text, floor, end):
        last = m.end()
    return last


def _first_after(pattern: re.Pattern, text: str, start: int, ceiling: int) -> int:
    m = pattern.search(text, start, ceiling)
    return m.start() if m else ceiling


@dataclass(frozen=True)
class _Spans:
    """Where a figure's clause and its part of the sentence start and end, and
    its own words: the part cut where another subject starts ("trong đó", …)."""

    clause: tuple[int, int]
    part: tuple[int, int]
    own: tuple[int, int] = (0, 0)


def _own(sentence: str, f: Found, span: tuple[int, int]) -> tuple[int, int]:
    """`span` narrowed to the figure's side of any separator ("…, trong đó …")."""
    separators = lexicons.figure_cues().separators
    start = _last_before(separators, sentence, f.start, span[0])
    return start, _first_after(separators, sentence, f.end, span[1])


def _own_words(sentence: str, f: Found, clause: tuple[int, int],
               part: tuple[int, int], follows_figure: bool) -> tuple[int, int]:
    """The words a figure's metric may come from beyond its clause: its part of
    the sentence before it (not after: what follows the clause is the next
    subject's), and not even that when its clause, after another figure, has a
    subject of its own ("…, doanh thu ngành in đạt 75 tỷ đồng")."""
    if f.rank:
        return _own(sentence, f, part)
    if follows_figure and lexicons.figure_cues().subjects.match(sentence, clause[0]):
        return clause
    return _own(sentence, f, (part[0], clause[1]))


def _spans(sentence: str, found: list[Found]) -> list[_Spans]:
    """Each figure's clause and part; text between two figures belongs to the first
    up to a comma or "và", so "127 điểm Bưu điện văn hóa xã và 84 điểm phục vụ"
    gives the cultural post offices' words to 127 only. With nothing between them
    ("215 lớp tập huấn kỹ năng số cho 18.500 người"), the second also sees the
    first's unit. A rank sees its whole part of the sentence: its subject
    ("Chỉ số DTI …, xếp thứ 21/63") usually comes first."""
    spans, floor = [], 0
    for i, f in enumerate(found):
        ceiling = found[i + 1].start if i + 1 < len(found) else len(sentence)
        clause_end = _first_after(_CLAUSE_RIGHT, sentence, f.end, ceiling)
        part_end = _first_after(_PART_RIGHT, sentence, f.end, ceiling)
        part_floor = 0 if f.rank else floor
        clause = (_last_before(_CLAUSE_LEFT, sentence, f.start, floor), clause_end)
        part = (_last_before(_PART_LEFT, sentence, f.start, part_floor), part_end)
        clause = _own(sentence, f, clause)
        spans.append(_Spans(clause, part, _own_words(sentence, f, clause, part, i > 0)))
        unbroken = clause_end == ceiling
        floor = max(floor, f.end - len(f.unit) if unbroken else clause_end)
    return spans


def _plausible(year: int, stance: Stance) -> bool:
    years = [y for y in (stance.review_year, stance.plan_year) if y is not None]
    return not years or min(years) - FIGURE_YEARS_BEFORE <= year <= max(years) + FIGURE_YEARS_AFTER


def _named_year(sentence: str, f: Found, span: _Spans, stance: Stance) -> int | None:
    """The year the figure's part of the sentence names: the nearest before the
    number, else the first after it; "so với năm 2017" and periods are not it."""
    start, end = span.part
    before = [int(m.group("y")) for m in _NAMED_YEAR.finditer(sentence, start, f.start)
              if not m.group("prep")]
    after = [int(m.group("y")) for m in _NAMED_YEAR.finditer(sentence, f.end, end)
             if not m.group("prep")]
    years = [y for y in before[::-1] + after if _plausible(y, stance)]
    return years[0] if years else None


_SHARE = re.compile(r"\s*\d[\d.,]*\s*%?")      # a number, right where matched
_COMPARED_BEFORE = re.compile(r"(?<!\w)so với\s*(?P<required>\w+(?:\s+\w+)?)?\s*$", re.IGNORECASE)


def _against_requirement(sentence: str, f: Found) -> bool:
    """"đạt 93,55% so với 80% yêu cầu" (or "so với chỉ tiêu 80%"): a result set
    against its requirement, not a change."""
    cues = lexicons.figure_cues()
    m = cues.compared.match(sentence, f.end)
    if not m:
        return False
    number = _SHARE.match(sentence, m.end())
    if number and cues.requirement.match(sentence, number.end()):
        return True
    required = cues.requirement.match(sentence, m.end())
    return bool(required and _SHARE.match(sentence, required.end()))


def _is_requirement(sentence: str, f: Found) -> bool:
    """The "80%" of "so với 80% yêu cầu" (or "so với chỉ tiêu 80%"): the target the
    result before it is set against."""
    cues = lexicons.figure_cues()
    m = _COMPARED_BEFORE.search(sentence, 0, f.start)
    if not m:
        return False
    if m.group("required"):
        return bool(cues.requirement.fullmatch(" " + m.group("required")))
    return bool(cues.requirement.match(sentence, f.end))


def _target_cues(sentence: str, start: int, end: int) -> list[re.Match]:
    """Target cues in sentence[start:end], except plan words that name a result
    ("đạt 100% kế hoạch", "35/39 chỉ tiêu"; read in the whole sentence, since the
    part may start inside one)."""
    cues = lexicons.figure_cues()
    reached = [m.span() for m in cues.reached.finditer(sentence, 0, end)]
    return [m for m in cues.target.finditer(sentence, start, end)
            if not any(a <= m.start() < b for a, b in reached)]


def _kind(sentence: str, f: Found, span: _Spans, stance: Stance, named: int | None) -> str:
    cues = lexicons.figure_cues()
    before = sentence[:f.start]
    if f.rank:
        return "rank"
    if _is_requirement(sentence, f):
        return "target"
    if _against_requirement(sentence, f):
        return "result"
    if cues.change_up.search(before) or cues.change_down.search(before) \
            or cues.compared.match(sentence, f.end):
        return "change"
    part = sentence[span.part[0]:f.start]
    target = _target_cues(sentence, span.part[0], f.start)
    if target and not cues.done.search(sentence, target[-1].end(), f.start):
        return "target"
    by_year = _BY_YEAR.search(sentence, span.part[0], span.part[1])
    if by_year and stance.review_year and int(by_year.group("y")) > stance.review_year:
        return "target"
    if stance.plan and not cues.done.search(part):
        return "target"
    return "result"


def _year(kind: str, named: int | None, stance: Stance) -> int | None:
    if named is not None:
        return named
    if stance.year is not None and stance.plan == (kind == "target"):
        return stance.year
    return stance.plan_year if kind == "target" else stance.review_year


def _qualifier(sentence: str, f: Found) -> str | None:
    cues = lexicons.figure_cues()
    m = cues.qualifier.search(sentence, 0, f.start)
    return cues.qualifiers.get(m.group("q").lower()) if m else None


def _national(sentence: str, span: _Spans, f: Found) -> bool:
    cues = lexicons.figure_cues()
    clause = sentence[span.clause[0]:f.start]
    return bool(cues.national.search(clause)) and not cues.placed.search(clause)


def _windows(sentence: str, folded: str, f: Found, span: _Spans) -> list[str]:
    """The folded words a metric is looked for in: the unit, the clause, the part."""
    def cut(start: int, end: int) -> str:
        return folded[start:end] if len(folded) == len(sentence) else fold(sentence[start:end])
    unit_start = f.end - len(f.unit.lstrip("%/0123456789. "))
    return [cut(unit_start, f.end), cut(*span.clause), cut(*span.own)]


def _same_as_before(f: Found, previous: dict) -> str | None:
    """A change with no cue of its own ("…, tăng 15 doanh nghiệp so với năm 2017")
    measures the figure before it, when it counts the same thing or is a share;
    so does a stock said after a change ("…, nâng tổng số lên 160 nghìn thuê bao")."""
    unit, before = _counted(f.unit), _counted(previous["unit"])
    if unit.startswith("%") or before.startswith(unit) or unit.startswith(before):
        return previous.get("metric")
    return None


_MULTIPLIER = re.compile(r"^(?:nghìn|ngàn|triệu|tỷ|tỉ|vạn)\s+", re.IGNORECASE)


def _counted(unit: str) -> str:
    """What a unit counts: "1,2 triệu thuê bao" and "64 nghìn thuê bao" both count thuê bao."""
    return _MULTIPLIER.sub("", unit.lower())


def _inherits(sentence: str, f: Found, span: _Spans, kind: str, previous: dict | None) -> bool:
    """May a figure with no cue of its own take the metric of the figure before it?"""
    if previous is None:
        return False
    if kind == "change" or _is_requirement(sentence, f):   # a requirement: what it is set for
        return True
    total = lexicons.figure_cues().total.search(sentence, span.clause[0], f.start)
    return bool(total) and previous["kind"] == "change" and not f.unit.startswith("%")


def describe(sentence: str, found: list[Found], stance: Stance) -> list[dict]:
    """For each found number of the sentence: metric, kind, year, qualifier, scope
    (keys left out when unknown), and a negative value for a decrease."""
    folded = fold(sentence)
    cues = lexicons.figure_cues()
    described: list[dict] = []
    for f, span in zip(found, _spans(sentence, found)):
        named = _named_year(sentence, f, span, stance)
        kind = _kind(sentence, f, span, stance, named)
        relative = kind == "change" and f.unit.startswith("%")   # "tăng 10%": of anything
        metric, window = match_metric_in(_windows(sentence, folded, f, span), f.unit,
                                         rank=f.rank, any_unit=relative)
        previous = described[-1] if described else None
        if metric is None and _inherits(sentence, f, span, kind, previous):
            # a change's own rule (same unit, or a share); a stock's is a guess
            metric = _same_as_before(f, previous)
            window = 0 if kind in ("change", "target") else WEAK_WINDOW
        record: dict = {"unit": f.unit}
        if kind == "change" and cues.change_down.search(sentence, 0, f.start):
            record["value"] = -f.value
        if metric:
            record["metric"] = metric
        record["kind"] = kind
        # a requirement is the review year's, like the result set against it
        year = _year("result" if _is_requirement(sentence, f) else kind, named, stance)
        if year is not None:
            record["year"] = year
        qualifier = _qualifier(sentence, f)
        if qualifier:
            record["qualifier"] = qualifier
        if kind != "rank" and _national(sentence, span, f):
            record["scope"] = "national"
        if metric and window >= WEAK_WINDOW and not f.rank:   # a rank's subject comes first
            record[WEAK] = True
        described.append(record)
    return [{k: v for k, v in r.items() if k != "unit"} for r in described]
