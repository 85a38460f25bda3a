"""`influkit score [FILE] --brand brand.toml`: fit with the brand's values, explained."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import (
    DbOpt,
    FormatOpt,
    FromOpt,
    ListFileArg,
    MapOpt,
    OutputOpt,
    QuietOpt,
    SheetOpt,
    handles_errors,
    load_list,
    refuse_overwriting_input,
    say,
    stdout_is_terminal,
)

ORDER = 20

BrandOpt = Annotated[str, typer.Option("--brand", "-b", help="Brand profile (TOML); see `influkit brand init`.")]
TERMINAL_ROWS = 25


@handles_errors
def score(
    file: ListFileArg = None,
    brand: BrandOpt = "brand.toml",
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    explain: Annotated[
        str | None, typer.Option("--explain", help="Print the full breakdown of this handle (or creator name).")
    ] = None,
    sheet: SheetOpt = None,
    input_format: FromOpt = None,
    mapping: MapOpt = None,
    db: DbOpt = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Do not save the scores in the workspace.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Score every creator 0-100 against a brand profile: fit (values and themes), engagement,
    authenticity, reach, audience and cost, with a one-line reason each. Adds fit_score, score, rank,
    confidence, reasons and score_<component> columns. The scored list becomes the workspace's current
    list, so `influkit shortlist` can use it.

    Output: -o FILE (xlsx, csv, json, jsonl); default stdout, a readable table on a terminal, CSV on a pipe.
    """
    from ..brand import load_brand
    from ..errors import InfluError
    from ..fit import explain as explain_row
    from ..fit import find_rows, method_lines, score_table
    from ..io.write import format_for_path, write_table
    from ..store import Store

    profile = load_brand(brand)
    refuse_overwriting_input(file, output)
    out_format = format_for_path(output, fmt) if output else (fmt and format_for_path("-", fmt))
    table, _ = load_list(file, db=db, sheet=sheet, input_format=input_format, mapping=mapping, quiet=quiet)
    explained: list[int] = []
    if explain is not None:  # checked before anything is scored or stored
        explained = find_rows(table, explain)
        if not explained:
            raise InfluError(f"no creator with handle or name {explain!r} in the list", file=table.source or None)
    results = score_table(table, profile)
    stored = ""
    empty = len(table) == 0
    if not no_store and not empty:
        with Store(db) as store:
            store.save_list(table, meta={"brand": profile.model_dump(), "brand_file": brand})
            stored = str(store.path)
    if explain is not None:
        for i in explained:
            typer.echo("\n".join(explain_row(table, results, i, profile)))
        typer.echo("\n".join(f"method: {m}" for m in method_lines(profile)))
        return
    if output is None and not fmt and stdout_is_terminal():
        _print_terminal(table)
    else:
        write_table(table, output or "-", out_format or "csv")
    if empty:
        say("the list has no rows: nothing scored"
            + ("; the workspace's current list was left as it was" if not no_store else "")
            + (f"; wrote {output} (0 rows)" if output and output != "-" else ""))
        return
    best = sorted(range(len(table)), key=lambda i: results[i].rank)[:3]
    names = ", ".join(f"{table.get('handle')[i] or table.get('creator')[i]} ({results[i].score:g})" for i in best)
    blocked = sum(1 for r in results if r.blockers)
    lines = [f"scored {len(table)} rows against {profile.name}: best {names}"
             + (f"; {blocked} blocked by exclusions or competitors" if blocked else "")]
    if stored:
        lines.append(f"saved as the current list of {stored}: `influkit shortlist --top N -o shortlist.xlsx`")
    if output and output != "-":
        lines.append(f"wrote {output} ({len(table)} rows)")
    say(*lines, quiet=quiet)


def _print_terminal(table: object) -> None:
    from rich.console import Console
    from rich.table import Table as RichTable

    from ..table import Table

    assert isinstance(table, Table)
    view = RichTable(show_lines=False)
    cols = ["rank", "creator", "platform", "handle", "score", "fit_score", "confidence", "reasons"]
    for c in cols:
        view.add_column(c, overflow="fold", justify="right" if c in ("rank", "score", "fit_score") else "left")
    ranks = table.get("rank")
    order = sorted(range(len(table)), key=lambda i: ranks[i])
    values = {c: table.get(c) for c in cols}
    for i in order[:TERMINAL_ROWS]:
        view.add_row(*("" if values[c][i] is None else str(values[c][i]) for c in cols))
    Console().print(view)
    if len(table) > TERMINAL_ROWS:
        print(f"... {len(table) - TERMINAL_ROWS} more rows: use -o FILE or a pipe for all of them")


def register(app: typer.Typer) -> None:
    app.command("score")(score)
