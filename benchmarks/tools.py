"""The four tools the benchmark runs, how each is run, and the edits it makes.

| tool    | cold build                                   | rebuild (no change, one edit)      |
|---------|----------------------------------------------|------------------------------------|
| ours    | rm site/ .cache/ .site.staging/, then        | the same command again             |
|         | `python build.py --config config.yaml`       |                                    |
| pelican | rm out/ cache/, then `python -m pelican      | the same without --ignore-cache    |
|         | content -o out -s pelicanconf.py -q          | (its content cache is on)          |
|         | --ignore-cache`                              |                                    |
| hugo    | rm public/ resources/, then `hugo --quiet`   | the same command again             |
| floor   | `python benchmarks/floor.py` (empties its    | (cold only)                        |
|         | output folder first)                         |                                    |

Every command runs in the tool's own folder under benchmarks/work/n<N>/.
Ours and Hugo also have a preview server (`serve_command`), measured by
measure.save_to_reload: `python build.py serve` and `hugo server` (from
memory, as Hugo serves by default; fast render on or off).
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import venv
from dataclasses import dataclass, field
from pathlib import Path

import convert
from measure import Measure, tail, timed

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


@dataclass
class Result:
    """One tool at one N: every measurement of every run."""

    tool: str
    n: int
    status: str = "ok"                  # or "missing: why", "failed: why"
    seconds: dict[str, list[float]] = field(default_factory=dict)  # measurement -> per run
    cpu: dict[str, list[float]] = field(default_factory=dict)      # CPU seconds, likewise
    rss_mb: list[float] = field(default_factory=list)    # per run: peak over its builds
    tree_mb: list[float] = field(default_factory=list)
    pages: int | None = None            # HTML files after a cold build
    out_bytes: int | None = None        # bytes of all files after a cold build
    # save-to-reload, per kind of edit (benchmarks/edits.py), per edit
    reload_ms: dict[str, list[float]] = field(default_factory=dict)
    reload_logged_ms: dict[str, list[float]] = field(default_factory=dict)  # the server's own log

    def record(self, what: str, m: Measure, run: int) -> bool:
        """Keep a measurement; on failure mark the result failed and return False."""
        if not m.ok:
            self.status = f"failed: {what} exited with {m.code} — see {m.log}: {tail(m.log, 3)}"
            return False
        self.seconds.setdefault(what, []).append(m.seconds)
        self.cpu.setdefault(what, []).append(m.cpu)
        while len(self.rss_mb) <= run:
            self.rss_mb.append(0.0)
            self.tree_mb.append(0.0)
        self.rss_mb[run] = max(self.rss_mb[run], m.rss_mb)
        self.tree_mb[run] = max(self.tree_mb[run], m.tree_mb)
        return True

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def output_stats(folder: Path) -> tuple[int, int]:
    """(HTML files, bytes of all files) under `folder`."""
    pages = size = 0
    for path in folder.rglob("*"):
        if path.is_file():
            size += path.stat().st_size
            pages += path.suffix == ".html"
    return pages, size


def _remove(*paths: Path) -> None:
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


class Tool:
    name = ""
    output = ""          # the output folder, relative to `root`

    def __init__(self, root: Path, logs: Path):
        self.root, self.log = root, logs / f"{self.name}.log"

    def clean(self) -> None:
        raise NotImplementedError

    def command(self, cold: bool) -> list[str]:
        raise NotImplementedError

    def cold(self) -> Measure:
        self.clean()
        return timed(self.command(cold=True), self.root, self.log)

    def rebuild(self) -> Measure:
        return timed(self.command(cold=False), self.root, self.log)

    def stats(self) -> tuple[int, int]:
        return output_stats(self.root / self.output)


class Ours(Tool):
    name, output = "ours", "site"

    def clean(self) -> None:
        _remove(self.root / "site", self.root / ".cache", self.root / ".site.staging")

    def command(self, cold: bool) -> list[str]:
        return [sys.executable, str(REPO / "build.py"), "--config", "config.yaml"]

    # what `serve` prints after each rebuild; its group is the rebuild's milliseconds
    logged_rebuild = r"Rebuilt \d+ page\(s\) in (\d+) ms"

    def serve_command(self) -> list[str]:
        # --lang en: its log is read for "Rebuilt N page(s) in M ms"
        return [sys.executable, str(REPO / "build.py"), "serve", "--config", "config.yaml",
                "--lang", "en", "--port", "{port}"]

    def served_page(self, a) -> str:
        """The address of `a`'s page on the preview server (its folder, as Hugo's)."""
        return f"bai-viet/{a.slug}/"

    def template_file(self) -> Path:
        return self.root / "templates" / "article.html"

    @staticmethod
    def shown_number(value: int) -> str:
        return f"{value:,}".replace(",", ".")      # Vietnamese: 97.531

    @staticmethod
    def province_link(name: str) -> str:
        """What the article page shows of its province (the breadcrumb's link)."""
        return f'/index.html">{html.escape(name)}</a>'

    def article(self, a) -> Path:
        """The file of `a` (a generate.Article) in this tool's content."""
        return self.root / "content" / a.path


class Pelican(Tool):
    name, output = "pelican", "out"

    def __init__(self, root: Path, logs: Path, python: str):
        super().__init__(root, logs)
        self.python = python

    def clean(self) -> None:
        _remove(self.root / "out", self.root / "cache")

    def command(self, cold: bool) -> list[str]:
        cmd = [self.python, "-m", "pelican", "content", "-o", "out", "-s", "pelicanconf.py", "-q"]
        return cmd + ["--ignore-cache"] if cold else cmd

    def article(self, a) -> Path:
        return convert.pelican_path(self.root, a.slug)


class Hugo(Tool):
    name, output = "hugo", "public"

    def clean(self) -> None:
        _remove(self.root / "public", self.root / "resources", self.root / ".hugo_build.lock")

    # what `hugo server` prints after each rebuild ("Total in 28 ms")
    logged_rebuild = r"Total in (\d+) ms"

    def command(self, cold: bool) -> list[str]:
        return ["hugo", "--quiet"]

    def serve_command(self, fast_render: bool) -> list[str]:
        """`hugo server` as a user runs it: pages served from memory, live reload on.

        Live reload only adds a script tag to each page and a socket no one
        connects to (ours does the same); fast render re-renders only the
        changed pages and those requested since the server started.
        """
        cmd = ["hugo", "server", "--bind", "127.0.0.1", "--port", "{port}"]
        return cmd if fast_render else cmd + ["--disableFastRender"]

    def served_page(self, a) -> str:
        return f"posts/{a.slug}/"

    def template_file(self) -> Path:
        return self.root / "layouts" / "_default" / "single.html"

    @staticmethod
    def shown_number(value: int) -> str:
        return str(value)

    @staticmethod
    def province_link(name: str) -> str:
        """What the article page shows of its province (layouts/_default/single.html)."""
        return f'>{html.escape(name)}</a></dd>'

    def article(self, a) -> Path:
        return convert.hugo_path(self.root, a.slug)


class Floor(Tool):
    name, output = "floor", "floor-site"

    def clean(self) -> None:
        _remove(self.root / "floor-site")

    def command(self, cold: bool) -> list[str]:
        return [sys.executable, str(HERE / "floor.py"), "--config", "ours/config.yaml",
                "--out", "floor-site"]


# --- availability ----------------------------------------------------------------

def _can_import(python: str, *modules: str) -> bool:
    code = "import " + ", ".join(modules)
    return subprocess.run([python, "-c", code], capture_output=True).returncode == 0


def find_pelican(work: Path) -> tuple[str | None, str]:
    """(the Python that runs Pelican, or None; how it was found or why it is missing).

    The current interpreter if it has pelican and markdown; else a virtualenv
    in benchmarks/work/venv-pelican, made and filled with pip on first use.
    (Installing into the current environment is avoided: Pelican 4.12 needs
    docutils >= 0.22, which breaks other tools that pin it lower.)
    """
    if _can_import(sys.executable, "pelican", "markdown"):
        return sys.executable, "the current environment"
    home = work / "venv-pelican"
    python = str(home / "bin" / "python")
    if Path(python).exists() and _can_import(python, "pelican", "markdown"):
        return python, f"{home}"
    try:
        venv.create(home, with_pip=True, clear=True)
    except Exception as err:  # noqa: BLE001 — any failure means "missing", with the reason
        return None, f"missing: cannot create a virtualenv in {home}: {err}"
    print(f"Installing pelican and markdown into {home} …", flush=True)
    done = subprocess.run([python, "-m", "pip", "install", "--quiet", "pelican", "markdown"],
                          capture_output=True, text=True)
    if done.returncode != 0 or not _can_import(python, "pelican", "markdown"):
        why = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["unknown error"]
        return None, f"missing: pip install pelican markdown failed: {why[0]}"
    return python, f"{home}"


def find_hugo() -> tuple[str | None, str]:
    hugo = shutil.which("hugo")
    if hugo is None:
        return None, "missing: `hugo` is not on PATH (Debian: apt-get install hugo)"
    return hugo, hugo
