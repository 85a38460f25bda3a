"""`influkit score [FILE] --brand brand.toml`: fit with the brand's values, explained."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ..text import count
from ..thresholds.writing import TERMINAL_TABLE_ROWS
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
    handles_errors,
    in_place_lines,
    late_warnings,
    list_message,
    option_list,
    refuse_overwriting_input,
    say,
    say_table,
    shell_word,
    store_arg,
)

if TYPE_CHECKING:
    from ..table import Table

ORDER = 20

BrandOpt = Annotated[str | None, typer.Option("--brand", "-b", help="Brand profile (TOML); see `influkit brand "
                                               "init` (default: the campaign's profile, else ./brand.toml).")]
TERMINAL_ROWS = TERMINAL_TABLE_ROWS
TERMINAL_COLUMNS = ("rank", "creator", "platform", "handle", "score", "fit_score", "confidence", "reasons")


@handles_errors
def score(
    file: ListFileArg = None,
    brand: BrandOpt = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    explain: Annotated[
        str | None, typer.Option("--explain", help="Print the full breakdown of this handle (or creator name).")
    ] = None,
    sheet: SheetOpt = None,
    input_format: FromOpt = None,
    mapping: MapOpt = None,
    in_place: InPlaceOpt = False,
    lang: LangOpt = None,
    campaign: CampaignOpt = None,
    db: DbOpt = None,
    no_store: NoStoreOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Score every creator 0-100 against a brand profile, with a reason for every point.

    Components: fit (values and themes), engagement, authenticity, reach, audience and cost. Adds
    fit_score, score, rank, confidence, reasons and score_<component> columns. The scored list becomes
    the workspace's current list, so `influkit shortlist` can use it.

    Output: -o FILE (xlsx, csv, tsv, json, jsonl); default stdout, a readable table on a terminal, CSV on a pipe.
    """
    import influkit

    from .render import TABLE_FORMATS, emit_table, print_records, resolve_format

    refuse_overwriting_input(file, output)
    out_format = resolve_format(output, fmt, (*TABLE_FORMATS, "table"), terminal="table")
    scored = influkit.score(file, brand=brand, explain=explain, sheet=sheet, input_format=input_format,
                                mapping=option_list(mapping), store=store_arg(db, no_store), campaign=campaign,
                                in_place=in_place, lang=lang)
    message = list_message(scored)
    if message:
        say(message, quiet=quiet)
    if explain is not None:
        if out_format in ("json", "jsonl"):
            from .render import write_document

            write_document(scored.explanation_dict(), output or "-")
        else:
            typer.echo("\n".join(scored.explanation()))
        return

    def terminal(table: Table) -> None:
        ranks = table.get("rank")
        print_records(table, columns=TERMINAL_COLUMNS, limit=TERMINAL_ROWS,
                      order=sorted(range(len(table)), key=lambda i: (ranks[i] is None, ranks[i] or 0)))
        # (unranked rows last: blocked creators, then TOTAL and section rows, in sheet order)

    if not in_place or output or fmt:
        emit_table(scored, output or "-", out_format, terminal=terminal)
    if not len(scored):
        say("the list has no rows: nothing scored"
            + ("; the workspace's current list was left as it was" if not no_store else "")
            + (f"; wrote {output} (0 rows)" if output and output != "-" else ""))
        return
    names = ", ".join(f"{scored.get('handle')[i] or scored.get('creator')[i] or f'row {scored.source_rows[i]}'} "
                      f"({scored.get('score')[i]:g})" for i in scored.best(3))
    assert scored.brand is not None
    rows = scored.creator_rows()
    dups = scored.get("duplicate_of")
    repeated = sum(1 for i in rows if dups[i] not in (None, ""))
    ranked = len(rows)
    lines = [f"scored {count(ranked - repeated, 'account')}"
             + (f" (and {count(repeated, 'repeated row')}, ranked with its first)" if repeated else "")
             + f" against {scored.brand.name}: best {names}"
             + (f" ({count(len(scored) - ranked, 'total or section row')} left out)" if ranked < len(scored) else "")
             + (f"; {scored.blocked} blocked by exclusions or competitors" if scored.blocked else "")]
    if scored.saved_to:
        where = "".join(f" {flag} {shell_word(value)}" for flag, value in (("--campaign", campaign), ("--db", db))
                        if value)  # the next command as it must be typed (a campaign's name may hold ' or spaces)
        lines.append(f"saved as the current list of {scored.saved_to}: `influkit shortlist{where} --top N -o "
                     "shortlist.xlsx`")
    lines.extend(late_warnings(scored))
    if output and output != "-":
        lines.append(f"wrote {output} ({count(len(scored), 'row')})")
    lines.extend(in_place_lines(scored))
    say_table(scored, *lines, quiet=quiet)


def register(app: typer.Typer) -> None:
    app.command("score")(score)
