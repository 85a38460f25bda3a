"""Live-stats settings: request rates, timeouts, retries, caching, batching (providers read these;
options and the config file can override the defaults, see docs/live-stats.md)."""

from __future__ import annotations

from typing import NamedTuple


class Setting(NamedTuple):
    value: float
    unit: str
    source: str


# Every rate, threshold, delay and default of the live-stats providers, each with where it comes from.
# The modules read these (http.py, youtube.py, instagram.py, live.py); options and the config file can
# override the defaults (see live.py and docs/live-stats.md).
LIVE_SETTINGS: dict[str, Setting] = {
    # ------------------------------------------------------------------------ request rates, concurrency
    "youtube_rate": Setting(20, "requests/s", "influkit default: YouTube's binding limit is the daily quota "
                            "(10,000 units; developers.google.com/youtube/v3/getting-started#quota), not a rate"),
    "instagram_rate": Setting(1, "requests/s", "influkit starting rate; Instagram Platform calls are under "
                              "Business Use Case limits, read from X-Business-Use-Case-Usage and X-App-Usage "
                              "(developers.facebook.com/docs/graph-api/overview/rate-limiting)"),
    "concurrency": Setting(10, "requests in flight per provider", "io-pitfalls.md: concurrency 10 reached "
                           "181 req/s of 200 against a 50 ms server; more only adds queueing"),
    "rate_catch_up": Setting(4, "missed slots", "influkit: a request that comes after its time slot has "
                             "passed (the event loop was busy reading answers) may take up to this many missed "
                             "slots, so a busy client keeps the configured average; in any window it sends at "
                             "most this many requests more than the rate (YouTube's binding limit is its daily "
                             "quota, Meta's usage is counted over an hour: rate-limiting docs)"),
    "client_connections": Setting(10, "connections per httpx.AsyncClient", "encode/httpx#3215, io-pitfalls.md: "
                                  "one client at 50 connections saturates a core in httpcore's pool scan"),
    # ------------------------------------------------------------------------------ timeouts, retries
    "timeout": Setting(20, "s per request", "between httpx's 5 s default and google-api-python-client's "
                       "60 s (DEFAULT_HTTP_TIMEOUT_SEC): a 50-id batch can be slow, a dead link should not hang"),
    "retries": Setting(5, "attempts after the first", "google-api-python-client retries 5xx, 429 and "
                       "rate-limit 403s num_retries times; 5 waits at most 1+2+4+8+16 = 31 s in all"),
    "backoff_base": Setting(1.0, "s", "google-api-python-client _retry_request sleeps random() * 2**n s "
                            "(full jitter); ours: random() * min(cap, base * 2**n)"),
    "backoff_cap": Setting(64.0, "s", "Google Cloud truncated exponential backoff: maximum_backoff 32 or 64 s; "
                           "also the most of a server's Retry-After we honour"),
    # ------------------------------------------------------------------------- Instagram usage headers
    "usage_slow": Setting(80, "% of a usage header", "Meta throttles at 100 % (call_count, total_cputime, "
                          "total_time; rate-limiting docs): from 80 % we halve our rate to stay under 100 %"),
    "usage_slow_factor": Setting(2.0, "x request spacing", "halve the rate; again at most once per "
                                 "usage_slow_every while usage stays high"),
    "usage_slow_every": Setting(10.0, "s", "influkit: leave time for the usage figure to move before "
                                "slowing down again"),
    "usage_full_wait": Setting(60.0, "s", "influkit: at 100 % without estimated_time_to_regain_access, "
                               "everyone waits this long before the next call"),
    "max_wait": Setting(900.0, "s", "issue #4: a throttle longer than 15 min stops Instagram (resume later) "
                        "instead of hanging the run"),
    "unlimited_slow_interval": Setting(0.05, "s", "the spacing slow_down starts from when no rate limit was "
                                       "set (20 req/s, the YouTube default)"),
    # ----------------------------------------------------------------------------- caching and batching
    "max_age": Setting(24, "h", "issue #4: default freshness; the YouTube quota resets daily and public "
                       "counts move little within a day"),
    "handle_reuse_days": Setting(30, "days", "influkit: a resolved @handle -> channel id is reused this long "
                                 "(by id 1/50 unit per channel, a forHandle call 1 unit)"),
    "window": Setting(12, "posts / videos", "HypeAuditor's engagement rate is over the latest 12 posts "
                      "(help.hypeauditor.com)"),
    "batch": Setting(50, "ids per call", "YouTube Data API maximum for id lists and maxResults "
                     "(channels.list, videos.list, playlistItems.list reference)"),
    "media_page": Setting(50, "media per business discovery page", "influkit: one call covers windows up to "
                          "50 posts; more pages follow the `after` cursor"),
}


def setting(name: str) -> float:
    """The value of one LIVE_SETTINGS entry."""
    return LIVE_SETTINGS[name].value


def rows() -> list[dict[str, object]]:
    return [{"group": "live stats", "name": name, "value": f"{s.value:g} {s.unit}", "source": s.source}
            for name, s in LIVE_SETTINGS.items()]
