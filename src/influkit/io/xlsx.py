"""Streamed SpreadsheetML: influkit's cells as XML text, and new workbooks built around them.

Why a writer of our own rather than xlsxwriter (15.7 s for 100k rows x 41 columns in constant-memory
mode, and temporary files in $TMPDIR that a killed run leaves behind):

- **One fast path for both writers.** The in-place editor (`io.inplace`) must splice influkit's
  columns into the user's own sheet XML and copy every other part of their workbook untouched; no
  library writes cells into an existing sheet without loading it all. The cells it splices are the
  ones this module encodes for new workbooks: same number formats, same formula safety, same link
  rules, one implementation.
- **Speed by columns.** A column's cells are built by one list comprehension per chunk of rows
  (with a fast path for the common types and a careful path for the rest), rows are joined in C
  (`"".join` over `zip`), and the sheet part is streamed into the zip. No per-cell method calls.
- **Nothing on disk but the target.** The zip is streamed into the file object the caller gives
  (a `.part` beside the target, a pipe, stdout): no temporary files anywhere else.
- **Compression beside the XML.** A sheet part's bytes are deflated by a second thread
  (`Deflater`): zlib and crc32 release the GIL, so one chunk is compressed while the next is built.

What every cell gets (the guarantees the xlsxwriter-based writer gave, tested in tests/test_write.py):
numbers with their kind's format (% for rates, thousands separators, signed counts, money, ISO
dates); text as inline strings, formula-like text (= + - @ tab CR at the start) stored as text with
Excel's quote prefix (shown as typed, never run), text over Excel's 32,767-character limit cut and
counted; characters XML 1.0 forbids (control characters, U+FFFE/U+FFFF) escaped the OOXML way
(`_x0001_`), literal `_xHHHH_` text protected (`_x005F_`), a CR kept (`_x000D_`) instead of being
normalised away by XML parsers; profile links as native hyperlinks up to Excel's 65,530 per sheet,
then as `HYPERLINK()` formulas with the URL as cached value, so every link stays clickable.
"""

from __future__ import annotations

import datetime as dt
import queue
import re
import threading
import zipfile
import zlib
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import repeat
from typing import IO, Any

from .. import progress
from ..thresholds import writing as W
from . import forked

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NUMERIC_KINDS = ("count", "rate", "money", "number", "fraction", "signed")
NUMBER_FORMATS: dict[str, str] = {  # kind -> Excel number format
    "rate": "0.00%",
    "fraction": "0.00%",
    "count": "#,##0",
    "signed": "+#,##0;-#,##0;0",
    "money": "#,##0.00##",  # two decimals, up to four when there are: a cost per engagement of 0.0004
    "date": "yyyy-mm-dd",
}
FRENCH_DATE_FORMAT = "dd/mm/yyyy"  # a date column influkit adds to a French sheet without date cells of its own
# Excel's built-in number formats (ECMA-376 part 1, 18.8.30), which a style names by number only; 14-22
# show in the reader's own date style, which is why a kept format keeps its number when written again
BUILTIN_NUMBER_FORMATS: dict[int, str] = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?",
    13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
    20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm", 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)",
    39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0",
    48: "##0.0E+0", 49: "@"}
BUILTIN_FORMATS = {code: ident for ident, code in BUILTIN_NUMBER_FORMATS.items() if 0 < ident < 14}  # code -> id
BUILTIN_FORMAT_LIMIT = 164  # numFmtId below it: one of Excel's built-in formats, named by its number only
LINK_COLOR = "FF0563C1"

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_HYPERLINK = NS_R + "/hyperlink"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

NUM, TEXT, LINK, DATE = "num", "text", "link", "date"  # how a column's cells are written

_EPOCH = dt.date(1899, 12, 30).toordinal()  # Excel's day 0 for dates from 1900-03-01 on
_MARCH_1900 = dt.date(1900, 3, 1).toordinal()
_JAN_1900 = dt.date(1900, 1, 1).toordinal()
# characters that need more than copying into an XML text node, and OOXML's own escape sequence
_NEEDS_ESCAPE = re.compile("[&<>\x00-\x08\x0b-\x1f\ufffe\uffff\ud800-\udfff]|_x[0-9A-Fa-f]{4}_")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_OOXML_ESCAPE = re.compile("(_x[0-9A-Fa-f]{4}_)")
_XML_SPACE = (" ", "\t", "\n", "\r")
_SPECIAL_START = FORMULA_TRIGGERS + _XML_SPACE
_HALF_LIMIT = W.EXCEL_CELL_MAX // 2  # strings shorter than this fit in a cell even in UTF-16


# ------------------------------------------------------------------------------------------ helpers


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """A -> 0, AA -> 26."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def escape_text(text: str) -> str:
    """Text for an XML text node of a cell, OOXML-escaped (see the module docstring)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "_x" in text:
        text = _OOXML_ESCAPE.sub(r"_x005F\1", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text


def escape_attr(text: str) -> str:
    """Text for an XML attribute value (double-quoted); control characters dropped."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    text = text.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def excel_length(text: str) -> int:
    """Length as Excel counts it (UTF-16 code units)."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def cut_to_cell(text: str) -> str:
    """The longest prefix of text that fits in one cell."""
    if len(text) <= _HALF_LIMIT or excel_length(text) <= W.EXCEL_CELL_MAX:
        return text
    out = text[: W.EXCEL_CELL_MAX]
    while excel_length(out) > W.EXCEL_CELL_MAX:
        out = out[: len(out) - max(1, (excel_length(out) - W.EXCEL_CELL_MAX) // 2)]
    return out


def date_serial(value: dt.date) -> float | int | None:
    """Excel's serial number of a date or datetime (1900 system), None before 1900."""
    ordinal = value.toordinal()
    if ordinal < _JAN_1900:
        return None
    serial: float | int = ordinal - _EPOCH if ordinal >= _MARCH_1900 else ordinal - _EPOCH - 1
    if isinstance(value, dt.datetime):
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        if seconds:
            serial = serial + seconds / 86400
    return serial


def hyperlink_formula(url: str) -> str:
    return 'HYPERLINK("' + url.replace('"', '""') + '")'


def mode_of(kind: str | None) -> str:
    if kind == "url":
        return LINK
    if kind == "date":
        return DATE
    if kind in NUMERIC_KINDS:
        return NUM
    return TEXT


# -------------------------------------------------------------------------------------------- cells


@dataclass
class Styles:
    """The cell style (xf) indices the encoders use; a new workbook and an edited one differ."""

    by_kind: dict[str, int]  # kind -> xf with its number format
    quote: int  # text with the quote prefix
    link: int  # a clickable link
    date: int  # a date in a column of another kind
    header: int = 0
    header_quote: int = 0
    time: int = 0  # a time of day (h:mm:ss); 0 where the workbook has none (the in-place editor)
    duration: int = 0  # a duration ([h]:mm:ss)


@dataclass
class Sink:
    """What the encoders count and collect: native hyperlinks (cell ref, url) for the sheet's
    `<hyperlinks>` element, and the summary counts."""

    link_budget: int = field(default_factory=lambda: W.EXCEL_HYPERLINK_LIMIT)
    links: list[tuple[str, str]] = field(default_factory=list)
    counts: dict[str, int] = field(
        default_factory=lambda: {"links": 0, "link_formulas": 0, "links_as_text": 0, "truncated": 0})


def _s(style: int) -> str:
    return f' s="{style}"' if style else ""


def _text_cell(ref: str, text: str, style: int, quote: int, sink: Sink) -> str:
    """A text cell with every rule applied (the careful path)."""
    if not text:
        return ""
    if len(text) > _HALF_LIMIT:
        cut = cut_to_cell(text)
        if cut is not text:
            sink.counts["truncated"] += 1
            text = cut
    if text.startswith(FORMULA_TRIGGERS):
        style = quote
    space = ' xml:space="preserve"' if text.startswith(_XML_SPACE) or text.endswith(_XML_SPACE) else ""
    return f'<c r="{ref}"{_s(style)} t="inlineStr"><is><t{space}>{escape_text(text)}</t></is></c>'


def _other_cell(ref: str, v: Any, style: int, styles: Styles, sink: Sink) -> str:
    """Any value in any column (the careful path): numbers, booleans, dates, text, the rest as text."""
    t = type(v)
    quote = styles.quote
    if t is str:
        return _text_cell(ref, v, style, quote, sink)
    if t is bool:
        return f'<c r="{ref}"{_s(style)} t="b"><v>{int(v)}</v></c>'
    if t is int or t is float or isinstance(v, int | float):
        if v != v or v in (float("inf"), float("-inf")):
            return ""
        return f'<c r="{ref}"{_s(style)}><v>{v!r}</v></c>' if t is float else f'<c r="{ref}"{_s(style)}><v>{int(v)}</v></c>'
    if isinstance(v, dt.date):
        serial = date_serial(v)
        if serial is None:
            return _text_cell(ref, v.isoformat(), style, quote, sink)
        return f'<c r="{ref}"{_s(styles.date)}><v>{serial}</v></c>'
    if isinstance(v, dt.time):  # a fraction of a day, as Excel keeps a time
        day = (v.hour * 3600 + v.minute * 60 + v.second + v.microsecond / 1e6) / 86400
        return f'<c r="{ref}"{_s(style or styles.time)}><v>{day!r}</v></c>'
    if isinstance(v, dt.timedelta):  # days, as Excel keeps a duration
        return f'<c r="{ref}"{_s(style or styles.duration)}><v>{v / dt.timedelta(days=1)!r}</v></c>'
    return _text_cell(ref, str(v), style, quote, sink)


_LINK_SCHEMES = ("http://", "https://", "mailto:")


# what a link may not hold to be clickable: control characters and the rest XML cannot carry as they are
# (`&`, `<` and `>` are escaped in the cell and in the link's target; `_xHHHH_` would be read as a character)
_NOT_IN_LINK = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff\ud800-\udfff]|_x[0-9A-Fa-f]{4}_")


def _safe_url(url: str) -> bool:
    """A link that can be clickable: http(s) or mailto, nothing XML cannot carry escaped."""
    return url.startswith(_LINK_SCHEMES) and not _NOT_IN_LINK.search(url)


def _native(v: Any) -> bool:
    """Whether a link column's cell is written as a native hyperlink while the sheet has room for one
    (`_link_cell`, and `_clean_links` for a whole chunk): each such cell takes one of the sheet's."""
    if type(v) is not str:
        return False
    url = v.strip()
    return _native_url(url, _safe_url(url))


def _native_url(url: str, safe: bool) -> bool:
    """`_native` of a stripped link whose `_safe_url` is `safe` (known to the caller: searched once)."""
    return safe and len(url) <= W.EXCEL_LINK_URL_MAX


def _link_cell(ref: str, v: Any, styles: Styles, sink: Sink) -> str:
    if type(v) is not str:
        return _other_cell(ref, v, 0, styles, sink)
    url = v.strip()
    if not url:
        return ""
    counts = sink.counts
    safe = _safe_url(url)
    if sink.link_budget > 0 and _native_url(url, safe):
        sink.link_budget -= 1
        sink.links.append((ref, url))
        counts["links"] += 1
        return f'<c r="{ref}"{_s(styles.link)} t="inlineStr"><is><t>{escape_text(url)}</t></is></c>'
    if safe and len(url) <= W.EXCEL_URL_MAX:
        counts["link_formulas"] += 1
        return (f'<c r="{ref}"{_s(styles.link)} t="str"><f>{escape_text(hyperlink_formula(url))}</f>'
                f'<v>{escape_text(url)}</v></c>')
    counts["links_as_text"] += 1
    return _text_cell(ref, v, 0, styles.quote, sink)


def _clean_links(values: Sequence[Any], sink: Sink) -> list[str] | None:
    """The chunk's links when each would be written as `_link_cell` writes a native hyperlink with only
    `&` to escape (a string, http(s) or mailto, no space around it, short enough, room left under the
    sheet's hyperlink limit); None when any needs the careful path."""
    urls = [v for v in values if v is not None]
    if len(urls) > sink.link_budget:
        return None
    limit = W.EXCEL_LINK_URL_MAX
    if not all(type(v) is str and v.startswith(_LINK_SCHEMES) and len(v) <= limit and v.strip() == v for v in urls):
        return None
    if _NEEDS_ESCAPE.search("\n".join(urls).replace("&", "")):
        return None
    return urls


def encode_column(
    values: Sequence[Any],
    rows: Sequence[int],
    letter: str,
    kind: str | None,
    styles: Styles,
    sink: Sink,
) -> list[str]:
    """The `<c>` elements of one column for the given sheet rows ('' for an empty cell).

    The shared fast path of both writers: plain ints, finite floats, dates and clean strings are
    formatted by one comprehension; anything else takes the careful path (`_other_cell`)."""
    mode = mode_of(kind)
    style = styles.by_kind.get(kind or "", 0)
    pre = f'<c r="{letter}'
    other = _other_cell
    if mode == LINK:
        fast = _clean_links(values, sink)
        if fast is not None:  # every link of the chunk a plain native hyperlink: one comprehension
            sink.link_budget -= len(fast)
            sink.counts["links"] += len(fast)
            sink.links += [(f"{letter}{r}", v) for r, v in zip(rows, values, strict=True) if v is not None]
            mid = f'"{_s(styles.link)} t="inlineStr"><is><t>'
            return ["" if v is None else f"{pre}{r}{mid}{v.replace('&', '&amp;')}</t></is></c>"
                    for r, v in zip(rows, values, strict=True)]
        return ["" if v is None else _link_cell(f"{letter}{r}", v, styles, sink) for r, v in zip(rows, values, strict=True)]
    if mode == NUM:
        mid = f'"{_s(style)}><v>'
        return [
            ""
            if v is None
            else f"{pre}{r}{mid}{v}</v></c>"
            if (t := type(v)) is int or (t is float and v - v == 0)
            else other(f"{letter}{r}", v, style, styles, sink)
            for r, v in zip(rows, values, strict=True)
        ]
    if mode == DATE:
        mid = f'"{_s(style)}><v>'
        epoch, first = _EPOCH, _MARCH_1900
        return [
            ""
            if v is None
            else f"{pre}{r}{mid}{o - epoch}</v></c>"
            if type(v) is dt.date and (o := v.toordinal()) >= first
            else other(f"{letter}{r}", v, style, styles, sink)
            for r, v in zip(rows, values, strict=True)
        ]
    # text: one regex over the whole chunk tells whether any string needs escaping
    strings = [v for v in values if type(v) is str]
    dirty = bool(strings) and _NEEDS_ESCAPE.search("\n".join(strings)) is not None
    mid = f'"{_s(style)} t="inlineStr"><is><t>'
    special, half = _SPECIAL_START, _HALF_LIMIT
    if not dirty:
        return [
            ""
            if v is None
            else f"{pre}{r}{mid}{v}</t></is></c>"
            if type(v) is str and v and not (v.startswith(special) or v.endswith(_XML_SPACE) or len(v) > half)
            else other(f"{letter}{r}", v, style, styles, sink)
            for r, v in zip(rows, values, strict=True)
        ]
    search = _NEEDS_ESCAPE.search
    return [
        ""
        if v is None
        else f"{pre}{r}{mid}{v}</t></is></c>"
        if type(v) is str and v and not (v.startswith(special) or v.endswith(_XML_SPACE) or len(v) > half
                                         or search(v))
        else other(f"{letter}{r}", v, style, styles, sink)
        for r, v in zip(rows, values, strict=True)
    ]


def header_cells(headers: Sequence[str], row: int, first_column: int, styles: Styles, sink: Sink) -> str:
    """Header cells: the header style, the quote prefix on formula-like text (headers come from the
    user's sheet too)."""
    out = []
    for i, name in enumerate(headers):
        ref = f"{column_letter(first_column + i)}{row}"
        text = cut_to_cell(str(name))
        style = styles.header_quote if text.startswith(FORMULA_TRIGGERS) else styles.header
        space = ' xml:space="preserve"' if text.startswith(_XML_SPACE) or text.endswith(_XML_SPACE) else ""
        out.append(f'<c r="{ref}"{_s(style)} t="inlineStr"><is><t{space}>{escape_text(text)}</t></is></c>')
    return "".join(out)


def column_width(header: str, values: Sequence[Any]) -> float:
    """Width from the header and the first rows' content."""
    longest = len(header)
    for v in values[: W.WIDTH_SAMPLE_ROWS]:
        if v is None:
            continue
        if isinstance(v, str):
            n = len(v)
        elif isinstance(v, dt.date):
            n = 10
        elif isinstance(v, bool):
            n = 5
        elif isinstance(v, int | float):
            n = len(f"{v:,}") if v == v and v not in (float("inf"), float("-inf")) else 3
        else:
            n = len(str(v))
        longest = max(longest, n)
    return float(min(W.MAX_COLUMN_WIDTH, longest + 2))


def join_rows(row_numbers: Sequence[int], columns: list[list[str]], row_attrs: str = "") -> str:
    """`<row>` elements from per-column cell lists (all the same length)."""
    opens = [f'<row r="{r}"{row_attrs}>' for r in row_numbers]
    return "".join(map("".join, zip(opens, *columns, repeat("</row>", len(opens)), strict=True)))


# ------------------------------------------------------------------------------------ new workbook

_NEW_XFS = 12  # the cell styles of _styles_xml before those of the sheets' own formats
_NEW_STYLES = Styles(
    by_kind={"rate": 5, "fraction": 5, "count": 6, "signed": 7, "money": 8, "date": 9},
    quote=3, link=4, date=9, header=1, header_quote=2, time=10, duration=11,
)


_FIRST_OWN_FORMAT = 167  # numFmtId of the first format a sheet's own column brings (164-166: influkit's)


def _custom_xfs(specs: Sequence[SheetSpec]) -> dict[tuple[int, str], int]:
    """The cell style (xf) of each number format the sheets' own columns keep, numbered after influkit's."""
    found: dict[tuple[int, str], int] = {}
    for spec in specs:
        every = [*spec.formats, *(cell[1:] for cells in spec.cell_formats if cells for cell in cells)]
        for fmt in every:
            if fmt and (key := (int(fmt[0]), str(fmt[1]))) not in found:
                found[key] = _NEW_XFS + len(found)
    return found


def _own_cells(spec: SheetSpec, custom: dict[tuple[int, str], int]) -> list[tuple[int, list[tuple[int, int]]]]:
    """(column, [(row, style)] in row order) of the columns whose cells have formats of their own."""
    out = []
    for i, cells in enumerate(spec.cell_formats):
        if cells:
            out.append((i, sorted((int(c[0]), custom[(int(c[1]), str(c[2]))]) for c in cells)))
    return out


def _restyle(cells: list[str], values: Sequence[Any], rows: range, letter: str, own: list[tuple[int, int]],
             sink: Sink) -> None:
    """Write again, each in its own style, the cells of a chunk that have a format of their own."""
    first = rows[0] - 2
    styles: dict[int, Styles] = {}
    for k, style in own[bisect_left(own, (first, -1)): bisect_left(own, (first + len(cells), -1))]:
        v = values[k - first]
        if v is not None:
            found = styles.get(style) or styles.setdefault(style, replace(_NEW_STYLES, date=style))
            cells[k - first] = _other_cell(f"{letter}{k + 2}", v, style, found, sink)


def _styles_xml(custom: dict[tuple[int, str], int] | None = None, date_format: str = NUMBER_FORMATS["date"]) -> str:
    """The styles part: influkit's cell styles (their dates in `date_format`), then the sheets' own formats."""
    custom = custom or {}
    own = {key: _FIRST_OWN_FORMAT + k for k, key in enumerate(k for k in custom if k[0] >= BUILTIN_FORMAT_LIMIT)}
    formats = "".join(f'<numFmt numFmtId="{ident}" formatCode="{escape_attr(code)}"/>'
                      for (_, code), ident in own.items())
    xfs = "".join(f'<xf numFmtId="{own.get(key, key[0])}" fontId="0" fillId="0" borderId="0" xfId="0" '
                  'applyNumberFormat="1"/>' for key in custom)
    return (
        XML_DECL
        + f'<styleSheet xmlns="{NS_MAIN}">'
        f'<numFmts count="{3 + len(own)}"><numFmt numFmtId="164" formatCode="{escape_attr(date_format)}"/>'
        f'<numFmt numFmtId="165" formatCode="+#,##0;-#,##0;0"/>'
        f'<numFmt numFmtId="166" formatCode="#,##0.00##"/>{formats}</numFmts>'
        '<fonts count="3">'
        '<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>'
        '<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/>'
        '<scheme val="minor"/></font>'
        f'<font><u/><sz val="11"/><color rgb="{LINK_COLOR}"/><name val="Calibri"/><family val="2"/>'
        '<scheme val="minor"/></font></fonts>'
        '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
        '</fill><fill><patternFill patternType="solid"><fgColor rgb="FF1F3A5F"/><bgColor indexed="64"/>'
        '</patternFill></fill></fills>'
        '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
        '<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>'
        '<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/>'
        '</border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{_NEW_XFS + len(custom)}">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" '
        'applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>'
        '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" quotePrefix="1" applyFont="1" '
        'applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
        '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="21" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="46" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        f'{xfs}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9" '
        'defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
    )


@dataclass
class SheetSpec:
    """One sheet of a new workbook: a header row and columns of values with their kinds."""

    name: str
    headers: list[str]
    columns: Sequence[Sequence[Any]]
    kinds: list[str | None]
    widths: list[float] | None = None
    freeze_header: bool = True
    autofilter: bool = True
    color_scale: tuple[int, ...] = ()  # 0-based columns with a red-yellow-green colour scale
    formats: Sequence[Sequence[Any] | None] = ()  # per column: a (numFmtId, code) its numbers keep, or None
    cell_formats: Sequence[Sequence[Sequence[Any]] | None] = ()  # per column: [row, numFmtId, code] of its cells
    # with a format of their own (rows counted from 0 below the header), or None

    @property
    def nrows(self) -> int:
        return max((len(c) for c in self.columns), default=0)


def safe_sheet_name(name: str, taken: set[str]) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", "_", name).strip("'") or "Sheet"
    cleaned = cleaned[: W.EXCEL_SHEET_NAME_MAX]
    base, n = cleaned, 2
    while cleaned.casefold() in taken:
        suffix = f" ({n})"
        cleaned = base[: W.EXCEL_SHEET_NAME_MAX - len(suffix)] + suffix
        n += 1
    taken.add(cleaned.casefold())
    return cleaned


def quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _own_formats(spec: SheetSpec, custom: dict[tuple[int, str], int]) -> tuple[list[str | None], list[Styles]]:
    """Each column's kind and styles: a column that keeps its own number format is written as numbers (as
    dates when it holds dates) in a style of that format."""
    kinds, styles = list(spec.kinds), [_NEW_STYLES] * len(spec.kinds)
    for i, fmt in enumerate(spec.formats):
        if not fmt:
            continue
        xf = custom[(int(fmt[0]), str(fmt[1]))]
        if any(isinstance(v, dt.date) for v in spec.columns[i]):
            kinds[i] = "date"
            styles[i] = replace(_NEW_STYLES, by_kind={**_NEW_STYLES.by_kind, "date": xf}, date=xf)
        else:
            kinds[i] = "number"
            styles[i] = replace(_NEW_STYLES, by_kind={**_NEW_STYLES.by_kind, "number": xf})
    return kinds, styles


@dataclass
class _Rows:
    """How a sheet's rows become XML: its columns' letters, kinds and styles, and the cells with a
    format of their own."""

    spec: SheetSpec
    letters: list[str]
    kinds: list[str | None]
    styles: list[Styles]
    restyled: list[tuple[int, list[tuple[int, int]]]]

    def xml(self, k0: int, k1: int, sink: Sink) -> str:
        """The `<row>` elements of the table rows k0..k1 (one chunk)."""
        rows = range(k0 + 2, k1 + 2)
        columns = self.spec.columns
        cells = [encode_column(col[k0:k1], rows, letter, kind, style, sink)
                 for col, letter, kind, style in zip(columns, self.letters, self.kinds, self.styles, strict=True)]
        for i, own in self.restyled:
            _restyle(cells[i], columns[i][k0:k1], rows, self.letters[i], own, sink)
        return join_rows(rows, cells)

    def natives(self, k0: int, k1: int) -> int:
        """How many cells of rows k0..k1 would take one of the sheet's native hyperlinks."""
        return sum(sum(1 for v in col[k0:k1] if v is not None and _native(v))
                   for col, kind in zip(self.spec.columns, self.kinds, strict=True) if mode_of(kind) == LINK)

    def part(self, k0: int, k1: int, budget: int) -> Callable[[forked.Write, forked.Done], dict[str, Any]]:
        """The work of a forked writer: rows k0..k1 as XML, deflated (a raw stream ending on a full
        flush, to be spliced into the sheet's member), the sheet's native hyperlinks left at `budget`."""

        def work(write: forked.Write, done: forked.Done) -> dict[str, Any]:
            sink = Sink(link_budget=budget)
            deflate = zlib.compressobj(W.ZIP_LEVEL, zlib.DEFLATED, -15)
            crc = size = 0
            for start in range(k0, k1, W.ROWS_PER_CHUNK):
                end = min(k1, start + W.ROWS_PER_CHUNK)
                data = self.xml(start, end, sink).encode("utf-8")
                crc, size = zlib.crc32(data, crc), size + len(data)
                write(deflate.compress(data))
                done(end - k0)
            write(deflate.flush(zlib.Z_FULL_FLUSH))
            return {"crc": crc, "size": size, "links": sink.links, "counts": sink.counts,
                    "budget": sink.link_budget}

        return work


def _parts(n: int) -> list[int]:
    """Where a sheet's n rows are cut between the processes that write them (chunk boundaries, so each
    chunk is the one a single writer makes): [0, n] for one. Only a sheet of PARALLEL_WRITE_MIN_ROWS to
    PARALLEL_WRITE_MAX_ROWS rows is shared: while a forked writer lives, each process copies every page
    of the table's cells it touches (300 MB more at 500k rows, measured)."""
    chunks = -(-n // W.ROWS_PER_CHUNK)
    wide = W.PARALLEL_WRITE_MIN_ROWS <= n <= W.PARALLEL_WRITE_MAX_ROWS
    count = min(forked.allowed(W.WRITE_PROCESSES), chunks) if wide and forked.available() else 1
    return [min(n, (chunks * k // count) * W.ROWS_PER_CHUNK) for k in range(count)] + [n]


def _sheet_parts(spec: SheetSpec, index: int, sink: Sink, write: Callable[[str], None],
                 custom: dict[tuple[int, str], int] | None = None, splice: Splice | None = None) -> str | None:
    """Stream one worksheet's XML through `write`; returns its relationships part (or None). With
    `splice` (the sheet's zip member can take deflated parts), a large sheet's rows are shared with
    forked writers (`_parts`), whose deflated parts `splice` puts after the caller's own."""
    styles = _NEW_STYLES
    kinds, column_styles = _own_formats(spec, custom or {})
    restyled = _own_cells(spec, custom or {})
    n, width = spec.nrows, len(spec.headers)
    last = column_letter(max(width, 1) - 1)
    last_row = max(n + 1, 1)
    write(XML_DECL + f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}">')
    write(f'<dimension ref="A1:{last}{last_row}"/>' if width else '<dimension ref="A1"/>')
    selected = ' tabSelected="1"' if index == 0 else ""
    if spec.freeze_header:
        write(f'<sheetViews><sheetView{selected} workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
              'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
              '</sheetView></sheetViews>')
    else:
        write(f'<sheetViews><sheetView{selected} workbookViewId="0"/></sheetViews>')
    write('<sheetFormatPr defaultRowHeight="15"/>')
    widths = spec.widths or [column_width(h, c) for h, c in zip(spec.headers, spec.columns, strict=True)]
    if widths:
        write("<cols>" + "".join(f'<col min="{i + 1}" max="{i + 1}" width="{w:g}" customWidth="1"/>'
                                 for i, w in enumerate(widths)) + "</cols>")
    write("<sheetData>")
    if width:
        write(f'<row r="1">{header_cells(spec.headers, 1, 0, styles, sink)}</row>')
    encoder = _Rows(spec, [column_letter(i) for i in range(width)], kinds, column_styles, restyled)
    with progress.step(f"writing xlsx [{spec.name}]", n, "rows") as tick:
        _write_rows(encoder, n, sink, write, tick, splice)
    write("</sheetData>")
    if spec.autofilter and width:
        write(f'<autoFilter ref="A1:{last}{last_row}"/>')
    for priority, c in enumerate(spec.color_scale, start=1):
        if n:
            ref = f"{column_letter(c)}2:{column_letter(c)}{n + 1}"
            write(f'<conditionalFormatting sqref="{ref}"><cfRule type="colorScale" priority="{priority}">'
                  '<colorScale><cfvo type="min"/><cfvo type="percentile" val="50"/><cfvo type="max"/>'
                  '<color rgb="FFF8696B"/><color rgb="FFFFEB84"/><color rgb="FF63BE7B"/></colorScale></cfRule>'
                  '</conditionalFormatting>')
    rels = None
    if sink.links:
        write("<hyperlinks>" + "".join(f'<hyperlink ref="{ref}" r:id="rId{i}"/>'
                                       for i, (ref, _) in enumerate(sink.links, start=1)) + "</hyperlinks>")
        rels = (XML_DECL + f'<Relationships xmlns="{NS_PKG_REL}">'
                + "".join(f'<Relationship Id="rId{i}" Type="{REL_HYPERLINK}" Target="{escape_attr(url)}" '
                          'TargetMode="External"/>' for i, (_, url) in enumerate(sink.links, start=1))
                + "</Relationships>")
    write('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>')
    write("</worksheet>")
    return rels


def _write_rows(encoder: _Rows, n: int, sink: Sink, write: Callable[[str], None], tick: progress.Tick,
                splice: Splice | None) -> None:
    """The sheet's rows, by chunks: the first part here, the others (a large sheet, `_parts`) by forked
    writers started first; a writer that fails has its part written here (the same bytes, later)."""
    bounds = _parts(n) if splice is not None else [0, n]
    children: list[tuple[int, int, forked.Child | None]] = []
    natives = 0
    for k0, k1 in zip(bounds[1:-1], bounds[2:], strict=True):
        natives += encoder.natives(bounds[len(children)], k0)
        budget = max(0, sink.link_budget - natives)
        children.append((k0, k1, forked.start(encoder.part(k0, k1, budget))))
    started = [child for _, _, child in children if child is not None]
    forks = list(started)  # the ones whose rows count as done
    own = 0  # rows written here

    def tell(_: int = 0) -> None:
        tick(own + sum(child.done() for child in forks))

    def rows(k0: int, k1: int) -> None:
        nonlocal own
        for start in range(k0, k1, W.ROWS_PER_CHUNK):
            end = min(k1, start + W.ROWS_PER_CHUNK)
            write(encoder.xml(start, end, sink))
            own += end - start
            tell()

    try:
        rows(0, bounds[1])
        for k0, k1, child in children:
            if child is not None and child.wait(tell) and splice is not None:
                found = child.result()
                splice(child.chunks(), found["crc"], found["size"])
                sink.links += found["links"]
                for key, count in found["counts"].items():
                    sink.counts[key] += count
                sink.link_budget = found["budget"]
                continue
            if child is not None:
                forks.remove(child)  # (its rows are counted again as they are written here)
            rows(k0, k1)
        tick(n)
    finally:
        for child in started:
            child.close()


Splice = Callable[[Iterable[bytes], int, int], None]


def crc32_combine(crc1: int, crc2: int, size2: int) -> int:
    """The CRC-32 of A + B from crc32(A), crc32(B) and len(B) (zlib's crc32_combine, which Python's zlib
    does not expose: the operator for `size2` zero bytes, by squaring a 32x32 matrix over GF(2))."""

    def times(matrix: list[int], vector: int) -> int:
        total, i = 0, 0
        while vector:
            if vector & 1:
                total ^= matrix[i]
            vector >>= 1
            i += 1
        return total

    def square(matrix: list[int]) -> list[int]:
        return [times(matrix, matrix[i]) for i in range(32)]

    if size2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << i for i in range(31)]  # the operator for one zero bit
    even = square(odd)  # two zero bits
    odd = square(even)  # four
    while True:
        even = square(odd)  # (first time: one zero byte)
        if size2 & 1:
            crc1 = times(even, crc1)
        size2 >>= 1
        if not size2:
            break
        odd = square(even)
        if size2 & 1:
            crc1 = times(odd, crc1)
        size2 >>= 1
        if not size2:
            break
    return crc1 ^ crc2


_MEMBER_STATE = ("_compressor", "_crc", "_file_size", "_compress_size", "_fileobj")


def member_splice(member: IO[bytes], writer: _Utf8Writer, deflater: Deflater) -> Splice | None:
    """How to put deflated parts (made by forked writers) into a zip member being written through
    `writer` and `deflater`: the member's own stream is ended on a full flush (nothing after refers back
    to it), the part's bytes follow as they are, and the member's CRC and size take the part's. None
    when the member is not the one `zipfile` makes in this Python (its state names differ): no part is
    forked then.

    Why in the member's state: `zipfile` has no way to add bytes already deflated to a member, and the
    alternative, a zip writer of our own, would be more code to keep than these five names."""
    state: Any = member
    if not all(hasattr(state, name) for name in _MEMBER_STATE) or not hasattr(state._compressor, "flush"):
        return None

    def splice(chunks: Iterable[bytes], crc: int, size: int) -> None:
        writer.flush()
        deflater.drain()
        out = state._fileobj
        tail = state._compressor.flush(zlib.Z_FULL_FLUSH)
        out.write(tail)
        state._compress_size += len(tail)
        for block in chunks:
            out.write(block)
            state._compress_size += len(block)
        state._crc = crc32_combine(state._crc, crc, size)
        state._file_size += size

    return splice


class Deflater:
    """Writes bytes into a zip member from a second thread, so the deflating (zlib and crc32 release
    the GIL) of one chunk overlaps the building of the next; at most DEFLATE_QUEUE_CHUNKS chunks wait.
    An error of the writing thread (disk full) is raised in the caller's next `write` or at `close`;
    a block that fails leaves nothing waiting (the member is then discarded with the file)."""

    def __init__(self, member: IO[bytes]) -> None:
        self.member = member
        self.error: BaseException | None = None
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=W.DEFLATE_QUEUE_CHUNKS)
        self._thread = threading.Thread(target=self._run, name="influkit-deflate", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (data := self._queue.get()) is not None:
            if self.error is None:
                try:
                    self.member.write(data)
                except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                    self.error = exc
            self._queue.task_done()

    def drain(self) -> None:
        """Wait until every chunk given so far is in the member (the thread then waits for more)."""
        self._queue.join()
        if self.error is not None:
            raise self.error

    def write(self, data: bytes) -> int:
        if self.error is not None:
            raise self.error
        self._queue.put(data)
        return len(data)

    def _stop(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()

    def close(self) -> None:
        """Wait until every chunk is in the member; raise the writing thread's error, if any."""
        self._stop()
        if self.error is not None:
            raise self.error

    def __enter__(self) -> Deflater:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            self.close()
        else:  # the caller failed: stop the thread, keep the caller's error
            self._stop()


class _Utf8Writer:
    """Encodes text to a binary zip member in large writes."""

    def __init__(self, member: IO[bytes] | Deflater) -> None:
        self.member = member
        self.parts: list[str] = []
        self.size = 0

    def __call__(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        if self.size > 1 << 22:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            self.member.write("".join(self.parts).encode("utf-8"))
            self.parts.clear()
            self.size = 0


def write_workbook(sheets: Iterable[SheetSpec], fh: IO[bytes], date_format: str = NUMBER_FORMATS["date"]
                   ) -> dict[str, int]:
    """A new xlsx of these sheets, streamed into the binary file object, its date cells shown in
    `date_format` (`labels.date_number_format` of the reader's language: dd/mm/yyyy in French); returns the
    counts of the first sheet's links and cut cells (the ones the summary reports)."""
    specs = list(sheets)
    taken: set[str] = set()
    names = [safe_sheet_name(s.name, taken) for s in specs]
    totals: dict[str, int] = {"links": 0, "link_formulas": 0, "links_as_text": 0, "truncated": 0}
    with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=W.ZIP_LEVEL) as zf:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(specs) + 1))
        zf.writestr("[Content_Types].xml", XML_DECL + (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f'{overrides}</Types>'))
        zf.writestr("_rels/.rels", XML_DECL + (
            f'<Relationships xmlns="{NS_PKG_REL}"><Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'))
        defined = []
        sheet_entries = []
        book_rels = []
        for i, (spec, name) in enumerate(zip(specs, names, strict=True), start=1):
            sheet_entries.append(f'<sheet name="{escape_attr(name)}" sheetId="{i}" r:id="rId{i}"/>')
            book_rels.append(f'<Relationship Id="rId{i}" '
                             'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                             f'Target="worksheets/sheet{i}.xml"/>')
            if spec.autofilter and spec.headers:
                ref = f"$A$1:${column_letter(len(spec.headers) - 1)}${max(spec.nrows + 1, 1)}"
                defined.append(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i - 1}" hidden="1">'
                               f"{escape_text(quote_sheet(name))}!{ref}</definedName>")
        book_rels.append(f'<Relationship Id="rId{len(specs) + 1}" '
                         'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
                         'Target="styles.xml"/>')
        zf.writestr("xl/workbook.xml", XML_DECL + (
            f'<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}"><workbookPr/><bookViews>'
            '<workbookView activeTab="0"/></bookViews><sheets>' + "".join(sheet_entries) + "</sheets>"
            + (f"<definedNames>{''.join(defined)}</definedNames>" if defined else "")
            + "</workbook>"))
        zf.writestr("xl/_rels/workbook.xml.rels", XML_DECL + f'<Relationships xmlns="{NS_PKG_REL}">'
                    + "".join(book_rels) + "</Relationships>")
        custom = _custom_xfs(specs)
        zf.writestr("xl/styles.xml", _styles_xml(custom, date_format))
        for i, spec in enumerate(specs, start=1):
            sink = Sink()
            estimate = spec.nrows * max(len(spec.headers), 1) * 80
            with zf.open(f"xl/worksheets/sheet{i}.xml", "w",
                         force_zip64=estimate > W.LARGE_PART_BYTES) as member, Deflater(member) as out:
                writer = _Utf8Writer(out)
                rels = _sheet_parts(spec, i - 1, sink, writer, custom, member_splice(member, writer, out))
                writer.flush()
            if rels is not None:
                zf.writestr(f"xl/worksheets/_rels/sheet{i}.xml.rels", rels)
            if i == 1:
                totals = dict(sink.counts)
    return totals
