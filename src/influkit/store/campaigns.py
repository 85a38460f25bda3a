"""Campaigns and what belongs to one campaign and one account: the stage and its dated events, the
quoted price, promo code, tracked link, score and reasons, owner, notes, proposals and published post
links. Nothing here is shared between campaigns: a stage set in one never moves another's funnel."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

from .. import progress
from ..clock import utcnow
from ..errors import InfluError, UsageError
from .base import StoreBase
from .facts import CACHE_CHUNK
from .migrations import LEGAL_BASIS_DEFAULT

# campaign_accounts columns a sheet, `set`, `score` or `links` may fill
CAMPAIGN_FIELDS = ("stage", "price_quoted", "currency", "promo_code", "tracked_url", "score", "reasons", "owner",
                   "notes")
# sources of campaign fields written by hand (influkit set, propose), not by saving a list: such an
# account belongs in the campaign's list even when the last sheet did not have it, and the next import of
# a sheet that still says what it said never undoes the hand's change (`ListsRepo._sheet_said`)
MANUAL_SOURCES = ("set", "propose")
CAMPAIGN_COLUMNS = ("name", "is_default", "status", "brand_file", "brand", "budget", "currency", "start_on",
                    "end_on", "objectives", "legal_basis", "created_at", "archived_at")


def campaign_dict(row: Any) -> dict[str, Any]:
    """A campaigns row as JSON-ready data (objectives and brand decoded)."""
    out = {k: row[k] for k in ("id", *CAMPAIGN_COLUMNS)}
    out["is_default"] = bool(out["is_default"])
    out["objectives"] = json.loads(out["objectives"]) if out["objectives"] else {}
    out["brand"] = json.loads(out["brand"]) if out["brand"] else None
    return out


class CampaignsRepo(StoreBase):
    # --------------------------------------------------------------------------------- campaigns

    def campaigns(self) -> list[dict[str, Any]]:
        return [campaign_dict(r) for r in self.rows("SELECT * FROM campaigns ORDER BY id")]

    def campaign(self, name: str | None = None, *, writable: bool = False) -> dict[str, Any]:
        """The campaign called `name` (case-insensitive), or the workspace's default one; with
        `writable`, an archived campaign is refused."""
        if name is None:
            row = self.one("SELECT * FROM campaigns WHERE is_default=1 ORDER BY id LIMIT 1")
            if row is None:
                row = self.one("SELECT * FROM campaigns ORDER BY id LIMIT 1")
        else:
            row = self.one("SELECT * FROM campaigns WHERE lower(name)=lower(?)", (name.strip(),))
        if row is None:
            known = ", ".join(r["name"] for r in self.rows("SELECT name FROM campaigns ORDER BY id")) or "none"
            raise InfluError(f"no campaign {name!r} in the workspace (campaigns: {known}); create it with "
                             f"`influkit campaign new {name}`", file=self.location)
        found = campaign_dict(row)
        if writable and found["status"] == "archived":
            raise InfluError(f"campaign {found['name']!r} is archived: it can be read, not changed",
                             file=self.location)
        return found

    def create_campaign(self, name: str, *, make_default: bool = False, legal_basis: str | None = None,
                        **fields: Any) -> dict[str, Any]:
        """A new campaign; `fields` are campaigns columns (brand_file, brand, budget, currency, start_on,
        end_on, objectives). UsageError when the name is taken or empty."""
        clean = " ".join(name.split())
        if not clean:
            raise UsageError("a campaign needs a name")
        unknown = set(fields) - set(CAMPAIGN_COLUMNS)
        if unknown:
            raise ValueError(f"unknown campaign fields: {sorted(unknown)}")

        def work() -> dict[str, Any]:
            if self.one("SELECT id FROM campaigns WHERE lower(name)=lower(?)", (clean,)):
                raise UsageError(f"campaign {clean!r} already exists (`influkit campaign show {clean}`)")
            values = {**fields, "name": clean, "legal_basis": legal_basis or LEGAL_BASIS_DEFAULT,
                      "created_at": utcnow(), "status": "active", "is_default": 0}
            values = {k: _column_value(k, v) for k, v in values.items()}
            names = list(values)
            self.conn.execute(f"INSERT INTO campaigns({', '.join(names)}) VALUES ({','.join('?' * len(names))})",
                              [values[k] for k in names])
            if make_default:
                self.conn.execute("UPDATE campaigns SET is_default=CASE WHEN lower(name)=lower(?) THEN 1 ELSE 0 END",
                                  (clean,))
            return self.campaign(clean)

        return self.write(work, what="campaign new")

    def update_campaign(self, name: str, *, make_default: bool = False, **fields: Any) -> dict[str, Any]:
        """Change a campaign's fields (None values are left as they are)."""
        unknown = set(fields) - set(CAMPAIGN_COLUMNS)
        if unknown:
            raise ValueError(f"unknown campaign fields: {sorted(unknown)}")

        def work() -> dict[str, Any]:
            found = self.campaign(name, writable=True)  # an archived campaign is read, not changed
            values = {k: _column_value(k, v) for k, v in fields.items() if v is not None}
            if values:
                self.conn.execute(f"UPDATE campaigns SET {', '.join(f'{k}=?' for k in values)} WHERE id=?",
                                  [*values.values(), found["id"]])
            if make_default:
                self.conn.execute("UPDATE campaigns SET is_default=CASE WHEN id=? THEN 1 ELSE 0 END", (found["id"],))
            return self.campaign(found["name"])

        return self.write(work, what="campaign edit")

    def archive_campaign(self, name: str) -> dict[str, Any]:
        def work() -> dict[str, Any]:
            found = self.campaign(name)
            if found["is_default"]:
                raise UsageError(f"campaign {found['name']!r} is the workspace's default: make another the default "
                                 "first (`influkit campaign edit OTHER --default`)")
            self.conn.execute("UPDATE campaigns SET status='archived', archived_at=? WHERE id=?",
                              (utcnow(), found["id"]))
            return self.campaign(found["name"])

        return self.write(work, what="campaign archive")

    def campaign_counts(self, campaign_id: int) -> dict[str, Any]:
        """Accounts per current stage, list rows, proposals (sent/accepted with their agreed value)."""
        stages = {r[0] or "(none)": int(r[1]) for r in self.rows(
            "SELECT stage, COUNT(*) FROM campaign_accounts WHERE campaign_id=? GROUP BY stage ORDER BY stage",
            (campaign_id,))}
        rows = self.one("SELECT COALESCE(SUM(row_count), 0) FROM list_chunks WHERE campaign_id=?", (campaign_id,))[0]
        proposals = self.rows("SELECT status, currency, COUNT(*), SUM(count), SUM(price) FROM proposals "
                              "WHERE campaign_id=? GROUP BY status, currency ORDER BY status, currency", (campaign_id,))
        return {
            "accounts": sum(stages.values()), "stages": stages, "list_rows": int(rows),
            "proposals": [{"status": r[0], "currency": r[1], "proposals": int(r[2]), "deliverables": int(r[3] or 0),
                           "value": r[4]} for r in proposals],
        }

    # -------------------------------------------------------------------- one account in a campaign

    def campaign_account(self, campaign_id: int, account_id: int) -> dict[str, Any] | None:
        return self.campaign_accounts_of(campaign_id, [account_id]).get(account_id)

    def campaign_accounts_of(self, campaign_id: int, account_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """{account: its row of the campaign (per-campaign fields)} of these accounts, the ones in it,
        CACHE_CHUNK accounts a query (`set -` of 50,000 handles asked them one at a time)."""
        return {int(row["account_id"]): dict(row) for row in self.rows_in_chunks(
            "SELECT * FROM campaign_accounts WHERE campaign_id=? AND account_id IN ({marks})",
            sorted(set(account_ids)), (campaign_id,), CACHE_CHUNK)}

    def account_campaigns(self, account_id: int) -> list[dict[str, Any]]:
        """Every campaign the account is in, with its per-campaign fields."""
        return [dict(r) for r in self.rows(
            """SELECT c.name AS campaign, c.status AS campaign_status, ca.* FROM campaign_accounts ca
               JOIN campaigns c ON c.id=ca.campaign_id WHERE ca.account_id=? ORDER BY c.id""", (account_id,))]

    def set_campaign_fields(self, campaign_id: int, rows: Iterable[tuple[int, dict[str, Any]]], *,
                            source: str) -> int:
        """Upsert per-campaign fields of accounts: (account_id, {field: value}); only the fields given
        change (a None value is written as None: leave a field out to keep it). Returns rows written.
        `source` becomes the rows' source, except that a recorder which is neither a hand (`set`,
        `propose`) nor an import (`sheet:<file>`), such as `score` or `links`, leaves a row changed by
        hand marked so: what it records says nothing of what the hand changed."""
        by_fields: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        now = utcnow()
        ordered: dict[tuple[str, ...], tuple[str, ...]] = {}  # the fields as given -> in CAMPAIGN_FIELDS order
        for account_id, values in rows:
            given = tuple(values)
            fields = ordered.get(given)
            if fields is None:
                fields = ordered[given] = tuple(f for f in CAMPAIGN_FIELDS if f in values)
            by_fields.setdefault(fields, []).append((account_id, *map(values.__getitem__, fields)))
        n = 0
        marks = "excluded.source"
        if source.split(" ")[0] not in MANUAL_SOURCES and not source.startswith("sheet:"):
            by_hand = " OR ".join(f"campaign_accounts.source='{m}' OR substr(campaign_accounts.source, 1, "
                                  f"{len(m) + 1})='{m} '" for m in MANUAL_SOURCES)
            marks = f"CASE WHEN {by_hand} THEN campaign_accounts.source ELSE excluded.source END"
        for fields, args in by_fields.items():
            args.sort(key=lambda r: r[0])
            updates = "".join(f", {f}=excluded.{f}" for f in fields)
            self.conn.upsert_many(
                "campaign_accounts", ("account_id", *fields), args,
                f"""ON CONFLICT(campaign_id, account_id) DO UPDATE SET
                      source={marks}, updated_at=excluded.updated_at{updates}""", 1,
                {"campaign_id": campaign_id, "source": source, "updated_at": now})
            n += len(args)
        return n

    def add_stage_events(self, campaign_id: int,
                         events: Iterable[tuple[int, str, str | None, str, str | None]]) -> int:
        """Record stage events: (account_id, stage, on_date ISO or None when the start is not known,
        source, note)."""
        now = utcnow()
        batch = list(events)
        shared = {(source, note) for _, _, _, source, note in batch}
        if len(shared) == 1:  # one source and note (an import): written once in the statement on SQLite
            ((source, note),) = shared
            self.conn.insert_many("stage_events", ("account_id", "stage", "on_date"), [e[:3] for e in batch],
                                  {"campaign_id": campaign_id, "recorded_at": now, "source": source, "note": note})
        else:
            self.conn.insert_many("stage_events", ("account_id", "stage", "on_date", "source", "note"), batch,
                                  {"campaign_id": campaign_id, "recorded_at": now})
        return len(batch)

    def stage_events(self, account_id: int | None = None, *, campaign_id: int | None = None,
                     accounts: Iterable[int] | None = None) -> Iterator[dict[str, Any]]:
        """Stage events with platform and handle, oldest first: of one campaign (the default one when
        `campaign_id` is None), of one account, of some (`accounts`: by account, CACHE_CHUNK a query) or
        all. Made one at a time as they are read (a 500k-row campaign's events are never held as rows
        too), their stages, dates and sources shared texts. A campaign's events (neither `account_id` nor
        `accounts`) are read as the progress step "workspace: stage events"."""
        if campaign_id is None:
            campaign_id = int(self.campaign()["id"])
        sql = f"""SELECT {", ".join(f"e.{c}" for c in _EVENT_COLUMNS)}, a.platform, a.handle
                  FROM stage_events e JOIN accounts a ON a.id=e.account_id WHERE e.campaign_id=?"""
        args: list[Any] = [campaign_id]
        if account_id is not None:
            accounts = [account_id]
        names = (*_EVENT_COLUMNS, "platform", "handle")
        shared: dict[Any, Any] = {}
        keep = shared.setdefault

        def made(rows: Iterable[tuple[Any, ...]]) -> Iterator[dict[str, Any]]:
            for row in rows:
                event = dict(zip(names, row, strict=True))
                for name in _SHARED_EVENT_TEXTS:
                    value = event[name]
                    event[name] = keep(value, value)
                yield event

        if accounts is not None:
            yield from made(self.each_in_chunks(sql + " AND e.account_id IN ({marks}) ORDER BY e.account_id, "
                                                "e.on_date, e.id", sorted(set(accounts)), tuple(args), CACHE_CHUNK))
            return
        rows = self.conn.each_tuple(sql + " ORDER BY e.account_id, e.on_date, e.id", args)
        # a campaign's events (the funnel's: 2.4 s of a 500k-row campaign) are a counted step
        total = int(self.one("SELECT COUNT(*) FROM stage_events WHERE campaign_id=?", (campaign_id,))[0]) \
            if progress.listening() else None
        with progress.step("workspace: stage events", total, "events") as tick:
            for n, event in enumerate(made(rows)):
                if not n % 4096:
                    tick(n)
                yield event
            tick(total or 0)

    def account_events(self, account_id: int) -> list[dict[str, Any]]:
        """Every stage event of an account, in every campaign."""
        return [dict(r) for r in self.rows(
            """SELECT c.name AS campaign, e.stage, e.on_date, e.source, e.note, e.recorded_at FROM stage_events e
               JOIN campaigns c ON c.id=e.campaign_id WHERE e.account_id=? ORDER BY c.id, e.id""", (account_id,))]

    # ------------------------------------------------------------------------- proposals, posts

    def add_proposal(self, campaign_id: int, account_id: int, values: dict[str, Any]) -> int:
        names = ["campaign_id", "account_id", "recorded_at", *values]
        args = [campaign_id, account_id, utcnow(), *values.values()]
        self.conn.execute(f"INSERT INTO proposals({', '.join(names)}) VALUES ({','.join('?' * len(names))})", args)
        row = self.one("SELECT MAX(id) FROM proposals WHERE campaign_id=? AND account_id=?", (campaign_id, account_id))
        return int(row[0])

    def accept_proposals(self, campaign_id: int, account_id: int, deliverable: str, on: dt.date) -> int:
        """Mark the open proposals of this deliverable as accepted; returns how many."""
        cur = self.conn.execute(
            "UPDATE proposals SET status='accepted', accepted_on=? WHERE campaign_id=? AND account_id=? "
            "AND deliverable=? AND status='proposed'", (on.isoformat(), campaign_id, account_id, deliverable))
        return int(cur.rowcount)

    def proposals(self, *, campaign_id: int | None = None, account_id: int | None = None) -> list[dict[str, Any]]:
        sql = """SELECT p.*, c.name AS campaign, a.platform, a.handle FROM proposals p
                 JOIN campaigns c ON c.id=p.campaign_id JOIN accounts a ON a.id=p.account_id WHERE 1=1"""
        args: list[Any] = []
        if campaign_id is not None:
            sql += " AND p.campaign_id=?"
            args.append(campaign_id)
        if account_id is not None:
            sql += " AND p.account_id=?"
            args.append(account_id)
        out = []
        for r in self.rows(sql + " ORDER BY p.id", args):
            d = dict(r)
            d["suggestion"] = json.loads(d["suggestion"]) if d["suggestion"] else None
            d["whitelisting"] = bool(d["whitelisting"])
            out.append(d)
        return out

    def add_campaign_post(self, campaign_id: int, account_id: int, url: str, source: str,
                          published_on: str | None = None) -> None:
        """Record a post link for an account in a campaign, with the day it went live when given (`set
        --on`); a link recorded again keeps its first recording, and takes the day when one is given."""
        self.conn.execute(
            """INSERT INTO campaign_posts(campaign_id, account_id, url, recorded_at, source, published_on)
               VALUES (?,?,?,?,?,?)
               ON CONFLICT(campaign_id, account_id, url) DO UPDATE
               SET published_on=COALESCE(excluded.published_on, campaign_posts.published_on)""",
            (campaign_id, account_id, url, utcnow(), source, published_on))

    def accounts_with_campaign_post(self, campaign_id: int, url: str) -> set[int]:
        """The accounts a post link is recorded for in a campaign."""
        return {int(r[0]) for r in self.rows(
            "SELECT account_id FROM campaign_posts WHERE campaign_id=? AND url=?", (campaign_id, url))}

    def remove_campaign_post(self, campaign_id: int, account_id: int, url: str) -> None:
        self.conn.execute("DELETE FROM campaign_posts WHERE campaign_id=? AND account_id=? AND url=?",
                          (campaign_id, account_id, url))

    def posts_of_campaign(self, campaign_id: int) -> list[dict[str, Any]]:
        """The post links recorded for a campaign (`influkit set --post`), with their account and the day
        they went live when `set --on` gave it, in the order they were recorded."""
        return [dict(r) for r in self.rows(
            """SELECT p.account_id, a.platform, a.handle, a.creator, p.url, p.recorded_at, p.published_on
               FROM campaign_posts p
               JOIN accounts a ON a.id=p.account_id WHERE p.campaign_id=? ORDER BY p.recorded_at, a.handle, p.url""",
            (campaign_id,))]

    def campaign_posts(self, account_id: int) -> list[dict[str, Any]]:
        return [dict(r) for r in self.rows(
            """SELECT c.name AS campaign, p.url, p.recorded_at, p.source FROM campaign_posts p
               JOIN campaigns c ON c.id=p.campaign_id WHERE p.account_id=? ORDER BY c.id, p.recorded_at""",
            (account_id,))]


_EVENT_COLUMNS = ("id", "campaign_id", "account_id", "stage", "on_date", "recorded_at", "source", "note")
_SHARED_EVENT_TEXTS = ("stage", "on_date", "recorded_at", "source", "note", "platform")


def _column_value(name: str, value: Any) -> Any:
    if name in ("objectives", "brand") and value is not None and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value
