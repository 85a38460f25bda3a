"""A part of a long loop done by a forked process (Linux), beside the caller doing its own part.

Used by the new-workbook writer (`io.xlsx`): a sheet of 100k rows is two halves of XML, each built and
deflated by its own process on its own core. Why `os.fork` and not `multiprocessing`: the child needs
the table the caller holds (a fork gives it without pickling a single cell) and hands back only bytes
(its part of the zip member, deflated) and a small result (its links and counts).

- **Nothing on disk.** The child's bytes go into an anonymous memory file (`os.memfd_create`), its
  result (pickled) into another, its progress into a shared 8-byte counter; the caller copies the bytes
  where they belong once the child has exited.
- **Nothing shared that can break.** The child runs only the given function (pure Python and zlib: no
  database, no terminal, no progress of its own), with the cyclic garbage collector off (a collection
  would touch, and so copy, every page of the caller's objects), and leaves with `os._exit`: no
  `atexit` handler, no buffered stdio of the caller flushed twice. A SIGTERM or SIGHUP kills it as by
  default (`stopping.as_child`): the command line's handler, which stops the parent cleanly, is the
  parent's alone.
- **A child that fails costs time, never data.** Any error, signal or crash in the child is a result of
  None: the caller does that part itself, and the output is the same byte for byte.
"""

from __future__ import annotations

import gc
import mmap
import os
import pickle
import select
import struct
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from ..stopping import as_child

Write = Callable[[bytes], None]
Done = Callable[[int], None]

_POLL_S = 0.05  # how often a waiting caller reads the child's counter (progress) and checks its exit


def available() -> bool:
    """Whether a part can be forked here: Linux (fork without exec is safe with the libraries we use;
    macOS's system libraries are not), with memory files."""
    return sys.platform == "linux" and hasattr(os, "memfd_create") and hasattr(os, "sched_getaffinity")


def allowed(most: int) -> int:
    """How many processes a job may run at once: INFLUKIT_WORKERS when set (1: everything in this one,
    for the scoring workers and the writers alike), else the CPUs this process may use, at most `most`."""
    wanted = os.environ.get("INFLUKIT_WORKERS", "").strip()
    if wanted.isdigit():
        return int(wanted)
    return min(len(os.sched_getaffinity(0)), most) if hasattr(os, "sched_getaffinity") else 1


@dataclass
class Child:
    """A forked process doing a part: its bytes and result are read with `result` and `chunks`."""

    pid: int
    data: int  # memory file: the bytes the child wrote
    meta: int  # memory file: its pickled result
    counter: mmap.mmap  # units the child has done (int64)
    status: int | None = None  # its exit status once reaped

    def done(self) -> int:
        value: int = struct.unpack_from("q", self.counter, 0)[0]
        return value

    def wait(self, tick: Callable[[int], None] | None = None) -> bool:
        """Wait for the child to exit (telling `tick` its count as it goes); whether it succeeded. Woken
        by its exit itself where Linux gives a process's file descriptor (5.3+), else every _POLL_S."""
        exited = None
        with suppress(OSError, AttributeError):
            exited = os.pidfd_open(self.pid)
        try:
            while self.status is None:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    self.status = status
                    break
                if tick is not None:
                    tick(self.done())
                if exited is not None:
                    select.select([exited], [], [], _POLL_S)
                else:
                    time.sleep(_POLL_S)
        finally:
            if exited is not None:
                os.close(exited)
        return os.WIFEXITED(self.status) and os.WEXITSTATUS(self.status) == 0

    def result(self) -> Any:
        """The child's result (after a successful `wait`)."""
        os.lseek(self.meta, 0, os.SEEK_SET)
        with os.fdopen(os.dup(self.meta), "rb") as fh:
            return pickle.load(fh)

    def chunks(self, size: int = 1 << 22) -> Iterator[bytes]:
        """The bytes the child wrote, in blocks (after a successful `wait`)."""
        os.lseek(self.data, 0, os.SEEK_SET)
        while block := os.read(self.data, size):
            yield block

    def close(self) -> None:
        """Stop the child if it still runs; free its memory files."""
        if self.status is None:
            with suppress(ProcessLookupError):
                os.kill(self.pid, 9)
            with suppress(ChildProcessError):
                self.status = os.waitpid(self.pid, 0)[1]
        for fd in (self.data, self.meta):
            with suppress(OSError):
                os.close(fd)
        self.counter.close()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def start(work: Callable[[Write, Done], Any]) -> Child | None:
    """Fork a process that runs `work(write, done)`: `write` puts bytes in its memory file, `done(n)`
    tells the caller how many units it has done; what `work` returns is its result. None when no
    process could be forked (the caller does the part itself)."""
    try:
        data = os.memfd_create("influkit-part", os.MFD_CLOEXEC)
        meta = os.memfd_create("influkit-result", os.MFD_CLOEXEC)
    except OSError:
        return None
    counter = mmap.mmap(-1, 8)
    try:
        with warnings.catch_warnings():
            # (Python 3.12+ warns when a process with threads forks: ours may have the deflating thread of
            # another member finished and a workspace's checkpoint running, neither used by the child)
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
    except OSError:
        for fd in (data, meta):
            os.close(fd)
        counter.close()
        return None
    if pid == 0:  # the child: never returns
        code = 1
        try:
            as_child()  # a SIGTERM ends it at once, never through the parent's handler (no cleanup of its)
            gc.disable()
            result = work(lambda b: _write_all(data, b), lambda n: struct.pack_into("q", counter, 0, n))
            _write_all(meta, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
            code = 0
        except BaseException:  # noqa: BLE001, S110 - any failure: the caller does the part itself
            pass
        finally:
            os._exit(code)
    return Child(pid, data, meta, counter)
