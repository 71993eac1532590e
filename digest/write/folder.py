"""Put a rendered site into the output folder without ever leaving it half-built.

Two phases. Staging: each rendered file whose bytes differ from what is in
the output folder is written to a hidden staging folder beside it; if
anything fails here, the output folder has not been touched. Commit: staged
files are renamed into place (each rename atomic), then files that the new
build no longer has are removed. Unchanged files are never rewritten, so
their modification times stay put for rsync and GitHub Pages.

The output folder is the build's, and only the build's: `output_problem`
refuses a folder that holds the project or files the build did not make, and
what the user keeps there (`.git` of a gh-pages worktree, `CNAME`, the
config's `keep:` list) is never removed.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

# The file that says "the build made this folder": a build writes into a
# non-empty folder only when it is there. Hidden, never linked or listed.
MARKER = ".digest-output"
MARKER_TEXT = ("This folder is written by build.py: every build replaces its files.\n"
               "Delete this file and the build will refuse to write here.\n")
ALWAYS_KEPT = (".git", "CNAME", MARKER)  # never removed, on any build


@dataclass
class WriteReport:
    written: int = 0      # new or changed files
    unchanged: int = 0
    removed: int = 0
    bytes_written: int = 0


def staging_dir(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.staging"


@dataclass
class StagedSite:
    """A build waiting in the staging folder; `commit` puts it in place.

    Files are added with `add` (in this process or in a forked worker, which
    reports back through `record`); `keep` are files that stay as they are.
    """

    out_dir: Path
    stage: Path
    keep: set[str] = field(default_factory=set)
    staged: list[str] = field(default_factory=list)
    report: WriteReport = field(default_factory=WriteReport)
    kept_patterns: tuple[str, ...] = ALWAYS_KEPT  # files of the user's, never removed

    def add(self, rel: str, data: bytes) -> int | None:
        """Stage `data` as `rel` unless the output already holds those bytes.

        Returns the number of bytes staged, or None when the file is unchanged.
        """
        if _same_bytes(self.out_dir / rel, data):
            return None
        staged_file = self.stage / rel
        staged_file.parent.mkdir(parents=True, exist_ok=True)
        staged_file.write_bytes(data)
        return len(data)

    def record(self, rel: str, staged_bytes: int | None) -> None:
        self.keep.add(rel)
        if staged_bytes is None:
            self.report.unchanged += 1
        else:
            self.staged.append(rel)
            self.report.bytes_written += staged_bytes

    def add_all(self, files: Iterable[tuple[str, bytes]]) -> None:
        for rel, data in files:
            self.record(rel, self.add(rel, data))

    def commit(self, previous_files: set[str] | None = None) -> WriteReport:
        """Move the staged files into place and remove what the site no longer has.

        `previous_files` is what the last build wrote, when that is known: then
        only those are candidates for removal, instead of walking the folder.
        """
        try:
            if not self.keep - set(self.staged) and _empty_or_missing(self.out_dir) \
                    and not self.out_dir.is_symlink():
                # A first build: the staging folder is the new site, moved in one rename.
                self.out_dir.parent.mkdir(parents=True, exist_ok=True)
                if self.out_dir.exists():
                    self.out_dir.rmdir()
                if self.stage.exists():
                    os.replace(self.stage, self.out_dir)
                else:
                    self.out_dir.mkdir()
                self.report.written = len(self.staged)
                _mark(self.out_dir)
                return self.report
            for rel in self.staged:  # only renames and deletes from here on
                (self.out_dir / rel).parent.mkdir(parents=True, exist_ok=True)
                os.replace(self.stage / rel, self.out_dir / rel)
            self.report.written = len(self.staged)
            if previous_files is None:
                self.report.removed = _remove_stale(self.out_dir, self.keep, self.kept_patterns)
            else:
                stale = {rel for rel in previous_files - self.keep
                         if not _kept(rel, self.kept_patterns)}
                self.report.removed = _remove_files(self.out_dir, stale)
            _mark(self.out_dir)
        finally:
            self.discard()
        return self.report

    def discard(self) -> None:
        shutil.rmtree(self.stage, ignore_errors=True)


def begin_stage(out_dir: Path, keep: Iterable[str] = (),
                kept_patterns: Iterable[str] = ()) -> StagedSite:
    """An empty staging folder beside `out_dir`; files in `keep` stay as they are,
    and so do the user's files that match `kept_patterns` (or ALWAYS_KEPT)."""
    out_dir = Path(out_dir)
    if out_dir.is_symlink():  # stage beside the real folder: renames stay on its disk
        out_dir = out_dir.resolve()
    stage = staging_dir(out_dir)
    shutil.rmtree(stage, ignore_errors=True)  # left over from an interrupted build
    keep = set(keep)
    return StagedSite(out_dir, stage, keep, [], WriteReport(unchanged=len(keep)),
                      ALWAYS_KEPT + tuple(kept_patterns))


def _mark(out_dir: Path) -> None:
    marker = out_dir / MARKER
    if not marker.exists():
        marker.write_text(MARKER_TEXT, encoding="utf-8")


def _kept(rel: str, patterns: tuple[str, ...]) -> bool:
    """A path the user keeps: it, or a folder it is in, matches a pattern."""
    parts = rel.split("/")
    prefixes = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    return any(fnmatch.fnmatchcase(prefix, pattern)
               for prefix in prefixes for pattern in patterns)


def output_problem(out_dir: Path, project: Path, sources: dict[str, Path],
                   known: bool) -> str | None:
    """Why the build must not write into `out_dir`, or None if it may.

    `sources` are the folders and files the build reads (content, templates,
    seeds, the config file); `known` says the build cache remembers writing
    this folder (a site made before folders were marked).
    """
    out = out_dir.resolve()
    if out == project.resolve():
        return ("is the project folder itself — the build replaces everything in its "
                "output folder; choose a folder of its own, such as site")
    for name, path in sources.items():
        path = path.resolve()
        if out == path or out in path.parents:
            return (f"holds the {name} ({path}) — the build replaces everything in its "
                    "output folder; choose a folder of its own, such as site")
        if path in out.parents:
            return (f"is inside the {name} ({path}) — choose a folder outside it, such as site")
    if out.is_dir() and not (out / MARKER).exists() and not known \
            and not _empty_or_missing(out) and not _older_build_of_ours(out):
        return (f"is not empty and was not made by this build — the build would replace its "
                f"files. Choose an empty or new folder; or, if it is an old copy of this "
                f"site, delete it or create an empty file named {MARKER} in it to let the "
                "build manage it")
    return None


def _older_build_of_ours(folder: Path) -> bool:
    """A site written before folders were marked: it has the files every build writes."""
    return all((folder / rel).is_file() for rel in (".nojekyll", "index.html", "404.html",
                                                   "du-lieu/digest.json"))


def _empty_or_missing(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is None
    except FileNotFoundError:
        return True


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _remove_files(out_dir: Path, rels: set[str]) -> int:
    """Delete these files, and the folders they leave empty."""
    for rel in rels:
        path = out_dir / rel
        path.unlink(missing_ok=True)
        for folder in path.parents:
            if folder == out_dir or any(folder.iterdir()):
                break
            folder.rmdir()
    return len(rels)


def _remove_stale(out_dir: Path, keep: set[str], kept_patterns: tuple[str, ...],
                  prefix: str = "") -> int:
    """Delete files (and then empty folders) the current build did not produce,
    but never the user's (`kept_patterns`), nor anything in a folder they keep."""
    removed = 0
    with os.scandir(out_dir) as entries:
        for entry in list(entries):
            rel = prefix + entry.name
            if rel in keep or _kept(rel, kept_patterns):
                continue
            if entry.is_dir(follow_symlinks=False):
                removed += _remove_stale(Path(entry.path), keep, kept_patterns, rel + "/")
                if not os.listdir(entry.path):
                    os.rmdir(entry.path)
            else:
                os.unlink(entry.path)
                removed += 1
    return removed
