"""The workspace schema, as forward-only migrations run in order on SQLite and PostgreSQL alike.

A migration is SQL written in SQLite's spelling (each connection turns it into its own, see
`connection.pg_sql`) or a function of the connection. The schema version is `PRAGMA user_version` on
SQLite and the `influkit_schema` table on PostgreSQL; migrating takes the write lock (and, on
PostgreSQL, an advisory lock), so several processes opening an old workspace at once migrate it once.

Schema v3 (issue #12), tables and keys:

- Global facts about a person's accounts: `accounts` (id; UNIQUE platform+handle), `snapshots`
  (account_id+taken_on+source), `posts` (account_id+post_id), `api_cache` (provider+key),
  `provenance` (account_id+kind+source: where the account's data came from and when).
- Campaigns: `campaigns` (id; UNIQUE name; one is_default), and per campaign and account
  `campaign_accounts` (campaign_id+account_id: stage, quoted price, promo code, tracked link, score and
  reasons, owner, notes), `stage_events` (id; campaign_id+account_id+on_date, on_date NULL when the
  start of a stage is not known), `proposals` (id; campaign_id+account_id), `campaign_posts`
  (campaign_id+account_id+url), the campaign's list `list_chunks` (campaign_id+first_position: its
  rows, in chunks, since v5; `list_rows`, one row each, before) and `list_meta` (campaign_id+key).
- Privacy and the workspace itself: `forgotten` (hash: salted SHA-256 of platform:handle),
  `workspace_meta` (key: the salt), `activity_log` (id: what was done, never to whom).
"""

from __future__ import annotations

from collections.abc import Callable

from ..clock import utcnow
from .connection import Connection

LEGAL_BASIS_DEFAULT = (
    "Legitimate interest (GDPR art. 6(1)(f)): creators are approached for professional collaborations on "
    "their public professional profiles; data collected indirectly, so each creator is told within one "
    "month (art. 14) and can object at any time (`influkit forget`).")

V1 = """
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
    """

# 2: gains-only history (Social Blade weekly gains without a known total) is kept as a running sum
# from 0, marked relative=1: differences are real, levels are not.
V2 = """
    ALTER TABLE snapshots ADD COLUMN relative INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX snapshots_account_day ON snapshots(account_id, taken_on)
    """

V3 = """
    CREATE TABLE campaigns (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        is_default INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'active',   -- active or archived
        brand_file TEXT,
        brand TEXT,                    -- JSON: the brand profile as the scorer read it
        budget REAL,
        currency TEXT,
        start_on TEXT, end_on TEXT,
        objectives TEXT,               -- JSON: {"deals": 10, "reach": 500000, "sales": 200, ...}
        legal_basis TEXT NOT NULL,
        created_at TEXT NOT NULL,
        archived_at TEXT
    );
    INSERT INTO campaigns(id, name, is_default, legal_basis, created_at) VALUES (1, 'default', 1, '', '');
    CREATE TABLE campaign_accounts (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        stage TEXT,
        price_quoted REAL, currency TEXT,
        promo_code TEXT, tracked_url TEXT,
        score REAL, reasons TEXT,
        owner TEXT, notes TEXT,
        source TEXT,                   -- what last changed these fields: sheet:<file>, set, score, links, ...
        updated_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, account_id)
    );
    INSERT INTO campaign_accounts(campaign_id, account_id, stage, source, updated_at)
        SELECT 1, id, last_stage, 'migrated', last_seen FROM accounts;
    CREATE INDEX campaign_accounts_account ON campaign_accounts(account_id);
    CREATE TABLE stage_events_v3 (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        stage TEXT NOT NULL,
        on_date TEXT,                  -- NULL: seen at this stage, start not known
        recorded_at TEXT NOT NULL,
        source TEXT NOT NULL,          -- sheet:<file>, set, import (a change seen between two imports), ...
        note TEXT
    );
    INSERT INTO stage_events_v3(id, campaign_id, account_id, stage, on_date, recorded_at, source)
        SELECT id, 1, account_id, stage, on_date, recorded_at, source FROM stage_events;
    DROP TABLE stage_events;
    ALTER TABLE stage_events_v3 RENAME TO stage_events;
    CREATE INDEX stage_events_campaign ON stage_events(campaign_id, account_id, on_date);
    CREATE INDEX stage_events_account ON stage_events(account_id);
    CREATE TABLE list_rows (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        row TEXT NOT NULL,             -- JSON object: the enriched row
        PRIMARY KEY (campaign_id, position)
    );
    INSERT INTO list_rows(campaign_id, position, row) SELECT 1, position, row FROM current_list;
    DROP TABLE current_list;
    CREATE TABLE list_meta_v3 (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,           -- JSON
        PRIMARY KEY (campaign_id, key)
    );
    INSERT INTO list_meta_v3(campaign_id, key, value) SELECT 1, key, value FROM list_meta;
    DROP TABLE list_meta;
    ALTER TABLE list_meta_v3 RENAME TO list_meta;
    CREATE TABLE proposals (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        deliverable TEXT NOT NULL,     -- story, feed_post, carousel, reel, tiktok_video, ...
        count INTEGER NOT NULL,
        price REAL, currency TEXT,     -- for the whole proposal (count deliverables)
        suggested_low REAL, suggested_high REAL,
        suggestion TEXT,               -- JSON: how the suggested price was made, with its source
        cta TEXT,                      -- code, link or bio
        usage_days INTEGER,            -- days the brand may reuse the content
        whitelisting INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL,          -- proposed or accepted
        proposed_on TEXT NOT NULL,
        accepted_on TEXT,
        recorded_at TEXT NOT NULL
    );
    CREATE INDEX proposals_campaign ON proposals(campaign_id, account_id);
    CREATE INDEX proposals_account ON proposals(account_id);
    CREATE TABLE campaign_posts (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        source TEXT NOT NULL,
        PRIMARY KEY (campaign_id, account_id, url)
    );
    CREATE INDEX campaign_posts_account ON campaign_posts(account_id);
    CREATE TABLE provenance (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,            -- sheet, export (a history file), api, manual (influkit set)
        source TEXT NOT NULL,          -- the file, the provider
        first_at TEXT NOT NULL,
        last_at TEXT NOT NULL,
        PRIMARY KEY (account_id, kind, source)
    );
    INSERT INTO provenance(account_id, kind, source, first_at, last_at)
        SELECT account_id,
               CASE WHEN source IN ('youtube', 'instagram') THEN 'api'
                    WHEN substr(source, 1, 8) = 'history:' THEN 'export' ELSE 'sheet' END,
               source, MIN(taken_on), MAX(taken_on)
        FROM snapshots GROUP BY account_id, source;
    CREATE TABLE forgotten (
        hash TEXT PRIMARY KEY,         -- salted SHA-256 of platform:handle, nothing else
        forgotten_on TEXT NOT NULL
    );
    CREATE TABLE workspace_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE activity_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,          -- forget, export, workspace copy, ...
        detail TEXT NOT NULL           -- JSON counts, never a handle, a name or a value
    );
    ALTER TABLE accounts DROP COLUMN last_stage
    """


def _v3(conn: Connection) -> None:
    """Campaigns: the old list, stages and events become the default campaign's. A v2 workspace dated
    every stage first seen in a sheet with the import day; such events (the first of an account, from a
    sheet, dated the day it was recorded) lose that date: when the stage started is not known."""
    run_script(conn, V3)
    conn.execute("UPDATE campaigns SET legal_basis=?, created_at=? WHERE id=1", (LEGAL_BASIS_DEFAULT, utcnow()))
    conn.execute(
        """UPDATE stage_events SET on_date=NULL
           WHERE source='sheet' AND on_date=substr(recorded_at, 1, 10)
             AND id IN (SELECT MIN(id) FROM stage_events GROUP BY account_id)""")
    conn.reset_identity("campaigns")
    conn.reset_identity("stage_events")


def run_script(conn: Connection, script: str) -> None:
    """Run the `;`-separated statements of a migration (comments after `--` are dropped)."""
    text = "\n".join(line.split("--", 1)[0] for line in script.splitlines())
    for statement in filter(str.strip, text.split(";")):
        conn.execute(conn.ddl(statement))


# 4: dated snapshots of published posts (issue #13: a post's numbers at D+1, D+7, D+30 survive the run
# that read them); keyed by the network and its id of the post, so they need no account row.
V4 = """
    CREATE TABLE post_snapshots (
        platform TEXT NOT NULL,            -- '' when unknown
        post_key TEXT NOT NULL,            -- video id, shortcode, TikTok id, else the link
        taken_on TEXT NOT NULL,            -- ISO date of the reading
        source TEXT NOT NULL,              -- youtube, instagram, sheet
        url TEXT, handle TEXT, published_on TEXT,
        views INTEGER, likes INTEGER, comments INTEGER, shares INTEGER, saves INTEGER,
        PRIMARY KEY (platform, post_key, taken_on, source)
    );
    CREATE INDEX post_snapshots_handle ON post_snapshots(platform, handle)
"""

# 5 (issue #14): a campaign's list is kept V5_CHUNK rows to a `list_chunks` row (one JSON array of the
# rows' JSON arrays) instead of one `list_rows` row per list row: a 100k-row list is 100 rows to write.
# The index snapshots_account_day goes: the primary key (account_id, taken_on, source) serves the same
# look-ups, and each snapshot written no longer updates a second index.
V5 = """
    CREATE TABLE list_chunks (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        first_position INTEGER NOT NULL,   -- the position in the list of the chunk's first row, from 0
        row_count INTEGER NOT NULL,
        rows TEXT NOT NULL,                -- JSON array of rows: JSON arrays in list_meta's columns order
        PRIMARY KEY (campaign_id, first_position)
    );
    DROP INDEX snapshots_account_day
"""
V5_CHUNK = 1000


def _v5(conn: Connection) -> None:
    """Every campaign's list rows, in order, as chunks of V5_CHUNK rows: each row's JSON text kept as
    it was (a JSON array, or an object for lists saved before), joined into one JSON array."""
    run_script(conn, V5)
    campaigns = [int(r[0]) for r in conn.tuples("SELECT DISTINCT campaign_id FROM list_rows ORDER BY campaign_id")]
    for cid in campaigns:
        texts = [str(r[0]) for r in conn.tuples(
            "SELECT row FROM list_rows WHERE campaign_id=? ORDER BY position", (cid,))]
        conn.insert_many("list_chunks", ("campaign_id", "first_position", "row_count", "rows"), [
            (cid, start, len(part), "[" + ",".join(part) + "]")
            for start in range(0, len(texts), V5_CHUNK) for part in (texts[start:start + V5_CHUNK],)])
    conn.execute("DROP TABLE list_rows")


def _v6(conn: Connection) -> None:
    """6 (issue #14): a list saved from now on keeps each chunk by column (`{"rows": N, "by_column":
    [...]}`, `store.lists.chunk_json`), which an influkit before it cannot read: the version says so
    (it asks to be upgraded). The chunks saved before stay as they are; they are still read."""


# 7: the day a recorded post went live, as `influkit set HANDLE --post URL --on DAY` gives it (the report's
# date of a post nothing else dates); NULL for the posts recorded before and those recorded without --on
V7 = """
    ALTER TABLE campaign_posts ADD COLUMN published_on TEXT
"""

Migration = str | Callable[[Connection], None]
MIGRATIONS: tuple[Migration, ...] = (V1, V2, _v3, V4, _v5, _v6, V7)
VERSION = len(MIGRATIONS)


def migrate(conn: Connection, where: str) -> None:
    """Bring the schema to VERSION (each step in its own transaction, under the migration lock)."""
    from ..errors import InfluError

    current = conn.schema_version()
    if current > VERSION:
        raise InfluError(f"database schema v{current} is newer than this influkit (v{VERSION}): upgrade influkit",
                         file=where)
    if current == VERSION:
        return
    while True:
        conn.begin()
        try:
            conn.lock_schema()
            current = conn.schema_version()  # another process may have migrated meanwhile
            if current >= VERSION:
                conn.rollback()
                return
            step = MIGRATIONS[current]
            if isinstance(step, str):
                run_script(conn, step)
            else:
                step(conn)
            conn.set_schema_version(current + 1)
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise
        conn.commit()
