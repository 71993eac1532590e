"""The search index: what the header's search box and the search page look through.

The index is prebuilt here, at build time, in the serialised form of
MiniSearch 7 (templates/static/vendor/minisearch/), the library that runs the
queries in the browser. It ships as scripts, because a page opened from disk
(file://) may load scripts but not fetch files; search.js adds them to the
page when the reader first focuses a search box:

    tim-kiem/chi-muc.js      the list of parts: window.CHI_MUC_TIM_KIEM = {"phan": [...]}
    tim-kiem/chi-muc-N.js    one part: a MiniSearch index of some of the articles

Parts keep rebuilds small: an article always falls in the same part (by a
hash of its address), each part is planned like a page with its own key (its
articles' cards and bodies), so an edit rebuilds one part, and a cold build
makes the parts on all cores beside the pages. The browser searches every
part and ranks the results together.

Each article is one document with five fields, searched with these weights
(search.js holds the boosts; a change here needs one there):

    t  title                                   (the strongest)
    p  province: its name, other spellings and, for a page dated before
       1 July 2025, the unit it belongs to now (Hà Giang -> Tuyên Quang)
    m  years, topics, authors
    s  summary and key figures: the sentence, the metric's label, the
       number as written and as digits ('1.463', '1463')
    b  the body text

and stores what a result shows: title, address, date (YYYY-MM-DD: search.js
shows it as text.vi_date does, and keeps newest first among equals), province,
and the summary and figure labels a snippet is cut from. The body is searched but not stored:
shipping it would triple the index.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from digest.model.routes import url_for
from digest.content.schema import Article, Figure
from digest.lexicon.metrics import load_metrics
from digest.model.groups import Site
from digest.lexicon.places import load_gazetteer
from digest.outputs.search_terms import term_counts

SEARCH_PAGE = url_for("search")
INDEX_FILE = url_for("search_index")
INDEX_TEMPLATE = "search_index.js"  # writes the script it is given, as it is

FIELDS = ("t", "p", "m", "s", "b")
MERGER_DAY = dt.date(2025, 7, 1)  # 63 provinces became 34 units
SUMMARY_STORED = 240              # characters of the summary kept for snippets
PART_SIZE = 100                   # articles per part, about: an edit rebuilds ~250 KB


@dataclass(frozen=True)
class IndexFile:
    url: str
    key: tuple                         # what the file shows: equal keys, equal bytes
    script: Callable[[], str]


def index_files(site: Site, cards: Callable[[Article], str]) -> list[IndexFile]:
    """The list of parts and each part, to be planned like pages.

    `cards` fingerprints what an article's lists show (pages.card); with the
    body's hash it is all a part shows of the article.
    """
    count = part_count(len(site.articles))
    parts: list[list[Article]] = [[] for _ in range(count)]
    for article in site.articles:  # newest first
        parts[part_of(article.url, count)].append(article)
    names = [part_url(i) for i in range(count)]
    files = [IndexFile(INDEX_FILE, ("parts", names), lambda: manifest_js(names))]
    for url, articles in zip(names, parts):
        files.append(IndexFile(url, ("part", [(cards(a), a.body_hash) for a in articles]),
                               lambda articles=articles: part_js(articles)))
    return files


def part_count(articles: int) -> int:
    """A power of two, so parts split in two as the site grows, about PART_SIZE each."""
    count = 1
    while count * PART_SIZE < articles:
        count *= 2
    return count


def part_of(url: str, count: int) -> int:
    digest = hashlib.blake2b(url.encode("utf-8"), digest_size=4).digest()
    return int.from_bytes(digest, "big") % count


def part_url(number: int) -> str:
    return url_for("search_part", number=number)


def manifest_js(part_urls: list[str]) -> str:
    names = [url.rsplit("/", 1)[1] for url in part_urls]  # beside chi-muc.js
    return f"window.CHI_MUC_TIM_KIEM = {json.dumps({'phan': names})};\n"


def part_js(articles: list[Article]) -> str:
    """One part, appended to the parts the page has loaded so far.

    The JSON is given to JSON.parse as a string rather than written as a
    JavaScript object: Chromium reads it 2.2 to 2.7 times faster that way
    (16 parts, 15 MB, 5,000 articles: 1.8-2.3 s instead of 3.9-6.4 s on a
    busy machine), and the file is the same size.
    """
    data = minisearch_json([document_fields(a) for a in articles],
                           [stored_fields(a) for a in articles])
    quoted = script_safe(data).replace("\\", "\\\\").replace("'", "\\'")
    return f"(window.CHI_MUC_PHAN = window.CHI_MUC_PHAN || []).push(JSON.parse('{quoted}'));\n"


def script_safe(json_text: str) -> str:
    """JSON that no text can break out of: '<' cannot close the script element,
    and U+2028/U+2029 (line breaks to older JavaScript) are written as escapes."""
    return (json_text.replace("<", "\\u003c").replace("\u2028", "\\u2028")
            .replace("\u2029", "\\u2029"))


# --- what each article contributes ---------------------------------------------

def document_fields(article: Article) -> list[Counter]:
    """How often each term occurs in each field (in FIELDS order) of one article."""
    meta = [str(y) for y in article.years] + list(article.topics) + list(article.authors)
    figures = [article.summary] + [figure_text(f) for f in article.figures]
    return [term_counts(article.title),
            term_counts(" ".join(province_names(article))),
            term_counts(" ".join(meta)),
            term_counts(" ".join(figures)),
            term_counts(article.body)]


def province_names(article: Article) -> list[str]:
    """The province as written, its other spellings, and its unit after the merger."""
    if not article.province:
        return []
    unit = load_gazetteer().lookup(article.province)
    if unit is None:
        return [article.province]
    names = [unit.name, *unit.variants]
    if article.date < MERGER_DAY and unit.successor:
        names.append(unit.successor)
    return names


def figure_text(figure: Figure) -> str:
    """The sentence, the metric's name and the number as the page shows it."""
    return " ".join(filter(None, [figure.text, metric_label(figure), figure.label]))


def metric_label(figure: Figure) -> str:
    metric = load_metrics().get(figure.metric) if figure.metric else None
    return metric.label if metric else ""


def stored_fields(article: Article) -> dict[str, str]:
    """What a result shows. Keys are one letter: they repeat in every document."""
    stored = {"t": article.title, "u": article.url, "i": article.date.isoformat()}
    if article.province:
        stored["p"] = article.province
    summary = shorten(article.summary, SUMMARY_STORED)
    if summary:
        stored["x"] = summary
    figures = " · ".join(figure_snippet(f) for f in article.figures)
    if figures:
        stored["f"] = figures
    return stored


def figure_snippet(figure: Figure) -> str:
    """'Doanh thu viễn thông: 1.463 tỷ đồng', or just '1.463 tỷ đồng'."""
    label = metric_label(figure)
    return f"{label}: {figure.label}" if label else figure.label


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a space, with '…' when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


# --- MiniSearch's serialised form ----------------------------------------------

def minisearch_json(documents: list[list[Counter]], stored: list[dict[str, str]]) -> str:
    """The JSON text MiniSearch.loadJS reads (its `toJSON()` shape, version 2).

    Document i has the short id i, and its id is i too: results come back with
    the stored fields, so no other id is needed. The inverted index maps each
    term to {field number: {document: how often the term occurs there}}.
    Written as text directly: the postings are most of the work of a build's
    index, and building dicts only to serialise them costs twice.
    """
    postings: dict[str, list[list[str]]] = {}
    lengths, totals = [], [0] * len(FIELDS)
    for doc, fields in enumerate(documents):
        row = []
        for field_id, counts in enumerate(fields):
            length = sum(counts.values())
            row.append(length)
            totals[field_id] += length
            for term, count in counts.items():
                by_field = postings.get(term)
                if by_field is None:
                    by_field = postings[term] = [[] for _ in FIELDS]
                by_field[field_id].append(f'"{doc}":{count}')
        lengths.append(f'"{doc}":{json.dumps(row, separators=(",", ":"))}')
    count = len(documents)
    averages = [total / count if count else 0 for total in totals]
    index = ",".join(
        "[" + json.dumps(term, ensure_ascii=False) + ",{"
        + ",".join(f'"{f}":{{{",".join(docs)}}}' for f, docs in enumerate(by_field) if docs)
        + "}]"
        for term, by_field in sorted(postings.items()))
    ids = ",".join(f'"{i}":{i}' for i in range(count))
    stored_json = ",".join(f'"{i}":' + json.dumps(s, ensure_ascii=False, separators=(",", ":"))
                           for i, s in enumerate(stored))
    fields = json.dumps({name: i for i, name in enumerate(FIELDS)}, separators=(",", ":"))
    return (f'{{"documentCount":{count},"nextId":{count},"documentIds":{{{ids}}},'
            f'"fieldIds":{fields},"fieldLength":{{{",".join(lengths)}}},'
            f'"averageFieldLength":{json.dumps(averages)},"storedFields":{{{stored_json}}},'
            f'"dirtCount":0,"index":[{index}],"serializationVersion":2}}')
