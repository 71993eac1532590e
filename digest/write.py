"""Put a rendered site into the output folder without ever leaving it half-built.

Two phases. Staging: each rendered file whose bytes differ from what is in
the output folder is written to a hidden staging folder beside it; if
anything fails here, the output folder has not been touched. Commit: staged
files are renamed into place (each rename atomic), then files that the new
build no longer has are removed. Unchanged files are never rewritten, so
their modification times stay put for rsync and GitHub Pages.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable


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
            if not self.keep - set(self.staged) and _empty_or_missing(self.out_dir):
                # A first build: the staging folder is the new site, moved in one rename.
                self.out_dir.parent.mkdir(parents=True, exist_ok=True)
                if self.out_dir.exists():
                    self.out_dir.rmdir()
                if self.stage.exists():
                    os.replace(self.stage, self.out_dir)
                else:
                    self.out_dir.mkdir()
                self.report.written = len(self.staged)
                return self.report
            for rel in self.staged:  # only renames and deletes from here on
                (self.out_dir / rel).parent.mkdir(parents=True, exist_ok=True)
                os.replace(self.stage / rel, self.out_dir / rel)
            self.report.written = len(self.staged)
            if previous_files is None:
                self.report.removed = _remove_stale(self.out_dir, self.keep)
            else:
                self.report.removed = _remove_files(self.out_dir, previous_files - self.keep)
        finally:
            self.discard()
        return self.report

    def discard(self) -> None:
        shutil.rmtree(self.stage, ignore_errors=True)


def begin_stage(out_dir: Path, keep: Iterable[str] = ()) -> StagedSite:
    """An empty staging folder beside `out_dir`; files in `keep` stay as they are."""
    out_dir = Path(out_dir)
    stage = staging_dir(out_dir)
    shutil.rmtree(stage, ignore_errors=True)  # left over from an interrupted build
    keep = set(keep)
    return StagedSite(out_dir, stage, keep, [], WriteReport(unchanged=len(keep)))


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


def _remove_stale(out_dir: Path, keep: set[str]) -> int:
    """Delete files (and then empty folders) the current build did not produce."""
    removed, root = 0, str(out_dir)
    for folder, dirs, files in os.walk(root, topdown=False):
        prefix = folder[len(root) + 1:].replace(os.sep, "/") + "/" if folder != root else ""
        for name in files:
            if prefix + name not in keep:
                os.unlink(os.path.join(folder, name))
                removed += 1
        if folder != str(out_dir) and not os.listdir(folder):
            os.rmdir(folder)
    return removed
