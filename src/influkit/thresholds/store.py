"""Workspace settings: how long a writer waits for another, how often a unit of work is retried."""

from __future__ import annotations

from typing import NamedTuple


class Setting(NamedTuple):
    value: float
    unit: str
    source: str


STORE_SETTINGS: dict[str, Setting] = {
    "busy_timeout": Setting(30, "s", "SQLite: how long a writer waits for the write lock another process holds "
                            "(sqlite3.connect timeout; Python's default is 5 s, too short for a 100k-row import "
                            "of a teammate)"),
    "lock_timeout": Setting(30_000, "ms", "PostgreSQL lock_timeout of a workspace session: a writer blocked longer "
                            "than the slowest import fails with a message instead of hanging"),
    "connect_timeout": Setting(10, "s", "PostgreSQL connect_timeout: libpq waits forever by default"),
    "write_retries": Setting(10, "attempts after the first", "a unit of work that hit a serialisation failure "
                             "(SQLSTATE 40001), a deadlock (40P01) or a busy SQLite file is run again; the "
                             "PostgreSQL manual (13.4) says such transactions must be retried. 10 covers the "
                             "20-writer test with room to spare"),
    "write_wait_max": Setting(60, "s", "a writer still kept out after this long (two SQLite busy timeouts; retries "
                              "of quick conflicts stay well under it) stops retrying and says so: 10 retries "
                              "of a 30 s busy wait were 5.5 minutes of silence (measured)"),
    "retry_backoff_base": Setting(0.02, "s", "first wait before a retry; full jitter: random() * min(cap, "
                                  "base * 2**n), as AWS's 'Exponential Backoff and Jitter' advises"),
    "retry_backoff_cap": Setting(1.0, "s", "longest wait between two attempts"),
    "record_chunk": Setting(5_000, "rows", "a list's accounts are recorded this many sheet rows at a time (their "
                            "stored rows read by key, new ones inserted, changed ones updated): a 500k-row "
                            "import never holds every stored account as rows (~300 MB at 354k accounts, "
                            "measured); a keyed read of a chunk costs what a scan of the table did"),
    "list_search_handles": Setting(16, "handles", "the saved list's chunks are searched as text for the rows of at "
                                   "most this many handles (`set`, `set --sheet`) before any is decoded; more are "
                                   "looked for in every chunk decoded: a search of a 1,000-row chunk took 0.13 ms, "
                                   "its decode 1.65 ms (measured), and 5,000 handles searched chunk by chunk 10 s"),
    "list_shared_values": Setting(50_000, "values", "loading a saved list, a column of texts or whole numbers shares "
                                  "each value repeated down it as one object until it holds this many (handles and "
                                  "links are each their own): a 500k-row list loaded in 695 MB instead of 2.4 GB with "
                                  "the column-wise load (measured; the memo of one column 5 MB at most)"),
    "sqlite_insert_rows": Setting(100, "rows", "rows one SQLite INSERT writes (INSERT ... VALUES (...),(...)), "
                                  "within SQLite's limit of parameters a statement: 100k snapshots in 0.43-0.54 s "
                                  "against 0.70-0.77 s one row a statement; 25 to 500 rows did as well (measured)"),
    "pg_analyze_rows": Setting(50, "rows", "PostgreSQL: after a bulk write (an import), a table is analysed when the "
                               "rows written exceed this plus pg_analyze_share of the rows the planner counts "
                               "(autovacuum_analyze_threshold's default, PostgreSQL manual 20.10)"),
    "pg_analyze_inside_rows": Setting(20_000, "rows", "PostgreSQL: inside a transaction, the statistics of a table "
                                      "an import writes are looked at when its rows written reach this, then "
                                      "each time they double, and the table analysed when they are stale (the "
                                      "rule of pg_analyze_rows): a first import of 300k rows spent 16.9 s reading "
                                      "its chunks' campaign rows by scans of all rows written so far (measured)"),
    "pg_analyze_share": Setting(0.1, "of the table", "see pg_analyze_rows (autovacuum_analyze_scale_factor's default, "
                                "PostgreSQL manual 20.10)"),
    "sqlite_cache": Setting(32_768, "KiB", "SQLite page cache of a workspace connection (PRAGMA cache_size; "
                            "SQLite's default is 2 MiB). A 500k-row import adds stage events in the sheet's "
                            "order, at random places of their indexes: with 2 MiB they took 3.0 s, 1.7 s with "
                            "32 MiB (measured, 354k accounts); the cache is only taken as pages are read"),
}


def setting(name: str) -> float:
    return STORE_SETTINGS[name].value


def rows() -> list[dict[str, object]]:
    return [{"group": "workspace", "name": name, "value": f"{s.value:g} {s.unit}", "source": s.source}
            for name, s in STORE_SETTINGS.items()]
