"""`python build.py new "Tiêu đề" …`: start a page with every field of the format."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from .content import MAX_YEAR, MIN_YEAR
from .fsutil import write_new
from .importer.run import scan_content
from .places import load_gazetteer
from .text import clean_text, slugify


def free_slug(content_dir: Path, base: str, day: dt.date) -> str:
    """`base`, or with the date (and a number) added, whichever no page uses yet.

    Written into the new page, so that its address never moves, whatever
    pages with the same title are added later.
    """
    taken = set(scan_content(content_dir).slugs.values())
    candidates = [base, f"{base}-{day.isoformat()}"]
    candidates += (f"{base}-{day.isoformat()}-{n}" for n in range(2, len(taken) + 3))
    return next(c for c in candidates if c not in taken)


class NewPageError(Exception):
    """Something the editor asked for that cannot be a page; the message says what to do."""


def _value(value) -> str:
    """One YAML scalar, quoted only when it has to be."""
    return yaml.safe_dump(value, allow_unicode=True, width=1000).removesuffix("\n...\n").strip()


def page_text(title: str, day: dt.date, province: str | None,
              review_year: int | None, plan_year: int | None, slug: str) -> str:
    fields = [
        (f"title: {_value(title)}", ""),
        (f"date: {day.isoformat()}", "the day of the event, else the publication day"),
        (f"province: {_value(province)}", "canonical name, e.g. Lạng Sơn; null if not known"),
        (f"review_year: {_value(review_year)}", "the year whose results the page reports, or null"),
        (f"plan_year: {_value(plan_year)}", "the year whose tasks the page sets, or null"),
        ("authors: []", "e.g. [Hoàng Vương, Minh Quang]"),
        ("topics: []", "e.g. [Chuyển đổi số, Viễn thông, Bưu chính]"),
        ('summary: ""', "one or two sentences shown in lists and search results"),
        ('source: ""', "the seed file or web address the page comes from"),
        ('outlet: ""', "who published it, shown to readers: sonla.gov.vn or Báo Lạng Sơn"),
        (f"slug: {slug}", "the page's address: keep it once the page is published"),
        ("draft: false", "true keeps the page out of the site until you publish it"),
        ("figures: []", "key figures, e.g.:"),
    ]
    width = max(len(line) for line, _ in fields) + 2
    front = "\n".join(f"{line:<{width}}# {note}" if note else line for line, note in fields)
    return f"""---
{front}
#  - value: 174
#    unit: điểm phục vụ bưu chính
#    text: Toàn tỉnh có 174 điểm phục vụ bưu chính.
---
Viết nội dung bài ở đây. Mỗi đoạn cách nhau một dòng trống.

1. Danh sách đánh số viết như thế này.
"""


def new_page(content_dir: Path, title: str, province: str | None = None,
             review_year: int | None = None, plan_year: int | None = None,
             date: str | None = None) -> Path:
    """Write a new page and return its path; NewPageError if the request is wrong."""
    title = clean_text(title).strip()
    if not title:
        raise NewPageError("the title is empty — write it in quotes: new \"Tiêu đề bài\"")
    try:
        day = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        raise NewPageError(f'--date "{date}" is not a valid date — write YYYY-MM-DD') from None
    if review_year is None and plan_year is None:
        raise NewPageError("give --review-year (the year whose results the page reports) "
                           "or --plan-year (the year whose tasks it sets), or both")
    for flag, year in (("--review-year", review_year), ("--plan-year", plan_year)):
        if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
            raise NewPageError(f"{flag} {year} is out of range — write a year such as {day.year}")
    if province:
        gazetteer = load_gazetteer()
        unit = gazetteer.lookup(clean_text(province))
        if unit is None:
            close = gazetteer.suggest(province)
            hint = ("did you mean " + " or ".join(f'"{n}"' for n in close) + "?") if close \
                else "write a province name such as \"Lạng Sơn\""
            raise NewPageError(f'--province "{province}" is not a province — {hint}')
        province = unit.name
    slug = free_slug(content_dir, slugify(title), day)
    path = content_dir / f"{day.isoformat()}-{slugify(title)}.md"
    if not write_new(path, page_text(title, day, province, review_year, plan_year, slug)):
        raise NewPageError(f"{path} already exists — it was left as it is; "
                           "choose another title or edit that file")
    return path
