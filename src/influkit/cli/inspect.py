"""`influkit inspect FILE`: how a sheet is read — header row, each column's meaning and why, what is kept."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import (
    DbOpt,
    FromOpt,
    MapOpt,
    NoStoreOpt,
    PlatformOpt,
    QuietOpt,
    ReportOutputOpt,
    SaveMapOpt,
    SheetOpt,
    handles_errors,
    option_list,
    store_arg,
)

ORDER = 12


@handles_errors
def inspect(
    file: Annotated[str, typer.Argument(help="CSV, Excel, ODS or influkit JSON sheet; '-' reads stdin.")],
    sheet: SheetOpt = None,
    input_format: FromOpt = None,
    mapping: MapOpt = None,
    platform: PlatformOpt = None,
    save_map: SaveMapOpt = False,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="text (or table), json or csv (default: text on a terminal, "
                                 "csv on a pipe).")
    ] = None,
    output: ReportOutputOpt = "-",
    db: DbOpt = None,
    no_store: NoStoreOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Show how a sheet is read: header row, what each column is taken for and why, what is kept.

    Per tab: the header row found, how every column is understood (by its header or by its contents,
    with evidence and sample values), what is kept verbatim, the rows that are not creators. Nothing is
    computed or recorded; fix a column with --map "Header=column" (and --save-map to remember it).
    """
    import influkit

    from ..table import Table
    from .render import emit_table, resolve_format, write_document

    out_format = resolve_format(output, fmt, ("text", "table", "json", "csv"), terminal="text")
    report = influkit.inspect(file, sheet=sheet, input_format=input_format, mapping=option_list(mapping),
                              platform=platform, save_map=save_map, store=store_arg(db, no_store))
    if out_format == "json":
        write_document(report.to_dict(), output)
    elif out_format == "csv":
        columns = ["sheet", "column", "header", "used_as", "platform", "by", "evidence", "samples"]
        rows = [{"sheet": tab.sheet or "", **{k: c[k] for k in columns[1:-1]}, "samples": " | ".join(c["samples"])}
                for tab in report.tabs for c in tab.columns]
        emit_table(Table.from_rows(columns, rows), output, "csv")
    else:
        from ..io.write import atomic_output

        with atomic_output(output, binary=False) as fh:
            fh.write("\n".join(report.lines()) + "\n")


def register(app: typer.Typer) -> None:
    app.command("inspect")(inspect)
