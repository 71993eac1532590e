"""The search index: what the header's search box and the search page look through.

The index is prebuilt here, at build time, in the serialised form of
MiniSearch 7 (templates/static/vendor/minisearch/), the library that runs the
queries in the browser. It ships as a script, `tim-kiem/chi-muc.js`, that
sets one global, because a page opened from disk (file://) may load scripts
but not fetch files; search.js adds it to the page when the reader first
focuses the box.

Each article is one document with five fields, searched with these weights
(search.js holds the boosts; a change here needs one there):

    t  title                                   (the strongest)
    p  province: its name, other spellings and, for a page dated before
       1 July 2025, the unit it belongs to now (Hà Giang -> Tuyên Quang)
    m  years, topics, authors
    s  summary and key figures: the sentence, the metric's label, the
       number as written and as digits ('1.463', '1463')
    b  the body text

and stores what a result shows: title, address, date, province, and the
summary and figure labels a snippet is cut from (the body is searched but
not stored: shipping it would triple the index).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

from .content import Article, Figure
from .metrics import load_metrics
from .model import Site
from .places import load_gazetteer
from .search_terms import terms
from .text import vi_date

SEARCH_PAGE = "tim-kiem/index.html"
INDEX_FILE = "tim-kiem/chi-muc.js"
INDEX_GLOBAL = "CHI_MUC_TIM_KIEM"

FIELDS = ("t", "p", "m", "s", "b")
MERGER_DAY = dt.date(2025, 7, 1)  # 63 provinces became 34 units
SUMMARY_STORED = 320              # characters of the summary kept for snippets


def search_index_js(site: Site) -> bytes:
    """The whole index as a script; safe inside a <script> element whatever the text."""
    documents = [document_fields(article) for article in site.articles]  # newest first
    stored = [stored_fields(article) for article in site.articles]
    data = json.dumps(minisearch_index(documents, stored), ensure_ascii=False,
                      separators=(",", ":"))
    return f"window.{INDEX_GLOBAL} = {script_safe(data)};\n".encode("utf-8")


def script_safe(json_text: str) -> str:
    """JSON that no text can break out of: '<' cannot close the script element,
    and U+2028/U+2029 (line breaks to older JavaScript) are written as escapes."""
    return (json_text.replace("<", "\\u003c").replace("\u2028", "\\u2028")
            .replace("\u2029", "\\u2029"))


# --- what each article contributes ---------------------------------------------

def document_fields(article: Article) -> dict[str, list[str]]:
    """The terms of each field of one article."""
    meta = [str(y) for y in article.years] + list(article.topics) + list(article.authors)
    figures = [article.summary] + [figure_text(f) for f in article.figures]
    return {"t": terms(article.title),
            "p": terms(" ".join(province_names(article))),
            "m": terms(" ".join(meta)),
            "s": terms(" ".join(figures)),
            "b": terms(article.body)}


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
    stored = {"t": article.title, "u": article.url, "d": vi_date(article.date)}
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

def minisearch_index(documents: list[dict[str, list[str]]],
                     stored: list[dict[str, str]]) -> dict:
    """What MiniSearch.loadJS reads (its `toJSON()` shape, serialisation version 2).

    Document i has the short id i, and its id is i too: results come back with
    the stored fields, so no other id is needed. The inverted index maps each
    term to {field number: {document: how often the term occurs there}}.
    """
    postings: dict[str, dict[int, dict[int, int]]] = {}
    lengths: dict[str, list[int]] = {}
    totals = [0] * len(FIELDS)
    for doc, fields in enumerate(documents):
        row = []
        for field_id, name in enumerate(FIELDS):
            words = fields.get(name, [])
            row.append(len(words))
            totals[field_id] += len(words)
            for term, count in Counter(words).items():
                postings.setdefault(term, {}).setdefault(field_id, {})[doc] = count
        lengths[str(doc)] = row
    count = len(documents)
    return {
        "documentCount": count,
        "nextId": count,
        "documentIds": {str(i): i for i in range(count)},
        "fieldIds": {name: i for i, name in enumerate(FIELDS)},
        "fieldLength": lengths,
        "averageFieldLength": [total / count if count else 0 for total in totals],
        "storedFields": {str(i): fields for i, fields in enumerate(stored)},
        "dirtCount": 0,
        "index": [[term, {str(f): {str(d): n for d, n in docs.items()}
                          for f, docs in by_field.items()}]
                  for term, by_field in sorted(postings.items())],
        "serializationVersion": 2,
    }
