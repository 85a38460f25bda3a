"""`influkit links [FILE] --url URL [--campaign NAME]`: UTM-tagged links and unique promo codes."""

from __future__ import annotations

from typing import Annotated

import typer

from ..text import count
from .common import (
    CampaignOpt,
    DbOpt,
    FormatOpt,
    FromOpt,
    InPlaceOpt,
    LangOpt,
    ListFileArg,
    MapOpt,
    NoStoreOpt,
    OutputOpt,
    QuietOpt,
    SheetOpt,
    default_output,
    handles_errors,
    in_place_lines,
    late_warnings,
    list_message,
    option_list,
    refuse_overwriting_input,
    say,
    say_table,
    store_arg,
)

ORDER = 41


@handles_errors
def links(
    file: ListFileArg = None,
    url: Annotated[str, typer.Option("--url", help="Product link to tag, e.g. https://brand.example/product.")] = "",
    campaign: CampaignOpt = None,
    utm_campaign: Annotated[
        str | None, typer.Option("--utm-campaign", help="utm_campaign of the links, as given (default: the campaign's "
                                 "name as a plain word, Éclat d'Hiver -> eclat-d-hiver; with --no-store, --campaign's).")] = None,
    code_pattern: Annotated[
        str, typer.Option("--code-pattern", help="Promo code pattern: {HANDLE}, {CREATOR}, {CAMPAIGN}, {PLATFORM}.")
    ] = "{HANDLE}10",
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    in_place: InPlaceOpt = False,
    lang: LangOpt = None,
    sheet: SheetOpt = None,
    input_format: FromOpt = None,
    mapping: MapOpt = None,
    db: DbOpt = None,
    no_store: NoStoreOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Add a UTM-tagged link per account and a unique promo code per creator.

    tracked_url and promo_code are added; the sheet is written (never over FILE unless --in-place) and
    becomes the workspace's list. Default output: <name>.links.xlsx beside FILE; stdout (CSV, or the
    format of -f csv/json/jsonl) with -f, without FILE or when FILE is '-'; --in-place writes the two
    columns into FILE itself.
    """
    import influkit

    from ..errors import UsageError
    from .render import TABLE_FORMATS, emit_table, resolve_format

    if in_place and (file in (None, "-") or output):
        raise UsageError("--in-place needs a FILE and no --output")
    out = output or default_output(file, "links.xlsx", fmt)
    refuse_overwriting_input(file, out)
    out_format = resolve_format(out, fmt, TABLE_FORMATS)
    table = influkit.links(file, url=url, campaign=campaign, utm_campaign=utm_campaign, code_pattern=code_pattern,
                           sheet=sheet, input_format=input_format, mapping=option_list(mapping),
                           store=store_arg(db, no_store), in_place=in_place, lang=lang)
    message = list_message(table)
    if message:
        say(message, quiet=quiet)
    if not in_place:
        emit_table(table, out, out_format)
    counts = table.counts
    lines = [f"{count(counts['rows'], 'row')}: {count(counts['cells_filled'], 'empty promo-code cell')} filled with "
             f"{count(counts['codes_made'], 'new code')} ({count(counts['collisions'], 'collision')} avoided; a "
             f"creator's other rows get the same code), {counts['codes_kept']} kept from the sheet"
             + (f", {counts['codes_clashing']} also another creator's (kept, see the warnings)"
                if counts["codes_clashing"] else "")]
    lines += [f"warning: {w}" for w in counts["warnings"]] + late_warnings(table)
    if table.saved_to:
        lines.append(f"the workspace list is now {'this row' if len(table) == 1 else f'these {len(table)} rows'} "
                     "(--no-store to keep it as it was)")
    lines.extend(in_place_lines(table))
    if out != "-" and not in_place:
        lines.append(f"wrote {out}")
    say_table(table, *lines, quiet=quiet)


def register(app: typer.Typer) -> None:
    app.command("links")(links)
