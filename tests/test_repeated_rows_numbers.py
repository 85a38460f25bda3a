"""An account a sheet lists on several rows (pasted twice, a dated series) is recorded with its most recent
row's numbers: the row with the latest date of the sheet's date column when its rows carry one, else its
last row. Every row still reaches the output, the repeats marked `duplicate_of` their first row."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import influkit


def _recorded(db: str) -> dict[str, tuple[Any, ...]]:
    """{handle: (followers, avg_views)} of the workspace's snapshots."""
    with sqlite3.connect(db) as conn:
        return {h: (f, v) for h, f, v in conn.execute(
            "SELECT a.handle, s.followers, s.avg_views FROM snapshots s JOIN accounts a ON a.id=s.account_id")}


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-04-01")


def test_a_dated_series_records_the_latest_date_whatever_the_row_order(tmp_path: Path) -> None:
    path, db = tmp_path / "suivi.csv", str(tmp_path / "ws.db")
    path.write_text("Date;Compte;Réseau;Abonnés\n"
                    "01/01/2026;@lea.vernoux;Instagram;10000\n01/02/2026;@lea.vernoux;Instagram;12000\n"
                    "01/03/2026;@lea.vernoux;Instagram;15000\n"
                    "01/03/2026;@marc.dupont;Instagram;5000\n01/01/2026;@marc.dupont;Instagram;4000\n"
                    "15/02/2026;@nina.r;Instagram;7000\n", encoding="utf-8")
    table = influkit.enrich(str(path), offline=True, store=db)
    assert len(table) == 6 and table.get("followers") == [10000, 12000, 15000, 5000, 4000, 7000]
    assert table.get("duplicate_of") == [None, 2, 2, None, 5, None]  # the repeats still point at the first row
    assert _recorded(db) == {"lea.vernoux": (15000, None), "marc.dupont": (5000, None), "nina.r": (7000, None)}
    assert table.meta["store"]["repeated_accounts"] == 2
    notes = " ".join(table.meta["summary"].notes)
    assert "most recent row (the latest 'Date', else its last row)" in notes


def test_rows_pasted_twice_without_dates_record_the_last_row(tmp_path: Path) -> None:
    path, db = tmp_path / "list.csv", str(tmp_path / "ws.db")
    path.write_text("Handle,Platform,Followers,Avg views\n@zoe.fit,TikTok,20000,3000\n@max.run,TikTok,900,\n"
                    "@zoe.fit,TikTok,21000,\n", encoding="utf-8")
    table = influkit.enrich(str(path), offline=True, store=db)
    assert len(table) == 3 and table.get("duplicate_of") == [None, None, 2]
    # the last row's followers; the views it leaves empty are the earlier row's (a row never blanks a number)
    assert _recorded(db)["zoe.fit"] == (21000, 3000)


def test_a_workbook_of_real_date_cells_in_english_month_first(tmp_path: Path) -> None:
    """An xlsx with date cells under "As of", rows out of order, and a CSV of US dates under "Snapshot date"."""
    path, db = tmp_path / "tracker.xlsx", str(tmp_path / "ws.db")
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Creator", "Instagram", "Followers", "Avg views", "As of"])
    for name, followers, views, day in [("Ana", 3100, 400, dt.date(2026, 3, 1)), ("Ana", 2900, 380, dt.date(2026, 1, 1)),
                                        ("Ana", 3000, 390, dt.date(2026, 2, 1)), ("Bo", 800, 90, dt.date(2026, 3, 3)),
                                        ("Bo", 850, None, dt.date(2026, 3, 20))]:
        ws.append([name, f"@{name.lower()}.cooks", followers, views, day])
    book.save(path)
    influkit.enrich(str(path), offline=True, store=db)
    assert _recorded(db) == {"ana.cooks": (3100, 400), "bo.cooks": (850, 90)}

    us, db2 = tmp_path / "us.csv", str(tmp_path / "ws2.db")
    us.write_text("Snapshot date,Handle,Platform,Followers\n03/12/2026,@kim.lee,YouTube,50000\n"
                  "01/12/2026,@kim.lee,YouTube,52000\n02/12/2026,@kim.lee,YouTube,51000\n"
                  "03/25/2026,@ray.b,YouTube,100\n", encoding="utf-8")  # month first (03/25), so March 12 is latest
    influkit.enrich(str(us), offline=True, store=db2)
    assert _recorded(db2)["kim.lee"] == (50000, None)


def test_without_a_date_column_the_stage_dates_say_which_row_is_recent(tmp_path: Path) -> None:
    path, db = tmp_path / "suivi.csv", str(tmp_path / "ws.db")
    path.write_text("Compte;Réseau;Abonnés;Date de contact\n@eva.m;Instagram;8000;02/01/2026\n"
                    "@eva.m;Instagram;9000;10/03/2026\n@eva.m;Instagram;7000;15/01/2026\n", encoding="utf-8")
    influkit.enrich(str(path), offline=True, store=db)
    assert _recorded(db)["eva.m"] == (9000, None)


def test_an_account_on_two_tabs_without_dates_takes_the_later_tab(tmp_path: Path) -> None:
    path, db = tmp_path / "mois.xlsx", str(tmp_path / "ws.db")
    book = openpyxl.Workbook()
    jan = book.active
    assert jan is not None
    jan.title = "Janvier"
    feb = book.create_sheet("Février")
    for ws, followers in ((jan, 1000), (feb, 1400)):
        ws.append(["Compte", "Réseau", "Abonnés"])
        ws.append(["@tom.r", "Instagram", followers])
    book.save(path)
    table = influkit.enrich(str(path), offline=True, store=db, sheet="all")
    assert table.get("followers") == [1000, 1400] and table.get("duplicate_of") == [None, "Janvier!2"]
    assert _recorded(db) == {"tom.r": (1400, None)}


def test_a_file_read_with_the_workspace_shows_what_enrich_records(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """`load_list(FILE)` (what score, shortlist, funnel FILE read) previews the same most recent numbers."""
    first, path = tmp_path / "janvier.csv", tmp_path / "suivi.csv"
    first.write_text("Compte;Réseau;Abonnés\n@lea.v;Instagram;9000\n", encoding="utf-8")
    path.write_text("Date;Compte;Réseau;Abonnés\n01/02/2026;@lea.v;Instagram;12000\n"
                    "01/03/2026;@lea.v;Instagram;15000\n01/01/2026;@lea.v;Instagram;10000\n", encoding="utf-8")
    previewed_db, recorded_db = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    for db in (previewed_db, recorded_db):
        monkeypatch.setenv("INFLUKIT_TODAY", "2026-01-01")
        influkit.enrich(str(first), offline=True, store=db)
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-04-01")
    previewed = influkit.load_list(str(path), store=previewed_db)
    enriched = influkit.enrich(str(path), offline=True, store=recorded_db)
    assert previewed.records() == enriched.records()
    assert _recorded(recorded_db) == {"lea.v": (15000, None)}
    # the history read after it runs from January's 9,000 to today's 15,000, on every row of the account
    assert [r["growth_90d"] for r in enriched.records()] == [6000, 6000, 6000]
