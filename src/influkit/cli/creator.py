"""`influkit creator HANDLE`: everything known about one creator, with where each fact came from."""

from __future__ import annotations

from typing import Annotated

import typer

from ..text import count
from .common import DbOpt, QuietOpt, StdoutFormatOpt, handles_errors, say, store_arg

ORDER = 45


@handles_errors
def creator(
    handle: Annotated[str, typer.Argument(help="Handle, @handle, platform:handle, profile link (or channel "
                                          "id) of one of the creator's accounts.")],
    platform: Annotated[str | None, typer.Option("--platform", help="Platform, when the handle is on several.")] = None,
    export: Annotated[bool, typer.Option("--export", help="Everything held about them, as JSON (right of access); "
                                         "logged without personal data.")] = False,
    output: Annotated[str, typer.Option("--output", "-o", help="Output file; '-' for stdout.")] = "-",
    fmt: StdoutFormatOpt = None,
    db: DbOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Show one creator: accounts, latest numbers, history, flags, every campaign, with sources.

    Accounts per network (latest numbers with their source and date, history with spikes, flags),
    every campaign with its stage, price, code, score and reasons, stage events, proposals and agreed
    deliverables. --export writes everything held about them (JSON).
    """
    import influkit

    from .render import REPORT_FORMATS, emit_report, resolve_format, write_document

    out_format = "json" if export else resolve_format(output, fmt, REPORT_FORMATS, terminal="table")
    report = influkit.creator(handle, platform=platform, export=export, store=store_arg(db, False))
    if export:
        write_document(report.to_dict(), output)
        held = report["export"]["held"]
        say(f"export: {count(sum(len(v) for v in held.values()), 'stored row')} about "
            f"{count(len(report['accounts']), 'account')}"
            + (f"; wrote {output}" if output != "-" else ""), quiet=quiet)
        return
    emit_report(report, output, out_format)


def register(app: typer.Typer) -> None:
    app.command("creator")(creator)
