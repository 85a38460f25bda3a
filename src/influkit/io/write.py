"""Write a table as xlsx (formatted for people), csv, json or jsonl (raw values for programs).

- Atomic: the output is written to a temporary file beside the target and renamed over it, so a
  killed run never leaves half a file. `-` writes to stdout.
- Formula-safe: text that Excel would run as a formula (starting with = + - @, tab or CR) gets a
  leading apostrophe in xlsx and csv; json keeps the raw text. Numbers are never touched.
- No lost links: xlsxwriter keeps at most 65,530 hyperlinks per sheet and drops the rest with a
  warning, so URL-looking strings are never auto-converted; profile links are written on purpose,
  as native hyperlinks up to Excel's limit and as HYPERLINK() formulas (with the URL as cached value)
  beyond it. Every URL survives, and stays clickable.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from ..errors import InfluError, UsageError
from ..schema import kind_of
from ..table import Table, jsonable

FORMATS = ("xlsx", "csv", "json", "jsonl")
EXCEL_HYPERLINK_LIMIT = 65_530  # per worksheet (Excel's limit, enforced by xlsxwriter)
EXCEL_URL_MAX = 255  # longest URL a HYPERLINK() formula string accepts
EXCEL_CELL_MAX = 32_767  # longest text a cell holds (Excel's limit); csv and json keep it whole
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# columns a program reads as numbers: never neutralised even when negative
_NUMERIC_KINDS = ("count", "rate", "money", "number", "fraction", "signed")
_NUM, _TEXT, _LINK = range(3)  # how write_xlsx writes a column's cells
WIDTH_SAMPLE_ROWS = 500
MAX_COLUMN_WIDTH = 60


def neutralise(text: str) -> str:
    """Text safe from formula execution in spreadsheet programs (OWASP CSV injection advice)."""
    if text and text[0] in FORMULA_TRIGGERS:
        return "'" + text
    return text


def format_for_path(path: str, fmt: str | None) -> str:
    if fmt:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        return fmt
    if path == "-":
        return "csv"
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in ("xlsx", "xlsm"):
        return "xlsx"
    if suffix in FORMATS:
        return suffix
    if suffix == "ndjson":
        return "jsonl"
    raise UsageError(f"cannot tell the format of {path!r}: use --format {'|'.join(FORMATS)}")


@contextmanager
def atomic_output(path: str, binary: bool = True) -> Iterator[IO[Any]]:
    """A file object whose content replaces `path` only when the block succeeds; `-` is stdout."""
    if path == "-":
        stream: IO[Any] = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
        return
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.exists():
        raise InfluError("folder does not exist", file=str(directory))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=directory)
    try:
        mode = "wb" if binary else "w"
        kwargs: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600: give the file the target's mode, or what the umask allows a new file
        if target.exists():
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def write_table(table: Table, path: str, fmt: str | None = None, **options: Any) -> dict[str, Any]:
    """Write the table; returns counts (rows, links written as links, ...) for the summary."""
    fmt = format_for_path(path, fmt)
    if fmt == "xlsx":
        return write_xlsx(table, path, **options)
    with atomic_output(path, binary=False) as fh:
        if fmt == "csv":
            write_csv(table, fh)
        elif fmt == "json":
            write_json(table, fh)
        else:
            write_jsonl(table, fh)
    return {"rows": len(table), "format": fmt}


# ------------------------------------------------------------------------------------ text formats


def _csv_cell(value: Any, numeric: bool) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return value if numeric else neutralise(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return repr(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def write_csv(table: Table, fh: IO[str]) -> None:
    columns = table.columns
    numeric = [kind_of(c) in _NUMERIC_KINDS for c in columns]
    values = [table.get(c) for c in columns]
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow([neutralise(c) for c in columns])  # headers come from the user's sheet too
    for k in range(len(table)):
        writer.writerow([_csv_cell(v[k], num) for v, num in zip(values, numeric, strict=True)])


def _json_default(value: Any) -> Any:
    converted = jsonable(value)
    if converted is value:
        return str(value)
    return converted


def _json_rows(table: Table) -> Iterator[str]:
    columns = table.columns
    values = [table.get(c) for c in columns]
    for k in range(len(table)):
        row = {c: jsonable(v[k]) for c, v in zip(columns, values, strict=True)}
        yield json.dumps(row, ensure_ascii=False, default=_json_default)


def write_json(table: Table, fh: IO[str]) -> None:
    fh.write("[")
    for k, line in enumerate(_json_rows(table)):
        fh.write(",\n" if k else "\n")
        fh.write(line)
    fh.write("\n]\n")


def write_jsonl(table: Table, fh: IO[str]) -> None:
    for line in _json_rows(table):
        fh.write(line)
        fh.write("\n")


# ------------------------------------------------------------------------------------------- xlsx


def _width(header: str, values: list[Any]) -> float:
    longest = len(header)
    for v in values[:WIDTH_SAMPLE_ROWS]:
        if v is None:
            continue
        n = len(v) if isinstance(v, str) else 10 if isinstance(v, dt.date) else len(f"{v:,}") if isinstance(
            v, int | float) else len(str(v))
        longest = max(longest, n)
    return min(MAX_COLUMN_WIDTH, longest + 2)


def _hyperlink_formula(url: str) -> str:
    return f'=HYPERLINK("{url.replace(chr(34), chr(34) * 2)}")'


def write_xlsx(
    table: Table,
    path: str,
    *,
    sheet_name: str = "influkit",
    extra_sheets: list[tuple[str, list[list[Any]]]] | None = None,
    color_scale: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Formatted workbook: bold frozen header, filters, % on rates, thousands separators, dates,
    clickable profile links, widths from the content; optional extra sheets of plain rows."""
    import xlsxwriter

    counts: dict[str, Any] = {"rows": len(table), "format": "xlsx", "links": 0, "link_formulas": 0, "links_as_text": 0,
              "truncated": 0}
    buffer = io.BytesIO() if path == "-" else None
    with atomic_output(path) as fh:
        target: Any = buffer if buffer is not None else fh
        workbook = xlsxwriter.Workbook(
            target,
            {"constant_memory": True, "strings_to_urls": False, "strings_to_formulas": False,
             "strings_to_numbers": False, "nan_inf_to_errors": True},
        )
        header_fmt = workbook.add_format(
            {"bold": True, "bg_color": "#1F3A5F", "font_color": "#FFFFFF", "text_wrap": True, "valign": "top",
             "border": 1})
        kind_fmt = {
            "rate": workbook.add_format({"num_format": "0.00%"}),
            "fraction": workbook.add_format({"num_format": "0.00%"}),
            "count": workbook.add_format({"num_format": "#,##0"}),
            "signed": workbook.add_format({"num_format": "+#,##0;-#,##0;0"}),
            "money": workbook.add_format({"num_format": "#,##0.00"}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        }
        link_fmt = workbook.add_format({"font_color": "#0563C1", "underline": 1})
        # formula-like text is stored as text with Excel's own "quote prefix" (what typing a leading
        # apostrophe does): shown as typed, never run, even when the cell is edited
        quote = workbook.add_format({"quote_prefix": True})
        quote_fmt: dict[Any, Any] = {None: quote}
        ws = workbook.add_worksheet(sheet_name[:31])
        columns = table.columns
        values = [table.get(c) for c in columns]
        # the undecorated writers when xlsxwriter has them: the public ones re-parse "A1" arguments
        write_string = getattr(ws, "_write_string", ws.write_string)
        write_number = getattr(ws, "_write_number", ws.write_number)
        specs: list[tuple[int, list[Any], int, Any, Callable[[int, int, Any], None]]] = []
        for col, (name, vals) in enumerate(zip(columns, values, strict=True)):
            kind = kind_of(name)
            fmt = kind_fmt.get(kind or "")
            ws.set_column(col, col, _width(name, vals), fmt)
            if kind == "url":
                specs.append((col, vals, _LINK, fmt, _link_writer(ws, link_fmt, counts)))
            else:
                mode = _NUM if kind in _NUMERIC_KINDS else _TEXT
                specs.append((col, vals, mode, fmt, _cell_writer(ws, fmt, numeric=kind in _NUMERIC_KINDS)))
        ws.write_row(0, 0, columns, header_fmt)
        ws.freeze_panes(1, 0)
        n = len(table)
        if columns:
            ws.autofilter(0, 0, max(n, 1), len(columns) - 1)
        triggers = FORMULA_TRIGGERS
        for k in range(n):
            r = k + 1
            for col, vals, mode, fmt, generic in specs:
                v = vals[k]
                if v is None:
                    continue
                if mode == _LINK:
                    generic(r, col, v)
                    continue
                t = type(v)
                if t is str and mode != _NUM:
                    if len(v) > EXCEL_CELL_MAX:
                        v = v[:EXCEL_CELL_MAX]
                        counts["truncated"] += 1
                    if v and v[0] in triggers:
                        write_string(r, col, v, quote_fmt.get(fmt, quote))
                    else:
                        write_string(r, col, v, fmt)
                elif t is int or (t is float and v - v == 0):  # finite numbers (bool, NaN, inf: generic)
                    write_number(r, col, v, fmt)
                else:
                    generic(r, col, v)
        for name in color_scale:
            if name in columns and n:
                c = columns.index(name)
                ws.conditional_format(1, c, n, c, {"type": "3_color_scale", "min_color": "#F8696B",
                                                   "mid_color": "#FFEB84", "max_color": "#63BE7B"})
        for title, rows in extra_sheets or []:
            extra = workbook.add_worksheet(title[:31])
            extra.set_column(0, 0, 28)
            extra.set_column(1, 1, 80)
            for r, row in enumerate(rows):
                for c, v in enumerate(row):
                    _plain_write(extra, r, c, v, header_fmt if r == 0 else None)
        workbook.close()
        if buffer is not None:
            fh.write(buffer.getvalue())
    return counts


def _plain_write(ws: Any, r: int, c: int, v: Any, fmt: Any) -> None:
    if v is None:
        return
    if isinstance(v, str):
        ws.write_string(r, c, neutralise(v), fmt)
    elif isinstance(v, bool):
        ws.write_boolean(r, c, v, fmt)
    elif isinstance(v, int | float):
        ws.write_number(r, c, v, fmt)
    else:
        ws.write_string(r, c, str(v), fmt)


def _cell_writer(ws: Any, fmt: Any, numeric: bool) -> Callable[[int, int, Any], None]:
    write_string, write_number, write_datetime, write_boolean = (
        ws.write_string, ws.write_number, ws.write_datetime, ws.write_boolean)

    def write(r: int, c: int, v: Any) -> None:
        t = type(v)
        if t is str:
            write_string(r, c, v if numeric else neutralise(v), fmt)
        elif t is int or t is float:
            if t is float and (v != v or v in (math.inf, -math.inf)):
                return
            write_number(r, c, v, fmt)
        elif t is bool:
            write_boolean(r, c, v, fmt)
        elif isinstance(v, dt.date):
            write_datetime(r, c, v, fmt)
        elif isinstance(v, dt.time | dt.timedelta):
            write_string(r, c, str(v), fmt)
        else:
            write_string(r, c, neutralise(str(v)), fmt)

    return write


def _link_writer(ws: Any, fmt: Any, counts: dict[str, Any]) -> Callable[[int, int, Any], None]:
    write_url = getattr(ws, "_write_url", ws.write_url)
    write_formula = getattr(ws, "_write_formula", ws.write_formula)

    def write(r: int, c: int, v: Any) -> None:
        url = str(v)
        safe = url.startswith(("http://", "https://", "mailto:"))
        if (safe and counts["links"] < EXCEL_HYPERLINK_LIMIT and len(url) <= 2079
                and write_url(r, c, url, fmt, url) == 0):
            counts["links"] += 1
            return
        if safe and len(url) <= EXCEL_URL_MAX:
            write_formula(r, c, _hyperlink_formula(url), fmt, url)
            counts["link_formulas"] += 1
            return
        ws.write_string(r, c, neutralise(url))
        counts["links_as_text"] += 1

    return write
