"""`influkit funnel [FILE]`: outreach funnel, time in stage, rates by channel, follow-ups, projection."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from .common import (
    DbOpt,
    FromOpt,
    ListFileArg,
    MapOpt,
    QuietOpt,
    ReportFormatOpt,
    ReportOutputOpt,
    SheetOpt,
    handles_errors,
    option_list,
    say,
    stdout_is_terminal,
)

ORDER = 40

REPORT_FORMATS = ("table", "json", "csv")


def parse_day(value: str | None, option: str) -> dt.date | None:
    """A date option (ISO, dd/mm/yyyy, ...) or a usage error naming the option."""
    if value is None:
        return None
    from ..errors import UsageError
    from ..io.parse import ParseError, parse_date

    try:
        day = parse_date(value)
    except ParseError as exc:
        raise UsageError(f"{option}: {exc}") from exc
    if day is None:
        raise UsageError(f"{option}: no date in {value!r}")
    return day


def report_format(fmt: str | None, output: str) -> str:
    from ..errors import UsageError

    if fmt is None:
        if output != "-":
            return "json" if output.lower().endswith(".json") else "csv"
        return "table" if stdout_is_terminal() else "csv"
    if fmt not in REPORT_FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(REPORT_FORMATS)}")
    return fmt


def _cell(value: Any, column: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and ("rate" in column or "conversion" in column or column in ("roi",)):
        return f"{value * 100:.1f}%"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def print_table(title: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
    """A Rich table on stdout (terminal output only)."""
    from rich.console import Console
    from rich.table import Table as RichTable

    table = RichTable(title=title, title_justify="left", header_style="bold")
    text_columns = {"stage", "creator", "handle", "reason", "owner", "from", "to", "platform", "since"}
    for k, c in enumerate(columns):
        left = k == 0 or c in text_columns
        table.add_column(c.replace("_", " "), justify="left" if left else "right",
                         no_wrap=c not in ("creator", "reason"), overflow="ellipsis",
                         min_width=14 if c in ("creator", "reason") else None)
    for row in rows:
        table.add_row(*(_cell(row.get(c), c) for c in columns))
    Console().print(table)


@handles_errors
def funnel(
    file: ListFileArg = None,
    by: Annotated[str | None, typer.Option("--by", help="Breakdown: channel, platform, tier or owner.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Keep prospects first contacted on or after DATE.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Keep prospects first contacted on or before DATE.")] = None,
    target_deals: Annotated[
        int | None, typer.Option("--target-deals", help="Project the prospects needed to close N deals.")] = None,
    stale_days: Annotated[
        int | None, typer.Option("--stale-days", help="Follow-up delay in days (default 7).")] = None,
    follow_ups: Annotated[
        bool, typer.Option("--follow-ups", help="Output only the follow-ups due (csv, table, or json: the report's follow_ups object).")] = False,
    fmt: ReportFormatOpt = None,
    output: ReportOutputOpt = "-",
    chart: Annotated[str | None, typer.Option("--chart", help="Also draw the funnel as a PNG image.")] = None,
    sheet: SheetOpt = None,
    input_format: FromOpt = None,
    mapping: MapOpt = None,
    db: DbOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Where prospects are lost, how long each stage takes, who to chase, and how many prospects
    must enter the funnel to close N deals. JSON schema: docs/funnel.md."""
    from ..funnel import funnel as run_funnel
    from ..funnel import load_for_funnel, report_rows, write_json, write_rows_csv

    out_format = report_format(fmt, output)
    table, events = load_for_funnel(file, db=db, sheet=sheet, input_format=input_format,
                                    mapping=option_list(mapping))
    report = run_funnel(table, events=events, since=parse_day(since, "--since"), until=parse_day(until, "--until"),
                        by=by, target_deals=target_deals, stale_days=stale_days)
    if out_format == "json":
        write_json(report["follow_ups"] if follow_ups else report, output)
    elif out_format == "csv":
        section = "follow_ups" if follow_ups else by or "stages"
        write_rows_csv(*report_rows(report, section), output)
    else:
        sections = ["follow_ups"] if follow_ups else ["stages", "time_in_stage", *report["breakdowns"], "follow_ups"]
        if report["projection"] and not follow_ups:
            sections.append("projection")
        for section in sections:
            columns, rows = report_rows(report, section)
            print_table(section.replace("_", " "), columns, rows)
    if chart:
        from ..chart import draw_funnel

        draw_funnel(report, chart)
    lines = [f"{report['prospects']} {report['unit']} in the funnel ({report['rows']['total']} rows, "
             f"{report['rows']['merged_into_people']} merged into people, "
             f"{report['rows']['duplicates_skipped']} duplicates skipped); "
             f"{len(report['follow_ups']['items'])} follow-ups due"]
    projection = report["projection"]
    if projection:
        top = projection["needed_at_top"]
        lines.append(f"projection: {top if top is not None else '?'} prospects at the top for "
                     f"{projection['target_deals']} deals")
        lines.extend(f"warning: {w}" for w in projection["warnings"])
    if chart:
        lines.append(f"wrote {chart}")
    say(*lines, quiet=quiet)
    say(*(f"warning: {w}" for w in report["warnings"]))  # even with --quiet: the data needs fixing


def register(app: typer.Typer) -> None:
    app.command("funnel")(funnel)
