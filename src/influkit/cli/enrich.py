"""`influkit enrich FILE`: read, normalise and enrich a prospect sheet."""

from __future__ import annotations

from typing import Annotated

import typer

from ..text import count
from ..thresholds import FX_PER_EUR
from .common import (
    CampaignOpt,
    DbOpt,
    FormatOpt,
    FromOpt,
    InPlaceOpt,
    LangOpt,
    MapOpt,
    NoStoreOpt,
    OutputOpt,
    PlatformOpt,
    QuietOpt,
    SaveMapOpt,
    SheetOpt,
    StrictOpt,
    default_output,
    handles_errors,
    in_place_lines,
    option_list,
    refuse_overwriting_input,
    say_table,
    store_arg,
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
    save_map: SaveMapOpt = False,
    platform: PlatformOpt = None,
    tiers: Annotated[
        str | None, typer.Option("--tiers", help='Tier bands, e.g. "micro=10k,mid=50k,macro=500k,mega=1M".')
    ] = None,
    posts: Annotated[
        str | None,
        typer.Option("--posts", help="Posts CSV/xlsx (handle, date, likes, comments, views) for post-based "
                     "engagement; by default a tab of the input workbook named like posts ('Posts', 'Publications') whose "
                     "columns are posts; --posts '' reads none."),
    ] = None,
    posts_window: Annotated[int, typer.Option("--posts-window", min=1, help="Last N posts used for engagement.")] = 12,
    currency: Annotated[str | None, typer.Option(
        "--currency", help=f"Currency of estimated prices: {', '.join(FX_PER_EUR)} (the rates influkit has; default: "
                           "the campaign's budget's, else the sheet's prices' when they are all in one of those, "
                           "else EUR).")] = None,
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
    in_place: InPlaceOpt = False,
    lang: LangOpt = None,
    campaign: CampaignOpt = None,
    db: DbOpt = None,
    no_store: NoStoreOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Normalise a prospect sheet and add engagement rate, tier, trend, flags and a fair price.

    FR/EN headers, "12,5 k", "3,4 %", profile links are understood; every input row is in the output,
    in order, with its unknown columns. Default output: <name>.enriched.xlsx beside the input; stdout
    as CSV when reading stdin, and in the format of -f csv/json/jsonl without -o.
    """
    import influkit

    from ..errors import EXIT_PARTIAL, UsageError
    from .render import TABLE_FORMATS, emit_table, resolve_format

    if in_place and (output or fmt):
        raise UsageError("--in-place writes into FILE itself: leave out -o/--format")
    out = output or default_output(file, "enriched.xlsx", fmt)
    refuse_overwriting_input(file, out)
    out_format = resolve_format(out, fmt, TABLE_FORMATS)  # fail on a bad format before doing the work
    table = influkit.enrich(file, sheet=sheet, input_format=input_format, mapping=option_list(mapping),
                                platform=platform, tiers=tiers, posts=posts, posts_window=posts_window,
                                currency=currency, offline=offline, refresh=refresh, max_age=max_age,
                                config=config, window=window, strict=strict, store=store_arg(db, no_store),
                                campaign=campaign, in_place=in_place, lang=lang, save_map=save_map)
    result = {} if in_place else emit_table(table, out, out_format)
    lines = table.meta["summary"].lines(table)
    if "store" in table.meta:
        st = table.meta["store"]
        lines.append(f"workspace {st['path']}, campaign {st['campaign']}: {count(st['accounts'], 'account')}, "
                     f"{count(st['snapshots'], 'snapshot')}, {count(st['stage_events'], 'stage change')} recorded")
        if st.get("unrecorded"):
            named = st.get("unrecorded_rows") or []
            more = ", ..." if st["unrecorded"] > len(named) else ""
            lines.append(f"{count(st['unrecorded'], 'row')} naming no account (no network and handle, or a handle "
                         f"the network does not allow) not recorded: {'row' if st['unrecorded'] == 1 else 'rows'} "
                         f"{', '.join(named)}{more} "
                         f"({'it needs' if st['unrecorded'] == 1 else 'each needs'} a network and a handle, or a "
                         "profile link; --platform gives every row without one a network)")
        if st.get("left_out"):
            n = st["left_out"]
            lines.append(f"{n} of the campaign's accounts {'is' if n == 1 else 'are'} not in this sheet: "
                         f"{'it stays' if n == 1 else 'they stay'} in the campaign (funnel --campaign counts them)")
        if st.get("repeated_accounts"):
            lines.append(f"{count(st['repeated_accounts'], 'account')} on several rows: current numbers recorded from "
                         "each one's most recent row (the latest date of the sheet's date column, else the last row)")
        if st.get("stage_dates_corrected"):
            lines.append(f"{count(st['stage_dates_corrected'], 'stage date')} corrected from the sheet (its date for "
                         "the stage changed since the import that recorded it; funnel --campaign counts from it)")
        if st.get("kept_from_other_files"):
            n = st["kept_from_other_files"]
            named = st.get("kept_from_other_files_named") or []
            more = ", ..." if n > len(named) else ""
            lines.append(f"{count(n, 'creator')} kept at a later stage another file or a hand set: "
                         f"{'; '.join(named)}{more} (a file moves a creator back only from a stage it set "
                         "itself; `influkit creator HANDLE` shows who set it)")
        if st.get("kept_by_hand"):
            lines.append(f"{count(st['kept_by_hand'], 'stage')} set by hand (influkit set) kept: the sheet still says "
                         "what it said at its last import (write the stage into it with `influkit set --sheet`)")
    lines.extend(in_place_lines(table))
    if out != "-" and not in_place:
        extra = ""
        if result.get("link_formulas") or result.get("links_as_text"):
            extra = (f" ({count(result['links'], 'link')}, {result.get('link_formulas', 0)} more as HYPERLINK "
                     f"{'formula' if result.get('link_formulas', 0) == 1 else 'formulas'}")
            if result.get("links_as_text"):
                extra += (f", {result['links_as_text']} left as text: not a web or mail address, or over 255 "
                          "characters past Excel's 65,530 links")
            extra += ")"
        lines.append(f"wrote {out} ({count(result['rows'], 'row')}, {out_format}){extra}")
    if result.get("truncated"):
        lines.append(f"warning: {count(result['truncated'], 'cell')} longer than Excel's 32,767 characters "
                     f"{'was' if result['truncated'] == 1 else 'were'} cut "
                     "in the xlsx (csv and json keep them whole)")
    live = table.meta.get("live")
    if live:
        from ..providers.live import report_lines

        lines.extend(report_lines(live))
    say_table(table, *lines, quiet=quiet)
    if live and live.get("failed"):
        raise typer.Exit(EXIT_PARTIAL)  # finished, but some rows could not be enriched (see `issues`)


def register(app: typer.Typer) -> None:
    app.command("enrich")(enrich)
