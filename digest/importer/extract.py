"""One seed's text -> every field of its content page (pure: no files, no printing).

The steps read top to bottom: split the page into headline, article and
chrome; find the signature and the captions; then read each field from the
article's own lines only, so nothing in a header, footer or related-news
list can leak into the date, years or province.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from digest.lexicon.places import Gazetteer, load_gazetteer
from digest.i18n import _
from digest.importer import dates, people, when
from digest.importer.body import to_markdown
from digest.importer.bridge import mark_national
from digest.importer.dateline import find_publisher, lead_without_marker
from digest.importer.figures import find_figures
from digest.importer.lexicons import chrome
from digest.importer.meaning import WEAK
from digest.importer.normalize import Layout, drop_captions, shorten, split_page
from digest.importer.province import Clue, choose_province
from digest.importer.topics import find_topics

SUMMARY_CHARS = 300


@dataclass
class Extracted:
    source: str
    title: str = ""
    date: dt.date | None = None
    province: str | None = None
    review_year: int | None = None
    plan_year: int | None = None
    outlet: str | None = None   # who published it: "sonla.gov.vn", "Báo Lạng Sơn"
    authors: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    summary: str = ""
    figures: list[dict] = field(default_factory=list)
    body: str = ""
    how: dict[str, str] = field(default_factory=dict)       # field -> where it was found
    missing: dict[str, str] = field(default_factory=dict)   # field -> "why — what to write"
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (why, line) left out of the body
    documents: list[str] = field(default_factory=list)  # files the seed offers for download
    weak_metrics: list[int] = field(default_factory=list)  # figures (1-based) whose metric
    #                                            came from a weak cue: an editor should look

    @property
    def photos(self) -> list[str]:
        """The captions of the seed's photos (a picture without one counts as ''):
        the importer reads text only and never fetches them."""
        captions = [line for why, line in self.dropped if why == "caption"]
        markers = sum(1 for why, _line in self.dropped if why == "image marker")
        return captions + [""] * max(0, markers - len(captions))

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
        ex.missing["authors"] = _('no signature found at the end — add the names, '
                                  'e.g. ["Hồng Vân"]')
        return
    ex.authors = authors
    ex.how["authors"] = _('the signature "{signature}"').format(signature=texts[index])
    if not authors:
        ex.missing["authors"] = _('the signature "{signature}" is only an abbreviation'
                                  " — add the names if known").format(signature=texts[index])
    credits = people.trailing_credits(texts)
    ex.dropped.append(("signature", texts[index]))
    ex.dropped += [("after the signature", t) for t in texts[index + 1:len(texts) - credits]]
    page.lines = page.lines[:index] + page.lines[len(texts) - credits:]


def _date_and_years(page: Layout, paragraphs: list[str], ex: Extracted) -> None:
    stamps = [d for m in page.stamps if (d := dates.stamp_day(m))]
    settled = when.settle(ex.title, paragraphs, stamps)
    ex.date, ex.review_year, ex.plan_year = settled.date, settled.review_year, settled.plan_year
    ex.how.update(settled.how)
    ex.missing.update(settled.missing)


def _publisher(page: Layout, paragraphs: list[str], ex: Extracted, gaz: Gazetteer) -> list[Clue]:
    """Fill `outlet`, take its marker off the lead; a provincial outlet is province evidence."""
    # a credit may stand below the signature, among lines left out of the body
    closing = paragraphs[-3:] + [line for why, line in ex.dropped if why == "after the signature"]
    found = find_publisher(paragraphs[0] if paragraphs else "", closing, page.footer, gaz)
    if paragraphs:
        paragraphs[0] = lead_without_marker(paragraphs[0])
    if found.outlet:
        ex.outlet = found.outlet
        ex.how["outlet"] = found.how
    if not found.province:
        return []
    return [Clue(gaz.canonical(found.province, ex.date) or found.province, 5.0, "its outlet")]


def _province(page: Layout, paragraphs: list[str], ex: Extracted, gaz: Gazetteer,
              extra: list[Clue]) -> None:
    choice = choose_province(ex.title, paragraphs, page.footer, ex.date, gaz, extra)
    ex.province = choice.province
    if choice.province is None:
        example = choice.candidates[0] if choice.candidates else "Lạng Sơn"
        ex.missing["province"] = _('{note} — write the province, e.g. "{example}"').format(
            note=choice.note, example=example)


def _attachments(text: str) -> list[str]:
    """What the seed offers for download, each once, as written: the files' names,
    else the words that stand for the link ("Tải về")."""
    found = list(dict.fromkeys(m.group(0).strip() for m in chrome().attachments.finditer(text)))
    files = [item for item in found if "." in item]
    return files or found


def extract(text: str, source: str = "", gaz: Gazetteer | None = None) -> Extracted:
    """Every field of the page for one seed's text. Never raises on a str."""
    ex = Extracted(source=source)
    page = split_page(text)
    ex.title = page.title
    ex.documents = _attachments(text)
    if not page.headline_found:
        ex.missing["title"] = _("no headline line in the seed — the first sentence was used; "
                                "write the headline")
    _signature(page, ex)
    drop_captions(page)
    ex.dropped += page.dropped
    paragraphs = [line.text for line in page.lines]
    gaz = gaz or load_gazetteer()
    _date_and_years(page, paragraphs, ex)
    outlet_clues = _publisher(page, paragraphs, ex, gaz)
    _province(page, paragraphs, ex, gaz, outlet_clues)
    ex.topics = find_topics(ex.title, paragraphs)
    if not ex.topics:
        ex.missing["topics"] = _('no sector topic recognised — add some, e.g. ["Chuyển đổi số"]')
    figures = find_figures(paragraphs, ex.review_year, ex.plan_year)
    ex.weak_metrics = [n for n, figure in enumerate(figures, 1) if figure.pop(WEAK, False)]
    ex.figures = mark_national(figures, paragraphs, ex.province, gaz)
    ex.summary = shorten(paragraphs[0], SUMMARY_CHARS) if paragraphs else ""
    if not ex.summary:
        ex.missing["summary"] = _("no article text found — write a one-paragraph summary")
    ex.body = to_markdown(paragraphs)
    if not ex.title:
        ex.missing["title"] = _("no headline found — write the title")
    return ex
