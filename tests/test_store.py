"""The workspace store: migrations, transactions, and a run killed mid-write."""

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

from influkit.store import MIGRATIONS, Store


def test_v1_database_migrates_to_current(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + ";PRAGMA user_version=1;")
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


def test_series_prefers_history_over_sheet_and_points_keep_marks(tmp_path: Path) -> None:
    with Store(tmp_path / "w.db") as store, store.transaction():
        a = store.upsert_account("youtube", "chan")
        day = dt.date(2024, 3, 1)
        store.add_snapshot(a, day, "sheet", {"followers": 1000})
        store.add_followers_series(a, [(day, 1010, True)], "history:f.csv", rounded=True)
        assert store.series(a) == [(day, 1010, "history:f.csv")]
        marks = {p["source"]: (p["rounded"], p["estimated"]) for p in store.points(a)}
        assert marks == {"sheet": (False, False), "history:f.csv": (True, True)}


def test_error_inside_transaction_rolls_back(tmp_path: Path) -> None:
    store = Store(tmp_path / "w.db")
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
