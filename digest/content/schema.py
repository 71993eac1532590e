"""content/**/*.md -> validated `Article`s, with every problem named by file and line.

This module checks the content format that pageformat.py declares (the keys,
the year range, the values a choice key accepts): what each front matter key
may hold, and what an editor is told when it holds something else. A figure's
keys are checked by figures.py (Figure is its).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from digest.content.frontmatter import FENCE, RawPage, decode
from digest.problems import Problem
from digest.keys import content_hash
from digest.content.figures import KIND_NAMES, Figure, check_figures, far_year_warnings
from digest.content.pageformat import (DATE_PATTERN, MAX_SLUG, MAX_YEAR, MIN_YEAR,  # noqa: F401
                                       PAGE_KEYS, SLUG_PATTERN, values)
from digest.content.pageformat import FIGURE_KEYS  # noqa: F401  (the format's, read from here)
from digest.i18n import N_, _, either

from digest.lexicon.places import load_gazetteer


@dataclass
class Article:
    path: str                   # as shown to editors, e.g. content/2020/x.md
    title: str
    date: dt.date
    province: str | None
    review_year: int | None
    plan_year: int | None
    authors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    summary: str = ""
    source: str = ""
    slug: str | None = None     # the editor's override; the model fills `url`
    outlet: str = ""            # who published it: "sonla.gov.vn", "Báo Lạng Sơn"
    draft: bool = False
    figures: tuple[Figure, ...] = ()
    extra: dict = field(default_factory=dict)  # unknown keys, passed to templates
    body_line: int = 1          # the body's first line in the file, for messages
    body_hash: str = ""         # what the page key uses instead of the whole body
    links_files: bool = False   # the body links to other content files (*.md)
    assets: tuple = ()          # (href, content path, line) of each file its body names
    file: str = ""              # the real path, to read the body again when needed
    url: str = ""               # site-relative, e.g. bai-viet/x/index.html
    _body: str | None = field(default=None, repr=False, compare=False)

    @property
    def outlet_url(self) -> str | None:
        """'https://sonla.gov.vn' for an outlet written as a domain or a web address, else None."""
        return outlet_url(self.outlet)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(y for y in (self.review_year, self.plan_year) if y is not None)

    @property
    def body(self) -> str:
        """The Markdown body. An article from the build cache reads it from its file
        each time, and does not keep it: a build holds every article, and a body is
        needed only while its page and its search-index part are made."""
        return self._body if self._body is not None else read_body(Path(self.file), self.path)


KNOWN_KEYS = PAGE_KEYS
_HOST = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?$", re.IGNORECASE)
_WEB = re.compile(r"^https?://[^\s/]+\.[^\s]+$", re.IGNORECASE)


def outlet_url(outlet: str) -> str | None:
    """A link for an outlet a reader can follow: an http(s) address as written, a domain
    ("sonla.gov.vn") as https://; a name ("Báo Lạng Sơn") or anything else gets none."""
    outlet = outlet.strip()
    if _WEB.match(outlet):
        return outlet
    return f"https://{outlet.lower()}" if _HOST.match(outlet) else None
_DATE = re.compile(DATE_PATTERN)
_SLUG = re.compile(SLUG_PATTERN)
PLACEHOLDER = "Viết nội dung bài ở đây"  # the text `new` writes until an editor replaces it


class _Checker:
    """Collects every problem of one page instead of stopping at the first."""

    def __init__(self, raw: RawPage):
        self.raw = raw
        self.problems: list[Problem] = []
        self.missing: list[Problem] = []  # required values not written yet

    def lacks(self, code: str, message: str) -> None:
        self.error(code, None, message)
        self.missing.append(self.problems[-1])

    def error(self, code: str, key: str | None, message: str) -> None:
        line = self.raw.key_lines.get(key, 2) if key else None
        self.problems.append(Problem(self.raw.path, line, message, code=code))

    def warn(self, code: str, key: str | None, message: str) -> None:
        line = self.raw.key_lines.get(key, 2) if key else None
        self.problems.append(Problem(self.raw.path, line, message, "warning", code=code))

    def text(self, key: str, required: bool = False, exact: bool = False) -> str | None:
        value = self.raw.data.get(key)
        if value is None:
            if required:
                self.lacks(f"{key}-missing", _('{key}: missing — add a line "{key}: …" to '
                                               'the front matter').format(key=key))
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # a title like 2020 is still a title
        if not isinstance(value, str):
            self.error("value-not-text", key,
                       _("{key}: must be text, not {value}").format(key=key,
                                                                     value=_describe(value)))
            return None
        if required and not value.strip():
            self.error(f"{key}-empty", key, _("{key}: is empty — write the {key}").format(key=key))
            return None
        return value if exact else value.strip()

    def year(self, key: str) -> int | None:
        value = self.raw.data.get(key)
        if value is None:
            return None
        if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
            value = int(value)  # isdigit() alone lets '²' through, which int() rejects
        if isinstance(value, bool) or not isinstance(value, int):
            self.error("year-format", key, _('{key}: "{value}" is not a year — write a year such '
                                             'as 2020, or null').format(key=key, value=value))
            return None
        if not MIN_YEAR <= value <= MAX_YEAR:
            self.error("year-range", key, _("{key}: {value} is out of range — write a year "
                                            "between {low} and {high}").format(
                key=key, value=value, low=MIN_YEAR, high=MAX_YEAR))
            return None
        return value

    def date(self) -> dt.date | None:
        value = self.raw.data.get("date")
        if value is None:
            self.lacks("date-missing", _('date: missing — add a line "date: YYYY-MM-DD" '
                                         "(the day of the event, else the publication day)"))
            return None
        text = str(value).strip()
        try:
            if not _DATE.match(text):
                raise ValueError
            return dt.date.fromisoformat(text)
        except ValueError:
            self.error("date-format", "date", _('date: "{value}" is not a valid date — write '
                                                'YYYY-MM-DD').format(value=text))
            return None

    def names(self, key: str) -> tuple[str, ...]:
        value = self.raw.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]  # "authors: Hoàng Vương" is a list of one
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            self.error("names-format", key, _("{key}: must be a list of names, one per line "
                                              "as '- name'").format(key=key))
            return ()
        return tuple(str(v).strip() for v in value if str(v).strip())


def _extra_keys(c: _Checker) -> dict:
    """Keys the format does not know, passed to templates; they must hold plain values,
    which every output (JSON, the cache, templates) can carry."""
    extra = {}
    for key, value in c.raw.data.items():
        if key in KNOWN_KEYS:
            continue
        odd = _not_plain(value)
        if odd is None:
            extra[key] = value
        else:
            c.error("key-value-type", key, _(
                "{key}: holds {what} — a key of your own may hold text, numbers, true/false, "
                "and lists or key: value blocks of them; put the value in quotes").format(
                key=key, what=odd))
    return extra


def _not_plain(value, depth: int = 0) -> str | None:
    """What in `value` is not a plain value, or None when all of it is."""
    if value is None or isinstance(value, (str, bool, int)):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else _("a number that is not finite")
    if depth > 20:
        return _("values nested too deep")
    if isinstance(value, list):
        return next((odd for v in value if (odd := _not_plain(v, depth + 1))), None)
    if isinstance(value, dict):
        if not all(isinstance(k, (str, int)) and not isinstance(k, bool) for k in value):
            return _("a key that is not text")
        return next((odd for v in value.values() if (odd := _not_plain(v, depth + 1))), None)
    name = _ODD_VALUES.get(type(value).__name__)
    return _(name) if name else _("a {kind} value").format(kind=type(value).__name__)


_ODD_VALUES = {"date": N_("a date"), "datetime": N_("a date and time"),
               "bytes": N_("binary data"), "set": N_("a set")}


def _describe(value) -> str:
    kind = KIND_NAMES.get(type(value))
    return _(kind) if kind else repr(value)


def _check_province(c: _Checker, province: str | None, day: dt.date | None) -> str | None:
    """The canonical spelling of a known province; an error naming the closest ones if not."""
    if not province:
        return None
    gazetteer = load_gazetteer()
    unit = gazetteer.lookup(province)
    if unit is None:
        close = gazetteer.suggest(province)
        if close:
            message = _('province: "{province}" is not a province — did you mean {choices}?')
        else:
            message = _('province: "{province}" is not a province — write the province\'s '
                        'name as in "Lạng Sơn" or "Thành phố Hồ Chí Minh", or null')
        c.error("province-unknown", "province", message.format(
            province=province, choices=either(f'"{n}"' for n in close)))
        return None
    if day and not unit.in_force(day):
        now = gazetteer.canonical(unit.name, day)
        if now != unit.name:
            message = _('province: "{province}" did not exist on {date} — on that day it was '
                        '"{then}"')
        else:
            message = _('province: "{province}" did not exist on {date}')
        c.warn("province-date", "province", message.format(
            province=unit.name, date=day.isoformat(), then=now))
    return unit.name


def _check_years(c: _Checker, day: dt.date | None, review: int | None, plan: int | None) -> None:
    """A page cannot report results of a year that has not begun, nor set tasks long past."""
    if day is None:
        return
    if review is not None and review > day.year:
        c.error("review-year-after-date", "review_year", _(
            "review_year: {review} is after the page's date ({date}) — results can only be "
            "reported for {year} or earlier; check the year or the date").format(
            review=review, date=day.isoformat(), year=day.year))
    elif review is not None and review < day.year - 5:
        c.error("review-year-old", "review_year", _(
            "review_year: {review} is more than 5 years before the page's date ({date}) — "
            "check the year or the date").format(review=review, date=day.isoformat()))
    if plan is not None and not day.year - 1 <= plan <= day.year + 5:
        c.error("plan-year-date", "plan_year", _(
            "plan_year: {plan} does not fit the page's date ({date}) — tasks are set for "
            "{low} to {high}; check the year or the date").format(
            plan=plan, date=day.isoformat(), low=day.year - 1, high=day.year + 5))
    if review is not None and plan is not None and plan < review:
        c.error("plan-year-before-review", "plan_year", _(
            "plan_year: {plan} is before review_year {review} — a page sets tasks for the "
            "year after the results it reports").format(plan=plan, review=review))


def _check_topics(c: _Checker, topics: tuple[str, ...]) -> None:
    """A topic outside data/topics.yaml still gets its page, with a warning: the form
    and the JSON Schema offer only the listed ones, and a near miss splits a topic."""
    known = values("topics")
    for topic in topics:
        if topic in known:
            continue
        close = _close_topics(topic, tuple(known))
        message = _('topics: "{topic}" is not one of the topics in data/topics.yaml — did '
                    'you mean {choices}?') if close else \
            _('topics: "{topic}" is not one of the topics in data/topics.yaml — use one of '
              'them, or add it there')
        c.warn("topic-unknown", "topics", message.format(
            topic=topic, choices=either(f'"{n}"' for n in close)))


@functools.lru_cache(maxsize=256)
def _close_topics(topic: str, known: tuple[str, ...]) -> list[str]:
    """The listed topics nearest to `topic`, worked out once per build for each
    unknown topic: a site may use one on every page (difflib is slow)."""
    return difflib.get_close_matches(topic, known, n=3)


def _check_unfinished(c: _Checker, draft: bool) -> None:
    """What `new` leaves to the editor: `summary: ""` and the placeholder text.
    Reminders on a draft; errors on a published page, where readers would see them.
    An imported page's gaps were listed by the import report: they stay reminders."""
    level = "warning" if draft else "error"
    summary = c.raw.data.get("summary", "absent")
    if summary is None or isinstance(summary, str) and not summary.strip():
        message = _("summary: is empty — write one or two sentences for lists, search results "
                    "and feeds (a reminder while the page is a draft; an error once it is "
                    "published)") if draft else \
            _("summary: is empty — write one or two sentences for lists, search results and "
              "feeds")
        c.problems.append(Problem(c.raw.path, c.raw.key_lines.get("summary"), message,
                                  "warning" if "imported" in c.raw.data else level,
                                  code="summary-placeholder"))
    placeholder = [n for n, line in enumerate(c.raw.body.split("\n"))
                   if line.lstrip().startswith(PLACEHOLDER)]
    if placeholder:
        message = _('the text is still the placeholder "{placeholder}…" — replace it with the '
                    "article (a reminder while the page is a draft; an error once it is "
                    "published)") if draft else \
            _('the text is still the placeholder "{placeholder}…" — replace it with the article')
        c.problems.append(Problem(c.raw.path, c.raw.body_line + placeholder[0],
                                  message.format(placeholder=PLACEHOLDER), level,
                                  code="body-placeholder"))


def check_page(raw: RawPage) -> tuple[Article | None, list[Problem]]:
    """Validate one parsed page; the Article is None when any error was found."""
    c = _Checker(raw)
    title = c.text("title", required=True)
    date = c.date()
    province = c.text("province")
    review_year, plan_year = c.year("review_year"), c.year("plan_year")
    if raw.data.get("review_year") is None and raw.data.get("plan_year") is None:
        c.lacks("years-missing", _("review_year and plan_year: both missing — set at least "
                                   "one: review_year is the year whose results the page "
                                   "reports, plan_year the year whose tasks it sets"))
    province = _check_province(c, province, date)
    _check_years(c, date, review_year, plan_year)
    slug = c.text("slug")
    if slug is not None and not _SLUG.match(slug):
        c.error("slug-format", "slug", _('slug: "{slug}" must be lower-case ASCII letters, '
                                         "digits and hyphens, e.g. "
                                         "so-tt-tt-lang-son-2018").format(slug=slug))
    elif slug is not None and len(slug) > MAX_SLUG:
        c.error("slug-long", "slug", _("slug: {length} characters is too long for an address "
                                       "— keep it to {most}, e.g. {shorter}").format(
            length=len(slug), most=MAX_SLUG, shorter=slug[:MAX_SLUG].rsplit('-', 1)[0]))
    draft = raw.data.get("draft", False)
    if not isinstance(draft, bool):
        c.error("draft-format", "draft", _("draft: must be true or false, not {value}").format(
            value=repr(draft)))
    _check_unfinished(c, draft is not False)
    article = Article(
        path=raw.path, title=title or "", date=date or dt.date.min, province=province or None,
        review_year=review_year, plan_year=plan_year,
        authors=c.names("authors"), topics=_known_topics(c),
        summary=c.text("summary") or "", slug=slug,
        source=c.text("source", exact=True) or "",   # a seed's name, kept exactly (ledger.py)
        outlet=c.text("outlet") or "",
        draft=draft is True, figures=check_figures(c),
        extra=_extra_keys(c),
        body_line=raw.body_line, body_hash=content_hash(raw.body.encode("utf-8")),
        links_files=".md" in raw.body, _body=raw.body)
    for message in far_year_warnings(article.figures, list(article.years)):
        c.warn("figure-year-far", "figures", message)
    if raw.data.get("province") is None:
        c.warn("province-missing", "province", _("province: not set — the page is listed under "
                                                 "'Chưa xác định tỉnh' until you write its "
                                                 "province"))
    errors = [p for p in c.problems if p.level == "error"]
    if draft is True and errors and errors == c.missing:
        # A draft may be unfinished (the importer writes one when a seed lacks a
        # date): it stays out of the site, and the gaps are reminders, not errors.
        return None, [Problem(p.path, p.line, _("{problem} (this draft stays out of the "
                                                "site until then)").format(problem=p.message),
                              "warning", code=p.code)
                      if p in c.missing else p for p in c.problems]
    return (None if errors else article), c.problems


def _known_topics(c: _Checker) -> tuple[str, ...]:
    topics = c.names("topics")
    _check_topics(c, topics)
    return topics


def read_body(path: Path, shown_as: str) -> str:
    """Just the body of a content file that was already checked (no YAML parsing)."""
    lines = decode(path.read_bytes(), shown_as).split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE), len(lines))
    return "\n".join(lines[end + 1:])
