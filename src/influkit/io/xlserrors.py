"""The error cells of an Excel 97-2003 workbook (.xls): `#N/A`, `#DIV/0!`, `#REF!`, `#VALUE!`... which
python-calamine gives as empty text, read with xlrd (the .xls reader pandas used for years) so that they
are treated as an xlsx's are (`workbook.SheetExtras.errors`: the cell reads as empty, a column influkit
reads gets an issue naming the error, a kept column keeps its text). xlrd gives a typed error cell and a
formula whose saved result is an error the same way. Only an .xls is read twice, and only for this:
calamine reads the values (4-7x faster); xlrd took 1.8 s on a 60,000 x 15 .xls of 14 MB (a hand-written
reader of the file's records 0.8 s, dropped for xlrd: one less format parser of our own to keep).
Anything xlrd cannot read (a damaged or pre-BIFF8 file) gives no error cells rather than stopping the
read, which python-calamine already did.
"""

from __future__ import annotations

Cell = tuple[int, int]


def xls_errors(data: str | bytes) -> dict[str, dict[Cell, str]]:
    """Sheet name -> {(0-based row, 0-based column): the error the cell shows} of an .xls workbook (a path
    or its bytes); {} when the file cannot be read this way (damaged, or older than BIFF8)."""
    import xlrd

    try:
        book = (xlrd.open_workbook(data, on_demand=True) if isinstance(data, str)
                else xlrd.open_workbook(file_contents=data, on_demand=True))
    except Exception:  # noqa: BLE001 - xlrd raises its own and struct/index errors on a damaged file
        return {}
    error = xlrd.XL_CELL_ERROR
    texts = xlrd.error_text_from_code
    out: dict[str, dict[Cell, str]] = {}
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            found = {(r, c): texts.get(sheet.cell_value(r, c), "#N/A")
                     for r in range(sheet.nrows) for c, kind in enumerate(sheet.row_types(r)) if kind == error}
            if found:
                out[sheet.name] = found
            book.unload_sheet(index)
    except Exception:  # noqa: BLE001 - as above: a sheet xlrd cannot read has no error cells to add
        return out
    finally:
        book.release_resources()
    return out
