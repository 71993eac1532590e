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


# --- save-to-reload in the preview server ----------------------------------------

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


def _served_port(log: Path, asked: int) -> int:
    """The port the server says it chose (it takes the next free one if asked is taken)."""
    found = re.findall(r"http://127\.0\.0\.1:(\d+)/", log.read_text(encoding="utf-8", errors="replace"))
    return int(found[-1]) if found else asked


def save_to_reload(cmd: list[str], cwd: Path, log: Path, page: str,
                   edit: Callable[[int], str], edits: int = 5,
                   start_timeout: float = 900, edit_timeout: float = 60) -> list[float]:
    """Milliseconds from saving a file to `page` showing the new text, per edit.

    `cmd` must serve on 127.0.0.1 at the port given by the placeholder
    "{port}" in it. `edit(i)` saves the i-th change and returns a text that
    the page shows once the change is live. Raises RuntimeError on failure.
    """
    port = free_port()
    cmd = [part.replace("{port}", str(port)) for part in cmd]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"\n$ (cd {cwd} && {' '.join(cmd)})\n")
        out.flush()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env,
                                start_new_session=True)  # its own process group, ended below
    try:
        deadline = time.monotonic() + start_timeout
        url = None
        while url is None or fetch(url) is None:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited with {proc.returncode}: {tail(log)}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"not serving after {start_timeout:.0f} s")
            time.sleep(0.1)
            url = f"http://127.0.0.1:{_served_port(log, port)}/{page}"
        results = []
        for i in range(edits):
            time.sleep(0.5)                  # let the watcher settle between edits
            marker = edit(i)
            saved = time.perf_counter()
            while True:
                html = fetch(url)
                if html is not None and marker in html:
                    results.append((time.perf_counter() - saved) * 1000)
                    break
                if time.perf_counter() - saved > edit_timeout:
                    raise RuntimeError(f"edit {i + 1}: not shown after {edit_timeout:.0f} s")
                time.sleep(0.005)
        return results
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)     # the group this function started
            proc.wait(timeout=10)
        except ProcessLookupError:
            proc.wait()
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
