"""A list given as FILE to a command with a workspace (`load_list(FILE, store=...)`, `score FILE`...) is
the list `enrich FILE` would make with the same workspace, without recording anything: its history is
read after only the day's snapshots are written in a rolled-back transaction (`Store.preview_import`),
not the whole import. Checked here against `enrich FILE` on a workspace with days of history from
sheets, an Iconosquare export, Social Blade gains, the same day's snapshot from another sheet, a spike,
a repeated row and new accounts."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import influkit

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
HEADER = ["Platform", "Handle", "Followers", "Avg likes", "Avg comments", "Avg views", "Stage"]


def _sheet(path: Path, rows: list[list[Any]]) -> str:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(rows)
    return str(path)


def _build(db: str, tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A workspace: two sheets in February, two exports, a sheet earlier today."""
    influkit.history_import(str(EXAMPLES / "history" / "iconosquare_amandine.glow_followers.csv"),
                            platform="instagram", handle="amandine.glow", store=db)
    influkit.history_import(str(EXAMPLES / "history" / "socialblade_julientech_weekly.csv"),
                            platform="youtube", store=db)
    for day, rows in (
        ("2026-02-01", [["instagram", "alice", 10000, 300, 12, None, "found"],
                        ["instagram", "bob", 5000, 150, 4, None, "contacted"],
                        ["instagram", "spiky", 20000, 500, 20, None, None],
                        ["youtube", "carla", 80000, None, 40, 5000, None],
                        ["instagram", "amandine.glow", 8900, 400, 30, None, None],
                        ["tiktok", "zoe", 7000, 900, 40, 20000, None]]),  # (not in the file checked)
        ("2026-02-20", [["instagram", "alice", 10400, 310, 13, None, "contacted"],
                        ["instagram", "bob", 5050, 140, 5, None, "contacted"],
                        ["instagram", "spiky", 20100, 520, 21, None, None],
                        ["youtube", "carla", 81000, None, 42, 5200, None],
                        ["tiktok", "zoe", 7100, 950, 41, 21000, None]]),
        ("2026-03-05", [["youtube", "carla", 82000, None, None, None, None]]),  # today, another sheet
    ):
        monkeypatch.setenv("INFLUKIT_TODAY", day)
        influkit.enrich(_sheet(tmp / f"list_{day}.csv", rows), offline=True, store=db)


def _dump(db: str) -> list[str]:
    """Every row of every table (a SQLite file's own dump; on PostgreSQL every table's rows, sorted)."""
    if "://" not in db:
        con = sqlite3.connect(db)
        try:
            return list(con.iterdump())
        finally:
            con.close()
    from influkit.store import Store

    with Store(db) as store:
        tables = [r[0] for r in store.conn.tuples(
            "SELECT table_name FROM information_schema.tables WHERE table_schema='public' ORDER BY table_name")]
        assert "snapshots" in tables
        return [f"{t}: {row!r}" for t in tables for row in sorted(store.conn.tuples(f"SELECT * FROM {t}"), key=repr)]


@pytest.fixture(params=["sqlite", "postgresql"])
def two_workspaces(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    """Two empty workspaces on the same back end: SQLite files, or PostgreSQL databases."""
    if request.param == "sqlite":
        return str(tmp_path / "a.db"), str(tmp_path / "b.db")
    server = request.getfixturevalue("pg_server")
    return server.database(), server.database()


def test_a_file_read_with_the_workspace_is_what_enrich_records_and_nothing_is_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, two_workspaces: tuple[str, str]) -> None:
    previewed_db, recorded_db = two_workspaces
    for db in (previewed_db, recorded_db):
        _build(db, tmp_path, monkeypatch)
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-05")
    today = _sheet(tmp_path / "today.csv", [
        ["instagram", "alice", 10800, 320, 14, None, "contacted"],
        ["instagram", "bob", 5100, None, 6, None, "replied"],
        ["instagram", "bob", 9999, 999, 99, None, "deal"],  # repeated: its numbers are bob's (the last row)
        ["instagram", "spiky", 45000, 530, 22, None, None],
        ["youtube", "carla", None, None, 44, 6000, None],  # fills in the morning sheet's snapshot
        ["instagram", "dan", 3000, 90, 3, None, None],  # new
        ["instagram", "amandine.glow", 8950, 410, 31, None, None],
        ["youtube", "julientech", 150000, None, 300, 90000, None],
        ["", "nobody", 100, None, None, None, None],
    ])
    before = _dump(previewed_db)
    previewed = influkit.load_list(today, store=previewed_db)
    assert _dump(previewed_db) == before  # nothing kept
    enriched = influkit.enrich(today, offline=True, store=recorded_db)
    assert previewed.columns == enriched.columns
    assert previewed.records() == enriched.records()
    # (and the history did speak: trends, growth, a spike, the morning's followers kept for carla)
    rows = {r["handle"]: r for r in enriched.records() if r["handle"]}
    assert rows["alice"]["trend"] == "growing" and rows["alice"]["growth_30d"] is not None
    assert rows["carla"]["growth_30d"] is not None  # from the morning sheet's followers
    assert "spike" in (rows["amandine.glow"]["flags"] or "") and rows["julientech"]["trend"] == "growing"
    assert rows["dan"]["trend"] == "unknown" and rows["dan"]["growth_30d"] is None


def test_a_workspace_recorded_today_from_the_same_sheet_needs_no_preview_write(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same sheet again the same day: no account can get a history from it, the preview writes
    nothing and the list is the one `enrich` shows."""
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-05")
    db = str(tmp_path / "w.db")
    sheet = _sheet(tmp_path / "s.csv", [["instagram", "alice", 10000, 300, 12, None, None],
                                        ["instagram", "bob", 5000, 150, 4, None, None]])
    influkit.enrich(sheet, offline=True, store=db)
    from influkit.store import Store

    with Store(db) as store, store.rolled_back(bulk=True):
        ids = store.preview_import(influkit.enrich(sheet, offline=True, store=None))
        assert ids == [None, None]
        assert store.one("SELECT COUNT(*) FROM snapshots")[0] == 2
    assert influkit.load_list(sheet, store=db).records() == influkit.enrich(sheet, offline=True, store=db).records()
