"""One vocabulary of check boxes (io.checkboxes), two uses: a spreadsheet's own check box (a boolean:
True/False, TRUE/FALSE/VRAI/FAUX in a CSV) makes a row of nothing else blank; the marks a person types to
tick a stage's column (x, ✓, oui/non, 1/0, -) give the stage, and a row holding one is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from influkit.io import checkboxes as C
from influkit.pipeline import read_table
from sheetmaker import xlsx


def test_the_booleans_are_the_part_of_the_marks_that_makes_a_row_blank() -> None:
    assert C.BOOLEAN_TICKED < C.TICKED and C.BOOLEAN_UNTICKED < C.UNTICKED
    assert not C.TICKED & C.UNTICKED
    marks = (C.TICKED | C.UNTICKED) - C.BOOLEAN_WORDS
    assert {"x", "oui", "non", "1", "0", "✓", "-"} <= marks
    for word in C.BOOLEAN_WORDS:  # as the spreadsheets write them: any case, spaces around
        assert C.only_booleans([None, f" {word.upper()} ", "", False]) and C.box(word.capitalize()) in (0, 1)
    for mark in marks:
        assert not C.only_booleans([None, mark]), mark  # a typed mark is a value
        assert C.box(mark) == (1 if mark in C.TICKED else 0)
    assert C.box("peut-être") == -1 and C.box(2) == -1 and C.box(None) == 0 and C.box(True) == 1


ROWS: list[list[object]] = [
    ["Pseudo", "Réseau", "Contacté ?", "A répondu"],
    ["@lea", "Instagram", "x", ""],
    ["@tom", "Instagram", "✓", "oui"],
    ["@zoe", "Instagram", "", ""],
]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_boolean_rows_are_blank_and_typed_marks_are_read(tmp_path: Path, suffix: str) -> None:
    booleans: list[list[object]] = [["", "", False, False], ["", "", True, ""]] if suffix == ".xlsx" else [
        ["", "", "FALSE", "FALSE"], ["", "", "VRAI", "faux"]]
    typed: list[list[object]] = [["", "", "x", ""], ["", "", "", "non"], ["", "", 0, ""]]
    rows = [*ROWS, *booleans, *typed]
    if suffix == ".csv":
        path = tmp_path / "liste.csv"
        path.write_text("\n".join(",".join(str(c) for c in r) for r in rows) + "\n", encoding="utf-8")
    else:
        path = xlsx(tmp_path / "liste.xlsx", {"Liste": [[c if c != "" else None for c in r] for r in rows]})
    table = read_table(str(path))
    assert table.meta["blank_rows"] == 2  # the check boxes' booleans below the data
    assert table.source_rows == [2, 3, 4, 7, 8, 9]  # the typed marks' rows are read
    assert table.get("stage")[:3] == ["contacted", "replied", None]
