"""Progress of long steps, for whoever wants to show it (the command line draws a bar on stderr).

Library code marks its steps without knowing who listens:

    with progress.step("scoring", total=len(table), unit="rows") as tick:
        for k in range(n):
            ...
            tick(k + 1)

and a caller listens for the duration of a call with `progress.reporting(callback)` (what every public
function's `progress=` argument does). The callback receives dicts: {"step": name, "done": n,
"total": n or None, "unit": "rows" or ""} as work advances, and {"step": name, "finished": True} at the end. Without a
listener a step costs nothing.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ParamSpec, Protocol, TypeVar

Callback = Callable[[dict[str, Any]], None]
T = TypeVar("T")
P = ParamSpec("P")
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


def reported(function: Callable[P, T]) -> Callable[P, T]:
    """A public function whose `progress=` keyword (a callback, or None) is told the steps it runs, as
    `reporting(progress)` around the call would."""

    @functools.wraps(function)
    def call(*args: P.args, **kwargs: P.kwargs) -> T:
        listener = kwargs.get("progress")
        with reporting(listener if callable(listener) else None):
            return function(*args, **kwargs)

    return call


@contextmanager
def hushed() -> Iterator[None]:
    """No progress reported inside the block (the command line's data going to stdout: its bars would
    share the terminal with the data)."""
    token = _listener.set(None)
    try:
        yield
    finally:
        _listener.reset(token)


def listening() -> bool:
    """Whether someone is told the steps' progress (a count that costs a query is made only then)."""
    return _listener.get() is not None


def emit(state: dict[str, Any]) -> None:
    """Send one state to the current listener, if any (for steps that report their own counters,
    such as live stats: cached, failed, quota units)."""
    listener = _listener.get()
    if listener is not None:
        listener(state)


class Tick(Protocol):
    """What a step's block calls as work advances: the units done so far, and the total once it is
    known (a sheet's rows, counted after the file is opened)."""

    def __call__(self, done: int, total: int | None = None) -> None: ...


def _noop(done: int, total: int | None = None) -> None:
    return None


@contextmanager
def step(name: str, total: int | None = None, unit: str = "") -> Iterator[Tick]:
    """A step of `total` units (None when unknown: `tick(done, total)` gives it later); `unit` names
    them ("rows", "columns") for whoever shows the counts. The block calls the yielded function with
    the units done so far."""
    listener = _listener.get()
    if listener is None:
        yield _noop
        return
    last = 0.0
    size = total
    said: tuple[int, int | None] = (0, total)  # the count and total said last: never the same twice in a row

    def tick(done: int, total: int | None = None) -> None:
        nonlocal last, size, said
        now = time.monotonic()
        if total is not None and total != size:
            size, last = total, 0.0  # a total learnt: said at once
        if (now - last >= REPORT_EVERY_S or (size is not None and done >= size)) and (done, size) != said:
            last, said = now, (done, size)
            listener({"step": name, "done": done, "total": size, "unit": unit})

    listener({"step": name, "done": 0, "total": total, "unit": unit})
    try:
        yield tick
    finally:
        listener({"step": name, "finished": True})


def each(name: str, items: Iterable[T], total: int, unit: str = "rows",
         size: Callable[[T], int] | None = None) -> Iterator[T]:
    """The items, with the step `name` open while they are gone through: `total` units, each item one
    (or `size(item)` units: a group of rows)."""
    with step(name, total, unit) as tick:
        yield from ticking(items, tick, size)
        tick(total)


def counted(name: str, items: Sequence[T], unit: str = "rows", every: int = 4096) -> Iterator[T]:
    """The items (a table's row indexes: `range(n)`, `table.creator_rows()`), with the step `name` open
    while they are gone through, its count told every `every` (a loop over rows that does little for
    each: no call per row, unlike `each`)."""
    n = len(items)
    with step(name, n, unit) as tick:
        if tick is _noop:
            yield from items
            return
        for start in range(0, n, every):
            tick(start)
            yield from items[start:start + every]
        tick(n)


def ticking(items: Iterable[T], tick: Tick, size: Callable[[T], int] | None = None) -> Iterator[T]:
    """The items, telling `tick` the units done before each (one an item, or `size(item)`), for a step
    already open that does more than go through them."""
    if tick is _noop:
        yield from items
        return
    done = 0
    for item in items:
        tick(done)
        yield item
        done += 1 if size is None else size(item)
