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
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable


@dataclass
class WriteReport:
    written: int = 0      # new or changed files
    unchanged: int = 0
    removed: int = 0
    bytes_written: int = 0

    @property
    def total(self) -> int:
        return self.written + self.unchanged


def staging_dir(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.staging"


@dataclass
class StagedSite:
    """A build waiting in the staging folder; `commit` puts it in place."""

    out_dir: Path
    stage: Path
    keep: set[str]
    staged: list[str]
    report: WriteReport

    def commit(self) -> WriteReport:
        try:
            for rel in self.staged:  # only renames and deletes from here on
                (self.out_dir / rel).parent.mkdir(parents=True, exist_ok=True)
                os.replace(self.stage / rel, self.out_dir / rel)
            self.report.written = len(self.staged)
            self.report.removed = _remove_stale(self.out_dir, self.keep)
        finally:
            self.discard()
        return self.report

    def discard(self) -> None:
        shutil.rmtree(self.stage, ignore_errors=True)


def stage_site(files: Iterable[tuple[str, bytes]], out_dir: Path,
               keep: Iterable[str] = ()) -> StagedSite:
    """Stage the files (site-relative path -> bytes) that differ from `out_dir`.

    Files named in `keep` are part of the new site as they already are.
    `out_dir` itself is not touched; on any error the staging folder is removed.
    """
    out_dir = Path(out_dir)
    stage = staging_dir(out_dir)
    shutil.rmtree(stage, ignore_errors=True)  # left over from an interrupted build
    staged_site = StagedSite(out_dir, stage, set(keep), [], WriteReport(unchanged=len(set(keep))))
    try:
        for rel, data in files:
            staged_site.keep.add(rel)
            if _same_bytes(out_dir / rel, data):
                staged_site.report.unchanged += 1
                continue
            staged_file = stage / rel
            staged_file.parent.mkdir(parents=True, exist_ok=True)
            staged_file.write_bytes(data)
            staged_site.staged.append(rel)
            staged_site.report.bytes_written += len(data)
    except BaseException:
        staged_site.discard()
        raise
    return staged_site


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _remove_stale(out_dir: Path, keep: set[str]) -> int:
    """Delete files (and then empty folders) the current build did not produce."""
    removed = 0
    for path in sorted(out_dir.rglob("*"), reverse=True):  # children before parents
        rel = path.relative_to(out_dir).as_posix()
        if path.is_dir() and not path.is_symlink():
            if not any(path.iterdir()):
                path.rmdir()
        elif rel not in keep:
            path.unlink()
            removed += 1
    return removed
