"""influkit's columns appended to the user's own CSV, everything else kept byte for byte.

The file's encoding (UTF-8 with or without BOM, UTF-16 with BOM, cp1252), delimiter, quoting style
(every field quoted, or only where needed) and line endings (each record keeps its own) are kept:
records are split on the raw text, the user's fields are copied as they were (never re-quoted), and
only influkit's fields are added (or replaced on a later run, found by their header labels).
Numbers use the file's decimal mark (a `;` file with decimal commas gets `0,034`); text that a
spreadsheet would run as a formula gets a leading apostrophe, as in influkit's CSV exports; a
character the file's encoding cannot hold (an emoji in a cp1252 file) becomes `?` and is counted.
"""

from __future__ import annotations

import codecs
import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..errors import InfluError
from ..labels import headers_language
from ..table import Table
from . import inplace as I
from . import parse as P
from .read import sniff_delimiter
from .xlsx import NUMERIC_KINDS

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+\Z")


def _fold(err: UnicodeError) -> tuple[str, int]:
    """What a character the file's encoding lacks becomes (a cp1252 CSV written in place): a space for
    any space (the narrow no-break space of French numbers), the letter without its accent, else "?"."""
    assert isinstance(err, UnicodeEncodeError)
    out = []
    for ch in err.object[err.start:err.end]:
        folded = " " if unicodedata.category(ch) == "Zs" else "".join(
            c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        try:
            folded.encode(err.encoding)
        except UnicodeEncodeError:
            folded = ""
        out.append(folded or "?")
    return "".join(out), err.end


codecs.register_error("influkit-fold", _fold)

def _records(text: str) -> list[tuple[str, str]]:
    """(content, line ending) of each record, quoted line breaks kept inside their record."""
    out: list[tuple[str, str]] = []
    pending: list[str] = []
    quotes = 0
    for m in _LINE.finditer(text):
        line = m.group()
        quotes += line.count('"')
        pending.append(line)
        if quotes % 2:
            continue
        record = "".join(pending)
        pending.clear()
        quotes = 0
        body = record.rstrip("\r\n")
        out.append((body, record[len(body):]))
    if pending:
        record = "".join(pending)
        body = record.rstrip("\r\n")
        out.append((body, record[len(body):]))
    return out


def _spans(record: str, delim: str) -> list[tuple[int, int]]:
    """Start and end of each field of a record."""
    spans = []
    i, n = 0, len(record)
    while True:
        start = i
        j = i
        if i < n and record[i] == '"':
            j = i + 1
            while True:
                k = record.find('"', j)
                if k < 0:
                    j = n
                    break
                if k + 1 < n and record[k + 1] == '"':
                    j = k + 2
                    continue
                j = k + 1
                break
        end = record.find(delim, j)
        if end < 0:
            spans.append((start, n))
            return spans
        spans.append((start, end))
        i = end + 1


def _unquote(field: str) -> str:
    field = field.strip()
    if len(field) >= 2 and field[0] == '"' and field[-1] == '"':
        return field[1:-1].replace('""', '"')
    return field


def _decimal_comma(records: list[tuple[str, str]], delim: str) -> bool:
    if delim == ",":
        return False
    sample = delim.join(body for body, _ in records[:200])
    commas = points = 0
    for number in _NUMBER.findall(sample):
        mark = P.decimal_mark(number)
        commas += mark == ","
        points += mark == "."
    return commas > points or (delim == ";" and points == 0)  # `;` files come from locales with a decimal comma


_NUMBER = re.compile(r"(?<![\w.,])\d[\d.,]*\d(?![\w.,]|[.,]\d)")


@dataclass
class _CsvFile:
    """A CSV file as the in-place writer edits it: its records on the raw text (one character per byte,
    the user's bytes come back unchanged), and its header row."""

    wide: bool  # UTF-16: the text is the decoded text
    bom: bytes
    encoding: str
    records: list[tuple[str, str]]
    delim: str
    header_spans: list[tuple[int, int]]
    header_fields: list[str]
    headers: dict[int, str]  # 0-based column -> header text

    def decode(self, field: str) -> str:
        return field if self.wide else field.encode("latin-1").decode(self.encoding, "replace")


def _load(path: str, header_row: int, table: Table | None) -> _CsvFile:
    """The file read for an edit; an InfluError when its header row is gone or no longer holds the headers
    influkit read from it (`table`)."""
    with open(path, "rb") as fh:
        raw = fh.read()
    bom = b""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, text = "utf-16", raw.decode("utf-16")
        wide = True
    else:
        wide = False
        if raw.startswith(codecs.BOM_UTF8):
            bom, raw = codecs.BOM_UTF8, raw[3:]
        try:
            raw.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1252"
        text = raw.decode("latin-1")  # one character per byte: the user's bytes come back unchanged
    records = _records(text)
    f = _CsvFile(wide, bom, encoding, records, "", [], [], {})
    f.delim = (table.meta.get("delimiter") if table is not None else None) or sniff_delimiter(
        "\n".join(f.decode(b) for b, _ in records[:60]))
    h = header_row - 1
    if not 0 <= h < len(records):
        raise InfluError(f"no header row {header_row}", file=path)
    f.header_spans = _spans(records[h][0], f.delim)
    f.header_fields = [records[h][0][s:e] for s, e in f.header_spans]
    f.headers = {i: f.decode(_unquote(x)) for i, x in enumerate(f.header_fields) if _unquote(x).strip()}
    if table is not None:
        present = {I._norm(x) for x in f.headers.values()}
        missing = [x for x in I._table_headers(table) if I._norm(x) not in present]
        if missing:
            raise InfluError(f"row {header_row} does not hold the headers influkit read ({missing[0]!r} is "
                             "missing): the file changed or was read differently; nothing was changed", file=path)
    return f


def check_csv(path: str, header_row: int, table: Table) -> None:
    """What `edit_csv` refuses before it writes anything (`inplace.check_sheets`)."""
    _load(path, header_row, table)


def edit_csv(
    path: str, jobs: list[I.SheetJob], lang: str | None, backup: bool, expected: I.Stamp | None,
    table: Table | None,
) -> dict[str, Any]:
    if len(jobs) != 1:
        raise InfluError("a CSV file has one sheet: the table's rows name several", file=path)
    job = jobs[0]
    start = I.file_stamp(path)
    loaded = _load(path, job.header_row, table)
    wide, bom, encoding, records, delim = loaded.wide, loaded.bom, loaded.encoding, loaded.records, loaded.delim
    header_spans, header_fields, headers = loaded.header_spans, loaded.header_fields, loaded.headers
    h = job.header_row - 1
    unencodable = 0

    def encode(field: str) -> str:
        nonlocal unencodable
        if wide:
            return field
        data = field.encode(encoding, "influkit-fold")
        if data.count(b"?") != field.count("?"):
            unencodable += 1
        return data.decode("latin-1")

    quote_all = bool(header_fields) and all(len(f) >= 2 and f[0] == f[-1] == '"' for f in header_fields)
    width = len(header_spans)
    for r in job.rows:
        if 0 <= r - 1 < len(records):
            width = max(width, len(_spans(records[r - 1][0], delim)))
    language = lang or headers_language(headers.values())
    placed = I.place_columns(headers, None, job.wants, language, width, relabel=job.clear)
    comma = _decimal_comma(records, delim)
    from .write import neutralise

    def field(value: Any, kind: str | None) -> str:
        if value is None:
            out = ""
        elif isinstance(value, bool):
            out = "true" if value else "false"
        elif isinstance(value, float):
            out = "" if math.isnan(value) or math.isinf(value) else repr(value)
            if comma:
                out = out.replace(".", ",")
        elif isinstance(value, int):
            out = str(value)
        elif isinstance(value, dt.date):
            out = value.isoformat()
        else:
            out = str(value) if kind in NUMERIC_KINDS else neutralise(str(value))
        if quote_all or any(ch in out for ch in (delim, '"', "\r", "\n")):
            out = '"' + out.replace('"', '""') + '"'
        return encode(out)

    def rewrite(index: int, cells: dict[int, str]) -> None:
        body, end = records[index]
        spans = _spans(body, delim) if body or cells else []
        fields = [body[s:e] for s, e in spans]
        need = max(cells) + 1
        if len(fields) < need:
            fields.extend([('""' if quote_all else "")] * (need - len(fields)))
        for i, value in cells.items():
            fields[i] = value
        records[index] = (delim.join(fields), end)

    header_cells = {p.index: field(p.label or p.rename, None) for p in placed
                    if p.label is not None or p.rename is not None}
    if header_cells:
        rewrite(h, header_cells)
    grown = len(_spans(records[h][0], delim))
    rewritten: set[int] = set()
    for r in job.rows:
        k = r - 1
        if k <= h or k >= len(records):
            continue
        cells = {}
        for p in placed:
            values = job.values[(p.want.column, p.want.platform)]
            if r in values or job.clear:
                cells[p.index] = field(I._cell_value(p, values.get(r), language), p.kind)
        if cells:
            rewrite(k, cells)
            rewritten.add(k)
    if grown > len(header_spans):
        # the columns added to the header are added to every row that had the header's width, empty: each
        # line keeps as many fields as the header (RFC 4180; a strict reader refuses a short line)
        empty = '""' if quote_all else ""
        for k in range(h + 1, len(records)):
            body, end = records[k]
            if k not in rewritten and body and len(_spans(body, delim)) == len(header_spans):
                records[k] = (body + (delim + empty) * (grown - len(header_spans)), end)
    # the last record had no line ending: it still has none
    new_text = "".join(body + end for body, end in records)
    data = new_text.encode("utf-16") if wide else bom + new_text.encode("latin-1")

    def write(fh: Any) -> None:
        fh.write(data)

    saved = I.commit(path, write, start, expected, backup)
    return {
        "path": path, "format": "csv", "backup": str(saved) if saved else None,
        "sheets": {"": {"rows": len(job.rows), "lang": language,
                        "added": [p.label for p in placed if p.label is not None],
                        "updated": [p.rename or headers.get(p.index, "") for p in placed if p.label is None],
                        "renamed": {headers.get(p.index, ""): p.rename for p in placed if p.rename is not None}}},
        "encoding": "utf-8-sig" if bom else encoding, "delimiter": delim, "unencodable": unencodable,
    }
