"""One writer at a time per output folder.

Two builds into one folder (a preview and a `build --drafts` in another
terminal, or two previews) would stage into the same folder and each commit
half of it. So a build holds a lock while it writes: a hidden file beside the
output folder, locked with the operating system's advisory lock (flock on
Linux and macOS, msvcrt.locking on Windows), which is released when the
process ends however it ends: a crashed build never leaves the folder locked.
The file holds who has it (process id, command, since when), so that the
other writer can be named. Like cargo's build lock, a second writer waits
(saying for whom) rather than failing at once: the preview holds the lock
only while it rebuilds, so the wait is short; after WAIT_SECONDS it gives up.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from digest.i18n import _

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt


WAIT_SECONDS = 60.0


class FolderBusy(Exception):
    """Another process is writing the output folder; its text names that process."""


def lock_path(out_dir: Path) -> Path:
    out_dir = out_dir.resolve()  # two names of one folder share its lock
    return out_dir.parent / f".{out_dir.name}.lock"


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        return True
    except OSError:
        return False


def _holder(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip() or _("another process")
    except OSError:
        return _("another process")


@contextmanager
def writing(out_dir: Path, waiting=lambda holder: None) -> Iterator[None]:
    """Hold the output folder's lock; while another process holds it, call
    `waiting` once with its name and wait, up to WAIT_SECONDS, then raise FolderBusy."""
    path = lock_path(out_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline, told = time.monotonic() + WAIT_SECONDS, False
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            os.close(fd)
            if time.monotonic() >= deadline:
                raise FolderBusy(_holder(path))
            if not told:
                waiting(_holder(path))
                told = True
            time.sleep(0.05)
            continue
        try:  # the holder before us may have removed the file we locked: lock the new one
            if os.name != "nt" and os.fstat(fd).st_ino != os.stat(path).st_ino:
                os.close(fd)
                continue
        except FileNotFoundError:
            os.close(fd)
            continue
        break
    try:
        since = dt.datetime.now().strftime("%H:%M:%S")
        command = " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]) if sys.argv else "python"
        os.ftruncate(fd, 0)
        os.write(fd, _("process {pid} ({command}), since {since}").format(
            pid=os.getpid(), command=command, since=since).encode("utf-8"))
        yield
    finally:
        if os.name != "nt":  # remove it while still locked: no folder is left with debris
            try:
                os.unlink(path)
            except OSError:
                pass
        os.close(fd)
