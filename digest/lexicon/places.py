"""Vietnam's provinces: names, spellings, mergers, and finding them in text.

The data lives in data/provinces.yaml (its header states the naming rules);
this module only reads it. Matching is built for an importer that must never
guess wrong, so it prefers to miss a mention over inventing one: names count
only when capitalised, on word boundaries, and not inside a street, ward or
person's name (see `guards` in the data file).
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from digest.util.text import LEGACY_D, clean_text, fold, slugify, sort_key

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "provinces.yaml"
KINDS = ("tỉnh", "thành phố trực thuộc trung ương")


@dataclass(frozen=True)
class Unit:
    name: str
    slug: str
    kind: str
    variants: tuple[str, ...]  # every other spelling, abbreviations included
    domains: tuple[str, ...]
    valid_from: date | None
    valid_to: date | None
    successor: str | None
    abbreviations: tuple[str, ...] = ()  # the subset of `variants` that are short forms

    def in_force(self, on: date) -> bool:
        return ((self.valid_from is None or self.valid_from <= on)
                and (self.valid_to is None or on <= self.valid_to))


@dataclass(frozen=True)
class Mention:
    name: str     # the unit's own name
    start: int    # offsets into the text searched: text[start:end] == written
    end: int
    how: str      # "name", "prefixed", "domain" or "abbreviation"
    written: str  # as it appeared, level word included ("tỉnh Lạng Sơn")


# --- normalisation -------------------------------------------------------------

# Hòa/Hoà, Thủy/Thuỷ: in an open syllable ending in oa, oe or uy the tone mark
# may sit on either vowel. Moving it to the first vowel keeps the length, so
# offsets in the normalised text still point into the original.
_TONE_MOVES = {
    a + unicodedata.normalize("NFC", b + mark): unicodedata.normalize("NFC", a + mark) + b
    for a, b in ("oa", "oe", "uy", "OA", "OE", "UY") for mark in "\u0300\u0301\u0303\u0309\u0323"}
_TONE_RE = re.compile("(?:%s)(?!\\w)" % "|".join(_TONE_MOVES))
_LEVEL = r"(?:tỉnh|thành\s+phố)\s+|tp\s*\.\s*|tp\s+"
_BEFORE = re.compile(r"(?:(\w+)\s+)?(\w+)\s+$")
_LEVEL_RE = re.compile(rf"^(?:{_LEVEL})", re.IGNORECASE)


def _tones(text: str) -> str:
    """Same-length rewrite of an NFC text with tone marks in one place."""
    return _TONE_RE.sub(lambda m: _TONE_MOVES[m.group()], text)


def _key(text: str) -> str:
    """Lookup key: NFC, one tone placement, case-folded, one spacing."""
    text = _tones(clean_text(text).translate(LEGACY_D)).casefold().strip()
    text = re.sub(r"\s*[-‐‑–—]\s*", "-", text)
    return re.sub(r"\s+", " ", re.sub(r"\.\s*", ".", text))


def _bare(text: str) -> str:
    """The name without a leading level word: 'TP. Huế' -> 'Huế'."""
    return _LEVEL_RE.sub("", text.strip())


def _pattern(form: str) -> str:
    """Regex for a spelling that tolerates any spacing around '-', '–', '.'."""
    parts = re.split(r"(\s*[-‐‑–—]\s*|\.\s*|\s+)", _tones(clean_text(form)))
    seps = {"": r"\s+", ".": r"\.\s*"}
    return "".join(re.escape(part) if i % 2 == 0 else seps.get(part.strip(), r"\s*[-‐‑–—]\s*")
                   for i, part in enumerate(parts))


def _normalised(text: str) -> tuple[str, list[int] | None, list[int] | None]:
    """NFC + tone placement, with maps from each character back to `text`.

    NFD input changes length under NFC, so it is normalised one base letter
    plus its combining marks at a time; every output character maps to that
    whole cluster. Already-NFC text needs no map (None).
    """
    if unicodedata.is_normalized("NFC", text):
        return _tones(text), None, None
    out, starts, ends = [], [], []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        chunk = unicodedata.normalize("NFC", text[i:j])
        out.append(chunk)
        starts += [i] * len(chunk)
        ends += [j] * len(chunk)
        i = j
    return _tones("".join(out)), starts, ends


def _capitalised(name: str) -> bool:
    """Every word starts upper-case: 'Hòa Bình' is the province, 'hòa bình' peace."""
    words = re.findall(r"\w+", name)
    return bool(words) and all(w[0].isupper() for w in words)


# --- the gazetteer -------------------------------------------------------------

class Gazetteer:
    """All units plus one precompiled regex that finds any of them in text."""

    def __init__(self, units, guards: dict | None = None):
        self.units = tuple(units)
        guards = guards or {}
        self._by_name = {u.name: u for u in self.units}
        self._index: dict[str, Unit] = {}      # key of any spelling -> unit
        self._forms: dict[str, tuple] = {}     # key of a bare form -> (unit|None, how, needs level word)
        self._domains: dict[str, Unit] = {}
        for u in self.units:
            for form in (u.name, *u.variants):
                for k in {_key(form), _key(_bare(form))}:
                    if self._index.setdefault(k, u) is not u:
                        raise ValueError(f"{form!r} names both {self._index[k].name} and {u.name}")
                if form in u.abbreviations:
                    self._forms[_key(form)] = (u, "abbreviation", False)
                else:  # bare "Hồ Chí Minh" counts only after a level word
                    self._forms.setdefault(_key(_bare(form)), (u, "name", _bare(u.name) != u.name))
            for d in u.domains:
                self._domains[d.lower()] = u
        for blocked in guards.get("not_places", ()):
            self._forms[_key(blocked)] = (None, "blocked", False)
        self._not_after = {_key(w) for w in guards.get("not_after", ())}
        self._people = {_key(w) for w in guards.get("personal_names", ())}

    @functools.cached_property
    def _regex(self) -> re.Pattern:
        """One regex: domains first, then abbreviations, then (level word +) names;
        compiled when text is first searched (a build only looks names up).

        Alternatives are longest first, so 'Thừa Thiên Huế' wins over 'Huế' and
        'Điện Biên Phủ' (blocked) over 'Điện Biên'.
        """
        def alts(items):
            return "|".join(sorted(set(items), key=lambda p: (-len(p), p)))
        abbrs = [_pattern(f) for u in self.units for f in u.abbreviations]
        names = [_pattern(_bare(f)) for u in self.units for f in (u.name, *u.variants)
                 if f not in u.abbreviations] + [
                 _pattern(b) for b, (u, how, _) in self._forms.items() if how == "blocked"]
        domains = [re.escape(d) for d in self._domains]
        return re.compile(
            rf"(?<![\w.-])(?P<dom>(?:[a-z0-9-]+\.)*(?:{alts(domains)}))(?![\w-])(?!\.[\w-])"
            rf"|(?<!\w)(?P<abbr>{alts(abbrs)})(?!\w)"
            rf"|(?<!\w)(?P<pre>{_LEVEL})?(?P<name>{alts(names)})(?!\w)",
            re.IGNORECASE)

    def _guarded(self, norm: str, start: int) -> bool:
        """True when the word(s) before `start` make the name something else."""
        before = _BEFORE.search(norm[max(0, start - 40):start])
        if not before:
            return False
        first, last = before.group(1), before.group(2)
        pair = _key(f"{first} {last}") if first else ""
        if pair in ("thành phố", "thị xã", "điểm cầu"):   # level words; a conference's bridge point
            return False
        if pair in self._not_after or _key(last) in self._not_after:
            return True
        return last[0].isupper() and _key(last) in self._people

    def _domain_unit(self, host: str) -> Unit | None:
        """The unit of a host or of any domain above it (stttt.sonla.gov.vn)."""
        labels = host.lower().split(".")
        suffixes = (".".join(labels[i:]) for i in range(len(labels)))
        return next((self._domains[d] for d in suffixes if d in self._domains), None)

    def find_in_text(self, text: str) -> list[Mention]:
        """Every mention in text order; `name` is the unit's own name (no dates)."""
        norm, starts, ends = _normalised(text)
        found, pos = [], 0
        while (m := self._regex.search(norm, pos)) is not None:
            unit, how = self._judge(m, norm)
            if unit is None:  # skip a blocked name whole; inside a rejected one
                pos = m.end() if how == "blocked" else m.start() + 1  # a shorter may start
                continue
            a, b = (m.start(), m.end()) if starts is None else (starts[m.start()], ends[m.end() - 1])
            found.append(Mention(unit.name, a, b, how, text[a:b]))
            pos = m.end()
        return found

    def _judge(self, m: re.Match, norm: str) -> tuple[Unit | None, str]:
        """(unit, how) for a mention; (None, reason) when the match is not one."""
        if m.group("dom"):
            return self._domain_unit(m.group("dom")), "domain"
        written = m.group("abbr") or m.group("name")
        unit, how, needs_level = self._forms.get(_key(written), (None, "unknown", False))
        pre = m.group("pre")
        if unit is None:
            return None, how
        if not _capitalised(written) or (needs_level and not pre):
            return None, "case"
        if how == "abbreviation":
            return unit, how
        if not pre:
            return (None, "guard") if self._guarded(norm, m.start()) else (unit, "name")
        return unit, "name" if _key(m.group()) == _key(unit.name) else "prefixed"

    def lookup(self, name: str) -> Unit | None:
        """Exact name or variant, ignoring case, tone placement, NFC/NFD and a
        level word; never diacritics ('Ha Giang' is no unit: see suggest)."""
        return self._index.get(_key(name)) or self._index.get(_key(_bare(name)))

    def canonical(self, name: str, on: date | None = None) -> str | None:
        """The unit's name as in force on `on`: forward through mergers, and
        back to the predecessor when a renamed unit did not exist yet
        ('Huế' in 2020 -> 'Thừa Thiên Huế')."""
        unit = self.lookup(name)
        if unit is None or on is None:
            return unit.name if unit else None
        for _ in self.units:  # bounded: a cycle in bad data cannot hang
            if not (unit.successor and unit.valid_to and on > unit.valid_to):
                break
            unit = self._by_name[unit.successor]
        if unit.valid_from and on < unit.valid_from:
            before = [u for u in self.units if u.successor == unit.name and u.in_force(on)]
            if len(before) == 1:
                unit = before[0]
        return unit.name

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """'Did you mean': names whose folded spellings match or nearly match.

        Folding drops diacritics, so 'Ha Giang' finds 'Hà Giang'; difflib
        catches typos. Best first, then Vietnamese order among equals.
        """
        query = _key(fold(_bare(name)))
        scores = {}
        for u in self.units:
            for form in (u.name, *u.variants):
                cand = _key(fold(_bare(form)))
                score = 1.0 if cand == query else difflib.SequenceMatcher(None, query, cand).ratio()
                scores[u.name] = max(score, scores.get(u.name, 0.0))
        best = [n for n, s in scores.items() if s >= 0.6]
        best.sort(key=lambda n: (-scores[n], sort_key(n)))
        return best[:limit]

    def names(self, on: date | None = None) -> list[str]:
        """Names in force on `on` (all if None), in Vietnamese order."""
        units = self.units if on is None else [u for u in self.units if u.in_force(on)]
        return sorted((u.name for u in units), key=sort_key)


# --- loading -------------------------------------------------------------------

def _unit(row: dict, path: Path) -> Unit:
    """One data row -> Unit, refusing rows that break the file's rules."""
    missing = [k for k in ("name", "slug", "kind") if not row.get(k)]
    if missing:
        raise ValueError(f"{path}: row {row!r} lacks {', '.join(missing)}")
    name = clean_text(row["name"])
    abbreviations = tuple(row.get("abbreviations") or ())
    unit = Unit(name=name, slug=row["slug"], kind=row["kind"],
                variants=tuple(row.get("variants") or ()) + abbreviations,
                domains=tuple(row.get("domains") or ()),
                valid_from=row.get("valid_from"), valid_to=row.get("valid_to"),
                successor=row.get("successor"), abbreviations=abbreviations)
    problems = [
        unit.slug != slugify(name) and f"slug should be {slugify(name)!r}",
        unit.kind not in KINDS and f"kind must be one of {KINDS}",
        not unit.domains and "needs at least one domain",
        bool(unit.successor) != bool(unit.valid_to) and "successor and valid_to go together",
    ]
    problems = [p for p in problems if p]
    if problems:
        raise ValueError(f"{path}, {name}: " + "; ".join(problems))
    return unit


def _build(path: Path) -> Gazetteer:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    units = [_unit(row, path) for row in data["units"]]
    names = {u.name for u in units}
    for u in units:
        if u.successor and u.successor not in names:
            raise ValueError(f"{path}, {u.name}: unknown successor {u.successor!r}")
    if len({u.slug for u in units}) != len(units):
        raise ValueError(f"{path}: slugs are not unique")
    return Gazetteer(units, data.get("guards"))


@lru_cache(maxsize=1)
def _default() -> Gazetteer:
    return _build(DEFAULT_PATH)


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The gazetteer from `path`, or the repository's (read once, cached)."""
    return _default() if path is None else _build(Path(path))
