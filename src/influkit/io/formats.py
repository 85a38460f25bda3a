"""Output formats named by a file's extension: the one rule (`-o out.xlsx` is xlsx) every writer and
the command line use."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import UsageError

# other spellings of an extension
ALIASES = {"xlsm": "xlsx", "ndjson": "jsonl", "markdown": "md", "htm": "html", "tsv": "csv", "txt": "csv"}
# extensions influkit reads but does not write, and what to write instead
NOT_WRITTEN = {"xls": "xlsx", "xlsb": "xlsx", "ods": "xlsx", "parquet": "csv"}


def written_through(path: str | Path) -> bool:
    """An existing target that is not a regular file (a device such as /dev/null, a pipe, a socket)."""
    import stat

    try:
        return not stat.S_ISREG(Path(path).stat().st_mode)
    except OSError:
        return False


def format_of(path: str, fmt: str | None, choices: Sequence[str], *, default: str = "csv") -> str:
    """`fmt` when given (checked against `choices`), else the format `path`'s extension names;
    `default` for stdout ('-') and for a target without extension that is no regular file (/dev/null, a
    named pipe). A usage error says what to do otherwise."""
    names = ", ".join(choices)
    if fmt is not None:
        fmt = fmt.strip().lower()
        if fmt == "text" and fmt not in choices and "table" in choices:
            return "table"  # what a terminal shows: `inspect` calls it text, the others table
        if fmt not in choices:
            raise UsageError(f"unknown format {fmt!r}; choose one of {names}")
        return fmt
    if path == "-":
        return default
    suffix = Path(path).suffix.lower().lstrip(".")
    if not suffix and written_through(path):
        return default  # /dev/null, a named pipe, a terminal: what stdout gets
    suffix = ALIASES.get(suffix, suffix)
    if suffix in choices:
        return suffix
    if suffix in NOT_WRITTEN:
        raise UsageError(f"-o {path}: {suffix} is not written; use .{NOT_WRITTEN[suffix]} (or --format)")
    raise UsageError(f"-o {path}: cannot tell the format from the extension; use one of {names} as the "
                     "extension, or --format")
