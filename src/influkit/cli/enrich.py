"""`influkit enrich FILE`: read, normalise and enrich a prospect sheet."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from .common import (
    DbOpt,
    FormatOpt,
    FromOpt,
    MapOpt,
    OutputOpt,
    PlatformOpt,
    QuietOpt,
    SheetOpt,
    StrictOpt,
    default_output,
    handles_errors,
    no_none,
    option_list,
    refuse_overwriting_input,
    say,
)

ORDER = 10


@handles_errors
def enrich(
    file: Annotated[str, typer.Argument(help="CSV or Excel sheet; '-' reads stdin.")],
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    sheet: SheetOpt = None,
    input_format: FromOpt = None,
    mapping: MapOpt = None,
    platform: PlatformOpt = None,
    tiers: Annotated[
        str | None, typer.Option("--tiers", help='Tier bands, e.g. "micro=10k,mid=50k,macro=500k,mega=1M".')
    ] = None,
    posts: Annotated[
        str | None,
        typer.Option("--posts", help="Posts CSV/xlsx (handle, date, likes, comments, views) for post-based "
                     "engagement; a 'Posts' sheet of the input workbook is used by default."),
    ] = None,
    posts_window: Annotated[int, typer.Option("--posts-window", min=1, help="Last N posts used for engagement.")] = 12,
    currency: Annotated[str, typer.Option("--currency", help="Currency of estimated prices: EUR, USD or GBP.")] = "EUR",
    offline: Annotated[bool, typer.Option("--offline", help="Do not call any platform API.")] = False,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Ask the APIs again even when the cached answer is fresh.")
    ] = False,
    max_age: Annotated[
        str | None,
        typer.Option("--max-age", help='Reuse cached API answers younger than this ("24h", "30m", "2d"; default 24h).'),
    ] = None,
    config: Annotated[
        str | None, typer.Option("--config", help="Config file with API keys (default: the user config dir's config.toml).")
    ] = None,
    window: Annotated[
        int | None, typer.Option("--window", min=1, help="Recent videos/posts averaged per account (default 12).")
    ] = None,
    strict: StrictOpt = False,
    db: DbOpt = None,
    no_store: Annotated[
        bool, typer.Option("--no-store", help="Do not record this run in the workspace database.")
    ] = False,
    quiet: QuietOpt = False,
) -> None:
    """Normalise a prospect sheet (FR/EN headers, "12,5 k", "3,4 %", profile links) and add
    engagement rate and tier. Every input row is in the output, in order, with its unknown columns.

    Default output: <name>.enriched.xlsx beside the input (stdout as CSV when reading stdin).
    """
    from ..config import parse_duration
    from ..errors import EXIT_PARTIAL, UsageError
    from ..io.write import format_for_path, write_table
    from ..pipeline import enrich as run_enrich
    from ..thresholds import TIERS, parse_tier_bands

    try:
        bands = parse_tier_bands(tiers) if tiers else TIERS
    except ValueError as exc:
        raise UsageError(f"--tiers: {exc}") from exc
    out = output or default_output(file, f"enriched.{fmt or 'xlsx'}")
    refuse_overwriting_input(file, out)
    out_format = format_for_path(out, fmt)  # fail on a bad format before doing the work
    live_options = no_none(refresh=refresh or None, max_age=parse_duration(max_age) if max_age else None,
                           config_path=config, window=window)
    bar = None if quiet else LiveProgress()
    if bar is not None:
        live_options["progress"] = bar.update
    try:
        table = run_enrich(file, sheet=sheet, input_format=input_format, mapping=option_list(mapping),
                           platform=platform, tiers=bands, strict=strict, db=db, use_store=not no_store,
                           offline=offline, live_options=live_options, posts=posts, posts_window=posts_window,
                           currency=currency)
    finally:
        if bar is not None:
            bar.close()
    result = write_table(table, out, out_format)
    summary = table.meta["summary"]
    lines = summary.lines(table)
    if "store" in table.meta:
        st = table.meta["store"]
        lines.append(f"workspace {st['path']}: {st['accounts']} accounts, {st['snapshots']} snapshots, "
                     f"{st['stage_events']} stage changes recorded")
    if out != "-":
        extra = ""
        if result.get("link_formulas"):
            extra = f" ({result['links']} links, {result['link_formulas']} more as HYPERLINK formulas)"
        lines.append(f"wrote {out} ({result['rows']} rows, {out_format}){extra}")
    if result.get("truncated"):
        lines.append(f"warning: {result['truncated']} cells longer than Excel's 32,767 characters were cut "
                     "in the xlsx (csv and json keep them whole)")
    live = table.meta.get("live")
    if live:
        from ..providers.live import report_lines

        lines.extend(report_lines(live))
    say(*lines, quiet=quiet)
    if live and live.get("failed"):
        raise typer.Exit(EXIT_PARTIAL)  # finished, but some rows could not be enriched (see `issues`)


class LiveProgress:
    """A rich progress bar on stderr for live stats, drawn only once there is something to fetch."""

    def __init__(self) -> None:
        self.progress: Any = None
        self.task: Any = None

    def update(self, state: dict[str, Any]) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        if self.progress is None:
            console = Console(stderr=True)
            if not console.is_terminal:
                return
            self.progress = Progress(TextColumn("live stats"), BarColumn(), MofNCompleteColumn(),
                                     TextColumn("{task.fields[info]}"), TimeRemainingColumn(),
                                     console=console, transient=True)
            self.progress.start()
            self.task = self.progress.add_task("live", total=state.get("total"), info="")
        self.progress.update(
            self.task, completed=state.get("done", 0),
            info=f"cached {state.get('cached', 0)}, failed {state.get('failed', 0)}, "
                 f"quota {state.get('quota_units', 0)}")

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def register(app: typer.Typer) -> None:
    app.command("enrich")(enrich)
