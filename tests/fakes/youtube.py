"""A fake YouTube Data API v3 (channels, playlistItems, videos) with the real wire format: counts as
strings, etags, pageInfo, nextPageToken paging, no `items` key when nothing matched, Google error
bodies (quotaExceeded, rateLimitExceeded, API_KEY_INVALID), a daily quota counted in units.

Answers 304 Not Modified (no body, still 1 unit) when `If-None-Match` names the answer's etag.
Faults are queued per endpoint with `fail_next("videos", 503, 429, "timeout", "quota")`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from dataclasses import dataclass, field
from typing import Any

BASE_PATH = "/youtube/v3"


def _etag(*parts: object) -> str:
    return hashlib.sha1(repr(parts).encode()).hexdigest()[:27]


def error(status: int, reason: str, message: str, domain: str = "youtube.quota") -> dict[str, Any]:
    return {"error": {"code": status, "message": message,
                      "errors": [{"message": message, "domain": domain, "reason": reason}]}}


QUOTA_BODY = error(403, "quotaExceeded", "The request cannot be completed because you have exceeded your "
                   '<a href="/youtube/v3/getting-started#quota">quota</a>.')
RATE_BODY = error(403, "rateLimitExceeded", "Rate limit exceeded", "usageLimits")
KEY_BODY = {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.",
                      "errors": [{"message": "API key not valid. Please pass a valid API key.",
                                  "domain": "global", "reason": "badRequest"}],
                      "status": "INVALID_ARGUMENT",
                      "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                                   "reason": "API_KEY_INVALID", "domain": "googleapis.com"}]}}


@dataclass
class Channel:
    id: str
    handle: str
    title: str
    subscribers: int
    hidden: bool = False
    username: str | None = None
    country: str | None = "FR"
    video_ids: list[str] = field(default_factory=list)  # newest first


@dataclass
class Video:
    id: str
    published: dt.datetime
    views: int
    likes: int | None
    comments: int | None
    title: str


class FakeYouTube:
    def __init__(self, key: str = "AIzaSyFAKE-test-key-0123456789abcdefgh", *, quota: int | None = None,
                 today: dt.date = dt.date(2025, 6, 1)) -> None:
        self.key = key
        self.quota = quota
        self.units = 0
        self.channels: dict[str, Channel] = {}
        self.videos: dict[str, Video] = {}
        self.faults: dict[str, list[Any]] = {}
        self.today = today
        self.lock = threading.Lock()
        self.fault_sleep = 2.0
        self.not_modified = 0  # 304s answered

    # ---------------------------------------------------------------------------- data
    def add_channel(self, handle: str, n_videos: int = 20, *, subscribers: int = 123_456, hidden: bool = False,
                    likes_hidden: int = 0, username: str | None = None, every_days: int = 3) -> str:
        n = len(self.channels)
        cid = "UC" + f"fake{n:06d}".ljust(22, "x")
        ch = Channel(cid, handle, f"Channel {handle}", subscribers, hidden, username)
        start = dt.datetime.combine(self.today, dt.time(12), dt.UTC)
        for j in range(n_videos):
            vid = f"v{n:05d}{j:05d}"  # 11 characters, like real video ids
            likes = None if j < likes_hidden else 100 + j
            self.videos[vid] = Video(vid, start - dt.timedelta(days=1 + j * every_days), 1000 + 10 * j, likes,
                                     10 + j, f"Video {j} of {handle}")
            ch.video_ids.append(vid)
        self.channels[cid] = ch
        return cid

    def add_video(self, vid: str, *, views: int, likes: int | None, comments: int | None, published: dt.datetime,
                  title: str = "") -> None:
        """A video with a given id (a campaign's published video), outside any channel's uploads."""
        self.videos[vid] = Video(vid, published, views, likes, comments, title or f"Video {vid}")

    def fail_next(self, endpoint: str, *actions: Any) -> None:
        with self.lock:
            self.faults.setdefault(endpoint, []).extend(actions)

    # ------------------------------------------------------------------------- wire
    def channel_item(self, ch: Channel) -> dict[str, Any]:
        stats: dict[str, Any] = {"viewCount": str(sum(self.videos[v].views for v in ch.video_ids)),
                                 "hiddenSubscriberCount": ch.hidden, "videoCount": str(len(ch.video_ids))}
        if not ch.hidden:
            # public counts are rounded down to 3 significant figures
            s = ch.subscribers
            digits = max(len(str(s)) - 3, 0)
            stats["subscriberCount"] = str(s // 10 ** digits * 10 ** digits)
        return {
            "kind": "youtube#channel", "etag": _etag(ch.id, ch.subscribers), "id": ch.id,
            "snippet": {"title": ch.title, "description": f"Bio of {ch.handle}", "customUrl": "@" + ch.handle,
                        "publishedAt": "2015-03-01T10:00:00Z", "country": ch.country,
                        "thumbnails": {"default": {"url": "https://yt3.ggpht.com/x", "width": 88, "height": 88}},
                        "localized": {"title": ch.title, "description": f"Bio of {ch.handle}"}},
            "contentDetails": {"relatedPlaylists": {"likes": "", "uploads": "UU" + ch.id[2:]}},
            "statistics": stats,
            "brandingSettings": {"channel": {"title": ch.title, "keywords": "cuisine \"recettes faciles\"",
                                             "country": ch.country}},
            "topicDetails": {"topicIds": ["/m/02wbm"],
                             "topicCategories": ["https://en.wikipedia.org/wiki/Food"]},
        }

    def video_item(self, v: Video) -> dict[str, Any]:
        stats = {"viewCount": str(v.views), "favoriteCount": "0"}
        if v.likes is not None:
            stats["likeCount"] = str(v.likes)
        if v.comments is not None:
            stats["commentCount"] = str(v.comments)
        return {"kind": "youtube#video", "etag": _etag(v.id, v.views), "id": v.id,
                "snippet": {"publishedAt": v.published.strftime("%Y-%m-%dT%H:%M:%SZ"), "title": v.title,
                            "channelId": "UC", "description": "", "categoryId": "26"},
                "contentDetails": {"duration": "PT8M3S", "definition": "hd", "caption": "false"},
                "statistics": stats}

    def __call__(self, method: str, path: str, query: dict[str, str],
                 headers: dict[str, str]) -> tuple[int, dict[str, str], Any]:
        endpoint = path.removeprefix(BASE_PATH).strip("/")
        if headers.get("x-goog-api-key", query.get("key")) != self.key:
            return 400, {}, KEY_BODY
        with self.lock:
            queue = self.faults.get(endpoint) or []
            action = queue.pop(0) if queue else None
            if self.quota is not None and self.units >= self.quota:
                action = "quota"
            if action != "quota":
                self.units += 1
        if action == "quota":
            return 403, {}, QUOTA_BODY
        if action == "timeout":
            time.sleep(self.fault_sleep)
        elif action == "ratelimit":
            return 403, {}, RATE_BODY
        elif action == "html":  # a proxy's or captive portal's page, with 200 OK
            return 200, {}, b"<html><body>Please log in to the Wi-Fi</body></html>"
        elif action == "gone":  # the channel was deleted mid-run: its uploads playlist no longer exists
            return 404, {}, error(404, "playlistNotFound", "The playlist identified with the request's "
                                  "<code>playlistId</code> parameter cannot be found.", "youtube.playlistItem")
        elif isinstance(action, int):
            if action >= 500:
                return action, {}, {"error": {"code": action, "message": "Backend Error",
                                              "errors": [{"reason": "backendError", "domain": "global"}]}}
            return action, {}, error(action, "rateLimitExceeded", "Too many requests", "usageLimits")
        if endpoint == "channels":
            answer = self.channels_list(query)
        elif endpoint == "playlistItems":
            answer = self.playlist_items(query)
        elif endpoint == "videos":
            answer = self.videos_list(query)
        else:
            return 404, {}, error(404, "notFound", "Not Found", "global")
        return self.conditional(answer, headers.get("if-none-match"))

    def conditional(self, answer: tuple[int, dict[str, str], Any],
                    if_none_match: str | None) -> tuple[int, dict[str, str], Any]:
        """304 Not Modified, without a body, when If-None-Match names the etag of the answer (quoted
        or not, weak or strong); the unit was charged all the same."""
        status, extra, body = answer
        if status != 200 or not if_none_match or not isinstance(body, dict):
            return answer
        sent = {t.strip().removeprefix("W/").strip('"') for t in if_none_match.split(",")}
        if body.get("etag") in sent or "*" in sent:
            self.not_modified += 1
            return 304, {"ETag": body["etag"]}, b""
        return answer

    def _list(self, kind: str, items: list[dict[str, Any]], per_page: int, **extra: Any) -> dict[str, Any]:
        total = extra.pop("total", len(items))
        body: dict[str, Any] = {"kind": kind, "etag": _etag(kind, [i["etag"] for i in items]), **extra,
                                "pageInfo": {"totalResults": total, "resultsPerPage": per_page}}
        if items:
            body["items"] = items
        return body

    def channels_list(self, q: dict[str, str]) -> tuple[int, dict[str, str], Any]:
        filters = [f for f in ("id", "forHandle", "forUsername") if f in q]
        if len(filters) != 1:
            return 400, {}, error(400, "incompatibleParameters", "Incompatible parameters", "youtube.parameter")
        found: list[Channel] = []
        if "id" in q:
            ids = q["id"].split(",")
            if len(ids) > 50:
                return 400, {}, error(400, "invalidFilters", "too many ids", "youtube.parameter")
            found = [self.channels[i] for i in ids if i in self.channels]
        elif "forHandle" in q:
            h = q["forHandle"].lstrip("@").lower()
            found = [c for c in self.channels.values() if c.handle.lower() == h][:1]
        else:
            found = [c for c in self.channels.values() if c.username == q["forUsername"]][:1]
        return 200, {}, self._list("youtube#channelListResponse", [self.channel_item(c) for c in found], 5)

    def playlist_items(self, q: dict[str, str]) -> tuple[int, dict[str, str], Any]:
        pl = q.get("playlistId", "")
        ch = self.channels.get("UC" + pl[2:])
        if ch is None or not pl.startswith("UU"):
            return 404, {}, error(404, "playlistNotFound", "The playlist identified with the request's "
                                  "<code>playlistId</code> parameter cannot be found.", "youtube.playlistItem")
        size = min(int(q.get("maxResults", 5)), 50)
        token = q.get("pageToken")
        start = int(token.removeprefix("CAUQ")) if token else 0
        page = ch.video_ids[start:start + size]
        items = [{"kind": "youtube#playlistItem", "etag": _etag(pl, v), "id": f"PLI{v}",
                  "contentDetails": {"videoId": v, "videoPublishedAt":
                                     self.videos[v].published.strftime("%Y-%m-%dT%H:%M:%SZ")}} for v in page]
        extra: dict[str, Any] = {"total": len(ch.video_ids)}
        if start + size < len(ch.video_ids):
            extra["nextPageToken"] = f"CAUQ{start + size}"
        if start:
            extra["prevPageToken"] = f"CAUQ{max(start - size, 0)}"
        return 200, {}, self._list("youtube#playlistItemListResponse", items, size, **extra)

    def videos_list(self, q: dict[str, str]) -> tuple[int, dict[str, str], Any]:
        ids = q.get("id", "").split(",")
        if len(ids) > 50:
            return 400, {}, error(400, "invalidFilters", "too many ids", "youtube.parameter")
        items = [self.video_item(self.videos[i]) for i in ids if i in self.videos]
        return 200, {}, self._list("youtube#videoListResponse", items, len(items))
