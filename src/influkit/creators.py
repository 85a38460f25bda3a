"""One creator's whole story (`influkit creator`), what is held about them (`--export`, the right of
access) and erasing them (`influkit forget`, the right to be forgotten).

A creator is a person: the accounts named by the handle (on one platform with `platform`), and the
other accounts recorded under the same creator name (the way a wide sheet ties a person's networks).
Every fact says where it came from: snapshots their source and date, campaign fields what last set
them, stage events their source, the account its provenance (sheet, export, API, manual; when).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .clock import utcnow
from .errors import InfluError, UsageError
from .text import name_key

if TYPE_CHECKING:
    from .store import Store

SCHEMA = "influkit.creator/1"
HELD_TABLES = ("snapshots", "posts", "stage_events", "campaign_accounts", "proposals", "campaign_posts", "provenance")


def person_accounts(store: Store, handle: str, platform: str | None) -> list[Any]:
    """The accounts of the person named by `handle`: the accounts with that handle (or external id),
    then the others recorded under the same creator name. InfluError naming the handle when none (and
    saying when the person asked to be forgotten)."""
    handle = handle.strip().lstrip("@")
    found = store.find_accounts(handle, platform)
    if not found:
        sql = "SELECT * FROM accounts WHERE lower(external_id)=lower(?)"
        args: list[Any] = [handle]
        if platform:
            sql += " AND platform=?"
            args.append(platform)
        found = store.rows(sql, args)
    if not found:
        where = f" on {platform}" if platform else ""
        platforms = [platform] if platform else sorted({r[0] for r in store.rows("SELECT DISTINCT platform FROM accounts")}
                                                       | {"instagram", "tiktok", "youtube"})
        gone = store.forgotten_among((p, handle) for p in platforms)
        if gone:
            raise InfluError(f"{handle!r}{where} asked to be forgotten on {gone[0][2]}: nothing is held about them",
                             file=store.location)
        raise InfluError(f"no creator {handle!r}{where} in the workspace", file=store.location)
    names = {name_key(r["creator"]) for r in found if name_key(r["creator"])}
    ids = {int(r["id"]) for r in found}
    if names:
        for row in store.rows("SELECT * FROM accounts WHERE creator IS NOT NULL ORDER BY id"):
            if int(row["id"]) not in ids and name_key(row["creator"]) in names:
                found.append(row)
                ids.add(int(row["id"]))
    return sorted(found, key=lambda r: int(r["id"]))


def _list_facts(store: Store, accounts: list[Any]) -> dict[int, list[dict[str, Any]]]:
    """Per account, its rows in the campaigns' lists (computed columns: tier, flags, authenticity...)
    with the campaign and the list's source."""
    keys = {(a["platform"], a["handle"]): int(a["id"]) for a in accounts}
    out: dict[int, list[dict[str, Any]]] = {}
    campaigns = {c["id"]: c["name"] for c in store.campaigns()}
    for cid, name in campaigns.items():
        meta = store.list_meta(cid)
        columns = list(meta.get("columns") or [])
        for _, row in store.list_rows(cid, columns, handles={str(h) for _, h in keys}):
            account = keys.get((row.get("platform"), row.get("handle")))
            if account is not None:
                out.setdefault(account, []).append({"campaign": name, "list_source": meta.get("source"),
                                                    "saved_at": meta.get("saved_at"), "row": row})
    return out


FACT_COLUMNS = ("tier", "engagement_rate", "er_method", "er_vs_tier", "trend", "trend_window", "flags",
                "flag_reasons", "authenticity", "est_price_low", "est_price_high", "price_currency", "category",
                "country", "language")


def creator_view(store: Store, handle: str, platform: str | None = None, *, export: bool = False) -> dict[str, Any]:
    """Everything known about one creator, each fact with its source (see the module docstring). With
    `export`, also every stored row about them (the right of access), and the export is logged (counts
    only)."""
    from .followers import account_history

    accounts = person_accounts(store, handle, platform)
    listed = _list_facts(store, accounts)
    out_accounts = []
    held: dict[str, list[dict[str, Any]]] = {t: [] for t in ("accounts", *HELD_TABLES, "list_rows")}
    for a in accounts:
        aid = int(a["id"])
        hist = account_history(store, aid).to_dict()
        latest_list = listed.get(aid, [])
        facts = {}
        if latest_list:
            newest = max(latest_list, key=lambda r: str(r["saved_at"]))
            facts = {c: {"value": newest["row"][c], "source": f"list of campaign {newest['campaign']} "
                                                               f"({newest['list_source']}, {newest['saved_at']})"}
                     for c in FACT_COLUMNS if newest["row"].get(c) is not None}
        out_accounts.append({
            "platform": a["platform"], "handle": a["handle"], "creator": a["creator"],
            "profile_url": a["profile_url"], "external_id": a["external_id"], "first_seen": a["first_seen"],
            "last_seen": a["last_seen"],
            "provenance": store.provenance(aid),
            "latest": store.latest_numbers(aid),
            "facts": facts,
            "history": {k: hist[k] for k in ("points", "first", "last", "trend", "trend_window", "growth_30d",
                                              "growth_30d_pct", "growth_90d", "events", "note")},
            "posts": [_post(p) for p in store.posts(aid, limit=12)],
        })
        if export:
            held["accounts"].append(dict(a))
            for table in HELD_TABLES:
                held[table].extend(dict(r) for r in store.rows(f"SELECT * FROM {table} WHERE account_id=?", (aid,)))
            held["list_rows"].extend(listed.get(aid, []))
    campaigns = []
    for a in accounts:
        aid = int(a["id"])
        events = [e for e in store.account_events(aid)]
        proposals = store.proposals(account_id=aid)
        posts = store.campaign_posts(aid)
        for c in store.account_campaigns(aid):
            name = c["campaign"]
            campaigns.append({
                "campaign": name, "campaign_status": c["campaign_status"], "platform": a["platform"],
                "handle": a["handle"],
                **{k: c[k] for k in ("stage", "price_quoted", "currency", "promo_code", "tracked_url", "score",
                                     "reasons", "owner", "notes")},
                "source": c["source"], "updated_at": c["updated_at"],
                "stage_events": [{k: e[k] for k in ("stage", "on_date", "source", "note")}
                                 for e in events if e["campaign"] == name],
                "proposals": [_proposal(p) for p in proposals if p["campaign"] == name],
                "agreed": [_proposal(p) for p in proposals if p["campaign"] == name and p["status"] == "accepted"],
                "post_links": [{k: p[k] for k in ("url", "recorded_at", "source")} for p in posts
                               if p["campaign"] == name],
            })
    names = sorted({a["creator"] for a in accounts if a["creator"]})
    data: dict[str, Any] = {
        "schema": SCHEMA, "creator": names[0] if names else None,
        "accounts": out_accounts, "campaigns": campaigns,
    }
    if export:

        data["export"] = {"generated_at": utcnow(),
                          "legal_bases": {c["name"]: c["legal_basis"] for c in store.campaigns()
                                          if any(x["campaign"] == c["name"] for x in campaigns)},
                          "held": held}
        with store.transaction():
            store.log("export", {k: len(v) for k, v in held.items()})
    return data


def _post(row: Any) -> dict[str, Any]:
    return {k: row[k] for k in ("post_id", "published_at", "media_type", "views", "likes", "comments", "permalink",
                                "source", "fetched_at")}


def _proposal(p: dict[str, Any]) -> dict[str, Any]:
    return {k: p[k] for k in ("id", "deliverable", "count", "price", "currency", "suggested_low", "suggested_high",
                              "cta", "usage_days", "whitelisting", "status", "proposed_on", "accepted_on")}


def forget(store: Store, handle: str, platform: str | None = None) -> dict[str, Any]:
    """Erase the person named by `handle` (see `person_accounts`) from the workspace; keep a salted hash
    per account. Returns the accounts erased (as the user named them) and the counts."""
    if platform is None:  # a handle two different creators use on two networks names nobody for sure
        same = store.find_accounts(handle.strip().lstrip("@"), None)
        names = {name_key(r["creator"]) for r in same if name_key(r["creator"])}
        if len(names) > 1:
            who = ", ".join(f"{r['platform']}: {r['creator'] or '?'}" for r in same)
            raise UsageError(f"{handle!r} is the handle of {len(same)} accounts of different creators ({who}); "
                             "nothing was erased: give --platform", file=store.location)
    accounts = person_accounts(store, handle, platform)
    named = [f"{a['platform']}:{a['handle']}" for a in accounts]
    from .store.privacy import ERASED_TABLES

    store.conn.before_erase()
    counts = store.write(lambda: store.forget_accounts(accounts), what="forget")
    note = store.conn.after_erase(ERASED_TABLES)  # (committed: the files rid of the erased rows' bytes)
    return {"forgotten": named, "erased": counts, **({"warnings": [note]} if note else {})}
