"""A figure's number and year as check reads them: what a table can show and a
chart can draw, or what to write instead.

Every figure `check` lets through must render: a value is a finite number no
larger than MAX_VALUE (a report's biggest figures, in đồng, are far below it;
above it the number is a typo or the wrong unit), and the advice for a value
written as text fits what the text looks like.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from digest.content.pageformat import FIGURE, FIGURE_KEYS, MAX_YEAR, MIN_YEAR, values
from digest.i18n import N_, _, either
from digest.lexicon.metrics import load_metrics
from digest.util.text import parse_number, vi_number

MAX_VALUE = 10 ** 15   # a million billion: 1.000.000 tỷ đồng
FIGURE_YEARS_BEFORE, FIGURE_YEARS_AFTER = 5, 10   # a target may look ten years ahead
NOT_A_NUMBER = N_("figures: item {number} needs a number as 'value', not {value} — write "
                  "the figure's number, such as 9000 or 99.5")



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


def value_problem(value, number: int) -> str | None:
    """What is wrong with the `value` of figure `number` (1-based), or None."""
    if isinstance(value, str):
        return _text_problem(value, number)
    if value is None:
        return _("figures: item {number} needs a number as 'value' — write the figure's "
                 "number, such as 9000 or 99.5").format(number=number)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return _(NOT_A_NUMBER).format(number=number, value=_shown(value))
    if value != value or value in (float("inf"), float("-inf")):
        return _(NOT_A_NUMBER).format(number=number, value=value)
    return _size_problem(value, number)


def _text_problem(text: str, number_of: int) -> str:
    """A value YAML read as text: Vietnamese digits ("9.000", "99,5"), an exponent
    without its sign ("1.7e308"), or no number at all."""
    number = parse_number(text)
    try:
        plain = Decimal(text.strip())
    except InvalidOperation:
        plain = None
    if number is None and (plain is None or not plain.is_finite()):
        return _(NOT_A_NUMBER).format(number=number_of, value=f'"{text}"')
    # "9.000" is nine thousand to a Vietnamese reader (as to the importer), 9 to YAML.
    vietnamese = number is not None and (plain is None or float(plain) != number)
    number = number if vietnamese else plain
    too_big = _size_problem(number, number_of)
    if too_big:
        return too_big
    if vietnamese:
        message = _("figures: item {number} needs a number as 'value', not the text \"{text}\" "
                    "(written the Vietnamese way, with dots between thousands or a decimal "
                    "comma, it is text) — write {value}")
    else:
        message = _("figures: item {number} needs a number as 'value', not the text \"{text}\" "
                    "(in quotes, or with an exponent without its sign, it is text) — "
                    "write {value}")
    return message.format(number=number_of, text=text,
                          value=_yaml_number(Decimal(str(number))))


def _size_problem(number, number_of: int) -> str | None:
    """A number too large to be a figure (ints are compared exactly: no overflow)."""
    if abs(number) <= MAX_VALUE:
        return None
    return _("figures: item {number}: value {value} is too large for a figure (more than "
             "10^15) — check the number, or count in a bigger unit (tỷ đồng rather than "
             "đồng)").format(number=number_of, value=_short(number))


def _yaml_number(number: Decimal) -> str:
    """The number as YAML reads it: 1500 for "1.5e3"; 1.0e-300 for "1e-300", whose
    digits would not fit a line (YAML wants a point and a signed exponent)."""
    plain = format(number, "f")
    if len(plain) <= 20:
        return plain
    mantissa, _unused, exponent = repr(float(number)).partition("e")
    if not exponent:
        return mantissa
    return f"{mantissa if '.' in mantissa else mantissa + '.0'}e{exponent}"


def _short(number) -> str:
    """'1.7e+308': a big number in three digits at most (an int past floats as well)."""
    try:
        return f"{float(number):.3g}" if math.isfinite(float(number)) else f"{Decimal(number):.3g}"
    except OverflowError:   # an int past floats
        return f"{Decimal(number):.3g}"


# How a value that is not a number or a text is named in a message.
KIND_NAMES = {list: N_("a list"), dict: N_("a key: value block"), bool: N_("true/false")}


def _shown(value) -> str:
    kind = KIND_NAMES.get(type(value))
    return _(kind) if kind else repr(value)


def far_year_warnings(figures, years: list[int]) -> list[str]:
    """A warning for each figure about a year far from the page's own years:
    likely a misread year."""
    if not years:
        return []
    low, high = min(years) - FIGURE_YEARS_BEFORE, max(years) + FIGURE_YEARS_AFTER
    ordered = sorted(set(years))
    shown = str(ordered[0]) if len(ordered) == 1 else \
        _("{first} and {second}").format(first=ordered[0], second=ordered[1])
    return [_("figures: item {number}: year {year} is far from the page's years ({years}) "
              "— check the figure's year").format(number=number, year=figure.year, years=shown)
            for number, figure in enumerate(figures, 1)
            if figure.year is not None and not low <= figure.year <= high]


def check_figures(c) -> tuple[Figure, ...]:
    """The figures of a page (`c`, schema's checker, collects their problems)."""
    value = c.raw.data.get("figures")
    if value is None:
        return ()
    if not isinstance(value, list):
        c.error("figures-format", "figures",
                   _("figures: must be a list of {{value, unit, text}}").format())
        return ()
    result = []
    for number, item in enumerate(value, 1):
        amount = item.get("value") if isinstance(item, dict) else None
        wrong = value_problem(amount, number)   # what a chart cannot draw is refused here
        if wrong:
            c.error("figure-value", "figures", wrong)
            continue
        result.append(_figure_fields(c, item, number, amount))
    return tuple(result)

def _figure_fields(c, item: dict, number: int, amount: float) -> Figure:
    """The optional keys of one figure; old pages without them stay valid."""
    metric = item.get("metric")
    if metric is not None and str(metric) not in load_metrics():
        close = difflib.get_close_matches(str(metric), list(load_metrics()), n=3)
        c.error("figure-metric-unknown", "figures", _suggesting(
            close, N_('figures: item {number}: metric "{metric}" is not a known metric — did '
                      "you mean {choices}?"),
            N_('figures: item {number}: metric "{metric}" is not a known metric — use an id '
               "from data/metrics.yaml, or leave 'metric' out")).format(
            number=number, metric=metric, choices=either(close)))
        metric = None
    kinds, scopes = values("kind", FIGURE), values("scope", FIGURE)
    kind = item.get("kind", "result")
    if kind not in kinds:
        c.error("figure-kind", "figures", _("figures: item {number}: kind must be one "
                                               "of {kinds}, not {kind}").format(
            number=number, kinds=", ".join(kinds), kind=repr(kind)))
        kind = "result"
    year = item.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)
                             or not MIN_YEAR <= year <= MAX_YEAR):
        c.error("figure-year", "figures", _("figures: item {number}: year must be a "
                                               "year such as 2023, not {year}").format(
            number=number, year=repr(year)))
        year = None
    scope = item.get("scope")
    if scope is not None and scope not in scopes:
        c.error("figure-scope", "figures", _("figures: item {number}: scope must be "
                                                "{scopes} (or left out), not {scope}").format(
            number=number, scopes=either(scopes), scope=repr(scope)))
        scope = None
    for key in item.keys() - FIGURE_KEYS:
        close = difflib.get_close_matches(str(key), sorted(FIGURE_KEYS), n=1)
        c.warn("figure-key-unknown", "figures", _suggesting(
            close, N_('figures: item {number}: unknown key "{key}" is ignored — did you mean '
                      '"{close}"?'),
            N_('figures: item {number}: unknown key "{key}" is ignored — a figure\'s keys are '
               "{keys}")).format(
            number=number, key=key, close=close[0] if close else "",
            keys=", ".join(sorted(FIGURE_KEYS))))
    qualifier = item.get("qualifier")
    _check_qualifier(c, qualifier, number)
    return Figure(amount, str(item.get("unit") or ""), str(item.get("text") or ""),
                  str(metric) if metric is not None else None, kind, year,
                  str(qualifier) if qualifier not in (None, "") else None, scope,
                  f"so-lieu-{number}")


def _check_qualifier(c, qualifier, number: int) -> None:
    """A qualifier outside data/figure_cues.yaml's words is shown as written, with a
    warning: the form and the JSON Schema offer only those words."""
    if qualifier in (None, "") or qualifier in values("qualifier", FIGURE):
        return
    c.warn("figure-qualifier-unknown", "figures", _(
        'figures: item {number}: qualifier "{qualifier}" is not one of {qualifiers} — '
        "write one of them, or leave 'qualifier' out (a target is said by kind: "
        "target)").format(number=number, qualifier=qualifier,
                          qualifiers=", ".join(values("qualifier", FIGURE))))


def _suggesting(close: list, near: str, far: str) -> str:
    """The message that suggests the close names found, else the one saying where to look."""
    return _(near) if close else _(far)
