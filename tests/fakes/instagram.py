"""A fake Graph API business discovery endpoint with the real wire format: integer counts,
`media.limit(N)` / `media.after(CURSOR).limit(N)` paging, `+0000` timestamps, OAuthException error
bodies (110/2207013, 190, 4, ...), X-App-Usage and X-Business-Use-Case-Usage headers.

Faults: `fail_next("throttle", 500, "bad_token")`.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import threading
from dataclasses import dataclass, field
from typing import Any

USERNAME = re.compile(r"business_discovery\.username\(([^)]+)\)")
MEDIA = re.compile(r"media(?:\.after\(([^)]+)\))?\.limit\((\d+)\)")
MEDIA_FIELDS = re.compile(r"media(?:\.after\([^)]+\))?\.limit\(\d+\)\{([^}]*)\}")
# fields business discovery answers on other accounts' media (Graph API v22+); asking for anything else,
# e.g. the removed video_views or the insights, fails the whole call with error #100
READABLE_MEDIA_FIELDS = {"id", "caption", "like_count", "comments_count", "timestamp", "media_type",
                         "media_product_type", "permalink", "media_url", "children", "username"}


def oauth_error(code: int, message: str, subcode: int | None = None) -> dict[str, Any]:
    err: dict[str, Any] = {"message": message, "type": "OAuthException", "code": code,
                           "fbtrace_id": "AbCdEfGhIjK"}
    if subcode is not None:
        err["error_subcode"] = subcode
        err["is_transient"] = False
        err["error_user_title"] = "Cannot find user"
    return {"error": err}


@dataclass
class Account:
    username: str
    followers: int
    follows: int
    media: list[dict[str, Any]] = field(default_factory=list)  # newest first
    id: str = ""


class FakeGraph:
    def __init__(self, token: str = "EAAGfaketoken0123456789SECRET", user_id: str = "17841400000000001",
                 version: str = "v25.0", today: dt.date = dt.date(2025, 6, 1)) -> None:
        self.token = token
        self.user_id = user_id
        self.version = version
        self.today = today
        self.accounts: dict[str, Account] = {}
        self.faults: list[Any] = []
        self.usage = {"call_count": 5, "total_cputime": 2, "total_time": 3}
        self.regain_minutes = 0
        self.lock = threading.Lock()

    def add_account(self, username: str, n_media: int = 20, *, followers: int = 64976, hidden_likes: int = 0,
                    every_days: int = 2) -> None:
        n = len(self.accounts)
        start = dt.datetime.combine(self.today, dt.time(19, 0, 42), dt.UTC)
        media = []
        for j in range(n_media):
            m: dict[str, Any] = {
                "id": f"17{n:04d}{j:08d}", "caption": f"=HYPERLINK(\"x\") post {j}",
                "comments_count": 11 + j, "like_count": 87 + j, "media_type": "IMAGE" if j % 2 else "VIDEO",
                "permalink": f"https://www.instagram.com/p/C{n:03d}{j:04d}/",
                "timestamp": (start - dt.timedelta(days=1 + j * every_days)).strftime("%Y-%m-%dT%H:%M:%S+0000"),
            }
            if j < hidden_likes:
                del m["like_count"]
            media.append(m)
        self.accounts[username] = Account(username, followers, 321, media, id=f"1784140{n:010d}")

    def add_media(self, username: str, code: str, *, likes: int | None, comments: int, caption: str = "",
                  media_type: str = "IMAGE", product_type: str = "FEED", when: dt.datetime | None = None,
                  reel: bool = False) -> None:
        """A media with a given shortcode, inserted by date among the account's (newest first)."""
        acc = self.accounts[username]
        stamp = when or dt.datetime.combine(self.today, dt.time(12), dt.UTC)
        m: dict[str, Any] = {
            "id": f"18{len(acc.media):06d}{abs(hash(code)) % 10**8:08d}", "caption": caption,
            "comments_count": comments, "media_type": media_type, "media_product_type": product_type,
            "permalink": f"https://www.instagram.com/{'reel' if reel else 'p'}/{code}/",
            "timestamp": stamp.strftime("%Y-%m-%dT%H:%M:%S+0000"),
        }
        if likes is not None:
            m["like_count"] = likes
        acc.media.append(m)
        acc.media.sort(key=lambda x: x["timestamp"], reverse=True)

    def fail_next(self, *actions: Any) -> None:
        with self.lock:
            self.faults.extend(actions)

    def _headers(self) -> dict[str, str]:
        buc = {self.user_id: [{"type": "instagram", "call_count": self.usage["call_count"],
                               "total_cputime": self.usage["total_cputime"], "total_time": self.usage["total_time"],
                               "estimated_time_to_regain_access": self.regain_minutes}]}
        return {"X-App-Usage": json.dumps(self.usage), "X-Business-Use-Case-Usage": json.dumps(buc)}

    def __call__(self, method: str, path: str, query: dict[str, str],
                 headers: dict[str, str]) -> tuple[int, dict[str, str], Any]:
        with self.lock:
            action = self.faults.pop(0) if self.faults else None
        if action == "bad_token" or query.get("access_token") != self.token:
            return 400, {}, oauth_error(190, "Error validating access token: Session has expired.")
        if path != f"/{self.version}/{self.user_id}":
            return 400, {}, oauth_error(100, "Unsupported get request.")
        if action == "throttle":
            return 400, self._headers(), oauth_error(4, "Application request limit reached")
        if isinstance(action, int):
            return action, {}, {"error": {"message": "An unexpected error has occurred.", "type": "OAuthException",
                                          "code": 2, "is_transient": True, "fbtrace_id": "x"}}
        fields = query.get("fields", "")
        m = USERNAME.search(fields)
        acc = self.accounts.get(m.group(1)) if m else None
        if acc is None:
            name = m.group(1) if m else "?"
            return 400, self._headers(), oauth_error(
                110, f"Invalid user id: The user with username: {name} cannot be found.", 2207013)
        asked = MEDIA_FIELDS.search(fields)
        wanted = {f.strip() for f in asked.group(1).split(",")} if asked else None
        unknown = sorted((wanted or set()) - READABLE_MEDIA_FIELDS)
        if unknown:
            return 400, self._headers(), oauth_error(
                100, f"(#100) Tried accessing nonexisting field ({unknown[0]}) on node type (Media)")
        mm = MEDIA.search(fields)
        after, limit = (mm.group(1), int(mm.group(2))) if mm else (None, 25)
        start = int(base64.b64decode(after).decode().removeprefix("off:")) if after else 0
        page = [{k: v for k, v in m.items() if wanted is None or k in wanted or k == "id"}
                for m in acc.media[start:start + limit]]
        cursors: dict[str, str] = {"before": base64.b64encode(f"off:{start}".encode()).decode()}
        if start + limit < len(acc.media):
            cursors["after"] = base64.b64encode(f"off:{start + limit}".encode()).decode()
        bd = {"id": acc.id, "username": acc.username, "name": acc.username.title(),
              "followers_count": acc.followers, "follows_count": acc.follows, "media_count": len(acc.media),
              "biography": f"Bio of {acc.username}", "website": "https://example.com",
              "media": {"data": page, "paging": {"cursors": cursors}}}
        return 200, self._headers(), {"business_discovery": bd, "id": self.user_id}
