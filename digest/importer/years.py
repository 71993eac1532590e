"""review_year (the year whose results a page reports) and plan_year (whose tasks it sets).

Each "năm YYYY" is judged by the cue words just before it in its clause
("tổng kết công tác năm 2019" -> review, "triển khai nhiệm vụ năm 2020" ->
plan), and each sentence opening "Năm 2019, …" by its verbs ("đã hoàn
thành" -> review, "tiếp tục", "tập trung" -> plan). Evidence is weighted by
where it stands (headline > lead > body); the pair with the most evidence
wins, preferring plan = review + 1. The cue words live in data/year_cues.yaml.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from digest.importer import lexicons
from digest.importer.normalize import sentences

_YEAR = re.compile(r"(?<!\w)năm\s+(?P<y>19[4-9]\d|20\d\d|2100)(?![\d/.,-]\d|\w)", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]\n“”\"–—]|\s-\s")
_DATE_BEFORE = re.compile(r"(?:tháng|quý)\s*[\dIVX]+\s*$", re.IGNORECASE)
_SENTENCE_YEAR = re.compile(
    r"^(?:trong\s+|nhìn chung\s+|cả\s+|riêng\s+|tính đến hết\s+)?năm\s+(?P<y>19[4-9]\d|20\d\d)\b\s*,?",
    re.IGNORECASE)

WEIGHTS = {"title": 4.0, "lead": 2.0, "body": 1.0}
STRENGTH = {"strong": 1.0, "weak": 0.75}
MIN_SCORE = 1.0


@dataclass(frozen=True)
class Evidence:
    year: int
    kind: str        # "review" or "plan"
    score: float
    where: str


def _cue(clause: str) -> tuple[str, str] | None:
    """(kind, strength) of the cue nearest the end of `clause`; strong beats weak."""
    cues = lexicons.year_cues()
    tail = " ".join(clause.split()[-cues.window:]).lower()
    best = {}
    for phrase, kind, strength in cues.cues:
        for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", tail):
            if m.end() > best.get(strength, (-1, ""))[0]:
                best[strength] = (m.end(), kind)
    for strength in ("strong", "weak"):
        if strength in best:
            return best[strength][1], strength
    return None


def phrase_evidence(text: str, where: str) -> list[Evidence]:
    """Years judged by the cue words before them in their clause."""
    cues = lexicons.year_cues()
    found = []
    for m in _YEAR.finditer(text):
        clause = _CLAUSE_BREAK.split(text[:m.start()])[-1]
        if cues.ignore_after.search(clause) or _DATE_BEFORE.search(clause):
            continue   # "đến năm 2025", "tháng 8 năm 2018"
        cue = _cue(clause)
        if cue:
            kind, strength = cue
            found.append(Evidence(int(m.group("y")), kind,
                                  WEIGHTS[where] * STRENGTH[strength], where))
    return found


def sentence_evidence(text: str, where: str) -> list[Evidence]:
    """Sentences that open with their year, judged by their verbs."""
    cues = lexicons.year_cues()
    found = []
    for sentence in sentences(text):
        m = _SENTENCE_YEAR.match(sentence)
        if not m:
            continue
        rest = " ".join(sentence[m.end():].split()[:30])
        review = len(cues.sentence_review.findall(rest))
        plan = len(cues.sentence_plan.findall(rest))
        if review != plan:
            found.append(Evidence(int(m.group("y")), "review" if review > plan else "plan",
                                  WEIGHTS[where], where))
    return found


def collect(title: str, paragraphs: list[str]) -> list[Evidence]:
    evidence = phrase_evidence(title, "title")
    for i, paragraph in enumerate(paragraphs):
        where = "lead" if i == 0 else "body"
        evidence += phrase_evidence(paragraph, where) + sentence_evidence(paragraph, where)
    return evidence


def choose_years(title: str, paragraphs: list[str]) -> tuple[int | None, int | None]:
    """(review_year, plan_year): the best-supported pair, either may be None."""
    scores: dict[str, dict[int, float]] = {"review": defaultdict(float), "plan": defaultdict(float)}
    for e in collect(title, paragraphs):
        scores[e.kind][e.year] += e.score
    reviews = [None] + [y for y, s in scores["review"].items() if s >= MIN_SCORE]
    plans = [None] + [y for y, s in scores["plan"].items() if s >= MIN_SCORE]
    best, best_key = (None, None), None
    for r in reviews:
        for p in plans:
            if r is not None and p is not None and p < r:
                continue
            total = (scores["review"][r] if r else 0) + (scores["plan"][p] if p else 0)
            if r is not None and p == r + 1:
                total += 1.0       # the usual pairing: results of R, tasks for R+1
            key = (total, -(r or 0), -(p or 0))   # ties: the earlier years
            if best_key is None or key > best_key:
                best, best_key = (r, p), key
    return best


def meeting_year(sentence: str) -> int | None:
    """A year named with the meeting itself, not as a review or plan year.

    "Sở … tổ chức hội nghị cán bộ, công chức năm 2024": the year after the
    meeting word whose clause carries no review or plan cue.
    """
    cues = lexicons.year_cues()
    meeting = lexicons.page_kinds().meeting.search(sentence)
    if meeting is None:
        return None
    for m in _YEAR.finditer(sentence, meeting.start()):
        clause = _CLAUSE_BREAK.split(sentence[:m.start()])[-1]
        if cues.ignore_after.search(clause) or _DATE_BEFORE.search(clause):
            continue
        if _cue(clause) is None:
            return int(m.group("y"))
    return None
