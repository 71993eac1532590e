"""Timing a command, its peak memory, and save-to-reload in a preview server.

Each measurement is a fresh child process:

- seconds: wall clock from spawning the child to reaping it;
- cpu: user + system CPU seconds of the child and the children it waited for
  (steadier than wall clock when other work shares the machine);
- rss_mb: the child's `ru_maxrss` as `os.wait4` reports it: the peak resident
  memory of the largest single process in its tree (the child, or one of
  its own children it waited for);
- tree_mb: the peak of the *sum* of the proportional set size (PSS) of the
  child and all its descendants, sampled every 20 ms from /proc. It matters
  when a build spreads over forked worker processes: ru_maxrss does not add
  them up, and a sum of RSS would count each page they share with their
  parent (copy-on-write) once per process. PSS splits a shared page among
  the processes that share it, so the sum is the memory the tree really
  holds. (Where /proc/PID/smaps_rollup is missing, RSS is summed instead.)
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass
class Measure:
    seconds: float
    cpu: float
    rss_mb: float
    tree_mb: float
    code: int
    log: Path

    @property
    def ok(self) -> bool:
        return self.code == 0


class TreeSampler(threading.Thread):
    """Keeps the peak of the summed PSS of a process and its descendants."""

    def __init__(self, pid: int, every: float = 0.02):
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peak_kb = 0
        self._done = threading.Event()

    @staticmethod
    def _children(pid: int) -> list[int]:
        kids = []
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    kids += [int(k) for k in f.read().split()]
        except OSError:
            pass
        return kids

    @staticmethod
    def _memory_kb(pid: int) -> int:
        """PSS of one process in KiB, else its RSS, else 0 (it has just ended)."""
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        return int(line.split()[1])
        except (OSError, IndexError, ValueError):
            pass
        try:
            with open(f"/proc/{pid}/statm") as f:
                return int(f.read().split()[1]) * PAGE_KB
        except (OSError, IndexError, ValueError):
            return 0

    def sample(self) -> None:
        total, todo = 0, [self.pid]
        while todo:
            pid = todo.pop()
            total += self._memory_kb(pid)
            todo += self._children(pid)
        self.peak_kb = max(self.peak_kb, total)

    def run(self) -> None:
        while not self._done.wait(self.every):
            self.sample()

    def stop(self) -> None:
        self._done.set()
        self.join()


def timed(cmd: list[str], cwd: Path, log: Path, env: dict | None = None) -> Measure:
    """Run `cmd` in `cwd`, its output appended to `log`; time and memory as above."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"\n$ (cd {cwd} && {' '.join(cmd)})\n")
        out.flush()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.write(f"[exit {proc.returncode}, {seconds:.2f} s, "
                  f"cpu {usage.ru_utime + usage.ru_stime:.2f} s, maxrss {usage.ru_maxrss / 1024:.0f} MB]\n")
    rss = usage.ru_maxrss / 1024  # KiB on Linux
    cpu = usage.ru_utime + usage.ru_stime
    return Measure(seconds, cpu, rss, sampler.peak_kb / 1024 or rss, proc.returncode, log)


def tail(log: Path, lines: int = 5) -> str:
    try:
        return " | ".join(log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-lines:])
    except OSError:
        return ""


# --- save-to-reload in a preview server --------------------------------------------
#
# Ours (`build.py serve`) and Hugo's (`hugo server`) are measured by this one
# function, so both are started, edited and polled over HTTP the same way.

@dataclass
class Reloads:
    """One preview server's save-to-reload figures, one entry per edit."""

    ms: list[float]          # from saving the file to the page showing the change
    logged_ms: list[float]   # the rebuild time the server itself logs for that save


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


class LogReader:
    """The part of a log written since a given moment (the log is appended to by every run)."""

    def __init__(self, log: Path):
        self.log = log
        self.offset = log.stat().st_size if log.exists() else 0

    def _read(self) -> bytes:
        with open(self.log, "rb") as f:
            f.seek(self.offset)
            return f.read()

    def new_text(self) -> str:
        return self._read().decode("utf-8", errors="replace")

    def move_to_end(self) -> str:
        """The new text, and start the next read after it."""
        data = self._read()
        self.offset += len(data)
        return data.decode("utf-8", errors="replace")


def _served_port(log_text: str, asked: int) -> int:
    """The port the server says it chose (ours takes the next free one if asked is taken).

    Ours prints "http://127.0.0.1:PORT/", Hugo "//localhost:PORT/".
    """
    found = re.findall(r"//(?:127\.0\.0\.1|localhost):(\d+)/", log_text)
    return int(found[-1]) if found else asked


def _logged_ms(text: str, pattern: str | None) -> float | None:
    """The rebuild time(s) a server logged in `text`, summed (one save may cause two rebuilds)."""
    if pattern is None:
        return None
    found = [float(ms) for ms in re.findall(pattern, text)]
    return sum(found) if found else None


def _start(cmd: list[str], cwd: Path, log: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"\n$ (cd {cwd} && {' '.join(cmd)})\n")
        out.flush()
        return subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env,
                                start_new_session=True)  # its own process group, ended below


def _stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)     # the group _start began
        proc.wait(timeout=10)
    except ProcessLookupError:
        proc.wait()
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _wait_until_serving(proc: subprocess.Popen, reader: LogReader, port: int, page: str,
                        timeout: float) -> str:
    """The page's URL, once the server answers it (the first request also 'visits' it)."""
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}: {tail(reader.log)}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"not serving after {timeout:.0f} s")
        time.sleep(0.1)
        url = f"http://127.0.0.1:{_served_port(reader.new_text(), port)}/{page}"
        if fetch(url) is not None:
            return url


def save_to_reload(cmd: list[str], cwd: Path, log: Path, kinds: list, visit: list[str],
                   edits: int = 5, poll: float = 0.01, logged_pattern: str | None = None,
                   start_timeout: float = 900, edit_timeout: float = 60) -> dict[str, Reloads]:
    """Milliseconds from saving a file to the page showing the change, per edit, per
    kind of edit (benchmarks/edits.py).

    `cmd` must serve on 127.0.0.1 at the port given by the placeholder
    "{port}" in it. Once the home page is served and the pages in `visit`
    requested (the editor has them open: Hugo's fast render redraws the pages
    visited since it started), each kind's `apply(i)` saves
    its i-th change and says which page shows it and how; that page is polled
    every `poll` seconds until it does. Then the server must log the end of its
    rebuild (the regular expression `logged_pattern`, whose group is the
    rebuild's milliseconds) and nothing more for 0.5 s, so the next edit finds
    it idle. After its edits each kind is undone, and the server again waits
    to be idle. Raises RuntimeError on failure.
    """
    port = free_port()
    cmd = [part.replace("{port}", str(port)) for part in cmd]
    reader = LogReader(log)
    proc = _start(cmd, cwd, log)
    found: dict[str, Reloads] = {}
    try:
        root = _wait_until_serving(proc, reader, port, "", start_timeout)
        for page in visit:
            fetch(root + page)
        _until_idle(reader, None, edit_timeout)          # the start-up is over
        for kind in kinds:
            reloads = found[kind.name] = Reloads([], [])
            try:
                for i in range(edits):
                    saved = time.perf_counter()
                    expect = kind.apply(i)
                    reloads.ms.append(_until_shown(root + expect.page, expect, saved, poll,
                                                   edit_timeout, f"{kind.name} {i + 1}"))
                    # A page can be served before the rebuild that made it has ended
                    # (Hugo renders feeds and lists after it; ours the pages that list
                    # an edited front matter): the next edit waits for the whole rebuild,
                    # so it never queues behind this one.
                    ms = _logged_ms(_until_idle(reader, logged_pattern, edit_timeout),
                                    logged_pattern)
                    if ms is not None:
                        reloads.logged_ms.append(ms)
            finally:
                kind.undo()
                _until_idle(reader, logged_pattern, edit_timeout)
        return found
    finally:
        _stop(proc)


def _until_shown(url: str, expect, saved: float, poll: float, timeout: float, what: str) -> float:
    """Milliseconds from `saved` until the page at `url` shows (or no longer shows) the text."""
    while True:
        html = fetch(url)
        if html is not None and (expect.text in html) is expect.present:
            return (time.perf_counter() - saved) * 1000
        if time.perf_counter() - saved > timeout:
            raise RuntimeError(f"edit {what}: not shown after {timeout:.0f} s")
        time.sleep(poll)


def _until_idle(reader: LogReader, pattern: str | None, timeout: float,
                quiet: float = 0.5) -> str:
    """What the server logs from now until it has logged `pattern` (its rebuild's end) and
    then nothing for `quiet` seconds; so the watcher and the server are idle again."""
    text, last_news = "", time.monotonic()
    deadline = last_news + timeout
    while time.monotonic() < deadline:
        time.sleep(0.05)
        news = reader.move_to_end()
        if news:
            text, last_news = text + news, time.monotonic()
        elif (pattern is None or re.search(pattern, text)) and time.monotonic() - last_news >= quiet:
            break
    return text
