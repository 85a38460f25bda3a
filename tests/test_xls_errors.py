"""Error cells of an Excel 97-2003 workbook (.xls: `#N/A`, `#DIV/0!`, `#REF!`, `#VALUE!`), which python-calamine
gives as empty text, are treated as the same cells of an xlsx: the cell reads as empty and a column influkit
reads gets an issue naming the error and the cell's row; a kept column keeps the error's text. The .xls files
are written by xlwt (a real writer of the format), the xlsx by openpyxl."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from influkit.io.read import read_sheets
from influkit.io.xlserrors import xls_errors
from influkit.pipeline import read_table

xlwt = pytest.importorskip("xlwt", reason="xlwt writes the .xls files of these tests (pip install xlwt)")

# Excel's error codes in a BIFF8 BOOLERR record (xlwt's own table of names maps #VALUE! to #NUM!'s code)
CODES = {"#N/A": 0x2A, "#DIV/0!": 0x07, "#REF!": 0x17, "#VALUE!": 0x0F, "#NAME?": 0x1D}
ROWS: list[list[object]] = [
    ["Pseudo", "Abonnés", "ER", "Prix", "Humeur"],
    ["@lea.beauty", 12500, 0.042, 300, "ok"],
    ["@zoe.cuisine", "#N/A", "#DIV/0!", 200, "#REF!"],
    ["@max.tt", "#REF!", 0.01, "#VALUE!", ""],
    ["@tom.k", 100, 0.01, "#NAME?", "x"],
]


def _xls(path: Path, sheets: dict[str, list[list[object]]], at: tuple[int, int] = (0, 0)) -> Path:
    wb = xlwt.Workbook()
    for name, rows in sheets.items():
        ws = wb.add_sheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if isinstance(v, str) and v in CODES:
                    ws.row(at[0] + r).set_cell_error(at[1] + c, CODES[v])
                elif v not in (None, ""):
                    ws.write(at[0] + r, at[1] + c, v)
    wb.save(str(path))
    return path


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Liste"
    for row in rows:
        ws.append([None if v == "" else v for v in row])
    for cells in ws.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str) and cell.value in CODES:
                cell.data_type = "e"
    wb.save(path)
    return path


def _issues(path: Path) -> list[tuple[int, str, str]]:
    t = read_table(str(path), platform="instagram")
    return sorted((i.row, i.field, i.message) for i in t.issues)


def test_xls_error_cells_are_issues_as_in_the_same_xlsx(tmp_path: Path) -> None:
    xls = _issues(_xls(tmp_path / "l.xls", {"Liste": ROWS}))
    assert xls == _issues(_xlsx(tmp_path / "l.xlsx", ROWS))
    assert {(row, field) for row, field, _ in xls} == {(3, "Abonnés"), (3, "ER"), (4, "Abonnés"), (4, "Prix"),
                                                       (5, "Prix")}  # (a kept column keeps the text: no issue)
    assert any(row == 3 and "#N/A" in message for row, _, message in xls)
    assert any(row == 4 and "#VALUE!" in message for row, _, message in xls)


def test_xls_error_cells_read_as_empty_and_a_kept_column_keeps_the_text(tmp_path: Path) -> None:
    t = read_table(str(_xls(tmp_path / "l.xls", {"Liste": ROWS})), platform="instagram")
    same = read_table(str(_xlsx(tmp_path / "l.xlsx", ROWS)), platform="instagram")
    assert t.get("followers") == same.get("followers") == [12500, None, None, 100]
    assert t.get("Humeur") == same.get("Humeur") == ["ok", "#REF!", None, "x"]


def test_a_table_away_from_a1_on_a_tab_with_an_accented_name_in_a_big_stream(tmp_path: Path) -> None:
    """The cells are found where the sheet has them (C3 on), past the mini stream (a Workbook stream of
    more than 4 KiB), on a tab named in Unicode, beside another tab."""
    rows: list[list[object]] = [["Pseudo", "Abonnés"]]
    rows += [[f"@user{r}", "#N/A" if r % 50 == 0 else 1000 + r] for r in range(1, 400)]
    path = _xls(tmp_path / "big.xls", {"Notes": [["à lire"]], "Créatrices – été": rows}, at=(2, 2))
    found = xls_errors(str(path))
    assert set(found) == {"Créatrices – été"}
    assert found["Créatrices – été"][(2 + 50, 3)] == "#N/A"
    raw = read_sheets(str(path), sheet="Créatrices – été")[0]
    t = read_table(str(path), sheet="Créatrices – été", platform="instagram")
    assert [i.row for i in t.issues] == [3 + r for r in range(50, 400, 50)]
    assert raw.errors[(49, 1)] == "#N/A"


def test_a_damaged_xls_gives_no_error_cells_rather_than_an_error(tmp_path: Path) -> None:
    data = _xls(tmp_path / "l.xls", {"Liste": ROWS}).read_bytes()
    assert xls_errors(data)  # the bytes as read
    assert xls_errors(data[:600]) == {}
    assert xls_errors(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600) == {}
