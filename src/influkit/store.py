"""The workspace database: a real SQLite file (`./.influkit/influkit.db` by default).

It keeps what a sheet forgets: every account seen, a dated snapshot of its numbers per import or
fetch, its posts, its stage changes, the API cache and the workspace's current list (the last
enriched table, so `score` and `funnel` work without a FILE).

- Schema versioned by `PRAGMA user_version` with forward-only migrations (`MIGRATIONS`).
- WAL journal, foreign keys on; every write runs in one transaction, so a killed run leaves the
  database as it was before that write.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .clock import today, utcnow
from .errors import InfluError
from .table import Table, jsonable
from .workspace import default_path

CACHE_CHUNK = 500  # keys per `key IN (...)` query of the API cache
SNAPSHOT_FIELDS = ("followers", "following", "posts", "avg_likes", "avg_comments", "avg_views",
                   "avg_shares", "engagement_rate")

MIGRATIONS: tuple[str, ...] = (
    # 1: accounts, snapshots, posts, stage events, API cache, current list
    """
    CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        handle TEXT NOT NULL,
        creator TEXT,
        profile_url TEXT,
        external_id TEXT,              -- e.g. a YouTube channel id once resolved
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        last_stage TEXT,
        UNIQUE (platform, handle)
    );
    CREATE TABLE snapshots (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        taken_on TEXT NOT NULL,        -- ISO date
        source TEXT NOT NULL,          -- sheet, youtube, instagram, history:<file>, ...
        followers INTEGER, following INTEGER, posts INTEGER,
        avg_likes REAL, avg_comments REAL, avg_views REAL, avg_shares REAL,
        engagement_rate REAL,
        rounded INTEGER NOT NULL DEFAULT 0,  -- 1 when the platform rounds the count (YouTube)
        estimated INTEGER NOT NULL DEFAULT 0, -- 1 when the source says the value is estimated
        PRIMARY KEY (account_id, taken_on, source)
    );
    CREATE TABLE posts (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        post_id TEXT NOT NULL,
        published_at TEXT,
        media_type TEXT,
        views INTEGER, likes INTEGER, comments INTEGER, shares INTEGER,
        caption TEXT, permalink TEXT,
        source TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (account_id, post_id)
    );
    CREATE TABLE stage_events (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        stage TEXT NOT NULL,
        on_date TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        source TEXT NOT NULL
    );
    CREATE INDEX stage_events_account ON stage_events(account_id, on_date);
    CREATE TABLE api_cache (
        provider TEXT NOT NULL,
        key TEXT NOT NULL,
        fetched_at TEXT NOT NULL,      -- ISO timestamp, UTC
        payload TEXT NOT NULL,         -- JSON
        PRIMARY KEY (provider, key)
    );
    CREATE TABLE current_list (
        position INTEGER PRIMARY KEY,
        row TEXT NOT NULL              -- JSON object: the enriched row
    );
    CREATE TABLE list_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL            -- JSON
    );
    """,
    # 2: gains-only history (Social Blade weekly gains without a known total) is kept as a running
    # sum from 0, marked relative=1: differences are real, levels are not.
    """
    ALTER TABLE snapshots ADD COLUMN relative INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX snapshots_account_day ON snapshots(account_id, taken_on)
    """,
)


def source_rank(source: str) -> int:
    """Which source's value wins on a day when several recorded one (lowest first): a live fetch,
    then a history import, then the sheet."""
    if source in ("youtube", "instagram"):
        return 0
    return 1 if source.startswith("history:") else 2


class Store:
    """One workspace database. Use as a context manager or call `close()`."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise InfluError(f"cannot open the workspace database: {exc}", file=str(self.path)) from exc
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise InfluError(f"not a usable influkit database: {exc}", file=str(self.path)) from exc

    # ------------------------------------------------------------------------------------ basics

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @property
    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        current = self.version
        if current > len(MIGRATIONS):
            raise InfluError(
                f"database schema v{current} is newer than this influkit (v{len(MIGRATIONS)}): upgrade influkit",
                file=str(self.path))
        for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
            with self.transaction():
                for statement in filter(str.strip, script.split(";")):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version={number}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error (nested calls join the outer one)."""
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @contextmanager
    def rolled_back(self) -> Iterator[sqlite3.Connection]:
        """A transaction that is always rolled back: what the block wrote is seen inside it, then
        forgotten (a preview of a run that must not be recorded)."""
        if self.conn.in_transaction:
            raise RuntimeError("rolled_back() cannot run inside another transaction")
        self.conn.execute("BEGIN")
        try:
            yield self.conn
        finally:
            self.conn.execute("ROLLBACK")

    # ---------------------------------------------------------------------------------- accounts

    def account_id(self, platform: str, handle: str) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM accounts WHERE platform=? AND handle=?", (platform, handle)).fetchone()
        return int(row[0]) if row else None

    def upsert_account(
        self,
        platform: str,
        handle: str,
        *,
        creator: str | None = None,
        profile_url: str | None = None,
        external_id: str | None = None,
        seen_on: dt.date | None = None,
    ) -> int:
        day = (seen_on or today()).isoformat()
        self.conn.execute(
            """INSERT INTO accounts(platform, handle, creator, profile_url, external_id, first_seen, last_seen)
               VALUES (?,?,?,?,?,?,?)
               ON CONFLICT(platform, handle) DO UPDATE SET
                 creator=COALESCE(excluded.creator, creator),
                 profile_url=COALESCE(excluded.profile_url, profile_url),
                 external_id=COALESCE(excluded.external_id, external_id),
                 last_seen=MAX(last_seen, excluded.last_seen),
                 first_seen=MIN(first_seen, excluded.first_seen)""",
            (platform, handle, creator, profile_url, external_id, day, day),
        )
        account = self.account_id(platform, handle)
        assert account is not None
        return account

    def upsert_accounts(
        self, rows: Iterable[tuple[str, str, str | None]], *, seen_on: dt.date | None = None
    ) -> dict[tuple[str, str], int]:
        """`upsert_account` for many (platform, handle, external_id) in one executemany; returns
        {(platform, handle): id}."""
        day = (seen_on or today()).isoformat()
        rows = list(rows)
        if not rows:
            return {}
        self.conn.executemany(
            """INSERT INTO accounts(platform, handle, external_id, first_seen, last_seen) VALUES (?,?,?,?,?)
               ON CONFLICT(platform, handle) DO UPDATE SET
                 external_id=COALESCE(excluded.external_id, external_id),
                 last_seen=MAX(last_seen, excluded.last_seen),
                 first_seen=MIN(first_seen, excluded.first_seen)""",
            ((platform, handle, external_id, day, day) for platform, handle, external_id in rows),
        )
        wanted = {(platform, handle) for platform, handle, _ in rows}
        ids: dict[tuple[str, str], int] = {}
        for platform in {p for p, _ in wanted}:
            handles = [h for p, h in wanted if p == platform]
            for start in range(0, len(handles), CACHE_CHUNK):
                chunk = handles[start:start + CACHE_CHUNK]
                for handle, account in self.conn.execute(
                        f"SELECT handle, id FROM accounts WHERE platform=? AND handle IN ({','.join('?' * len(chunk))})",
                        (platform, *chunk)):
                    ids[(platform, handle)] = int(account)
        return ids

    def accounts(self) -> list[sqlite3.Row]:
        return list(self.conn.execute("SELECT * FROM accounts ORDER BY id"))

    # --------------------------------------------------------------------------------- snapshots

    def add_snapshot(
        self,
        account_id: int,
        taken_on: dt.date,
        source: str,
        values: dict[str, Any],
        *,
        rounded: bool = False,
        estimated: bool = False,
        relative: bool = False,
    ) -> None:
        """Record (or replace) the numbers of an account on a day from a source. `relative` marks a
        running sum of gains whose level is unknown (see MIGRATIONS[1])."""
        fields = [f for f in SNAPSHOT_FIELDS if values.get(f) is not None]
        self.conn.execute(
            f"""INSERT INTO snapshots(account_id, taken_on, source, rounded, estimated, relative
                                      {''.join(', ' + f for f in fields)})
                VALUES (?,?,?,?,?,?{',?' * len(fields)})
                ON CONFLICT(account_id, taken_on, source) DO UPDATE SET
                  rounded=excluded.rounded, estimated=excluded.estimated, relative=excluded.relative
                  {''.join(f', {f}=excluded.{f}' for f in fields)}""",
            (account_id, taken_on.isoformat(), source, int(rounded), int(estimated), int(relative),
             *(values[f] for f in fields)),
        )

    def add_snapshots(
        self, rows: Iterable[tuple[int, dt.date, str, dict[str, Any], bool]]
    ) -> int:
        """`add_snapshot` for many (account_id, taken_on, source, values, rounded): one executemany per
        set of known fields (a field left None keeps the value already recorded that day)."""
        by_fields: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        n = 0
        for account_id, taken_on, source, values, rounded in rows:
            fields = tuple(f for f in SNAPSHOT_FIELDS if values.get(f) is not None)
            by_fields.setdefault(fields, []).append(
                (account_id, taken_on.isoformat(), source, int(rounded), *(values[f] for f in fields)))
            n += 1
        for fields, args in by_fields.items():
            self.conn.executemany(
                f"""INSERT INTO snapshots(account_id, taken_on, source, rounded, estimated, relative
                                          {''.join(', ' + f for f in fields)})
                    VALUES (?,?,?,?,0,0{',?' * len(fields)})
                    ON CONFLICT(account_id, taken_on, source) DO UPDATE SET
                      rounded=excluded.rounded, estimated=excluded.estimated, relative=excluded.relative
                      {''.join(f', {f}=excluded.{f}' for f in fields)}""",
                args,
            )
        return n

    def add_followers_series(
        self,
        account_id: int,
        points: Iterable[tuple[dt.date, int, bool]],
        source: str,
        *,
        rounded: bool = False,
        relative: bool = False,
    ) -> int:
        """Bulk-record a follower series: (date, followers, estimated) per point. Replaces the
        source's earlier points on those days (and, within `points`, a later point of the same day
        replaces an earlier one). Returns the number of points kept: one per day."""
        by_day = {day: (value, est) for day, value, est in points}
        rows = [(account_id, day.isoformat(), source, value, int(rounded), int(est), int(relative))
                for day, (value, est) in sorted(by_day.items())]
        self.conn.executemany(
            """INSERT INTO snapshots(account_id, taken_on, source, followers, rounded, estimated, relative)
               VALUES (?,?,?,?,?,?,?)
               ON CONFLICT(account_id, taken_on, source) DO UPDATE SET followers=excluded.followers,
                 rounded=excluded.rounded, estimated=excluded.estimated, relative=excluded.relative""",
            rows,
        )
        return len(rows)

    def points(self, account_id: int, field: str = "followers") -> list[dict[str, Any]]:
        """Every recorded value of a field, with its source and quality marks, oldest first:
        dicts with date, value, source, rounded, estimated, relative."""
        if field not in SNAPSHOT_FIELDS:
            raise ValueError(f"unknown snapshot field {field!r}")
        rows = self.conn.execute(
            f"""SELECT taken_on, {field} AS value, source, rounded, estimated, relative FROM snapshots
                WHERE account_id=? AND {field} IS NOT NULL ORDER BY taken_on, source""",
            (account_id,),
        ).fetchall()
        return [{"date": dt.date.fromisoformat(r["taken_on"]), "value": r["value"], "source": r["source"],
                 "rounded": bool(r["rounded"]), "estimated": bool(r["estimated"]),
                 "relative": bool(r["relative"])} for r in rows]

    def find_accounts(self, handle: str, platform: str | None = None) -> list[sqlite3.Row]:
        """Accounts with this handle (case-insensitive), on one platform or any."""
        sql = "SELECT * FROM accounts WHERE lower(handle)=lower(?)"
        args: list[Any] = [handle.lstrip("@")]
        if platform:
            sql += " AND platform=?"
            args.append(platform)
        return list(self.conn.execute(sql + " ORDER BY id", args))

    def series(self, account_id: int, field: str = "followers") -> list[tuple[dt.date, int | float, str]]:
        """(date, value, source) of an account's absolute values, one per day (by `source_rank`: a
        live fetch over a history import over the sheet), oldest first. Relative points (a running sum
        of gains whose level is unknown) are not values of the field: read them with `points()`;
        `influkit.followers.account_history` anchors them when a total is known."""
        if field not in SNAPSHOT_FIELDS:
            raise ValueError(f"unknown snapshot field {field!r}")
        rows = self.conn.execute(
            f"""SELECT taken_on, {field} AS value, source FROM snapshots
                WHERE account_id=? AND {field} IS NOT NULL AND relative=0 ORDER BY taken_on""",
            (account_id,),
        ).fetchall()
        out: dict[str, tuple[dt.date, int | float, str]] = {}
        for row in sorted(rows, key=lambda r: (r["taken_on"], source_rank(r["source"]))):
            out.setdefault(row["taken_on"], (dt.date.fromisoformat(row["taken_on"]), row["value"], row["source"]))
        return list(out.values())

    def relative_sources(self, account_id: int) -> list[str]:
        """Sources holding a relative follower series (gains without a known total) for the account."""
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT source FROM snapshots WHERE account_id=? AND relative=1 AND followers IS NOT NULL "
            "ORDER BY source", (account_id,))]

    def anchor_relative_series(self, account_id: int, source: str, offset: int) -> int:
        """Turn a source's relative follower series into totals: add `offset` (known total minus the
        running sum on the anchor's date) and clear the relative mark. Returns the points changed."""
        with self.transaction():
            cur = self.conn.execute(
                "UPDATE snapshots SET followers=followers+?, relative=0 "
                "WHERE account_id=? AND source=? AND relative=1 AND followers IS NOT NULL",
                (int(offset), account_id, source))
        return int(cur.rowcount)

    # ------------------------------------------------------------------------------------- posts

    def add_posts(self, account_id: int, posts: Iterable[dict[str, Any]], source: str) -> int:
        return self.add_posts_many([(account_id, posts, source)])

    def add_posts_many(self, batches: Iterable[tuple[int, Iterable[dict[str, Any]], str]]) -> int:
        """Record (or update) the posts of several accounts in one executemany: (account_id, posts,
        source) per account. Returns the number of posts."""
        now = utcnow()
        rows = [(account_id, str(p["post_id"]), p.get("published_at"), p.get("media_type"), p.get("views"),
                 p.get("likes"), p.get("comments"), p.get("shares"), p.get("caption"), p.get("permalink"),
                 source, now)
                for account_id, posts, source in batches for p in posts]
        if rows:
            self.conn.executemany(
                """INSERT INTO posts(account_id, post_id, published_at, media_type, views, likes, comments,
                                     shares, caption, permalink, source, fetched_at)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
                   ON CONFLICT(account_id, post_id) DO UPDATE SET
                     published_at=excluded.published_at, media_type=excluded.media_type, views=excluded.views,
                     likes=excluded.likes, comments=excluded.comments, shares=excluded.shares,
                     caption=excluded.caption, permalink=excluded.permalink, source=excluded.source,
                     fetched_at=excluded.fetched_at""",
                rows,
            )
        return len(rows)

    def posts(self, account_id: int, limit: int | None = None) -> list[sqlite3.Row]:
        sql = "SELECT * FROM posts WHERE account_id=? ORDER BY published_at DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return list(self.conn.execute(sql, (account_id,)))

    # ------------------------------------------------------------------------------ stage events

    def stage_events(self, account_id: int | None = None) -> list[sqlite3.Row]:
        if account_id is None:
            return list(self.conn.execute(
                """SELECT e.*, a.platform, a.handle FROM stage_events e JOIN accounts a ON a.id=e.account_id
                   ORDER BY e.account_id, e.on_date, e.id"""))
        return list(self.conn.execute(
            "SELECT * FROM stage_events WHERE account_id=? ORDER BY on_date, id", (account_id,)))

    # --------------------------------------------------------------------------------- API cache

    def cache_get(self, provider: str, key: str, max_age: dt.timedelta | None = None) -> Any | None:
        """A cached payload, or None when absent or older than max_age."""
        row = self.conn.execute(
            "SELECT fetched_at, payload FROM api_cache WHERE provider=? AND key=?", (provider, key)).fetchone()
        if row is None:
            return None
        if max_age is not None:
            fetched = dt.datetime.fromisoformat(row["fetched_at"])
            if dt.datetime.now(dt.UTC) - fetched > max_age:
                return None
        return json.loads(row["payload"])

    def cache_put(self, provider: str, key: str, payload: Any) -> None:
        self.cache_put_many(provider, [(key, payload)])

    def cache_entries(self, provider: str, keys: Iterable[str]) -> dict[str, tuple[dt.datetime, Any]]:
        """{key: (fetched_at, payload)} of the cached entries among `keys` (of any age), in queries of
        at most CACHE_CHUNK keys each (SQLite's limit on bound parameters is 999 in old builds)."""
        wanted = list(dict.fromkeys(keys))
        out: dict[str, tuple[dt.datetime, Any]] = {}
        loads = json.loads
        when = dt.datetime.fromisoformat
        for start in range(0, len(wanted), CACHE_CHUNK):
            chunk = wanted[start:start + CACHE_CHUNK]
            rows = self.conn.execute(
                f"SELECT key, fetched_at, payload FROM api_cache WHERE provider=? AND key IN ({','.join('?' * len(chunk))})",
                (provider, *chunk),
            ).fetchall()
            for key, fetched_at, payload in rows:
                out[key] = (when(fetched_at), loads(payload))
        return out

    def cache_get_many(self, provider: str, keys: Iterable[str],
                       max_age: dt.timedelta | None = None) -> dict[str, Any]:
        """{key: payload} of the cached entries among `keys` (absent and, with max_age, older ones are
        left out): `cache_get` for many keys in a few queries."""
        entries = self.cache_entries(provider, keys)
        if max_age is None:
            return {k: payload for k, (_, payload) in entries.items()}
        oldest = dt.datetime.now(dt.UTC) - max_age
        return {k: payload for k, (fetched, payload) in entries.items() if fetched >= oldest}

    def cache_put_many(self, provider: str, items: Iterable[tuple[str, Any]]) -> int:
        """Cache several (key, payload) pairs in one executemany and one transaction (joining the
        caller's, if any), all with the same fetch time. Returns the number of pairs."""
        now = utcnow()
        rows = [(provider, key, now, _dumps(payload)) for key, payload in items]
        if rows:
            with self.transaction():
                self.conn.executemany(
                    """INSERT INTO api_cache(provider, key, fetched_at, payload) VALUES (?,?,?,?)
                       ON CONFLICT(provider, key) DO UPDATE SET fetched_at=excluded.fetched_at,
                         payload=excluded.payload""",
                    rows,
                )
        return len(rows)

    # ------------------------------------------------------------------------------ current list

    def save_list(self, table: Table, meta: dict[str, Any] | None = None) -> None:
        """Replace the workspace's current list with this table (rows in order, all columns; empty
        cells are left out of each row's JSON and read back as empty)."""
        columns = table.columns
        values = [table.get(c) for c in columns]
        dumps = json.JSONEncoder(ensure_ascii=False, default=_json_default).encode
        with self.transaction():
            self.conn.execute("DELETE FROM current_list")
            self.conn.executemany(
                "INSERT INTO current_list(position, row) VALUES (?,?)",
                ((k, dumps({c: v[k] for c, v in zip(columns, values, strict=True) if v[k] is not None}))
                 for k in range(len(table))),
            )
            info = {
                "source": table.source, "sheet": table.sheet, "columns": columns,
                "extra_columns": table.extra_columns, "mapped": table.mapped,
                "source_rows": table.source_rows, "saved_at": utcnow(), **(meta or {}),
            }
            self.conn.executemany(
                "INSERT INTO list_meta(key, value) VALUES (?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                ((k, json.dumps(v, ensure_ascii=False, default=str)) for k, v in info.items()),
            )

    def list_meta(self) -> dict[str, Any]:
        return {r["key"]: json.loads(r["value"]) for r in self.conn.execute("SELECT key, value FROM list_meta")}

    def load_list(self) -> Table:
        """The current list as a Table (dates back as ISO strings parsed to dates for date columns)."""
        from .schema import BY_NAME

        meta = self.list_meta()
        if not meta:
            raise InfluError("the workspace has no list yet: run `influkit enrich FILE` first",
                             file=str(self.path))
        columns: list[str] = meta["columns"]
        rows = [json.loads(r[0]) for r in self.conn.execute("SELECT row FROM current_list ORDER BY position")]
        table = Table(source=meta.get("source", ""), sheet=meta.get("sheet"))
        table.source_rows = list(meta.get("source_rows") or range(2, len(rows) + 2))
        table.extra_columns = list(meta.get("extra_columns", []))
        table.mapped = dict(meta.get("mapped", {}))
        for c in columns:
            vals = [r.get(c) for r in rows]
            if c in BY_NAME and BY_NAME[c].kind == "date":
                vals = [dt.date.fromisoformat(v[:10]) if isinstance(v, str) and v else None for v in vals]
            table.data[c] = vals
        table.meta["from_store"] = str(self.path)
        return table

    # ---------------------------------------------------------------------------- one enrich run

    def record_import(
        self, table: Table, *, source: str = "sheet", on: dt.date | None = None, save: bool = True
    ) -> dict[str, int]:
        """Upsert the table's accounts, snapshot their numbers, record stage changes, and (with `save`)
        make the table the current list, all in one transaction. Returns counts for the summary.

        Batched (executemany, one query per step) so 100k rows take seconds, not minutes."""
        day = (on or today()).isoformat()
        counts = {"accounts": 0, "snapshots": 0, "stage_events": 0}
        cols = {f: table.get(f) for f in ("platform", "handle", "creator", "profile_url", "stage", *SNAPSHOT_FIELDS)}
        # a stage's date from the sheet when it has one (contacted_on for contacted, ...)
        stage_dates = {stage: table.get(f"{stage}_on") for stage in ("contacted", "replied", "published")}
        stage_dates["deal"] = table.get("deal_on")
        rows = [k for k in range(len(table)) if cols["platform"][k] and cols["handle"][k]]
        counts["accounts"] = len(rows)
        with self.transaction():
            self.conn.executemany(
                """INSERT INTO accounts(platform, handle, creator, profile_url, first_seen, last_seen)
                   VALUES (?,?,?,?,?,?)
                   ON CONFLICT(platform, handle) DO UPDATE SET
                     creator=COALESCE(excluded.creator, creator),
                     profile_url=COALESCE(excluded.profile_url, profile_url),
                     last_seen=MAX(last_seen, excluded.last_seen),
                     first_seen=MIN(first_seen, excluded.first_seen)""",
                ((cols["platform"][k], cols["handle"][k], cols["creator"][k], cols["profile_url"][k], day, day)
                 for k in rows),
            )
            ids: dict[tuple[str, str], tuple[int, str | None]] = {
                (r[0], r[1]): (r[2], r[3])
                for r in self.conn.execute("SELECT platform, handle, id, last_stage FROM accounts")
            }
            snapshots = []
            events = []
            last_stage: dict[int, str] = {}
            for k in rows:
                account, previous = ids[(cols["platform"][k], cols["handle"][k])]
                values = [cols[f][k] for f in SNAPSHOT_FIELDS]
                if any(v is not None for v in values):
                    snapshots.append((account, day, source, *values))
                stage = cols["stage"][k]
                if stage and last_stage.get(account, previous) != stage:
                    stage_day = stage_dates[stage][k] if stage in stage_dates else None
                    on_date = stage_day.isoformat() if isinstance(stage_day, dt.date) else day
                    events.append((account, stage, on_date, utcnow(), source))
                    last_stage[account] = stage
            fields = ", ".join(SNAPSHOT_FIELDS)
            self.conn.executemany(
                f"""INSERT INTO snapshots(account_id, taken_on, source, {fields})
                    VALUES (?,?,?{",?" * len(SNAPSHOT_FIELDS)})
                    ON CONFLICT(account_id, taken_on, source) DO UPDATE SET
                      {", ".join(f"{f}=COALESCE(excluded.{f}, {f})" for f in SNAPSHOT_FIELDS)}""",
                snapshots,  # a second sheet the same day fills in, never blanks, what the first recorded
            )
            self.conn.executemany(
                "INSERT INTO stage_events(account_id, stage, on_date, recorded_at, source) VALUES (?,?,?,?,?)",
                events,
            )
            self.conn.executemany("UPDATE accounts SET last_stage=? WHERE id=?",
                                  ((stage, account) for account, stage in last_stage.items()))
            counts["snapshots"] = len({(a, d, s) for a, d, s, *_ in snapshots})
            counts["stage_events"] = len(events)
            if save:
                self.save_list(table)
        return counts

    def snapshot_counts(self) -> dict[int, int]:
        """Number of snapshots per account (accounts with one have no history to read)."""
        return {r[0]: r[1] for r in self.conn.execute(
            "SELECT account_id, COUNT(*) FROM snapshots GROUP BY account_id")}


_dumps = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per json.dumps call


def _json_default(value: Any) -> Any:
    converted = jsonable(value)
    return str(value) if converted is value else converted
