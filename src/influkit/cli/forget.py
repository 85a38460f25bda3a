"""`influkit forget HANDLE`: erase a person from the workspace (right to be forgotten)."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import DbOpt, QuietOpt, StdoutFormatOpt, handles_errors, say, store_arg

ORDER = 46


@handles_errors
def forget(
    handle: Annotated[str, typer.Argument(help="Handle, @handle, platform:handle or profile link of one of "
                                          "the person's accounts.")],
    platform: Annotated[str | None, typer.Option("--platform", help="Only the account on this platform.")] = None,
    fmt: StdoutFormatOpt = None,
    db: DbOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Erase a person from the workspace, keeping only a salted hash (right to be forgotten).

    Their accounts (and the other accounts under the same creator name), snapshots, posts, stage
    events, campaign data, cache entries and list rows are deleted; a later import warns that they asked
    to be forgotten. Logged without personal data.
    """
    import influkit

    from .render import REPORT_FORMATS, emit_report, resolve_format

    out_format = resolve_format("-", fmt, REPORT_FORMATS, terminal="table")
    report = influkit.forget(handle, platform=platform, store=store_arg(db, False))
    emit_report(report, "-", out_format)
    say(f"forgotten: {', '.join(report['forgotten'])}", quiet=quiet)
    say(*(f"warning: {w}" for w in report.data.get("warnings") or ()))  # even with --quiet: data left behind


def register(app: typer.Typer) -> None:
    app.command("forget")(forget)
