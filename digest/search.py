"""The search index: what the search page (tim-kiem/index.html) looks through.

The index is a script file, `tim-kiem/chi-muc.js`, that sets one global,
because a page opened from disk (file://) may load scripts but not fetch
files. Each entry carries what a result shows (title, address, date,
province) and one folded text to match against: title, province, topics,
authors and summary, lower-case and without diacritics ('Đắk Lắk' -> 'dak
lak'), folded exactly as static/search.js folds the query, so 'dak lak',
'Đắk Lắk' and 'hue' all find what they should.
"""

from __future__ import annotations

import json

from .model import Site
from .text import fold, vi_date

SEARCH_PAGE = "tim-kiem/index.html"
INDEX_FILE = "tim-kiem/chi-muc.js"


def search_index_js(site: Site) -> bytes:
    entries = []
    for article in site.articles:  # newest first: the order results keep among equals
        words = " ".join([article.title, article.province or "", *article.topics,
                          *article.authors, article.summary])
        entries.append({"t": article.title, "u": article.url, "d": vi_date(article.date),
                        "p": article.province or "", "f": " ".join(fold(words).split())})
    data = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    # '<' is escaped so that no text in the index can close a script element.
    return f"window.CHI_MUC_TIM_KIEM = {data.replace('<', chr(92) + 'u003c')};\n".encode("utf-8")
