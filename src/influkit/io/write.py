"""Write a table as xlsx (formatted for people), csv, json or jsonl (raw values for programs).

- Atomic: the output is written to a temporary `.NAME.PID.XXXX.part` file beside the target and
  renamed over it, so a killed run never leaves half a file; `.part` files of killed runs are
  removed by the next write to the same target. `-` writes to stdout. A target that is not a
  regular file (a named pipe, /dev/null, a terminal) is written through, never replaced; a symbolic
  link is followed and its target replaced. A full disk (or any write error) is one InfluError
  naming the path; the old file is unchanged.
- Formula-safe: text that a spreadsheet would run as a formula (starting with = + - @, tab or CR)
  gets a leading apostrophe in csv and Excel's quote prefix in xlsx; json keeps the raw text.
  Numbers are never touched. CSV fields holding a CR or LF are always quoted, so no field can split a
  record.
- xlsx is written by influkit's streamed SpreadsheetML writer (`io.xlsx`: formats, links, limits).
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
import math
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import partial
from itertools import repeat
from operator import is_not, itemgetter
from pathlib import Path
from typing import IO, Any, cast

from .. import progress
from ..errors import InfluError
from ..schema import kind_of
from ..table import Table, duration_text, jsonable
from ..thresholds import writing as WT
from .formats import format_of, written_through
from .xlsx import FORMULA_TRIGGERS, NUMERIC_KINDS

FORMATS = ("xlsx", "csv", "tsv", "json", "jsonl")
EXCEL_HYPERLINK_LIMIT = WT.EXCEL_HYPERLINK_LIMIT
EXCEL_URL_MAX = WT.EXCEL_URL_MAX
EXCEL_CELL_MAX = WT.EXCEL_CELL_MAX  # csv and json keep longer text whole
_NUMERIC_KINDS = NUMERIC_KINDS  # columns a program reads as numbers: never neutralised even when negative
_DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
CSV_CHUNK_ROWS = WT.CSV_CHUNK_ROWS


def neutralise(text: str) -> str:
    """Text safe from formula execution in spreadsheet programs (OWASP CSV injection advice)."""
    if text and text[0] in FORMULA_TRIGGERS:
        return "'" + text
    return text


def format_for_path(path: str, fmt: str | None) -> str:
    """The table format `fmt` names, else `path`'s extension (`influkit.io.formats`); csv for stdout."""
    return format_of(path, fmt, FORMATS)


# ------------------------------------------------------------------------------------ atomic files


def write_error(exc: OSError, path: str) -> InfluError:
    """One line naming the path that could not be written."""
    if exc.errno in _DISK_FULL:
        return InfluError("disk full (or file size limit reached): nothing was changed", file=path)
    reason = exc.strerror or str(exc)
    return InfluError(f"could not write: {reason}", file=path)


def _part_pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"\." + re.escape(name) + r"\.(\d+)\.[A-Za-z0-9_]+\.part\Z")


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_parts(target: Path) -> list[Path]:
    """Remove the `.part` files a killed run left beside `target` (their process is gone, or they
    are older than thresholds.writing.STALE_PART_SECONDS); returns what was removed."""
    directory = target.parent
    pattern = _part_pattern(target.name)
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        m = pattern.match(entry.name)
        if m is None:
            continue
        with suppress(OSError):
            age = now - entry.stat(follow_symlinks=False).st_mtime
            if not _pid_alive(int(m.group(1))) or age > WT.STALE_PART_SECONDS:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def temp_path_beside(target: Path) -> tuple[int, str]:
    """A new, exclusive `.NAME.PID.XXXX.part` file in target's folder (fd, path)."""
    import secrets

    directory = target.parent
    for _ in range(100):
        tmp = directory / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.part"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        return fd, str(tmp)
    raise InfluError("could not create a temporary file", file=str(directory))


def resolve_target(path: str) -> Path:
    """The file a write to `path` lands in: a symbolic link is followed; the folder must exist."""
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.exists():
        raise InfluError("folder does not exist", file=str(directory))
    if target.is_dir():
        raise InfluError("is a folder, not a file", file=path)
    return target


@contextmanager
def atomic_output(path: str, binary: bool = True) -> Iterator[IO[Any]]:
    """A file object whose content replaces `path` only when the block succeeds; `-` is stdout; a
    pipe or device is written through; errors writing become one InfluError naming the path."""
    if path == "-":
        stream: IO[Any] = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
        return
    target = resolve_target(path)
    kwargs: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": ""}
    mode = "wb" if binary else "w"
    if written_through(target):  # a pipe, a device, a socket: written through
        try:
            with open(target, mode, **kwargs) as fh:
                yield fh
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise write_error(exc, path) from exc
        return
    clean_stale_parts(target)
    try:
        fd, tmp = temp_path_beside(target)
    except OSError as exc:
        raise write_error(exc, str(target.parent)) from exc
    try:
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        # give the file the target's mode, or what the umask allows a new file
        if target.exists():
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
        _sync_folder(target.parent)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise write_error(exc, path) from exc
        raise


def _sync_folder(directory: Path) -> None:
    with suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_table(table: Table, path: str, fmt: str | None = None, **options: Any) -> dict[str, Any]:
    """Write the table; returns counts (rows, links written as links, ...) for the summary."""
    fmt = format_for_path(path, fmt)
    if fmt == "xlsx":
        return write_xlsx(table, path, **options)
    with atomic_output(path, binary=False) as fh:
        if fmt == "tsv" or fmt == "csv" and Path(path).suffix.lower() == ".tsv":
            write_tsv(table, fh)
            fmt = "tsv"
        elif fmt == "csv":
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
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_text(value)
    return value


def _quoted(cell: Any) -> str:
    """A field of a record holding a CR: quoted when it holds , " LF or CR."""
    return _field(str(cell))


# The rows are not written by the csv module: it scans every character of every field in C, but slowly.
# Measured at 100k rows x 52 columns (`score` of the benchmark workbook), write_csv took 1.35-1.44 s,
# ~1.0 s of it in writerows (its 100k 233-character reasons alone 0.27 s, where str methods test and
# quote them in 0.04 s). Here whole columns become fields at C speed (repr of a column of numbers, a
# repeated value turned into a field once, one test of a text column joined), each row's fields are
# joined with ",", CSV_CHUNK_ROWS rows at a time: 0.60-0.71 s. The fields are the csv module's, byte for
# byte (QUOTE_MINIMAL, lineterminator "\n", plus a field holding a CR always quoted:
# tests/test_csv_writer.py compares them); the header, and any value other than a plain str, int,
# float, bool, date or None, still go through the csv module.
_NONE = type(None)
_NUMBER_TYPES = frozenset((int, float, bool, _NONE))  # repr(value) is the field, once mended:
_NUMBER_TEXTS = {"None": "", "nan": "", "True": "true", "False": "false"}  # (the repr of no other number)
_INTS = frozenset((int, _NONE))
_FLOATS = frozenset((float, _NONE))
_TEXT_TYPES = frozenset((str, _NONE))
_DATES = frozenset((dt.date, _NONE))
_DATE_TYPES = frozenset((dt.date, dt.datetime, _NONE))  # isoformat: digits - : . T +, never quoted
_SAMPLE = 256  # first values of a column's batch looked at to choose how to turn it into fields
_EMPTY_FOR_NONE: dict[Any, str] = {None: ""}
_FIRST = itemgetter(0)
_NOT_NONE = partial(is_not, None)
_Q, _QQ = '"', '""'


def _needs_quotes(text: str) -> bool:
    return "," in text or '"' in text or "\n" in text or "\r" in text


def _field(text: str) -> str:
    """A CSV field of a plain str: quoted (quotes doubled) when it holds , " LF or CR."""
    return f'"{text.replace(_Q, _QQ)}"' if _needs_quotes(text) else text


def _text_field(value: str | None, numeric: bool) -> str:
    """`_field` of a text, neutralised outside columns of numbers; empty for None."""
    if value is None:
        return ""
    if not numeric and value and value[0] in FORMULA_TRIGGERS:
        value = "'" + value
    return _field(value)


def _number_field(value: int | float | None) -> str:
    text = repr(value)
    return _NUMBER_TEXTS.get(text, text)


def _date_field(value: dt.date | None) -> str:
    return "" if value is None else value.isoformat()


def _signed(values: list[Any]) -> bool:
    """Whether a column of numbers (and None) holds a negative one, -0.0 included (at C speed)."""
    return min(map(math.copysign, repeat(1.0), filter(_NOT_NONE, values)), default=1.0) < 0


def _each_once(values: list[Any], convert: Callable[[Any], str], zeros: bool = False) -> list[str] | None:
    """The fields of a column of few distinct values (labels, methods, flags, sub-scores, dates), each
    value turned into a field once; None when more than one value in 4 is new, or (`zeros`) when the
    column holds a zero and a negative number: 0.0 and -0.0 are one key but two texts (a column of
    scores, 0 to 100, has no -0.0)."""
    sample = values[:_SAMPLE]
    if 4 * len(set(sample)) > len(sample):
        return None
    fields: dict[Any, str | None] = dict.fromkeys(values)
    if 4 * len(fields) > len(values) or (zeros and 0 in fields and _signed(values)):
        return None
    for value in fields:
        fields[value] = convert(value)
    return list(map(fields.__getitem__, values))  # type: ignore[arg-type]


def _number_fields(values: list[Any], types: set[type]) -> list[str]:
    """The fields of a column of int, float, bool (and None): repr, mended (None and NaN empty, true,
    false)."""
    if types <= _INTS or types <= _FLOATS:
        fields = _each_once(values, _number_field, zeros=float in types)
        if fields is not None:
            return fields
    texts = list(map(repr, values))
    if types == {int} or (types == {float} and "nan" not in texts):
        return texts
    return list(map(_NUMBER_TEXTS.get, texts, texts))


def _text_fields(values: list[str | None], numeric: bool) -> list[str]:
    """The fields of a column of str (and None): an apostrophe where a cell starts with a formula
    trigger (not in a column of numbers), quotes where needed (one test of the column joined: names,
    handles and links need none)."""
    fields = _each_once(values, lambda text: _text_field(text, numeric))
    if fields is not None:
        return fields
    if not numeric and not set(map(_FIRST, filter(None, values))).isdisjoint(FORMULA_TRIGGERS):
        values = [("'" + v) if v and v[0] in FORMULA_TRIGGERS else v for v in values]
    quoted_in_sample = _needs_quotes("\0".join(filter(None, values[:_SAMPLE])))
    if not quoted_in_sample and not _needs_quotes("\0".join(filter(None, values))):
        if None in values:
            return list(map(_EMPTY_FOR_NONE.get, values, values))  # type: ignore[arg-type]
        return cast(list[str], values)
    return [_field(v) if v else "" for v in values]


def _mixed_fields(values: list[Any], numeric: bool, odd: list[tuple[int, Any]]) -> list[str]:
    """The fields of a column of mixed types, cell by cell (`_csv_cell`). A cell `_csv_cell` leaves as
    another object than a plain str (a str subclass, a Decimal, an IntEnum...) is added to `odd` as
    (row, cell), its field left empty."""
    out = [""] * len(values)
    for i, v in enumerate(values):
        kind = type(v)
        if v is None:
            continue
        if kind is str:
            out[i] = _text_field(v, numeric)
        elif kind is int:
            out[i] = str(v)
        elif kind is float:
            out[i] = "" if v != v else repr(v)
        else:
            cell = _csv_cell(v, numeric)
            if type(cell) is str:
                out[i] = _field(cell)
            else:
                odd.append((i, cell))
    return out


def _csv_fields(values: list[Any], numeric: bool, odd: list[tuple[int, Any]]) -> list[str]:
    """A column's CSV fields, final text: `_csv_cell`, then quoted where the csv module quotes, and
    when holding a CR. A column of one kind of values (numbers, text, dates) at C speed."""
    types = set(map(type, values))
    if types == {_NONE}:
        return [""] * len(values)
    if types <= _NUMBER_TYPES:
        return _number_fields(values, types)
    if types <= _TEXT_TYPES:
        return _text_fields(values, numeric)
    if types <= _DATES:
        fields = _each_once(values, _date_field)
        return list(map(_date_field, values)) if fields is None else fields
    if types <= _DATE_TYPES:
        return list(map(_date_field, values))
    return _mixed_fields(values, numeric, odd)


def _csv_record(record: Sequence[Any], with_cr: bool) -> str:
    """One record as the csv module writes it, or fully quoted where needed when a field holds a CR
    (the csv module of Python < 3.13 leaves a bare CR unquoted, and a CR splits a record in most readers)."""
    if with_cr:
        return ",".join(map(_quoted, record)) + "\n"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(record)
    return buffer.getvalue()


def _place_odd_cells(fields: list[list[str]], odd: list[tuple[int, int, Any]]) -> None:
    """Fill in the fields `_mixed_fields` left, (column k, row, cell): in a row where a plain str holds
    a CR, as `_quoted` writes the cell; elsewhere as the csv module does (str(cell), quoted where it
    quotes; a record of two fields, the second empty, since it quotes a record of one empty field)."""
    with_cr = {i for column in fields for i, text in enumerate(column) if "\r" in text}
    for k, i, cell in odd:
        fields[k][i] = _quoted(cell) if i in with_cr else _csv_record((cell, ""), False)[:-2]


def _batch_records(values: list[list[Any]], numeric: list[bool], start: int, stop: int) -> str:
    """The records of rows start:stop, each ended by LF."""
    fields: list[list[str]] = []
    odd: list[tuple[int, int, Any]] = []
    for k, (column, num) in enumerate(zip(values, numeric, strict=True)):
        column_odd: list[tuple[int, Any]] = []
        fields.append(_csv_fields(column[start:stop], num, column_odd))
        odd.extend((k, i, cell) for i, cell in column_odd)
    if odd:
        _place_odd_cells(fields, odd)
    if len(fields) == 1:  # the csv module writes a record of one empty field as ""
        fields[0] = ['""' if text == "" else text for text in fields[0]]
    return "\n".join(map(",".join, zip(*fields, strict=True))) + "\n"


def write_csv(table: Table, fh: IO[str]) -> None:
    """Raw values, formula-like text neutralised; a field holding a CR or LF is always quoted (the
    csv module leaves a bare CR unquoted, and a CR splits a record in most readers). Made into text and
    written CSV_CHUNK_ROWS rows at a time: only one chunk's cells exist as text at once."""
    columns = table.columns
    values = [table.get(c) for c in columns]
    numeric = [kind_of(c) in _NUMERIC_KINDS for c in columns]
    header = [neutralise(c) for c in columns]  # headers come from the user's sheet too
    n = len(table) if columns else 0
    with progress.step("writing csv", len(table), "rows") as tick:
        fh.write(_csv_record(header, any("\r" in c for c in header)))
        for start in range(0, n, CSV_CHUNK_ROWS):
            stop = min(n, start + CSV_CHUNK_ROWS)
            fh.write(_batch_records(values, numeric, start, stop))
            tick(stop)


def _tsv_field(cell: Any) -> str:
    """A tab-separated field: quoted (quotes doubled) when it holds a tab, a quote, LF or CR."""
    text = str(cell)
    if "\t" in text or '"' in text or "\n" in text or "\r" in text:
        return f'"{text.replace(_Q, _QQ)}"'
    return text


def write_tsv(table: Table, fh: IO[str]) -> None:
    """`-o x.tsv`: the CSV export's cells (`_csv_cell`: formula-like text neutralised, numbers raw)
    separated by tabs; a field holding a tab, a quote or a line break is quoted, as Excel and the csv
    module read it. (Simpler and slower than `write_csv`: TSV is the rare case.)"""
    columns = table.columns
    values = [table.get(c) for c in columns]
    numeric = [kind_of(c) in _NUMERIC_KINDS for c in columns]
    with progress.step("writing tsv", len(table), "rows") as tick:
        fh.write("\t".join(_tsv_field(neutralise(c)) for c in columns) + "\n")
        for k in range(len(table) if columns else 0):
            fh.write("\t".join([_tsv_field(_csv_cell(v[k], num)) for v, num in zip(values, numeric, strict=True)])
                     + "\n")
            if k % CSV_CHUNK_ROWS == 0:
                tick(k)
        tick(len(table))


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


def shown_columns(table: Table, columns: list[str], lang: str) -> list[list[Any]]:
    """The values of `columns` as people read them: code columns in words of `lang`
    (`labels.value_word`), other columns as they are."""
    from ..labels import has_words, value_word

    out = []
    for c in columns:
        values = table.get(c)
        if has_words(c):
            words = {v: value_word(c, v, lang) for v in dict.fromkeys(values) if isinstance(v, str)}
            values = [words.get(v, v) if v.__class__ is str else v for v in values]
        out.append(values)
    return out


def _links_only(table: Table, column: str) -> bool:
    """Whether a column of the user's (a "<header> (URL)" column influkit kept, or one read back from a
    CSV or the workspace) holds only web links: influkit's workbook makes them clickable."""
    if column in (table.meta.get("link_columns") or {}):
        return True
    if column not in table.extra_columns:
        return False
    values = [v for v in table.get(column) if v is not None]
    return bool(values) and all(type(v) is str and v.startswith(("https://", "http://")) for v in values)


def kept_formats(table: Table, columns: Sequence[str]) -> tuple[list[list[Any] | None], list[list[Any] | None]]:
    """Per column, for the columns influkit keeps as they are ("Taux de conversion" in %, a budget in €):
    the number format of the sheet the table was read from (`table.meta["number_formats"]`) and its cells
    with a format of their own (`table.meta["cell_formats"]`: [table row, numFmtId, code]); None otherwise."""
    shared = table.meta.get("number_formats") or {}
    own = table.meta.get("cell_formats") or {}
    kept = set(table.extra_columns)
    return ([shared.get(c) if c in kept else None for c in columns],
            [own.get(c) if c in kept else None for c in columns])


def money_currencies(table: Table, column: str) -> list[str | None]:
    """The currency of each row's amount in the money column `column`: the row's own currency column
    (`schema.MONEY_CURRENCY`: a quote's `currency`, the estimates' and costs' `price_currency`), else for a
    quote the currency its costs were computed in (`price_currency`: what `metrics.pricing` took it to
    be in), else the table's (the currency most of its rows' amounts are in); None when nothing names one."""
    from collections import Counter

    from ..schema import MONEY_CURRENCY

    out: list[str | None] | None = None
    for name in dict.fromkeys((MONEY_CURRENCY.get(column, "price_currency"), "price_currency")):
        if name not in table.data:
            continue
        values = table.data[name]
        found = {v: v.strip().upper() or None if isinstance(v, str) else None for v in dict.fromkeys(values)}
        codes = list(map(found.__getitem__, values))
        out = codes if out is None else [a or b for a, b in zip(out, codes, strict=True)]
    if out is None:
        return [None] * len(table)
    counts = Counter(out)
    if counts.pop(None, 0) and counts:  # rows without one: the table's
        most = counts.most_common(1)[0][0]
        out = [c or most for c in out]
    return out


def money_formats(table: Table, columns: Sequence[str], lang: str
                  ) -> tuple[list[list[Any] | None], list[list[Any] | None]]:
    """Per column, for influkit's money columns (a quote, the estimated prices, CPE, CPM): the number format
    that shows its amounts with their currency (`campaign.report_text.money_number_format`: `"£"#,##0.00##`
    in English, `#,##0.00## "£"` in French; the money kind's decimals) and, when its rows are in several
    currencies, the cells in another currency than most of them with their own, as `kept_formats` gives
    them ([numFmtId, code]; [table row, numFmtId, code]); None for the other columns and a column whose
    currency nothing names (its amounts stay `#,##0.00##`)."""
    from collections import Counter

    from ..campaign.report_text import money_number_format
    from ..schema import MONEY_CURRENCY, kind_of
    from .xlsx import BUILTIN_FORMAT_LIMIT, NUMBER_FORMATS

    plain = NUMBER_FORMATS["money"]
    shared: list[list[Any] | None] = []
    own: list[list[Any] | None] = []
    extra = set(table.extra_columns)
    found: dict[str, list[str | None]] = {}  # (the estimates and costs share their currency column)
    for c in columns:
        if kind_of(c) != "money" or c in extra or c not in table.data:
            shared.append(None)
            own.append(None)
            continue
        key = MONEY_CURRENCY.get(c, "price_currency")
        currencies = found[key] if key in found else found.setdefault(key, money_currencies(table, c))
        codes = {cur: money_number_format(cur, lang, plain) for cur in dict.fromkeys(currencies)}
        if len(codes) == 1:  # (one currency: the column's format, no cell of its own)
            (code,) = codes.values()
            shared.append([BUILTIN_FORMAT_LIMIT, code] if code != plain else None)
            own.append(None)
            continue
        cells = [(k, codes[cur]) for k, (v, cur) in enumerate(zip(table.data[c], currencies, strict=True))
                 if type(v) in (int, float)]
        most = Counter(code for _, code in cells).most_common(1)[0][0] if cells else plain
        shared.append([BUILTIN_FORMAT_LIMIT, most] if most != plain else None)
        own.append([[k, BUILTIN_FORMAT_LIMIT, code] for k, code in cells if code != most] or None)
    return shared, own


def sheet_formats(table: Table, columns: Sequence[str], lang: str
                  ) -> tuple[list[list[Any] | None], list[list[Any] | None]]:
    """The number formats of influkit's workbooks beyond each kind's own: the columns kept as they are in
    the sheet's formats (`kept_formats`), the money columns in their currency (`money_formats`)."""
    kept, kept_cells = kept_formats(table, columns)
    money, money_cells = money_formats(table, columns, lang)
    return ([k if k is not None else m for k, m in zip(kept, money, strict=True)],
            [k if k is not None else m for k, m in zip(kept_cells, money_cells, strict=True)])


def write_xlsx(
    table: Table,
    path: str,
    *,
    sheet_name: str = "influkit",
    extra_sheets: list[tuple[str, list[list[Any]]]] | None = None,
    color_scale: tuple[str, ...] = (),
    lang: str | None = None,
) -> dict[str, Any]:
    """Formatted workbook: bold frozen header, filters, % on rates, thousands separators, dates (day first
    in French: `labels.date_number_format`), clickable profile links, widths from the content; optional extra sheets of plain rows. Code
    columns (stage, tier, trend, flags, confidence, row_kind...) are shown in words of `lang`, else of
    the table's language (`labels.table_language`): a workbook is read by people."""
    from ..labels import date_number_format, table_language
    from .xlsx import SheetSpec, write_workbook

    columns = table.columns
    lang = table_language(table, lang)
    main = SheetSpec(
        name=sheet_name, headers=list(columns), columns=shown_columns(table, columns, lang),
        kinds=["url" if _links_only(table, c) else kind_of(c) for c in columns],
        color_scale=tuple(columns.index(c) for c in color_scale if c in columns),
    )
    main.formats, main.cell_formats = sheet_formats(table, columns, lang)
    specs = [main]
    for title, rows in extra_sheets or []:
        width = max((len(r) for r in rows), default=0)
        body = rows[1:]
        cols = [[r[c] if c < len(r) else None for r in body] for c in range(width)]
        head = [str(rows[0][c]) if rows and c < len(rows[0]) and rows[0][c] is not None else "" for c in range(width)]
        specs.append(SheetSpec(name=title, headers=head, columns=cols, kinds=[None] * width,
                               widths=[28.0, 80.0, *([20.0] * max(0, width - 2))][:width],
                               freeze_header=False, autofilter=False))
    with atomic_output(path) as fh:
        counts = write_workbook(specs, fh, date_number_format(lang))
    return {"rows": len(table), "format": "xlsx", **counts}
