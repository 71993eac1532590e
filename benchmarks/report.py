"""The benchmark's table, our ratios to each peer, and results.md (the targets: targets.py)."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

from edits import KINDS
from tools import Result

MEASURES = [("cold", "cold s"), ("no-change", "no-change s"), ("one-edit", "one-edit s"),
            ("province-edit", "province-edit s"), ("template-edit", "template-edit s")]
TOOLS = ("ours", "hugo", "hugo-server", "hugo-server-full", "pelican", "floor")


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def seconds(result: Result | None, what: str) -> float | None:
    if result is None or not result.ok:
        return None
    return median(result.seconds.get(what, []))


def cpu_seconds(result: Result | None, what: str) -> float | None:
    if result is None or not result.ok:
        return None
    return median(result.cpu.get(what, []))


def reload_ms(result: Result | None, kind: str = "body") -> float | None:
    """Save-to-reload in a preview server for one kind of edit, median over its edits."""
    if result is None or not result.ok:
        return None
    return median(result.reload_ms.get(kind, []))


def peak_mb(result: Result | None) -> float | None:
    """Peak memory: the larger of ru_maxrss and the sampled sum over the process tree."""
    if result is None or not result.ok or not result.tree_mb:
        return None
    return median(result.tree_mb)


def _f(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


# --- the table -------------------------------------------------------------------

HEADER = ["tool", "N", *(label for _, label in MEASURES), "cold CPU s", "body reload ms", "RSS MB",
          "tree MB",
          "pages", "out MB"]


def rows(results: dict[int, dict[str, Result]]) -> list[list[str]]:
    table = []
    for n, by_tool in results.items():
        for tool in TOOLS:
            r = by_tool.get(tool)
            if r is None:
                continue
            if not r.ok:
                table.append([tool, f"{n:,}", r.status])  # a short row: the status only
                continue
            table.append([tool, f"{n:,}", *(_f(seconds(r, m)) for m, _ in MEASURES),
                          _f(cpu_seconds(r, "cold")),
                          _f(reload_ms(r), 0),
                          _f(median(r.rss_mb), 0), _f(median(r.tree_mb), 0),
                          "—" if r.pages is None else f"{r.pages:,}",
                          "—" if r.out_bytes is None else _f(r.out_bytes / 1e6, 1)])
    return table


def text_table(table: list[list[str]]) -> str:
    """A plain fixed-width table; a status row (missing, failed) runs to the line's end."""
    full = [HEADER] + [row for row in table if len(row) == len(HEADER)]
    widths = [max(len(row[i]) for row in full) for i in range(len(HEADER))]
    lines = []
    for row in [HEADER] + table:
        if len(row) < len(HEADER):
            lines.append(f"{row[0].ljust(widths[0])}  {row[1].rjust(widths[1])}  {row[2]}")
        else:
            lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                   for i, (c, w) in enumerate(zip(row, widths))))
    return "\n".join(lines)


def md_table(table: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" + "---:|" * (len(HEADER) - 1)]
    lines += ["| " + " | ".join(row + [""] * (len(HEADER) - len(row))) + " |" for row in table]
    return "\n".join(lines)


# --- ratios -------------------------------------------------------------------------

def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def why_missing(by_tool: dict[str, Result], *tools: str) -> str:
    for tool in tools:
        r = by_tool.get(tool)
        if r is None:
            return f"{tool} not run"
        if not r.ok:
            return f"{tool} {r.status.split(':')[0]}"
    return "no value"


def ratio_lines(results: dict[int, dict[str, Result]]) -> list[str]:
    lines = []
    for n, t in results.items():
        ours = t.get("ours")
        lines.append(f"N = {n:,}:")
        pairs = [
            ("cold / Hugo cold", seconds(ours, "cold"), seconds(t.get("hugo"), "cold"), "hugo"),
            ("cold / floor cold", seconds(ours, "cold"), seconds(t.get("floor"), "cold"), "floor"),
            ("cold CPU / floor cold CPU", cpu_seconds(ours, "cold"), cpu_seconds(t.get("floor"), "cold"),
             "floor"),
            ("cold / Pelican cold", seconds(ours, "cold"), seconds(t.get("pelican"), "cold"), "pelican"),
            ("no-change / Hugo rebuild", seconds(ours, "no-change"), seconds(t.get("hugo"), "no-change"), "hugo"),
            ("no-change / Pelican rebuild (cache on)", seconds(ours, "no-change"),
             seconds(t.get("pelican"), "no-change"), "pelican"),
            ("one-edit / Hugo rebuild", seconds(ours, "one-edit"), seconds(t.get("hugo"), "no-change"), "hugo"),
            ("province-edit / Hugo rebuild", seconds(ours, "province-edit"),
             seconds(t.get("hugo"), "no-change"), "hugo"),
            ("one-edit / Pelican one-edit", seconds(ours, "one-edit"), seconds(t.get("pelican"), "one-edit"), "pelican"),
            ("peak memory / floor's", peak_mb(ours), peak_mb(t.get("floor")), "floor"),
        ]
        pairs += [(f"{kind} save-to-reload / hugo server's ({mode})", reload_ms(ours, kind),
                   reload_ms(t.get(server), kind), server)
                  for kind in KINDS for server, mode in SERVERS.items()]
        for label, a, b, peer in pairs:
            value = ratio(a, b)
            shown = f"{value:.2f}×" if value is not None else f"n/a ({why_missing(t, 'ours', peer)})"
            lines.append(f"  ours {label}: {shown}")
        per_article = [f"{tool} {seconds(t.get(tool), 'cold') / n * 1000:.2f}"
                       for tool in TOOLS if seconds(t.get(tool), "cold") is not None]
        lines.append("  cold ms per article (wall): " + (", ".join(per_article) or "n/a"))
        per_article = [f"{tool} {cpu_seconds(t.get(tool), 'cold') / n * 1000:.2f}"
                       for tool in TOOLS if cpu_seconds(t.get(tool), "cold") is not None]
        lines.append("  cold ms per article (CPU): " + (", ".join(per_article) or "n/a"))
        per_k = [f"{tool} {peak_mb(t.get(tool)) / (n / 1000):.0f}"
                 for tool in TOOLS if peak_mb(t.get(tool)) is not None]
        lines.append("  peak MB per 1,000 articles: " + (", ".join(per_k) or "n/a"))
    return lines


SERVERS = {"hugo-server": "fast render", "hugo-server-full": "--disableFastRender"}
RELOAD_TOOLS = ("ours", *SERVERS)


def reload_rows(results: dict[int, dict[str, Result]]) -> list[list[str]]:
    """Save-to-reload, one row per N and kind of edit: each server's median, and in
    brackets what the server logged as its rebuild."""
    table = []
    for n, by_tool in results.items():
        for kind in KINDS:
            cells = []
            for tool in RELOAD_TOOLS:
                r = by_tool.get(tool)
                shown = reload_ms(r, kind)
                logged = median(r.reload_logged_ms.get(kind, [])) if shown is not None else None
                cells.append("—" if shown is None else f"{shown:,.0f} ({_f(logged, 0)})")
            if any(cell != "—" for cell in cells):
                table.append([f"{n:,}", kind, *cells])
    return table


RELOAD_HEADER = ["N", "edit", *(f"{tool} ms" for tool in RELOAD_TOOLS)]


def reload_md_table(results: dict[int, dict[str, Result]]) -> str:
    lines = ["| " + " | ".join(RELOAD_HEADER) + " |",
             "|---:|---|" + "---:|" * len(RELOAD_TOOLS)]
    lines += ["| " + " | ".join(row) + " |" for row in reload_rows(results)]
    return "\n".join(lines)


# --- machine and versions -------------------------------------------------------------

def _version(python: str | None, dist: str) -> str:
    if python is None:
        return "missing"
    if python == sys.executable:
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            return "missing"
    code = f"import importlib.metadata as m; print(m.version({dist!r}))"
    done = subprocess.run([python, "-c", code], capture_output=True, text=True)
    return done.stdout.strip() or "missing"


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"cores (nproc)": str(usable), "CPU": model, "system": platform.platform(),
            "memory": _meminfo(), "load average at start (1, 5, 15 min)": load_average()}


def _meminfo() -> str:
    try:
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        return f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, IndexError, ValueError):
        return "unknown"


def load_average() -> str:
    """Other work on the machine skews every time: the load average says how much there was."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def versions(pelican_python: str | None, hugo: str | None) -> dict[str, str]:
    hugo_version = "missing"
    if hugo:
        done = subprocess.run([hugo, "version"], capture_output=True, text=True)
        hugo_version = done.stdout.strip().split(" BuildDate")[0] or "unknown"
    return {"Python": platform.python_version(), "Hugo": hugo_version,
            "Pelican": _version(pelican_python, "pelican"),
            "Markdown (Pelican's)": _version(pelican_python, "markdown"),
            "markdown-it-py": _version(sys.executable, "markdown-it-py"),
            "Jinja2": _version(sys.executable, "Jinja2"), "PyYAML": _version(sys.executable, "PyYAML")}


def markdown(results, info: dict[str, str], targets: list[tuple[str, list[str]]],
             notes: list[str], runs: int, command: str) -> str:
    """results.md: the machine, the table, the ratios, each (heading, lines) of targets, notes."""
    date = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    parts = [
        "# Benchmark results", "",
        f"`{command}` on {date}; each time is the median of {runs} run(s). "
        "See benchmarks/README.md for what each column means.", "",
        "| | |", "|---|---|", *(f"| {k} | {v} |" for k, v in info.items()), "",
        md_table(rows(results)), "",
        "## Save-to-reload, by kind of edit", "",
        "Median milliseconds from saving a file to the page showing the change (polled over "
        "HTTP); in brackets, the median of what the server logged as its rebuild(s) for it. "
        "The edits: benchmarks/edits.py.", "",
        reload_md_table(results), "",
        "## Ours relative to each peer", "", "```", *ratio_lines(results), "```",
    ]
    for heading, lines in targets:
        parts += ["", f"## {heading}", "", "```", *lines, "```"]
    if notes:
        parts += ["", "## Notes", "", *(f"- {n}" for n in notes)]
    return "\n".join(parts) + "\n"
