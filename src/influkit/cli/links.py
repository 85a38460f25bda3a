"""`influkit links [FILE] --url URL --campaign NAME`: UTM-tagged links and unique promo codes."""

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
)

ORDER = 41


@handles_errors
def links(
    file: ListFileArg = None,
    url: Annotated[str, typer.Option("--url", help="Product link to tag, e.g. https://brand.example/product.")] = "",
    campaign: Annotated[str, typer.Option("--campaign", help="Campaign name (utm_campaign).")] = "",
    code_pattern: Annotated[
        str, typer.Option("--code-pattern", help='Promo code pattern: {HANDLE}, {CREATOR}, {CAMPAIGN}, {PLATFORM}.')
    ] = "{HANDLE}10",
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    in_place: Annotated[
        bool, typer.Option("--in-place", help="Rewrite FILE itself (a FILE.bak copy is kept first).")] = False,
    sheet: SheetOpt = None,
    input_format: FromOpt = None,
    mapping: MapOpt = None,
    db: DbOpt = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Do not update the workspace's list.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Add a UTM-tagged link (tracked_url) to each account and a unique promo code (promo_code) to each
    creator; write the sheet (never over FILE unless --in-place) and make it the workspace's list.

    Default output: <name>.links.xlsx beside FILE; stdout (CSV) without FILE or when FILE is '-'."""
    import shutil

    from ..errors import UsageError
    from ..io.write import format_for_path, write_table
    from ..links import add_links
    from ..store import Store

    if not url or not campaign:
        raise UsageError("links needs --url and --campaign")
    if in_place and (file in (None, "-") or output):
        raise UsageError("--in-place needs a FILE and no --output")
    table, _ = load_list(file, db=db, sheet=sheet, input_format=input_format, mapping=mapping, quiet=quiet)
    if file is None:
        out = output or "-"
    else:
        out = file if in_place else output or (
            "-" if file == "-" else str(__import__("pathlib").Path(file).with_suffix("")) + ".links.xlsx")
    if not in_place:
        refuse_overwriting_input(file, out)
    out_format = format_for_path(out, fmt)
    counts = add_links(table, url=url, campaign=campaign, code_pattern=code_pattern)
    if in_place and file is not None:
        shutil.copy2(file, file + ".bak")
    write_table(table, out, out_format)
    lines = [f"{counts['rows']} rows: {counts['codes_made']} promo codes made ({counts['collisions']} "
             f"collisions resolved), {counts['codes_kept']} kept from the sheet, {counts['codes_replaced']} "
             "replaced (already another creator's)"]
    lines += [f"warning: {w}" for w in counts["warnings"]]
    if not no_store:
        with Store(db) as store:
            store.save_list(table, meta={"links": {"url": url, "campaign": campaign}})
        lines.append(f"the workspace list is now these {len(table)} rows (--no-store to keep it as it was)")
    if out != "-":
        lines.append(f"wrote {out}" + (f" (backup {file}.bak)" if in_place else ""))
    say(*lines, quiet=quiet)


def register(app: typer.Typer) -> None:
    app.command("links")(links)
