#!/usr/bin/env python3
"""Where our build spends its time: one of run.py's measurements under cProfile.

    python benchmarks/profile_build.py --size 5000 --what one-edit [--top 30]

Uses the corpus in benchmarks/work/n<N>/ (generated as run.py does if it is
missing), brings the build into the state the measurement starts from (no
output for `cold`; a finished build before the others), makes the same edit
as run.py, and runs `build.py` under cProfile. The build is pinned to one CPU
so that the work forked workers would do runs in the profiled process (ours
spreads over cores only when it has more than one): the profile shows all of
the work, and its total is the CPU time, not the wall time on many cores.

Prints the functions with the most cumulative time and with the most time of
their own, and keeps the profile in benchmarks/work/n<N>/profile-<what>.prof
(`python -m pstats FILE`, or any viewer of cProfile files). Each edit is undone.
"""

from __future__ import annotations

import argparse
import os
import pstats
import subprocess
import sys
from pathlib import Path

import generate
from edits import FileEdit, body_edit, province_edit
from run import prepare
from tools import REPO, Ours

HERE = Path(__file__).resolve().parent
WHAT = ("cold", "no-change", "one-edit", "province-edit")


def one_cpu() -> None:
    """In the child: only the first CPU it may use, so the build forks no workers."""
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def build(ours: Ours, profile: Path | None = None) -> None:
    cmd = ours.command(cold=False)
    if profile is not None:
        cmd = [cmd[0], "-m", "cProfile", "-o", str(profile), *cmd[1:]]
    done = subprocess.run(cmd, cwd=ours.root, preexec_fn=one_cpu if profile else None,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"the build failed ({done.returncode}): {done.stdout[-2000:]}{done.stderr[-2000:]}")


def edit_for(what: str, ours: Ours, n: int) -> FileEdit | None:
    """The edit run.py makes for `what`, made (None when `what` makes none)."""
    if what == "one-edit":
        edit = FileEdit(ours.article(generate.make_article(n // 2)))
        body_edit(edit, "profile")
        return edit
    if what == "province-edit":
        article = next(a for a in map(generate.make_article, range(n // 3, n)) if a.province)
        names = generate.provinces()
        edit = FileEdit(ours.article(article))
        province_edit(edit, names[(names.index(article.province) + 1) % len(names)])
        return edit
    return None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=5000, help="N, the corpus size")
    parser.add_argument("--what", choices=WHAT, default="one-edit", help="which measurement")
    parser.add_argument("--top", type=int, default=30, help="functions listed in each table")
    parser.add_argument("--work", type=Path, default=HERE / "work", help="scratch folder")
    args = parser.parse_args(argv)

    folder = args.work / f"n{args.size}"
    if not (folder / "ours" / "config.yaml").exists():
        prepare(args.size, args.work)
    ours = Ours(folder / "ours", folder / "logs")
    ours.clean()
    if args.what != "cold":
        build(ours)                      # the state the measurement starts from
    profile = folder / f"profile-{args.what}.prof"
    edit = edit_for(args.what, ours, args.size)
    try:
        build(ours, profile)
    finally:
        if edit is not None:
            edit.restore()
    stats = pstats.Stats(str(profile))
    print(f"N={args.size:,}, {args.what}, on one CPU: {profile}")
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
