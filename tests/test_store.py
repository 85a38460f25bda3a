"""The workspace store on both back ends (SQLite and a real PostgreSQL server, see conftest.backend):
migrations, transactions, batched writes, the cache; and, on SQLite, a run killed mid-write."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from influkit.clock import now
from influkit.store import MIGRATIONS, Store

DB_ERRORS: tuple[type[BaseException], ...] = (sqlite3.Error,)
try:
    import psycopg

    DB_ERRORS += (psycopg.Error,)
except ImportError:  # pragma: no cover - psycopg is a test dependency
    pass


def test_v1_database_migrates_to_current(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(str(MIGRATIONS[0]) + ";PRAGMA user_version=1;")
    conn.execute("INSERT INTO accounts(platform, handle, first_seen, last_seen) VALUES ('instagram','a','2024-01-01','2024-01-01')")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.version == len(MIGRATIONS) >= 2
        account = store.account_id("instagram", "a")
        assert account is not None
        store.add_followers_series(account, [(dt.date(2024, 1, 1), 0, False), (dt.date(2024, 1, 8), 50, False)],
                                   "history:x", relative=True)
        assert [p["relative"] for p in store.points(account)] == [True, True]
        assert store.series(account) == []  # relative points are not totals


def test_series_prefers_history_over_sheet_and_points_keep_marks(backend: str) -> None:
    with Store(backend) as store, store.transaction():
        a = store.upsert_account("youtube", "chan")
        day = dt.date(2024, 3, 1)
        store.add_snapshot(a, day, "sheet", {"followers": 1000})
        store.add_followers_series(a, [(day, 1010, True)], "history:f.csv", rounded=True)
        assert store.series(a) == [(day, 1010, "history:f.csv")]
        marks = {p["source"]: (p["rounded"], p["estimated"]) for p in store.points(a)}
        assert marks == {"sheet": (False, False), "history:f.csv": (True, True)}


def test_error_inside_transaction_rolls_back(backend: str) -> None:
    store = Store(backend)
    with pytest.raises(RuntimeError), store.transaction():
        store.upsert_account("instagram", "ghost")
        raise RuntimeError("killed")
    assert store.account_id("instagram", "ghost") is None
    store.close()


KILL_SCRIPT = """
import datetime as dt, sys
from influkit.store import Store
store = Store(sys.argv[1])
with store.transaction():
    a = store.upsert_account("instagram", "big")
    day = dt.date(2000, 1, 1)
    print("started", flush=True)
    for i in range(10_000_000):
        store.add_followers_series(a, [(day + dt.timedelta(days=i), i, False)], "history:big")
"""


def test_sigkill_during_large_import_leaves_a_usable_store(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    with Store(db) as store, store.transaction():
        store.upsert_account("instagram", "before")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(db)], stdout=subprocess.PIPE, env=env)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"started"
    time.sleep(0.5)  # well inside the write
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    with Store(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.account_id("instagram", "before") is not None
        assert store.account_id("instagram", "big") is None  # the killed transaction left nothing
        with store.transaction():  # a rerun completes
            a = store.upsert_account("instagram", "big")
            store.add_followers_series(a, [(dt.date(2000, 1, 1), 5, False)], "history:big")
        assert store.series(a) == [(dt.date(2000, 1, 1), 5, "history:big")]


def test_cache_get_many_and_put_many_match_the_single_key_calls(backend: str) -> None:
    with Store(backend) as store:
        keys = [f"video:{k}" for k in range(1203)]  # more than two chunks of `key IN (...)`
        assert store.cache_put_many("youtube", [(k, {"n": n, "name": "é"}) for n, k in enumerate(keys)]) == 1203
        assert store.cache_put_many("youtube", []) == 0
        store.cache_put("instagram", "video:1", {"other": True})  # same key, another provider
        got = store.cache_get_many("youtube", [*keys, "absent", keys[0]])
        assert got.keys() == set(keys) and all(got[k] == store.cache_get("youtube", k) for k in keys)
        assert store.cache_get_many("instagram", keys) == {"video:1": {"other": True}}
        assert store.cache_get_many("youtube", []) == {}
        # max_age: an entry older than it is left out, as cache_get returns None for it
        old = (now() - dt.timedelta(hours=2)).replace(microsecond=0).isoformat()
        store.conn.execute("UPDATE api_cache SET fetched_at=? WHERE key='video:5'", (old,))
        fresh = store.cache_get_many("youtube", keys[:10], dt.timedelta(hours=1))
        assert "video:5" not in fresh and len(fresh) == 9
        assert store.cache_get("youtube", "video:5", dt.timedelta(hours=1)) is None
        assert store.cache_get_many("youtube", keys[:10], dt.timedelta(hours=3)).keys() == set(keys[:10])
        entries = store.cache_entries("youtube", ["video:5"])
        assert entries["video:5"][0] == dt.datetime.fromisoformat(old)
        # put_many replaces payloads and fetch times
        store.cache_put_many("youtube", [("video:5", {"n": -5})])
        assert store.cache_get_many("youtube", ["video:5"], dt.timedelta(hours=1)) == {"video:5": {"n": -5}}


def test_cache_put_many_is_one_transaction_and_joins_the_callers(backend: str) -> None:
    with Store(backend) as store:
        # a later failure in the caller's transaction undoes the batch too
        with pytest.raises(DB_ERRORS), store.transaction():
            store.cache_put_many("youtube", [("a", 1), ("b", 2)])
            store.conn.execute("INSERT INTO nowhere VALUES (1)")
        assert store.cache_get_many("youtube", ["a", "b"]) == {}
        store.cache_put_many("youtube", [("a", 1), ("b", 2)])
        assert store.cache_get_many("youtube", ["a", "b"]) == {"a": 1, "b": 2}
        assert not store.conn.in_transaction


def test_batched_account_snapshot_and_post_writes_match_the_single_ones(backend: str) -> None:
    day = dt.date(2024, 5, 1)
    posts = [{"post_id": "v1", "views": 10, "likes": None}, {"post_id": "v2", "views": 20, "likes": 3}]
    with Store(backend) as one, one.transaction():
        a = one.upsert_account("youtube", "chan", external_id="UC1")
        one.add_snapshot(a, day, "youtube", {"followers": 100, "avg_views": None}, rounded=True)
        one.add_posts(a, posts, "youtube")
        single = (rows_of(one, "accounts"), rows_of(one, "snapshots"), rows_of(one, "posts"))
        for table in ("posts", "snapshots", "provenance", "campaign_accounts", "accounts"):
            one.conn.execute(f"DELETE FROM {table}")
    with Store(backend) as many, many.transaction():
        ids = many.upsert_accounts([("youtube", "chan", "UC1")])
        assert many.add_snapshots([(ids[("youtube", "chan")], day, "youtube",
                                    {"followers": 100, "avg_views": None}, True)]) == 1
        assert many.add_posts_many([(ids[("youtube", "chan")], posts, "youtube")]) == 2
        assert (rows_of(many, "accounts"), rows_of(many, "snapshots"), rows_of(many, "posts")) == single
        # a field left None keeps the value already recorded that day
        many.add_snapshots([(ids[("youtube", "chan")], day, "youtube", {"followers": None, "avg_views": 7}, True)])
        assert [p["value"] for p in many.points(ids[("youtube", "chan")])] == [100]
        assert [p["value"] for p in many.points(ids[("youtube", "chan")], "avg_views")] == [7]
        assert many.upsert_accounts([]) == {}


def rows_of(store: Store, table: str) -> list[tuple[object, ...]]:
    skip = {"fetched_at", "id", "account_id"}  # a timestamp of the write; generated keys
    rows = store.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
    return [tuple(v for k, v in zip(r.keys(), tuple(r), strict=True) if k not in skip) for r in rows]


def test_influkit_enrich_killed_while_recording_then_rerun(tmp_path: Path) -> None:
    """kill -9 of the real command while it writes the workspace: the database opens and a rerun completes."""
    n = 20_000
    sheet = tmp_path / "big.csv"
    lines = ["Nom;Réseau;Pseudo;Abonnés;Likes moyens;Commentaires moyens;Statut"]
    lines += [f"P{i};IG;@user{i};{1000 + i};{i % 300};{i % 20};Contacté" for i in range(n)]
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "w.db"
    wal = tmp_path / "w.db-wal"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src"), "INFLUKIT_DB": str(db)}
    cmd = [sys.executable, "-m", "influkit.cli", "enrich", str(sheet), "-o", str(tmp_path / "out.csv"), "-q"]
    proc = subprocess.Popen(cmd, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 64 * 1024:  # the import transaction is being written
            break
        time.sleep(0.005)
    assert proc.poll() is None, "the run finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert not (tmp_path / "out.csv").exists()  # no half-written output either
    with Store(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.conn.execute("SELECT COUNT(*) FROM accounts").fetchone()[0] == 0  # all or nothing
    rerun = subprocess.run(cmd, env=env, timeout=120)
    assert rerun.returncode == 0
    with Store(db) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM accounts").fetchone()[0] == n
        assert len(store.load_list()) == n


def test_a_second_sheet_the_same_day_never_blanks_a_recorded_value(tmp_path: Path, backend: str,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from influkit.pipeline import enrich

    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-01")
    first, second = tmp_path / "d1.csv", tmp_path / "d2.csv"
    first.write_text("Pseudo,Réseau,Abonnés,Likes moyens\nlea,IG,1000,50\n", encoding="utf-8")
    second.write_text("Pseudo,Réseau,Abonnés,Likes moyens\nlea,IG,1100,\n", encoding="utf-8")
    enrich(str(first), store=backend, offline=True)
    enrich(str(second), store=backend, offline=True)
    with Store(backend) as store:
        a = store.account_id("instagram", "lea")
        assert a is not None
        assert store.series(a) == [(dt.date(2026, 3, 1), 1100, "sheet")]
        assert store.series(a, "avg_likes") == [(dt.date(2026, 3, 1), 50, "sheet")]


def _old_workspace(target: str) -> None:
    """A schema v2 workspace (one list, one stage per account) as influkit 0.1 left it."""
    from influkit.store.connection import connect
    from influkit.store.migrations import V1, V2, run_script

    conn = connect(target, timeout=5, lock_timeout_ms=5000)
    conn.begin()
    run_script(conn, V1)
    run_script(conn, V2)
    conn.execute("INSERT INTO accounts(id, platform, handle, first_seen, last_seen, last_stage) VALUES "
                 "(1, 'instagram', 'lea', '2026-01-05', '2026-03-01', 'replied'), "
                 "(2, 'tiktok', 'zoe', '2026-01-05', '2026-01-05', 'contacted')")
    conn.execute("INSERT INTO snapshots(account_id, taken_on, source, followers) VALUES (1, '2026-01-05', 'sheet', 1000)")
    # lea: first seen contacted on the import day (recorded that day), then replied on 03-01
    conn.execute("INSERT INTO stage_events(account_id, stage, on_date, recorded_at, source) VALUES "
                 "(1, 'contacted', '2026-01-05', '2026-01-05T10:00:00+00:00', 'sheet'), "
                 "(1, 'replied', '2026-03-01', '2026-03-01T09:00:00+00:00', 'sheet'), "
                 "(2, 'contacted', '2025-12-20', '2026-01-05T10:00:00+00:00', 'sheet')")
    conn.execute("INSERT INTO current_list(position, row) VALUES (0, ?), (1, ?)",
                 ('{"platform": "instagram", "handle": "lea", "stage": "replied"}',
                  '{"platform": "tiktok", "handle": "zoe", "stage": "contacted"}'))
    conn.execute("INSERT INTO list_meta(key, value) VALUES ('columns', ?), ('source', ?)",
                 ('["platform", "handle", "stage"]', '"old.xlsx"'))
    conn.set_schema_version(2)
    conn.commit()
    conn.reset_identity("accounts")
    conn.close()


def test_a_v2_workspace_migrates_its_list_into_the_default_campaign(backend: str) -> None:
    _old_workspace(backend)
    with Store(backend) as store:
        assert store.version == len(MIGRATIONS) == 7
        assert store.posts_of_campaign(1) == []  # (v7: campaign_posts has its published_on column)
        (default,) = store.campaigns()
        assert default["name"] == "default" and default["is_default"] and "Legitimate interest" in default["legal_basis"]
        listed = store.load_list()
        assert listed.get("handle") == ["lea", "zoe"] and listed.get("stage") == ["replied", "contacted"]
        events = {(e["handle"], e["stage"]): e["on_date"] for e in store.stage_events()}
        # the import-day date of a first-seen stage is dropped; real dates stay
        assert events == {("lea", "contacted"): None, ("lea", "replied"): "2026-03-01",
                          ("zoe", "contacted"): "2025-12-20"}
        assert store.campaign_account(1, 1)["stage"] == "replied"  # type: ignore[index]
        assert [p["kind"] for p in store.provenance(1)] == ["sheet"]
        new = store.create_campaign("autumn")
        assert new["id"] == 2  # identities continue after the migrated rows
        assert store.upsert_account("youtube", "new") == 3


def test_a_password_in_the_url_never_reaches_a_message(pg_server: object) -> None:
    from influkit.errors import InfluError
    from pgserver import PgServer

    assert isinstance(pg_server, PgServer)
    url = pg_server.url("no_such_database", password="s3cr%21t")
    with pytest.raises(InfluError) as caught:
        Store(url)
    assert "s3cr" not in str(caught.value) and "***" in str(caught.value)
    good = pg_server.database().replace("@", ":s3cr%21t@", 1).replace("//postgres:s3cr%21t@", "//postgres:s3cr%21t@")
    with Store(good) as store:
        assert "s3cr" not in store.location and "s3cr" not in str(store.path)


def test_write_retries_a_unit_of_work_refused_by_a_concurrent_writer(backend: str) -> None:
    """Two sessions read then write the same row at SERIALIZABLE: the loser is retried by Store.write
    and both increments land. (On SQLite the second one waits for the write lock at BEGIN IMMEDIATE, so
    it cannot reach the barrier: same end, no retry needed.)"""
    import contextlib
    import threading

    with Store(backend) as store:
        store.upsert_account("instagram", "counter")
    barrier = threading.Barrier(2)

    def bump() -> None:
        with Store(backend) as store:
            first = [True]

            def work() -> None:
                row = store.one("SELECT last_seen FROM accounts WHERE handle='counter'")
                if first[0]:
                    first[0] = False
                    with contextlib.suppress(threading.BrokenBarrierError):
                        barrier.wait(timeout=2 if "://" in backend else 0.2)
                day = dt.date.fromisoformat(row[0]) + dt.timedelta(days=1)
                store.conn.execute("UPDATE accounts SET last_seen=? WHERE handle='counter'", (day.isoformat(),))

            store.write(work)

    threads = [threading.Thread(target=bump) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    with Store(backend) as store:
        first_seen, last_seen = store.one("SELECT first_seen, last_seen FROM accounts WHERE handle='counter'")
        assert (dt.date.fromisoformat(last_seen) - dt.date.fromisoformat(first_seen)).days == 2


def test_stage_events_are_read_one_at_a_time_with_shared_texts(backend: str) -> None:
    """A campaign's events come as they are read (an iterator of dicts, not a list of rows) and the
    texts many of them repeat (stage, source, recorded_at, platform) are one object each."""
    import datetime as dt
    from collections.abc import Iterator

    from influkit.table import Table

    table = Table(source="prospects.xlsx", sheet="Prospects")
    table.source_rows = [2, 3, 4]
    table.data = {"platform": ["instagram"] * 3, "handle": ["a", "b", "c"], "stage": ["contacted"] * 3}
    with Store(backend) as store:
        store.write(lambda: store.record_import(table, on=dt.date(2026, 3, 1)))
        events = store.stage_events()
        assert isinstance(events, Iterator)
        got = list(events)
        assert [(e["handle"], e["stage"], e["source"]) for e in got] == [
            (h, "contacted", "sheet:prospects.xlsx#Prospects") for h in ("a", "b", "c")]  # (the file and its tab)
        assert list(got[0]) == ["id", "campaign_id", "account_id", "stage", "on_date", "recorded_at", "source",
                                "note", "platform", "handle"]
        for name in ("stage", "source", "recorded_at", "platform"):
            assert got[0][name] is got[1][name] is got[2][name]


def test_a_read_only_workspace_is_said_in_one_line(tmp_path: Path) -> None:
    """SQLite's own error on a read-only database (a file, a folder, a mount) becomes one line naming the
    workspace, not "OperationalError: attempt to write a readonly database"."""
    import sqlite3

    from influkit.errors import InfluError
    from influkit.store import Store

    path = tmp_path / "ws.db"
    with Store(str(path)) as db:
        pass
    ro = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        ro.execute("CREATE TABLE t(x)")
    except sqlite3.OperationalError as exc:
        refused = exc
    ro.close()

    def work() -> None:
        raise refused

    with Store(str(path)) as db, pytest.raises(InfluError, match="the workspace cannot be written") as err:
        db.write(work, what="set")
    assert "ws.db" in str(err.value) and "OperationalError" not in str(err.value)


def test_a_writer_kept_out_gives_up_after_write_wait_max(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A busy workspace is retried, but not for minutes: past write_wait_max the writer stops and says
    how long it tried."""
    import sqlite3

    from influkit.errors import InfluError
    from influkit.store import Store
    from influkit.thresholds import store as S

    monkeypatch.setitem(S.STORE_SETTINGS, "write_wait_max", S.Setting(0.05, "s", "test"))
    tries: list[int] = []

    def work() -> None:
        tries.append(1)
        raise sqlite3.OperationalError("database is locked")

    with Store(str(tmp_path / "ws.db")) as db, pytest.raises(InfluError, match=r"busy \(\d+ attempts? in 0 s\)"):
        db.write(work, what="set")
    assert 1 <= len(tries) < 11
