"""What `record_import` hands to the history step (issue #14): each row's account id, read once, and
the accounts that have a history; the ids of new accounts are the ones a look-up finds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from influkit.pipeline import enrich
from influkit.store import CACHE_CHUNK, Store
from influkit.table import Table

N = CACHE_CHUNK + 50


def sheet(n: int = N, start: int = 0) -> Table:
    table = Table(source="prospects.xlsx", sheet="Prospects")
    table.source_rows = list(range(2, n + 2))
    table.data = {
        "platform": [None if k == 3 else ("instagram" if k % 2 else "tiktok") for k in range(n)],
        "handle": [f"user{start + k}" for k in range(n)],
        "followers": [1000 + k for k in range(n)],
        "duplicate_of": [None] * n,
    }
    return table


def looked_up(db: Store, table: Table) -> list[int | None]:
    """Each row's id as one look-up per row finds it."""
    return [db.account_id(p, h) if p and h else None
            for p, h in zip(table.get("platform"), table.get("handle"), strict=True)]


def test_record_import_gives_each_rows_account_id(backend: str) -> None:
    with Store(backend) as db:
        first = sheet(n=20, start=1000)  # accounts already stored, with ids before the list's
        db.write(lambda: db.record_import(first, on=dt.date(2026, 3, 1)))
        db.write(lambda: db.conn.execute("DELETE FROM accounts WHERE handle='user1019'"))  # a hole at the top
        table = sheet()
        table.data["handle"][7] = "user1005"  # a stored account among the new ones
        table.data["handle"][9] = table.data["handle"][8]  # one account on two rows
        table.data["platform"][9] = table.data["platform"][8]
        table.data["duplicate_of"][9] = 10
        ids: list[int | None] = []
        counts = db.write(lambda: db.record_import(table, on=dt.date(2026, 3, 1), row_ids=ids))
        assert counts["accounts"] == N - 2  # no platform on row 3, row 9 repeats row 8
        assert ids == looked_up(db, table)
        assert ids[3] is None and ids[8] == ids[9] is not None
        assert len({a for a in ids if a is not None}) == N - 2


def test_row_account_ids_reads_only_what_is_not_known(backend: str) -> None:
    with Store(backend) as db:
        table = sheet()
        db.write(lambda: db.record_import(table, on=dt.date(2026, 3, 1)))
        platforms, handles = table.get("platform"), table.get("handle")
        every = db.row_account_ids(platforms, handles)
        assert every == looked_up(db, table) and every[3] is None
        known = {(platforms[0], handles[0]): 10**9}  # a given id is taken as is
        some = db.row_account_ids(platforms, handles, known)
        assert some[0] == 10**9 and some[1:] == every[1:]
        assert db.row_account_ids(["instagram", "", "tiktok"], ["nobody", "user2", None]) == [None, None, None]


def test_accounts_with_history_are_those_with_two_snapshots_or_more(backend: str) -> None:
    with Store(backend) as db:
        table = sheet(n=10)
        db.write(lambda: db.record_import(table, on=dt.date(2026, 3, 1)))
        assert db.accounts_with_history() == set()
        later = sheet(n=4)
        db.write(lambda: db.record_import(later, on=dt.date(2026, 3, 2)))
        again = [a for a in db.row_account_ids(later.get("platform"), later.get("handle")) if a is not None]
        assert db.accounts_with_history() == set(again) and len(again) == 3


def test_enrich_reads_the_engagement_history_beside_a_spike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The engagement history is read for the accounts with a spike or a drop only (the flag it feeds
    needs one), and still flags an engagement that fell after a spike; repeated rows share one read."""
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-31")
    db = tmp_path / "w.db"
    sheet = tmp_path / "s.csv"
    sheet.write_text("handle,platform,followers,avg_likes,avg_comments\n"
                     "alice,instagram,26000,300,20\nbob,instagram,5000,100,5\nalice,instagram,26000,300,20\n")
    with Store(db) as store:
        alice = store.upsert_account("instagram", "alice", seen_on=dt.date(2026, 1, 1))
        bob = store.upsert_account("instagram", "bob", seen_on=dt.date(2026, 1, 1))
        start = dt.date(2026, 3, 1)
        store.add_followers_series(alice, [(start + dt.timedelta(d), 20000 + 10 * d + (5000 if d >= 20 else 0), False)
                                           for d in range(29)], "history:a.csv")
        store.add_followers_series(bob, [(start + dt.timedelta(d), 5000 + d, False) for d in range(29)],
                                   "history:b.csv")
        for day, rate in ((dt.date(2026, 3, 5), 0.05), (dt.date(2026, 3, 25), 0.01)):
            store.add_snapshot(alice, day, "history:er.csv", {"engagement_rate": rate})
            store.add_snapshot(bob, day, "history:er.csv", {"engagement_rate": rate})
    reads: list[list[int]] = []
    real = Store.series_of

    def counted(self: Store, accounts: Any, field: str = "followers") -> Any:
        if field == "engagement_rate":
            reads.append(list(accounts))
        return real(self, accounts, field)

    monkeypatch.setattr(Store, "series_of", counted)
    flags = enrich(str(sheet), offline=True, store=str(db)).get("flags")
    assert reads == [[alice]]
    assert "spike_er_fall" in (flags[0] or "") and flags[0] == flags[2] and "spike" not in (flags[1] or "")


def test_a_sqlite_workspace_has_the_page_cache_of_the_thresholds_table(tmp_path: Path) -> None:
    from influkit.thresholds.store import setting

    with Store(tmp_path / "w.db") as store:
        assert store.one("PRAGMA cache_size")[0] == -int(setting("sqlite_cache")) != -2000


def test_a_bulk_write_skips_key_checks_for_its_transaction_only(tmp_path: Path) -> None:
    """An import's transaction runs without SQLite's per-row foreign key checks; the connection checks
    them again afterwards, also after a failed import, and what the import wrote refers to real rows."""
    import sqlite3

    with Store(tmp_path / "w.db") as db:
        seen: list[int] = []

        def work() -> dict[str, Any]:
            seen.append(int(db.one("PRAGMA foreign_keys")[0]))
            return db.record_import(sheet(), on=dt.date(2026, 3, 1))

        db.write(work, bulk=True)
        assert seen == [0] and int(db.one("PRAGMA foreign_keys")[0]) == 1
        assert db.rows("PRAGMA foreign_key_check") == []
        assert db.one("SELECT COUNT(*) FROM snapshots")[0] == N - 1

        def failing() -> None:
            db.record_import(sheet(start=N), on=dt.date(2026, 3, 2))
            raise RuntimeError("disk full")

        with pytest.raises(RuntimeError):
            db.write(failing, bulk=True)
        assert int(db.one("PRAGMA foreign_keys")[0]) == 1
        assert db.one("SELECT COUNT(*) FROM accounts")[0] == N - 1  # rolled back
        with db.rolled_back(bulk=True):
            assert int(db.one("PRAGMA foreign_keys")[0]) == 0
        assert int(db.one("PRAGMA foreign_keys")[0]) == 1
        with pytest.raises(sqlite3.IntegrityError):  # outside a bulk write, a key to nothing is refused
            db.write(lambda: db.conn.execute(
                "INSERT INTO snapshots(account_id, taken_on, source) VALUES (999999, '2026-03-03', 'sheet')"))


def test_enrich_and_score_record_a_workspace_whose_keys_all_hold(tmp_path: Path) -> None:
    """The commands that write in bulk (enrich, score, and a preview of a list given as FILE) leave
    every foreign key pointing at a row."""
    import influkit

    here = Path(__file__).resolve().parent.parent / "examples"
    ws = str(tmp_path / "w.db")
    influkit.enrich(str(here / "prospects.xlsx"), offline=True, store=ws)
    influkit.score(str(here / "prospects.xlsx"), brand=str(here / "brand.toml"), store=ws)
    with Store(ws) as db:
        assert db.one("SELECT COUNT(*) FROM snapshots")[0] > 0
        assert db.rows("PRAGMA foreign_key_check") == []
        assert int(db.one("PRAGMA foreign_keys")[0]) == 1


def test_a_bulk_write_is_checkpointed_as_its_connection_closes(tmp_path: Path) -> None:
    """After a bulk write the write-ahead log is copied into the database file as the connection
    closes, in a thread: what was written is read at once by another connection, the next connection of
    the process waits for the copy, and a command's process ends only when the log is gone."""
    import sqlite3
    import subprocess
    import sys

    from influkit.store import connection

    ws = tmp_path / "w.db"
    with Store(ws) as db:
        db.write(lambda: db.record_import(sheet(), on=dt.date(2026, 3, 1)), bulk=True)
        assert int(db.one("PRAGMA wal_autocheckpoint")[0]) == 1000  # back to SQLite's default
    connection.settle()
    assert not Path(f"{ws}-wal").exists() and not connection._closing
    again = tmp_path / "again.db"
    with Store(again) as db:
        db.write(lambda: db.record_import(sheet(), on=dt.date(2026, 3, 1)), bulk=True)
    other = sqlite3.connect(again)  # at once, while the log may still be copied
    try:
        assert other.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0] == N - 1
    finally:
        other.close()
    connection.settle()
    examples = Path(__file__).resolve().parent.parent / "examples"
    ws2 = tmp_path / "cli.db"
    done = subprocess.run([sys.executable, "-m", "influkit.cli", "enrich", str(examples / "prospects.xlsx"), "--offline",
                           "--db", str(ws2), "-q", "-o", str(tmp_path / "out.csv")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and ws2.exists() and not Path(f"{ws2}-wal").exists()


def ids_of(tables: list[list[dict[str, Any]]], handle: str) -> int:
    return next(int(r["id"]) for r in tables[1] if r["handle"] == handle)


def _emptied(db: Store, identities: tuple[str, ...]) -> None:
    """A PostgreSQL test database emptied of what a list records, the ids of `identities` from 1 again."""

    def empty() -> None:
        for t in ("stage_events", "snapshots", "provenance", "campaign_accounts", "list_chunks", "accounts"):
            db.conn.execute(f"DELETE FROM {t}")
        for t in identities:
            db.conn.reset_identity(t)

    db.write(empty)


def test_accounts_recorded_in_chunks_are_recorded_as_in_one(backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A list recorded a few rows at a time (`record_chunk`) gives the same accounts, ids, snapshots and
    events as in one go: an account's rows (a repeated one here) never straddle two chunks."""
    from influkit.thresholds.store import STORE_SETTINGS

    def run(chunk: int) -> list[list[dict[str, Any]]]:
        monkeypatch.setitem(STORE_SETTINGS, "record_chunk", STORE_SETTINGS["record_chunk"]._replace(value=chunk))
        target = backend if "://" in backend else f"{backend}.{chunk}.db"
        with Store(target) as db:
            if "://" in backend:
                _emptied(db, ("accounts", "stage_events"))
            db.write(lambda: db.record_import(sheet(n=30, start=20), on=dt.date(2026, 3, 1)))
            table = sheet()
            table.data["creator"] = [f"C{k}" if k % 3 else None for k in range(N)]
            table.data["stage"] = ["contacted" if k % 2 else "identified" for k in range(N)]
            table.data["handle"][9], table.data["platform"][9] = table.data["handle"][8], table.data["platform"][8]
            table.data["followers"][9] = None  # the repeated row fills in, never blanks, the first's numbers
            # an account on two rows far apart (two chunks): its later row's stage and note count last
            table.data["handle"][40], table.data["platform"][40] = table.data["handle"][2], table.data["platform"][2]
            table.data["stage"][40] = "replied"
            table.data["followers"][2] = None
            table.data["notes"] = [f"n{k}" if k % 5 == 0 else None for k in range(N)]
            # accounts changed by hand since the first import: the sheet's same value never undoes it
            cid = int(db.campaign()["id"])
            hand = [db.account_id(p, h) for p, h in (("tiktok", "user24"), ("instagram", "user25"))]
            db.write(lambda: db.set_campaign_fields(cid, [(a, {"stage": "deal", "notes": "by hand"}) for a in hand
                                                          if a is not None], source="set"))
            ids: list[int | None] = []
            counts = db.write(lambda: db.record_import(table, on=dt.date(2026, 3, 2), row_ids=ids))
            assert ids == looked_up(db, table)
            out: list[Any] = [[counts]]
            # (an event's id is its place among the chunk's events, which are written by account: events
            # are compared account by account, each account's in the order they were recorded)
            for t, drop, order in (("accounts", (), "1, 2, 3"), ("snapshots", (), "1, 2, 3"),
                                   ("provenance", (), "1, 2, 3"), ("campaign_accounts", ("updated_at",), "1, 2, 3"),
                                   ("stage_events", ("recorded_at", "id"), "account_id, id")):
                rows = [dict(r) for r in db.rows(f"SELECT * FROM {t} ORDER BY {order}")]
                out.append([{k: v for k, v in r.items() if k not in drop} for r in rows])
            return out

    one = run(100_000)
    assert len(one[1]) == N - 2  # no row 3 (no platform) nor 9 and 40 (repeated); user40 from the first sheet
    assert one[0][0]["snapshots"] == N - 3  # user2: its later row's numbers
    assert [e["stage"] for e in one[5] if e["account_id"] == ids_of(one, "user2")] == ["identified", "replied"]
    assert run(7) == one


def test_fields_saved_in_chunks_are_saved_as_in_one(backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`score`/`links` write their columns `record_chunk` rows at a time: the same campaign rows and
    accounts as in one go, a repeated account's later row counting, new accounts added in key order;
    the step counts the rows, then the accounts added."""
    from influkit import progress
    from influkit.api import _save_with_fields
    from influkit.thresholds.store import STORE_SETTINGS

    seen: list[dict[str, Any]] = []

    def run(chunk: int) -> list[list[dict[str, Any]]]:
        monkeypatch.setitem(STORE_SETTINGS, "record_chunk", STORE_SETTINGS["record_chunk"]._replace(value=chunk))
        target = backend if "://" in backend else f"{backend}.f{chunk}.db"
        with Store(target) as db:
            if "://" in backend:
                _emptied(db, ("accounts",))
            db.write(lambda: db.record_import(sheet(n=30, start=20), on=dt.date(2026, 3, 1)))
            table = sheet(n=60)  # user0..19 and user50..59 are not in the workspace yet
            table.data["score"] = [k / 2 for k in range(60)]
            table.data["reasons"] = [f"r{k}" for k in range(60)]
            table.data["handle"][45], table.data["platform"][45] = "user21", "instagram"  # again, later
            table.data["handle"][44], table.data["platform"][44] = "user1", "instagram"  # a new one, again
            cid = int(db.campaign()["id"])
            seen.clear()
            with progress.reporting(seen.append):
                db.write(lambda: _save_with_fields(db, table, cid, {}, ("score", "reasons"), "score", "scores"))
            out = []
            for t, drop in (("accounts", ()), ("provenance", ()), ("campaign_accounts", ("updated_at",))):
                rows = [dict(r) for r in db.rows(f"SELECT * FROM {t} ORDER BY 1, 2, 3")]
                out.append([{k: v for k, v in r.items() if k not in drop} for r in rows])
            return out

    one = run(100_000)
    scored = {r["account_id"]: (r["score"], r["reasons"]) for r in one[2]}
    handles = {r["handle"]: r["id"] for r in one[0]}
    assert scored[handles["user21"]] == (22.5, "r45") and scored[handles["user1"]] == (22.0, "r44")
    assert run(7) == one
    counts = [(s["done"], s["total"]) for s in seen if s["step"] == "workspace: scores" and not s.get("finished")]
    assert counts[0] == (0, 60) and counts[-1] == (60 + 30, 60 + 30)  # 60 rows, then 30 accounts added
    assert [d for d, _ in counts] == sorted(d for d, _ in counts)  # (told at most ten times a second)
    assert {"step": "workspace: scores", "finished": True} in seen
