"""`influkit columns`: the canonical columns, what they hold and the headers recognised for them."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from .common import handles_errors

ORDER = 90


@handles_errors
def columns(
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="csv (default) or json.")] = None,
) -> None:
    """List the canonical columns with their kind and the French/English headers that map to them."""
    import csv
    import json
    import sys

    from ..schema import COLUMNS

    rows: list[dict[str, Any]] = [
        {"column": c.name, "kind": c.kind, "computed": c.computed, "headers": list(c.synonyms), "meaning": c.doc}
        for c in COLUMNS
    ]
    if fmt == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    if fmt in (None, "csv"):
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["column", "kind", "computed", "headers", "meaning"])
        for r in rows:
            writer.writerow([r["column"], r["kind"], r["computed"], " | ".join(r["headers"]), r["meaning"]])
        return
    from ..errors import UsageError

    raise UsageError(f"unknown format {fmt!r} for columns: csv or json")


def register(app: typer.Typer) -> None:
    app.command("columns")(columns)
