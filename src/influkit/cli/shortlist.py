"""`influkit shortlist [FILE] --top N -o shortlist.xlsx`: the best-scored creators, client-ready."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from .common import (
    DbOpt,
    FromOpt,
    ListFileArg,
    MapOpt,
    QuietOpt,
    SheetOpt,
    handles_errors,
    load_list,
    option_list,
    refuse_overwriting_input,
    say,
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
    brand: Annotated[
        str | None, typer.Option("--brand", "-b", help="Brand profile (TOML): (re)score before selecting.")
    ] = None,
    output: Annotated[
        str, typer.Option("--output", "-o", help="Output: .xlsx, .csv, .json, .md or .html; '-' for stdout.")
    ] = "-",
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="xlsx, csv, json, md or html.")] = None,
    cards: Annotated[
        str | None, typer.Option("--cards", help="Also write one identity card (.md and .html) per creator here.")
    ] = None,
    sheet: SheetOpt = None,
    input_format: FromOpt = None,
    mapping: MapOpt = None,
    db: DbOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Select the best-scored creators (rank order, duplicates skipped) and export them for a client:
    the xlsx has formatted columns, clickable profile links, a colour scale on the scores and a second
    sheet with the brand profile and the method. --cards writes identity cards per creator.
    """
    from ..brand import Brand, load_brand
    from ..cards import build_cards, write_cards
    from ..errors import UsageError
    from ..fit import method_lines, score_table
    from ..shortlist import select, shortlist_format, write_shortlist

    refuse_overwriting_input(file, output)
    out_format = shortlist_format(output, fmt)
    if file is not None and brand is None and os.path.exists("brand.toml"):
        brand = "brand.toml"  # as `influkit score` does
    profile: Brand | None = load_brand(brand) if brand else None
    if file is not None and profile is None:
        raise UsageError("with a FILE, give --brand brand.toml to score it")
    table, meta = load_list(file, db=db, sheet=sheet, input_format=input_format, mapping=mapping, quiet=quiet)
    if profile is None and isinstance(meta.get("brand"), dict):
        profile = Brand.model_validate(meta["brand"])
    if profile is not None and (brand or "score" not in table.data):
        score_table(table, profile)
    chosen = select(table, top=top, per_platform=per_platform, min_score=min_score,
                    platforms=option_list(platform), tiers=option_list(tier))
    title = f"Shortlist — {profile.name}" if profile else "Shortlist"
    write_shortlist(chosen, output, out_format, title=title,
                    profile_rows=profile.summary_rows() if profile else None,
                    method=method_lines(profile) if profile else ())
    lines = [f"{len(chosen)} of {len(table)} creators shortlisted"
             + (f", wrote {output} ({out_format})" if output != "-" else "")]
    if not len(chosen):
        used = [f"--{name} {' '.join(map(str, values))}" for name, values in (
            ("top", [top] if top is not None else []), ("per-platform", [per_platform] if per_platform else []),
            ("min-score", [min_score] if min_score is not None else []), ("platform", option_list(platform)),
            ("tier", option_list(tier))) if values]
        lines.append("no creator left after the filters" + (f" ({', '.join(used)})" if used else "")
                     + ": the export is empty")
    if cards:
        paths = write_cards(build_cards(chosen, table), cards)
        lines.append(f"wrote {len(paths) // 2} identity cards (.md and .html) in {cards}")
    say(*lines, quiet=quiet)


def register(app: typer.Typer) -> None:
    app.command("shortlist")(shortlist)
