"""`influkit shortlist [FILE] --top N -o shortlist.xlsx`: the best-scored creators, client-ready."""

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
    SheetOpt,
    handles_errors,
    list_message,
    option_list,
    refuse_overwriting_input,
    say,
    store_arg,
)

ORDER = 22


@handles_errors
def shortlist(
    file: ListFileArg = None,  # with a FILE, --brand scores it first
    top: Annotated[int | None, typer.Option("--top", "-n", help="Keep the N best.")] = None,
    per_platform: Annotated[int | None, typer.Option("--per-platform", help="At most K per platform.")] = None,
    min_score: Annotated[float | None, typer.Option("--min-score", help="Drop scores below S.")] = None,
    platform: Annotated[list[str] | None, typer.Option("--platform", help="Only this platform (repeatable).")] = None,
    tier: Annotated[list[str] | None, typer.Option("--tier", help="Only this tier (repeatable).")] = None,
    stage: Annotated[
        list[str] | None,
        typer.Option("--stage", help="Only creators at this stage (repeatable; replied, deal, refusé...; all for every "
                     "one). Default: all but those who declined or never replied."),
    ] = None,
    brand: Annotated[
        str | None, typer.Option("--brand", "-b", help="Brand profile (TOML): (re)score before selecting.")
    ] = None,
    output: Annotated[
        str, typer.Option("--output", "-o", help="Output: .xlsx, .csv, .json, .jsonl, .md or .html; '-' for stdout.")
    ] = "-",
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="xlsx, csv, json, jsonl, md or html.")] = None,
    cards: Annotated[
        str | None, typer.Option("--cards", help="Also write one identity card (.md and .html) per creator here.")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of the headers (xlsx, md, html), reasons and identity "
                                 "cards: fr or en (default: the sheet's; csv and json keep the column names).")
    ] = None,
    sheet: SheetOpt = None,
    input_format: FromOpt = None,
    mapping: MapOpt = None,
    campaign: CampaignOpt = None,
    db: DbOpt = None,
    no_store: NoStoreOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Export the best-scored creators for a client (rank order, duplicates skipped).

    The xlsx has formatted columns, clickable profile links, a colour scale on the scores and a second
    sheet with the brand profile and the method; --cards writes identity cards per creator.
    """
    import influkit

    from ..selection import SHORTLIST_FORMATS
    from .render import resolve_format

    refuse_overwriting_input(file, output)
    out_format = resolve_format(output, fmt, SHORTLIST_FORMATS)
    chosen = influkit.shortlist(file, top=top, per_platform=per_platform, min_score=min_score,
                                platform=option_list(platform), tier=option_list(tier), stage=option_list(stage),
                                brand=brand, sheet=sheet, input_format=input_format, mapping=option_list(mapping),
                                store=store_arg(db, no_store), campaign=campaign, lang=lang)
    message = list_message(chosen.full) if chosen.full is not None else None
    if message:
        say(message, quiet=quiet)
    from ..selection import people, write_shortlist

    write_shortlist(chosen, output, out_format, title=chosen.title, profile_rows=chosen.profile_rows,
                    method=chosen.method, lang=chosen.lang)
    chosen_people = people(chosen, range(len(chosen)))
    total, persons = len(chosen), chosen_people
    if chosen.full is not None:  # not TOTAL rows, nor a repeated row of a creator counted already
        dups = chosen.full.get("duplicate_of")
        rows = [i for i in chosen.full.creator_rows() if dups[i] in (None, "")]
        total, persons = len(rows), people(chosen.full, rows)
    # (accounts and creators apart: a person on 2 networks)
    said = (f"{len(chosen)} of {count(total, 'creator')}" if (len(chosen), total) == (chosen_people, persons) else
            f"{len(chosen)} of {count(total, 'account')} ({chosen_people} of {count(persons, 'creator')})")
    lines = [f"{said} shortlisted" + (f", wrote {output} ({out_format})" if output != "-" else "")]
    if chosen.left_out:
        counts = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in sorted(chosen.left_out.items()))
        lines.append(f"left out by stage: {counts}" + ("" if stage else " (--stage to include them)")
                     + "; the export's ranks count the shortlisted creators only (1 to N)")
    if chosen.no_account:
        lines.append(f"left out: {count(chosen.no_account, 'row')} naming no account (no handle, no profile link: "
                     "see their issues)")
    if chosen.blocked:  # accounts, and the persons they are when fewer (a person's networks blocked together)
        who = (count(chosen.blocked, "creator") if chosen.blocked == chosen.blocked_people else
               f"{count(chosen.blocked, 'account')} of {count(chosen.blocked_people, 'creator')}")
        lines.append(f"left out: {who} blocked by the profile (an exclusion or a competitor: see their reasons in "
                     "`influkit score`)")
    if not len(chosen):
        used = [f"--{name.replace('_', '-')} {' '.join(map(str, v if isinstance(v, list) else [v]))}"
                for name, v in chosen.filters.items() if v not in (None, [])]
        lines.append("no creator left after the filters" + (f" ({', '.join(used)})" if used else "")
                     + ": the export is empty")
    if cards:
        from ..cards import write_cards

        paths = write_cards(chosen.cards(), cards, lang=chosen.lang)
        lines.append(f"wrote {len(paths) // 2} identity cards (.md and .html) in {cards}")
    say(*lines, quiet=quiet)


def register(app: typer.Typer) -> None:
    app.command("shortlist")(shortlist)

