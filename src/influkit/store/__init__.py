"""The workspace database: a SQLite file (`./.influkit/influkit.db` by default) or, for a team, a
PostgreSQL database (`--db postgresql://user@host:port/name`, or `INFLUKIT_DB`).

It keeps what a sheet forgets. Global facts about accounts (identity, provenance, dated snapshots of
their numbers, posts, the API cache) are shared by every campaign; each campaign keeps its own list,
stages and their dated events, prices, codes, links, scores, owners, notes, proposals and post links.

- `connection`: one interface over sqlite3 and psycopg 3 (SQL written once, both spellings).
- `migrations`: the schema (tables and keys listed there), forward-only, the same on both back ends.
- Repositories: `facts` (accounts, provenance, snapshots, posts, cache), `campaigns`, `lists` (a
  campaign's list, one import), `privacy` (forget, activity log); `copy` moves a workspace between
  back ends. `Store` is all of them over one connection.
- Every write runs in one serialisable transaction (a killed run leaves the database as it was); units
  of work that concurrent writers can refuse run through `Store.write`, which retries them.
"""

from __future__ import annotations

from .base import StoreBase
from .campaigns import CAMPAIGN_FIELDS, CampaignsRepo
from .connection import display, is_url
from .facts import CACHE_CHUNK, SNAPSHOT_FIELDS, FactsRepo, PostSnapshotsRepo, source_rank
from .lists import ListsRepo
from .migrations import LEGAL_BASIS_DEFAULT, MIGRATIONS, VERSION
from .privacy import PrivacyRepo


class Store(ListsRepo, CampaignsRepo, FactsRepo, PostSnapshotsRepo, PrivacyRepo, StoreBase):
    """One open workspace: every repository over one connection. `Store(target)` takes a SQLite path
    or a postgresql:// URL (default: $INFLUKIT_DB, else ./.influkit/influkit.db)."""

    def __enter__(self) -> Store:
        return self


__all__ = [
    "CACHE_CHUNK", "CAMPAIGN_FIELDS", "LEGAL_BASIS_DEFAULT", "MIGRATIONS", "SNAPSHOT_FIELDS", "VERSION", "Store",
    "display", "is_url", "source_rank",
]
