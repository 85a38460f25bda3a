"""What every live-stats provider shares: the account target, the result model and the summary of
an account's recent posts (averages, posting frequency), computed the same way for every platform.

Averages say what they were computed over (`live_sample`): likes hidden on a video or post are
unknown, not zero, so avg_likes is the mean over the posts that show likes.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

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

    def cache_put(self, key: str, payload: Any) -> None:
        self.cache_put_many([(key, payload)])

    def fresh(self, key: str) -> Any | None:
        """A cached payload younger than max_age; never with refresh."""
        return None if self.refresh else self.cache_get(key, self.max_age)


class Provider(Protocol):
    name: str
    counters: Counters
    stopped: str | None

    async def run(self, targets: list[Target], ctx: RunContext, pool: HttpPool) -> None:
        """Fetch every target, calling ctx.finished(result) once per target."""
        ...


def summarize_posts(posts: list[dict[str, Any]], today: dt.date, unit: str = "posts") -> dict[str, Any]:
    """avg_views/avg_likes/avg_comments (ints, over the posts that show each count), last_post_on,
    posts_per_week (posts in the window / weeks from the oldest of them to today), the medians and a
    `live_sample` text saying what was averaged."""
    out: dict[str, Any] = {"avg_views": None, "avg_likes": None, "avg_comments": None,
                           "last_post_on": None, "posts_per_week": None}
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
    dates = sorted(d for d in (_date(p.get("published_at")) for p in posts) if d is not None)
    if dates:
        out["last_post_on"] = dates[-1]
        days = max((today - dates[0]).days, 1)
        out["posts_per_week"] = round(len(dates) * 7 / days, 2)
    out["live_sample"] = "; ".join(notes)
    return out


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
