"""content/**/*.md -> validated `Article`s, with every problem named by file and line.

This module is the content format's one definition: what each front matter
key may hold, and what an editor is told when it holds something else.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .frontmatter import ContentError, Problem, RawPage, decode, parse_page
from .text import vi_number


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str
    text: str

    @property
    def label(self) -> str:
        """'1.463 tỷ đồng', '99,5%': a percent sign hugs its number."""
        number = vi_number(self.value)
        if not self.unit:
            return number
        return f"{number}{self.unit}" if self.unit == "%" else f"{number} {self.unit}"


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
    draft: bool = False
    figures: tuple[Figure, ...] = ()
    extra: dict = field(default_factory=dict)  # unknown keys, passed to templates
    body: str = ""
    body_line: int = 1
    url: str = ""               # site-relative, e.g. bai-viet/x/index.html

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(y for y in (self.review_year, self.plan_year) if y is not None)


KNOWN_KEYS = {"title", "date", "province", "review_year", "plan_year", "authors", "topics",
              "summary", "source", "slug", "draft", "figures"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MIN_YEAR, MAX_YEAR = 1945, 2100


class _Checker:
    """Collects every problem of one page instead of stopping at the first."""

    def __init__(self, raw: RawPage):
        self.raw = raw
        self.problems: list[Problem] = []

    def error(self, key: str | None, message: str) -> None:
        line = self.raw.key_lines.get(key, 2) if key else None
        self.problems.append(Problem(self.raw.path, line, message))

    def warn(self, key: str | None, message: str) -> None:
        line = self.raw.key_lines.get(key, 2) if key else None
        self.problems.append(Problem(self.raw.path, line, message, "warning"))

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.raw.data.get(key)
        if value is None:
            if required:
                self.error(None, f'{key}: missing — add a line "{key}: …" to the front matter')
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # a title like 2020 is still a title
        if not isinstance(value, str):
            self.error(key, f"{key}: must be text, not {_describe(value)}")
            return None
        if required and not value.strip():
            self.error(key, f"{key}: is empty — write the {key}")
            return None
        return value.strip()

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
            self.error(None, 'date: missing — add a line "date: YYYY-MM-DD" '
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
            if isinstance(amount, bool) or not isinstance(amount, (int, float)):
                self.error("figures", f"figures: item {number} needs a number as 'value' "
                                      "(write 9000, not 9.000)")
                continue
            result.append(Figure(amount, str(item.get("unit") or ""), str(item.get("text") or "")))
        return tuple(result)


def _describe(value) -> str:
    kind = {list: "a list", dict: "a key: value block", bool: "true/false"}.get(type(value))
    return kind or repr(value)


def check_page(raw: RawPage) -> tuple[Article | None, list[Problem]]:
    """Validate one parsed page; the Article is None when any error was found."""
    c = _Checker(raw)
    title = c.text("title", required=True)
    date = c.date()
    province = c.text("province")
    review_year, plan_year = c.year("review_year"), c.year("plan_year")
    if raw.data.get("review_year") is None and raw.data.get("plan_year") is None:
        c.error(None, "review_year and plan_year: both missing — set at least one: "
                      "review_year is the year whose results the page reports, "
                      "plan_year the year whose tasks it sets")
    slug = c.text("slug")
    if slug is not None and not _SLUG.match(slug):
        c.error("slug", f'slug: "{slug}" must be lower-case ASCII letters, digits and '
                        "hyphens, e.g. so-tt-tt-lang-son-2018")
    draft = raw.data.get("draft", False)
    if not isinstance(draft, bool):
        c.error("draft", f"draft: must be true or false, not {draft!r}")
    article = Article(
        path=raw.path, title=title or "", date=date or dt.date.min, province=province or None,
        review_year=review_year, plan_year=plan_year,
        authors=c.names("authors"), topics=c.names("topics"),
        summary=c.text("summary") or "", source=c.text("source") or "", slug=slug,
        draft=draft is True, figures=c.figures(),
        extra={k: v for k, v in raw.data.items() if k not in KNOWN_KEYS},
        body=raw.body, body_line=raw.body_line)
    if not province:
        c.warn("province", "province: not set — the page is listed under "
                           "'Chưa xác định tỉnh' until you write its province")
    errors = [p for p in c.problems if p.level == "error"]
    return (None if errors else article), c.problems


def read_file(path: Path, shown_as: str) -> tuple[Article | None, list[Problem]]:
    """Read, parse and check one content file."""
    try:
        raw = parse_page(decode(path.read_bytes(), shown_as), shown_as)
    except ContentError as err:
        return None, [err.problem]
    except OSError as err:
        return None, [Problem(shown_as, None, f"cannot be read: {err.strerror}")]
    return check_page(raw)


def content_files(content_dir: Path) -> list[Path]:
    """Every page file, in a stable order; hidden files and folders are skipped."""
    return sorted(p for p in content_dir.rglob("*.md")
                  if not any(part.startswith(".") for part in p.relative_to(content_dir).parts))


def read_content(content_dir: Path, shown_root: Path | None = None
                 ) -> tuple[list[Article], list[Problem]]:
    """All articles of a content folder and all problems found in it."""
    articles, problems = [], []
    for path in content_files(content_dir):
        shown = path.relative_to(shown_root).as_posix() if shown_root else path.as_posix()
        article, found = read_file(path, shown)
        problems.extend(found)
        if article is not None:
            articles.append(article)
    return articles, problems
