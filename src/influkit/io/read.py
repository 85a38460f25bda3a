"""Read a prospect sheet (CSV or Excel, from a path or stdin) into raw cells under a found header row.

Nothing is interpreted here beyond what is needed to find the table: encodings and delimiters are
sniffed, the header row is searched under title and blank rows, and every data row is kept with its
row number in the sheet so later errors can name it.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InfluError, UsageError
from ..schema import match_header, match_wide_header

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
HEADER_SCAN_ROWS = 30  # how far below the top the header row may be
DELIMITERS = (",", ";", "\t", "|")
SNIFF_LINES = 60


@dataclass
class RawSheet:
    """The cells of one table, below its header row."""

    source: str  # file name as the user gave it ("<stdin>" for -)
    sheet: str | None  # sheet name for workbooks
    header_row: int  # 1-based row number of the header in the sheet/file
    headers: list[str]
    rows: list[list[Any]]  # data rows, each padded to len(headers)
    row_numbers: list[int]  # 1-based sheet row of each data row
    blank_rows: int = 0  # fully empty rows skipped below the header
    encoding: str | None = None
    delimiter: str | None = None
    sheet_names: list[str] = field(default_factory=list)


def header_score(cells: Sequence[Any]) -> int:
    """How much a row looks like a prospect-list header: cells naming known columns."""
    score = 0
    for cell in cells:
        if cell is None or cell == "" or not isinstance(cell, str):
            continue
        if match_header(cell) is not None or match_wide_header(cell) is not None:
            score += 1
    return score


def _is_blank(cells: Iterable[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _find_header(rows: Sequence[Sequence[Any]]) -> int:
    """Index of the header row among the first rows: most known columns, first non-blank as fallback."""
    best, best_score = -1, 1  # at least two known headers to be sure
    for i, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = header_score(cells)
        # a title row has one filled cell; a header has several
        filled = sum(1 for c in cells if c not in (None, ""))
        if score > best_score and filled >= 2:
            best, best_score = i, score
    if best >= 0:
        return best
    for i, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        if sum(1 for c in cells if c not in (None, "")) >= 2:
            return i
    for i, cells in enumerate(rows):
        if not _is_blank(cells):
            return i
    return 0


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _clean_header(cell: Any, index: int) -> str:
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return f"column {_column_letter(index)}"
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return " ".join(str(cell).split())  # line breaks and runs of spaces inside header cells


def _build(
    rows: list[list[Any]], source: str, sheet: str | None, first_row_number: int = 1
) -> RawSheet:
    h = _find_header(rows)
    header_cells = list(rows[h]) if rows else []
    # a table may be wider than its header when data spills right of it
    width = max((len(r) for r in rows[h:]), default=0)
    while len(header_cells) < width:
        header_cells.append(None)
    # drop trailing unnamed columns that hold nothing at all
    while header_cells and header_cells[-1] in (None, "") and all(
        len(r) < len(header_cells) or r[len(header_cells) - 1] in (None, "") for r in rows[h + 1 :]
    ):
        header_cells.pop()
    width = len(header_cells)
    headers = [_clean_header(c, i) for i, c in enumerate(header_cells)]
    data: list[list[Any]] = []
    numbers: list[int] = []
    blank = 0
    for offset, cells in enumerate(rows[h + 1 :], start=h + 1):
        if _is_blank(cells):
            blank += 1
            continue
        row = list(cells[:width])
        if len(row) < width:
            row.extend([None] * (width - len(row)))
        data.append(row)
        numbers.append(first_row_number + offset)
    return RawSheet(
        source=source,
        sheet=sheet,
        header_row=first_row_number + h,
        headers=headers,
        rows=data,
        row_numbers=numbers,
        blank_rows=blank,
    )


# ----------------------------------------------------------------------------------------------- CSV


def _cp1252_or_latin1(error: UnicodeError) -> tuple[str, int]:
    """Bytes that cp1252 leaves undefined (0x81, 0x8D, ...) decode as latin-1."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("latin-1"), error.end


codecs.register_error("influkit-latin1", _cp1252_or_latin1)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252/latin-1."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="influkit-latin1"), "cp1252"


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the sample into the most consistent multi-column rows."""
    sample_lines = []
    for line in io.StringIO(text):
        sample_lines.append(line)
        if len(sample_lines) >= SNIFF_LINES:
            break
    sample = "".join(sample_lines)
    best, best_score = ",", -1.0
    for delim in DELIMITERS:
        if delim not in sample:
            continue
        try:
            parsed = list(csv.reader(io.StringIO(sample), delimiter=delim))
        except csv.Error:
            continue
        widths = [len(r) for r in parsed if r and any(c.strip() for c in r)]
        if len(parsed) >= 2 and not sample.endswith("\n"):
            widths = widths[:-1] or widths  # the last sample row may be cut in the middle
        multi = [w for w in widths if w > 1]
        if not multi:
            continue
        mode = max(set(multi), key=multi.count)
        consistent = multi.count(mode)
        score = consistent * 1000 + mode  # most rows agreeing, then the widest
        if score > best_score:
            best, best_score = delim, score
    return best


def read_csv_bytes(data: bytes, source: str, delimiter: str | None = None) -> RawSheet:
    head = data[:4096]
    if not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and (
        b"\x00" in head or head.startswith(b"%PDF")
    ):
        raise InfluError("not a CSV or spreadsheet file (binary content); influkit reads csv, tsv, xlsx, "
                         "xlsm, xls and ods", file=source)
    text, encoding = decode_text(data)
    delim = delimiter or sniff_delimiter(text)
    try:
        rows: list[list[Any]] = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
    except csv.Error as exc:
        raise InfluError(f"cannot parse as CSV: {exc}", file=source) from exc
    sheet = _build(rows, source, None)
    sheet.encoding = encoding
    sheet.delimiter = delim
    return sheet


# --------------------------------------------------------------------------------------------- Excel


def _open_workbook(data: str | BinaryIO, source: str) -> Any:
    from python_calamine import CalamineWorkbook

    try:
        if isinstance(data, str):
            return CalamineWorkbook.from_path(data)
        return CalamineWorkbook.from_filelike(data)
    except Exception as exc:  # calamine raises its own error types
        raise InfluError(f"cannot open as a spreadsheet: {exc}", file=source) from exc


def _sheet_rows(workbook: Any, name: str, limit: int | None = None) -> tuple[list[list[Any]], int]:
    """Rows of a sheet, and the 1-based sheet row number of the first one."""
    sheet = workbook.get_sheet_by_name(name)
    rows: list[list[Any]] = []
    for row in sheet.iter_rows():
        rows.append(row)
        if limit is not None and len(rows) >= limit:
            break
    # iter_rows yields from the sheet's first row (leading empty columns are skipped, not rows)
    return rows, 1


def pick_sheet(workbook: Any, wanted: str | None, source: str) -> str:
    names: list[str] = list(workbook.sheet_names)
    if not names:
        raise InfluError("the workbook has no sheets", file=source)
    if wanted:
        if wanted in names:
            return wanted
        folded = {n.casefold(): n for n in names}
        if wanted.casefold() in folded:
            return folded[wanted.casefold()]
        if wanted.isdigit() and 1 <= int(wanted) <= len(names):
            return names[int(wanted) - 1]
        raise UsageError(f"no sheet {wanted!r}; sheets are {', '.join(map(repr, names))}", file=source)
    if len(names) == 1:
        return names[0]
    best, best_score = names[0], -1
    for name in names:
        rows, _ = _sheet_rows(workbook, name, HEADER_SCAN_ROWS)
        score = max((header_score(r) for r in rows), default=0)
        if score > best_score:
            best, best_score = name, score
    return best


def read_excel(data: str | BinaryIO, source: str, sheet: str | None = None) -> RawSheet:
    workbook = _open_workbook(data, source)
    name = pick_sheet(workbook, sheet, source)
    rows, first_row = _sheet_rows(workbook, name)
    raw = _build(rows, source, name, first_row_number=first_row)
    raw.sheet_names = list(workbook.sheet_names)
    return raw


def read_other_sheet(path: str, wanted: str) -> RawSheet | None:
    """Another sheet of the same workbook (e.g. a posts sheet), or None when absent."""
    workbook = _open_workbook(path, path)
    names = {n.casefold(): n for n in workbook.sheet_names}
    name = names.get(wanted.casefold())
    if name is None:
        return None
    rows, first_row = _sheet_rows(workbook, name)
    return _build(rows, path, name, first_row_number=first_row)


# ------------------------------------------------------------------------------------------ dispatch


def detect_format(path: str, data_head: bytes | None = None) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return "xlsx"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if data_head is not None:
        if data_head.startswith(b"PK\x03\x04") or data_head.startswith(b"\xd0\xcf\x11\xe0"):
            return "xlsx"
        return "csv"
    return "csv"


def read_sheet(
    path: str,
    *,
    sheet: str | None = None,
    fmt: str | None = None,
    delimiter: str | None = None,
    stdin: BinaryIO | None = None,
) -> RawSheet:
    """Read a CSV or spreadsheet file, or stdin when path is "-"."""
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read()
        kind = fmt or detect_format("", data[:8])
        if kind == "xlsx":
            return read_excel(io.BytesIO(data), "<stdin>", sheet)
        return read_csv_bytes(data, "<stdin>", delimiter)
    p = Path(path)
    if not p.exists():
        raise InfluError("no such file", file=path)
    if p.is_dir():
        raise InfluError("is a directory, not a sheet", file=path)
    if fmt is None:
        with p.open("rb") as fh:
            fmt = detect_format(path, fh.read(8))
    if fmt == "xlsx":
        return read_excel(str(p), path, sheet)
    if fmt != "csv":
        raise UsageError(f"unknown input format {fmt!r} (csv or xlsx)", file=path)
    return read_csv_bytes(p.read_bytes(), path, delimiter)
