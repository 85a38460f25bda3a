"""A campaign's saved list in `list_chunks` (schema v5, issue #14): the v4 -> v5 migration of lists kept
one row per position, the `list_rows` accessor, and the chunk encoding (by column since schema v6; the
chunks of rows saved before still read), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
from pathlib import Path
from typing import Any

import orjson

from influkit.store import MIGRATIONS, Store
from influkit.store.connection import connect
from influkit.store.lists import LIST_CHUNK, chunk_json, column_json, decode_chunk, decode_row
from influkit.store.migrations import run_script
from influkit.table import Table

COLUMNS = ["creator", "platform", "handle", "followers", "stage", "contacted_on", "notes", "score"]
N = 2 * LIST_CHUNK + 345  # three chunks, the last one short
ODD_HANDLES = {5: 'say "hi"', 6: "back\\slash", 7: "éloïse", 8: "12345", 9: "user1"}


def _row_json(row: tuple[Any, ...]) -> str:
    """One list row as influkit <= v5 saved it: a JSON array (orjson; the standard encoder for what
    orjson refuses)."""
    try:
        return orjson.dumps(row, default=str).decode()
    except (TypeError, orjson.JSONEncodeError):
        return json.dumps(row, ensure_ascii=False, default=str)


def _old_rows() -> list[str]:
    """The list as influkit <= v4 saved it: one JSON text per row (`_row_json`, unchanged), with a row of
    an older list (a JSON object) and one the standard encoder wrote (a 65-bit integer and a NaN)."""
    texts = []
    for k in range(N):
        handle = ODD_HANDLES.get(k, f"user{k:05d}")
        row: tuple[Any, ...] = (f"Créatrice {k}", ("instagram", "tiktok")[k % 2], handle, 1000 + k,
                                "contacted" if k % 3 else None, dt.date(2026, 1, 1 + k % 28) if k % 3 else None,
                                None if k % 5 else "Relancer", float(k % 97))
        texts.append(_row_json(row))
    texts[3] = json.dumps({"platform": "instagram", "handle": "objet", "followers": 42, "stage": "deal"})
    texts[4] = json.dumps(["Grand", "youtube", "grand", 2 ** 65, None, None, None, math.nan], ensure_ascii=False)
    return texts


def _v4_workspace(target: str, texts: list[str]) -> None:
    """A schema v4 workspace (migrations 1 to 4 as they are) whose two campaigns' lists are `list_rows`
    rows, one per position, as the v4 `save_list` wrote them."""
    conn = connect(target, timeout=5, lock_timeout_ms=5000)
    for version, step in enumerate(MIGRATIONS[:4], 1):
        conn.begin()
        if isinstance(step, str):
            run_script(conn, step)
        else:
            step(conn)
        conn.set_schema_version(version)
        conn.commit()
    conn.begin()
    conn.execute("INSERT INTO campaigns(id, name, is_default, legal_basis, created_at) "
                 "VALUES (2, 'autumn', 0, 'x', '2026-01-01')")
    conn.execute("INSERT INTO accounts(id, platform, handle, first_seen, last_seen) "
                 "VALUES (1, 'instagram', 'user00010', '2026-01-05', '2026-03-01')")
    conn.execute("INSERT INTO snapshots(account_id, taken_on, source, followers) VALUES (1, '2026-01-05', 'sheet', 1000)")
    conn.executemany("INSERT INTO list_rows(campaign_id, position, row) VALUES (?,?,?)",
                     [(1, k, text) for k, text in enumerate(texts)] + [(2, k, text) for k, text in enumerate(texts[:7])])
    meta = {"columns": COLUMNS, "source": "old.xlsx", "sheet": None, "source_rows": list(range(2, N + 2)),
            "extra_columns": [], "mapped": {"stage": "Statut"}, "saved_at": "2026-03-01T10:00:00+00:00"}
    conn.executemany("INSERT INTO list_meta(campaign_id, key, value) VALUES (?,?,?)",
                     [(1, k, json.dumps(v)) for k, v in meta.items()] + [(2, "columns", json.dumps(COLUMNS))])
    conn.commit()
    conn.reset_identity("accounts")
    conn.reset_identity("campaigns")
    conn.close()


def _same(a: Any, b: Any) -> bool:
    """Equal, NaN equal to NaN."""
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


def test_a_v4_workspace_keeps_its_lists_in_chunks(backend: str) -> None:
    texts = _old_rows()
    expected = [decode_row(text, COLUMNS) for text in texts]  # how v4 read each row
    assert expected[4]["followers"] == 2 ** 65 and math.isnan(expected[4]["score"]) and "stage" not in expected[0]
    _v4_workspace(backend, texts)
    with Store(backend) as store:
        assert store.version == len(MIGRATIONS) == 7
        tables = set(store.conn.tables())
        assert "list_chunks" in tables and "list_rows" not in tables
        chunks = store.conn.tuples("SELECT campaign_id, first_position, row_count FROM list_chunks "
                                   "ORDER BY campaign_id, first_position")
        assert chunks == [(1, 0, 1000), (1, 1000, 1000), (1, 2000, 345), (2, 0, 7)]
        assert _same(store.list_rows(1), list(enumerate(expected)))
        assert _same(store.list_rows(2), list(enumerate(expected[:7])))
        many = {str(r["handle"]) for r in expected[::40] if r.get("handle")} | {"nobody"}
        assert len(many) > 20 and _same(store.list_rows(1, handles=many),
                                        [(k, r) for k, r in enumerate(expected) if r.get("handle") in many])
        listed = store.load_list(1)
        assert listed.get("handle")[:10] == [f"user{k:05d}" for k in range(3)] + ["objet", "grand", *ODD_HANDLES.values()]
        assert listed.get("contacted_on")[1] == dt.date(2026, 1, 2) and listed.source_rows == list(range(2, N + 2))
        saved = [r for _, r in store.list_rows(1)]  # (the object row's fields beyond the columns: not in the table)
        assert all(repr(listed.get(c)) == repr([r.get(c) for r in saved]) for c in COLUMNS if c != "contacted_on")
        assert listed.columns == COLUMNS
        assert store.campaign_counts(1)["list_rows"] == N and store.campaign_counts(2)["list_rows"] == 7
        assert store.series(1) == [(dt.date(2026, 1, 5), 1000, "sheet")]  # snapshots read without the old index
        if store.dialect == "sqlite":
            indexes = {r[0] for r in store.rows("SELECT name FROM sqlite_master WHERE type='index'")}
        else:
            indexes = {r[0] for r in store.rows("SELECT indexname FROM pg_indexes WHERE schemaname=current_schema()")}
        assert "snapshots_account_day" not in indexes and "stage_events_campaign" in indexes
        # forgetting an account takes its row out of both lists; the other rows stay as saved
        forgotten = store.forget_accounts([dict(r) for r in store.rows("SELECT * FROM accounts")])
        assert forgotten["list_rows"] == 1
        rest = expected[:10] + expected[11:]
        assert _same([r for _, r in store.list_rows(1)], rest)
        assert store.list_meta(1)["source_rows"] == [r for r in range(2, N + 2) if r != 12]
        assert [n for (n,) in store.conn.tuples(
            "SELECT row_count FROM list_chunks WHERE campaign_id=1 ORDER BY first_position")] == [1000, 1000, 344]
    with Store(backend) as store:  # opened again: nothing left to migrate
        assert store.version == 7 and len(store.list_rows(1)) == N - 1


def _table(n: int) -> Table:
    table = Table(source="sheet.xlsx")
    table.data = {
        "platform": ["instagram"] * n,
        "handle": [ODD_HANDLES.get(k, f"user{k:05d}") for k in range(n)],
        "followers": [2 ** 70 if k == 1500 else 100 + k for k in range(n)],
        "engagement_rate": [math.nan if k == 1500 else 0.01 for k in range(n)],
        "contacted_on": [dt.date(2026, 2, 1) if k % 2 else None for k in range(n)],
        "stage": ["contacted" if k % 2 else None for k in range(n)],
    }
    table.source_rows = list(range(2, n + 2))
    return table


def test_list_rows_reads_positions_and_a_few_handles_rows(backend: str) -> None:
    table = _table(N)
    with Store(backend) as store:
        store.save_list(table)
        cid = int(store.campaign()["id"])
        every = store.list_rows(cid)
        assert [p for p, _ in every] == list(range(N))
        assert every[2] == (2, {"platform": "instagram", "handle": "user00002", "followers": 102,
                                "engagement_rate": 0.01})
        assert every[3][1]["contacted_on"] == "2026-02-01" and every[3][1]["stage"] == "contacted"
        # a column orjson could not take (a 70-bit integer) was written by the standard encoder; NaN is null
        assert every[1500][1]["followers"] == 2 ** 70 and "engagement_rate" not in every[1500][1]
        for handles, positions in (({"user02300"}, [2300]), ({"user1", "user00001"}, [1, 9]),
                                   (set(ODD_HANDLES.values()), sorted(ODD_HANDLES)), ({"nobody"}, []), (set(), []),
                                   ({"12345", "user02344"}, [8, 2344]),
                                   # more handles than are searched for as text: every chunk decoded
                                   ({*ODD_HANDLES.values(), *(f"user{k:05d}" for k in range(10, N, 50)), "nobody"},
                                    sorted([*ODD_HANDLES, *range(10, N, 50)]))):
            found = store.list_rows(cid, handles=handles)
            assert [p for p, _ in found] == positions, handles
            assert all(row == every[p][1] for p, row in found)
        assert store.list_rows(cid, ["platform", "handle"])[0] == (0, {"platform": "instagram", "handle": "user00000"})
        assert store.campaign_counts(cid)["list_rows"] == N
        store.save_list(_table(3))  # a shorter list replaces every chunk
        assert [p for p, _ in store.list_rows(cid)] == [0, 1, 2]
        assert store.conn.tuples("SELECT COUNT(*) FROM list_chunks")[0][0] == 1


def test_a_chunk_keeps_each_column_as_one_json_array() -> None:
    columns = ["creator", "followers", "rate", "seen", "at", "signed", "notes"]
    big = 2 ** 70 + 1  # (no float is this integer)
    values: list[list[Any]] = [
        ["Léa", "Bob", None], [1, big, None], [1.5, math.nan, None], [dt.date(2026, 1, 2), None, None],
        [dt.datetime(2026, 1, 2, 10, 30), None, None], [True, False, None], ['say "hi"', "back\\slash", None]]
    text = chunk_json(values, 3)
    assert json.loads(text) == {"exact": 1, "rows": 3, "by_column": [json.loads(column_json(v)) for v in values]}
    assert column_json(values[0]) == '["Léa","Bob",null]'  # (a non-ASCII column: the standard encoder)
    assert column_json(values[1]) == f"[1,{big},null]"  # (beyond 64 bits: the standard encoder)
    assert column_json(values[2]) == "[1.5,null,null]"  # (orjson, as lists were saved before: NaN is null)
    assert column_json(values[4]) == '["2026-01-02T10:30:00",null,null]'
    assert column_json([1.5, math.nan, math.inf, "é"]) == '[1.5,null,null,"é"]'  # (the standard encoder's too)
    decoded = decode_chunk(text, columns)
    assert decoded == [
        {"creator": "Léa", "followers": 1, "rate": 1.5, "seen": "2026-01-02", "at": "2026-01-02T10:30:00",
         "signed": True, "notes": 'say "hi"'},
        {"creator": "Bob", "followers": big, "signed": False, "notes": "back\\slash"},
        {}]
    assert type(decoded[1]["followers"]) is int  # read exactly: the chunk says so ({"exact": 1, ...})
    assert decode_chunk(chunk_json([["é", 2 ** 64]], 2), ["x"])[1]["x"] == 2 ** 64  # (in a non-ASCII column too)
    plain = chunk_json([values[0], [1, 2, 3]], 3)
    assert plain.startswith('{"rows":3,') and decode_chunk(plain, columns)[2] == {"followers": 3}
    assert decode_chunk(chunk_json([], 2), []) == [{}, {}]
    # a chunk saved before schema v6 (a JSON array of rows) reads the same
    kept = [values[0], values[2], values[3], values[5]]
    names = [columns[0], columns[2], columns[3], columns[5]]
    rows = list(zip(*kept, strict=True))
    assert decode_chunk("[" + ",".join(map(_row_json, rows)) + "]", names) == decode_chunk(chunk_json(kept, 3), names)


def test_forgetting_an_account_keeps_the_other_rows_of_a_list_saved_by_column(backend: str) -> None:
    table = _table(N)
    table.data["followers"][1500] = 2 ** 70 + 1
    table.data["creator"] = [f"Créatrice {k}" for k in range(N)]
    with Store(backend) as store:
        store.save_list(table)
        cid = int(store.campaign()["id"])
        before = store.list_rows(cid)
        assert before[1500][1]["followers"] == 2 ** 70 + 1 and before[10][1]["creator"] == "Créatrice 10"
        store.conn.execute("INSERT INTO accounts(platform, handle, first_seen, last_seen) "
                           "VALUES ('instagram', 'user00010', '2026-01-05', '2026-03-01')")
        assert store.forget_accounts([dict(r) for r in store.rows("SELECT * FROM accounts")])["list_rows"] == 1
        after = store.list_rows(cid)
        assert [r for _, r in after] == [r for p, r in before if p != 10]
        assert type(after[1499][1]["followers"]) is int  # (the row after the one forgotten moved up)


def test_the_sqlite_workspace_keeps_its_journal_and_sync_settings(tmp_path: Path) -> None:
    target = str(tmp_path / "ws.db")
    with Store(target) as store:
        store.save_list(_table(10))
        assert store.one("PRAGMA journal_mode")[0] == "wal" and store.one("PRAGMA synchronous")[0] == 1  # NORMAL
    with sqlite3.connect(target) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def _bulk_writes(store: Store, upsert: Any, update: Any) -> list[list[tuple[Any, ...]]]:
    """Accounts and snapshots written in batches of 1,500 rows with `upsert` and `update`, as the store
    reads them back."""
    n = 1500
    accounts = "ON CONFLICT(platform, handle) DO UPDATE SET creator=COALESCE(excluded.creator, accounts.creator), " \
               "last_seen=MAX(accounts.last_seen, excluded.last_seen)"
    columns = ("platform", "handle", "creator", "profile_url", "first_seen", "last_seen")
    upsert(store.conn, "accounts", columns, [("instagram", f"u{k}", f"C{k}", None, "2026-01-01", "2026-01-01")
                                             for k in range(n)], accounts, 2)
    upsert(store.conn, "accounts", columns, [("instagram", f"u{k}", None if k % 2 else "D", "x", "2026-02-01",
                                              "2026-02-01") for k in range(500, n + 500)], accounts, 2)
    ids = [int(r[0]) for r in store.conn.tuples("SELECT id FROM accounts ORDER BY id")]
    update(store.conn, "accounts", ("creator", "last_seen"), [(f"E{k}", "2026-03-01", a) for k, a in enumerate(ids)
                                                              if k % 2 == 0], "id")
    ids = ids[:n]
    snapshots = "ON CONFLICT(account_id, taken_on, source) DO UPDATE SET " + ", ".join(
        f"{f}=COALESCE(excluded.{f}, snapshots.{f})" for f in ("followers", "avg_likes", "engagement_rate"))
    columns = ("account_id", "taken_on", "source", "followers", "avg_likes", "engagement_rate")
    upsert(store.conn, "snapshots", columns, [(a, "2026-03-01", "sheet", 10 * k, k / 3, math.nan if k % 7 else 0.5)
                                              for k, a in enumerate(ids)], snapshots, 3)
    upsert(store.conn, "snapshots", columns, [(a, "2026-03-01", "sheet", None if k % 3 else k, None, 0.25)
                                              for k, a in enumerate(ids)], snapshots, 3)
    # a float in an integer column (rounded by the server), then one key twice: one statement per row
    upsert(store.conn, "snapshots", columns, [(a, "2026-03-02", "sheet", k + 0.4, 1, 2) for k, a in enumerate(ids)],
           snapshots, 3)
    upsert(store.conn, "snapshots", columns, [(ids[0], "2026-03-03", "sheet", k, None, None) for k in range(n)],
           snapshots, 3)
    # (the ids an identity gives are not rolled back on PostgreSQL: rows are compared by handle)
    return [store.conn.tuples("SELECT platform, handle, creator, profile_url, first_seen, last_seen FROM accounts "
                              "ORDER BY handle"),
            store.conn.tuples("SELECT a.handle, s.taken_on, s.source, s.followers, s.avg_likes, s.engagement_rate "
                              "FROM snapshots s JOIN accounts a ON a.id=s.account_id ORDER BY 1, 2, 3")]


def test_upserts_and_updates_of_many_rows_match_one_statement_per_row(backend: str) -> None:
    from influkit.store.connection import Connection

    with Store(backend) as store:
        with store.rolled_back():
            bulk = _bulk_writes(store, type(store.conn).upsert_many, type(store.conn).update_many)
        if store.dialect == "postgresql":  # through COPY: 2 + 1 + 2 batches; the last two could not
            assert vars(store.conn)["_staged"] == 5
        with store.rolled_back():
            one_by_one = _bulk_writes(store, Connection.upsert_many, Connection.update_many)
    assert len(bulk[0]) == 2000 and len(bulk[1]) == 3001
    assert repr(bulk) == repr(one_by_one)  # NaN included


def test_a_saved_list_leaves_no_utf8_copy_in_its_texts(backend: str) -> None:
    """orjson and the database drivers leave the UTF-8 form of a non-ASCII text they are given in the
    text itself (sys.getsizeof shows it): a saved list's cells and the campaign fields written from
    them are given as copies, so the table's own texts stay their size (120 MB at 500k rows)."""
    import sys

    import orjson

    from influkit.api import _save_with_fields

    def text(k: int) -> str:
        return "".join(("Léa ", str(k), " — café"))  # made at run time: no constant

    control = text(0)
    before = sys.getsizeof(control)
    orjson.dumps([control])
    assert sys.getsizeof(control) > before  # the effect guarded against
    table = Table(source="prospects.xlsx", sheet="Prospects")
    table.source_rows = [2, 3]
    table.data = {"platform": ["instagram", "tiktok"], "handle": ["lea", "bob"], "creator": [text(1), "Bob"],
                  "reasons": [text(2), text(3)], "score": [1.5, 2.0]}
    sizes = [sys.getsizeof(v) for v in (*table.data["creator"], *table.data["reasons"])]
    with Store(backend) as db:
        cid = int(db.campaign()["id"])
        db.write(lambda: _save_with_fields(db, table, cid, {}, ("score", "reasons"), "score", "scores"))
        assert [sys.getsizeof(v) for v in (*table.data["creator"], *table.data["reasons"])] == sizes
        assert db.load_list().get("creator") == [text(1), "Bob"]
        assert {r[0] for r in db.conn.tuples("SELECT reasons FROM campaign_accounts")} == {text(2), text(3)}


def test_accounts_are_found_by_handle_many_at_once_as_one_at_a_time(backend: str) -> None:
    """`find_accounts_many` (`set -` of a list of handles): case-insensitive, a leading @ left out, on
    every platform, by id, across several chunks of handles; `find_accounts` is the same for one."""
    with Store(backend) as store:
        with store.transaction():
            for k in range(1200):
                store.conn.execute("INSERT INTO accounts(platform, handle, first_seen, last_seen) VALUES (?,?,?,?)",
                                   ("instagram", f"user{k:05d}", "2026-01-01", "2026-01-01"))
            for platform, handle in (("tiktok", "user00007"), ("youtube", "ÉLISE"), ("instagram", "Lea.Martin")):
                store.conn.execute("INSERT INTO accounts(platform, handle, first_seen, last_seen) VALUES (?,?,?,?)",
                                   (platform, handle, "2026-01-01", "2026-01-01"))
        asked = [f"USER{k:05d}" for k in range(0, 1200, 2)] + ["@user00007", "ÉLISE", "lea.martin", "nobody"]
        found = store.find_accounts_many(asked)
        assert list(found) == asked
        assert [r["handle"] for r in found["USER00010"]] == ["user00010"]
        assert [(r["platform"], r["handle"]) for r in found["@user00007"]] == [
            ("instagram", "user00007"), ("tiktok", "user00007")]
        assert [r["handle"] for r in found["ÉLISE"]] == ["ÉLISE"]
        assert [r["handle"] for r in found["lea.martin"]] == ["Lea.Martin"] and found["nobody"] == []
        assert all(len(found[h]) == 1 for h in asked[:600])
        assert [r["platform"] for r in store.find_accounts("@User00007", "tiktok")] == ["tiktok"]
        assert [dict(r) for r in store.find_accounts("user00007")] == [dict(r) for r in found["@user00007"]]


def test_a_loaded_list_shares_its_repeated_values_and_tells_its_progress(backend: str) -> None:
    """`load_list` builds the table column by column (no dict per row): a text or a whole number repeated
    down a column is one object (a decoder makes one per cell: a 500k-row list took 2.4 GB), a column
    mixing 1 and 1.0 or True keeps each cell's own type, the campaign's stage laid over the rows is shared
    too, and the loading is a progress step counting the list's rows (a 300k-row list sat 10 s silent)."""
    from influkit import progress

    n = N
    table = Table(source="prospects.xlsx", sheet="Prospects")
    table.source_rows = list(range(2, n + 2))
    table.data = {
        "platform": ["".join(("insta", "gram")) if k % 2 else "".join(("tik", "tok")) for k in range(n)],
        "handle": [f"user{k:05d}" for k in range(n)],
        "followers": [int(f"{1000 + k % 7}") for k in range(n)],  # (made at run time: no shared constant)
        "stage": ["contacted" if k % 3 else None for k in range(n)],
        "mixed": [(1, 1.0, True, 0.0, -0.0)[k % 5] for k in range(n)],
        "er": [k / 7 for k in range(n)],
    }
    events: list[dict[str, Any]] = []
    with Store(backend) as db:
        db.record_import(table, save=True)
        with progress.reporting(events.append):
            loaded = db.load_list()
    assert len(loaded) == n and loaded.get("handle") == table.data["handle"]
    platforms, followers, stages = loaded.get("platform"), loaded.get("followers"), loaded.get("stage")
    assert platforms == table.data["platform"] and followers == table.data["followers"]
    assert platforms[1] is platforms[n - 2] and platforms[0] is platforms[n - 1]  # (N is odd)
    assert followers[0] is followers[7 * (n // 7 - 1)] and type(followers[0]) is int
    assert stages == table.data["stage"] and stages[1] is stages[n - 1]
    assert [repr(v) for v in loaded.get("mixed")] == [repr(v) for v in table.data["mixed"]]  # 1, 1.0, True, -0.0
    assert loaded.get("er") == table.data["er"]
    told = [e for e in events if e.get("step") == "workspace: list"]
    assert told[0]["total"] == n and told[0]["unit"] == "rows"
    assert max(e.get("done", 0) for e in told) == n and told[-1].get("finished")


def test_a_loaded_list_lays_the_campaign_over_every_row_of_an_account_and_appends_the_others(backend: str) -> None:
    """The campaign's fields set by hand are laid over each row of the account (one listed twice: both
    rows), a stage set since clears the team's word for the old one, and an account set by hand that the
    list lacks is appended with its numbers (source row 0), as `load_list` always did, column by column."""
    table = Table(source="prospects.xlsx", sheet="Prospects")
    table.source_rows = [2, 3, 4]
    table.data = {"platform": ["instagram", "tiktok", "instagram"], "handle": ["lea", "bob", "lea"],
                  "stage": ["contacted", "contacted", "contacted"], "stage_said": ["Relancé", "Relancé", "Relancé"],
                  "followers": [1200, 800, 1200]}
    other = Table(source="other.csv")
    other.source_rows = [2]
    other.data = {"platform": ["youtube"], "handle": ["zoe"], "followers": [5000], "creator": ["Zoé"]}
    with Store(backend) as db:
        db.record_import(table, save=True)
        cid = int(db.campaign()["id"])
        db.record_import(other, save=False, campaign_id=int(db.create_campaign("autre")["id"]))
        lea, zoe = db.account_id("instagram", "lea"), db.account_id("youtube", "zoe")
        assert lea is not None and zoe is not None
        db.set_campaign_fields(cid, [(lea, {"stage": "deal", "owner": "Camille"}),
                                     (zoe, {"stage": "contacted", "notes": "vue au salon"})], source="set")
        loaded = db.load_list()
    assert loaded.get("handle") == ["lea", "bob", "lea", "zoe"] and loaded.source_rows == [2, 3, 4, 0]
    assert loaded.get("stage") == ["deal", "contacted", "deal", "contacted"]
    assert loaded.get("stage_said") == [None, "Relancé", None, None]
    assert loaded.get("owner") == ["Camille", None, "Camille", None]
    assert loaded.get("notes") == [None, None, None, "vue au salon"]
    assert loaded.get("followers") == [1200, 800, 1200, 5000] and loaded.get("creator")[3] == "Zoé"
    assert loaded.meta["accounts_not_in_list"] == 1


def test_a_loaded_list_leaves_the_columns_a_command_makes_again_empty_in_their_place(backend: str) -> None:
    """`load_list(replaced=...)`: columns the caller makes again whole (`score`'s scores and reasons) keep
    their place in the table but are not read (a 500k-row scored list's reasons: 280 MB); the others are."""
    table = Table(source="prospects.xlsx", sheet="Prospects")
    table.source_rows = list(range(2, N + 2))
    table.data = {"platform": ["instagram"] * N, "handle": [f"user{k:05d}" for k in range(N)],
                  "reasons": [f"raison {k}" for k in range(N)], "score": [k % 100 for k in range(N)],
                  "notes": ["à relancer"] * N}
    with Store(backend) as db:
        db.record_import(table, save=True)
        whole, skipped = db.load_list(), db.load_list(replaced=("reasons", "score", "rank"))
    assert whole.columns == skipped.columns and {"reasons", "score", "notes"} <= set(whole.columns)
    assert whole.get("reasons") == table.data["reasons"] and whole.get("score") == table.data["score"]
    assert skipped.get("reasons") == [None] * N and skipped.get("score") == [None] * N
    assert skipped.get("notes") == table.data["notes"] and skipped.get("handle") == table.data["handle"]


def test_a_loaded_list_reads_only_the_columns_its_caller_reads(backend: str) -> None:
    """`load_list(reads=...)` (the funnel without FILE): the columns `reads` says no to keep their place
    but are not read, except the rows' keys and what the campaign's fields are compared with; the
    campaign's fields are still laid over the columns that are read."""
    table = Table(source="prospects.xlsx", sheet="Prospects")
    table.source_rows = list(range(2, N + 2))
    table.data = {"platform": ["instagram"] * N, "handle": [f"user{k:05d}" for k in range(N)],
                  "stage": ["contacted"] * N, "price_quoted": [100.0] * N, "owner": ["Camille"] * N,
                  "reasons": [f"raison {k}" for k in range(N)], "Campagne": ["Noël"] * N}
    with Store(backend) as db:
        db.record_import(table, save=True)
        moved = db.account_id("instagram", "user00003")
        assert moved is not None
        db.set_campaign_fields(int(db.campaign()["id"]), [(moved, {"stage": "deal"})], source="set")
        few = db.load_list(reads=lambda c: c in ("stage", "Campagne"))
    assert set(table.data) <= set(few.data)  # (every column in its place)
    assert few.get("reasons") == [None] * N and few.get("owner") == [None] * N  # not read
    assert few.get("Campagne") == ["Noël"] * N and few.get("handle") == table.data["handle"]
    assert few.get("platform") == table.data["platform"] and few.get("price_quoted") == [100.0] * N
    assert few.get("stage") == ["contacted"] * 3 + ["deal"] + ["contacted"] * (N - 4)
