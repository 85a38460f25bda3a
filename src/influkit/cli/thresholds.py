"""`influkit thresholds`: every threshold and benchmark influkit uses, with its source."""

from __future__ import annotations

import typer

from .common import ReportFormatOpt, handles_errors, stdout_is_terminal

ORDER = 91


@handles_errors
def thresholds(fmt: ReportFormatOpt = None) -> None:
    """Print the thresholds table (tiers, engagement benchmarks, spike rule, flags, prices, FX) with
    the source of every figure. They live in influkit/thresholds.py; docs/metrics.md explains them."""
    import csv
    import json
    import sys

    from ..errors import UsageError
    from ..thresholds import table

    rows = table()
    fmt = fmt or ("table" if stdout_is_terminal() else "csv")
    if fmt == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=["group", "name", "value", "source"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    elif fmt == "table":
        from rich.console import Console
        from rich.table import Table

        out = Table("group", "name", "value", "source")
        for r in rows:
            out.add_row(*(str(r[k]) for k in ("group", "name", "value", "source")))
        Console().print(out)
    else:
        raise UsageError(f"unknown format {fmt!r}: table, json or csv")


def register(app: typer.Typer) -> None:
    app.command("thresholds")(thresholds)
