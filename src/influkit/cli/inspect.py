"""`influkit inspect FILE`: how a sheet is read — header row, each column's meaning and why, what is kept."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import FromOpt, MapOpt, PlatformOpt, SheetOpt, handles_errors, option_list

ORDER = 12


@handles_errors
def inspect(
    file: Annotated[str, typer.Argument(help="CSV, Excel, ODS or influkit JSON sheet; '-' reads stdin.")],
    sheet: SheetOpt = None,
    input_format: FromOpt = None,
    mapping: MapOpt = None,
    platform: PlatformOpt = None,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="text (default on a terminal), json or csv.")
    ] = None,
) -> None:
    """Show how a sheet is read, per tab: the header row found, how every column is understood (by its
    header or by its contents, with evidence and sample values), what is kept verbatim, the rows that
    are not creators. Nothing is computed or recorded; fix a column with --map "Header=column"."""
    import csv
    import json
    import sys

    from ..errors import UsageError
    from ..io.inspect import inspect as run_inspect

    report = run_inspect(file, sheet=sheet, input_format=input_format, mapping=option_list(mapping),
                         platform=platform)
    fmt = fmt or "text"
    if fmt == "json":
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["sheet", "column", "header", "used_as", "platform", "by", "evidence", "samples"])
        for tab in report.tabs:
            for c in tab.columns:
                writer.writerow([tab.sheet or "", c["column"], _safe(c["header"]), c["used_as"], c["platform"] or "",
                                 c["by"], c["evidence"], _safe(" | ".join(c["samples"]))])
    elif fmt in ("text", "table"):
        sys.stdout.write("\n".join(report.lines()) + "\n")
    else:
        raise UsageError(f"unknown format {fmt!r} for inspect: text, json or csv")


def _safe(text: str) -> str:
    """Formula-like text from the sheet gets a leading apostrophe in CSV (spreadsheet safety)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def register(app: typer.Typer) -> None:
    app.command("inspect")(inspect)
