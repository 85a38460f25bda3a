"""`influkit brand init [FILE]`: write a commented brand profile; `influkit brand check FILE`: validate one."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from .common import QuietOpt, handles_errors, say

ORDER = 21

brand_app = typer.Typer(help="Brand profiles (TOML) used by `score` and `shortlist`.", no_args_is_help=True)


@brand_app.command("init")
@handles_errors
def init(
    file: Annotated[str | None, typer.Argument(help="Where to write the profile; '-' or nothing prints it.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Write a commented brand profile template to edit (values, themes, targets, exclusions, budget, weights)."""
    import influkit

    from ..errors import UsageError
    from ..io.write import atomic_output

    template = influkit.brand_template()
    if file in (None, "-"):
        typer.echo(template, nl=False)
        return
    assert file is not None
    if os.path.exists(file) and not force:
        raise UsageError(f"{file} already exists: use --force to overwrite it")
    with atomic_output(file, binary=False) as fh:
        fh.write(template)
    say(f"wrote {file}: edit it, then run `influkit score --brand {file}`", quiet=quiet)


@brand_app.command("check")
@handles_errors
def check(file: Annotated[str, typer.Argument(help="Brand profile (TOML).")], quiet: QuietOpt = False) -> None:
    """Validate a brand profile and print it as the scorer reads it."""
    import influkit

    brand = influkit.brand_check(file)
    for setting, value in brand.summary_rows():
        if value:
            typer.echo(f"{setting}: {value}")
    say(f"{file}: ok", quiet=quiet)


def register(app: typer.Typer) -> None:
    app.add_typer(brand_app, name="brand")
