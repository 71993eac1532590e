"""Work done in a forked process that can be ended at once: the preview's
finishing build, which the next save must not wait for.

A build running in the preview's own process can only stop where it asks
whether to (between stages, every few hundred pages), so a save waited up to
a quarter of a second for it on a large site. A forked process is ended the
moment the save comes, workers and all; the output folder's writer keeps its
few renames whole (write/folder.uninterrupted), so it is never left half
moved. Where there is no fork (Windows), the caller runs the work in-process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import tempfile
import traceback
from typing import Callable


def available() -> bool:
    return hasattr(os, "fork") and hasattr(os, "killpg")


class Forked:
    """`task()` running in a child process of its own process group."""

    def __init__(self, pid: int, result_file: str):
        self.pid, self.result_file = pid, result_file
        self.status: int | None = None  # the child's exit status, once it has ended

    @classmethod
    def start(cls, task: Callable[[], object]) -> "Forked":
        handle, result_file = tempfile.mkstemp(prefix="digest-", suffix=".result")
        os.close(handle)
        pid = os.fork()
        if pid == 0:  # the child: run, hand the result over as a file, and leave at once
            code = 1
            try:
                os.setpgid(0, 0)  # its workers join its group: ended with it
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the preview's
                result = task()
                with open(result_file, "wb") as out:
                    pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)  # never the parent's clean-up (its server, its atexit)
        with contextlib.suppress(OSError):  # (the child does it too: whichever runs first)
            os.setpgid(pid, pid)
        return cls(pid, result_file)

    def done(self) -> bool:
        """The child has ended (without waiting for it)."""
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
        return self.status is not None

    def result(self) -> object | None:
        """What `task` returned, once the child has ended; None if it failed or was ended."""
        if not self.done():
            return None
        try:
            if os.waitstatus_to_exitcode(self.status) != 0:
                return None
            with open(self.result_file, "rb") as handle:
                return pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError):
            return None
        finally:
            self._forget()

    def end(self) -> None:
        """End the child and its workers now, and wait for them to go."""
        if self.status is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signal.SIGTERM)
            _pid, self.status = os.waitpid(self.pid, 0)
        self._forget()

    def _forget(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.result_file)
