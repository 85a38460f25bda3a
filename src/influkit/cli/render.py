"""The one rendering place of the command line: output formats (from `--format` or the `-o`
extension, one error message), terminal tables (rich), report and table writers (through
`influkit.io.write`: atomic, formula-safe), JSON documents, and the progress bar on stderr.

Command modules parse options, call the library once and hand the result to a function here.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from ..reports import Report
from ..table import Table

TABLE_FORMATS = ("xlsx", "csv", "tsv", "json", "jsonl")
REPORT_FORMATS = ("table", "json", "csv")


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def resolve_format(output: str | None, fmt: str | None, choices: Sequence[str], *,
                   terminal: str | None = None) -> str:
    """The output format: `--format` when given (checked against `choices`), else the extension of
    `-o`, else `terminal` (e.g. "table") when stdout is a terminal, else csv. One message for every
    command when it cannot be decided (`influkit.io.formats`)."""
    from ..io.formats import format_of

    if fmt is None and (not output or output == "-") and terminal and stdout_is_terminal():
        return terminal
    return format_of(output or "-", fmt, choices)


def write_document(data: Any, path: str) -> None:
    """A JSON document (a report), pretty-printed, atomically ('-' is stdout)."""
    from ..io.write import atomic_output
    from ..thresholds.writing import JSON_PIECES

    encoder = json.JSONEncoder(ensure_ascii=False, indent=2, default=str)
    with data_out(path), atomic_output(path, binary=False) as fh:
        # written as it is encoded, a block of pieces at a time: the same text as json.dumps, never held
        # whole (a 500k-row funnel's 61 MB of JSON, made of millions of pieces, took 250 MB more)
        pieces: list[str] = []
        for piece in encoder.iterencode(data):
            pieces.append(piece)
            if len(pieces) >= JSON_PIECES:
                fh.write("".join(pieces))
                pieces.clear()
        fh.write("".join(pieces))
        fh.write("\n")


def data_out(output: str) -> Any:
    """Around writing a command's data: no progress bars while it goes to stdout ('-'), where they
    would mix with it on the terminal (or with what a pipe's reader prints there)."""
    from contextlib import nullcontext

    from ..progress import hushed

    return hushed() if output == "-" else nullcontext()


def emit_table(table: Table, output: str, fmt: str, *, terminal: Callable[[Table], None] | None = None,
               **options: Any) -> dict[str, Any]:
    """Write a table in `fmt` to `output` ('-' is stdout); "table" draws it on the terminal."""
    if fmt == "table":
        (terminal or print_records)(table)
        return {"rows": len(table), "format": "table"}
    from ..io.write import write_table

    with data_out(output):
        return write_table(table, output, fmt, **options)


def emit_report(report: Report, output: str, fmt: str, *, sections: Sequence[str] | None = None,
                more: Mapping[str, str] | None = None) -> None:
    """A report as JSON (`to_dict()`), CSV (its main section) or text tables (its sections, the first
    TERMINAL_TABLE_ROWS rows of each, on the terminal or into `output`; a section cut short says how to
    get all of it: `more[section]`, else -f json, and -f csv for the main section)."""
    if fmt == "json":
        write_document(report.to_dict(), output)
    elif fmt == "csv":
        section = sections[0] if sections else report.csv_section()
        emit_table(report.section_table(section), output, "csv")
    elif output == "-":
        _report_tables(report, sections, None, more or {})
    else:
        from rich.console import Console

        from ..io.write import atomic_output

        with atomic_output(output, binary=False) as fh:  # (a file: every column, as wide as they are)
            _report_tables(report, sections, Console(file=fh, width=10_000, no_color=True, highlight=False),
                           more or {})


def _report_tables(report: Report, sections: Sequence[str] | None, console: Any, more: Mapping[str, str]) -> None:
    from ..thresholds.writing import TERMINAL_TABLE_ROWS

    for section in sections or report.sections():
        columns, rows = report.rows(section)
        title = section.replace("_", " ")
        print_table(title, columns, rows[:TERMINAL_TABLE_ROWS], console=console)
        if len(rows) > TERMINAL_TABLE_ROWS:
            how = more.get(section) or ("-f csv or -f json" if section == report.csv_section() else "-f json")
            line = f"... {len(rows) - TERMINAL_TABLE_ROWS:,} more rows of {title}: {how} for all of them"
            if console is None:
                print(line)
            else:
                console.print(line)


def print_records(table: Table, *, title: str = "", columns: Sequence[str] | None = None,
                  order: Sequence[int] | None = None, limit: int | None = None) -> None:
    """A Table on the terminal: `columns` (those it has), rows in `order`, the first `limit` of them."""
    cols = [c for c in (columns or table.columns) if c in table.data]
    values = {c: table.get(c) for c in cols}
    indexes = list(order if order is not None else range(len(table)))[:limit]
    print_table(title, cols, [{c: values[c][i] for c in cols} for i in indexes])
    if limit is not None and len(table) > limit:
        print(f"... {len(table) - limit} more rows: use -o FILE or a pipe for all of them")


# ------------------------------------------------------------------------------- terminal tables


def _cell(value: Any, column: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and ("rate" in column or "conversion" in column or column in ("roi",)):
        return f"{value * 100:.1f}%"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


# Long free text: folds onto several lines when the terminal is narrow.
FOLD_COLUMNS = ("creator", "reason", "handle", "promo_code")
FOLD_FLOOR = 12  # a folded column is never made narrower than this (or its header)
# Values that mean nothing once cut: their column keeps its full width or is left out.
UNCUT_TEXT_COLUMNS = ("since",)
TEXT_COLUMNS = ("stage", "creator", "handle", "reason", "owner", "from", "to", "platform", "since")
# Left out first when even the narrowest layout does not fit (then the rightmost others; never the first).
DROP_FIRST = ("since", "platform", "owner", "p75_days", "stage", "reason", "handle")


PROSE_MIN_WIDTH = 40  # a column whose cells are longer text than this folds like the named ones


def _prose(cells: list[str]) -> bool:
    """A column holding running text (a cell of words longer than PROSE_MIN_WIDTH): it folds onto
    several lines rather than be left out."""
    return any(len(c) > PROSE_MIN_WIDTH and " " in c for c in cells)


def _folding(columns: list[str], cells: dict[str, list[str]]) -> set[str]:
    return {c for c in columns if c in FOLD_COLUMNS or _prose(cells[c])}


def _widths(columns: list[str], header: dict[str, str], cells: dict[str, list[str]], room: int,
            drop_first: tuple[str, ...]) -> tuple[dict[str, int], list[str]]:
    """Column widths for a table `room` cells wide, and the columns left out to get there."""
    from rich.cells import cell_len

    fold = _folding(columns, cells)
    values = {c: max([0, *(cell_len(line) for v in cells[c] for line in v.splitlines())]) for c in columns}
    natural = {c: max(cell_len(header[c]), values[c]) for c in columns}
    word = {c: max(cell_len(w) for w in header[c].split() or [""]) for c in columns}  # headers may wrap

    def floor(k: int, c: str) -> int:
        if c in fold:
            return min(natural[c], max(cell_len(header[c]), FOLD_FLOOR))
        if k == 0 or c not in TEXT_COLUMNS or c in UNCUT_TEXT_COLUMNS:
            return max(word[c], values[c])  # numbers, dates and the first (key) column are never cut
        return word[c]  # a label: cut with "…" down to its header

    kept = list(columns)
    dropped: list[str] = []
    order = [c for c in drop_first if c in columns[1:]] + [c for c in reversed(columns[1:]) if c not in drop_first]
    # every column costs its width plus 3 cells (padding and border), plus one for the left edge
    while len(kept) > 1 and sum(floor(columns.index(c), c) + 3 for c in kept) + 1 > room:
        gone = next(c for c in order if c in kept)
        kept.remove(gone)
        dropped.append(gone)
    for c in reversed(dropped[:-1]):  # a narrow column left out early may fit once a wide one is out
        if sum(floor(columns.index(k), k) + 3 for k in [*kept, c]) + 1 <= room:
            kept.append(c)
            dropped.remove(c)
    kept.sort(key=columns.index)
    width = {c: floor(columns.index(c), c) for c in kept}
    spare = room - 1 - sum(width[c] + 3 for c in kept)
    # spare room goes first to labels cut short, then to folded text, evenly
    for c in sorted((c for c in kept if c not in fold), key=lambda c: natural[c] - width[c]):
        extra = min(spare, natural[c] - width[c])
        width[c] += max(extra, 0)
        spare -= max(extra, 0)
    folding = [c for c in kept if c in fold]
    while spare > 0 and any(width[c] < natural[c] for c in folding):
        for c in folding:
            if spare > 0 and width[c] < natural[c]:
                width[c] += 1
                spare -= 1
    return width, dropped


def print_table(title: str, columns: list[str], rows: list[dict[str, Any]], *, console: Any = None,
                drop_first: tuple[str, ...] = DROP_FIRST) -> None:
    """A Rich table on stdout (terminal output only). When it is wider than the terminal, long text folds,
    labels are cut with "…" down to their header, and if that is not enough whole columns are left out
    (said on stderr). `console` (a rich Console) is for tests."""
    from rich.console import Console
    from rich.table import Table as RichTable

    console = console or Console()
    header = {c: c.replace("_", " ") for c in columns}
    cells = {c: [_cell(row.get(c), c) for row in rows] for c in columns}

    folding = _folding(columns, cells)

    def layout(kept: list[str], width: dict[str, int] | None) -> RichTable:
        table = RichTable(title=title, title_justify="left", header_style="bold")
        for c in kept:
            left = c == columns[0] or c in TEXT_COLUMNS or c in folding
            fold = c in folding
            if width is None:  # it fits: as it always was
                table.add_column(header[c], justify="left" if left else "right",
                                 no_wrap=c not in ("creator", "reason") and c not in folding, overflow="ellipsis",
                                 min_width=14 if c in ("creator", "reason") else None)
            else:
                table.add_column(header[c], justify="left" if left else "right", width=width[c],
                                 overflow="fold" if fold else "ellipsis")
        for k in range(len(rows)):
            table.add_row(*(cells[c][k] for c in kept))
        return table

    table = layout(columns, None)
    if console.measure(table, options=console.options.update_width(10**6)).maximum > console.width:
        width, dropped = _widths(columns, header, cells, console.width, drop_first)
        table = layout([c for c in columns if c not in dropped], width)
        if dropped:
            print(f"narrow terminal: columns {', '.join(header[c] for c in dropped)} left out"
                  f"{f' of {title}' if title else ''}; "
                  "use --format csv for everything", file=sys.stderr)
    console.print(table)


# ------------------------------------------------------------------------------------ progress


class Progress:
    """Progress bars on stderr, one per step (reading, scoring, live stats, writing...), with counts and
    time left; drawn only when stderr is a terminal and not `quiet` (scripts and pipes stay quiet).
    `update` takes the dicts the library sends (`influkit.progress`): step, done, total, finished, and
    counters named in `fields` (cached, failed...)."""

    def __init__(self, label: str = "", *, quiet: bool = False, fields: Sequence[str] = (),
                 console: Any = None) -> None:
        self.label = label
        self.console = console  # a rich Console (tests); default: stderr
        self.quiet = quiet
        self.fields = tuple(fields)
        self.progress: Any = None
        self.tasks: dict[str, Any] = {}

    def _start(self) -> bool:
        if self.progress is None:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            console = self.console
            if console is None:
                self._file = _own_stderr()
                console = Console(file=self._file) if self._file is not None else Console(stderr=True)
            if not console.is_terminal:
                self.quiet = True
                return False
            self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                     _counts_column(), TextColumn("{task.fields[info]}"), TimeElapsedColumn(),
                                     TimeRemainingColumn(), console=console, transient=True,
                                     redirect_stdout=False, redirect_stderr=False)  # data stays on stdout
            self.progress.start()
        return True

    def update(self, state: dict[str, Any]) -> None:
        if self.quiet or (state.get("finished") and self.progress is None) or not self._start():
            return
        name = str(state.get("step") or self.label)
        task = self.tasks.get(name)
        if state.get("finished"):
            if task is not None:
                self.progress.remove_task(task)
                del self.tasks[name]
            if not self.tasks:  # nothing running: the terminal is the command's again
                self.progress.stop()
                self.progress = None
            return
        if task is None:
            task = self.tasks[name] = self.progress.add_task(name, total=state.get("total"), info="",
                                                             unit=state.get("unit") or "")
        info = ", ".join(f"{f.replace('_', ' ')} {state[f]}" for f in self.fields if f in state)
        self.progress.update(task, completed=state.get("done", 0), total=state.get("total"), info=info,
                             unit=state.get("unit") or "")

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
        if self._file is not None:
            self._file.close()
            self._file = None

    _file: Any = None


def _own_stderr() -> Any:
    """A copy of the terminal's stderr for the bars: the reader sends file descriptor 2 elsewhere while
    the Rust spreadsheet reader runs (to hide what it prints when it panics), and the bars keep being
    drawn. None when stderr is no file (a test's capture)."""
    import os

    try:
        fd = os.dup(sys.stderr.fileno())
    except (AttributeError, OSError, ValueError):
        return None
    return os.fdopen(fd, "w", encoding=sys.stderr.encoding or "utf-8", errors="replace")


def _counts_column() -> Any:
    """The counts of a step: "12,000/100,000 rows"; only what is done while the total is not known yet
    (nothing at 0, where rich's own column says "0/?")."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class Counts(ProgressColumn):
        def render(self, task: Any) -> Text:
            unit = task.fields.get("unit") or ""
            done = int(task.completed)
            if task.total is None:
                shown = f"{done:,} {unit}" if done else ""
            else:
                shown = f"{done:,}/{int(task.total):,} {unit}"
            return Text(shown.strip(), style="progress.download")

    return Counts()


@contextmanager
def progress_bar(quiet: bool = False, fields: Sequence[str] = ()) -> Iterator[Progress]:
    """Progress bars on stderr for the library steps run inside the block (`influkit.progress`)."""
    from ..progress import reporting

    bar = Progress(quiet=quiet, fields=fields)
    try:
        with reporting(bar.update):
            yield bar
    finally:
        bar.close()
