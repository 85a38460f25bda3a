"""The right to be forgotten and the activity log (GDPR).

`forget_accounts` erases accounts and everything that hangs on them: snapshots, posts, stage events,
campaign fields, proposals, post links, provenance (foreign keys ON DELETE CASCADE), the API cache
entries that name them, and their rows in every campaign's list. What stays is one salted SHA-256 per
(platform, handle) with the day, so a later import can warn that the person asked to be forgotten
without the workspace keeping who they are. The salt is the workspace's own (random, in
`workspace_meta`): the hashes cannot be matched against another workspace or a list of handles without it.

The activity log keeps what was done and how much (`forget`: 2 accounts, 14 snapshots, ...), never to
whom.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable
from typing import Any

from ..clock import today, utcnow
from .base import StoreBase

# the tables `forget_accounts` deletes from (their files are rewritten after it: `Connection.after_erase`)
ERASED_TABLES = ("accounts", "snapshots", "posts", "stage_events", "campaign_accounts", "proposals", "campaign_posts",
                 "provenance", "api_cache", "post_snapshots", "list_chunks", "list_meta")


class PrivacyRepo(StoreBase):
    def salt(self) -> str:
        row = self.one("SELECT value FROM workspace_meta WHERE key='salt'")
        if row is not None:
            return str(row[0])
        with self.transaction():
            self.conn.execute("INSERT INTO workspace_meta(key, value) VALUES ('salt', ?) ON CONFLICT(key) DO NOTHING",
                              (secrets.token_hex(16),))
        return str(self.one("SELECT value FROM workspace_meta WHERE key='salt'")[0])

    def person_hash(self, platform: str, handle: str, salt: str | None = None) -> str:
        text = f"{salt if salt is not None else self.salt()}\0{platform}\0{handle.lower()}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def forgotten_among(self, keys: Iterable[tuple[str, str]]) -> list[tuple[str, str, str]]:
        """(platform, handle, day) of the accounts among `keys` that asked to be forgotten."""
        if self.one("SELECT 1 FROM forgotten LIMIT 1") is None:
            return []
        salt = self.salt()
        by_hash = {self.person_hash(p, h, salt): (p, h) for p, h in keys}
        found = self.in_chunks("SELECT hash, forgotten_on FROM forgotten WHERE hash IN ({marks})", sorted(by_hash))
        return sorted((*by_hash[r[0]], str(r[1])) for r in found)

    def log(self, action: str, detail: dict[str, Any]) -> None:
        """One line of the activity log: an action and counts, never personal data."""
        self.conn.execute("INSERT INTO activity_log(at, action, detail) VALUES (?,?,?)",
                          (utcnow(), action, json.dumps(detail, sort_keys=True)))

    def activity(self) -> list[dict[str, Any]]:
        return [{"at": r["at"], "action": r["action"], "detail": json.loads(r["detail"])}
                for r in self.rows("SELECT at, action, detail FROM activity_log ORDER BY id")]

    def cache_keys_of(self, accounts: list[Any]) -> list[tuple[str, str]]:
        """(provider, key) of the API cache entries about these accounts: keys ending in their handle,
        their external id or the channel id a cached handle resolved to, and cached videos of those
        channels."""
        out: set[tuple[str, str]] = set()
        for a in accounts:
            platform, handle = a["platform"], a["handle"]
            names = {handle, handle.lower()} | ({a["external_id"]} if a["external_id"] else set())
            entries = self.rows("SELECT key, payload FROM api_cache WHERE provider=?", (platform,))
            for key, payload in entries:
                if key.split(":", 1)[-1] in names and not key.startswith("video:"):
                    out.add((platform, key))
                    try:
                        resolved = json.loads(payload)
                    except ValueError:
                        continue
                    if isinstance(resolved, dict) and isinstance(resolved.get("id"), str):
                        names.add(resolved["id"])
            for key, payload in entries:
                if key.split(":", 1)[-1] in names:
                    out.add((platform, key))
                elif key.startswith("video:") and any(f'"{n}"' in payload for n in names if len(n) > 8):
                    try:
                        owner = (json.loads(payload).get("snippet") or {}).get("channelId")
                    except (ValueError, AttributeError):
                        continue
                    if owner in names:
                        out.add((platform, key))
        return sorted(out)

    def forget_accounts(self, accounts: list[Any]) -> dict[str, int]:
        """Erase these accounts (rows of `accounts`) and everything about them; keep a salted hash per
        account. Returns what was erased, as counts (also written to the activity log)."""
        ids = [int(a["id"]) for a in accounts]
        keys = {(a["platform"], a["handle"]) for a in accounts}
        counts: dict[str, int] = {"accounts": len(ids)}
        salt = self.salt()
        with self.transaction():
            for table in ("snapshots", "posts", "stage_events", "campaign_accounts", "proposals", "campaign_posts",
                          "provenance"):
                counts[table] = sum(int(r[0]) for r in self.in_chunks(
                    f"SELECT COUNT(*) FROM {table} WHERE account_id IN ({{marks}})", ids))
            cache = self.cache_keys_of(accounts)
            self.conn.executemany("DELETE FROM api_cache WHERE provider=? AND key=?", cache)
            counts["cache_entries"] = len(cache)
            counts["list_rows"] = self._drop_list_rows(keys)
            counts["post_snapshots"] = sum(int(r[0]) for platform, handle in sorted(keys) for r in self.rows(
                "SELECT COUNT(*) FROM post_snapshots WHERE platform=? AND handle=?", (platform, handle)))
            self.conn.executemany("DELETE FROM post_snapshots WHERE platform=? AND handle=?", sorted(keys))
            for table in ("snapshots", "posts", "stage_events", "campaign_accounts", "proposals", "campaign_posts",
                          "provenance"):  # what ON DELETE CASCADE does, said explicitly
                self.conn.executemany(f"DELETE FROM {table} WHERE account_id=?", [(i,) for i in ids])
            self.conn.executemany("DELETE FROM accounts WHERE id=?", [(i,) for i in ids])
            day = today().isoformat()
            self.conn.executemany(
                "INSERT INTO forgotten(hash, forgotten_on) VALUES (?,?) ON CONFLICT(hash) DO UPDATE SET "
                "forgotten_on=excluded.forgotten_on",
                sorted((self.person_hash(p, h, salt), day) for p, h in keys))
            self.log("forget", counts)
        return counts

    def _drop_list_rows(self, keys: set[tuple[str, str]]) -> int:
        """Remove the rows of these accounts from every campaign's list (`ListsRepo` does)."""
        raise NotImplementedError
