"""`influkit thresholds`: every threshold and benchmark influkit uses, with its source."""

from __future__ import annotations

import typer

from .common import QuietOpt, ReportFormatOpt, ReportOutputOpt, handles_errors

ORDER = 91


@handles_errors
def thresholds(fmt: ReportFormatOpt = None, output: ReportOutputOpt = "-", quiet: QuietOpt = False) -> None:
    """Print every threshold, benchmark and setting with its source.

    Tiers, engagement benchmarks, the spike rule, flags, prices, FX, scoring weights, funnel, promo
    codes and live-stats settings. They live in influkit/thresholds/; docs/metrics.md explains them.
    """
    import influkit

    from .render import REPORT_FORMATS, emit_table, resolve_format

    out_format = resolve_format(output, fmt, REPORT_FORMATS, terminal="table")
    emit_table(influkit.thresholds_table(), output, out_format)


def register(app: typer.Typer) -> None:
    app.command("thresholds")(thresholds)
