"""Options shared by several commands, defined once, and the helpers every command uses to talk:
data on stdout, everything else on stderr."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

OutputOpt = Annotated[
    str | None,
    typer.Option("--output", "-o", help="Output file; '-' for stdout. The format follows the extension."),
]
FormatOpt = Annotated[
    str | None,
    typer.Option("--format", "-f", help="Output format: xlsx, csv, json or jsonl (default: from -o, csv on a pipe)."),
]
ReportFormatOpt = Annotated[
    str | None,
    typer.Option("--format", "-f", help="table, json or csv (default: table on a terminal, csv on a pipe)."),
]
ReportOutputOpt = Annotated[str, typer.Option("--output", "-o", help="Output file; '-' for stdout.")]
ListFileArg = Annotated[
    str | None,
    typer.Argument(help="Prospect sheet, CSV or Excel ('-' reads stdin); default: the workspace's current list."),
]
SheetOpt = Annotated[
    str | None, typer.Option("--sheet", help="Sheet name or 1-based number (default: the one that looks like the list).")
]
FromOpt = Annotated[
    str | None, typer.Option("--from", help="Input format when reading stdin ('-'): csv or xlsx.")
]
MapOpt = Annotated[
    list[str] | None,
    typer.Option("--map", help='Map a header to a column, e.g. --map "Nb fans=followers" (repeatable; "=keep" keeps it as is).'),
]
PlatformOpt = Annotated[
    str | None, typer.Option("--platform", help="Platform of rows that do not say (instagram, tiktok, youtube...).")
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Exit 1 on the first cell that cannot be read.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")]
DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="Workspace database (default: $INFLUKIT_DB or ./.influkit/influkit.db).",
                 envvar="INFLUKIT_DB"),
]


def say(*lines: str, quiet: bool = False) -> None:
    """A message for people: stderr, never stdout."""
    if quiet:
        return
    for line in lines:
        print(line, file=sys.stderr)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def default_output(input_path: str, suffix: str) -> str:
    """`<name>.<suffix>` beside the input; stdout when the input is stdin."""
    if input_path == "-":
        return "-"
    p = Path(input_path)
    return str(p.with_name(f"{p.stem}.{suffix}"))


def debug_enabled() -> bool:
    return os.environ.get("INFLUKIT_DEBUG", "") not in ("", "0")


def option_list(values: list[str] | None) -> list[str]:
    return list(values or [])


def no_none(**kwargs: Any) -> dict[str, Any]:
    return {k: v for k, v in kwargs.items() if v is not None}


def handles_errors(func: Any) -> Any:
    """Decorator for commands: an InfluError becomes one line on stderr and its exit code
    (the traceback only with --debug), whether run from the console script or CliRunner."""
    import functools

    from ..errors import InfluError

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except BrokenPipeError:
            # the reader of stdout went away (`| head`): not an error, and nothing more to say there
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except InfluError as exc:
            if debug_enabled():
                raise
            print(f"influkit: {exc}", file=sys.stderr)
            raise typer.Exit(exc.exit_code) from None

    return wrapper


def refuse_overwriting_input(file: str | None, output: str | None) -> None:
    """The input is never modified unless asked (`links --in-place`): `-o` naming it is a usage error."""
    from ..errors import UsageError

    if not file or not output or "-" in (file, output):
        return
    if os.path.exists(output) and os.path.exists(file) and os.path.samefile(file, output):
        raise UsageError(f"-o {output} is the input file: influkit never overwrites its input; choose another -o")


def load_list(
    file: str | None,
    *,
    db: str | None,
    sheet: str | None = None,
    input_format: str | None = None,
    mapping: list[str] | None = None,
    quiet: bool = False,
) -> tuple[Any, dict[str, Any]]:
    """(table, list meta) for commands that take an optional FILE: the FILE enriched offline exactly as
    `influkit enrich` would (metrics, flags, prices; the workspace is not touched), or the workspace's
    current list, said on stderr so a script knows which list it worked on."""
    if file is not None:
        from ..pipeline import enrich

        table = enrich(file, sheet=sheet, input_format=input_format, mapping=option_list(mapping),
                       use_store=False, offline=True)
        return table, {}
    from ..store import Store

    with Store(db) as store:
        table = store.load_list()
        meta = store.list_meta()
        path = store.path
    say(f"using the workspace list of {path}: {len(table)} rows from {meta.get('source') or '?'}, "
        f"saved {meta.get('saved_at', '?')}", quiet=quiet)
    return table, meta
