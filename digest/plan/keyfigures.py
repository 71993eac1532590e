"""Key figures as readers see them: the "Số liệu chính" table of an article.

One row per figure: what it measures (the metric's label, or its unit), the
amount in Vietnamese form with its qualifier ("gần 9.000"; "1.463 tỷ đồng"
when the label does not name the unit),
and its year with its kind when it is no plain result ("mục tiêu 2020",
"tăng · 2018"). Below the table each sentence that holds figures appears
once, its figures highlighted, however many numbers it holds. Row ids are the
figures' anchors (so-lieu-N), for other pages to link to.
"""

from __future__ import annotations

from dataclasses import dataclass

from digest.content.schema import Figure
from digest.lexicon.metrics import metric_label
from digest.util.text import fold, vi_number

SENTENCE_ID = "cau-so-lieu-{}"


@dataclass(frozen=True)
class FigureRow:
    anchor: str        # so-lieu-N
    what: str          # "Doanh thu viễn thông", or the unit when no metric is known
    amount: str        # "khoảng 310 tỷ đồng", "vượt 8%", "thứ 12/63"
    note: str          # "2023", "mục tiêu 2020", "tăng · 2018", "… · cả nước"
    sentence: str      # the id of its sentence below the table ("" if it has none)


@dataclass(frozen=True)
class FigureSentence:
    id: str
    parts: tuple[tuple[str, bool], ...]   # (text, is a figure) in order


def _number(figure: Figure) -> str:
    """The number with the unit signs that hug it: '9.000', '100%', '212/216'."""
    number = vi_number(abs(figure.value))
    unit = figure.unit
    if unit.startswith("%"):
        return number + "%"
    if unit.startswith("/"):
        return number + unit.split()[0]
    return number


MULTIPLIERS = ("nghìn", "ngàn", "triệu", "tỷ", "tỉ", "vạn")   # "100 nghìn lao động"


def _counted(unit: str) -> tuple[str, str]:
    """(multiplier, what a unit counts): '% xã' -> ('', 'xã'), '/216 bản' -> ('', 'bản'),
    'nghìn lao động' -> ('nghìn', 'lao động'), 'tỷ đồng' -> ('', 'tỷ đồng')."""
    if unit.startswith("/"):
        return "", unit.partition(" ")[2]
    words = unit.lstrip("%").split()
    if len(words) > 1 and words[0] in MULTIPLIERS and words[1] != "đồng":
        return words[0], " ".join(words[1:])
    return "", " ".join(words)


def _what_and_amount(figure: Figure) -> tuple[str, str]:
    """The row's first two cells: the metric's label (or what the unit counts) and
    the amount; with a label the amount carries its unit, else only the number."""
    qualifier = f"{figure.qualifier} " if figure.qualifier else ""
    label = metric_label(figure.metric)
    if figure.kind == "rank":
        return label or "Xếp hạng", f"{qualifier}thứ {_number(figure)}"
    if label and (figure.unit.startswith("%") or fold(figure.unit) in fold(label)):
        return label, qualifier + _number(figure)   # the label already says what is counted
    if label:
        return label, qualifier + Figure(abs(figure.value), figure.unit, figure.text).label
    multiplier, what = _counted(figure.unit)
    if not what:       # a bare percentage: of what, only the sentence says
        what = {"change": "Mức tăng" if figure.value >= 0 else "Mức giảm"}.get(
            figure.kind, "Tỷ lệ" if figure.unit.startswith("%") else "Số liệu")
    amount = qualifier + _number(figure) + (f" {multiplier}" if multiplier else "")
    return what[:1].upper() + what[1:], amount


def _note(figure: Figure) -> str:
    year = str(figure.year) if figure.year is not None else ""
    if figure.kind == "target":
        parts = [f"mục tiêu {year}".strip()]
    elif figure.kind == "change":
        parts = ["giảm" if figure.value < 0 else "tăng", year]
    elif figure.kind == "rank":
        parts = ["xếp hạng", year]
    else:
        parts = [year]
    if figure.scope == "national":
        parts.append("cả nước")
    return " · ".join(p for p in parts if p)


def _written(value: float) -> tuple[str, ...]:
    """How an article may write a value: '1.463' / '1463', '99,5' / '99.5'."""
    number = vi_number(abs(value))
    plain = number.replace(".", "").replace(",", ".")
    return (number, plain) if plain != number else (number,)


def _spans(sentence: str, figure: Figure) -> list[tuple[int, int]]:
    """Where the figure's number (and its unit, when the unit follows) stands.
    str.find, not a regex: this runs for every article page of every build."""
    spans = []
    for number in _written(figure.value):
        start = sentence.find(number)
        while start >= 0:
            end = start + len(number)
            before = sentence[start - 1] if start else " "
            after = sentence[end:end + 2]
            if not (before.isalnum() or before in ".,/") and \
                    not (after[:1].isdigit() or (after[:1] in ".," and after[1:2].isdigit())):
                unit = figure.unit if figure.unit[:1] in "%/" else " " + figure.unit
                if figure.unit and sentence.startswith(unit, end):
                    end += len(unit)
                spans.append((start, end))
            start = sentence.find(number, start + 1)
    return spans


def _marked(sentence: str, figures: list[Figure]) -> tuple[tuple[str, bool], ...]:
    """The sentence cut into plain text and the figures' words (number and unit)."""
    spans = sorted({span for figure in figures for span in _spans(sentence, figure)})
    parts, at = [], 0
    for start, end in spans:
        if start >= at:
            parts += [(sentence[at:start], False), (sentence[start:end], True)]
            at = end
    parts.append((sentence[at:], False))
    return tuple(p for p in parts if p[0])


def key_figures(figures: tuple[Figure, ...]) -> tuple[list[FigureRow], list[FigureSentence]]:
    """The rows of the table and the sentences below it, each sentence once."""
    sentence_ids: dict[str, str] = {}
    by_sentence: dict[str, list[Figure]] = {}
    rows = []
    for figure in figures:
        sid = ""
        if figure.text:
            sid = sentence_ids.setdefault(figure.text, SENTENCE_ID.format(len(sentence_ids) + 1))
            by_sentence.setdefault(figure.text, []).append(figure)
        what, amount = _what_and_amount(figure)
        rows.append(FigureRow(figure.anchor, what, amount, _note(figure), sid))
    sentences = [FigureSentence(sid, _marked(text, by_sentence[text]))
                 for text, sid in sentence_ids.items()]
    return rows, sentences
