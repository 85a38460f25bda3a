"""Instagram Graph API business discovery: one call per account (more only when the window needs
more media pages), professional accounts only.

    GET {graph}/{INSTAGRAM_USER_ID}?fields=business_discovery.username(NAME){followers_count,
        follows_count,media_count,biography,website,name,media.limit(N){caption,like_count,
        comments_count,timestamp,media_type,permalink}}&access_token=...

Errors (../shared/notes/platform-apis.md): 110 / subcode 2207013 -> an issue on that row; 4, 17, 32,
613, 80002 -> throttled: wait `estimated_time_to_regain_access` (X-Business-Use-Case-Usage, minutes)
then retry, or stop Instagram when that is longer than `max_wait`; 190 -> stop Instagram (bad or
expired token). X-App-Usage / X-Business-Use-Case-Usage percentages at or above `USAGE_SLOW` halve
the request rate, at 100 % everyone waits. The token is scrubbed from every message.

Published posts (the campaign report): `Instagram.media_by_shortcode(pool, username, shortcodes, ...)`
pages the account's media through the same business discovery call, with the fields readable on other
accounts' media today (POST_MEDIA_FIELDS: caption, like_count, comments_count, timestamp, media_type,
media_product_type, permalink; never the removed video_views/impressions/plays, which fail the whole
call), until every wanted post is found (matched by the shortcode of its permalink), the media are
older than the campaign, or `max_pages` pages were read. Views, reach and saves of other accounts'
media are not readable (insights): they come from the sheet.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import re
import time
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from ..clock import utcnow
from ..thresholds.live import setting
from .base import AccountResult, Counters, RunContext, Target
from .http import CallFailed, HttpPool, ProviderStop, Retry, scrub

if TYPE_CHECKING:
    import httpx

THROTTLE_CODES = {4, 17, 32, 613, 80002}
NOT_FOUND = (110, 2207013)
BAD_TOKEN = 190
# values and sources: LIVE_SETTINGS in influkit/thresholds/live.py
USAGE_SLOW = setting("usage_slow")  # percent of a usage header at which we slow down (Meta: throttled at 100)
USAGE_SLOW_FACTOR = setting("usage_slow_factor")  # request spacing multiplied by this
USAGE_SLOW_EVERY = setting("usage_slow_every")  # seconds between two slow-downs
USAGE_FULL_WAIT = setting("usage_full_wait")  # seconds everyone waits at 100 % without an estimate
DEFAULT_MAX_WAIT = setting("max_wait")  # seconds: a longer estimated_time_to_regain_access stops Instagram
MEDIA_PAGE = int(setting("media_page"))  # media per page asked for
ACCOUNT_FIELDS = "followers_count,follows_count,media_count,biography,website,name,username"
MEDIA_FIELDS = "caption,like_count,comments_count,timestamp,media_type,permalink"
# what business discovery returns for other accounts' media since Graph API v22 (platform-apis.md)
POST_MEDIA_FIELDS = "caption,like_count,comments_count,timestamp,media_type,media_product_type,permalink"
_SHORTCODE = re.compile(r"/(?:p|reels?|tv)/([A-Za-z0-9_-]+)")


def shortcode(url: str) -> str | None:
    """The shortcode of an Instagram post, reel or IGTV link (instagram.com/p/CODE/, /reel/CODE,
    /USER/p/CODE), None otherwise."""
    text = (url or "").lower()
    if "instagram.com" not in text and "instagr.am" not in text:
        return None
    m = _SHORTCODE.search(url)
    return m.group(1) if m else None


def fields_param(username: str, limit: int, after: str | None = None, media_fields: str = MEDIA_FIELDS) -> str:
    media = f"media.after({after}).limit({limit})" if after else f"media.limit({limit})"
    return f"business_discovery.username({username}){{{ACCOUNT_FIELDS},{media}{{{media_fields}}}}}"


def graph_error(response: httpx.Response) -> tuple[int | None, int | None, str]:
    try:
        err = response.json().get("error") or {}
    except (ValueError, AttributeError):
        return None, None, ""
    if not isinstance(err, dict):
        return None, None, ""
    code, sub = err.get("code"), err.get("error_subcode")
    return (code if isinstance(code, int) else None, sub if isinstance(sub, int) else None,
            str(err.get("message", "")))


def usage(response: httpx.Response) -> tuple[float, float]:
    """(highest usage percentage, longest estimated_time_to_regain_access in minutes) of the
    X-App-Usage and X-Business-Use-Case-Usage headers."""
    top, regain = 0.0, 0.0
    for name in ("x-app-usage", "x-business-use-case-usage", "x-ad-account-usage"):
        raw = response.headers.get(name)
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        entries: list[Any] = [data]
        if name == "x-business-use-case-usage" and isinstance(data, dict):
            entries = [e for v in data.values() if isinstance(v, list) for e in v]
        for e in entries:
            if not isinstance(e, dict):
                continue
            for k in ("call_count", "total_cputime", "total_time"):
                if isinstance(e.get(k), int | float):
                    top = max(top, float(e[k]))
            if isinstance(e.get("estimated_time_to_regain_access"), int | float):
                regain = max(regain, float(e["estimated_time_to_regain_access"]))
    return top, regain


def media_payload(m: dict[str, Any]) -> dict[str, Any]:
    ts = m.get("timestamp")
    published = None
    if isinstance(ts, str):
        try:  # "2021-08-17T19:00:42+0000"
            published = dt.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%S%z").astimezone(dt.UTC).isoformat()
        except ValueError:
            published = ts
    return {
        "post_id": m.get("id"),
        "published_at": published,
        "media_type": (m.get("media_type") or "").lower() or None,
        "views": None,
        "likes": m.get("like_count") if isinstance(m.get("like_count"), int) else None,  # hidden likes
        "comments": m.get("comments_count") if isinstance(m.get("comments_count"), int) else None,
        "caption": m.get("caption"),
        "permalink": m.get("permalink"),
    }


class NotFound(Exception):
    pass


class Instagram:
    name = "instagram"

    def __init__(self, access_token: str, user_id: str, base_url: str, *,
                 max_wait: float = DEFAULT_MAX_WAIT) -> None:
        self._token = access_token
        self.user_id = user_id
        self.base_url = base_url.rstrip("/")
        self.max_wait = max_wait
        self.counters = Counters()
        self.stopped: str | None = None
        self.max_usage = 0.0
        self._pool: HttpPool | None = None
        self._slowed_at = 0.0

    @property
    def client_headers(self) -> dict[str, str]:
        return {"Accept": "application/json"}  # the token travels in the query (Graph API), scrubbed

    def on_response(self, response: httpx.Response) -> None:
        top, regain = usage(response)
        self.max_usage = max(self.max_usage, top)
        if self._pool is None:
            return
        if top >= 100:
            self._pool.limiter.hold(regain * 60 or USAGE_FULL_WAIT)
        elif top >= USAGE_SLOW and time.monotonic() - self._slowed_at > USAGE_SLOW_EVERY:
            self._slowed_at = time.monotonic()
            self._pool.limiter.slow_down(USAGE_SLOW_FACTOR)

    def classify(self, response: httpx.Response) -> Retry | None:
        status = response.status_code
        if status == 200:
            return None
        code, sub, message = graph_error(response)
        message = scrub(message, [self._token])
        if code == BAD_TOKEN:
            self.stopped = ("instagram: the access token is invalid or expired (code 190): renew "
                            "INSTAGRAM_ACCESS_TOKEN")
            raise ProviderStop(self.stopped)
        if code in NOT_FOUND or sub in NOT_FOUND:
            return None
        if code in THROTTLE_CODES:
            _, regain = usage(response)
            wait = regain * 60
            if wait > self.max_wait:
                self.stopped = (f"instagram: throttled (code {code}); access comes back in about "
                                f"{regain:g} {'minute' if regain == 1 else 'minutes'}: rerun then to resume")
                raise ProviderStop(self.stopped)
            if self._pool is not None and wait:
                self._pool.limiter.hold(wait)
            return Retry(after=wait, reason=f"throttled (code {code})")
        if status >= 500 or status == 429:
            return Retry(reason=f"HTTP {status}")
        raise CallFailed(f"HTTP {status} code {code}: {message}")

    async def _check(self) -> None:
        if self.stopped:
            raise ProviderStop(self.stopped)

    async def call(self, pool: HttpPool, username: str, limit: int, after: str | None,
                   media_fields: str = MEDIA_FIELDS) -> dict[str, Any]:
        params = {"fields": fields_param(username, limit, after, media_fields), "access_token": self._token}
        response = await pool.get(f"{self.base_url}/{self.user_id}", params, self.classify,
                                  before=self._check)
        self.counters.requests += 1
        if response.status_code != 200:
            raise NotFound
        try:
            body = response.json()
        except ValueError as exc:
            raise CallFailed("response is not JSON") from exc
        bd = body.get("business_discovery") if isinstance(body, dict) else None
        if not isinstance(bd, dict):
            raise NotFound
        return bd

    async def media_by_shortcode(self, pool: HttpPool, username: str, codes: Collection[str], *,
                                 since: dt.date | None = None, max_pages: int = 10) -> dict[str, Any]:
        """The wanted media of one account, found by the shortcodes of their permalinks: pages of
        MEDIA_PAGE media (newest first) until every code is found, the page's oldest media is older
        than `since` (the campaign's first publication day), or `max_pages` pages were read.
        Returns {"account": {followers, username, ...}, "media": {code: payload}, "pages": n,
        "complete": every code found}. NotFound when the account is not a professional one; CallFailed
        / ProviderStop as for the account stats."""
        self._pool = pool
        pool.on_response = self.on_response
        wanted = set(codes)
        found: dict[str, dict[str, Any]] = {}
        after: str | None = None
        account: dict[str, Any] = {}
        pages = 0
        while pages < max_pages:
            bd = await self.call(pool, username, MEDIA_PAGE, after, POST_MEDIA_FIELDS)
            pages += 1
            if not account:
                account = {"id": bd.get("id"), "username": bd.get("username") or username,
                           "followers": bd.get("followers_count"), "post_count": bd.get("media_count")}
            media = bd.get("media") or {}
            items = [m for m in media.get("data") or [] if isinstance(m, dict)]
            fetched_at = utcnow()
            oldest: dt.date | None = None
            for m in items:
                payload = {**media_payload(m), "media_product_type": m.get("media_product_type"),
                           "fetched_at": fetched_at}
                code = shortcode(str(m.get("permalink") or ""))
                if code in wanted:
                    found[code] = payload
                day = str(payload.get("published_at") or "")[:10]
                if day:
                    with contextlib.suppress(ValueError):
                        oldest = min(oldest or dt.date.max, dt.date.fromisoformat(day))
            after = ((media.get("paging") or {}).get("cursors") or {}).get("after")
            if len(found) == len(wanted) or not items or not after:
                break
            if since is not None and oldest is not None and oldest < since:
                break
        return {"account": account, "media": found, "pages": pages, "complete": len(found) == len(wanted)}

    async def run(self, targets: list[Target], ctx: RunContext, pool: HttpPool) -> None:
        self._pool = pool
        pool.on_response = self.on_response
        # the accounts answered from the cache: read in one query, finished in one store transaction
        view = ctx.prefetch([f"user:{t.handle}" for t in targets])
        todo: list[Target] = []
        with ctx.atomic():
            for t in targets:
                cached = view.fresh(f"user:{t.handle}")
                if cached is not None and (cached.get("missing") or cached.get("complete")
                                           or len(cached.get("posts_list", [])) >= ctx.window):
                    if cached.get("missing"):
                        ctx.finished(AccountResult(t, "not_found", message=_NOT_FOUND_MSG))
                    else:
                        posts = cached["posts_list"][:ctx.window]
                        ctx.finished(AccountResult(t, "ok", {**cached, "posts_list": posts}))
                else:
                    todo.append(t)
        await asyncio.gather(*(self._one(t, ctx, pool) for t in todo))

    async def _one(self, t: Target, ctx: RunContext, pool: HttpPool) -> None:
        key = f"user:{t.handle}"
        try:
            stats = await self._fetch(t.handle, ctx.window, pool)
        except ProviderStop as exc:
            ctx.finished(AccountResult(t, "not_fetched", message=f"not fetched: {str(exc).removeprefix('instagram: ')}",
                                       cached=False))
            return
        except NotFound:
            ctx.cache_put(key, {"missing": True})
            ctx.finished(AccountResult(t, "not_found", message=_NOT_FOUND_MSG, cached=False))
            return
        except CallFailed as exc:
            ctx.finished(AccountResult(t, "failed", message=f"failed: {exc}", cached=False))
            return
        ctx.cache_put(key, stats)
        ctx.finished(AccountResult(t, "ok", stats, cached=False))

    async def _fetch(self, username: str, window: int, pool: HttpPool) -> dict[str, Any]:
        bd = await self.call(pool, username, min(window, MEDIA_PAGE), None)
        media = bd.get("media") or {}
        posts = [media_payload(m) for m in media.get("data") or [] if isinstance(m, dict)]
        after = ((media.get("paging") or {}).get("cursors") or {}).get("after")
        total = bd.get("media_count")
        while after and len(posts) < window and (not isinstance(total, int) or len(posts) < total):
            page = await self.call(pool, username, min(window - len(posts), MEDIA_PAGE), after)
            media = page.get("media") or {}
            got = [media_payload(m) for m in media.get("data") or [] if isinstance(m, dict)]
            if not got:
                break
            posts += got
            after = ((media.get("paging") or {}).get("cursors") or {}).get("after")
        return {
            "id": bd.get("id"),
            "username": bd.get("username") or username,
            "title": bd.get("name"),
            "followers": bd.get("followers_count"),
            "following": bd.get("follows_count"),
            "post_count": bd.get("media_count"),
            "description": bd.get("biography") or None,
            "website": bd.get("website"),
            "country": None,
            "followers_hidden": False,
            "posts_list": posts[:window],
            "complete": not after,
            "fetched_at": utcnow(),
        }


_NOT_FOUND_MSG = "account not found or not a professional account (code 110/2207013)"
