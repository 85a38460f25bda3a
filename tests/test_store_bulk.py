"""Recording big lists and histories in bulk (issue #14): what the fast paths of `record_import` and
`history import` write is what one row at a time wrote. Lists of more than CACHE_CHUNK rows, so the
bulk reads (one scan of the accounts, of the file's provenance) are the ones taken."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from influkit.followers import import_history
from influkit.store import CACHE_CHUNK, Store
from influkit.store.connection import BULK_TABLES, COPY_UPSERT_MIN
from influkit.table import Table
from influkit.thresholds.store import STORE_SETTINGS, Setting

N = CACHE_CHUNK + 100
STAGES = ("identified", "contacted", "replied", "deal")


def sheet(shift: int = 0, n: int = N) -> Table:
    table = Table(source="prospects.xlsx", sheet="Prospects")
    table.source_rows = list(range(2, n + 2))
    table.data = {
        "creator": [None if k == 0 else f"Créatrice {k}" for k in range(n)],
        "platform": ["instagram" if k % 2 else "tiktok" for k in range(n)],
        "handle": [f"user{k}" for k in range(n)],
        "profile_url": [f"https://example.com/user{k}" if k % 3 else None for k in range(n)],
        "followers": [None if k == 5 else 1000 + k + shift for k in range(n)],
        "engagement_rate": [0.02 for _ in range(n)],
        "stage": [STAGES[(k + shift) % 4] if k % 7 else "identified" for k in range(n)],
        "owner": ["Ana" if k % 2 else None for k in range(n)],
        "price_quoted": [float(100 + k) if k % 4 == 0 else None for k in range(n)],
    }
    return table


def dump(db: Store, table: str, drop: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    rows = [dict(r) for r in db.rows(f"SELECT * FROM {table} ORDER BY 1, 2, 3")]
    for r in rows:
        for k in drop:
            r.pop(k)
    return rows


def test_reimport_keeps_hand_set_stages_and_still_records_changes(backend: str) -> None:
    with Store(backend) as db:
        first = db.write(lambda: db.record_import(sheet(), on=dt.date(2026, 3, 1)))
        assert first["accounts"] == N and first["snapshots"] == N and first["stage_events"] == N
        cid = int(db.campaign()["id"])
        ids = db.account_ids([("instagram", "user1"), ("tiktok", "user2"), ("instagram", "user3")])
        db.write(lambda: db.set_campaign_fields(cid, [(a, {"stage": "published"}) for a in ids.values()],
                                                source="set"))
        accounts_before = dump(db, "accounts")

        # the same sheet the same day: nothing moves, the hand's stages stand
        again = db.write(lambda: db.record_import(sheet(), on=dt.date(2026, 3, 1)))
        assert again["stage_events"] == 0 and again["kept_by_hand"] == 3
        assert dump(db, "accounts") == accounts_before
        rows = [db.campaign_account(cid, a) or {} for a in ids.values()]
        assert {r["stage"] for r in rows} == {"published"} and {r["source"] for r in rows} == {"set"}

        # the next day every stage moved on: one event per account, a new snapshot each, spans widen
        # (one account renamed too: it changes more than its last day seen)
        renamed = sheet(1)
        renamed.data["creator"][2] = "Renommée"
        nxt = db.write(lambda: db.record_import(renamed, on=dt.date(2026, 3, 2)))
        moved = sum(1 for k in range(N) if k % 7)
        assert nxt["stage_events"] == moved and nxt["snapshots"] == N and nxt["kept_by_hand"] == 0
        assert db.one("SELECT COUNT(*) FROM snapshots WHERE taken_on='2026-03-02'")[0] == N
        assert db.one("SELECT COUNT(*) FROM stage_events WHERE on_date='2026-03-02'")[0] == moved
        assert {(r["first_at"], r["last_at"]) for r in dump(db, "provenance")} == {("2026-03-01", "2026-03-02")}
        assert {(r["first_seen"], r["last_seen"]) for r in dump(db, "accounts")} == {("2026-03-01", "2026-03-02")}
        assert {r["creator"] for r in dump(db, "accounts") if r["handle"] in ("user2", "user3")} == {
            "Renommée", "Créatrice 3"}
        user1 = db.campaign_account(cid, ids[("instagram", "user1")])
        assert user1 is not None and user1["stage"] == STAGES[2] and user1["source"] == "sheet:prospects.xlsx"

        # an older sheet: first seen and provenance widen back, the last day stays
        db.write(lambda: db.record_import(sheet(1), on=dt.date(2026, 2, 20), save=False))
        assert {(r["first_at"], r["last_at"]) for r in dump(db, "provenance")} == {("2026-02-20", "2026-03-02")}
        assert {(r["first_seen"], r["last_seen"]) for r in dump(db, "accounts")} == {("2026-02-20", "2026-03-02")}
        assert len(db.load_list()) == N


def test_reimport_fills_in_names_and_links_and_merges_a_repeated_account(backend: str) -> None:
    table = sheet()
    table.data["handle"][9], table.data["platform"][9] = "user0", "tiktok"  # user0 again, unmarked
    table.data["followers"][9], table.data["engagement_rate"][0] = None, None
    table.data["profile_url"][9] = "https://example.com/user0"
    with Store(backend) as db:
        db.write(lambda: db.record_import(table, on=dt.date(2026, 3, 1)))
        user0 = db.account_id("tiktok", "user0")
        assert user0 is not None
        snap = db.one("SELECT followers, engagement_rate FROM snapshots WHERE account_id=?", (user0,))
        assert (snap[0], snap[1]) == (1000, 0.02)  # the second row fills in, never blanks
        row = db.one("SELECT creator, profile_url FROM accounts WHERE id=?", (user0,))
        assert (row[0], row[1]) == ("Créatrice 9", "https://example.com/user0")
        ids = [r[0] for r in db.rows("SELECT id FROM accounts ORDER BY platform, handle")]
        assert ids == sorted(ids)  # new accounts numbered in key order, as before
        later = sheet()
        later.data["creator"][3], later.data["profile_url"][3] = None, None
        later.data["creator"][4] = "Nouveau nom"
        db.write(lambda: db.record_import(later, on=dt.date(2026, 3, 1)))
        kept = db.one("SELECT creator, profile_url FROM accounts WHERE platform='instagram' AND handle='user3'")
        assert (kept[0], kept[1]) == ("Créatrice 3", None)
        renamed = db.one("SELECT creator FROM accounts WHERE platform='tiktok' AND handle='user4'")
        assert renamed[0] == "Nouveau nom"


def test_hand_set_account_with_a_handle_that_json_escapes(backend: str) -> None:
    table = sheet(n=10)
    table.data["handle"][1] = 'zoé "la" \\ vraie'
    with Store(backend) as db:
        db.write(lambda: db.record_import(table, on=dt.date(2026, 3, 1)))
        cid = int(db.campaign()["id"])
        account = db.account_id("instagram", 'zoé "la" \\ vraie')
        assert account is not None
        db.write(lambda: db.set_campaign_fields(cid, [(account, {"stage": "deal"})], source="set"))
        again = db.write(lambda: db.record_import(table, on=dt.date(2026, 3, 2)))
        assert again["kept_by_hand"] == 1 and (db.campaign_account(cid, account) or {})["stage"] == "deal"


HISTORY = "date,platform,handle,followers\n" + "".join(
    f"2026-03-0{d},{p},{h},{v}\n" for d in range(1, 6) for p, h, v in [
        ("Instagram", "lea.v", 10_000 + 100 * d), ("instagram", "@Lea.V", 7 * d), ("TikTok", "lea.v", 50_000 + d),
        ("?", "ghost", d)]) + (
    "2026-03-09,instagram,bad,abc\n2026-03-10,instagram,bad,-5\nnot a date,instagram,bad,5\n"
    "2026-03-11,instagram,bad, 1 234 \n2026-03-12,instagram,bad,1.5k\n2026-03-13,instagram,bad,0012\n"
    "2026-03-14,instagram,bad,99999999999999999999999\n2026-03-15,instagram,bad,\n2026-03-16,instagram,,5\n"
    "2026-03-17,instagram,bad,١٢٣\n2026-03-18,instagram,bad,+12\n")


def test_history_import_results_pinned(backend: str, tmp_path: Path) -> None:
    """What a long history file records, unreadable cells and all (pinned on the one-by-one import)."""
    path = tmp_path / "long.csv"
    path.write_text(HISTORY, encoding="utf-8")
    with Store(backend) as db:
        result = import_history(db, str(path))
        assert [(a.platform, a.handle, a.points, a.duplicates, a.first, a.last) for a in result.accounts] == [
            # "lea.v" and "@Lea.V" are one series of one account (each day twice: the later row kept)
            ("instagram", "lea.v", 5, 5, dt.date(2026, 3, 1), dt.date(2026, 3, 5)),
            ("tiktok", "lea.v", 5, 0, dt.date(2026, 3, 1), dt.date(2026, 3, 5)),
            ("instagram", "bad", 5, 0, dt.date(2026, 3, 11), dt.date(2026, 3, 18)),
        ]
        assert [str(e).split(": ", 1)[0].rsplit("/", 1)[-1] for e in result.bad_cells][:2] == [
            "long.csv, row 5, column 'platform'", "long.csv, row 9, column 'platform'"]
        assert len(result.bad_cells) == 9
        assert sum("no platform on this row" in str(e) for e in result.bad_cells) == 5
        assert any("negative count" in str(e) for e in result.bad_cells)
        assert any("out of range" in str(e) for e in result.bad_cells)
        # the two spellings of lea.v on Instagram are one account: the later row of a day wins
        lea = db.account_id("instagram", "lea.v")
        assert lea is not None
        assert [(p["date"].day, p["value"]) for p in db.points(lea)] == [(d, 7 * d) for d in range(1, 6)]
        bad = db.account_id("instagram", "bad")
        assert bad is not None
        assert [p["value"] for p in db.points(bad)] == [1234, 1500, 12, 123, 12]
        assert [(r["platform"], r["handle"]) for r in db.accounts()] == [
            ("instagram", "lea.v"), ("tiktok", "lea.v"), ("instagram", "bad")]  # ids in file order
        assert dump(db, "provenance") == [
            {"account_id": a, "kind": "export", "source": "history:long.csv", "first_at": last, "last_at": last}
            for a, last in sorted(((lea, "2026-03-05"), (db.account_id("tiktok", "lea.v"), "2026-03-05"),
                                   (bad, "2026-03-18")), key=lambda r: r[0] or 0)]


def test_history_totals_anchor_an_earlier_relative_series_of_a_known_account(backend: str, tmp_path: Path) -> None:
    gains, totals = tmp_path / "gains.csv", tmp_path / "totals.csv"
    gains.write_text("start_date,name,weekly_subscribers\n" + "".join(
        f"2026-01-{d:02d},gamma,{g}\n" for d, g in [(4, 100), (11, 200), (18, 300), (25, 400)]), encoding="utf-8")
    # (the week of 01-11 ends on 01-17: its total, the day after the week of 01-04's, is on the series)
    totals.write_text("date,name,subscribers\n2026-01-17,gamma,20000\n2026-01-18,gamma,20050\n"
                      + "".join(f"2026-01-{d:02d},fresh{k},{1000 + d}\n" for k in range(3) for d in (1, 2)),
                      encoding="utf-8")
    with Store(backend) as db:
        first = import_history(db, str(gains), platform="youtube")
        assert first.accounts[0].relative
        second = import_history(db, str(totals), platform="youtube")
        assert second.accounts[0].anchored == ["history:gains.csv on history:totals.csv total 20,000 on 2026-01-17"]
        assert [a.anchored for a in second.accounts[1:]] == [[], [], []]
        gamma = db.account_id("youtube", "gamma")
        assert gamma is not None and db.relative_sources(gamma) == []
        assert [p["value"] for p in db.points(gamma) if p["source"] == "history:gains.csv"] == [
            19700, 19800, 20000, 20300, 20700]


def test_sqlite_writes_many_rows_a_statement_as_one_row_a_statement_would(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's inserts and upserts of a list of rows go several rows to a statement (`sqlite_insert_rows`,
    within the parameters a statement may hold): an account repeated in a statement, or across two, is
    merged by the conflict clause in row order, the rows that do not fill a statement are written too,
    and the values every row shares (`same`) are the same, whether written in the statement or bound."""
    # each account on two rows in a row (in one statement, or across two) and on more rows further on
    rows = [((k // 2) % 90, "2026-03-01" if (k // 2) % 3 else "2026-03-02", None if k % 5 == 0 else 1000 + k,
             None if k % 4 == 0 else f"l'@user{k}?") for k in range(250)]
    conflict = """ON CONFLICT(account_id, taken_on, source) DO UPDATE SET
                    followers=COALESCE(excluded.followers, snapshots.followers),
                    relative=snapshots.relative + 1"""
    executed: dict[str, list[str]] = {}
    dumps = {}
    for name, per, most in (("one", 1, None), ("seven", 7, None), ("limited", 7, 12)):
        monkeypatch.setitem(STORE_SETTINGS, "sqlite_insert_rows", Setting(per, "rows", "test"))
        with Store(str(tmp_path / f"{name}.db")) as db:
            statements = executed.setdefault(name, [])
            raw = db.conn.raw  # type: ignore[attr-defined]
            raw.set_trace_callback(statements.append)
            if most is not None:  # at most 12 parameters a statement: 4 rows of 3 values, 2 of 5
                raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, most)

            def write(db: Store = db) -> None:
                db.conn.execute("INSERT INTO accounts(id, platform, handle, first_seen, last_seen) "
                                "SELECT value, 'instagram', 'user' || value, '2026-03-01', '2026-03-01' "
                                "FROM json_each(?)", (json.dumps(list(range(90))),))
                db.conn.upsert_many("snapshots", ("account_id", "taken_on", "followers"), [r[:3] for r in rows],
                                    conflict, 2, {"source": "sheet:l'?.xlsx"})  # (a literal, in the statement)
                db.conn.upsert_many("snapshots", ("account_id", "taken_on", "source", "followers"),
                                    [(a, day, "api", n) for a, day, n, _ in rows], conflict, 3,
                                    {"engagement_rate": 0.5})  # (a float: bound with every row)
                db.conn.insert_many("stage_events", ("account_id", "stage", "note"),
                                    [(a, "contacted", note) for a, _, _, note in rows],
                                    {"campaign_id": db.campaign(writable=True)["id"], "on_date": None,
                                     "recorded_at": "2026-03-01T00:00:00Z", "source": "sheet"})

            db.write(write)
            raw.set_trace_callback(None)
            dumps[name] = (dump(db, "snapshots"), dump(db, "stage_events"))
    assert dumps["seven"] == dumps["one"] and dumps["limited"] == dumps["one"]
    snapshots, events = dumps["seven"]
    assert len(snapshots) == 180 and len(events) == 250
    # each account's followers: its last row's that has some; one merge more for each of its later rows
    expected: dict[tuple[int, str, str], list[int | None]] = {}
    for source in ("sheet:l'?.xlsx", "api"):
        for a, day, n, _ in rows:
            expected.setdefault((a, day, source), []).append(n)
    assert {(s["account_id"], s["taken_on"], s["source"]): (s["followers"], s["relative"]) for s in snapshots} == {
        key: (next((n for n in reversed(seen) if n is not None), None), len(seen) - 1) for key, seen in expected.items()}
    inserts = {per: [s for s in found if s.startswith("INSERT INTO snapshots") or s.startswith("INSERT INTO stage")]
               for per, found in executed.items()}
    assert len(inserts["one"]) == 750
    assert len(inserts["seven"]) == 3 * (250 // 7 + 250 % 7)  # 35 statements of 7 rows and 5 of one, three times
    assert len(inserts["limited"]) == (250 // 4 + 250 % 4) + 250 // 2 + (250 // 4 + 250 % 4)



def test_a_long_history_is_recorded_whole_on_both_backends(backend: str, tmp_path: Path) -> None:
    """A history of more points than COPY_UPSERT_MIN (PostgreSQL: copied, then one upsert; SQLite: many
    rows a statement) records every point with its marks, and imported again over a changed file the
    later values replace the earlier ones."""
    start = dt.date(2026, 1, 1)
    path = tmp_path / "daily.csv"

    def write(bump: int) -> dict[str, list[tuple[dt.date, int]]]:
        series = {f"acct{a:02d}": [(start + dt.timedelta(days=d), 10_000 * (a + 1) + 37 * d + bump)
                                   for d in range(60) if (a + d) % 11] for a in range(40)}
        path.write_text("date,platform,handle,followers\n" + "".join(
            f"{day},instagram,{handle},{value}\n" for handle, points in series.items() for day, value in points),
            encoding="utf-8")
        return series

    with Store(backend) as db:
        for bump in (0, 5):
            series = write(bump)
            assert sum(map(len, series.values())) > COPY_UPSERT_MIN
            import_history(db, str(path))
            for handle, points in series.items():
                account = db.account_id("instagram", handle)
                assert account is not None
                recorded = db.points(account)
                assert [(p["date"], p["value"]) for p in recorded] == points
                assert {(p["source"], p["rounded"], p["estimated"], p["relative"]) for p in recorded} == {
                    ("history:daily.csv", False, False, False)}
        assert db.one("SELECT COUNT(*) FROM provenance")[0] == 40


def test_postgresql_plans_an_import_for_the_rows_it_holds(pg_server: Any) -> None:
    """PostgreSQL: a chunk's keys read again and again are never a prepared statement (its plan for any
    values searches the keys one by one for each row), and a bulk write leaves the tables it filled
    analysed (the planner counts their rows, not the empty tables it last saw)."""
    with Store(pg_server.database()) as db:
        raw = db.conn.raw  # type: ignore[attr-defined]
        assert raw.execute("SELECT reltuples FROM pg_class WHERE relname='accounts'").fetchone()[0] < 0  # never analysed
        db.write(lambda: db.record_import(sheet(), on=dt.date(2026, 3, 1)), bulk=True)
        counted = dict(raw.execute("SELECT relname, reltuples FROM pg_class WHERE relname = ANY(%s)",
                                   (["accounts", "snapshots", "campaign_accounts", "provenance", "stage_events"],)))
        assert counted == {"accounts": N, "snapshots": N, "campaign_accounts": N, "provenance": N, "stage_events": N}
        ids = sorted(db.account_ids([("instagram", f"user{k}") for k in range(1, N, 2)]).values())
        for _ in range(8):  # (psycopg prepares a statement run five times)
            assert len(db.in_chunks("SELECT id FROM accounts WHERE id IN ({marks})", ids, (), 50)) == len(ids)
            db.change_in_chunks("UPDATE accounts SET last_seen=? WHERE id IN ({marks})", ids, ("2026-03-02",), 50)
        assert raw.execute("SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE '%%id IN%%'").fetchone()[0] == 0
        # five rows more: no table is analysed again (its counts are close enough); a whole list more is
        snapshots = "SELECT reltuples FROM pg_class WHERE relname='snapshots'"
        db.write(lambda: db.record_import(sheet(n=5), on=dt.date(2026, 3, 2)), bulk=True)
        assert raw.execute(snapshots).fetchone()[0] == N and db.one("SELECT COUNT(*) FROM snapshots")[0] == N + 5
        db.write(lambda: db.record_import(sheet(), on=dt.date(2026, 3, 3)), bulk=True)
        assert raw.execute(snapshots).fetchone()[0] == 2 * N + 5


def _small_steps(monkeypatch: pytest.MonkeyPatch, inside: int = 150, chunk: int = 100) -> None:
    """An import written in chunks of `chunk` rows, analysed inside its transaction from `inside` rows."""
    for name, value in (("pg_analyze_inside_rows", inside), ("record_chunk", chunk)):
        monkeypatch.setitem(STORE_SETTINGS, name, STORE_SETTINGS[name]._replace(value=value))


def test_postgresql_analyses_the_tables_an_import_is_filling(pg_server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Inside the import's transaction, once it has written `pg_analyze_inside_rows` rows into a table
    (then at each doubling), the table is analysed: the planner counts the rows the transaction wrote
    (not the empty table it last saw) while the import still reads its chunks' stored rows. Below the
    threshold, nothing is analysed inside the transaction."""
    _small_steps(monkeypatch)
    with Store(pg_server.database()) as db:
        raw = db.conn.raw  # type: ignore[attr-defined]
        counted: dict[str, float] = {}

        def record(n: int) -> None:
            db.record_import(sheet(n=n), on=dt.date(2026, 3, 1))
            counted.update(raw.execute("SELECT relname, reltuples FROM pg_class WHERE relname = ANY(%s)",
                                       (list(BULK_TABLES),)).fetchall())

        db.write(lambda: record(149), bulk=True)
        assert counted == dict.fromkeys(BULK_TABLES, -1.0)  # (never analysed inside: analysed after the commit)
    with Store(pg_server.database()) as db:
        raw = db.conn.raw  # type: ignore[attr-defined]
        db.write(lambda: record(N), bulk=True)
        assert N >= 4 * 150 and all(150 <= counted[t] <= N for t in BULK_TABLES), counted
        assert db.one("SELECT COUNT(*) FROM campaign_accounts")[0] == N


def test_postgresql_import_stands_when_its_analyze_cannot_run(pg_server: Any) -> None:
    """Another session holding the lock ANALYZE needs: the import is committed and returns at once (the
    table is skipped, its statistics left to autovacuum)."""
    import psycopg

    url = pg_server.database()
    with Store(url) as db:
        db.campaign(writable=True)
        with psycopg.connect(url, autocommit=True) as other:
            other.execute("BEGIN")
            other.execute("LOCK TABLE accounts IN SHARE UPDATE EXCLUSIVE MODE")  # (what ANALYZE takes)
            started = time.monotonic()
            counts = db.write(lambda: db.record_import(sheet(), on=dt.date(2026, 3, 1)), bulk=True)
            assert time.monotonic() - started < 10  # (not the 30 s lock timeout: the table is skipped)
            other.execute("ROLLBACK")
        assert counts["accounts"] == N
        assert db.one("SELECT COUNT(*) FROM accounts")[0] == N
        assert db.conn.raw.execute(  # type: ignore[attr-defined]
            "SELECT reltuples FROM pg_class WHERE relname='accounts'").fetchone()[0] < 0  # not analysed


def test_postgresql_import_goes_on_when_an_analyze_inside_it_fails(pg_server: Any,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Inside the import: a table another session holds locked is skipped, and an ANALYZE that fails is
    undone alone (its savepoint); the import is committed whole either way."""
    import psycopg

    from influkit.store.connection import PostgresConnection

    _small_steps(monkeypatch)
    url = pg_server.database()
    with Store(url) as db:
        db.campaign(writable=True)
        with psycopg.connect(url, autocommit=True) as other:
            other.execute("BEGIN")
            other.execute("LOCK TABLE accounts IN SHARE UPDATE EXCLUSIVE MODE")
            started = time.monotonic()
            counts = db.write(lambda: db.record_import(sheet(), on=dt.date(2026, 3, 1)), bulk=True)
            assert time.monotonic() - started < 10
            other.execute("ROLLBACK")
        assert counts["accounts"] == N and db.one("SELECT COUNT(*) FROM snapshots")[0] == N
    real = PostgresConnection._grown

    def failing(self: PostgresConnection, table: str, rows: int) -> None:
        execute = self.raw.execute

        def refuse(sql: Any, *args: Any, **kwargs: Any) -> Any:
            if str(sql).startswith("ANALYZE"):
                return execute("SELECT 1/0")  # (an error inside the transaction)
            return execute(sql, *args, **kwargs)

        self.raw.execute = refuse  # type: ignore[method-assign,assignment]
        try:
            real(self, table, rows)
        finally:
            self.raw.execute = execute  # type: ignore[method-assign]

    monkeypatch.setattr(PostgresConnection, "_grown", failing)
    with Store(pg_server.database()) as db:
        counts = db.write(lambda: db.record_import(sheet(), on=dt.date(2026, 3, 1)), bulk=True)
        assert counts["accounts"] == N
        assert db.one("SELECT COUNT(*) FROM stage_events")[0] == db.one("SELECT COUNT(*) FROM campaign_accounts")[0] == N


def test_postgresql_new_accounts_get_their_ids_from_their_insert(pg_server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL: a chunk's new accounts (COPY_UPSERT_MIN or more) are inserted with `RETURNING`, so
    their ids are not read back by key; every row's id is the stored account's, new or already there."""
    from influkit.store import Store as StoreClass

    asked: list[int] = []
    real = StoreClass.account_ids

    def counted(self: Store, keys: Any, *, scan: bool = True) -> dict[tuple[str, str], int]:
        keys = list(keys)
        asked.append(len(keys))
        return real(self, keys, scan=scan)

    with Store(pg_server.database()) as db:
        db.write(lambda: db.record_import(sheet(n=300), on=dt.date(2026, 3, 1)), bulk=True)
        monkeypatch.setattr(StoreClass, "account_ids", counted)
        table = sheet(n=COPY_UPSERT_MIN + 1500)
        row_ids: list[int | None] = []
        counts = db.write(lambda: db.record_import(table, on=dt.date(2026, 3, 2), row_ids=row_ids), bulk=True)
        assert counts["accounts"] == len(table) and asked == []
        stored = {(p, h): i for i, p, h in db.conn.raw.execute(  # type: ignore[attr-defined]
            "SELECT id, platform, handle FROM accounts").fetchall()}
        assert len(stored) == len(table)
        assert row_ids == [stored[(p, h)] for p, h in zip(table.get("platform"), table.get("handle"), strict=True)]
