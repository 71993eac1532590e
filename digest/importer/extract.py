"""One seed's text -> every field of its content page (pure: no files, no printing).

The steps read top to bottom: split the page into headline, article and
chrome; find the signature and the captions; then read each field from the
article's own lines only, so nothing in a header, footer or related-news
list can leak into the date, years or province.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..places import Gazetteer
from . import dates, people, years
from .body import to_markdown
from .figures import find_figures
from .normalize import Layout, drop_captions, shorten, split_page, strip_agency
from .province import choose_province
from .topics import find_topics

SUMMARY_CHARS = 300


@dataclass
class Extracted:
    source: str
    title: str = ""
    date: dt.date | None = None
    province: str | None = None
    review_year: int | None = None
    plan_year: int | None = None
    authors: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    summary: str = ""
    figures: list[dict] = field(default_factory=list)
    body: str = ""
    how: dict[str, str] = field(default_factory=dict)       # field -> where it was found
    missing: dict[str, str] = field(default_factory=dict)   # field -> "why — what to write"
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (why, line) left out of the body

    @property
    def empty(self) -> bool:
        return not self.title and not self.body

    @property
    def notes(self) -> list[str]:
        """What could not be determined: 'province: not found in the text', …"""
        return [f"{key}: {why.split(' — ')[0]}" for key, why in self.missing.items()]


def _signature(page: Layout, ex: Extracted) -> None:
    """Take the signature (and anything after it) out of the article lines."""
    texts = [line.text for line in page.lines]
    index, authors = people.find_signature(texts)
    if index is None:
        ex.missing["authors"] = 'no signature found at the end — add the names, e.g. ["Hồng Vân"]'
        return
    ex.authors = authors
    ex.how["authors"] = f'the signature "{texts[index]}"'
    if not authors:
        ex.missing["authors"] = (f'the signature "{texts[index]}" is only an abbreviation'
                                 " — add the names if known")
    credits = people.trailing_credits(texts)
    ex.dropped.append(("signature", texts[index]))
    ex.dropped += [("after the signature", t) for t in texts[index + 1:len(texts) - credits]]
    page.lines = page.lines[:index] + page.lines[len(texts) - credits:]


def _date_and_years(page: Layout, paragraphs: list[str], ex: Extracted) -> None:
    ex.review_year, ex.plan_year = years.choose_years(ex.title, paragraphs)
    stamps = [d for m in page.stamps if (d := dates.stamp_date(m))]
    choice = dates.choose_date(paragraphs[0] if paragraphs else "", stamps,
                               ex.review_year, ex.plan_year)
    ex.date = choice.date
    if choice.date:
        ex.how["date"] = choice.how
    else:
        ex.missing["date"] = ("not found in the text — write the day of the event, "
                              "else the publication day: YYYY-MM-DD")
    if ex.review_year is None and ex.plan_year is None:
        ex.missing["review_year"] = "not found — the year whose results the page reports, e.g. 2019"
        ex.missing["plan_year"] = ("not found — the year whose tasks the page sets, e.g. 2020 "
                                   "(set at least one of the two)")
    elif ex.review_year is None:
        ex.missing["review_year"] = "no results year found — fine for a page that only sets tasks"
    elif ex.plan_year is None:
        ex.missing["plan_year"] = "no tasks year found — fine for a page that only reports results"


def _province(page: Layout, paragraphs: list[str], ex: Extracted, gaz: Gazetteer | None) -> None:
    choice = choose_province(ex.title, paragraphs, page.footer, ex.date, gaz)
    ex.province = choice.province
    if choice.province is None:
        example = choice.candidates[0] if choice.candidates else "Lạng Sơn"
        ex.missing["province"] = f'{choice.note} — write the province, e.g. "{example}"'


def extract(text: str, source: str = "", gaz: Gazetteer | None = None) -> Extracted:
    """Every field of the page for one seed's text. Never raises on a str."""
    ex = Extracted(source=source)
    page = split_page(text)
    ex.title = page.title
    if not page.headline_found:
        ex.missing["title"] = "no headline line in the seed — the first sentence was used; write the headline"
    _signature(page, ex)
    drop_captions(page)
    ex.dropped += page.dropped
    paragraphs = [line.text for line in page.lines]
    _date_and_years(page, paragraphs, ex)
    _province(page, paragraphs, ex, gaz)
    ex.topics = find_topics(ex.title, paragraphs)
    if not ex.topics:
        ex.missing["topics"] = 'no sector topic recognised — add some, e.g. ["Chuyển đổi số"]'
    ex.figures = find_figures(paragraphs, ex.review_year, ex.plan_year)
    ex.summary = shorten(strip_agency(paragraphs[0]), SUMMARY_CHARS) if paragraphs else ""
    if not ex.summary:
        ex.missing["summary"] = "no article text found — write a one-paragraph summary"
    ex.body = to_markdown(paragraphs)
    if not ex.title:
        ex.missing["title"] = "no headline found — write the title"
    return ex
