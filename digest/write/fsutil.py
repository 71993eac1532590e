"""Writing files so that a crash or Ctrl-C never leaves half a file behind."""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it: put it straight back
    os.umask(mask)
    return mask


def _write_temp(path: Path, data: bytes | str) -> str:
    """Write `data` to a new hidden temporary file beside `path`; return its name.

    mkstemp makes the file private (0600); it gets the mode any editor's new
    file would (the user's umask, 0644 usually), or the mode of the file it replaces.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        try:
            mode = os.stat(path).st_mode & 0o7777
        except OSError:
            mode = 0o666 & ~_umask()
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def atomic_write(path: str | os.PathLike, data: bytes | str) -> None:
    """Replace `path` with `data` in one step: readers see the old file or the new one."""
    tmp = _write_temp(Path(path), data)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_new(path: str | os.PathLike, data: bytes | str) -> bool:
    """Atomically create `path` only if it does not exist yet; False if it does.

    For files an editor may own: we never overwrite their work, even if they
    create the same file while we write.
    """
    tmp = _write_temp(Path(path), data)
    try:
        os.link(tmp, path)  # unlike rename, link refuses to replace an existing file
        return True
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links (FAT, some network drives)
        return _create_exclusive(Path(path), Path(tmp).read_bytes())
    finally:
        Path(tmp).unlink(missing_ok=True)


def _create_exclusive(path: Path, data: bytes) -> bool:
    """Create `path` only if it does not exist (O_EXCL); False if it does. Not
    atomic for readers, but it never replaces anyone's file."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return True


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Ctrl-C (SIGINT) and SIGTERM wait until the block is done, then act: the
    renames that move a built site into place are never left half done (the
    preview ends its finishing build with SIGTERM the moment a save comes).
    Only the main thread may set handlers; elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []
    waiting = (signal.SIGINT, signal.SIGTERM)
    before = {number: signal.signal(number, lambda number, _frame: came.append(number))
              for number in waiting}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        for number in dict.fromkeys(came):  # now it may end the process
            signal.raise_signal(number)
