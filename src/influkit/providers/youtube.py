"""YouTube Data API v3, quota-minimal.

Every call below costs 1 unit, every page again (../shared/notes/platform-apis.md). Per account:

- channel: channel ids (from the sheet, or a handle resolved on an earlier run) are looked up 50 per
  `channels.list?id=` call (1/50 unit each); a new `@handle` costs one `channels.list?forHandle=`
  (which already returns the whole channel, so no second lookup), a /user/ link one `forUsername=`;
- recent uploads: `playlistItems.list` on the uploads playlist, only the pages the window needs
  (none when videoCount is 0);
- video numbers: `videos.list`, 50 ids per call, batched across channels.

So a 50-video window costs 2 + 1/50 units per channel given by id. `search.list` is never used.
Every response is cached in the store as soon as it arrives (one transaction per response), so a
run stopped by quota exhaustion, Ctrl-C or kill -9 resumes without repeating a completed call.
The API key travels in the `X-Goog-Api-Key` header, never in a URL.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from .base import AccountResult, Counters, RunContext, Target
from .http import CallFailed, HttpPool, ProviderStop, Retry, scrub

if TYPE_CHECKING:
    import httpx

BATCH = 50  # ids per channels.list / videos.list call, items per playlistItems page (API maximum)
HANDLE_MAX_AGE = dt.timedelta(days=30)  # a resolved @handle -> channel id mapping is reused this long
GROUP = 50  # accounts processed together (one id batch, one videos.list batching pool)
CHANNEL_PARTS = "snippet,statistics,contentDetails,brandingSettings,topicDetails"
VIDEO_PARTS = "snippet,statistics,contentDetails"
QUOTA_REASONS = {"quotaExceeded", "dailyLimitExceeded"}
RATE_REASONS = {"rateLimitExceeded", "userRateLimitExceeded"}
KEY_REASONS = {"keyInvalid", "API_KEY_INVALID", "keyExpired", "API_KEY_EXPIRED", "accessNotConfigured",
               "ipRefererBlocked", "forbidden", "API_KEY_SERVICE_BLOCKED"}


def is_channel_id(handle: str) -> bool:
    return len(handle) == 24 and handle.startswith("UC")


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def error_reason(response: httpx.Response) -> tuple[str, str]:
    """(reason, message) of a Google API error body; ("", "") when there is none."""
    try:
        err = response.json().get("error") or {}
    except (ValueError, AttributeError):
        return "", ""
    if not isinstance(err, dict):
        return "", ""
    reasons = [e.get("reason", "") for e in err.get("errors") or [] if isinstance(e, dict)]
    reasons += [d.get("reason", "") for d in err.get("details") or [] if isinstance(d, dict)]
    known = [r for r in reasons if r in QUOTA_REASONS | RATE_REASONS | KEY_REASONS]
    reason = (known or [r for r in reasons if r] or [str(err.get("status", ""))])[0]
    return reason, str(err.get("message", ""))


def _int(value: Any) -> int | None:
    """Counts arrive as strings ("2260000"); absent means hidden/unknown, not zero."""
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def channel_payload(item: dict[str, Any]) -> dict[str, Any]:
    """The part of a channel resource influkit keeps (cached as is)."""
    snippet = item.get("snippet") or {}
    stats = item.get("statistics") or {}
    branding = (item.get("brandingSettings") or {}).get("channel") or {}
    hidden = bool(stats.get("hiddenSubscriberCount"))
    topics = (item.get("topicDetails") or {}).get("topicCategories") or []
    return {
        "id": item.get("id"),
        "title": snippet.get("title"),
        "custom_url": snippet.get("customUrl"),
        "description": snippet.get("description") or None,
        "country": snippet.get("country") or branding.get("country") or None,
        "keywords": branding.get("keywords") or None,
        "topics": [str(t).rsplit("/", 1)[-1] for t in topics],
        "followers": None if hidden else _int(stats.get("subscriberCount")),
        "followers_hidden": hidden,
        "views": _int(stats.get("viewCount")),
        "post_count": _int(stats.get("videoCount")),
        "uploads": ((item.get("contentDetails") or {}).get("relatedPlaylists") or {}).get("uploads"),
        "etag": item.get("etag"),
        "fetched_at": now_iso(),
    }


def video_payload(item: dict[str, Any]) -> dict[str, Any]:
    snippet = item.get("snippet") or {}
    stats = item.get("statistics") or {}
    vid = item.get("id")
    return {
        "post_id": vid,
        "published_at": snippet.get("publishedAt"),
        "media_type": "video",
        "views": _int(stats.get("viewCount")),
        "likes": _int(stats.get("likeCount")),  # absent when the owner hides likes
        "comments": _int(stats.get("commentCount")),  # absent when comments are off
        "caption": snippet.get("title"),
        "permalink": f"https://www.youtube.com/watch?v={vid}",
    }


class YouTube:
    name = "youtube"

    def __init__(self, api_key: str, base_url: str) -> None:
        self._key = api_key
        self.base_url = base_url.rstrip("/")
        self.counters = Counters()
        self.stopped: str | None = None

    # ------------------------------------------------------------------------------ plumbing

    def headers(self) -> dict[str, str]:
        return {"X-Goog-Api-Key": self._key, "Accept": "application/json"}

    def classify(self, response: httpx.Response) -> Retry | None:
        status = response.status_code
        self.counters.quota_units += 1  # every call costs, every page again (invalid calls too)
        if status == 200:
            return None
        reason, message = error_reason(response)
        if reason in QUOTA_REASONS:
            self.stopped = ("youtube: daily quota exhausted (quotaExceeded) after "
                            f"{self.counters.quota_units:g} units; rerun after midnight Pacific time to resume")
            raise ProviderStop(self.stopped)
        if status == 429 or reason in RATE_REASONS or status >= 500:
            return Retry(reason=f"HTTP {status}" + (f" {reason}" if reason else ""))
        if reason in KEY_REASONS or (status in (400, 401, 403) and "API key" in message):
            self.stopped = f"youtube: the API key was rejected ({reason or status}): check YOUTUBE_API_KEY"
            raise ProviderStop(self.stopped)
        if status == 404:
            return None  # playlistNotFound: handled by the caller
        raise CallFailed(scrub(f"HTTP {status} {reason}: {message}".strip(), [self._key]))

    async def _check(self) -> None:
        if self.stopped:
            raise ProviderStop(self.stopped)

    async def call(self, pool: HttpPool, endpoint: str, params: dict[str, Any]) -> dict[str, Any]:
        response = await pool.get(f"{self.base_url}/{endpoint}", params, self.classify,
                                  headers=self.headers(), before=self._check)
        self.counters.requests += 1
        if response.status_code == 404:
            return {"items": [], "not_found": True}
        try:
            body = response.json()
        except (ValueError, json.JSONDecodeError) as exc:
            raise CallFailed(f"{endpoint}: response is not JSON") from exc
        return body if isinstance(body, dict) else {}

    # --------------------------------------------------------------------------------- run

    async def run(self, targets: list[Target], ctx: RunContext, pool: HttpPool) -> None:
        groups = [targets[i:i + GROUP] for i in range(0, len(targets), GROUP)]
        in_flight = asyncio.Semaphore(max(2, pool.concurrency // 5))

        async def one(group: list[Target]) -> None:
            async with in_flight:
                await self._group(group, ctx, pool)

        await asyncio.gather(*(one(g) for g in groups))

    async def _group(self, group: list[Target], ctx: RunContext, pool: HttpPool) -> None:
        done: set[int] = set()
        fetched: set[int] = set()  # targets that needed at least one request

        def finish(i: int, status: str, stats: dict[str, Any] | None = None, message: str = "") -> None:
            if i in done:
                return
            done.add(i)
            ctx.finished(AccountResult(group[i], status, stats, message, cached=i not in fetched))

        try:
            await self._group_steps(group, ctx, pool, finish, fetched)
        except ProviderStop as exc:
            for i in range(len(group)):
                finish(i, "not_fetched", message=f"not fetched: {str(exc).removeprefix('youtube: ')}")

    async def _group_steps(self, group: list[Target], ctx: RunContext, pool: HttpPool,
                           finish: Any, fetched: set[int]) -> None:
        channel: dict[int, dict[str, Any]] = {}
        cid_of: dict[int, str] = {}
        resolve: list[int] = []
        # 1. channel ids: from the sheet, or a handle resolved before
        for i, t in enumerate(group):
            if is_channel_id(t.handle):
                cid_of[i] = t.handle
                continue
            mapping = ctx.cache_get(self._handle_key(t), HANDLE_MAX_AGE)
            if mapping and mapping.get("id"):
                cid_of[i] = mapping["id"]
            elif mapping and ctx.fresh(self._handle_key(t)) is not None:
                finish(i, "not_found", message="channel not found")
            else:
                resolve.append(i)
        need_ids: dict[str, list[int]] = {}
        for i, cid in cid_of.items():
            cached = ctx.fresh(f"channel:{cid}")
            if cached is None:
                need_ids.setdefault(cid, []).append(i)
            elif cached.get("missing"):
                finish(i, "not_found", message="channel not found")
            else:
                channel[i] = cached

        async def by_ids(ids: list[str]) -> None:
            rows = [i for cid in ids for i in need_ids[cid]]
            fetched.update(rows)
            try:
                body = await self.call(pool, "channels", {"part": CHANNEL_PARTS, "id": ",".join(ids),
                                                          "maxResults": BATCH})
            except CallFailed as exc:
                for i in rows:
                    finish(i, "failed", message=f"channels.list failed: {exc}")
                return
            found = {it.get("id"): channel_payload(it) for it in body.get("items") or []}
            answers = {cid: found.get(cid, {"missing": True, "fetched_at": now_iso()}) for cid in ids}
            ctx.cache_put_many([(f"channel:{cid}", payload) for cid, payload in answers.items()])
            for cid, payload in answers.items():
                for i in need_ids[cid]:
                    if payload.get("missing"):
                        finish(i, "not_found", message="channel not found")
                    else:
                        channel[i] = payload

        async def by_handle(i: int) -> None:
            t = group[i]
            fetched.add(i)
            params: dict[str, Any] = {"part": CHANNEL_PARTS}
            if t.username_hint:
                params["forUsername"] = t.handle
            else:
                params["forHandle"] = "@" + t.handle
            try:
                body = await self.call(pool, "channels", params)
            except CallFailed as exc:
                finish(i, "failed", message=f"channels.list failed: {exc}")
                return
            items = body.get("items") or []
            if not items:
                ctx.cache_put(self._handle_key(t), {"id": None})
                finish(i, "not_found", message="channel not found")
                return
            payload = channel_payload(items[0])
            ctx.cache_put_many([(f"channel:{payload['id']}", payload), (self._handle_key(t), {"id": payload["id"]})])
            channel[i] = payload

        ids = list(need_ids)
        await asyncio.gather(*(by_ids(ids[k:k + BATCH]) for k in range(0, len(ids), BATCH)),
                             *(by_handle(i) for i in resolve))

        # 2. recent uploads, only the pages the window needs
        uploads: dict[int, list[str]] = {}

        async def recent(i: int) -> None:
            ch = channel[i]
            if not ch.get("uploads") or ch.get("post_count") == 0:
                uploads[i] = []
                return
            key = f"uploads:{ch['id']}"
            cached = ctx.fresh(key)
            if cached is not None and (cached["complete"] or len(cached["ids"]) >= ctx.window):
                uploads[i] = cached["ids"][:ctx.window]
                return
            fetched.add(i)
            ids: list[str] = []
            token: str | None = None
            complete = False
            while len(ids) < ctx.window:
                params = {"part": "contentDetails", "playlistId": ch["uploads"],
                          "maxResults": min(BATCH, ctx.window - len(ids))}
                if token:
                    params["pageToken"] = token
                try:
                    body = await self.call(pool, "playlistItems", params)
                except CallFailed as exc:
                    finish(i, "failed", message=f"playlistItems.list failed: {exc}")
                    return
                ids += [it["contentDetails"]["videoId"] for it in body.get("items") or []
                        if (it.get("contentDetails") or {}).get("videoId")]
                token = body.get("nextPageToken")
                if not token:
                    complete = True
                    break
            ctx.cache_put(key, {"ids": ids, "complete": complete})
            uploads[i] = ids[:ctx.window]

        await asyncio.gather(*(recent(i) for i in list(channel)))

        # 3. video numbers, 50 ids per call across the group's channels
        videos: dict[str, dict[str, Any]] = {}
        wanted: dict[str, list[int]] = {}
        for i, ids in uploads.items():
            for vid in ids:
                cached = None if vid in videos else ctx.fresh(f"video:{vid}")
                if cached is not None:
                    videos[vid] = cached
                elif vid not in videos:
                    wanted.setdefault(vid, []).append(i)
        failed: dict[int, str] = {}

        async def video_batch(vids: list[str]) -> None:
            for vid in vids:
                fetched.update(wanted[vid])
            try:
                body = await self.call(pool, "videos", {"part": VIDEO_PARTS, "id": ",".join(vids),
                                                        "maxResults": BATCH})
            except CallFailed as exc:
                for vid in vids:
                    for i in wanted[vid]:
                        failed[i] = f"videos.list failed: {exc}"
                return
            got = {it.get("id"): video_payload(it) for it in body.get("items") or []}
            for vid in vids:
                videos[vid] = got.get(vid, {"missing": True})  # private or deleted since
            ctx.cache_put_many([(f"video:{vid}", videos[vid]) for vid in vids])

        vids = list(wanted)
        await asyncio.gather(*(video_batch(vids[k:k + BATCH]) for k in range(0, len(vids), BATCH)))

        # 4. one result per account
        for i, ids in uploads.items():
            if i in failed:
                finish(i, "failed", message=failed[i])
                continue
            ch = channel[i]
            posts = [videos[v] for v in ids if v in videos and not videos[v].get("missing")]
            stats = {**ch, "posts_list": posts}
            finish(i, "ok", stats)

    def _handle_key(self, t: Target) -> str:
        return f"{'user' if t.username_hint else 'handle'}:{t.handle}"
