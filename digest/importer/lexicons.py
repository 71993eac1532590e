"""The importer's lexicons, read once from data/*.yaml and compiled.

Patterns and word lists are data so that a new portal's chrome or a new
sector term is a one-line change to a YAML file, not to code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from digest.util.text import fold

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"


def _read(name: str) -> dict:
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def _whole(patterns: list[str]) -> re.Pattern:
    """One case-insensitive regex that must match a whole line."""
    joined = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"^(?:{joined})$", re.IGNORECASE)


def _prefix(patterns: list[str]) -> re.Pattern:
    """Alternatives that must match at the start, ending on a word boundary."""
    joined = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"^(?:{joined})(?!\w)", re.IGNORECASE)


def _words(phrases: list[str]) -> re.Pattern:
    """Any of the phrases as whole words anywhere, longest first."""
    alts = "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Chrome:
    header_dates: list[re.Pattern]
    stamps: list[re.Pattern]
    lines: re.Pattern
    blocks: re.Pattern
    footer: re.Pattern
    image_markers: re.Pattern
    caption_max: int
    caption_credit: re.Pattern
    caption_openers: re.Pattern
    caption_actions: re.Pattern
    credits: re.Pattern
    signature_max: int
    roles: re.Pattern
    not_names: re.Pattern
    menu: re.Pattern           # a portal menu item (only above the headline)
    attachments: re.Pattern    # a document offered for download, anywhere in a line


@lru_cache(maxsize=1)
def chrome() -> Chrome:
    data = _read("chrome.yaml")
    caps, sig = data["captions"], data["signature"]
    return Chrome(
        # Each date pattern stays separate: its named groups d, m, y are read.
        header_dates=[re.compile(rf"^(?:{p})$", re.IGNORECASE) for p in data["header_dates"]],
        stamps=[re.compile(rf"^(?:{p})$", re.IGNORECASE) for p in data["stamps"]],
        lines=_whole(data["lines"]),
        blocks=_whole(data["blocks"]),
        footer=_whole(data["footer"]),
        image_markers=_whole(data["image_markers"]),
        caption_max=int(caps.get("max_chars", 200)),
        caption_credit=_whole(caps["credit"]),
        caption_openers=_prefix(caps["openers"]),
        caption_actions=re.compile(rf"(?<!\w)(?:{'|'.join(caps['actions'])})(?!\w)", re.IGNORECASE),
        credits=_whole(data["credits"]),
        signature_max=int(sig.get("max_chars", 100)),
        roles=_prefix(sig["roles"]),
        not_names=re.compile(rf"(?<!\w)(?:{'|'.join(sig['not_names'])})(?!\w)", re.IGNORECASE),
        menu=_whole(data["menu"]),
        attachments=re.compile("|".join(f"(?:{p})" for p in data["attachments"]), re.IGNORECASE),
    )


@dataclass(frozen=True)
class Topic:
    name: str
    strong: re.Pattern    # matched against fold()ed text: one mention is evidence
    weak: re.Pattern      # several mentions are


@lru_cache(maxsize=1)
def topics() -> tuple[Topic, ...]:
    """The sector lexicon; cues are folded so tone placement and case don't matter."""
    def cues(phrases) -> re.Pattern:
        return _words([fold(str(p)) for p in phrases or []] or ["\x00"])
    return tuple(Topic(str(name), cues(entry.get("strong")), cues(entry.get("weak")))
                 for name, entry in _read("topics.yaml").items())


@dataclass(frozen=True)
class Units:
    heads: re.Pattern        # a unit at the start of the text after a number
    stop_words: frozenset
    max_words: int
    not_units: re.Pattern    # words of time at the start of the text after a number
    stops: re.Pattern        # a stop word or phrase at a given position (match(text, pos))


@lru_cache(maxsize=1)
def units() -> Units:
    data = _read("units.yaml")
    alts = "|".join(re.escape(str(u)) for u in sorted(data["units"], key=len, reverse=True))
    not_units = "|".join(re.escape(str(u)) for u in data.get("not_units") or ["ngày"])
    # used with .match(text, pos), so no "^": a stop word or phrase right at pos
    stops = "|".join(re.escape(str(w)) for w in sorted(data["stop_words"], key=len, reverse=True))
    return Units(re.compile(rf"^(?:{alts})(?!\w)", re.IGNORECASE),
                 frozenset(str(w).lower() for w in data["stop_words"]),
                 int(data.get("max_words", 6)),
                 re.compile(rf"^(?:{not_units})(?!\w)", re.IGNORECASE),
                 re.compile(rf"(?:{stops})(?!\w)", re.IGNORECASE))


@dataclass(frozen=True)
class YearCues:
    window: int
    cues: tuple[tuple[str, str, str], ...]   # (phrase, kind, strength), longest first
    sentence_review: re.Pattern
    sentence_plan: re.Pattern
    ignore_after: re.Pattern                  # matches the end of the text before "năm"


@lru_cache(maxsize=1)
def year_cues() -> YearCues:
    data = _read("year_cues.yaml")
    cues = [(str(p).lower(), kind, strength)
            for kind in ("review", "plan") for strength in ("strong", "weak")
            for p in data[kind][strength]]
    cues.sort(key=lambda c: len(c[0]), reverse=True)
    ignore = "|".join(re.escape(w) for w in data["ignore_after"])
    return YearCues(int(data.get("window", 9)), tuple(cues),
                    _words(data["sentence"]["review"]), _words(data["sentence"]["plan"]),
                    re.compile(rf"(?<!\w)(?:{ignore})\s*$", re.IGNORECASE))


@dataclass(frozen=True)
class FigureCues:
    qualifier: re.Pattern      # matches the end of the text before a number; group "q"
    qualifiers: dict           # the phrase as written (lower case) -> the qualifier stored
    change_up: re.Pattern      # end of the text before the number
    change_down: re.Pattern
    compared: re.Pattern       # start of the text after the number's unit
    target: re.Pattern         # anywhere before the number
    done: re.Pattern
    rank: re.Pattern           # end of the text before the number
    rank_with_total: re.Pattern   # the same, for a number with a total ("xếp 15/34")
    national: re.Pattern
    placed: re.Pattern
    reached: re.Pattern        # a plan word that names a result ("đạt 100% kế hoạch")
    requirement: re.Pattern    # start of the text after a number: "yêu cầu", "kế hoạch"
    separators: re.Pattern     # a figure's own words for its metric end at one
    subjects: re.Pattern       # a clause opening with one has a subject of its own
    total: re.Pattern          # anywhere before the number in its clause
    logistics: re.Pattern      # end of the text before the number


def _before(phrases: list[str], group: str | None = None) -> re.Pattern:
    """Any of the phrases right at the end of a text (spaces and a colon may follow)."""
    alts = "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))
    body = f"(?P<{group}>{alts})" if group else f"(?:{alts})"
    return re.compile(rf"(?<!\w){body}\s*:?\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def figure_cues() -> FigureCues:
    """data/figure_cues.yaml compiled: qualifiers, kinds and scope of key figures."""
    data = _read("figure_cues.yaml")
    qualifiers = {str(k).lower(): str(v) for k, v in data["qualifiers"].items()}
    joiners = "|".join(re.escape(str(j)) for j in data["joiners"])
    alts = "|".join(re.escape(q) for q in sorted(qualifiers, key=len, reverse=True))
    change = data["change"]
    return FigureCues(
        qualifier=re.compile(rf"(?<!\w)(?P<q>{alts})(?:\s+(?:{joiners}))?\s*:?\s*$",
                             re.IGNORECASE),
        qualifiers=qualifiers,
        change_up=_before(change["up"] + [f"{c} {q}" for c in change["up"] for q in qualifiers]),
        change_down=_before(change["down"] + [f"{c} {q}" for c in change["down"]
                                              for q in qualifiers]),
        compared=re.compile(rf"\s*(?:{'|'.join(map(re.escape, change['compared']))})(?!\w)",
                            re.IGNORECASE),
        target=_words(data["target"]), done=_words(data["done"]),
        rank=_before(data["rank"]), rank_with_total=_before(data["rank_with_total"]),
        national=_words(data["national"]),
        placed=_words(data["placed"]),
        reached=re.compile("|".join(f"(?:{p})" for p in data["reached"]), re.IGNORECASE),
        requirement=re.compile(rf"\s*(?:{'|'.join(map(re.escape, data['requirement']))})(?!\w)",
                               re.IGNORECASE),
        separators=_words(data["separators"]), total=_words(data["total"]),
        subjects=re.compile(rf"[\s,;:(]*(?:và\s+)?{_words(data['subjects']).pattern}",
                            re.IGNORECASE),
        logistics=_before(data["logistics"]))


@dataclass(frozen=True)
class PageKinds:
    periods: re.Pattern      # a quarterly or half-year report
    meeting: re.Pattern      # the lead reports a meeting
    bridge: re.Pattern       # a bridge point of an online conference
    national: re.Pattern     # a national organiser
    local: re.Pattern        # words that tie a sentence to the province


@lru_cache(maxsize=1)
def page_kinds() -> PageKinds:
    data = _read("page_kinds.yaml")

    def anywhere(patterns: list[str]) -> re.Pattern:
        return re.compile(rf"(?<!\w)(?:{'|'.join(f'(?:{p})' for p in patterns)})", re.IGNORECASE)
    return PageKinds(anywhere(data["periods"]), anywhere(data["meeting"]),
                     anywhere(data["bridge"]), anywhere(data["national"]),
                     anywhere(data["local"]))
