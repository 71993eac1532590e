"""The page format, declared once: every front matter key of a content page
and of a key figure, with its type, whether it is required, the values it
may take and what an editor is told about it.

Three things are made from this list, so that they cannot drift apart:
- `check` (schema.py, figures.py): the keys it knows, the year range, the
  kinds, scopes, topics and qualifiers it accepts;
- the CMS form (outputs/cms.py): one field per key, with these labels and
  hints, and these values in its selects;
- the JSON Schema of the front matter (outputs/pageschema.py), published as
  du-lieu/page.schema.json for editors' tools.
tests/test_pageformat.py walks this list and fails when a key is missing
from any of the three.

Labels and hints are msgids (N_): each output translates them when it is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from digest.i18n import N_
from digest.lexicon.choices import qualifier_words, topic_names
from digest.lexicon.metrics import KINDS, SCOPES, load_metrics
from digest.lexicon.places import load_gazetteer

MIN_YEAR, MAX_YEAR = 1945, 2100  # the years a page or a figure may name
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_SLUG = 80  # characters; an address is a folder name, and file systems cap those
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str          # shown in the form; a msgid when `translate`
    translate: bool = False


@dataclass(frozen=True)
class Key:
    """One front matter key.

    kind: text, long_text (a paragraph), markdown, date (YYYY-MM-DD), year,
    number, names (a list of texts), choice (one of `choices`, a list of them
    when `multiple`), flag (true/false), figures (a list of FIGURE keys).
    """

    name: str
    kind: str
    label: str                    # msgid
    hint: str = ""                # msgid
    required: bool = False
    choices: Callable[[], tuple[Choice, ...]] | None = None
    multiple: bool = False
    default: object = None
    in_form: bool = True          # False: the form keeps the value but does not show it
    editable: bool = True         # False: the form shows it, read-only


def province_choices() -> tuple[Choice, ...]:
    """Every province name the gazetteer knows, before and after 1 July 2025."""
    return tuple(Choice(name, name) for name in load_gazetteer().names())


def metric_choices() -> tuple[Choice, ...]:
    """Metric ids as values, their Vietnamese labels shown."""
    return tuple(Choice(m.id, m.label) for m in load_metrics().values())


def topic_choices() -> tuple[Choice, ...]:
    return tuple(Choice(name, name) for name in topic_names())


def qualifier_choices() -> tuple[Choice, ...]:
    return tuple(Choice(word, word) for word in qualifier_words())


KIND_LABELS = {"result": N_("result (what was achieved)"), "target": N_("target"),
               "change": N_("change (a rise or fall)"), "rank": N_("rank")}
SCOPE_LABELS = {"national": N_("the country's figure, not the province's")}


def kind_choices() -> tuple[Choice, ...]:
    return tuple(Choice(kind, KIND_LABELS[kind], True) for kind in KINDS)


def scope_choices() -> tuple[Choice, ...]:
    return tuple(Choice(scope, SCOPE_LABELS[scope], True) for scope in SCOPES)


FIGURE = (
    Key("value", "number", N_("Number"), N_("the figure's number as digits, e.g. 9000 or 99.5 "
                                            "(a point before decimals)"), required=True),
    Key("unit", "text", N_("Unit"), N_("what it counts, e.g. tỷ đồng, thuê bao, %")),
    Key("text", "long_text", N_("Sentence"), N_("the sentence of the article it comes from")),
    Key("metric", "choice", N_("Metric"), N_("what the number measures (data/metrics.yaml); "
                                             "leave empty if none fits"), choices=metric_choices),
    Key("kind", "choice", N_("Kind"), N_("a result reached, a target set, a change or a rank"),
        choices=kind_choices, default="result"),
    Key("year", "year", N_("Year"), N_("the year the figure is about")),
    Key("qualifier", "choice", N_("Qualifier"), N_("a word before the number that makes it "
                                                   "approximate or a bound: gần, khoảng, hơn…"),
        choices=qualifier_choices),
    Key("scope", "choice", N_("Scope"), N_("only for the country's figure quoted in a "
                                           "province's page"), choices=scope_choices),
)

PAGE = (
    Key("title", "text", N_("Title"), N_("the headline, as published"), required=True),
    Key("date", "date", N_("Date"), N_("the day of the event, else the publication day"),
        required=True),
    Key("province", "choice", N_("Province"),
        N_("for a date from 1 July 2025, one of the 34 units in force since then; earlier, "
           "the province as it was named on that day; empty if not known"),
        choices=province_choices),
    Key("review_year", "year", N_("Review year"),
        N_("the year whose results the page reports (set this, the plan year, or both)")),
    Key("plan_year", "year", N_("Plan year"),
        N_("the year whose tasks the page sets (set this, the review year, or both)")),
    Key("authors", "names", N_("Authors"), N_("one name per item")),
    Key("topics", "choice", N_("Topics"), N_("the sector's fields the page is about"),
        choices=topic_choices, multiple=True),
    Key("summary", "long_text", N_("Summary"),
        N_("one or two sentences shown in lists and search results")),
    Key("source", "text", N_("Source"), N_("the seed file or web address the page comes from"),
        in_form=False),
    Key("outlet", "text", N_("Outlet"),
        N_("who published it, shown to readers: sonla.gov.vn or Báo Lạng Sơn")),
    Key("slug", "text", N_("Address"),
        N_("the page's address, made from the title; it never changes once published"),
        editable=False),
    Key("draft", "flag", N_("Draft"), N_("on keeps the page out of the site; turn it off to "
                                         "publish"), default=True),
    Key("figures", "figures", N_("Key figures"), N_("the numbers the article reports")),
)

BODY_LABEL, BODY_HINT = N_("Text"), N_("the article, in Markdown; a blank line between "
                                       "paragraphs")

PAGE_KEYS = frozenset(k.name for k in PAGE)
FIGURE_KEYS = frozenset(k.name for k in FIGURE)
REQUIRED = tuple(k.name for k in PAGE if k.required)


def key(name: str, keys: tuple[Key, ...] = PAGE) -> Key:
    return next(k for k in keys if k.name == name)


def values(name: str, keys: tuple[Key, ...] = PAGE) -> tuple[str, ...]:
    """The values a choice key accepts, in the order the form offers them."""
    return tuple(c.value for c in key(name, keys).choices())
