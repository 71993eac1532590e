"""Put a rendered site into the output folder without ever leaving it half-built.

Two phases. Staging: each rendered file whose bytes differ from what is in
the output folder is written to a hidden staging folder beside it; if
anything fails here, the output folder has not been touched. Commit: staged
files are renamed into place (each rename atomic), then files that the new
build no longer has are removed; if any step fails, the old files, set aside
as it went, are put back. Unchanged files are never rewritten, so their
modification times stay put for rsync and GitHub Pages.

The output folder is the build's, and only the build's: `output_problem`
refuses a folder that holds the project or files the build did not make, and
what the user keeps there (`.git` of a gh-pages worktree, `CNAME`, the
config's `keep:` patterns, see kept.py) is never removed. Its marker file
names the build that wrote it last, so a build cache's record of another
build (another process, another copy of .cache) is never trusted.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from digest.i18n import _
from digest.write.fsutil import uninterrupted
from digest.write.kept import ALWAYS_KEPT, MARKER, WRITTEN_LIST, is_kept

MARKER_TEXT = ("This folder is written by build.py: every build replaces its files.\n"
               "Delete this file and the build will refuse to write here.\n")
BUILD_LINE = "build: "  # then the marker names what the folder holds (see commit)


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

    def commit(self, build_id: str, previous_files: set[str] | None = None) -> WriteReport:
        """Move the staged files into place and remove what the site no longer has.

        Only the files the last build wrote are removed: `previous_files` when the
        caller knows them, else the marker's list; a folder adopted with an empty
        marker is walked instead.
        `build_id` names what the folder then holds (the marker says it), so that
        a record of another build is never taken for this one.
        All or nothing: if a step fails (a full disk, a folder that cannot be
        written), the files already moved are put back and WriteFailed says
        which file failed and why.
        """
        try:
            # The list of every file the build wrote (only those are ever removed, with
            # or without .cache/), then the marker, moved in last.
            own = {MARKER: MARKER_TEXT + BUILD_LINE + build_id + "\n"}
            if previous_files != self.keep or not (self.out_dir / WRITTEN_LIST).exists():
                # (the list changes only with the set of files, not at each save)
                own = {WRITTEN_LIST: "".join(f"{name}\n" for name in sorted(self.keep)), **own}
            own = [name for name, text in own.items() if self.add(name, text.encode()) is not None]
            if not self.keep - set(self.staged) and _empty_or_missing(self.out_dir) \
                    and not self.out_dir.is_symlink():
                # A first build: the staging folder is the new site, moved in one rename.
                try:
                    self.out_dir.parent.mkdir(parents=True, exist_ok=True)
                    if self.out_dir.exists():
                        self.out_dir.rmdir()
                    os.replace(self.stage, self.out_dir)
                except OSError as err:
                    raise WriteFailed(self.out_dir, "", err, []) from None
                self.report.written = len(self.staged)
                return self.report
            if previous_files is None:
                previous_files = written_files(self.out_dir)
            if previous_files is None:  # a folder adopted with an empty marker: walk it
                stale = _stale_files(self.out_dir, self.keep, self.kept_patterns)
            else:
                stale = sorted(rel for rel in previous_files - self.keep
                               if not is_kept(rel, self.kept_patterns))
            undo = _Undo(self.out_dir, self.stage / ".old")  # removed with the staging folder
            with uninterrupted():  # a Ctrl-C waits for the site to be whole
                try:
                    for rel in self.staged + own:  # only renames and deletes from here on
                        undo.replace(self.stage / rel, rel)
                    for rel in stale:
                        undo.remove(rel)
                except OSError as err:
                    raise WriteFailed(self.out_dir, undo.current, err, undo.put_back()) from None
                _remove_empty_folders(self.out_dir, stale)
            if previous_files is None:
                _prune_empty_folders(self.out_dir, self.kept_patterns)
            self.report.written = len(self.staged)
            self.report.removed = len(stale)
        finally:
            self.discard()
        return self.report

    def discard(self) -> None:
        shutil.rmtree(self.stage, ignore_errors=True)


class WriteFailed(Exception):
    """A file of the output folder could not be written or removed: which one, why,
    and the files that could not be put back as they were (none, normally)."""

    def __init__(self, out_dir: Path, rel: str, err: OSError, left: list[str]):
        self.path = (out_dir / rel) if rel else out_dir
        self.reason, self.left = err.strerror or str(err), left
        super().__init__(f"{self.path}: {self.reason}")


class _Undo:
    """Each old file is set aside (hard-linked, so readers never miss it) before
    the new one moves in; `put_back` restores them all in reverse order. The
    folder of old files is flat (one number a file): no folders to make."""

    def __init__(self, out_dir: Path, aside: Path):
        self.out_dir, self.aside = out_dir, aside
        self.done: list[tuple[str, str | None]] = []  # (file, where its old one is, if any)
        self.current = ""                              # the file being changed
        self.made = False                              # the folder of old files, made when needed

    def _set_aside(self, rel: str, move: bool) -> str | None:
        if not self.made:
            self.aside.mkdir(parents=True, exist_ok=True)
            self.made = True
        target, kept = self.out_dir / rel, str(self.aside / str(len(self.done)))
        if move:
            try:
                os.replace(target, kept)
            except FileNotFoundError:
                return None
            return kept
        try:
            os.link(target, kept, follow_symlinks=False)
        except FileNotFoundError:
            return None
        except OSError:  # a file system without hard links: a copy will do
            if not os.path.lexists(target):
                return None
            shutil.copy2(target, kept, follow_symlinks=False)
        return kept

    def replace(self, new: Path, rel: str) -> None:
        self.current = rel
        old = self._set_aside(rel, move=False)
        try:
            os.replace(new, self.out_dir / rel)
        except FileNotFoundError:  # a new folder
            (self.out_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(new, self.out_dir / rel)
        self.done.append((rel, old))

    def remove(self, rel: str) -> None:
        self.current = rel
        old = self._set_aside(rel, move=True)
        if old is not None:
            self.done.append((rel, old))

    def put_back(self) -> list[str]:
        """Undo every change; the files that could not be restored."""
        left = []
        for rel, old in reversed(self.done):
            try:
                if old is not None:
                    os.replace(old, self.out_dir / rel)
                else:
                    (self.out_dir / rel).unlink(missing_ok=True)
            except OSError:
                left.append(rel)
        return left



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


def last_build_id(out_dir: Path) -> str | None:
    """Which build last wrote `out_dir` (its marker's build line), or None."""
    try:
        with open(out_dir / MARKER, "rb") as handle:
            head = handle.read(1024).decode("utf-8", "replace")
    except OSError:
        return None
    line = next((ln for ln in head.splitlines() if ln.startswith(BUILD_LINE)), None)
    return line[len(BUILD_LINE):] if line else None


def written_files(out_dir: Path) -> set[str] | None:
    """The files the last build wrote into `out_dir`, as it listed them; None for
    a folder adopted with an empty marker made by hand (whatever list it holds)."""
    if last_build_id(out_dir) is None:
        return None
    try:
        return set((out_dir / WRITTEN_LIST).read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return None


def output_problem(out_dir: Path, project: Path, sources: dict[str, Path]) -> str | None:
    """Why the build must not write into `out_dir`, or None if it may.

    `sources` are the folders and files the build reads (content, templates,
    seeds, the config file). Only the marker says a folder is the build's:
    not the cache, which remembers folders that may since have been replaced.
    """
    out = out_dir.resolve()
    if out == project.resolve():
        return _("is the project folder itself — the build replaces everything in its "
                 "output folder; choose a folder of its own, such as site")
    for name, path in sources.items():
        path = path.resolve()
        if out == path or out in path.parents:
            return _("holds the {name} ({path}) — the build replaces everything in its "
                     "output folder; choose a folder of its own, such as site").format(
                         name=name, path=path)
        if path in out.parents:
            return _("is inside the {name} ({path}) — choose a folder outside it, such as "
                     "site").format(name=name, path=path)
    not_folder = next((p for p in (out, *out.parents) if p.exists() and not p.is_dir()), None)
    if not_folder is not None:
        return _("cannot be made: {file} is a file, not a folder — choose a folder, such as "
                 "site").format(file=not_folder)
    if out.is_dir() and not (out / MARKER).exists() and not _empty_or_missing(out):
        return _("is not empty and was not made by this build — the build would replace its "
                 "files. Choose an empty or new folder; or, if it is an old copy of this site, "
                 "delete it or create an empty file named {marker} in it to let the build "
                 "manage it").format(marker=MARKER)
    return None


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


def _stale_files(out_dir: Path, keep: set[str], kept_patterns: tuple[str, ...],
                 prefix: str = "") -> list[str]:
    """The files the current build did not produce, but never the user's
    (`kept_patterns`), nor anything in a folder they keep."""
    stale = []
    with os.scandir(out_dir) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            rel = prefix + entry.name
            if rel in keep or is_kept(rel, kept_patterns):
                continue
            if entry.is_dir(follow_symlinks=False):
                stale += _stale_files(Path(entry.path), keep, kept_patterns, rel + "/")
            else:
                stale.append(rel)
    return stale


def _remove_empty_folders(out_dir: Path, removed: list[str]) -> None:
    """The folders that removing these files left empty (and empty folders the
    walk found: a stale folder holds no file)."""
    for rel in removed:
        for folder in (out_dir / rel).parents:
            if folder == out_dir or not folder.is_dir() or any(folder.iterdir()):
                break
            folder.rmdir()


def _prune_empty_folders(folder: Path, kept_patterns: tuple[str, ...], prefix: str = "") -> None:
    """After a walk: remove the empty folders the site does not have (not the user's)."""
    with os.scandir(folder) as entries:
        for entry in list(entries):
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False) and not is_kept(rel, kept_patterns):
                _prune_empty_folders(Path(entry.path), kept_patterns, rel + "/")
                if not os.listdir(entry.path):
                    os.rmdir(entry.path)
