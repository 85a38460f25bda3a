"""influkit: turn a messy influencer prospecting sheet into decisions.

The library never imports typer or rich; the `influkit` command is a thin layer over it. Every command
can be reproduced from Python, e.g. `influkit.enrich("list.xlsx").records()` is what
`influkit enrich list.xlsx -o - --format json` prints.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "enrich", "read_table"]


def enrich(path: str, **options: Any) -> Any:
    """Read, normalise and enrich a sheet; returns an `influkit.table.Table` (see `influkit.pipeline`)."""
    from .pipeline import enrich as _enrich

    return _enrich(path, **options)


def read_table(path: str, **options: Any) -> Any:
    """Read and normalise a sheet without metrics or store."""
    from .pipeline import read_table as _read

    return _read(path, **options)
