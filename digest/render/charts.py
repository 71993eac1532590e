"""Charts drawn at build time as inline SVG: data in, markup out.

No JavaScript and no chart library: a chart is a few lines, circles and
bars, and a page must work from disk and in print. Every function here is
pure (same data, same bytes), so a chart is part of its page's key and
tests compare it against a reviewed snapshot (tests/snapshots/).

Readers must be able to tell results from targets without colour: results
are solid marks on a solid line, targets hollow marks on a dashed line.
Numbers are Vietnamese ("1.463", "96,4"); years are written plain ("2019").
Each chart has a <title> (its accessible name); the page puts the same
numbers in a table beside it.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal
from html import escape

from digest.model.compare import RESULT, TARGET, Series, Value
from digest.util.text import vi_number

WIDTH, HEIGHT = 440, 230
LEFT, RIGHT, TOP, BOTTOM = 66, 14, 38, 30     # room for axis labels and the legend
FONT = "system-ui, sans-serif"   # the page's own; the PDF edition puts its font here
INK, MUTED, GRID = "#1d232b", "#4f5b67", "#d5dde5"
RESULT_COLOUR, TARGET_COLOUR = "#0b5c8e", "#9a4a00"   # both ≥ 3:1 on white
KIND_WORDS = {RESULT: "kết quả", TARGET: "mục tiêu"}
NICE_STEPS = tuple(map(Decimal, ("1", "2", "2.5", "5", "10")))


def nice_ticks(high, count: int = 4, whole: bool = False) -> list[Decimal]:
    """0 and round steps up to at least `high`: 1, 2, 2,5 or 5 times a power of ten.
    `whole`: steps of at least 1 (a count of pages has no half page).
    In decimal arithmetic: any finite float or int gives ticks (a float's 1.7e+308
    has a top tick of 2e+308, which no float holds), and steps of 0,1 stay exact."""
    high = Decimal(high)
    if not high > 0:
        return [Decimal(0), Decimal(1)]
    raw = high / count
    power = Decimal(1).scaleb(raw.adjusted())   # 10 ** floor(log10(raw))
    step = next(m * power for m in NICE_STEPS if m * power >= raw)
    if whole:
        step = max(Decimal(1), step.to_integral_value(ROUND_CEILING))
    steps = int((high / step - Decimal("1e-9")).to_integral_value(ROUND_CEILING))
    return [i * step for i in range(steps + 1)]


def _fmt(number: float) -> str:
    """A coordinate: short and stable."""
    return f"{number:.1f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, label: str, anchor: str = "middle", colour: str = MUTED,
          extra: str = "") -> str:
    return (f'<text x="{_fmt(x)}" y="{_fmt(y)}" text-anchor="{anchor}" fill="{colour}"'
            f'{extra}>{escape(label)}</text>')


def _frame(ticks: list[tuple[float, Decimal]], unit: str) -> list[str]:
    """Horizontal grid lines at (height, value) with their Vietnamese labels, and the
    unit above them."""
    parts = []
    for y, tick in ticks:
        parts.append(f'<line x1="{LEFT}" y1="{_fmt(y)}" x2="{WIDTH - RIGHT}" y2="{_fmt(y)}" '
                     f'stroke="{GRID}"/>')
        parts.append(_text(LEFT - 8, y + 4, vi_number(tick), "end"))
    if unit:
        parts.append(_text(8, 14, unit, "start"))
    return parts


def _legend(kinds: list[str]) -> list[str]:
    """Solid mark 'Kết quả', hollow mark 'Mục tiêu', top right."""
    parts, x = [], WIDTH - RIGHT
    for kind in reversed(kinds):
        word = KIND_WORDS[kind].capitalize()
        x -= 16 + 8.6 * len(word)
        parts.append(_mark(x, 10, kind, role="key") + _text(x + 10, 14, word, "start", INK))
        x -= 12
    return parts


def _mark(x: float, y: float, kind: str, title: str = "", role: str = "mark") -> str:
    """A value's circle (role "mark", with its <title>) or the legend's ("key")."""
    colour = RESULT_COLOUR if kind == RESULT else TARGET_COLOUR
    fill = colour if kind == RESULT else "#ffffff"
    inner = f"<title>{escape(title)}</title>" if title else ""
    end = f">{inner}</circle>" if inner else "/>"
    return (f'<circle class="{role} {kind}" cx="{_fmt(x)}" cy="{_fmt(y)}" r="5" fill="{fill}" '
            f'stroke="{colour}" stroke-width="2"{end}')


def _line(points: list[tuple[float, float]], kind: str) -> str:
    if len(points) < 2:
        return ""
    colour = RESULT_COLOUR if kind == RESULT else TARGET_COLOUR
    dash = ' stroke-dasharray="5 4"' if kind == TARGET else ""
    coords = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points)
    return f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'


def _open(chart_id: str, title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{chart_id}" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{chart_id}-title" '
            f'font-size="14" font-family="{FONT}">'
            f'<title id="{chart_id}-title">{escape(title)}</title>')


def series_chart(series: Series, chart_id: str) -> str:
    """One metric of one province over the years: results and targets."""
    years = list(range(series.years[0], series.years[-1] + 1))
    # Decimal, not float: the span of -1e308 and 1e308 overflows a float. Heights
    # are offsets from `low` itself, never from a rounded sum, so no mark leaves the plot.
    values = [Decimal(v.value) for v in series.values]
    low = min(Decimal(0), *values)
    steps = nice_ticks(max(values) - low)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def to_x(year: int) -> float:
        return LEFT + plot_w * (0.5 if len(years) == 1 else
                                0.04 + 0.92 * (year - years[0]) / (len(years) - 1))

    def to_y(value) -> float:
        return TOP + plot_h * float(1 - (Decimal(value) - low) / steps[-1])

    kinds = [k for k in (RESULT, TARGET) if any(v.kind == k for v in series.values)]
    title = f"{series.metric} ({series.unit}), {years[0]}–{years[-1]}" if series.unit \
        else f"{series.metric}, {years[0]}–{years[-1]}"
    parts = [_open(chart_id, title), *_frame([(to_y(low + t), low + t) for t in steps], series.unit), *_legend(kinds)]
    parts += [_text(to_x(year), HEIGHT - 12, str(year)) for year in years]
    for kind in kinds:
        first_each_year: dict[int, Value] = {}
        for v in series.values:
            if v.kind == kind:
                first_each_year.setdefault(v.year, v)
        parts.append(_line([(to_x(v.year), to_y(v.value)) for v in first_each_year.values()],
                           kind))
    for v in series.values:
        parts.append(_mark(to_x(v.year), to_y(v.value), v.kind,
                           f"Năm {v.year}: {v.label} ({KIND_WORDS[v.kind]})"))
    parts.append("</svg>")
    return "".join(p for p in parts if p)


def year_bars(counts: list[tuple[int, int, int]], chart_id: str, title: str) -> str:
    """Pages per year, oldest first: (year, result pages, task pages) as paired bars."""
    years = [year for year, _, _ in counts]
    ticks = nice_ticks(max([r for _, r, _ in counts] + [t for _, _, t in counts] + [1]), whole=True)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(years), 1)
    bar = min(28.0, slot * 0.36)

    def to_y(value) -> float:
        return TOP + plot_h * (1 - float(value) / float(ticks[-1]))

    parts = [_open(chart_id, title), *_frame([(to_y(t), t) for t in ticks], "bài"),
             *_bar_legend()]
    for i, (year, results, tasks) in enumerate(counts):
        middle = LEFT + slot * (i + 0.5)
        for offset, count, kind in ((-bar, results, RESULT), (0.0, tasks, TARGET)):
            x, y = middle + offset, to_y(count)
            word = "bài kết quả" if kind == RESULT else "bài nhiệm vụ"
            colour = RESULT_COLOUR if kind == RESULT else TARGET_COLOUR
            parts.append(f'<rect class="bar {kind}" x="{_fmt(x)}" y="{_fmt(y)}" '
                         f'width="{_fmt(bar)}" height="{_fmt(to_y(0) - y)}" fill="{colour}">'
                         f"<title>Năm {year}: {count} {word}</title></rect>")
            parts.append(_text(x + bar / 2, y - 4, vi_number(count), colour=INK))
        parts.append(_text(middle, HEIGHT - 12, str(year)))
    parts.append("</svg>")
    return "".join(parts)


def _bar_legend() -> list[str]:
    parts, x = [], WIDTH - RIGHT
    for word, colour in (("Nhiệm vụ", TARGET_COLOUR), ("Kết quả", RESULT_COLOUR)):
        x -= 20 + 8.6 * len(word)
        parts.append(f'<rect x="{_fmt(x)}" y="4" width="12" height="12" fill="{colour}"/>'
                     + _text(x + 16, 14, word, "start", INK))
        x -= 12
    return parts
