"""What the preview watches: the folders and the config file config.yaml names,
followed when it moves them, and the port it listens on."""

from __future__ import annotations

import errno
import os
import socket
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from digest.config import Config
from digest.i18n import _


class Watcher(FileSystemEventHandler):
    """Collects the paths the operating system reports as changed (watchdog:
    inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows), so
    a save is seen at once and nothing is polled while nobody types."""

    def __init__(self, folders: list[Path], files: list[Path], ignore: list[Path]):
        super().__init__()
        self.files = {os.path.abspath(f) for f in files}
        self.folders = [os.path.abspath(f) + os.sep for f in folders]
        self.ignore = [os.path.abspath(p) + os.sep for p in ignore]
        self.changed: set[str] = set()
        self.last_event = 0.0
        self.lock = threading.Lock()
        self.observer = Observer()
        for folder in folders:
            if folder.is_dir():
                self.observer.schedule(self, str(folder), recursive=True)
        for parent in {os.path.dirname(f) for f in self.files}:
            self.observer.schedule(self, parent, recursive=False)
        self.observer.daemon = True
        self.observer.start()

    def on_any_event(self, event) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return  # reading a file changes nothing
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if path and self._relevant(os.path.abspath(path)):
                with self.lock:
                    self.changed.add(path)
                    self.last_event = time.monotonic()

    def _relevant(self, path: str) -> bool:
        if os.path.basename(path).startswith(".") or any(path.startswith(i) for i in self.ignore):
            return False  # editors' swap files, our own temporary files, the output
        return path in self.files or any(path.startswith(f) for f in self.folders)

    def has_changes(self) -> bool:
        """A change has been reported and not yet taken."""
        with self.lock:
            return bool(self.changed)

    def settled_changes(self, quiet: float = 0.02) -> list[str]:
        """The changed paths, once no event has come for `quiet` seconds
        (one save is often several events: write, rename, chmod)."""
        with self.lock:
            if not self.changed or time.monotonic() - self.last_event < quiet:
                return []
            changed, self.changed = sorted(self.changed), set()
        return changed


def free_port(host: str, port: int, tries: int = 20) -> int:
    """`port` if it is free, else the next free one."""
    for candidate in range(port, port + tries):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
            try:
                sock.bind((host, candidate))
                return candidate
            except OSError as err:
                if err.errno != errno.EADDRINUSE:
                    raise
    raise OSError(_("no free port between {first} and {last}").format(first=port,
                                                                       last=port + tries - 1))


# The folders config.yaml may move: the preview watches the first three and serves the last.
FOLDERS = ("content_dir", "seeds_dir", "templates_dir", "output_dir")


def folders(config: Config) -> dict[str, Path]:
    return {name: config.path(name) for name in FOLDERS}


def watch(config: Config, config_path: Path) -> Watcher:
    """A watcher of the folders `config` names, and of the config file."""
    return Watcher([config.path(name) for name in FOLDERS[:3]], [Path(config_path)],
                   ignore=[config.path("output_dir"), config.root / ".cache"])


def rewatch(old: Watcher, config: Config, config_path: Path) -> Watcher:
    """A watcher of the folders config.yaml names now, in place of `old`."""
    new = watch(config, config_path)
    with old.lock:  # saved while the build ran: the next poll still sees them
        new.changed |= old.changed
        new.last_event = old.last_event
    old.observer.stop()
    return new


def moved_message(before: dict[str, Path], after: dict[str, Path], root: Path) -> str:
    moves = ", ".join(f"{name} {project_path(before[name], root)} → "
                      f"{project_path(after[name], root)}"
                      for name in FOLDERS if before[name] != after[name])
    return _("config.yaml moved folders ({moves}) — the preview now watches the new ones, and "
             "serves the new output folder from its first good build; nothing to restart.").format(
                 moves=moves)


def project_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
