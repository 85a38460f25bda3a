"""Progress of long steps, for whoever wants to show it (the command line draws a bar on stderr).

Library code marks its steps without knowing who listens:

    with progress.step("scoring", total=len(table)) as tick:
        for k in range(n):
            ...
            tick(k + 1)

and a caller listens for the duration of a call with `progress.reporting(callback)` (what every public
function's `progress=` argument does). The callback receives dicts: {"step": name, "done": n,
"total": n or None} as work advances, and {"step": name, "finished": True} at the end. Without a
listener a step costs nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

Callback = Callable[[dict[str, Any]], None]
_listener: ContextVar[Callback | None] = ContextVar("influkit_progress", default=None)
REPORT_EVERY_S = 0.1  # at most ten updates a second reach the listener


@contextmanager
def reporting(callback: Callback | None) -> Iterator[None]:
    """Send the progress of the steps run inside the block to `callback` (None: nobody listens)."""
    if callback is None:
        yield
        return
    token = _listener.set(callback)
    try:
        yield
    finally:
        _listener.reset(token)


def emit(state: dict[str, Any]) -> None:
    """Send one state to the current listener, if any (for steps that report their own counters,
    such as live stats: cached, failed, quota units)."""
    listener = _listener.get()
    if listener is not None:
        listener(state)


def _noop(done: int) -> None:
    return None


@contextmanager
def step(name: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A step of `total` units (None when unknown); the block calls the yielded function with the units
    done so far."""
    listener = _listener.get()
    if listener is None:
        yield _noop
        return
    last = 0.0

    def tick(done: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= REPORT_EVERY_S or (total is not None and done >= total):
            last = now
            listener({"step": name, "done": done, "total": total})

    listener({"step": name, "done": 0, "total": total})
    try:
        yield tick
    finally:
        listener({"step": name, "finished": True})
