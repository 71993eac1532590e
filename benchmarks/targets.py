"""The issues' speed targets, checked against one benchmark's results.

Issues 27 (the current round) and 16 are printed as MET / MISSED lines; issue 8 (the
first round) as PASS / FAIL lines, as before. Each target is checked at
every size measured and marked where the issue does not state it for that
size; a size the issue names but the run did not measure is `n/a` with the
reason, as is a value that is missing (a tool not run or failed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from report import peak_mb, ratio, reload_ms, seconds, why_missing
from edits import KINDS
from tools import Result

ByTool = dict[str, Result]
Results = dict[int, ByTool]


def _sizes(sizes: tuple[int, ...]) -> str:
    shown = [f"{n:,}" for n in sizes]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _amount(value: float, unit: str) -> str:
    return f"{value:,.2f} {unit}" if unit == "s" else f"{value:,.0f} {unit}"


def _met(ok: bool | None, text: str, why: str = "") -> str:
    if ok is None:
        return f"n/a     {text} ({why})"
    return f"{'MET' if ok else 'MISSED':<6}  {text}"


# --- issue 16 ------------------------------------------------------------------------

@dataclass(frozen=True)
class RatioTarget:
    """Ours ÷ a peer's figure ≤ limit, stated by the issue at some sizes."""

    label: str
    ours: Callable[[ByTool], float | None]
    peer: Callable[[ByTool], float | None]
    peer_name: str                  # the result whose absence explains an n/a
    unit: str                       # of both figures, as shown: "ms", "s", "MB"
    limit: float
    sizes: tuple[int, ...]


@dataclass(frozen=True)
class FlatTarget:
    """A cost per article that stays within ±band of its value at the smallest size."""

    label: str
    per_article: Callable[[int, ByTool], float | None]
    unit: str
    band: float = 0.15
    sizes: tuple[int, int] = (1000, 20000)     # from, to


def _cold(tool: str) -> Callable[[ByTool], float | None]:
    return lambda t: seconds(t.get(tool), "cold")


ISSUE_16_RATIOS = [
    RatioTarget("save-to-reload ≤ 0.3 × hugo server's (fast render)",
                lambda t: reload_ms(t.get("ours")), lambda t: reload_ms(t.get("hugo-server")),
                "hugo-server", "ms", 0.3, (5000, 20000)),
    RatioTarget("cold ≤ 0.9 × Hugo's cold", _cold("ours"), _cold("hugo"), "hugo", "s", 0.9,
                (1000, 5000, 20000)),
    RatioTarget("one-article edit (command line) ≤ 0.15 × Hugo's rebuild",
                lambda t: seconds(t.get("ours"), "one-edit"),
                lambda t: seconds(t.get("hugo"), "no-change"), "hugo", "s", 0.15, (1000,)),
    RatioTarget("peak memory (tree MB) ≤ 1.5 × the floor's", lambda t: peak_mb(t.get("ours")),
                lambda t: peak_mb(t.get("floor")), "floor", "MB", 1.5, (5000, 20000)),
]

def _cold_ms_per_article(n: int, t: ByTool) -> float | None:
    cold = seconds(t.get("ours"), "cold")
    return None if cold is None else cold / n * 1000


def _peak_mb_per_1000(n: int, t: ByTool) -> float | None:
    peak = peak_mb(t.get("ours"))
    return None if peak is None else peak / n * 1000


# "Flat" is read as the issue states it: within ±15 % both ways. A fixed cost
# (start-up, the interpreter's own memory) makes the figure per article fall
# as N grows, and that counts as missed too; the line shows every value.
ISSUE_16_FLAT = [
    FlatTarget("cold time per article", _cold_ms_per_article, "ms"),
    FlatTarget("peak memory per 1,000 articles", _peak_mb_per_1000, "MB"),
]


def ratio_lines(target: RatioTarget, results: Results) -> list[str]:
    lines = []
    for n in sorted(set(target.sizes) | set(results)):
        text = f"N={n:,}: {target.label}"
        if n not in results:
            lines.append(_met(None, text, f"N={n:,} not run"))
            continue
        if n not in target.sizes:
            text += f" [stated for {_sizes(target.sizes)}]"
        t = results[n]
        ours, peer = target.ours(t), target.peer(t)
        value = ratio(ours, peer)
        if value is None:
            lines.append(_met(None, text, why_missing(t, "ours", target.peer_name)))
            continue
        lines.append(_met(value <= target.limit,
                          f"{text}: {value:.2f}× (ours {_amount(ours, target.unit)}, "
                          f"{target.peer_name} {_amount(peer, target.unit)})"))
    return lines


def flat_lines(target: FlatTarget, results: Results) -> list[str]:
    """One line: the cost per article at each size, against the smallest size's."""
    text = f"{target.label} flat within ±{target.band:.0%}"
    values = {n: target.per_article(n, t) for n, t in sorted(results.items())}
    values = {n: v for n, v in values.items() if v is not None}
    if len(values) < 2:
        return [_met(None, text, "needs two sizes or more")]
    base = min(values)
    spread = [v / values[base] for v in values.values()]
    ok = all(1 - target.band <= s <= 1 + target.band for s in spread)
    shown = ", ".join(f"{v:,.2f} {target.unit} at {n:,}" for n, v in values.items())
    stated = "" if base <= target.sizes[0] and max(values) >= target.sizes[1] else \
        f" [stated from {target.sizes[0]:,} to {target.sizes[1]:,}]"
    return [_met(ok, f"{text}{stated}: {shown} "
                     f"({min(spread):.2f}×–{max(spread):.2f}× of the value at {base:,})")]


# --- issue 27 ------------------------------------------------------------------------

def _reload(tool: str, kind: str) -> Callable[[ByTool], float | None]:
    return lambda t: reload_ms(t.get(tool), kind)


ISSUE_27_RATIOS = [
    RatioTarget(f"{kind} save-to-reload ≤ {limit} × hugo server's (fast render)",
                _reload("ours", kind), _reload("hugo-server", kind), "hugo-server", "ms", limit,
                (5000, 20000))
    for kind, limit in ((kind, 1.0 if kind == "template" else 0.3) for kind in KINDS)
] + [
    RatioTarget("cold ≤ 0.9 × Hugo's cold", _cold("ours"), _cold("hugo"), "hugo", "s", 0.9,
                (1000, 2000, 5000)),
    RatioTarget("cold ≤ 0.7 × Hugo's cold", _cold("ours"), _cold("hugo"), "hugo", "s", 0.7,
                (20000,)),
    RatioTarget("one-article edit (command line) ≤ 0.15 × Hugo's rebuild",
                lambda t: seconds(t.get("ours"), "one-edit"),
                lambda t: seconds(t.get("hugo"), "no-change"), "hugo", "s", 0.15, (1000,)),
    RatioTarget("peak memory (tree MB) ≤ 1.5 × the floor's", lambda t: peak_mb(t.get("ours")),
                lambda t: peak_mb(t.get("floor")), "floor", "MB", 1.5, (5000, 20000)),
]


def issue27_lines(results: Results) -> list[str]:
    return [line for target in ISSUE_27_RATIOS for line in ratio_lines(target, results)]


def issue16_lines(results: Results) -> list[str]:
    lines = [line for target in ISSUE_16_RATIOS for line in ratio_lines(target, results)]
    return lines + [line for target in ISSUE_16_FLAT for line in flat_lines(target, results)]


# --- issue 8 (the first round) ---------------------------------------------------------

def _verdict(ok: bool | None, text: str, why: str = "") -> str:
    if ok is None:
        return f"n/a   {text}{f' ({why})' if why else ''}"
    return f"{'PASS' if ok else 'FAIL'}  {text}"


def issue8_lines(results: Results) -> list[str]:
    """Issue 8's targets, each checked at every N measured (they are stated at 5,000)."""
    lines = []
    for n, t in results.items():
        ours = t.get("ours")
        note = "" if n == 5000 else " [stated for 5,000]"
        hugo_cold, hugo_re = seconds(t.get("hugo"), "cold"), seconds(t.get("hugo"), "no-change")
        checks = [
            ("cold ≤ Hugo cold", seconds(ours, "cold"), hugo_cold, 1.0, "hugo"),
            ("cold ≤ floor cold", seconds(ours, "cold"), seconds(t.get("floor"), "cold"), 1.0, "floor"),
            ("no-change ≤ Hugo rebuild / 10", seconds(ours, "no-change"), hugo_re, 0.1, "hugo"),
            ("one-edit ≤ Hugo rebuild / 6", seconds(ours, "one-edit"), hugo_re, 1 / 6, "hugo"),
            ("province-edit ≤ Hugo rebuild / 6", seconds(ours, "province-edit"), hugo_re, 1 / 6, "hugo"),
            ("peak memory ≤ 1.5 × floor's" + note, peak_mb(ours), peak_mb(t.get("floor")), 1.5, "floor"),
        ]
        for label, a, b, limit, peer in checks:
            value = ratio(a, b)
            text = f"N={n:,}: {label}" + ("" if value is None else f": {value:.2f}× (limit {limit:.2f}×)")
            lines.append(_verdict(None if value is None else value <= limit, text,
                                  why_missing(t, "ours", peer)))
        reload = reload_ms(ours)
        lines.append(_verdict(None if reload is None else reload < 300,
                              f"N={n:,}: save-to-reload < 300 ms{note}"
                              + ("" if reload is None else f": {reload:.0f} ms"),
                              "not measured"))
        if n == 20000:
            peak = peak_mb(ours)
            lines.append(_verdict(None if peak is None else peak < 1024,
                                  "N=20,000: peak memory < 1 GiB: "
                                  + ("—" if peak is None else f"{peak:,.0f}") + " MB"))
    sizes = [n for n in results if seconds(results[n].get("ours"), "cold") is not None]
    if len(sizes) >= 2:
        small, large = min(sizes), max(sizes)
        per = {n: seconds(results[n]["ours"], "cold") / n for n in (small, large)}
        growth = per[large] / per[small]
        lines.append(_verdict(growth <= 1.2, f"cold cost per article grows no faster than "
                              f"linearly: {per[large] * 1000:.2f} ms at {large:,} vs "
                              f"{per[small] * 1000:.2f} ms at {small:,} ({growth:.2f}×, limit 1.20×)"))
    else:
        lines.append(_verdict(None, "cold cost per article grows no faster than linearly",
                              "needs two sizes or more"))
    return lines


def sections(results: Results) -> list[tuple[str, list[str]]]:
    """(heading, lines) of each issue's targets, the current round first."""
    return [("Targets (issue 27)", issue27_lines(results)),
            ("Targets of the second round (issue 16)", issue16_lines(results)),
            ("Targets of the first round (issue 8)", issue8_lines(results))]
