#!/usr/bin/env python3
"""Benchmark our build against Pelican, Hugo and the plain-Python floor (issues 8 and 16).

    python benchmarks/run.py [--quick] [--sizes 1000,5000,20000] [--runs 3] [--tools …]

For each N: generate the corpus once (benchmarks/work/n<N>/), then, in each
run, time every tool in turn (each measurement a fresh child process):

- ours: cold, no-change, one-edit (an article's body), province-edit (an
  article's province), template-edit (templates/article.html of the work
  folder's copy of our templates); then save-to-reload in `serve`, over HTTP;
- Pelican and Hugo: cold, no-change, one-edit (the same article's body);
- the floor (benchmarks/floor.py): cold;
- Hugo's preview server (tool "hugo-server"): save-to-reload in `hugo server`,
  measured as ours is, with fast render (result "hugo-server") and with
  --disableFastRender (result "hugo-server-full").

Every edit is undone after its run. Prints one table, our ratios to each peer
and the issues' targets as MET/MISSED and PASS/FAIL lines, and writes them
with the machine and versions to benchmarks/results.md, but only from the
full run; --quick writes benchmarks/work/results-quick.md and any other run
benchmarks/work/results-partial.md, so a check never overwrites the
committed results.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

import generate
import report
import targets
from edits import KINDS, FileEdit, body_edit, make_edits, province_edit, template_edit
from measure import save_to_reload
from tools import REPO, Floor, Hugo, Ours, Pelican, Result, Tool, find_hugo, find_pelican

HERE = Path(__file__).resolve().parent
ALL_TOOLS = ("ours", "pelican", "hugo", "hugo-server", "floor")
# the tool "hugo-server" gives two results: name -> whether fast render is on
HUGO_SERVERS = {"hugo-server": True, "hugo-server-full": False}
FULL_SIZES, FULL_RUNS = "1000,5000,20000", 3      # the run whose results are committed
NOTES = [
    "Pelican: bundled theme `notmyidea` (nothing downloaded), RELATIVE_URLS on, feeds off, "
    "no pagination, no author pages, year archives on; category = province, tags = topics; "
    "its content cache on for rebuilds (cold runs pass --ignore-cache). "
    "Settings: benchmarks/peer_sites/pelicanconf.py.",
    "Hugo: no theme; small layouts in benchmarks/peer_sites/hugo/layouts (home, single, list, "
    "taxonomy, terms), taxonomies province/year/topic, relativeURLs on; its RSS feeds (20 items), "
    "sitemap and robots.txt on. Hugo rebuilds everything on every run: its no-change time is its "
    "rebuild. What each side makes that the other does not: benchmarks/README.md.",
    "hugo-server: `hugo server --bind 127.0.0.1 --port P` (pages from memory, live reload on, "
    "as a user runs it); hugo-server-full adds --disableFastRender. Both and our `serve` are "
    "timed by the same code: the article's page is requested once served, then each edit appends "
    "a paragraph and the page is polled over HTTP until it shows it.",
    "floor: benchmarks/floor.py, one process, no cache, the same templates, page set and other "
    "files (search index, digest.json, figures.csv, Atom feeds, robots.txt) as ours.",
    "RSS MB: ru_maxrss of the child from os.wait4 (largest single process); tree MB: sampled "
    "peak of the summed PSS of the child and its descendants (counts worker processes, and "
    "each page they share with their parent once). The memory target uses tree MB.",
]


# --- one N ---------------------------------------------------------------------------

def prepare(n: int, work: Path) -> Path:
    folder = work / f"n{n}"
    started = time.perf_counter()
    print(f"N={n:,}: generating the corpus in {folder} …", flush=True)
    generate.generate(n, folder)
    templates = folder / "ours" / "templates"
    shutil.copytree(REPO / "templates", templates)
    generate.write_config(folder / "ours", n, templates)
    shutil.rmtree(folder / "logs", ignore_errors=True)
    print(f"N={n:,}: generated in {time.perf_counter() - started:.1f} s", flush=True)
    return folder


def _show(result: Result, what: str) -> None:
    if result.ok:
        print(f"    {result.tool:<8} {what:<14} {result.seconds[what][-1]:8.2f} s"
              f"   (CPU {result.cpu[what][-1]:.2f} s)", flush=True)
    else:
        print(f"    {result.tool:<8} {result.status}", flush=True)


def measure(tool: Tool, result: Result, run: int, what: str, cold: bool = False) -> bool:
    ok = result.record(what, tool.cold() if cold else tool.rebuild(), run)
    _show(result, what)
    return ok


def run_ours(tool: Ours, result: Result, run: int, body_article, province_article,
             new_province: str) -> None:
    if not result.ok or not measure(tool, result, run, "cold", cold=True):
        return
    if result.pages is None:
        result.pages, result.out_bytes = tool.stats()
    if not measure(tool, result, run, "no-change"):
        return
    edits = [FileEdit(tool.article(body_article)), FileEdit(tool.article(province_article)),
             FileEdit(tool.root / "templates" / "article.html")]
    try:
        body_edit(edits[0], f"r{run}")
        if not measure(tool, result, run, "one-edit"):
            return
        province_edit(edits[1], new_province)
        if not measure(tool, result, run, "province-edit"):
            return
        template_edit(edits[2], f"r{run}")
        measure(tool, result, run, "template-edit")
    finally:
        for edit in edits:
            edit.restore()


def run_peer(tool: Tool, result: Result, run: int, body_article) -> None:
    if not result.ok or not measure(tool, result, run, "cold", cold=True):
        return
    if result.pages is None:
        result.pages, result.out_bytes = tool.stats()
    if isinstance(tool, Floor) or not measure(tool, result, run, "no-change"):
        return
    edit = FileEdit(tool.article(body_article))
    try:
        body_edit(edit, f"r{run}")
        measure(tool, result, run, "one-edit")
    finally:
        edit.restore()


def run_serve(tool: Ours | Hugo, command: list[str], result: Result, articles: dict, args,
              notes: list[str]) -> None:
    """Save-to-reload of one preview server (ours or Hugo's) for every kind of edit
    (benchmarks/edits.py), kept in `result`."""
    log = tool.root.parent / "logs" / f"serve-{result.tool}.log"
    tag = {"ours": "s", "hugo-server": "h", "hugo-server-full": "hf"}[result.tool]
    kinds = [kind for kind in make_edits(tool, articles["body"], articles["newest"],
                                         articles["province"], tag)
             if kind.name in args.kinds]
    try:
        found = save_to_reload(command, tool.root, log, kinds,
                               [tool.served_page(articles["body"]), ""], args.serve_edits,
                               poll=args.poll_ms / 1000, logged_pattern=tool.logged_rebuild)
        for kind, reloads in found.items():
            result.reload_ms[kind], result.reload_logged_ms[kind] = reloads.ms, reloads.logged_ms
            shown = ", ".join(f"{ms:.0f}" for ms in reloads.ms)
            logged = ", ".join(f"{ms:.0f}" for ms in reloads.logged_ms) or "nothing"
            print(f"    {result.tool:<16} {kind:<9} save-to-reload {shown} ms (its log: {logged})",
                  flush=True)
    except RuntimeError as err:
        notes.append(f"N={result.n:,}: {result.tool} save-to-reload: {err}")
        if result.tool != "ours":        # the server is all this result measures
            result.status = f"failed: {err} — see {log}"
        print(f"    {result.tool:<16} save-to-reload failed: {err}", flush=True)


def newest_articles(n: int, count: int) -> list[generate.Article]:
    """The `count` newest articles of the corpus (each on both home pages' latest list),
    with a province (the body edit's article is never one of them)."""
    articles = sorted(map(generate.make_article, range(n)), key=lambda a: a.date, reverse=True)
    return [a for a in articles if a.province and a.index != n // 2][:count]


def requested_results(tools: list[str]) -> list[str]:
    """The results the requested tools give ("hugo-server" gives one per fast-render mode)."""
    return [name for tool in tools
            for name in (HUGO_SERVERS if tool == "hugo-server" else [tool])]


def bench(n: int, args, peers: dict[str, tuple[str | None, str]], notes: list[str]) -> dict[str, Result]:
    folder = prepare(n, args.work)
    logs = folder / "logs"
    results = {name: Result(name, n) for name in requested_results(args.tools)}
    tools: dict[str, Tool] = {"ours": Ours(folder / "ours", logs), "hugo": Hugo(folder / "hugo", logs),
                              "floor": Floor(folder, logs)}
    for name in ("pelican", "hugo", *HUGO_SERVERS):
        peer = "hugo" if name in HUGO_SERVERS else name
        if name in results and peers[peer][0] is None:
            results[name].status = peers[peer][1]
    if peers["pelican"][0] is not None:
        tools["pelican"] = Pelican(folder / "pelican", logs, peers["pelican"][0])

    body_article = generate.make_article(n // 2)
    province_article = next(a for a in map(generate.make_article, range(n // 3, n)) if a.province)
    names = generate.provinces()
    new_province = names[(names.index(province_article.province) + 1) % len(names)]
    # for the preview servers: the article edited, the newest ones (deleted one by one)
    # and a province it moves to
    serve_articles = {"body": body_article, "newest": newest_articles(n, args.serve_edits),
                      "province": names[(names.index(body_article.province) + 1) % len(names)]}
    for run in range(args.runs):
        print(f"N={n:,}: run {run + 1} of {args.runs}", flush=True)
        for name in args.tools:
            if name == "ours":
                run_ours(tools["ours"], results["ours"], run, body_article, province_article,
                         new_province)
            elif name in tools and results[name].ok:   # hugo-server: after the runs
                run_peer(tools[name], results[name], run, body_article)
    if "ours" in results and results["ours"].ok:
        run_serve(tools["ours"], tools["ours"].serve_command(), results["ours"], serve_articles,
                  args, notes)
    for name, fast_render in HUGO_SERVERS.items():
        if name in results and results[name].ok:
            run_serve(tools["hugo"], tools["hugo"].serve_command(fast_render), results[name],
                      serve_articles, args, notes)
    return results


# --- main ----------------------------------------------------------------------------

def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="Columns and method: benchmarks/README.md")
    parser.add_argument("--quick", action="store_true",
                        help="N = 1,000 only, one run each, 3 serve edits")
    parser.add_argument("--sizes", default=FULL_SIZES, help="comma-separated N values")
    parser.add_argument("--runs", type=int, default=FULL_RUNS, help="runs per measurement (median)")
    parser.add_argument("--serve-edits", type=int, default=5,
                        help="edits timed in each preview server (median)")
    parser.add_argument("--kinds", default=",".join(KINDS),
                        help="kinds of edit timed in the preview servers (benchmarks/edits.py)")
    parser.add_argument("--poll-ms", type=float, default=10,
                        help="how often a preview server's page is requested after a save")
    parser.add_argument("--tools", default=",".join(ALL_TOOLS),
                        help="comma-separated subset of " + ",".join(ALL_TOOLS))
    parser.add_argument("--work", type=Path, default=HERE / "work", help="scratch folder")
    parser.add_argument("--output", type=Path, help="Markdown results file (default: "
                        "benchmarks/results.md for the full run; otherwise "
                        "benchmarks/work/results-quick.md or results-partial.md)")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs, args.serve_edits = "1000", 1, 3
    args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = set(args.tools) - set(ALL_TOOLS)
    if unknown:
        parser.error(f"unknown tool(s): {', '.join(sorted(unknown))}")
    args.kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    if set(args.kinds) - set(KINDS):
        parser.error(f"unknown kind(s) of edit: {', '.join(sorted(set(args.kinds) - set(KINDS)))}")
    if args.output is None:
        args.output = default_output(args)
    return args


def default_output(args) -> Path:
    """results.md only for the full run: a partial run never replaces the committed results."""
    if args.quick:
        return args.work / "results-quick.md"
    full = (args.sizes == [int(n) for n in FULL_SIZES.split(",")] and args.runs >= FULL_RUNS
            and set(args.tools) == set(ALL_TOOLS) and set(args.kinds) == set(KINDS))
    return HERE / "results.md" if full else args.work / "results-partial.md"


def main(argv=None) -> int:
    args = parse_args(argv)
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:] if argv is None else argv)
    args.work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    machine = report.machine()  # before the load of the benchmark itself
    load_at_start = os.getloadavg()[0]
    peers = {"pelican": (None, "not requested"), "hugo": (None, "not requested")}
    if "pelican" in args.tools:
        peers["pelican"] = find_pelican(args.work)
    if "hugo" in args.tools or "hugo-server" in args.tools:
        peers["hugo"] = find_hugo()
    notes = list(NOTES)
    notes.append(f"Preview servers: {args.serve_edits} edits each, the page polled every "
                 f"{args.poll_ms:g} ms; each edit waits until the server has logged the end of the "
                 "previous rebuild and then nothing for 0.5 s; reload ms is the median.")
    for name, (found, how) in peers.items():
        if name in args.tools or (name == "hugo" and "hugo-server" in args.tools):
            shown = how.replace(f"{REPO}/", "")  # the repository's own folders as relative paths
            notes.append(f"{name}: {shown}" if found is None else f"{name}: run from {shown}")
            print(f"{name}: {how}", flush=True)

    results = {n: bench(n, args, peers, notes) for n in args.sizes}

    print()
    print(report.text_table(report.rows(results)))
    print("\nsave-to-reload ms (its log):\n" + report.reload_md_table(results))
    print()
    print("Ours relative to each peer:")
    print("\n".join(report.ratio_lines(results)))
    print()
    target_sections = targets.sections(results)
    for heading, lines in target_sections:
        print(f"{heading}:")
        print("\n".join(lines))
        print()
    cores = len(os.sched_getaffinity(0))
    if load_at_start > cores / 2:
        notes.append(f"The machine was busy before the benchmark started (load average "
                     f"{load_at_start:.1f} on {cores} cores): wall-clock times are inflated "
                     "and noisy; the CPU column is steadier.")
    info = {**machine, "load average at end": report.load_average(),
            **report.versions(peers["pelican"][0], peers["hugo"][0])}
    minutes = (time.perf_counter() - started) / 60
    notes.append(f"The whole benchmark took {minutes:.1f} min.")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = report.markdown(results, info, target_sections, notes, args.runs, command.strip())
    args.output.write_text(text, encoding="utf-8")
    print(f"\nWrote {args.output} ({minutes:.1f} min in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
