"""content/**/*.md -> validated `Article`s, with every problem named by file and line.

This module is the content format's one definition: what each front matter
key may hold, and what an editor is told when it holds something else.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from digest.content.frontmatter import FENCE, RawPage, decode
from digest.problems import Problem
from digest.keys import content_hash
from digest.content.figures import far_year_warnings, value_problem

from digest.lexicon.metrics import KINDS, SCOPES, load_metrics
from digest.lexicon.places import load_gazetteer
from digest.util.text import vi_number


@dataclass(frozen=True)
class Figure:
    """One key figure: a number, what it counts, and what it says about its metric."""

    value: float
    unit: str
    text: str                      # the sentence it stands in
    metric: str | None = None      # an id of data/metrics.yaml, or None when unknown
    kind: str = "result"           # result, target, change or rank (metrics.KINDS)
    year: int | None = None        # the year it is about
    qualifier: str | None = None   # gần, khoảng, hơn, trên, dưới, vượt, đạt…
    scope: str | None = None       # "national": the country's figure, not the province's
    anchor: str = ""               # its id on the article page: so-lieu-1, so-lieu-2…

    @property
    def label(self) -> str:
        """'1.463 tỷ đồng', '99,5%', '212/216 bản': '%' and '/' hug the number."""
        number = vi_number(self.value)
        if not self.unit:
            return number
        joined = self.unit.startswith(("%", "/"))  # '100% xã', '212/216 bản'
        return f"{number}{self.unit}" if joined else f"{number} {self.unit}"


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


KNOWN_KEYS = {"title", "date", "province", "review_year", "plan_year", "authors", "topics",
              "summary", "source", "outlet", "slug", "draft", "figures"}
FIGURE_KEYS = {"value", "unit", "text", "metric", "kind", "year", "qualifier", "scope"}
_HOST = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?$", re.IGNORECASE)
_WEB = re.compile(r"^https?://[^\s/]+\.[^\s]+$", re.IGNORECASE)


def outlet_url(outlet: str) -> str | None:
    """A link for an outlet a reader can follow: an http(s) address as written, a domain
    ("sonla.gov.vn") as https://; a name ("Báo Lạng Sơn") or anything else gets none."""
    outlet = outlet.strip()
    if _WEB.match(outlet):
        return outlet
    return f"https://{outlet.lower()}" if _HOST.match(outlet) else None
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MIN_YEAR, MAX_YEAR = 1945, 2100
MAX_SLUG = 80  # characters; an address is a folder name, and file systems cap those
PLACEHOLDER = "Viết nội dung bài ở đây"  # the text `new` writes until an editor replaces it


class _Checker:
    """Collects every problem of one page instead of stopping at the first."""

    def __init__(self, raw: RawPage):
        self.raw = raw
        self.problems: list[Problem] = []
        self.missing: list[Problem] = []  # required values not written yet

    def lacks(self, message: str) -> None:
        self.error(None, message)
        self.missing.append(self.problems[-1])

    def error(self, key: str | None, message: str) -> None:
        line = self.raw.key_lines.get(key, 2) if key else None
        self.problems.append(Problem(self.raw.path, line, message))

    def warn(self, key: str | None, message: str) -> None:
        line = self.raw.key_lines.get(key, 2) if key else None
        self.problems.append(Problem(self.raw.path, line, message, "warning"))

    def text(self, key: str, required: bool = False, exact: bool = False) -> str | None:
        value = self.raw.data.get(key)
        if value is None:
            if required:
                self.lacks(f'{key}: missing — add a line "{key}: …" to the front matter')
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # a title like 2020 is still a title
        if not isinstance(value, str):
            self.error(key, f"{key}: must be text, not {_describe(value)}")
            return None
        if required and not value.strip():
            self.error(key, f"{key}: is empty — write the {key}")
            return None
        return value if exact else value.strip()

    def year(self, key: str) -> int | None:
        value = self.raw.data.get(key)
        if value is None:
            return None
        if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
            value = int(value)  # isdigit() alone lets '²' through, which int() rejects
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, f'{key}: "{value}" is not a year — write a year such as 2020, or null')
            return None
        if not MIN_YEAR <= value <= MAX_YEAR:
            self.error(key, f"{key}: {value} is out of range — write a year between "
                            f"{MIN_YEAR} and {MAX_YEAR}")
            return None
        return value

    def date(self) -> dt.date | None:
        value = self.raw.data.get("date")
        if value is None:
            self.lacks('date: missing — add a line "date: YYYY-MM-DD" '
                             "(the day of the event, else the publication day)")
            return None
        text = str(value).strip()
        try:
            if not _DATE.match(text):
                raise ValueError
            return dt.date.fromisoformat(text)
        except ValueError:
            self.error("date", f'date: "{text}" is not a valid date — write YYYY-MM-DD')
            return None

    def names(self, key: str) -> tuple[str, ...]:
        value = self.raw.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]  # "authors: Hoàng Vương" is a list of one
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            self.error(key, f"{key}: must be a list of names, one per line as '- name'")
            return ()
        return tuple(str(v).strip() for v in value if str(v).strip())

    def figures(self) -> tuple[Figure, ...]:
        value = self.raw.data.get("figures")
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error("figures", "figures: must be a list of {value, unit, text}")
            return ()
        result = []
        for number, item in enumerate(value, 1):
            amount = item.get("value") if isinstance(item, dict) else None
            wrong = value_problem(amount)   # what a chart cannot draw is refused here
            if wrong:
                self.error("figures", f"figures: item {number}{wrong}")
                continue
            result.append(self.figure_fields(item, number, amount))
        return tuple(result)

    def figure_fields(self, item: dict, number: int, amount: float) -> Figure:
        """The optional keys of one figure; old pages without them stay valid."""
        metric = item.get("metric")
        if metric is not None and str(metric) not in load_metrics():
            close = difflib.get_close_matches(str(metric), list(load_metrics()), n=3)
            hint = (" — did you mean " + " or ".join(close) + "?") if close else \
                " — use an id from data/metrics.yaml, or leave 'metric' out"
            self.error("figures", f"figures: item {number}: metric \"{metric}\" is not a "
                                  f"known metric{hint}")
            metric = None
        kind = item.get("kind", "result")
        if kind not in KINDS:
            self.error("figures", f"figures: item {number}: kind must be one of "
                                  f"{', '.join(KINDS)}, not {kind!r}")
            kind = "result"
        year = item.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)
                                 or not MIN_YEAR <= year <= MAX_YEAR):
            self.error("figures", f"figures: item {number}: year must be a year such as "
                                  f"2023, not {year!r}")
            year = None
        scope = item.get("scope")
        if scope is not None and scope not in SCOPES:
            self.error("figures", f"figures: item {number}: scope must be "
                                  f"{' or '.join(SCOPES)} (or left out), not {scope!r}")
            scope = None
        for key in item.keys() - FIGURE_KEYS:
            close = difflib.get_close_matches(str(key), sorted(FIGURE_KEYS), n=1)
            hint = f' — did you mean "{close[0]}"?' if close else \
                f" — a figure's keys are {', '.join(sorted(FIGURE_KEYS))}"
            self.warn("figures", f'figures: item {number}: unknown key "{key}" is ignored{hint}')
        qualifier = item.get("qualifier")
        return Figure(amount, str(item.get("unit") or ""), str(item.get("text") or ""),
                      str(metric) if metric is not None else None, kind, year,
                      str(qualifier) if qualifier not in (None, "") else None, scope,
                      f"so-lieu-{number}")


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
            c.error(key, f"{key}: holds {odd} — a key of your own may hold text, numbers, "
                         "true/false, and lists or key: value blocks of them; put the value "
                         "in quotes")
    return extra


def _not_plain(value, depth: int = 0) -> str | None:
    """What in `value` is not a plain value, or None when all of it is."""
    if value is None or isinstance(value, (str, bool, int)):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else "a number that is not finite"
    if depth > 20:
        return "values nested too deep"
    if isinstance(value, list):
        return next((odd for v in value if (odd := _not_plain(v, depth + 1))), None)
    if isinstance(value, dict):
        if not all(isinstance(k, (str, int)) and not isinstance(k, bool) for k in value):
            return "a key that is not text"
        return next((odd for v in value.values() if (odd := _not_plain(v, depth + 1))), None)
    return {"date": "a date", "datetime": "a date and time", "bytes": "binary data",
            "set": "a set"}.get(type(value).__name__, f"a {type(value).__name__} value")


def _describe(value) -> str:
    kind = {list: "a list", dict: "a key: value block", bool: "true/false"}.get(type(value))
    return kind or repr(value)


def _check_province(c: _Checker, province: str | None, day: dt.date | None) -> str | None:
    """The canonical spelling of a known province; an error naming the closest ones if not."""
    if not province:
        return None
    gazetteer = load_gazetteer()
    unit = gazetteer.lookup(province)
    if unit is None:
        close = gazetteer.suggest(province)
        hint = (" — did you mean " + " or ".join(f'"{n}"' for n in close) + "?") if close else \
            ' — write the province\'s name as in "Lạng Sơn" or "Thành phố Hồ Chí Minh", or null'
        c.error("province", f'province: "{province}" is not a province{hint}')
        return None
    if day and not unit.in_force(day):
        now = gazetteer.canonical(unit.name, day)
        c.warn("province", f'province: "{unit.name}" did not exist on {day.isoformat()}'
                           + (f' — on that day it was "{now}"' if now != unit.name else ""))
    return unit.name


def _check_years(c: _Checker, day: dt.date | None, review: int | None, plan: int | None) -> None:
    """A page cannot report results of a year that has not begun, nor set tasks long past."""
    if day is None:
        return
    if review is not None and review > day.year:
        c.error("review_year", f"review_year: {review} is after the page's date "
                               f"({day.isoformat()}) — results can only be reported for "
                               f"{day.year} or earlier; check the year or the date")
    elif review is not None and review < day.year - 5:
        c.error("review_year", f"review_year: {review} is more than 5 years before the page's "
                               f"date ({day.isoformat()}) — check the year or the date")
    if plan is not None and not day.year - 1 <= plan <= day.year + 5:
        c.error("plan_year", f"plan_year: {plan} does not fit the page's date "
                             f"({day.isoformat()}) — tasks are set for {day.year - 1} to "
                             f"{day.year + 5}; check the year or the date")
    if review is not None and plan is not None and plan < review:
        c.error("plan_year", f"plan_year: {plan} is before review_year {review} — "
                             "a page sets tasks for the year after the results it reports")


def _check_unfinished(c: _Checker, draft: bool) -> None:
    """What `new` leaves to the editor: `summary: ""` and the placeholder text.
    Reminders on a draft; errors on a published page, where readers would see them.
    An imported page's gaps were listed by the import report: they stay reminders."""
    level, later = ("warning", " (a reminder while the page is a draft; an error once "
                               "it is published)") if draft else ("error", "")
    summary = c.raw.data.get("summary", "absent")
    if summary is None or isinstance(summary, str) and not summary.strip():
        c.problems.append(Problem(c.raw.path, c.raw.key_lines.get("summary"),
                                  "summary: is empty — write one or two sentences for lists, "
                                  f"search results and feeds{later}",
                                  "warning" if "imported" in c.raw.data else level))
    placeholder = [n for n, line in enumerate(c.raw.body.split("\n"))
                   if line.lstrip().startswith(PLACEHOLDER)]
    if placeholder:
        c.problems.append(Problem(c.raw.path, c.raw.body_line + placeholder[0],
                                  f'the text is still the placeholder "{PLACEHOLDER}…" — '
                                  f"replace it with the article{later}", level))


def check_page(raw: RawPage) -> tuple[Article | None, list[Problem]]:
    """Validate one parsed page; the Article is None when any error was found."""
    c = _Checker(raw)
    title = c.text("title", required=True)
    date = c.date()
    province = c.text("province")
    review_year, plan_year = c.year("review_year"), c.year("plan_year")
    if raw.data.get("review_year") is None and raw.data.get("plan_year") is None:
        c.lacks("review_year and plan_year: both missing — set at least one: "
                      "review_year is the year whose results the page reports, "
                      "plan_year the year whose tasks it sets")
    province = _check_province(c, province, date)
    _check_years(c, date, review_year, plan_year)
    slug = c.text("slug")
    if slug is not None and not _SLUG.match(slug):
        c.error("slug", f'slug: "{slug}" must be lower-case ASCII letters, digits and '
                        "hyphens, e.g. so-tt-tt-lang-son-2018")
    elif slug is not None and len(slug) > MAX_SLUG:
        c.error("slug", f"slug: {len(slug)} characters is too long for an address — "
                        f"keep it to {MAX_SLUG}, e.g. {slug[:MAX_SLUG].rsplit('-', 1)[0]}")
    draft = raw.data.get("draft", False)
    if not isinstance(draft, bool):
        c.error("draft", f"draft: must be true or false, not {draft!r}")
    _check_unfinished(c, draft is not False)
    article = Article(
        path=raw.path, title=title or "", date=date or dt.date.min, province=province or None,
        review_year=review_year, plan_year=plan_year,
        authors=c.names("authors"), topics=c.names("topics"),
        summary=c.text("summary") or "", slug=slug,
        source=c.text("source", exact=True) or "",   # a seed's name, kept exactly (ledger.py)
        outlet=c.text("outlet") or "",
        draft=draft is True, figures=c.figures(),
        extra=_extra_keys(c),
        body_line=raw.body_line, body_hash=content_hash(raw.body.encode("utf-8")),
        links_files=".md" in raw.body, _body=raw.body)
    for message in far_year_warnings(article.figures, list(article.years)):
        c.warn("figures", message)
    if raw.data.get("province") is None:
        c.warn("province", "province: not set — the page is listed under "
                           "'Chưa xác định tỉnh' until you write its province")
    errors = [p for p in c.problems if p.level == "error"]
    if draft is True and errors and errors == c.missing:
        # A draft may be unfinished (the importer writes one when a seed lacks a
        # date): it stays out of the site, and the gaps are reminders, not errors.
        return None, [Problem(p.path, p.line, f"{p.message} (this draft stays out of the "
                                              "site until then)", "warning")
                      if p in c.missing else p for p in c.problems]
    return (None if errors else article), c.problems


def read_body(path: Path, shown_as: str) -> str:
    """Just the body of a content file that was already checked (no YAML parsing)."""
    lines = decode(path.read_bytes(), shown_as).split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE), len(lines))
    return "\n".join(lines[end + 1:])
