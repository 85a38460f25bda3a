"""Live stats for a table: `run_live(table, store, options)`, called by `pipeline.enrich` when not
offline, before metrics are computed.

Options (`live_options`, all optional; the `[live]` table of the config file gives defaults):

    max_age      timedelta or "24h"/"30m"/"2d": cached answers younger than this are reused (24 h)
    refresh      True: ignore cached answers (a resolved @handle -> channel id mapping is still reused)
    config_path  a TOML config file (see influkit.config)
    window       videos / posts averaged per account (12)
    concurrency  requests in flight per provider (10)
    rate_limit   requests per second: a number for both providers, or {"youtube": 20, "instagram": 1}
    timeout      seconds per request (20); retries (5); backoff_base seconds (1.0)
    max_wait     seconds: a longer Instagram throttle stops Instagram instead of waiting (900)
    progress     callable(dict) called as accounts finish: total, done, cached, failed,
                 quota_units, requests (the CLI draws a progress bar on stderr with it)

Returns the report {"requests", "quota_units", "cached", "fetched", "failed", "not_found",
"not_modified" (304 answers to If-None-Match: a stale cached answer confirmed), "skipped": [...],
"stopped": str | None, "window", "providers": {...}}; `failed` counts every account that could not
be enriched (not found, failed, or not fetched because a provider stopped), and each such row says
why in `issues`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from ..clock import today
from ..config import Settings, live_values, load_settings
from ..store import Store
from ..table import Table
from ..text import count
from ..thresholds.live import setting
from .base import AccountResult, CacheEntries, Provider, RunContext, Target, summarize_posts
from .http import DEFAULT_BACKOFF_BASE, DEFAULT_RETRIES, DEFAULT_TIMEOUT, HttpPool, scrub

PLATFORMS = ("youtube", "instagram")
# values and sources: LIVE_SETTINGS in influkit/thresholds/live.py
DEFAULT_WINDOW = int(setting("window"))
DEFAULT_CONCURRENCY = int(setting("concurrency"))
DEFAULT_MAX_AGE = dt.timedelta(hours=setting("max_age"))
DEFAULT_RATE = {"youtube": setting("youtube_rate"),  # requests/s; Instagram also follows usage headers
                "instagram": setting("instagram_rate")}
LIVE_COLUMNS = ("last_post_on", "posts_per_week", "days_since_last_post", "followers_rounded", "live_source",
                "live_sample")


def collect_targets(table: Table) -> dict[str, list[Target]]:
    """One target per (platform, handle), with every row that shows it."""
    by_key: dict[tuple[str, str], Target] = {}
    urls = table.get("profile_url")
    for k, (plat, handle) in enumerate(zip(table.get("platform"), table.get("handle"), strict=True)):
        if plat not in PLATFORMS or not handle:
            continue
        key = (plat, str(handle))
        if key in by_key:
            by_key[key].rows.append(k)
            continue
        url = str(urls[k] or "")
        by_key[key] = Target(plat, str(handle), [k], username_hint=plat == "youtube" and "/user/" in url)
    out: dict[str, list[Target]] = {p: [] for p in PLATFORMS}
    for t in by_key.values():
        out[t.platform].append(t)
    return out


def _options(options: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """The options, over the config file's [live] table (already checked by load_settings), over the
    defaults. A bad option is a one-line UsageError naming it."""
    given = live_values({k: v for k, v in options.items() if v is not None}, "live option", unknown_ok=True)
    merged = {"max_age": DEFAULT_MAX_AGE, "window": DEFAULT_WINDOW, "concurrency": DEFAULT_CONCURRENCY,
              **settings.live, **given}
    return merged


# The providers' stop messages name the environment variable; when the secret came from the config
# file, the message names the file instead (never the secret itself).
_KEY_REJECTED = re.compile(r"the API key was rejected (\([^)]*\))?:? ?check YOUTUBE_API_KEY")
_TOKEN_REJECTED = re.compile(r"the access token is invalid or expired (\([^)]*\))?:? ?renew INSTAGRAM_ACCESS_TOKEN")


def credential_hint(message: str, settings: Settings) -> str:
    """`message` with the advice pointing at where the rejected key or token was read from."""
    yt, ig = settings.youtube_key_source, settings.instagram_token_source
    if yt and yt != "env":
        message = _KEY_REJECTED.sub(
            lambda m: f"the YouTube key from {yt} was rejected{' ' + m.group(1) if m.group(1) else ''}: "
                      "fix [youtube] api_key there (YOUTUBE_API_KEY, when set, wins over the file)", message)
    if ig and ig != "env":
        message = _TOKEN_REJECTED.sub(
            lambda m: f"the Instagram token from {ig} was rejected{' ' + m.group(1) if m.group(1) else ''}: "
                      "renew [instagram] access_token there (INSTAGRAM_ACCESS_TOKEN, when set, wins over the file)",
            message)
    return message


def _rate(opts: dict[str, Any], settings: Settings, platform: str) -> float | None:
    rate = opts.get("rate_limit")
    if isinstance(rate, dict):
        rate = rate.get(platform)
    if rate is None:
        rate = settings.youtube_rate_limit if platform == "youtube" else settings.instagram_rate_limit
    return float(rate) if rate else DEFAULT_RATE[platform]


def run_live(table: Table, store: Store | None, options: dict[str, Any]) -> dict[str, Any]:
    settings = load_settings(options.get("config_path"))
    opts = _options(options, settings)
    targets = collect_targets(table)
    report: dict[str, Any] = {"requests": 0, "quota_units": 0, "cached": 0, "fetched": 0, "failed": 0,
                              "not_found": 0, "not_modified": 0, "skipped": [], "stopped": None,
                              "window": opts["window"], "providers": {}}
    providers: list[tuple[Provider, list[Target]]] = []
    yt, ig = targets["youtube"], targets["instagram"]
    if yt:
        if settings.youtube_api_key:
            from .youtube import YouTube

            providers.append((YouTube(settings.youtube_api_key, settings.youtube_url), yt))
        else:
            report["skipped"].append(f"youtube: YOUTUBE_API_KEY not set, {count(len(yt), 'account')} not fetched")
    if ig:
        if settings.instagram_access_token and settings.instagram_user_id:
            from .instagram import DEFAULT_MAX_WAIT, Instagram

            providers.append((Instagram(settings.instagram_access_token, settings.instagram_user_id,
                                        settings.graph_url,
                                        max_wait=float(opts.get("max_wait", DEFAULT_MAX_WAIT))), ig))
        else:
            missing = "INSTAGRAM_ACCESS_TOKEN" if not settings.instagram_access_token else "INSTAGRAM_USER_ID"
            report["skipped"].append(f"instagram: {missing} not set, {count(len(ig), 'account')} not fetched")
    if not providers:
        return report

    n = len(table)
    for col in LIVE_COLUMNS:
        table.data.setdefault(col, [None] * n)
    state = {"total": sum(len(ts) for _, ts in providers), "done": 0, "cached": 0, "failed": 0,
             "quota_units": 0, "requests": 0}
    progress: Callable[[dict[str, Any]], None] | None = opts.get("progress")
    pools: dict[str, HttpPool] = {}

    def tick() -> None:
        state["requests"] = sum(p.requests for p in pools.values())
        state["quota_units"] = sum(int(prov.counters.quota_units) for prov, _ in providers)
        if progress is not None:
            progress(dict(state))

    writes = _Writes(store)

    def finished(result: AccountResult) -> None:
        _apply(table, writes, result, settings)
        state["done"] += 1
        if result.status == "ok":
            report["cached" if result.cached else "fetched"] += 1
            state["cached"] += result.cached
        else:
            report["failed"] += 1
            report["not_found"] += result.status == "not_found"
            state["failed"] += 1
        tick()

    def cache_get(provider: str) -> Callable[[str, dt.timedelta | None], Any | None]:
        def get(key: str, max_age: dt.timedelta | None) -> Any | None:
            return store.cache_get(provider, key, max_age) if store is not None else None
        return get

    def cache_put(provider: str) -> Callable[[list[tuple[str, Any]]], None]:
        def put(items: list[tuple[str, Any]]) -> None:
            if store is not None and items:
                store.cache_put_many(provider, items)  # one executemany, one transaction
        return put

    def cache_entries(provider: str) -> CacheEntries | None:
        if store is None:
            return None
        return lambda keys: store.cache_entries(provider, keys)

    async def main() -> None:
        jobs = []
        for prov, ts in providers:
            pool = HttpPool(
                concurrency=opts["concurrency"], rate_limit=_rate(opts, settings, prov.name),
                timeout=float(opts.get("timeout", DEFAULT_TIMEOUT)),
                retries=int(opts.get("retries", DEFAULT_RETRIES)),
                backoff_base=float(opts.get("backoff_base", DEFAULT_BACKOFF_BASE)),
                secrets=settings.secrets, headers=prov.client_headers,
                tls=not prov.base_url.lower().startswith("http://"),
            )
            pools[prov.name] = pool
            ctx = RunContext(cache_get(prov.name), cache_put(prov.name), opts["window"],
                             bool(opts.get("refresh")), opts["max_age"], finished, opts,
                             atomic=writes.atomic, cache_entries=cache_entries(prov.name))
            jobs.append(prov.run(ts, ctx, pool))
        tick()
        try:
            await asyncio.gather(*jobs)
        finally:
            for pool in pools.values():
                await pool.aclose()

    asyncio.run(main())

    stops = [prov.stopped for prov, _ in providers if prov.stopped]
    report["stopped"] = "; ".join(credential_hint(scrub(s, settings.secrets), settings) for s in stops) or None
    for prov, ts in providers:
        pool = pools[prov.name]
        info: dict[str, Any] = {"accounts": len(ts), "requests": pool.requests, "retries": pool.retried}
        if prov.name == "youtube":
            info["quota_units"] = int(prov.counters.quota_units)
            info["not_modified"] = prov.counters.not_modified
        report["providers"][prov.name] = info
        report["requests"] += pool.requests
        report["not_modified"] += prov.counters.not_modified
    report["quota_units"] = int(sum(prov.counters.quota_units for prov, _ in providers))
    return report


class _Writes:
    """The store writes of finished accounts (account, snapshot, posts). Inside `atomic()` they are
    gathered and written together when the block ends (one executemany per table, one transaction);
    outside it each account is written at once in its own transaction."""

    def __init__(self, store: Store | None) -> None:
        self.store = store
        self.depth = 0
        self.pending: list[tuple[str, str, str | None, dict[str, Any], list[dict[str, Any]]]] = []

    @contextmanager
    def atomic(self) -> Iterator[None]:
        if self.store is None:
            yield
            return
        with self.store.transaction():
            self.depth += 1
            try:
                yield
            except BaseException:
                self.pending.clear()
                raise
            finally:
                self.depth -= 1
            if self.depth == 0:
                self.flush()

    def add(self, platform: str, handle: str, external_id: str | None, snap: dict[str, Any],
            posts: list[dict[str, Any]]) -> None:
        if self.store is None:
            return
        self.pending.append((platform, handle, external_id, snap, posts))
        if self.depth == 0:
            with self.store.transaction():
                self.flush()

    def flush(self) -> None:
        store, pending = self.store, self.pending
        if store is None or not pending:
            return
        self.pending = []
        ids = store.upsert_accounts((platform, handle, external_id) for platform, handle, external_id, _, _ in pending)
        day = today()
        store.add_snapshots((ids[(platform, handle)], day, platform, snap, platform == "youtube")
                            for platform, handle, _, snap, _ in pending)
        store.add_posts_many((ids[(platform, handle)], posts, platform)
                             for platform, handle, _, _, posts in pending if posts)


def _apply(table: Table, writes: _Writes, result: AccountResult, settings: Settings) -> None:
    """Write one account's numbers into its rows (and the store), or an issue on its rows."""
    t = result.target
    if result.status != "ok" or result.stats is None:
        message = credential_hint(scrub(result.message or result.status, settings.secrets), settings)
        if result.status == "not_found" and t.platform == "youtube":
            message = "channel not found"
        for k in t.rows:
            table.add_issue(k, "live", f"{t.platform}: {message}")
        return
    s = result.stats
    posts = list(s.get("posts_list") or [])
    summary = summarize_posts(posts, today(), "videos" if t.platform == "youtube" else "posts")
    sample = summary.pop("live_sample")
    if s.get("followers_hidden"):
        sample = "subscriber count hidden; " + sample
    values = {
        "followers": s.get("followers"), "following": s.get("following"), "posts": s.get("post_count"),
        "avg_likes": summary["avg_likes"], "avg_comments": summary["avg_comments"],
        "avg_views": summary["avg_views"], "bio": s.get("description"), "country": s.get("country"),
    }
    extra = {
        "last_post_on": summary["last_post_on"], "posts_per_week": summary["posts_per_week"],
        "days_since_last_post": summary["days_since_last_post"],
        "followers_rounded": (t.platform == "youtube" and s.get("followers") is not None) or None,
        "live_source": f"{t.platform} {s.get('fetched_at', '')}".strip(),
        "live_sample": sample,
    }
    n = len(table)
    for col, value in values.items():
        if value is None:
            continue  # unknown live (hidden, absent): the sheet's own value stays
        column = table.data.setdefault(col, [None] * n)
        for k in t.rows:
            column[k] = value
    for col, value in extra.items():
        for k in t.rows:
            table.data[col][k] = value
    snap = {k: values[k] for k in ("followers", "following", "posts", "avg_likes", "avg_comments", "avg_views")}
    writes.add(t.platform, t.handle, s.get("id"), snap, posts)


def report_lines(report: dict[str, Any]) -> list[str]:
    """The summary lines the CLI prints on stderr."""
    lines = list(report.get("skipped", []))
    if report.get("providers"):
        lines.append(
            f"live: {report['fetched']} fetched, {report['cached']} from cache, {report['failed']} not enriched"
            f" ({report['not_found']} not found); {count(report['requests'], 'request')}, "
            f"{report['quota_units']} YouTube quota units; window {report['window']}"
            + (f"; {count(report['not_modified'], 'answer')} not modified since cached (304)"
               if report.get("not_modified") else ""))
    if report.get("stopped"):
        lines.append(f"stopped: {report['stopped']}")
    return lines
