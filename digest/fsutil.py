"""Writing files so that a crash or Ctrl-C never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _write_temp(path: Path, data: bytes | str) -> str:
    """Write `data` to a new hidden temporary file beside `path`; return its name."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
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
    finally:
        Path(tmp).unlink(missing_ok=True)
