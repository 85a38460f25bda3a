"""What influkit writes into the user's own workbook cell by cell (`set --sheet`, `links --in-place`): in
the columns the sheet keeps for it, in the sheet's own words and formats, and nothing else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

import influkit
from sheetmaker import xlsx


def _rows(path: Path, sheet: str) -> list[list[Any]]:
    book = openpyxl.load_workbook(path)
    try:
        return [[c.value for c in row] for row in book[sheet].iter_rows()]
    finally:
        book.close()


def test_set_sheet_on_a_wide_sheet_writes_an_accounts_price_in_its_networks_column(tmp_path: Path) -> None:
    """One row per person, a column per network: a price set for Léa's TikTok account goes to a TikTok
    column ("Prix demandé TikTok", as enrich names its columns), her status into the row's own "Statut"
    (said once per person). Before, a plain "Prix demandé" column held it, whichever account it was for."""
    path = xlsx(tmp_path / "wide.xlsx", {"Suivi": [
        ["Nom", "Instagram", "TikTok", "Statut"],
        ["Léa", "@lea.ig", "@lea.tt", "Contacté"],
        ["Max", "@max.ig", None, None],
    ]})
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(path), offline=True, store=db)
    influkit.set_stage("lea.tt", platform="tiktok", stage="replied", on="2026-02-10", price="300 €", sheet=str(path),
                       store=db)
    rows = _rows(path, "Suivi")
    assert rows[0] == ["Nom", "Instagram", "TikTok", "Statut", "Date de réponse", "Prix demandé TikTok"]
    assert rows[1][3] == "A répondu" and rows[1][5] == 300
    assert rows[2][3:] == [None, None, None]
