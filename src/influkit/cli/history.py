"""`influkit history import FILE` and `influkit history show HANDLE`: follower history in the workspace."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import DbOpt, QuietOpt, StdoutFormatOpt, handles_errors, say, store_arg

ORDER = 40

history_app = typer.Typer(help="Follower history: import Social Blade / Iconosquare / YouTube exports, show trends "
                               "and spikes.", no_args_is_help=True)


@history_app.command("import")
@handles_errors
def import_cmd(
    file: Annotated[str, typer.Argument(help="History export (CSV or Excel); '-' reads stdin.")],
    platform: Annotated[str | None, typer.Option("--platform", help="Platform of the accounts (guessed for "
                                                  "YouTube exports).")] = None,
    handle: Annotated[str | None, typer.Option("--handle", help="Account of a one-account file (Iconosquare): a handle, @handle, "
                                                  "platform:handle or profile link.")] = None,
    total: Annotated[int | None, typer.Option("--total", help="Known total at the file's last date (the end of "
                                              "its last week for weekly gains, or today), to turn gains into totals.")] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="Workbook tab to read (name or number; default: the "
                                              "first tab holding a date and a followers or gains column).")] = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="'json' prints the import result on stdout.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first unreadable cell (exit 1, nothing "
                                         "recorded) instead of skipping it.")] = False,
    db: DbOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Record a follower history (totals or gains, one account or many) in the workspace.

    An unreadable cell skips its point and is counted (the first one is named); --strict stops instead."""
    import influkit

    from .render import resolve_format, write_document

    if fmt is not None:
        resolve_format("-", fmt, ("json",))
    result = influkit.history_import(file, platform=platform, handle=handle, total=total, strict=strict,
                                     sheet=sheet, store=store_arg(db, False))
    if fmt == "json":
        write_document(result.to_dict(), "-")
    say(*result.summary_lines(), quiet=quiet)
    if quiet:  # the line no script may miss: a person who asked to be forgotten recorded again
        say(*result.warnings)


@history_app.command("show")
@handles_errors
def show_cmd(
    handle: Annotated[str, typer.Argument(help="Handle, @handle, platform:handle, profile link, channel id "
                                          "or name of a stored account.")],
    platform: Annotated[str | None, typer.Option("--platform", help="Platform, when the handle is on several.")] = None,
    fmt: StdoutFormatOpt = None,
    db: DbOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Print an account's follower series, growth, trend, spikes and drops."""
    import influkit

    from ..table import Table
    from .render import REPORT_FORMATS, emit_table, resolve_format, write_document

    out_format = resolve_format("-", fmt, REPORT_FORMATS, terminal="table")
    hist = influkit.history(handle, platform=platform, store=store_arg(db, False))
    if out_format == "json":
        write_document(hist.to_dict(), "-")
    elif out_format == "csv":
        columns, rows = hist.rows()
        emit_table(Table.from_rows(columns, rows), "-", "csv")
    else:
        print("\n".join(hist.lines()))
        return
    say(*hist.notes(), quiet=quiet)


def register(app: typer.Typer) -> None:
    app.add_typer(history_app, name="history")
