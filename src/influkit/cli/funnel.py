"""`influkit funnel [FILE]`: outreach funnel, time in stage, rates by channel, follow-ups, projection."""

from __future__ import annotations

from typing import Annotated

import typer

from ..text import count
from .common import (
    CampaignOpt,
    DbOpt,
    FromOpt,
    ListFileArg,
    MapOpt,
    NoStoreOpt,
    QuietOpt,
    ReportFormatOpt,
    ReportOutputOpt,
    SheetOpt,
    handles_errors,
    list_message,
    option_list,
    say,
    store_arg,
)

ORDER = 40


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
    chart: Annotated[str | None, typer.Option("--chart", metavar="FILE.png", help="Also draw the funnel as a PNG image.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language of the chart: fr or en (default: the sheet's).")] = None,
    sheet: SheetOpt = None,
    input_format: FromOpt = None,
    mapping: MapOpt = None,
    campaign: CampaignOpt = None,
    db: DbOpt = None,
    no_store: NoStoreOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Report the outreach funnel: losses, time in stage, who to chase, deals projection.

    Where prospects are lost, how long each stage takes, who to chase, and how many prospects must
    enter the funnel to close N deals. JSON schema: docs/funnel.md.
    """
    import influkit

    from ..labels import check_lang
    from .render import REPORT_FORMATS, emit_report, resolve_format, write_document

    chart_lang = check_lang(lang)
    out_format = resolve_format(output, fmt, REPORT_FORMATS, terminal="table")
    report = influkit.funnel(file, by=by, since=since, until=until, target_deals=target_deals,
                             stale_days=stale_days, sheet=sheet, input_format=input_format,
                             mapping=option_list(mapping), store=store_arg(db, no_store), campaign=campaign)
    if follow_ups and out_format == "json":
        write_document(report["follow_ups"], output)
    else:
        emit_report(report, output, out_format, sections=["follow_ups"] if follow_ups else None,
                    more={"follow_ups": "--follow-ups -f csv, or -f json,"})
    if chart:
        report.chart(chart, lang=chart_lang)
    lines = [m for m in [list_message(report.table)] if m] if report.table is not None else []
    unit = {"people": ("person", "people"), "accounts": ("account", "accounts")}.get(report["unit"])
    lines.append(f"{count(report['prospects'], *unit) if unit else report['prospects']} in the funnel "
                 f"({count(report['rows']['total'], 'row')}, "
                 f"{report['rows']['merged_into_people']} merged into people, "
                 f"{count(report['rows']['duplicates_skipped'], 'duplicate')} skipped); "
                 f"{count(len(report['follow_ups']['items']), 'follow-up')} due")
    projection = report["projection"]
    if projection:
        top = projection["needed_at_top"]
        lines.append(f"projection: {count(top, 'prospect') if top is not None else '? prospects'} at the top for "
                     f"{count(projection['target_deals'], 'deal')}")
        lines.extend(f"warning: {w}" for w in projection["warnings"])
    if output != "-":
        lines.append(f"wrote {output} ({out_format})")
    if chart:
        lines.append(f"wrote {chart}")
    say(*lines, quiet=quiet)
    say(*(f"warning: {w}" for w in report["warnings"]))  # even with --quiet: the data needs fixing


def register(app: typer.Typer) -> None:
    app.command("funnel")(funnel)
