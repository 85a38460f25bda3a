"""`influkit workspace copy SRC DST`: move a workspace between SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Annotated

import typer

from ..text import count
from .common import QuietOpt, StdoutFormatOpt, handles_errors, say

ORDER = 90

workspace_app = typer.Typer(help="The workspace itself: copy it between SQLite and PostgreSQL.", no_args_is_help=True)


@workspace_app.command("copy")
@handles_errors
def copy_cmd(
    src: Annotated[str, typer.Argument(help="Workspace to copy: a SQLite file or a postgresql:// URL.")],
    dst: Annotated[str, typer.Argument(help="Empty target: a new SQLite file or an empty PostgreSQL database.")],
    fmt: StdoutFormatOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Copy a whole workspace into an empty one (SQLite <-> PostgreSQL)."""
    import influkit

    from .render import REPORT_FORMATS, emit_report, resolve_format

    out_format = resolve_format("-", fmt, REPORT_FORMATS, terminal="table")
    report = influkit.workspace_copy(src, dst)
    emit_report(report, "-", out_format)
    say(f"copied {count(report['total'], 'row')} from {report['from']} to {report['to']}", quiet=quiet)


def register(app: typer.Typer) -> None:
    app.add_typer(workspace_app, name="workspace")
