"""The page's province, decided from strong evidence only.

A wrong province is worse than none, so a name counts by where and how it
stands: the portal's domain, the footer naming the Sở's portal, "Sở TT&TT
tỉnh X", "UBND tỉnh X", "trên địa bàn tỉnh X" and the headline are strong;
"tỉnh X" in the lead is medium; a bare name in the body is weak. The winner
needs at least one strong piece of evidence and a clear lead over the
others; otherwise the answer is null and the note says why. Names in
related-news blocks never get here (normalize drops them first).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from digest.i18n import _
from digest.lexicon.places import Gazetteer, load_gazetteer

STRONG = 4.0
# Institutions of a province, written right before its name.
_INSTITUTION = re.compile(
    r"(?<!\w)(?:(?:sở|ngành)\s+(?:thông\s+tin\s*(?:(?:và|-|&)\s*)?truyền\s+thông"
    r"|tt\s*&\s*tt|tttt|tt-tt"
    r"|khoa\s+học\s*(?:và|-|&)\s*công\s+nghệ|kh\s*&\s*cn|khcn|kh-cn)"
    r"|ubnd|ủy ban nhân dân|uỷ ban nhân dân|hđnd|hội đồng nhân dân|tỉnh ủy|tỉnh uỷ|thành ủy|thành uỷ"
    r"|(?:cổng|trang) thông tin điện tử(?: của)?|địa bàn|điểm cầu|(?<!an\s)toàn)\s*$",
    re.IGNORECASE)


@dataclass(frozen=True)
class Clue:
    province: str
    score: float
    why: str


@dataclass(frozen=True)
class ProvinceChoice:
    province: str | None
    note: str             # empty when decided; else why it is null
    candidates: tuple[str, ...] = ()


def _score(how: str, before: str, where: str) -> tuple[float, str]:
    """How much one mention says about the page's own province."""
    if how == "domain":
        return 5.0, "its portal's domain"
    if where == "footer":
        return 5.0, "the portal's footer"
    if _INSTITUTION.search(before):
        return 5.0, "an institution of the province"
    if where == "title":
        return STRONG, "the headline"
    prefixed = how in ("prefixed", "abbreviation")
    if where == "lead":
        return (3.0 if prefixed else 2.0), "the lead"
    return (2.0 if prefixed else 1.0), "the body"


def clues(gaz: Gazetteer, parts: list[tuple[str, str]], on: dt.date | None) -> list[Clue]:
    """Every mention in (where, text) parts, scored and named as on the page's date."""
    found = []
    for where, text in parts:
        for m in gaz.find_in_text(text):
            before = text[max(0, m.start - 60):m.start]
            before = re.split(r"[.;:!?\n]", before)[-1]
            score, why = _score(m.how, before, where)
            found.append(Clue(gaz.canonical(m.name, on) or m.name, score, why))
    return found


# "Phú Thọ là địa phương thuộc nhóm dẫn đầu …": a sentence whose subject is the
# province itself (often the closing one of a Sở KH&CN review after 2025).
_SUBJECT = re.compile(r"^\s*(?:tỉnh\s+|thành phố\s+)?(?P<name>[^\W\d][\w\s-]{1,30}?)\s+là\s+"
                      r"(?:địa phương|tỉnh|thành phố|một trong)(?!\w)", re.IGNORECASE)


def subject_clues(gaz: Gazetteer, paragraphs: list[str], on: dt.date | None) -> list[Clue]:
    """A sentence about the province as its subject is strong evidence, but only
    when the page names no other province: then nothing competes with it."""
    names = {gaz.canonical(m.name, on) or m.name for p in paragraphs for m in gaz.find_in_text(p)}
    if len(names) != 1:
        return []
    found = []
    for paragraph in paragraphs:
        for sentence in re.split(r"(?<=[.!?])\s+", paragraph):
            m = _SUBJECT.match(sentence)
            mentions = gaz.find_in_text(m.group("name")) if m else []
            if mentions and mentions[0].start == 0:
                name = mentions[0].name
                found.append(Clue(gaz.canonical(name, on) or name, STRONG,
                                  "a sentence about the province"))
    return found


def choose_province(title: str, paragraphs: list[str], footer: list[str],
                    on: dt.date | None, gaz: Gazetteer | None = None,
                    extra: list[Clue] = ()) -> ProvinceChoice:
    """`extra`: clues found elsewhere, such as a provincial outlet's dateline."""
    gaz = gaz or load_gazetteer()
    parts = [("title", title)] + [("lead" if i == 0 else "body", p) for i, p in enumerate(paragraphs)]
    parts += [("footer", line) for line in footer]
    total: dict[str, float] = defaultdict(float)
    strong: dict[str, float] = defaultdict(float)
    for clue in [*clues(gaz, parts, on), *subject_clues(gaz, paragraphs, on), *extra]:
        total[clue.province] += clue.score
        if clue.score >= STRONG:
            strong[clue.province] += clue.score
    if not total:
        return ProvinceChoice(None, _("not found in the text"))
    ranked = sorted(total, key=lambda name: (-total[name], name))
    if not strong:
        names = ", ".join(ranked[:3])
        return ProvinceChoice(None, _("not stated: {names} only mentioned in passing").format(
            names=names), tuple(ranked[:3]))
    leader = max(strong, key=lambda name: (strong[name], total[name]))
    others = [n for n in ranked if n != leader]
    rival = others[0] if others else None
    if rival and (strong.get(rival) and total[leader] < 2 * total[rival]
                  or total[leader] < 1.5 * total[rival]):
        return ProvinceChoice(None, _("unclear: {leader} or {rival}").format(
            leader=leader, rival=rival), (leader, rival))
    return ProvinceChoice(leader, "")
