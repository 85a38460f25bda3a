"""`influkit funnel [FILE]`: outreach funnel, time in stage, rates by channel, follow-ups, projection."""

from __future__ import annotations

import datetime as dt
import sys
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


# Long free text: folds onto several lines when the terminal is narrow.
FOLD_COLUMNS = ("creator", "reason", "handle", "promo_code")
FOLD_FLOOR = 12  # a folded column is never made narrower than this (or its header)
# Values that mean nothing once cut: their column keeps its full width or is left out.
UNCUT_TEXT_COLUMNS = ("since",)
TEXT_COLUMNS = ("stage", "creator", "handle", "reason", "owner", "from", "to", "platform", "since")
# Left out first when even the narrowest layout does not fit (then the rightmost others; never the first).
DROP_FIRST = ("since", "platform", "owner", "p75_days", "stage", "reason", "handle")


def _widths(columns: list[str], header: dict[str, str], cells: dict[str, list[str]], room: int,
            drop_first: tuple[str, ...]) -> tuple[dict[str, int], list[str]]:
    """Column widths for a table `room` cells wide, and the columns left out to get there."""
    from rich.cells import cell_len

    values = {c: max([0, *(cell_len(line) for v in cells[c] for line in v.splitlines())]) for c in columns}
    natural = {c: max(cell_len(header[c]), values[c]) for c in columns}
    word = {c: max(cell_len(w) for w in header[c].split() or [""]) for c in columns}  # headers may wrap

    def floor(k: int, c: str) -> int:
        if c in FOLD_COLUMNS:
            return min(natural[c], max(cell_len(header[c]), FOLD_FLOOR))
        if k == 0 or c not in TEXT_COLUMNS or c in UNCUT_TEXT_COLUMNS:
            return max(word[c], values[c])  # numbers, dates and the first (key) column are never cut
        return word[c]  # a label: cut with "…" down to its header

    kept = list(columns)
    dropped: list[str] = []
    order = [c for c in drop_first if c in columns[1:]] + [c for c in reversed(columns[1:]) if c not in drop_first]
    # every column costs its width plus 3 cells (padding and border), plus one for the left edge
    while len(kept) > 1 and sum(floor(columns.index(c), c) + 3 for c in kept) + 1 > room:
        gone = next(c for c in order if c in kept)
        kept.remove(gone)
        dropped.append(gone)
    for c in reversed(dropped[:-1]):  # a narrow column left out early may fit once a wide one is out
        if sum(floor(columns.index(k), k) + 3 for k in [*kept, c]) + 1 <= room:
            kept.append(c)
            dropped.remove(c)
    kept.sort(key=columns.index)
    width = {c: floor(columns.index(c), c) for c in kept}
    spare = room - 1 - sum(width[c] + 3 for c in kept)
    # spare room goes first to labels cut short, then to folded text, evenly
    for c in sorted((c for c in kept if c not in FOLD_COLUMNS), key=lambda c: natural[c] - width[c]):
        extra = min(spare, natural[c] - width[c])
        width[c] += max(extra, 0)
        spare -= max(extra, 0)
    folding = [c for c in kept if c in FOLD_COLUMNS]
    while spare > 0 and any(width[c] < natural[c] for c in folding):
        for c in folding:
            if spare > 0 and width[c] < natural[c]:
                width[c] += 1
                spare -= 1
    return width, dropped


def print_table(title: str, columns: list[str], rows: list[dict[str, Any]], *, console: Any = None,
                drop_first: tuple[str, ...] = DROP_FIRST) -> None:
    """A Rich table on stdout (terminal output only). When it is wider than the terminal, long text folds,
    labels are cut with "…" down to their header, and if that is not enough whole columns are left out
    (said on stderr). `console` (a rich Console) is for tests."""
    from rich.console import Console
    from rich.table import Table as RichTable

    console = console or Console()
    header = {c: c.replace("_", " ") for c in columns}
    cells = {c: [_cell(row.get(c), c) for row in rows] for c in columns}

    def layout(kept: list[str], width: dict[str, int] | None) -> RichTable:
        table = RichTable(title=title, title_justify="left", header_style="bold")
        for c in kept:
            left = c == columns[0] or c in TEXT_COLUMNS
            fold = c in FOLD_COLUMNS
            if width is None:  # it fits: as it always was
                table.add_column(header[c], justify="left" if left else "right",
                                 no_wrap=c not in ("creator", "reason"), overflow="ellipsis",
                                 min_width=14 if c in ("creator", "reason") else None)
            else:
                table.add_column(header[c], justify="left" if left else "right", width=width[c],
                                 overflow="fold" if fold else "ellipsis")
        for k in range(len(rows)):
            table.add_row(*(cells[c][k] for c in kept))
        return table

    table = layout(columns, None)
    if console.measure(table, options=console.options.update_width(10**6)).maximum > console.width:
        width, dropped = _widths(columns, header, cells, console.width, drop_first)
        table = layout([c for c in columns if c not in dropped], width)
        if dropped:
            print(f"narrow terminal: columns {', '.join(header[c] for c in dropped)} left out of {title}; "
                  "use --format csv for everything", file=sys.stderr)
    console.print(table)


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
