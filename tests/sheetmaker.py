"""Real workbooks for the reading tests: xlsx written by openpyxl (hyperlinks, HYPERLINK() formulas,
SUM formulas, several tabs, merged cells), ods written as the OpenDocument zip LibreOffice saves, CSV
bytes in the encodings and delimiters spreadsheet programs export."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

Cell = Any  # a value, or ("link", text, url), or ("formula", "=...", cached value)


def link(text: str, url: str) -> tuple[str, str, str]:
    return ("link", text, url)


def formula(text: str, cached: object = None) -> tuple[str, str, object]:
    return ("formula", text, cached)


def xlsx(path: Path, sheets: dict[str, list[list[Cell]]], *, hidden: tuple[str, ...] = (),
         merges: dict[str, list[str]] | None = None, lists: dict[str, list[tuple[str, str]]] | None = None,
         formats: dict[str, dict[str, str]] | None = None) -> Path:
    """A workbook written by openpyxl: ("link", text, url) cells get a real hyperlink (the `<hyperlinks>`
    element and its relationship), ("formula", "=...", _) cells a formula. `lists`: per sheet, data-validation
    lists as (cells, formula): ("E2:E20", '"To contact,Contacted"') or ("E2:E20", "Lists!$A$1:$A$6");
    `formats`: per tab, number formats by column letter (every cell of the column below row 1: {"E": '£#,##0'})
    or by cell ("D2": "dd/mm/yyyy")."""
    import openpyxl
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = openpyxl.Workbook()
    first = True
    for name, rows in sheets.items():
        ws = wb.active if first else wb.create_sheet(name)
        assert ws is not None
        ws.title = name
        first = False
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row, start=1):
                if v is None:
                    continue
                cell = ws.cell(row=r, column=c)
                if isinstance(v, tuple) and v[0] == "link":
                    cell.value = v[1]
                    cell.hyperlink = v[2]
                elif isinstance(v, tuple) and v[0] == "formula":
                    cell.value = v[1]
                else:
                    cell.value = v
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
        for cells, source in (lists or {}).get(name, []):
            rule = DataValidation(type="list", formula1=source, allow_blank=True)
            for ref in cells.split():
                rule.add(ref)
            ws.add_data_validation(rule)
        for where, fmt in (formats or {}).get(name, {}).items():
            targets = [ws[where]] if where[-1].isdigit() else [c for c in ws[where][1:] if c.value is not None]
            for target in targets:
                target.number_format = fmt
        if name in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def _ods_cell(v: Cell, span: tuple[int, int] | None = None) -> str:
    """One cell of content.xml; `span`: (rows, columns) a merged range starting at it covers."""
    if span is not None:
        cell = _ods_cell(v)
        spanned = f' table:number-rows-spanned="{span[0]}" table:number-columns-spanned="{span[1]}"'
        if cell.endswith("/>"):
            return cell[:-2] + spanned + "/>"
        return cell.replace("<table:table-cell", "<table:table-cell" + spanned, 1)
    if v is None:
        return "<table:table-cell/>"
    if isinstance(v, tuple) and v[0] == "link":
        return ('<table:table-cell office:value-type="string"><text:p><text:a xlink:type="simple" '
                f'xlink:href={quoteattr(v[2])}>{escape(v[1])}</text:a></text:p></table:table-cell>')
    if isinstance(v, tuple) and v[0] == "formula":
        cached = v[2]
        return (f'<table:table-cell table:formula={quoteattr("of:" + v[1])} office:value-type="string" '
                f'office:string-value={quoteattr(str(cached or ""))}><text:p>{escape(str(cached or ""))}</text:p>'
                "</table:table-cell>")
    if isinstance(v, bool):
        return (f'<table:table-cell office:value-type="boolean" office:boolean-value="{str(v).lower()}">'
                f"<text:p>{v}</text:p></table:table-cell>")
    if isinstance(v, int | float):
        return (f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p>'
                "</table:table-cell>")
    if isinstance(v, dt.date):
        return (f'<table:table-cell office:value-type="date" office:date-value="{v.isoformat()}">'
                f"<text:p>{v.isoformat()}</text:p></table:table-cell>")
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'


def _ods_row(r: int, row: list[Cell], spans: dict[tuple[int, int], tuple[int, int]],
             covered: set[tuple[int, int]]) -> str:
    width = max([len(row), *(c + 1 for rr, c in covered if rr == r)])
    cells = [row[c] if c < len(row) else None for c in range(width)]
    return "<table:table-row>" + "".join(
        "<table:covered-table-cell/>" if (r, c) in covered else _ods_cell(v, spans.get((r, c)))
        for c, v in enumerate(cells)) + "</table:table-row>"


def ods(path: Path, sheets: dict[str, list[list[Cell]]], *, merges: dict[str, list[str]] | None = None) -> Path:
    """An OpenDocument spreadsheet as LibreOffice writes it: a stored `mimetype` first, a manifest, and
    content.xml with `text:a` links and `table:formula` cells; `merges` ("A2:A3", as for `xlsx`) as
    LibreOffice saves a merge: the first cell's number-rows/columns-spanned over covered cells."""
    from openpyxl.utils.cell import range_boundaries

    tables = []
    for name, rows in sheets.items():
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        covered: set[tuple[int, int]] = set()
        for rng in (merges or {}).get(name, []):
            c1, r1, c2, r2 = range_boundaries(rng)
            assert c1 is not None and r1 is not None and c2 is not None and r2 is not None
            spans[(r1 - 1, c1 - 1)] = (r2 - r1 + 1, c2 - c1 + 1)
            covered |= {(r, c) for r in range(r1 - 1, r2) for c in range(c1 - 1, c2)} - {(r1 - 1, c1 - 1)}
        body = "".join(_ods_row(r, row, spans, covered) for r, row in enumerate(rows))
        tables.append(f"<table:table table:name={quoteattr(name)}>{body}</table:table>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3">'
        f"<office:body><office:spreadsheet>{''.join(tables)}</office:spreadsheet></office:body>"
        "</office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def csv_bytes(rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8", newline: str = "\r\n") -> bytes:
    """CSV as spreadsheet programs export it (fields with the delimiter, quotes or line breaks quoted)."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    writer.writerows(rows)
    return buf.getvalue().encode(encoding)


def cache(path: Path, values: dict[str, object], sheet: int = 1) -> Path:
    """The formula cells `values` names ({"B2": "Voir"}) given the value a spreadsheet program saves with
    them (openpyxl writes none): text as `t="str"`, numbers as they are, "#REF!"-like text as an error."""
    import re

    member = f"xl/worksheets/sheet{sheet}.xml"
    with zipfile.ZipFile(path) as z:
        items = [(item, z.read(item.filename)) for item in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for item, data in items:
            if item.filename == member:
                text = data.decode("utf-8")
                for ref, value in values.items():
                    kind = ("e" if isinstance(value, str) and value.startswith("#") else "str" if isinstance(
                        value, str) else "n")
                    shown = escape(str(value))

                    def cell(m: re.Match[str], k: str = kind, v: str = shown, r: str = ref) -> str:
                        return f'<c r="{r}" t="{k}"{m[1]}><f>{m[2]}</f><v>{v}</v></c>'

                    text, n = re.subn(rf'<c r="{ref}"(?: t="\w+")?([^>]*)><f>(.*?)</f>(?:<v\s*/>|<v>[^<]*</v>)?</c>',
                                      cell, text)
                    assert n == 1, ref
                data = text.encode("utf-8")
            z.writestr(item, data)
    return path
