"""What every live-stats provider shares: the tuning table (`influkit.thresholds.live`), the account target, the
result model and the summary of an account's recent posts (averages, posting frequency), computed the
same way for every platform.

Averages say what they were computed over (`live_sample`): likes hidden on a video or post are
unknown, not zero, so avg_likes is the mean over the posts that show likes.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ..clock import now as clock_now

if TYPE_CHECKING:
    from .http import HttpPool


@dataclass
class Target:
    """One account to fetch, and the table rows that show it."""

    platform: str
    handle: str
    rows: list[int]
    username_hint: bool = False  # YouTube /user/NAME link: resolve with forUsername


@dataclass
class AccountResult:
    """The outcome for one target. `stats` is the JSON-ready payload cached in the store."""

    target: Target
    status: str  # ok, not_found, failed, not_fetched
    stats: dict[str, Any] | None = None
    message: str = ""
    cached: bool = True  # no request was needed
    requests: int = 0


@dataclass
class Counters:
    requests: int = 0
    quota_units: float = 0.0
    not_modified: int = 0  # 304 answers to If-None-Match: the cached payload was still right


CacheEntries = Callable[[list[str]], dict[str, tuple[dt.datetime, Any]]]


@dataclass
class RunContext:
    """What a provider needs from the run: cache access, options, a hook per finished account."""

    cache_get: Callable[[str, dt.timedelta | None], Any | None]  # (key, max_age or None for any age)
    cache_put_many: Callable[[list[tuple[str, Any]]], None]  # one transaction for one response
    window: int
    refresh: bool
    max_age: dt.timedelta
    finished: Callable[[AccountResult], None]
    options: dict[str, Any] = field(default_factory=dict)
    # one store transaction around several writes (e.g. the accounts of a batch finishing together)
    atomic: Callable[[], AbstractContextManager[Any]] = nullcontext
    # {key: (fetched_at, payload)} of many keys in a few queries (None: look keys up one by one)
    cache_entries: CacheEntries | None = None

    def cache_put(self, key: str, payload: Any) -> None:
        self.cache_put_many([(key, payload)])

    def fresh(self, key: str) -> Any | None:
        """A cached payload younger than max_age; never with refresh."""
        return None if self.refresh else self.cache_get(key, self.max_age)

    def lookup(self, key: str) -> tuple[Any | None, Any | None]:
        """(the fresh payload or None, the payload of any age or None): a stale payload is still
        worth its etag (If-None-Match)."""
        old = self.cache_get(key, None)
        if old is None or self.refresh:
            return None, old
        return (old if self.cache_get(key, self.max_age) is not None else None), old

    def prefetch(self, keys: list[str]) -> CacheView:
        """The cached entries of many keys read at once (a group's or batch's), to consult with the
        same `get` / `fresh` / `lookup` as the context, without one query per key."""
        return CacheView(self, self.cache_entries(keys) if self.cache_entries is not None else None)


class CacheView:
    """Cached entries read in one go (`RunContext.prefetch`): the same answers as the context's
    `cache_get` / `fresh` / `lookup` at the time they were read."""

    def __init__(self, ctx: RunContext, entries: dict[str, tuple[dt.datetime, Any]] | None) -> None:
        self.ctx = ctx
        self.entries = entries
        self.now = clock_now()

    def get(self, key: str, max_age: dt.timedelta | None) -> Any | None:
        if self.entries is None:
            return self.ctx.cache_get(key, max_age)
        entry = self.entries.get(key)
        if entry is None or (max_age is not None and self.now - entry[0] > max_age):
            return None
        return entry[1]

    def fresh(self, key: str) -> Any | None:
        return None if self.ctx.refresh else self.get(key, self.ctx.max_age)

    def lookup(self, key: str) -> tuple[Any | None, Any | None]:
        old = self.get(key, None)
        if old is None or self.ctx.refresh:
            return None, old
        return (old if self.get(key, self.ctx.max_age) is not None else None), old


class Provider(Protocol):
    name: str
    base_url: str  # every request goes under it
    counters: Counters
    stopped: str | None

    @property
    def client_headers(self) -> dict[str, str]:
        """Headers for every request of this provider."""
        ...

    async def run(self, targets: list[Target], ctx: RunContext, pool: HttpPool) -> None:
        """Fetch every target, calling ctx.finished(result) once per target."""
        ...


def summarize_posts(posts: list[dict[str, Any]], today: dt.date, unit: str = "posts") -> dict[str, Any]:
    """avg_views/avg_likes/avg_comments (ints, over the posts that show each count), the posting pace
    (posts_per_week, last_post_on, days_since_last_post: `metrics.posts.posting`, the same formula as
    for posts from a sheet) and a `live_sample` text saying what was averaged."""
    from ..metrics.posts import posting

    out: dict[str, Any] = {"avg_views": None, "avg_likes": None, "avg_comments": None,
                           "last_post_on": None, "posts_per_week": None, "days_since_last_post": None}
    n = len(posts)
    if not n:
        out["live_sample"] = f"0 {unit}"
        return out
    notes = [f"{n} {unit}"]
    for name, key in (("views", "avg_views"), ("likes", "avg_likes"), ("comments", "avg_comments")):
        values = [p[name] for p in posts if p.get(name) is not None]
        if values:
            out[key] = round(statistics.fmean(values))
        if len(values) < n and (values or name != "views"):
            notes.append(f"{name} hidden on {n - len(values)}"
                         + (f" (averaged over {len(values)})" if values else ""))
    out.update(posting([d for d in (_date(p.get("published_at")) for p in posts) if d is not None], today))
    out["live_sample"] = "; ".join(notes)
    return out


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
