"""`influkit columns`: the canonical columns, what they hold and the headers recognised for them."""

from __future__ import annotations

import typer

from .common import QuietOpt, ReportFormatOpt, ReportOutputOpt, handles_errors

ORDER = 90


@handles_errors
def columns(fmt: ReportFormatOpt = None, output: ReportOutputOpt = "-", quiet: QuietOpt = False) -> None:
    """List the canonical columns with their kind and the French/English headers that map to them."""
    import influkit

    from .render import REPORT_FORMATS, emit_table, resolve_format

    out_format = resolve_format(output, fmt, REPORT_FORMATS, terminal="table")
    emit_table(influkit.columns(), output, out_format)


def register(app: typer.Typer) -> None:
    app.command("columns")(columns)
