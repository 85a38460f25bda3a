"""A date column's day/month order counts its real date cells: a date cell is no ambiguity, and one shown
dd/mm/yyyy (or mm/dd/yyyy) says how the sheet writes dates, so a text date beside it ("02/10/2026") is read
that way without a note; when nothing decides, the note counts the column's date cells and says the order
read is the default (found by the account managers of a French agency: "no date of the sheet decides"
beside a column of date cells shown 20/10/2026)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import influkit  # noqa: E402
from sheetmaker import xlsx  # noqa: E402

FR_HEAD = ["Nom", "Pseudo", "Réseau", "Abonnés", "Date 1er contact"]
EN_HEAD = ["Name", "Handle", "Platform", "Followers", "Date Contacted"]


def _rows(head: list[str], text_date: str) -> list[list[Any]]:
    return [head,
            ["Léa", "@lea", "Instagram", 12500, dt.datetime(2026, 10, 6)],
            ["Inès", "@ines", "Instagram", 8500, dt.datetime(2026, 10, 14)],
            ["Chloé", "@chloe", "Instagram", 23800, dt.datetime(2026, 10, 20)],
            ["Julie", "@julie", "Instagram", 45300, text_date]]


def _order_notes(table: Any) -> list[str]:
    return [n for n in table.meta.get("notes", []) if "day or month first" in n]


@pytest.mark.parametrize(("head", "fmt", "text", "expected"), [
    (FR_HEAD, "dd/mm/yyyy", "02/10/2026", dt.date(2026, 10, 2)),  # French: date cells shown day first
    (FR_HEAD, "d/m/yy", "3/4/2026", dt.date(2026, 4, 3)),
    (EN_HEAD, "mm/dd/yyyy", "02/10/2026", dt.date(2026, 2, 10)),  # American: shown month first
    (EN_HEAD, "m/d/yyyy", "3/4/2026", dt.date(2026, 3, 4)),
])
def test_date_cells_shown_in_an_order_decide_the_columns_text_dates(
        tmp_path: Path, head: list[str], fmt: str, text: str, expected: dt.date) -> None:
    book = xlsx(tmp_path / "list.xlsx", {"Prospects": _rows(head, text)}, formats={"Prospects": {"E": fmt}})
    table = influkit.enrich(str(book), offline=True, store=None)
    assert table.get("contacted_on") == [dt.date(2026, 10, 6), dt.date(2026, 10, 14), dt.date(2026, 10, 20), expected]
    assert _order_notes(table) == []


def test_another_columns_date_cells_decide_too(tmp_path: Path) -> None:
    rows: list[list[Any]] = [[*EN_HEAD, "Date Replied"],
            ["Ana", "@ana", "Instagram", 1200, dt.datetime(2026, 3, 20), "04/03/2026"],
            ["Ben", "@ben", "Instagram", 3400, dt.datetime(2026, 3, 25), "04/05/2026"]]
    book = xlsx(tmp_path / "us.xlsx", {"Prospects": rows}, formats={"Prospects": {"E": "mm/dd/yyyy"}})
    table = influkit.enrich(str(book), offline=True, store=None)
    assert table.get("replied_on") == [dt.date(2026, 4, 3), dt.date(2026, 4, 5)]
    assert _order_notes(table) == ["'Date Replied': its dates could be day or month first; read month first like "
                                   "'Date Contacted'"]


def test_date_cells_whose_format_does_not_show_the_order_are_counted_in_the_note(tmp_path: Path) -> None:
    # Excel's built-in short date (numFmtId 14) is shown the way of the computer that opens the file
    book = xlsx(tmp_path / "list.xlsx", {"Prospects": _rows(FR_HEAD, "02/10/2026")},
                formats={"Prospects": {"E": "mm-dd-yy"}})
    table = influkit.enrich(str(book), offline=True, store=None)
    assert table.get("contacted_on")[3] == dt.date(2026, 10, 2)
    assert _order_notes(table) == [
        "'Date 1er contact': 1 text date ('02/10/2026') could be day or month first, and nothing in the sheet "
        "decides (its 3 date cells are dates already, in a format that does not show the order); read day first, "
        "the default (a text date such as 25/03/2026, or date cells shown as dd/mm/yyyy, in the column decide)"]


@pytest.mark.parametrize(("ident", "code", "order"), [
    (164, "dd/mm/yyyy", True), (165, "d.m.yy", True), (166, '"le "dd/mm/yyyy', True),
    (167, "[$-40C]dd/mm/yyyy hh:mm", True), (164, "mm/dd/yyyy", False), (164, "m/d/yy h:mm AM/PM", False),
    (164, "yyyy-mm-dd", None), (164, "d mmm yyyy", None), (164, "mmm d, yyyy", None), (164, "h:mm:ss", None),
    (14, "mm-dd-yy", None), (22, "m/d/yy h:mm", None),
])
def test_what_a_date_format_says_of_the_order(ident: int, code: str, order: bool | None) -> None:
    from influkit.io.parse import date_format_order

    assert date_format_order(ident, code) is order
