"""What python-calamine does not give from a workbook: cell hyperlinks, HYPERLINK() formulas, the cells
holding aggregate formulas (SUM, AVERAGE, SUBTOTAL...) with the ranges they add up, and the columns
influkit's in-place writer marked as its own (the hidden name `_influkit_columns`), read from the
file's own XML.

- xlsx/xlsm: Excel keeps hyperlinks in each sheet's `<hyperlinks>` element, their targets in the sheet's
  `_rels` file; formulas are `<f>` elements of the sheet XML (function names always in English).
- ods: links are `<text:a xlink:href>` inside cells, formulas `table:formula="of:=..."`.
- xls/xlsb (binary formats) are not read here: their cells come through without links.

Sheets are only parsed when they can hold something: a sheet without hyperlink relationships is not
scanned for `<hyperlinks>`, and the formula scan stops at the first chunk that has none... (the scan runs
in a thread next to calamine's read, so a plain sheet costs nothing measurable).

Coordinates are absolute and 0-based: (row, column) of the sheet, as Excel counts them minus one.
"""

from __future__ import annotations

import html
import io
import posixpath
import re
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO
from xml.etree import ElementTree as ET

from .xlsx import BUILTIN_NUMBER_FORMATS, column_index

Cell = tuple[int, int]

# functions whose value is a number computed over ranges (a count, a sum, a mean, an extreme, a spread), by
# the row kind of a row holding them; a cell showing one never names an account
AGGREGATES = {
    "SUM": "total", "SUMIF": "total", "SUMIFS": "total", "SUMPRODUCT": "total", "DSUM": "total",
    "SUBTOTAL": "subtotal", "AGGREGATE": "subtotal",
    "AVERAGE": "average", "AVERAGEA": "average", "AVERAGEIF": "average", "AVERAGEIFS": "average",
    "DAVERAGE": "average", "MEDIAN": "average", "MODE": "average", "MODE.SNGL": "average",
    "COUNT": "total", "COUNTA": "total", "COUNTIF": "total", "COUNTIFS": "total", "COUNTBLANK": "total",
    "DCOUNT": "total", "DCOUNTA": "total",
    "MIN": "summary", "MAX": "summary", "MINA": "summary", "MAXA": "summary", "MINIFS": "summary",
    "MAXIFS": "summary", "LARGE": "summary", "SMALL": "summary", "PERCENTILE": "summary",
    "PERCENTILE.INC": "summary", "QUARTILE": "summary", "QUARTILE.INC": "summary", "STDEV": "summary",
    "STDEV.S": "summary", "STDEV.P": "summary", "STDEVA": "summary", "VAR": "summary", "VAR.S": "summary",
    "VAR.P": "summary",
}
# functions that may wrap an aggregate and still show a number, or that number as text (ROUND(AVERAGE(...)),
# IFERROR(COUNTA(...);0), TEXT(SUM(...);"0"), COUNTA(...)&" comptes"); any other function (INDEX, VLOOKUP,
# OFFSET, INDIRECT, FILTER, HYPERLINK...) may show a cell's own text: the formula is no aggregate
_NUMERIC_WRAPPERS = frozenset({
    "ROUND", "ROUNDUP", "ROUNDDOWN", "MROUND", "INT", "TRUNC", "ABS", "CEILING", "FLOOR", "CEILING.MATH",
    "FLOOR.MATH", "SQRT", "VALUE", "N", "TEXT", "FIXED", "DOLLAR", "IF", "IFS", "IFERROR", "IFNA", "AND", "OR",
    "NOT", "ISBLANK", "ISNUMBER", "ISERROR", "CONCATENATE", "CONCAT",
})
# those of them that choose between their arguments (or join texts): beside them, a reference outside the
# aggregate's own arguments may show that cell's text (IF(COUNTA(...)=0;B2;...))
_PASSING = frozenset({"IF", "IFS", "IFERROR", "IFNA", "CONCATENATE", "CONCAT", "TEXT", "VALUE", "N"})


Box = tuple[int, int, int, int]  # (first row, first column, last row, last column), 0-based, inclusive


@dataclass(frozen=True)
class Aggregate:
    """An aggregate formula of one cell: its kind (total, average, subtotal, summary), the same-sheet ranges it
    reads (`boxes`) and the table columns it names (`Table[Column]`, `[Column]`; `[@Column]`, this
    row's cell, is not a column)."""

    kind: str
    boxes: tuple[Box, ...] = ()
    columns: tuple[str, ...] = ()

    def summarises(self, row: int) -> bool:
        """True when the formula sums up the rows above it and reads nothing of its own row or below: a
        range of several rows wholly above (`COUNTA(A2:A18)` on row 19, in any column) or a table's column
        (`SUBTOTAL(109,[Followers])`); a per-row `COUNTIF($A$2:A18;A19)` (is this name already above?)
        reads its own row, and a whole column (`SUM(C:C)`) says nothing of where the rows are."""
        above = bool(self.columns)
        for r0, _, r1, _ in self.boxes:
            if r0 == 0 and r1 >= _ROW_LIMIT:
                continue
            if r1 >= row:
                return False
            above = above or r0 < r1
        return above

    def sums_down(self, row: int, col: int, header: str | None) -> bool:
        """True when the formula adds up its own column over rows above it (`C12 = SUM(C2:C11)`, a
        totals row's `SUBTOTAL(109,[Followers])` under "Followers"); a per-row `SUM(D2:E2)` or a side
        cell adding up another column does not."""
        if any(c0 == c1 == col and r1 < row for r0, c0, r1, c1 in self.boxes):
            return True
        if header is not None:
            key = " ".join(header.split()).casefold()
            return any(" ".join(c.split()).casefold() == key for c in self.columns)
        return False


@dataclass
class SheetExtras:
    """Links and formulas of one sheet, by absolute 0-based (row, column)."""

    links: dict[Cell, str] = field(default_factory=dict)  # hyperlink target of a cell
    formulas: dict[Cell, str] = field(default_factory=dict)  # HYPERLINK(...) formulas, unresolved
    aggregates: dict[Cell, Aggregate] = field(default_factory=dict)  # cells holding SUM/AVERAGE/...
    marked: set[int] | None = None  # 0-based columns influkit's in-place writer marked as its own
    notes: list[str] = field(default_factory=list)
    uncached: dict[Cell, str] = field(default_factory=dict)  # formulas saved without their value (a script's)
    errors: dict[Cell, str] = field(default_factory=dict)  # error cells (t="e": #REF!, #N/A), which
    # python-calamine gives as empty text
    merges: list[tuple[Cell, Cell]] = field(default_factory=list)  # merged ranges (first cell, last cell), for
    # an ods (python-calamine gives an xlsx's, not an ods's)


_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")


def cell_index(ref: str) -> Cell | None:
    """(row, column) of an A1 reference ("C12" -> (11, 2)), None when it is not one."""
    m = _CELL_REF.fullmatch(ref.strip())
    if m is None:
        return None
    return int(m[2]) - 1, column_index(m[1])


def _ref_cells(ref: str) -> list[Cell]:
    """Every cell of "C2" or "C2:C40" (ranges of hyperlinks are rare and short)."""
    first, _, last = ref.partition(":")
    a = cell_index(first)
    if a is None:
        return []
    b = cell_index(last) if last else a
    if b is None:
        return [a]
    if (b[0] - a[0] + 1) * (b[1] - a[1] + 1) > 1_000_000:
        return [a]
    return [(r, c) for r in range(a[0], b[0] + 1) for c in range(a[1], b[1] + 1)]


# ------------------------------------------------------------------------------------------- xlsx


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(el: ET.Element, name: str) -> str | None:
    for k, v in el.attrib.items():
        if _local(k) == name:
            return v
    return None


def _sheet_paths(z: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, set[int]]]:
    """(sheet name -> path of its XML in the zip, sheet name -> 0-based columns influkit's in-place
    writer marked as its own in the hidden name `_influkit_columns`)."""
    try:
        text = z.read("xl/workbook.xml")
        wb = ET.fromstring(text)
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError):
        return {}, {}
    targets = {}
    for rel in rels:
        rid, target = rel.get("Id"), rel.get("Target")
        if rid and target:
            targets[rid] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join("xl", target))
    out = {}
    order: list[str] = []
    for el in wb.iter():
        if _local(el.tag) == "sheet":
            name, rid = el.get("name"), _attr(el, "id")
            order.append(name or "")
            if name and rid and rid in targets:
                out[name] = targets[rid]
    marked: dict[str, set[int]] = {}
    if b"_influkit_columns" in text:
        from .inplace import marker_columns

        xml = text.decode("utf-8", "replace")
        for index, name in enumerate(order):
            cols = marker_columns(xml, index)
            if cols is not None:
                marked[name] = cols
    return out, marked


def _external_links(z: zipfile.ZipFile, sheet_path: str) -> dict[str, str]:
    """Relationship id -> URL of the sheet's hyperlink relationships."""
    folder, name = posixpath.split(sheet_path)
    try:
        rels = ET.fromstring(z.read(posixpath.join(folder, "_rels", name + ".rels")))
    except (KeyError, ET.ParseError):
        return {}
    return {rel.get("Id", ""): rel.get("Target", "") for rel in rels
            if (rel.get("Type") or "").endswith("/hyperlink") and rel.get("Target")}


_HYPERLINKS_BLOCK = re.compile(rb"<(?:\w+:)?hyperlinks\b.*?</(?:\w+:)?hyperlinks>", re.DOTALL)
_HYPERLINK_ATTRS = re.compile(rb"<(?:\w+:)?hyperlink\b([^>]*)>")
_REL_ID = re.compile(rb"\s(?:\w+:)?id=\"([^\"]*)\"")
_REF = re.compile(rb"\sref=\"([^\"]*)\"")
# a formula with its text, and the cell tag it sits in (searched just before it: a cell's <f> follows
# its tag, with nothing but spaces between; a pattern reaching back from every cell to its <f> took
# 2.4 s for a 150k-row sheet with one formula in it, a search for the formulas first a few ms)
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*>([^<]+)</")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3}\d{1,7})\"[^>]*(?<!/)>\s*\Z")
_CELL_TAG_REACH = 1024  # bytes before a formula searched for its cell's tag
_NO_VALUE = re.compile(rb"\s*(?:<(?:\w+:)?v\s*/>|</(?:\w+:)?c>)")  # after </f>: an empty <v/>, or the cell's end


_CELL_ATTR = re.compile(rb'\sr="([A-Za-z]{1,3}\d{1,7})"')
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*\bt="e"[^>]*)>(.*?)</(?:\w+:)?c>', re.DOTALL)


def _formula_cells(xml: bytes, uncached: dict[bytes, bytes] | None = None) -> Iterator[tuple[bytes, bytes]]:
    """(cell reference, formula text) of each formula of a sheet's XML; `uncached` gets those saved without
    a computed value (`<v/>` or no `<v>`: openpyxl and other scripts save formulas so, and a spreadsheet
    reader then sees an empty cell)."""
    for m in _FORMULA.finditer(xml):
        start = m.start()
        before = xml[max(0, start - _CELL_TAG_REACH):start]
        opening = before.rfind(b"<")
        tag = _CELL_TAG.search(before, opening) if opening >= 0 else None
        if tag is not None:
            if uncached is not None and _NO_VALUE.match(xml, xml.find(b">", m.end()) + 1):
                uncached[tag[1]] = m[1]
            yield tag[1], m[1]
_ROW = re.compile(r"<(?:\w+:)?row\b[^>]*?\br=\"(\d+)\"[^>]*?(?:/>|>(.*?)</(?:\w+:)?row>)", re.DOTALL)
_CELL = re.compile(r"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3}\d{1,7})\"([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_TYPE = re.compile(r"\bt=\"(\w+)\"")
_V = re.compile(r"<(?:\w+:)?v>([^<]*)</")
_T_TEXT = re.compile(r"<(?:\w+:)?t\b[^>]*>([^<]*)</")
_FUNC = re.compile(r"^\s*=?\s*(?:_xlfn\.)?([A-Za-z.]+)\s*\(")


class _Scan:
    """Stream a sheet's XML once, in a thread, to learn whether it holds formulas or hyperlinks."""

    def __init__(self, z: zipfile.ZipFile, path: str) -> None:
        self.formulas = False
        self.hyperlinks = False
        self.errors = False
        self._z, self._path = z, path
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            with self._z.open(self._path) as fh:
                tail = b""
                while True:
                    chunk = fh.read(1 << 20)
                    if not chunk:
                        break
                    window = tail + chunk
                    if not self.formulas and (b"<f>" in window or b"<f " in window or b":f>" in window):
                        self.formulas = True
                    if not self.hyperlinks and b"hyperlink" in window:
                        self.hyperlinks = True
                    if not self.errors and b't="e"' in window:
                        self.errors = True
                    tail = chunk[-16:]
        except (OSError, zipfile.BadZipFile, KeyError, EOFError, RuntimeError):
            pass

    def result(self) -> tuple[bool, bool, bool]:
        self._thread.join()
        return self.formulas, self.hyperlinks, self.errors


class XlsxExtras:
    """Start reading a workbook's links and formulas; `get(sheet)` waits for that sheet's result."""

    def __init__(self, data: str | bytes) -> None:
        self._z: zipfile.ZipFile | None = None
        self._sst: list[str] | None = None
        self._scans: dict[str, tuple[str, dict[str, str], _Scan]] = {}
        try:
            self._z = zipfile.ZipFile(data if isinstance(data, str) else io.BytesIO(data))
            self._paths, self._marked = _sheet_paths(self._z)
        except (OSError, zipfile.BadZipFile):
            self._paths, self._marked = {}, {}

    def start(self, sheet: str) -> None:
        if self._z is None or sheet in self._scans or sheet not in self._paths:
            return
        path = self._paths[sheet]
        self._scans[sheet] = (path, _external_links(self._z, path), _Scan(self._z, path))

    def get(self, sheet: str) -> SheetExtras:
        self.start(sheet)
        extras = SheetExtras(marked=self._marked.get(sheet))
        if self._z is None or sheet not in self._scans:
            return extras
        path, rels, scan = self._scans[sheet]
        formulas, hyperlinks, errors = scan.result()
        if not formulas and not (hyperlinks and rels) and not errors:
            return extras
        try:
            xml = self._z.read(path)
        except (OSError, KeyError, zipfile.BadZipFile):
            return extras
        if hyperlinks and rels:
            # read by pattern, not by XML parser: the block alone does not carry the `r:` namespace Excel,
            # LibreOffice and xlsxwriter declare once on the worksheet (openpyxl repeats it on each link)
            for block in _HYPERLINKS_BLOCK.findall(xml):
                for attrs in _HYPERLINK_ATTRS.findall(block):
                    rid, ref = _REL_ID.search(attrs), _REF.search(attrs)
                    target = rels.get(html.unescape(rid[1].decode("utf-8", "replace"))) if rid else None
                    if target and ref:
                        for cell in _ref_cells(ref[1].decode("ascii", "replace")):
                            extras.links.setdefault(cell, target)
        if errors:
            for m in _ERROR_CELL.finditer(xml):
                if m[1].endswith(b"/"):
                    continue  # an empty cell typed as an error: nothing to show
                ref, value = _CELL_ATTR.search(m[1]), _V.search(m[2].decode("utf-8", "replace"))
                at = cell_index(ref[1].decode("ascii", "replace")) if ref else None
                if at is not None and value is not None:
                    extras.errors[at] = html.unescape(value[1])
        if formulas:
            uncached: dict[bytes, bytes] = {}
            _collect_formulas(
                ((ref.decode("ascii"), html.unescape(text.decode("utf-8", "replace")))
                 for ref, text in _formula_cells(xml, uncached)), extras, sheet)
            for where, formula in uncached.items():
                at = cell_index(where.decode("ascii"))
                if at is not None:
                    extras.uncached[at] = html.unescape(formula.decode("utf-8", "replace"))
        return extras

    def close(self) -> None:
        for _, _, scan in self._scans.values():
            scan.result()
        if self._z is not None:
            self._z.close()

    # A reader of last resort, for the rows python-calamine cannot give (a cell that makes it panic):
    # values as stored (shared and inline strings, numbers, booleans; date cells stay Excel serials).

    def _shared_strings(self) -> list[str]:
        if self._sst is None:
            self._sst = []
            if self._z is not None:
                try:
                    root = ET.fromstring(self._z.read("xl/sharedStrings.xml"))
                except (KeyError, ET.ParseError, OSError):
                    return self._sst
                for si in root:
                    self._sst.append("".join(t.text or "" for t in si.iter() if _local(t.tag) == "t"))
        return self._sst

    def rows(self, sheet: str, wanted: set[int] | None = None) -> dict[int, dict[int, object]]:
        """{row: {column: value}} of the sheet (absolute 0-based), only `wanted` rows when given."""
        out: dict[int, dict[int, object]] = {}
        if self._z is None or sheet not in self._paths:
            return out
        try:
            xml = self._z.read(self._paths[sheet]).decode("utf-8", "replace")
        except (OSError, KeyError, zipfile.BadZipFile):
            return out
        sst = self._shared_strings()
        for row in _ROW.finditer(xml):
            r = int(row[1]) - 1
            if wanted is not None and r not in wanted:
                continue
            cells = out.setdefault(r, {})
            for c in _CELL.finditer(row[2]):
                cell = cell_index(c[1])
                if cell is None:
                    continue
                kind = _TYPE.search(c[2] or "")
                t = kind[1] if kind else "n"
                body = c[3] or ""
                v = _V.search(body)
                text = html.unescape(v[1]) if v else html.unescape("".join(_T_TEXT.findall(body)))
                value: object
                if t == "s":
                    try:
                        value = sst[int(text)]
                    except (ValueError, IndexError):
                        value = text
                elif t == "b":
                    value = text == "1"
                elif t in ("str", "inlineStr", "e", "d"):
                    value = text
                else:
                    try:
                        value = float(text) if text else None
                    except ValueError:
                        value = text
                cells[cell[1]] = value
        return out


NumberFormat = tuple[int, str]  # (numFmtId, format code): what a cell's style shows its number as
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.')


def _is_percent_format(code: str) -> bool:
    """A format that shows a cell as a percentage: Excel's built-in 0% and 0.00%, and any custom format
    whose first section has a % outside quoted text and escapes ("0.0%", "0.00 %;[Red]-0.00 %")."""
    return "%" in _FORMAT_LITERALS.sub("", code).split(";")[0]


_BRACKETED_SYMBOL = re.compile(r"\[\$([^\]-]*)(?:-[0-9A-Fa-f]+)?\]")  # [$$-409], [$€-40C], [$CHF]
_QUOTED_TEXT = re.compile(r'"([^"]*)"|\\(.)')


def format_currency(code: str) -> str | None:
    """The currency a number format shows its numbers in ('[$$-409]#,##0.00' -> USD, '#,##0.00 "€"' ->
    EUR, '£#,##0'); None when it shows none."""
    from .parse import detect_currency

    first = code.split(";")[0]
    texts = [m for m in _BRACKETED_SYMBOL.findall(first) if m]
    texts += ["".join(m) for m in _QUOTED_TEXT.findall(first)]
    bare = _QUOTED_TEXT.sub(" ", _BRACKETED_SYMBOL.sub(" ", first))
    texts += re.findall(r"[€£$¥₹₽₩]", re.sub(r"\[[^\]]*\]", " ", bare))
    for text in texts:
        found = detect_currency(text.strip())
        if found:
            return found
    return None


def style_formats(z: zipfile.ZipFile) -> list[NumberFormat]:
    """The number format of each cell style (`s="..."` in the sheets' XML is an index in this list)."""
    try:
        root = ET.fromstring(z.read("xl/styles.xml"))
    except (KeyError, ET.ParseError, OSError, zipfile.BadZipFile):
        return []
    codes: dict[int, str] = dict(BUILTIN_NUMBER_FORMATS)
    for el in root.iter():
        if _local(el.tag) == "numFmt" and (el.get("numFmtId") or "").isdigit():
            codes[int(el.get("numFmtId") or "0")] = el.get("formatCode") or "General"
    for el in root:
        if _local(el.tag) == "cellXfs":
            out = []
            for xf in el:
                number = xf.get("numFmtId", "0")
                ident = int(number) if number.isdigit() else 0
                out.append((ident, codes.get(ident, "General")))
            return out
    return []


_GENERAL: NumberFormat = (0, "General")
_STYLE = re.compile(rb'\bs="(\d+)"')
_CELL_TYPE = re.compile(rb'\bt="(\w+)"')


class CellFormats:
    """The number formats of a sheet's cells, found when asked (which cells of a rate column are
    percentages; the format of a column influkit keeps): the sheet's XML is read again then, once."""

    def __init__(self, data: str | bytes, sheet: str) -> None:
        self._data, self._sheet = data, sheet
        self._xml: bytes | None = None
        self._styles: list[NumberFormat] | None = None  # (read once, with the first look at the workbook)

    def _zip(self) -> zipfile.ZipFile:
        return zipfile.ZipFile(self._data if isinstance(self._data, str) else io.BytesIO(self._data))

    def _member(self, z: zipfile.ZipFile) -> str | None:
        """The sheet's part, when any style of the workbook names a number format (else nothing to find)."""
        if self._styles is None:
            self._styles = style_formats(z)
        paths, _ = _sheet_paths(z)
        return paths.get(self._sheet) if any(ident for ident, _ in self._styles) else None

    def _load(self) -> None:
        self._xml = b""
        try:
            with self._zip() as z:
                member = self._member(z)
                if member is not None:
                    self._xml = z.read(member)
        except (OSError, KeyError, zipfile.BadZipFile, RuntimeError):
            pass

    def _number_cells(self, xml: bytes, column: int) -> Iterator[tuple[int, NumberFormat]]:
        """(1-based row, number format) of the number cells of the 1-based `column` (General without a style)."""
        from .xlsx import column_letter

        letters = column_letter(column - 1).encode("ascii")
        styles = self._styles or []
        # the cell references first (a plain search), then each one's tag: a regex over every <c> tag of a
        # 100k-row sheet took 0.6 s
        for m in re.finditer(b'r="' + letters + rb'(\d+)"', xml):
            start, end = xml.rfind(b"<", 0, m.start()), xml.find(b">", m.end())
            tag = xml[start:end + 1]
            if not tag.startswith(b"<c") or tag[2:3] not in (b" ", b"\t", b"\n", b"\r"):
                continue  # (a row's r="...", not a cell's)
            kind = _CELL_TYPE.search(tag)
            if tag.endswith(b"/>") or (kind is not None and kind[1] != b"n"):
                continue  # an empty cell, text, a boolean, an error
            style = _STYLE.search(tag)
            number = int(style[1]) if style is not None else 0
            yield int(m[1]), styles[number] if number < len(styles) else _GENERAL

    def rows(self, column: int) -> set[int]:
        """The 1-based rows whose cell in the 1-based `column` has a percentage format."""
        if self._xml is None:
            self._load()
        return {row for row, (_, code) in self._number_cells(self._xml or b"", column) if _is_percent_format(code)}

    def _head(self) -> Iterator[bytes]:
        """The sheet's XML in pieces that end with a row, read as far as asked (the whole of it once loaded)."""
        if self._xml is not None:
            yield self._xml
            return
        try:
            with self._zip() as z:
                part = self._member(z)
                if part is None:
                    return
                with z.open(part) as member:
                    rest = b""
                    while block := member.read(1 << 20):
                        cut = (rest + block).rfind(b"</row>") + len(b"</row>")
                        if cut < len(b"</row>"):
                            rest += block
                            continue
                        yield (rest + block)[:cut]
                        rest = (rest + block)[cut:]
        except (OSError, KeyError, zipfile.BadZipFile, RuntimeError):
            return

    def shows_currency(self) -> bool:
        """Whether any cell style of the workbook shows a currency (read from its styles part only)."""
        if self._styles is None:
            try:
                with self._zip() as z:
                    self._styles = style_formats(z)
            except (OSError, KeyError, zipfile.BadZipFile, RuntimeError):
                return False
        return any(format_currency(code) for _, code in set(self._styles))

    def column_formats(self, column: int, rows: set[int], *, whole: bool = False
                       ) -> tuple[NumberFormat | None, dict[int, NumberFormat]]:
        """The number format of `column`'s number cells in these 1-based `rows`: (the format most of them
        share, None for General; {row: its own format} for the cells that have another). The first
        FORMAT_SAMPLE_CELLS number cells are looked at; only when they disagree, or with `whole`, is the
        whole column read."""
        from ..thresholds.reading import FORMAT_SAMPLE_CELLS

        seen: list[tuple[int, NumberFormat]] = []
        if not whole:
            for piece in self._head():
                seen += [(row, fmt) for row, fmt in self._number_cells(piece, column) if row in rows]
                if len(seen) >= FORMAT_SAMPLE_CELLS:
                    break
        if whole or len({fmt for _, fmt in seen}) > 1:  # mixed formats: every cell keeps its own
            if self._xml is None:
                self._load()
            seen = [(row, fmt) for row, fmt in self._number_cells(self._xml or b"", column) if row in rows]
        counts: dict[NumberFormat, int] = {}
        for _, fmt in seen:
            counts[fmt] = counts.get(fmt, 0) + 1
        best = max(counts, key=counts.__getitem__, default=None)
        others = {row: fmt for row, fmt in seen if fmt != best}
        return (best if best is not None and best[0] != 0 else None), others


_STRING = re.compile(r'"(?:[^"]|"")*"')
_RANGE = re.compile(
    r"(?<![\w.!:$\]'])\$?(?P<c0>[A-Za-z]{1,3})\$?(?P<r0>\d{1,7})?"
    r"(?::\$?(?P<c1>[A-Za-z]{1,3})\$?(?P<r1>\d{1,7})?)?(?![\w(\[!])")
_STRUCTURED = re.compile(r"\[(?:\[)?(?P<item>[^\[\]]*)\]")
_ROW_LIMIT = 1 << 20  # Excel's last row: a whole-column reference ("C:C") runs to it


def aggregate_of(formula: str, kind: str, sheet: str | None = None) -> Aggregate:
    """The same-sheet ranges and the table columns an aggregate formula reads: `SUM(C2:C40)`,
    `SUBTOTAL(9,$C$2:$C$40)`, `SUM(C:C)`, `SUM(Liste!C2:C40)` on the sheet `Liste`, `SUM(Prospects[Followers])`,
    `SUBTOTAL(109,[Followers])` (references to other sheets and `[@Column]`, this row's cell, are left out)."""
    text = _STRING.sub('""', formula)
    if sheet:
        own = "'" + sheet.replace("'", "''") + "'!"
        text = text.replace(own, "")
        if re.fullmatch(r"[A-Za-z_][\w.]*", sheet):
            text = re.sub(r"(?<![\w.'])" + re.escape(sheet) + "!", "", text)
    boxes: list[Box] = []
    columns: list[str] = []
    for m in _STRUCTURED.finditer(text):
        item = m["item"].strip()
        if item and not item.startswith(("#", "@")) and not text[: m.start()].endswith("@"):
            columns.append(item.replace("'", ""))
    plain = _STRUCTURED.sub(" ", text)
    for m in _RANGE.finditer(plain):  # a reference after "Sheet!" is another sheet's: not matched
        r0, c1, r1 = m["r0"], m["c1"], m["r1"]
        if c1 is None:
            if r0 is not None:
                r, c = int(r0) - 1, column_index(m["c0"])
                boxes.append((r, c, r, c))
            continue  # else a bare word (TRUE, a defined name)
        if (r0 is None) != (r1 is None):
            continue
        a, b = column_index(m["c0"]), column_index(c1)
        top, bottom = (int(r0) - 1, int(r1) - 1) if r0 is not None and r1 is not None else (0, _ROW_LIMIT)
        boxes.append((min(top, bottom), min(a, b), max(top, bottom), max(a, b)))
    return Aggregate(kind, tuple(boxes), tuple(columns))


# a call of HYPERLINK() anywhere in a formula (its strings blanked first), with the prefixes files give it
_HYPERLINK_CALL = re.compile(r"(?<![\w.])(?:_xlfn\.|COM\.MICROSOFT\.|ORG\.OPENOFFICE\.)?HYPERLINK\s*\(", re.IGNORECASE)


# a function call anywhere in a formula (its strings blanked first), with the prefixes files give new ones
_CALL = re.compile(r"(?<![\w.$])(?:_xlfn\.|_xlws\.|COM\.MICROSOFT\.|ORG\.OPENOFFICE\.)?([A-Za-z][\w.]*)\s*\(",
                   re.IGNORECASE)
# the names of the functions a formula calls: the one test most formulas of a sheet get (one case-blind
# pattern of every aggregate's name took 3 times as long on a sheet of per-row formulas)
_CALLED = re.compile(r"[A-Za-z_][\w.]*(?=\s*\()")
_PREFIXES = ("_XLFN.", "_XLWS.", "COM.MICROSOFT.", "ORG.OPENOFFICE.")
# a formula that is one aggregate of plain arguments (`SUM(D2:D40)`, `COUNTA($B$4:$B$17)`)
_PLAIN = re.compile(r"\s*=?\s*(?:_xlfn\.)?([A-Za-z][\w.]*)\s*\(([^()]*)\)\s*")


def _function(name: str) -> str:
    name = name.upper()
    for prefix in _PREFIXES:
        name = name.removeprefix(prefix)
    return name
# an aggregate plus a number (`MAX($A$1:A4)+1`, `1+COUNT(A$1:A4)`): the next number of a numbering column
_NUMBERING = re.compile(r"\s*=?\s*(?:\(\s*)?(?:\x00\s*\+\s*\d+|\d+\s*\+\s*\x00)\s*\)?\s*")


def aggregate_formula(formula: str, sheet: str | None = None) -> Aggregate | None:
    """The aggregate a formula shows, in any case and with any prefix (`COUNTA(B4:B17)`, `counta(b4:b17)`,
    `_xlfn.AGGREGATE(3;5;$B$4:$B$17)`, `SUM(Liste!F4:F17)`, `ROUND(AVERAGE(F4:F17);0)`,
    `IFERROR(COUNTA(B4:B17);0)`, `COUNTA(B4:B17)&" comptes"`, `SUM(F4:F17)/COUNT(F4:F17)`): its value is a
    number (or that number as text), never a cell's own text. None for any other formula: one calling a
    function that may show a cell's text (INDEX, VLOOKUP, HYPERLINK...), one that may pass a cell's text on
    beside its aggregate (`IF(COUNTA(B2:B9)=0;A1;...)`), or a numbering (`MAX($A$1:A4)+1`). Its kind is that
    of its first aggregate function; its ranges those of its aggregates' arguments."""
    if "(" not in formula:
        return None
    plain = _PLAIN.fullmatch(formula)
    if plain is not None and '"' not in plain[2]:
        func = AGGREGATES.get(_function(plain[1]))
        return aggregate_of(plain[2], func, sheet) if func is not None else None
    if not any(_function(name) in AGGREGATES for name in _CALLED.findall(formula)):
        return None
    text = _STRING.sub(lambda m: '"' + " " * (len(m[0]) - 2) + '"', formula)
    calls: list[tuple[str, int, int]] = []  # (function, start of the call, end of its arguments)
    for m in _CALL.finditer(text):
        depth, end = 1, m.end()
        while end < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        calls.append((_function(m[1]), m.start(), end))
    outer = [(f, a, b) for f, a, b in calls if f in AGGREGATES
             and not any(g in AGGREGATES and a2 < a and b <= b2 for g, a2, b2 in calls)]
    if not outer or any(f not in AGGREGATES and f not in _NUMERIC_WRAPPERS for f, _, _ in calls):
        return None
    rest = text
    for _, a, b in reversed(outer):
        rest = rest[:a] + "\x00" + rest[b:]
    if _NUMBERING.fullmatch(rest):
        return None
    if ("&" in rest or any(f in _PASSING for f, _, _ in calls)) and any(
            m["r0"] or m["c1"] for m in _RANGE.finditer(_STRUCTURED.sub(" ", _CALL.sub(" ", rest.replace("\x00", " "))))):
        return None
    args = " ".join(formula[text.index("(", a) + 1:b - 1] for _, a, b in outer)
    return aggregate_of(args, AGGREGATES[outer[0][0]], sheet)


def _collect_formulas(cells: object, extras: SheetExtras, sheet: str | None = None) -> None:
    for ref, formula in cells:  # type: ignore[attr-defined]
        cell = cell_index(ref)
        if cell is None:
            continue
        aggregate = aggregate_formula(formula, sheet)
        if aggregate is not None:
            extras.aggregates[cell] = aggregate
        elif _FUNC.match(formula) is not None and _HYPERLINK_CALL.search(_STRING.sub('""', formula)):
            # also a HYPERLINK() inside another function: IFERROR(HYPERLINK(...), ""), IF(...; HYPERLINK(...)),
            # ARRAYFORMULA(HYPERLINK(...)): the cell's text is its label either way
            extras.formulas[cell] = formula


# -------------------------------------------------------------------------------------------- ods

_NS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_NS_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_NS_XLINK = "http://www.w3.org/1999/xlink"
_T = "{" + _NS_TABLE + "}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_MAX_REPEAT = 100_000  # a repeated empty cell/row beyond this is the sheet's unused area


def ods_extras(data: str | bytes, sheet: str) -> SheetExtras:
    """Links (text:a), HYPERLINK()/aggregate formulas and merged cells (a cell's number-rows-spanned /
    number-columns-spanned, over the covered cells) of one sheet of an ods file."""
    extras = SheetExtras()
    try:
        with zipfile.ZipFile(data if isinstance(data, str) else io.BytesIO(data)) as z:
            content = z.read("content.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return extras
    if b"text:a" not in content and b"table:formula" not in content and b"-spanned" not in content:
        return extras
    row = col = -1
    in_sheet = False
    cell: tuple[int, int, int] | None = None  # (row, col, repeat)
    cell_formula: str | None = None
    cell_error = False  # LibreOffice's error cell (calcext:value-type="error"): python-calamine reads it as 0
    try:
        for event, el in ET.iterparse(io.BytesIO(content), events=("start", "end")):
            tag = el.tag
            if event == "start":
                if tag == _T + "table":
                    in_sheet = el.get(_T + "name") == sheet
                    row = -1
                elif not in_sheet:
                    continue
                elif tag == _T + "table-row":
                    row += 1
                    col = -1
                elif tag in (_T + "table-cell", _T + "covered-table-cell"):
                    repeat = _count(el, "number-columns-repeated")
                    cell = (row, col + 1, repeat)
                    col += repeat
                    cell_formula = el.get(_T + "formula")
                    cell_error = el.get(_CALCEXT + "value-type") == "error"
                    down, across = _count(el, "number-rows-spanned"), _count(el, "number-columns-spanned")
                    if down > 1 or across > 1:
                        extras.merges.append(((cell[0], cell[1]), (cell[0] + down - 1, cell[1] + across - 1)))
                elif tag == "{" + _NS_TEXT + "}a" and cell is not None:
                    href = el.get("{" + _NS_XLINK + "}href")
                    if href and not href.startswith("#"):
                        extras.links.setdefault((cell[0], cell[1]), href)
            else:
                if not in_sheet:
                    if tag == _T + "table":
                        el.clear()
                    continue
                if tag == _T + "table-row":
                    rows = _count(el, "number-rows-repeated")
                    row += rows - 1
                    el.clear()
                elif tag in (_T + "table-cell", _T + "covered-table-cell"):
                    if cell is not None and cell_error:
                        shown = "".join(el.itertext()).strip()
                        if shown:
                            extras.errors[(cell[0], cell[1])] = shown
                    if cell is not None and cell_formula:
                        formula = re.sub(r"^\w+:=", "", cell_formula)
                        ref = _a1(cell[0], cell[1])
                        _collect_formulas([(ref, _ods_refs(formula))], extras, sheet)
                    cell, cell_formula, cell_error = None, None, False
                elif tag == _T + "table":
                    in_sheet = False
    except ET.ParseError:
        extras.notes.append("the ods content is damaged: links and formulas not read")
    return extras


def _count(el: ET.Element, attr: str) -> int:
    """A table: count attribute of an ods element (repeated, spanned): 1 when absent or not a number,
    at most _MAX_REPEAT."""
    try:
        return max(1, min(int(el.get(_T + attr, "1") or 1), _MAX_REPEAT))
    except ValueError:
        return 1


def _a1(row: int, col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


_ODS_REF = re.compile(r"\[(\$?[^\].:]*)\.(\$?[A-Z]{1,3}\$?\d+)(?::\$?[^\].:]*\.(\$?[A-Z]{1,3}\$?\d+))?\]")


def _ods_refs(formula: str) -> str:
    """OpenFormula references ([.B2], [.$B$2], [.C2:.C40], [Other.C2]) as A1 references (another
    sheet's keeps its name: Other!C2)."""

    def a1(m: re.Match[str]) -> str:
        sheet = m[1].lstrip("$")
        ref = m[2] + (f":{m[3]}" if m[3] else "")
        return f"{sheet}!{ref}" if sheet else ref

    return _ODS_REF.sub(a1, formula)


# --------------------------------------------------------------------------------- HYPERLINK() values

_TOKEN = re.compile(
    r'\s*(?:(?P<str>"(?:[^"]|"")*")|(?P<func>(?:_xlfn\.)?[A-Za-z][\w.]*)\s*\(|'
    r"(?P<sheet>(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(?P<ref>\$?[A-Za-z]{1,3}\$?\d{1,7})(?![\w(])|"
    r"(?P<num>\d+(?:\.\d+)?)(?![\w(])|(?P<op>[&(),;]))")
_JOINERS = ("CONCATENATE", "CONCAT")


class _Unsupported(Exception):
    """A HYPERLINK() argument influkit does not evaluate (the message says why)."""


def _cell_text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e16:
        return str(int(v))
    return str(v)


class _LinkFormula:
    """Evaluate the first argument of HYPERLINK(): string literals, numbers and same-sheet cell
    references joined with `&`, CONCATENATE() or CONCAT(), nested and parenthesised."""

    def __init__(self, text: str, value_of: object) -> None:
        # tokens are read as far as the first argument goes: what follows it (the label, the function
        # HYPERLINK() sits in) may hold anything
        self.text, self.pos = text, 0
        self.tokens: list[tuple[str, str]] = []
        self.k = 0
        self.value_of = value_of

    def _next(self) -> tuple[str, str]:
        text, pos = self.text, self.pos
        if not text[pos:].strip():
            return ("end", "")
        m = _TOKEN.match(text, pos)
        if m is None:
            raise _Unsupported(f"cannot read {text[pos:].strip()[:20]!r}")
        kind = m.lastgroup or "op"
        if kind == "ref" and m["sheet"]:
            raise _Unsupported(f"refers to another sheet ({m['sheet'][:-1]})")
        self.pos = m.end()
        return (kind, m[kind])

    def peek(self) -> tuple[str, str]:
        while self.k >= len(self.tokens):
            tok = self._next()
            if tok[0] == "end":
                return tok
            self.tokens.append(tok)
        return self.tokens[self.k]

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        self.k += 1
        return tok

    def expr(self) -> str:
        parts = [self.term()]
        while self.peek() == ("op", "&"):
            self.take()
            parts.append(self.term())
        return "".join(parts)

    def term(self) -> str:
        kind, text = self.take()
        if kind == "str":
            return text[1:-1].replace('""', '"')
        if kind == "num":
            return text
        if kind == "ref":
            cell = cell_index(text)
            if cell is None:
                raise _Unsupported(f"cannot read {text!r}")
            return _cell_text(self.value_of(*cell))  # type: ignore[operator]
        if kind == "op" and text == "(":
            inner = self.expr()
            if self.take() != ("op", ")"):
                raise _Unsupported("unbalanced parentheses")
            return inner
        if kind == "func":
            name = text.upper().removeprefix("_XLFN.")
            if name not in _JOINERS:
                raise _Unsupported(f"calls {name}()")
            parts: list[str] = []
            if self.peek() == ("op", ")"):
                self.take()
                return ""
            while True:
                parts.append(self.expr())
                sep = self.take()
                if sep == ("op", ")"):
                    return "".join(parts)
                if sep not in (("op", ","), ("op", ";")):
                    raise _Unsupported("cannot read the arguments of " + name)
        raise _Unsupported("cannot read the formula" if kind == "end" else f"cannot read {text!r}")


def hyperlink_link(formula: str, value_of: object) -> tuple[str | None, str]:
    """(URL, "") of `HYPERLINK("https://..."; "label")`, `HYPERLINK("https://instagram.com/" & B2, ...)`,
    `HYPERLINK(CONCATENATE("https://youtube.com/@", A2), ...)` or `CONCAT(...)`: string literals, numbers and
    same-sheet cell references joined with `&`, CONCATENATE() or CONCAT(), nested; `value_of(row, col)`
    gives a referenced cell's value. A HYPERLINK() inside another function (`IFERROR(HYPERLINK(...), "")`,
    `IF(A2<>""; HYPERLINK(...); "")`, `ARRAYFORMULA(...)`) is read the same way; several of them are one
    link only when they all give the same. (None, why) for anything else (another sheet, other functions)."""
    blanked = _STRING.sub(lambda m: '"' + " " * (len(m[0]) - 2) + '"', formula)
    calls = list(_HYPERLINK_CALL.finditer(blanked))
    if not calls:
        return None, "not a HYPERLINK() formula"
    urls: list[str] = []
    for call in calls:
        try:
            parser = _LinkFormula(formula[call.end():], value_of)
            url = parser.expr().strip()
            if parser.take() not in (("op", ","), ("op", ";"), ("op", ")")):
                raise _Unsupported("cannot read the formula")
        except _Unsupported as exc:
            return None, str(exc)
        if not url:
            return None, "the link is empty"
        urls.append(url)
    if len(set(urls)) > 1:
        return None, "it holds several links"
    return urls[0], ""


def hyperlink_wrapped(formula: str) -> bool:
    """Whether a formula's HYPERLINK() sits inside another function (IFERROR, IF, ARRAYFORMULA...): the
    cell may show the other function's value instead (an empty cell: the link was not taken)."""
    return re.match(r"\s*=?\s*(?:_xlfn\.|COM\.MICROSOFT\.|ORG\.OPENOFFICE\.)?HYPERLINK\s*\(", formula,
                    re.IGNORECASE) is None


def hyperlink_target(formula: str, value_of: object) -> str | None:
    """The URL of a HYPERLINK() formula (see `hyperlink_link`), None when it cannot be evaluated."""
    return hyperlink_link(formula, value_of)[0]


def open_extras(data: str | BinaryIO | bytes) -> XlsxExtras:
    """Extras of an xlsx/xlsm workbook given by path or bytes."""
    if not isinstance(data, str | bytes):
        data.seek(0)
        data = data.read()
    return XlsxExtras(data)
