"""Stopping cleanly on the signals that ask a process to end, as on a Ctrl-C.

Python turns a Ctrl-C (SIGINT) into a KeyboardInterrupt raised where the run stands, so every `finally`
and `except BaseException` on the way out runs: a `.part` file removed, a workspace transaction rolled
back, the progress bars put away. SIGTERM (what `timeout`, `kill`, `docker stop` and a cancelled CI job
send) and SIGHUP (the terminal closed) would kill the process where it stands, leaving all of that behind.
`stop_on_signals()` makes them raise `errors.Stopped`, a KeyboardInterrupt naming the signal, instead.

Installed by the command line's entry point only (never by importing influkit: a program calling the
library keeps its own handlers). Processes forked by the run never run the handler: a writer's part of
a sheet and a scoring worker get back the default action (`as_child()`: the signal ends them at once;
the scoring pool, stopped, frees the locks a killed worker held: `fit.Workers.close`), and the handler
itself ends any process but the one that installed it as the signal would have (a signal that arrives
between the fork and that call).
"""

from __future__ import annotations

import os
import signal
from types import FrameType

from .errors import Stopped

STOPPING = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None)

_owner: int | None = None  # the process that installed the handler
_received: list[Stopped] = []  # the stops raised in it (click turns the exception into a mere 130)


def _stop(signum: int, frame: FrameType | None) -> None:
    if os.getpid() != _owner:  # a forked child: dies of the signal, as it would without the handler
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    stop = Stopped(signum)
    _received.append(stop)
    raise stop


def received() -> Stopped | None:
    """The first stop the handler raised since `stop_on_signals()`, if any: what a run that ended in an
    exit 130 was stopped by (typer returns a KeyboardInterrupt as that code, without the exception)."""
    return _received[0] if _received else None


def stop_on_signals() -> None:
    """SIGTERM and SIGHUP raise `Stopped` in this process from now on (main thread only). A signal the
    process was started ignoring (`nohup` ignores SIGHUP) stays ignored."""
    global _owner
    _owner = os.getpid()
    _received.clear()
    for signum in STOPPING:
        if signal.getsignal(signum) in (signal.SIG_DFL, _stop):
            signal.signal(signum, _stop)


def finishing() -> None:
    """The run's work is done and written: a signal now would only cut its exit short (a workspace's
    checkpoint), as a Ctrl-C would; both are ignored until the process exits."""
    for signum in (signal.SIGINT, *STOPPING):
        if signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, signal.SIG_IGN)


def as_child() -> None:
    """In a forked process: SIGTERM and SIGHUP end it at once, as by default, never through a handler
    of its parent's (which would raise in the child and clean up the parent's work from there)."""
    for signum in STOPPING:
        if callable(signal.getsignal(signum)):
            signal.signal(signum, signal.SIG_DFL)
