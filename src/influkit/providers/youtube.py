"""YouTube Data API v3, quota-minimal.

Every call below costs 1 unit, every page again (../shared/notes/platform-apis.md). Per account:

- channel: channel ids (from the sheet, or a handle resolved on an earlier run) are looked up 50 per
  `channels.list?id=` call (1/50 unit each); a new `@handle` costs one `channels.list?forHandle=`
  (which already returns the whole channel, so no second lookup), a /user/ link one `forUsername=`;
- recent uploads: `playlistItems.list` on the uploads playlist, only the pages the window needs
  (none when videoCount is 0);
- video numbers: `videos.list`, 50 ids per call, batched across channels.

So a 50-video window costs 2 + 1/50 units per channel given by id. `search.list` is never used.

Published posts (the campaign report): `YouTube.videos_by_id(pool, ids)` asks `videos.list` for the
videos themselves, 50 ids per call (1 unit per call), and `video_id(url)` reads the id of a watch,
youtu.be, shorts or live link.
Every response is cached in the store as soon as it arrives (one executemany and one transaction
per response), so a run stopped by quota exhaustion, Ctrl-C or kill -9 resumes without repeating a
completed call. The cache is read with one query per step of a group (its handles, channels,
playlists, videos), not one per key.
The API key travels in the `X-Goog-Api-Key` header, never in a URL.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..clock import utcnow
from ..io.parse.profiles import is_youtube_channel_id
from ..thresholds.live import setting
from .base import AccountResult, Counters, RunContext, Target
from .http import CallFailed, HttpPool, ProviderStop, Retry, scrub

if TYPE_CHECKING:
    import httpx

# values and sources: LIVE_SETTINGS in influkit/thresholds/live.py
BATCH = int(setting("batch"))  # ids per channels.list / videos.list call, items per playlistItems page
HANDLE_MAX_AGE = dt.timedelta(days=setting("handle_reuse_days"))  # a resolved @handle -> channel id
GROUP = BATCH  # accounts processed together (one id batch, one videos.list batching pool)
CHANNEL_PARTS = "snippet,statistics,contentDetails,brandingSettings,topicDetails"
VIDEO_PARTS = "snippet,statistics,contentDetails"
QUOTA_REASONS = {"quotaExceeded", "dailyLimitExceeded"}
RATE_REASONS = {"rateLimitExceeded", "userRateLimitExceeded"}
KEY_REASONS = {"keyInvalid", "API_KEY_INVALID", "keyExpired", "API_KEY_EXPIRED", "accessNotConfigured",
               "ipRefererBlocked", "forbidden", "API_KEY_SERVICE_BLOCKED"}


is_channel_id = is_youtube_channel_id  # (the one definition: `io.parse.profiles`)


def now_iso() -> str:
    return utcnow()


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


def batch_tag(response_etag: str | None, position: int, size: int) -> dict[str, Any]:
    """What a cached entry remembers of the batch response it came from, so that once stale the same
    batch can be asked again with `If-None-Match` (see `plan_batches`)."""
    if not response_etag:
        return {}
    return {"resp_etag": response_etag, "batch_pos": position, "batch_n": size}


def plan_batches(keys: list[str], stale: dict[str, dict[str, Any]]) -> list[tuple[list[str], str | None]]:
    """Split `keys` into batches of at most BATCH, each with the etag to send as If-None-Match (or None).

    A response's etag only matches the same request, so an earlier batch can be revalidated only if it
    is asked again whole, in the same order: stale entries are grouped by the response they came from
    (`resp_etag`) and a complete group becomes a conditional batch when that costs no extra call
    (never more calls than ceil(len(keys) / BATCH)); everything else is packed into plain batches."""
    groups: dict[str, list[tuple[int, str]]] = {}
    rest: list[str] = []
    for key in keys:
        old = stale.get(key) or {}
        etag = old.get("resp_etag")
        if etag:
            groups.setdefault(etag, []).append((int(old.get("batch_pos", 0)), key))
        else:
            rest.append(key)
    best = -(-len(keys) // BATCH)  # the fewest calls possible
    remaining = len(keys)  # keys not in an accepted conditional batch
    out: list[tuple[list[str], str | None]] = []
    for etag, members in sorted(groups.items(), key=lambda g: -len(g[1])):
        complete = len(members) == stale[members[0][1]].get("batch_n") and len(members) <= BATCH
        if complete and len(out) + 1 + -(-(remaining - len(members)) // BATCH) <= best:
            out.append(([k for _, k in sorted(members)], etag))
            remaining -= len(members)
        else:
            rest += [k for _, k in members]
    out += [(rest[k:k + BATCH], None) for k in range(0, len(rest), BATCH)]
    return out


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
        "etag": item.get("etag"),
    }


_VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def video_id(url: str) -> str | None:
    """The video id of a YouTube link (watch?v=, youtu.be/, /shorts/, /live/, /embed/), None otherwise."""
    from urllib.parse import parse_qs, urlsplit

    text = url.strip()
    if not re.match(r"^https?://", text, re.IGNORECASE):
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    candidate: str | None = None
    if host == "youtu.be":
        candidate = parts.path.strip("/").split("/")[0]
    elif host.endswith("youtube.com"):
        if parts.path.startswith("/watch"):
            candidate = (parse_qs(parts.query).get("v") or [""])[0]
        else:
            m = re.match(r"^/(?:shorts|live|embed|v)/([^/?#]+)", parts.path)
            candidate = m.group(1) if m else None
    return candidate if candidate and _VIDEO_ID.match(candidate) else None


class YouTube:
    name = "youtube"

    def __init__(self, api_key: str, base_url: str) -> None:
        self._key = api_key
        self.base_url = base_url.rstrip("/")
        self.counters = Counters()
        self.stopped: str | None = None

    # ------------------------------------------------------------------------------ plumbing

    @property
    def client_headers(self) -> dict[str, str]:
        """Sent with every request (set once on the HTTP clients, not merged per request)."""
        return {"X-Goog-Api-Key": self._key, "Accept": "application/json"}

    def classify(self, response: httpx.Response) -> Retry | None:
        status = response.status_code
        self.counters.quota_units += 1  # every call costs, every page again (invalid calls too)
        if status in (200, 304):  # 304 Not Modified: YouTube charges it like a 200
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

    async def call(self, pool: HttpPool, endpoint: str, params: dict[str, Any],
                   etag: str | None = None) -> dict[str, Any]:
        """The JSON body; {"not_modified": True} when `etag` was sent and the server answered 304."""
        headers = None if etag is None else {"If-None-Match": etag}
        response = await pool.get(f"{self.base_url}/{endpoint}", params, self.classify,
                                  headers=headers, before=self._check)
        self.counters.requests += 1
        if response.status_code == 304:
            self.counters.not_modified += 1
            return {"not_modified": True}
        if response.status_code == 404:
            return {"items": [], "not_found": True}
        try:
            body = response.json()
        except (ValueError, json.JSONDecodeError) as exc:
            raise CallFailed(f"{endpoint}: response is not JSON") from exc
        return body if isinstance(body, dict) else {}

    # ------------------------------------------------------------------------- published posts

    async def videos_by_id(self, pool: HttpPool, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The numbers of these videos: `videos.list?part=snippet,statistics,contentDetails&id=...`, 50 ids
        per call, 1 quota unit per call. {id: video_payload}, {"missing": True} for a video the API does
        not return (private, deleted, wrong id). A failed call raises CallFailed, a quota or key problem
        ProviderStop (`stopped` says why)."""
        wanted = list(dict.fromkeys(ids))
        out: dict[str, dict[str, Any]] = {}

        async def batch(chunk: list[str]) -> None:
            body = await self.call(pool, "videos", {"part": VIDEO_PARTS, "id": ",".join(chunk),
                                                    "maxResults": BATCH})
            got = {it.get("id"): video_payload(it) for it in body.get("items") or [] if isinstance(it, dict)}
            fetched_at = now_iso()
            for vid in chunk:
                out[vid] = {**got[vid], "fetched_at": fetched_at} if vid in got else {"missing": True,
                                                                                   "fetched_at": fetched_at}

        await asyncio.gather(*(batch(wanted[k:k + BATCH]) for k in range(0, len(wanted), BATCH)))
        return out

    # --------------------------------------------------------------------------------- run

    async def run(self, targets: list[Target], ctx: RunContext, pool: HttpPool) -> None:
        groups = [targets[i:i + GROUP] for i in range(0, len(targets), GROUP)]
        in_flight = asyncio.Semaphore(max(2, pool.concurrency // 2))

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
        # 1. channel ids: from the sheet, or a handle resolved before (the group's cache entries are
        # read in one query per step, not one per key)
        handles = ctx.prefetch([self._handle_key(t) for t in group if not is_channel_id(t.handle)])
        for i, t in enumerate(group):
            if is_channel_id(t.handle):
                cid_of[i] = t.handle
                continue
            mapping = handles.get(self._handle_key(t), HANDLE_MAX_AGE)
            if mapping and mapping.get("id"):
                cid_of[i] = mapping["id"]
            elif mapping and handles.fresh(self._handle_key(t)) is not None:
                finish(i, "not_found", message="channel not found")
            else:
                resolve.append(i)
        old_mappings = {i: handles.get(self._handle_key(group[i]), None) or {} for i in resolve}
        channels = ctx.prefetch([f"channel:{cid}" for cid in cid_of.values()]
                                + [f"channel:{m['id']}" for m in old_mappings.values() if m.get("id")])
        need_ids: dict[str, list[int]] = {}
        stale: dict[str, dict[str, Any]] = {}  # key -> an old payload to revalidate with its etag
        for i, cid in cid_of.items():
            cached, old = channels.lookup(f"channel:{cid}")
            if cached is None:
                need_ids.setdefault(cid, []).append(i)
                if old is not None:
                    stale[cid] = old
            elif cached.get("missing"):
                finish(i, "not_found", message="channel not found")
            else:
                channel[i] = cached

        async def by_ids(ids: list[str], etag: str | None) -> None:
            rows = [i for cid in ids for i in need_ids[cid]]
            fetched.update(rows)
            try:
                body = await self.call(pool, "channels", {"part": CHANNEL_PARTS, "id": ",".join(ids),
                                                          "maxResults": BATCH}, etag)
            except CallFailed as exc:
                for i in rows:
                    finish(i, "failed", message=f"channels.list failed: {exc}")
                return
            if body.get("not_modified"):
                answers = {cid: {**stale[cid], "fetched_at": now_iso()} for cid in ids}
            else:
                found = {it.get("id"): channel_payload(it) for it in body.get("items") or []}
                answers = {cid: {**found.get(cid, {"missing": True, "fetched_at": now_iso()}),
                                 **batch_tag(body.get("etag"), k, len(ids))} for k, cid in enumerate(ids)}
            ctx.cache_put_many([(f"channel:{cid}", payload) for cid, payload in answers.items()])
            for cid, payload in answers.items():
                for i in need_ids[cid]:
                    if payload.get("missing"):
                        finish(i, "not_found", message="channel not found")
                    else:
                        channel[i] = payload

        async def by_handle(i: int) -> None:
            t = group[i]
            key = self._handle_key(t)
            fetched.add(i)
            params: dict[str, Any] = {"part": CHANNEL_PARTS}
            if t.username_hint:
                params["forUsername"] = t.handle
            else:
                params["forHandle"] = "@" + t.handle
            # revalidate an old answer: a mapping (with its response's etag) and, if found, its channel
            old = old_mappings[i]
            old_channel = channels.get(f"channel:{old['id']}", None) if old.get("id") else None
            if old_channel is not None and old_channel.get("missing"):
                old_channel = None
            etag = old.get("etag") if (old_channel is not None or not old.get("id")) else None
            try:
                body = await self.call(pool, "channels", params, etag)
            except CallFailed as exc:
                finish(i, "failed", message=f"channels.list failed: {exc}")
                return
            if body.get("not_modified"):
                if old_channel is None:
                    ctx.cache_put(key, old)
                    finish(i, "not_found", message="channel not found")
                    return
                payload = {**old_channel, "fetched_at": now_iso()}
                ctx.cache_put_many([(f"channel:{payload['id']}", payload), (key, old)])
                channel[i] = payload
                return
            items = body.get("items") or []
            if not items:
                ctx.cache_put(key, {"id": None, "etag": body.get("etag")})
                finish(i, "not_found", message="channel not found")
                return
            payload = channel_payload(items[0])
            ctx.cache_put_many([(f"channel:{payload['id']}", payload),
                                (key, {"id": payload["id"], "etag": body.get("etag")})])
            channel[i] = payload

        await asyncio.gather(*(by_ids(ids, etag) for ids, etag in plan_batches(list(need_ids), stale)),
                             *(by_handle(i) for i in resolve))

        # 2. recent uploads, only the pages the window needs
        uploads: dict[int, list[str]] = {}
        playlists = ctx.prefetch([f"uploads:{ch['id']}" for ch in channel.values()
                                  if ch.get("uploads") and ch.get("post_count") != 0])

        async def recent(i: int) -> None:
            ch = channel[i]
            if not ch.get("uploads") or ch.get("post_count") == 0:
                uploads[i] = []
                return
            key = f"uploads:{ch['id']}"
            cached, old = playlists.lookup(key)
            if cached is not None and (cached["complete"] or len(cached["ids"]) >= ctx.window):
                uploads[i] = cached["ids"][:ctx.window]
                return
            old_pages = (old or {}).get("pages") or []
            fetched.add(i)
            ids: list[str] = []
            pages: list[dict[str, Any]] = []  # per page: its etag, how many ids, the next page token
            token: str | None = None
            complete = False
            while len(ids) < ctx.window:
                params = {"part": "contentDetails", "playlistId": ch["uploads"],
                          "maxResults": min(BATCH, ctx.window - len(ids))}
                if token:
                    params["pageToken"] = token
                k = len(pages)
                old_page = old_pages[k] if k < len(old_pages) else None
                try:
                    body = await self.call(pool, "playlistItems", params,
                                           old_page.get("etag") if old_page else None)
                except CallFailed as exc:
                    finish(i, "failed", message=f"playlistItems.list failed: {exc}")
                    return
                if body.get("not_found"):
                    # the uploads playlist is gone (channel deleted or made private during the run): an
                    # issue on the row, never "0 videos" cached as a complete answer
                    finish(i, "failed", message="its uploads playlist was not found (channel deleted or made "
                                                "private?): no videos read")
                    return
                if body.get("not_modified") and old_page is not None:
                    first = sum(pg["n"] for pg in old_pages[:k])
                    page_ids = list(old["ids"][first:first + old_page["n"]]) if old else []
                    token = old_page.get("next")
                    pages.append(old_page)
                else:
                    page_ids = [it["contentDetails"]["videoId"] for it in body.get("items") or []
                                if (it.get("contentDetails") or {}).get("videoId")]
                    token = body.get("nextPageToken")
                    pages.append({"etag": body.get("etag"), "n": len(page_ids), "next": token})
                ids += page_ids
                if not token:
                    complete = True
                    break
            ctx.cache_put(key, {"ids": ids, "complete": complete, "pages": pages})
            uploads[i] = ids[:ctx.window]

        await asyncio.gather(*(recent(i) for i in list(channel)))

        # 3. video numbers, 50 ids per call across the group's channels
        videos: dict[str, dict[str, Any]] = {}
        wanted: dict[str, list[int]] = {}
        stale_videos: dict[str, dict[str, Any]] = {}
        cached_videos = ctx.prefetch([f"video:{vid}" for i in sorted(uploads) for vid in uploads[i]])
        for i in sorted(uploads):  # a stable order, so that the same batches are asked again
            for vid in uploads[i]:
                if vid in videos:
                    continue
                if vid in wanted:
                    wanted[vid].append(i)
                    continue
                cached, old = cached_videos.lookup(f"video:{vid}")
                if cached is not None:
                    videos[vid] = cached
                    continue
                wanted[vid] = [i]
                if old is not None:
                    stale_videos[vid] = old
        failed: dict[int, str] = {}

        async def video_batch(vids: list[str], etag: str | None) -> None:
            for vid in vids:
                fetched.update(wanted[vid])
            try:
                body = await self.call(pool, "videos", {"part": VIDEO_PARTS, "id": ",".join(vids),
                                                        "maxResults": BATCH}, etag)
            except CallFailed as exc:
                for vid in vids:
                    for i in wanted[vid]:
                        failed[i] = f"videos.list failed: {exc}"
                return
            if body.get("not_modified"):
                for vid in vids:
                    videos[vid] = stale_videos[vid]
            else:
                got = {it.get("id"): video_payload(it) for it in body.get("items") or []}
                tag = body.get("etag")
                for k, vid in enumerate(vids):  # missing: private or deleted since
                    videos[vid] = {**got.get(vid, {"missing": True}), **batch_tag(tag, k, len(vids))}
            ctx.cache_put_many([(f"video:{vid}", videos[vid]) for vid in vids])

        await asyncio.gather(*(video_batch(vids, etag)
                               for vids, etag in plan_batches(list(wanted), stale_videos)))

        # 4. one result per account, the group's store writes in one transaction
        with ctx.atomic():
            for i, ids in uploads.items():
                if i in failed:
                    finish(i, "failed", message=failed[i])
                    continue
                posts = [videos[v] for v in ids if v in videos and not videos[v].get("missing")]
                finish(i, "ok", {**channel[i], "posts_list": posts})

    def _handle_key(self, t: Target) -> str:
        return f"{'user' if t.username_hint else 'handle'}:{t.handle}"
