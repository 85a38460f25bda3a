"""What python-calamine does not give from a workbook: cell hyperlinks, HYPERLINK() formulas and the rows
whose numbers are aggregate formulas (SUM, AVERAGE, SUBTOTAL...), read from the file's own XML.

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
from dataclasses import dataclass, field
from typing import BinaryIO
from xml.etree import ElementTree as ET

from .xlsx import column_index

Cell = tuple[int, int]

AGGREGATES = {
    "SUM": "total", "SUMIF": "total", "SUMIFS": "total", "SUBTOTAL": "subtotal", "AGGREGATE": "subtotal",
    "AVERAGE": "average", "AVERAGEA": "average", "AVERAGEIF": "average", "AVERAGEIFS": "average",
    "MEDIAN": "average", "COUNT": "total", "COUNTA": "total", "COUNTIF": "total", "COUNTIFS": "total",
}


@dataclass
class SheetExtras:
    """Links and formulas of one sheet, by absolute 0-based (row, column)."""

    links: dict[Cell, str] = field(default_factory=dict)  # hyperlink target of a cell
    formulas: dict[Cell, str] = field(default_factory=dict)  # HYPERLINK(...) formulas, unresolved
    aggregates: dict[int, dict[str, int]] = field(default_factory=dict)  # row -> {kind: cells}
    notes: list[str] = field(default_factory=list)


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


def _sheet_paths(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> path of its XML in the zip."""
    try:
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError):
        return {}
    targets = {}
    for rel in rels:
        rid, target = rel.get("Id"), rel.get("Target")
        if rid and target:
            targets[rid] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join("xl", target))
    out = {}
    for el in wb.iter():
        if _local(el.tag) == "sheet":
            name, rid = el.get("name"), _attr(el, "id")
            if name and rid and rid in targets:
                out[name] = targets[rid]
    return out


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
_FORMULA_CELL = re.compile(
    rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3}\d{1,7})\"[^>]*(?<!/)>(?:(?!</(?:\w+:)?c>).)*?<(?:\w+:)?f\b[^>]*>"
    rb"([^<]+)</", re.DOTALL)
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
                    tail = chunk[-16:]
        except (OSError, zipfile.BadZipFile, KeyError, EOFError, RuntimeError):
            pass

    def result(self) -> tuple[bool, bool]:
        self._thread.join()
        return self.formulas, self.hyperlinks


class XlsxExtras:
    """Start reading a workbook's links and formulas; `get(sheet)` waits for that sheet's result."""

    def __init__(self, data: str | bytes) -> None:
        self._z: zipfile.ZipFile | None = None
        self._sst: list[str] | None = None
        self._scans: dict[str, tuple[str, dict[str, str], _Scan]] = {}
        try:
            self._z = zipfile.ZipFile(data if isinstance(data, str) else io.BytesIO(data))
            self._paths = _sheet_paths(self._z)
        except (OSError, zipfile.BadZipFile):
            self._paths = {}

    def start(self, sheet: str) -> None:
        if self._z is None or sheet in self._scans or sheet not in self._paths:
            return
        path = self._paths[sheet]
        self._scans[sheet] = (path, _external_links(self._z, path), _Scan(self._z, path))

    def get(self, sheet: str) -> SheetExtras:
        self.start(sheet)
        extras = SheetExtras()
        if self._z is None or sheet not in self._scans:
            return extras
        path, rels, scan = self._scans[sheet]
        formulas, hyperlinks = scan.result()
        if not formulas and not (hyperlinks and rels):
            return extras
        try:
            xml = self._z.read(path)
        except (OSError, KeyError, zipfile.BadZipFile):
            return extras
        if hyperlinks and rels:
            for block in _HYPERLINKS_BLOCK.findall(xml):
                try:
                    root = ET.fromstring(block)
                except ET.ParseError:
                    continue
                for el in root:
                    target = rels.get(_attr(el, "id") or "")
                    ref = el.get("ref")
                    if target and ref:
                        for cell in _ref_cells(ref):
                            extras.links.setdefault(cell, target)
        if formulas:
            _collect_formulas(
                ((m[1].decode("ascii"), html.unescape(m[2].decode("utf-8", "replace")))
                 for m in _FORMULA_CELL.finditer(xml)), extras)
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


def _collect_formulas(cells: object, extras: SheetExtras) -> None:
    for ref, formula in cells:  # type: ignore[attr-defined]
        cell = cell_index(ref)
        if cell is None:
            continue
        m = _FUNC.match(formula)
        if m is None:
            continue
        func = m[1].upper().removeprefix("COM.MICROSOFT.").removeprefix("ORG.OPENOFFICE.")
        if func == "HYPERLINK":
            extras.formulas[cell] = formula
        elif func in AGGREGATES:
            row = extras.aggregates.setdefault(cell[0], {})
            row[AGGREGATES[func]] = row.get(AGGREGATES[func], 0) + 1


# -------------------------------------------------------------------------------------------- ods

_NS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_NS_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_NS_XLINK = "http://www.w3.org/1999/xlink"
_T = "{" + _NS_TABLE + "}"
_MAX_REPEAT = 100_000  # a repeated empty cell/row beyond this is the sheet's unused area


def ods_extras(data: str | bytes, sheet: str) -> SheetExtras:
    """Links (text:a) and HYPERLINK()/aggregate formulas of one sheet of an ods file."""
    extras = SheetExtras()
    try:
        with zipfile.ZipFile(data if isinstance(data, str) else io.BytesIO(data)) as z:
            content = z.read("content.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return extras
    if b"text:a" not in content and b"table:formula" not in content:
        return extras
    row = col = -1
    in_sheet = False
    cell: tuple[int, int, int] | None = None  # (row, col, repeat)
    cell_formula: str | None = None
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
                    repeat = min(int(el.get(_T + "number-columns-repeated", "1") or 1), _MAX_REPEAT)
                    cell = (row, col + 1, repeat)
                    col += repeat
                    cell_formula = el.get(_T + "formula")
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
                    rows = min(int(el.get(_T + "number-rows-repeated", "1") or 1), _MAX_REPEAT)
                    row += rows - 1
                    el.clear()
                elif tag in (_T + "table-cell", _T + "covered-table-cell"):
                    if cell is not None and cell_formula:
                        formula = re.sub(r"^\w+:=", "", cell_formula)
                        ref = _a1(cell[0], cell[1])
                        _collect_formulas([(ref, _ods_refs(formula))], extras)
                    cell, cell_formula = None, None
                elif tag == _T + "table":
                    in_sheet = False
    except ET.ParseError:
        extras.notes.append("the ods content is damaged: links and formulas not read")
    return extras


def _a1(row: int, col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


def _ods_refs(formula: str) -> str:
    """OpenFormula references ([.B2], [.$B$2]) as A1 references, ';' separators as ','."""
    out = re.sub(r"\[\$?[^\].]*\.\$?([A-Z]{1,3})\$?(\d+)\]", r"\1\2", formula)
    return out


# --------------------------------------------------------------------------------- HYPERLINK() values

_TERM = re.compile(r'\s*(?:"((?:[^"]|"")*)"|(\$?[A-Za-z]{1,3}\$?\d{1,7})|(?:CONCATENATE|CONCAT)\s*\()\s*')


def hyperlink_target(formula: str, value_of: object) -> str | None:
    """The URL of `HYPERLINK("https://..."; "label")` or `HYPERLINK("https://instagram.com/" & B2, ...)`:
    literals and same-sheet cell references joined with `&` (or CONCATENATE); `value_of(row, col)`
    gives a referenced cell's text. None for anything else (other sheets, functions)."""
    m = re.match(r"\s*=?\s*HYPERLINK\s*\(", formula, re.IGNORECASE)
    if m is None:
        return None
    text = formula[m.end():]
    parts: list[str] = []
    pos = 0
    depth = 0
    while pos < len(text):
        t = _TERM.match(text, pos)
        if t is None:
            return None
        if t[1] is not None:
            parts.append(t[1].replace('""', '"'))
        elif t[2] is not None:
            cell = cell_index(t[2])
            if cell is None:
                return None
            v = value_of(*cell)  # type: ignore[operator]
            parts.append("" if v is None else str(v))
        else:
            depth += 1
        pos = t.end()
        while pos < len(text) and text[pos] == ")" and depth:
            depth -= 1
            pos += 1
        while pos < len(text) and text[pos] == " ":
            pos += 1
        if pos >= len(text):
            return None
        ch = text[pos]
        if ch == "&" or (depth and ch in ",;"):
            pos += 1
            continue
        if ch in ",;)":
            break
        return None
    url = "".join(parts).strip()
    return url or None


def open_extras(data: str | BinaryIO | bytes) -> XlsxExtras:
    """Extras of an xlsx/xlsm workbook given by path or bytes."""
    if not isinstance(data, str | bytes):
        data.seek(0)
        data = data.read()
    return XlsxExtras(data)
