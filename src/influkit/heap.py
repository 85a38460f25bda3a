"""Large runs and Python's cyclic garbage collector.

A 500k-row table is tens of millions of objects (cells, column lists) that hold no reference cycles. The
collector's full passes scan every one of them again each time the heap grows by a quarter: 4.4 s of a
27.9 s `enrich` at 500k rows, 0.8 s of a 7.3 s `score` at 100k (measured with `gc.callbacks`). Inside
`bulk()`, `settle()` moves the objects alive at that moment (a table just read, just scored) out of the
collector's way (`gc.freeze`). Reference counting still frees them as usual; a cycle among them is
collected once the outermost block ends (`gc.unfreeze`). Outside a block, `settle()` does nothing.
While a file's cells are read, or a workspace records a table or a history, `paused()` holds the
collector off altogether (such a block makes objects per row and no cycle).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0


@contextmanager
def bulk() -> Iterator[None]:
    """A block whose `settle()` calls take the objects alive out of the collector's scans."""
    global _depth
    with _lock:
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.unfreeze()


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection during the block (reading cells makes millions of lists and no cycle; cycles made
    meanwhile are collected after it)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def settle() -> None:
    """Inside `bulk()`: the objects alive now are left out of the collector's scans until the block ends."""
    if _depth:
        gc.freeze()
