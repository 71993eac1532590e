"""How search turns text into terms: the one rule the index (built here, in
Python) and the query (in templates/static/search.js) must share.

A term is a folded word: lower case, no diacritics, every letter that looks
like Đ read as d ('Đắk Lắk' -> 'dak', 'lak'). A number keeps its separators
as written ('1.463', '96,4'); one written with a thousands dot is also
indexed as bare digits ('1463'), so either form finds it.

search.js has a copy of `search_fold` and `TOKEN`; tests/test_search_fold.py
runs both over every Vietnamese letter and checks they agree.
"""

from __future__ import annotations

import re
from collections import Counter

from .text import fold

# Ð (U+00D0, Icelandic eth), ð, Ɖ (U+0189) and ɖ come from text converted out of
# old Vietnamese encodings (TCVN3, VNI) where đ was meant; NFD leaves them alone.
_LOOKALIKE_D = str.maketrans({"Ð": "d", "ð": "d", "Ɖ": "d", "ɖ": "d"})

# A number, with '.' or ',' between digit groups, or a run of letters.
TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W0-9_]+")
_THOUSANDS = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?$")


def search_fold(text: str) -> str:
    """fold(), then every look-alike of đ -> d: 'Ðắk Lắk' -> 'dak lak'."""
    return fold(text.translate(_LOOKALIKE_D))


def tokens(text: str) -> list[str]:
    """The folded words and numbers of `text`, in order."""
    return TOKEN.findall(search_fold(text))


def digits_form(number: str) -> str | None:
    """'1.463' -> '1463', '1.234,5' -> '1234,5'; None when written without a thousands dot."""
    return number.replace(".", "") if _THOUSANDS.match(number) else None


def term_counts(text: str) -> Counter:
    """How often each term occurs in `text`: its tokens, and beside each number
    written with a thousands dot the same number in bare digits."""
    counts = Counter(tokens(text))
    for token, count in list(counts.items()):
        bare = digits_form(token) if token[0].isdigit() else None
        if bare:
            counts[bare] += count
    return counts
