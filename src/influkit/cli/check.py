"""`influkit check FILE`: the disclosure check of published posts (docs/compliance.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..text import count
from .common import (
    FromOpt,
    QuietOpt,
    SheetOpt,
    handles_errors,
    option_list,
    refuse_overwriting_input,
    say,
)

ORDER = 45


@handles_errors
def check(
    file: Annotated[str, typer.Argument(help="Posts file or sheet with captions (csv, xlsx, ods, json); '-' reads stdin.")],
    rules: Annotated[
        str | None,
        typer.Option("--rules", help="Rule sets, comma-separated: fr (loi 2023-451, ARPP), us (FTC), uk (ASA/CAP), eu "
                     "(UCPD, DSA), or all. Default: the brand profile's, else fr."),
    ] = None,
    brand: Annotated[
        str | None, typer.Option("--brand", "-b", help="Brand profile (TOML): sectors, image mentions, default rules.")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of the reasons, and of the xlsx's headers and verdicts: fr or en "
                                 "(default: the captions', else the sheet's headers').")
    ] = None,
    output: Annotated[str, typer.Option("--output", "-o", help="Output file; '-' for stdout.")] = "-",
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="csv, tsv, json, jsonl or xlsx (default: from -o, csv on stdout).")
    ] = None,
    sheet: SheetOpt = None,
    input_format: FromOpt = None,
    mapping: Annotated[
        list[str] | None,
        typer.Option("--map", help='Name a column: --map "Texte=caption" (repeatable; fields: caption, overlay, '
                     "title, link, platform, format, flag, published, handle, age)."),
    ] = None,
    platform: Annotated[
        str | None, typer.Option("--platform", help="Network of rows that do not say (instagram, tiktok, youtube...).")
    ] = None,
    quiet: QuietOpt = False,
) -> None:
    """Check that every post is disclosed as the law asks (French law first; FTC, ASA, EU with --rules).

    One row per post, in input order, with disclosure (ok, missing, insufficient, late), the rule ids
    that fired (compliance), one reason per rule with its source, and warnings for what a checker cannot
    decide. Every input column is kept.

    --map "Header=field" names a column (fields: caption, overlay, title, link, platform, format, flag,
    published, handle, age). Exit codes: 0 the check ran (even when posts are not compliant), 1 bad data
    (unreadable file, no caption column), 2 usage error.
    """
    import influkit

    from ..campaign.compliance import CHECK_FORMATS, write_check
    from .render import data_out, resolve_format

    refuse_overwriting_input(file, output)
    out_format = resolve_format(output, fmt, CHECK_FORMATS)
    result = influkit.check(file, rules=rules, brand=brand, lang=lang, sheet=sheet, input_format=input_format,
                            mapping=option_list(mapping), platform=platform)
    with data_out(output):
        written = write_check(result, output, out_format, lang=lang)
    lines = result.summary_lines()
    if output != "-":
        lines.append(f"wrote {output} ({count(written['rows'], 'row')}, {out_format})")
    say(*lines, quiet=quiet)


def register(app: typer.Typer) -> None:
    app.command("check")(check)
