"""`influkit workspace copy SRC DST`: a whole workspace from one back end to the other (SQLite <->
PostgreSQL, or a plain copy), every table and key as they are, in one transaction on the target.

The target must hold no data yet (a new file, an empty database, or a workspace with nothing but its
default campaign): a copy never merges two workspaces. The salt of the forgotten hashes is copied with
them, so a later import into the copy still warns.
"""

from __future__ import annotations

from typing import Any

from ..errors import InfluError

# parents before children (foreign keys); the schema-version table is each back end's own
TABLES = ("workspace_meta", "campaigns", "accounts", "snapshots", "posts", "api_cache", "provenance",
          "campaign_accounts", "stage_events", "proposals", "campaign_posts", "list_chunks", "list_meta", "forgotten",
          "activity_log", "post_snapshots")
IDENTITY_TABLES = ("campaigns", "accounts", "stage_events", "proposals", "activity_log")
BATCH = 5000


def copy_workspace(src: Any, dst: Any) -> dict[str, int]:
    """Copy every row of `src` (an open Store) into `dst` (an open, empty Store). Returns rows per table."""
    if dst.one("SELECT 1 FROM accounts LIMIT 1") is not None or dst.one(
            "SELECT 1 FROM campaigns WHERE id<>1 OR name<>'default' LIMIT 1") is not None or dst.one(
            "SELECT 1 FROM list_chunks LIMIT 1") is not None:
        raise InfluError("the target workspace already holds data: copy into a new file or an empty database",
                         file=dst.location)
    counts: dict[str, int] = {}

    def work() -> dict[str, int]:
        for table in reversed(TABLES):
            dst.conn.execute(f"DELETE FROM {table}")
        for table in TABLES:
            cur = src.conn.execute(f"SELECT * FROM {table}")
            columns = [d[0] for d in cur.description]
            sql = f"INSERT INTO {table}({', '.join(columns)}) VALUES ({','.join('?' * len(columns))})"
            n = 0
            while True:
                rows = [tuple(r) for r in cur.fetchmany(BATCH)]
                if not rows:
                    break
                dst.conn.executemany(sql, rows)
                n += len(rows)
            counts[table] = n
        for table in IDENTITY_TABLES:
            dst.conn.reset_identity(table)
        dst.log("workspace copy", {"from": src.dialect, "rows": sum(counts.values())})
        return counts

    return dict(dst.write(work, what="workspace copy"))
