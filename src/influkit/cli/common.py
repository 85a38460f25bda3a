"""Options shared by several commands, defined once; the helpers every command uses to talk (data on
stdout, everything else on stderr); and the one error handler."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..text import count

if TYPE_CHECKING:
    from ..table import Table
    from ..workspace import StoreArg

OutputOpt = Annotated[
    str | None,
    typer.Option("--output", "-o", help="Output file; '-' for stdout. The format follows the extension."),
]
FormatOpt = Annotated[
    str | None,
    typer.Option("--format", "-f", help="Output format: xlsx, csv, tsv, json or jsonl (default: from -o, csv on a pipe)."),
]
ReportFormatOpt = Annotated[
    str | None,
    typer.Option("--format", "-f", help="table, json or csv (default: from -o, else table on a terminal, csv on a pipe)."),
]
StdoutFormatOpt = Annotated[
    str | None,
    typer.Option("--format", "-f", help="table, json or csv on stdout (default: table on a terminal, csv on a pipe)."),
]
ReportOutputOpt = Annotated[str, typer.Option("--output", "-o", help="Output file; '-' for stdout.")]
ListFileArg = Annotated[
    str | None,
    typer.Argument(help="Prospect sheet, CSV or Excel ('-' reads stdin); default: the workspace's current list."),
]
SheetOpt = Annotated[
    str | None, typer.Option("--sheet", help="Sheet name or 1-based number, or 'all' for every tab that looks like "
                             "a list (default: the one that looks most like the list).")
]
SaveMapOpt = Annotated[
    bool, typer.Option("--save-map", help="Remember the --map fixes for the next file with the same headers "
                       "(maps.json beside the workspace).")
]
FromOpt = Annotated[
    str | None, typer.Option("--from", help="Input format when reading stdin ('-') or to override the extension: "
                             "csv (also tsv), xlsx (also xls, xlsm, ods), json or jsonl. Default: the extension, "
                             "else the first bytes.")
]
MapOpt = Annotated[
    list[str] | None,
    typer.Option("--map", help='Map a header to a column, e.g. --map "Nb fans=followers" (repeatable; "=keep" keeps it as is).'),
]
PlatformOpt = Annotated[
    str | None, typer.Option("--platform", help="Platform of rows that do not say (instagram, tiktok, youtube...).")
]
StrictOpt = Annotated[bool, typer.Option(
    "--strict", help="Exit 1 on the first cell or row that cannot be read (notes on cells that were read pass).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")]
DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="Workspace: a SQLite file or a postgresql://user@host:port/name URL (default: "
                 "$INFLUKIT_DB or ./.influkit/influkit.db).",
                 envvar="INFLUKIT_DB", show_envvar=False),
]
InPlaceOpt = Annotated[
    bool, typer.Option("--in-place", help="Write influkit's columns into FILE itself (xlsx or CSV), to the right of "
                       "your columns; a backup (NAME.bak.xlsx) is kept first. See docs/writing.md.")
]
LangOpt = Annotated[
    str | None, typer.Option("--lang", help="Language of the words written (in cells, prose columns, in-place headers, "
                             "client exports): fr or en (default: the sheet's).")
]
CampaignOpt = Annotated[
    str | None,
    typer.Option("--campaign", help="Campaign of the workspace (default: its default campaign; see `influkit "
                 "campaign list`)."),
]
NoStoreOpt = Annotated[
    bool, typer.Option("--no-store", help="No workspace: nothing is read from or recorded in the database.")
]


def say(*lines: str, quiet: bool = False) -> None:
    """A message for people: stderr, never stdout."""
    if quiet:
        return
    for line in lines:
        print(line, file=sys.stderr)


def say_table(table: Table, *lines: str, quiet: bool = False) -> None:
    """A command's lines about its table; with -q, still the warnings no script may miss (a person who
    asked to be forgotten recorded again)."""
    if quiet:
        say(*(table.meta.get("privacy_warnings") or ()))
    else:
        say(*lines)


def store_arg(db: str | None, no_store: bool) -> StoreArg:
    """The library's `store=` from `--db` / `--no-store`."""
    from ..workspace import DEFAULT

    if no_store:
        return None
    return db if db else DEFAULT


def default_output(input_path: str | None, suffix: str, fmt: str | None = None) -> str:
    """Where a command writes without -o: stdout when the input is stdin or the workspace (None), or
    when -f names a stream format (csv, json, jsonl: `influkit enrich list.csv -f csv | influkit score
    -`); else `<name>.<suffix>` beside the input."""
    if input_path in (None, "-") or (fmt and fmt.lower() != "xlsx"):
        return "-"
    p = Path(input_path)
    return str(p.with_name(f"{p.stem}.{suffix}"))


def option_list(values: list[str] | None) -> list[str]:
    return list(values or [])


def refuse_overwriting_input(file: str | None, output: str | None) -> None:
    """The input is never modified unless asked (`--in-place`): `-o` naming it is a usage error."""
    from ..errors import UsageError

    if not file or not output or "-" in (file, output):
        return
    if os.path.exists(output) and os.path.exists(file) and os.path.samefile(file, output):
        raise UsageError(f"-o {output} is the input file: influkit never overwrites its input; choose another -o")


def in_place_lines(table: Table) -> list[str]:
    """What `--in-place` did, for stderr: columns added and updated per sheet, and the backup."""
    done = table.meta.get("in_place")
    if not done:
        return []
    if done.get("nothing"):
        return [f"nothing written into {done['path']}: {done['nothing']} (the file was left as it was)"]
    lines = []
    for name, sheet in (done.get("sheets") or {}).items():
        where = f" [{name}]" if name and name != "csv" else ""
        lines.append(f"wrote into {done['path']}{where}: {count(sheet.get('rows', 0), 'row')}, "
                     f"{count(len(sheet.get('added') or []), 'column')} added, {len(sheet.get('updated') or [])} updated"
                     + (f", {len(sheet['renamed'])} renamed" if sheet.get("renamed") else ""))
    if done.get("backup"):
        lines.append(f"backup: {done['backup']}")
    return lines


def late_warnings(table: Table) -> list[str]:
    """The warnings a command added to the list after reading it (a forgotten person recorded again by
    `links` or `score`), which the list's own summary does not hold."""
    summary = table.meta.get("summary")
    said = set(getattr(summary, "notes", None) or ())
    return [n for n in table.meta.get("notes") or () if isinstance(n, str) and n.startswith("warning:")
            and n not in said]


def list_message(table: Table) -> str | None:
    """What a command says on stderr about the list it worked on, when it is the workspace's."""
    info = table.meta.get("list") or {}
    if info.get("from") != "workspace":
        return None
    source = info.get("source")
    origin = ("read from stdin" if source == "<stdin>" else f"from {source}") if source else "of unknown origin"
    campaign = f" (campaign {info['campaign']})" if info.get("campaign") else ""
    added = int(table.meta.get("accounts_not_in_list") or 0)  # (appended: not rows of the list's file)
    more = f" and {count(added, 'account')} of the campaign not in it" if added else ""
    return (f"using the workspace list of {info.get('path')}{campaign}: {count(len(table) - added, 'row')} {origin}{more}, "
            f"saved {info.get('saved_at') or '?'}")


# -------------------------------------------------------------------------------------- errors


def debug_enabled() -> bool:
    """--debug or INFLUKIT_DEBUG set to anything but 0, false, no, off or empty."""
    return os.environ.get("INFLUKIT_DEBUG", "").strip().lower() not in ("", "0", "false", "no", "off")


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def interruption(exc: BaseException | None) -> KeyboardInterrupt | None:
    """The Ctrl-C (or the SIGTERM, SIGHUP: `errors.Stopped`) behind `exc`: itself, or what it was raised
    from or while handling (code cleaning up after it failed in turn; typer's exit 130 raised from it)."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, KeyboardInterrupt):
            return exc
        exc, seen = exc.__context__ or exc.__cause__, seen + 1
    return None


def interrupted_code(stop: KeyboardInterrupt) -> int:
    """The exit code of a run stopped by `stop`: 130 for a Ctrl-C, 128 + the signal for the others
    (SIGTERM 143, SIGHUP 129)."""
    from ..errors import EXIT_INTERRUPTED, Stopped

    return stop.exit_code if isinstance(stop, Stopped) else EXIT_INTERRUPTED


_SAID: list[bool] = []  # said during this command line (`app.main` says it only when nothing did)


def say_interrupted(stop: KeyboardInterrupt | None = None) -> None:
    """The line a Ctrl-C (or a SIGTERM, SIGHUP) leaves on stderr: interrupted, or stopped by the signal,
    and whether a workspace had already been changed (its transaction committed: the next run finds it
    as recorded)."""
    from ..errors import Stopped

    _SAID.append(True)
    store = sys.modules.get("influkit.store.base")
    changed = list(getattr(store, "COMMITTED", []) or [])
    what = f"stopped by {stop.name}" if isinstance(stop, Stopped) else "interrupted"
    line = f"influkit: {what}; the workspace {', '.join(changed)} had already recorded this run" if changed else \
        f"influkit: {what}"
    try:
        print(line, file=sys.stderr)
        sys.stderr.flush()
    except (OSError, ValueError):  # (SIGHUP: the terminal is gone)
        pass


def error_exit_code(exc: BaseException) -> int:
    """The one error handler: say what went wrong in one line on stderr and return the exit code
    (0 when the reader of stdout went away). With --debug the caller re-raises instead."""
    import errno

    from ..errors import EXIT_DATA, InfluError

    if isinstance(exc, BrokenPipeError):
        _silence_stdout()  # `| head`: not an error of ours
        return 0
    if (stop := interruption(exc)) is not None:  # Ctrl-C or SIGTERM, also when cleaning up after it failed
        say_interrupted(stop)
        return interrupted_code(stop)
    if isinstance(exc, InfluError):
        print(f"influkit: {exc}", file=sys.stderr)
        return exc.exit_code
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        where = exc.filename or "stdout"
        _silence_stdout()
        print(f"influkit: {where}: no space left on the device; nothing was replaced", file=sys.stderr)
        return EXIT_DATA
    code = getattr(exc, "exit_code", None)
    format_message = getattr(exc, "format_message", None)
    if callable(format_message) and isinstance(code, int):  # click's usage errors: one line too, with the help
        ctx = getattr(exc, "ctx", None)
        path = getattr(ctx, "command_path", None) or "influkit"
        message = " ".join(str(format_message()).split())
        print(f"influkit: {message} (see '{path} --help')", file=sys.stderr)
        return code
    message = " ".join(str(exc).split()) or type(exc).__name__
    print(f"influkit: {type(exc).__name__}: {message} (run with --debug for the traceback)", file=sys.stderr)
    return EXIT_DATA


def handles_errors(func: Any) -> Any:
    """Decorator for command functions: progress bars on stderr for the long steps the library reports
    (`influkit.progress`; never with -q, only on a terminal), and any error through `error_exit_code`
    (so CliRunner and the console script behave the same); with --debug the traceback is shown."""
    import functools

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .. import heap
        from .render import progress_bar

        try:
            with heap.bulk(), progress_bar(bool(kwargs.get("quiet")), fields=("cached", "failed", "quota_units")):
                result = func(*args, **kwargs)
            sys.stdout.flush()
            return result
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:
            if debug_enabled():
                raise
            raise typer.Exit(error_exit_code(exc)) from None

    return wrapper


def shell_word(text: str) -> str:
    """`text` as one word of a shell command a user can paste: as it is when it needs no quoting, in double
    quotes when it has nothing a double quote would expand ("Éclat d'Hiver"), else shlex's quoting."""
    import shlex

    quoted = shlex.quote(text)
    if quoted == text or any(ch in text for ch in '"$`\\!'):
        return quoted
    return f'"{text}"'
