"""Shared HTTP machinery for the providers: bounded concurrency, a client-side rate limit, timeouts,
retries with jittered exponential backoff, and secret scrubbing.

- Several `httpx.AsyncClient`s of at most `CLIENT_CONNECTIONS` connections each, used round-robin:
  one client at concurrency 50 saturates a core in httpcore's pool scan (encode/httpx#3215;
  ../shared/notes/io-pitfalls.md: 138 req/s with one client vs 862 req/s with several).
- Rate limit: each request takes the next free time slot (1/rate seconds apart), after it holds a
  concurrency slot, so no slot is wasted waiting for a connection. A request that comes after its slot
  has passed (the loop was busy) may take up to `rate_catch_up` missed slots: the average stays at the
  rate instead of losing every late moment for good, and no window ever holds more than `rate_catch_up`
  requests over the rate.
- Backoff: "full jitter", sleep random() * min(cap, base * 2**attempt), as Google's API clients do
  (random() * 2**n); a server's Retry-After, when longer, wins.
"""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from ..text import count
from ..thresholds.live import setting

if TYPE_CHECKING:
    import httpx

# values and sources: LIVE_SETTINGS in influkit/thresholds/live.py
CLIENT_CONNECTIONS = int(setting("client_connections"))  # per AsyncClient; see the module docstring
DEFAULT_TIMEOUT = setting("timeout")  # seconds per request (connect/read/write/pool)
DEFAULT_RETRIES = int(setting("retries"))  # attempts after the first one
DEFAULT_BACKOFF_BASE = setting("backoff_base")  # seconds
DEFAULT_BACKOFF_CAP = setting("backoff_cap")  # seconds


class ProviderStop(Exception):
    """Stop every remaining call of one provider (quota exhausted, bad credentials, long throttle)."""


class CallFailed(Exception):
    """One call failed for good (retries exhausted or a non-retryable error): fails its accounts only."""


@dataclass
class Retry:
    """Returned by a classifier: retry this response, after at least `after` seconds."""

    after: float = 0.0
    reason: str = ""


Classifier = Callable[["httpx.Response"], Retry | None]


def scrub(text: str, secrets: Iterable[str]) -> str:
    """`text` with every secret replaced by '***', in every form a message can carry it: as is,
    URL-encoded (quote, quote_plus, upper or lower-case escapes), repr- or JSON-escaped."""
    import json
    from urllib.parse import quote, quote_plus

    for secret in secrets:
        if not secret:
            continue
        forms = {secret, quote(secret, safe=""), quote_plus(secret), repr(secret)[1:-1],
                 json.dumps(secret)[1:-1], secret.encode("unicode_escape").decode("ascii")}
        forms |= {f.lower() for f in forms if "%" in f}
        for form in sorted(forms, key=len, reverse=True):
            if form:
                text = text.replace(form, "***")
    return text


class RateLimiter:
    """At most `rate` acquisitions per second, evenly spaced; `hold(seconds)` pauses everyone.

    A slot is 1/rate seconds after the previous one. When an acquisition comes after its slot has
    passed, the slots it missed are not all lost: it may take one up to `catch_up` slots in the past
    (never before a hold ends), which lets up to `catch_up` acquisitions through at once. So over any
    window of t seconds there are at most rate * t + 1 + catch_up of them, and a client whose loop is
    sometimes late still keeps the rate on average (a token bucket of 1 + catch_up tokens)."""

    def __init__(self, rate: float | None, catch_up: float | None = None) -> None:
        self.interval = 1.0 / rate if rate else 0.0
        self.catch_up = setting("rate_catch_up") if catch_up is None else max(0.0, catch_up)
        self._next = 0.0
        self._hold_until = 0.0

    def hold(self, seconds: float) -> None:
        self._hold_until = max(self._hold_until, time.monotonic() + seconds)

    def slow_down(self, factor: float) -> None:
        """Stretch the spacing (used when a platform reports usage close to its limit)."""
        if self.interval:
            self.interval *= factor
        else:
            self.interval = setting("unlimited_slow_interval") * factor

    async def acquire(self) -> None:
        now = time.monotonic()
        slot = max(now - self.catch_up * self.interval, self._next, self._hold_until)
        self._next = slot + self.interval
        if slot > now:
            await asyncio.sleep(slot - now)


def _skip_missing_sniffio() -> None:
    """httpcore runs `import sniffio` on every request; when sniffio is not installed each attempt
    scans sys.path again (41k failed look-ups for 600 requests, ~25 % of the client's CPU). Recording
    the absence once makes the import fail at once; httpcore then assumes asyncio, which is right."""
    import importlib.util
    import sys

    if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
        sys.modules["sniffio"] = None  # type: ignore[assignment]


class HttpPool:
    """Bounded, rate-limited GETs with retries. Create and close inside one event loop."""

    def __init__(
        self,
        *,
        concurrency: int = 10,
        rate_limit: float | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff_base: float = DEFAULT_BACKOFF_BASE,
        backoff_cap: float = DEFAULT_BACKOFF_CAP,
        secrets: Iterable[str] = (),
        headers: dict[str, str] | None = None,
        on_response: Callable[[httpx.Response], None] | None = None,
        tls: bool = True,
    ) -> None:
        """`tls=False` when every URL is plain http:// (a local proxy, a test server): the CA bundle is
        then not loaded (~30 ms); an https:// URL would fail certificate verification, never pass
        unchecked."""
        import httpx

        _skip_missing_sniffio()
        self.concurrency = max(1, int(concurrency))
        self.limiter = RateLimiter(rate_limit)
        self.retries = retries
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.secrets = [s for s in secrets if s]
        self.on_response = on_response
        self.requests = 0  # HTTP responses received (every attempt)
        self.retried = 0
        self._sem = asyncio.Semaphore(self.concurrency)
        n_clients = max(1, math.ceil(self.concurrency / CLIENT_CONNECTIONS))
        per_client = min(CLIENT_CONNECTIONS, self.concurrency)
        limits = httpx.Limits(max_connections=per_client, max_keepalive_connections=per_client)
        if tls:
            ssl_context = httpx.create_ssl_context()  # loading the CA bundle costs ~35 ms: once, not per client
        else:
            import ssl

            ssl_context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies, and trusts no CA at all
        self._clients = [
            httpx.AsyncClient(timeout=httpx.Timeout(timeout), limits=limits, headers=headers or {},
                              follow_redirects=False, verify=ssl_context)
            for _ in range(n_clients)
        ]
        self._turn = 0

    async def aclose(self) -> None:
        await asyncio.gather(*(c.aclose() for c in self._clients), return_exceptions=True)

    def _client(self) -> httpx.AsyncClient:
        self._turn = (self._turn + 1) % len(self._clients)
        return self._clients[self._turn]

    def backoff(self, attempt: int) -> float:
        return float(random.random() * min(self.backoff_cap, self.backoff_base * 2 ** attempt))

    async def get(self, url: str, params: dict[str, Any], classify: Classifier,
                  headers: dict[str, str] | None = None,
                  before: Callable[[], Awaitable[None]] | None = None) -> httpx.Response:
        """GET with retries. `classify` returns a Retry for responses to retry, None to hand the
        response back, or raises ProviderStop / CallFailed. Transport errors and timeouts are retried.
        `before` runs before every attempt (a provider's own checks, e.g. a stop flag)."""
        import httpx

        # encoded once here (not by httpx at every attempt, which checks and quotes character by character)
        full_url = f"{url}?{urlencode(params, safe=',')}" if params else url
        last = ""
        for attempt in range(self.retries + 1):
            wait = 0.0
            async with self._sem:
                await self.limiter.acquire()
                if before is not None:  # checked once we may send: a stop may have come meanwhile
                    await before()
                try:
                    response = await self._client().get(full_url, headers=headers)
                except httpx.TransportError as exc:
                    last = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                    response = None
                if response is not None:
                    self.requests += 1
                    if self.on_response is not None:
                        self.on_response(response)
                    verdict = classify(response)
                    if verdict is None and response.status_code == 200 and not _is_json(response):
                        # a proxy's or a captive portal's page answered with 200: retried like a 5xx
                        verdict = Retry(reason="HTTP 200 whose body is not JSON")
                    if verdict is None:
                        return response
                    last = verdict.reason or f"HTTP {response.status_code}"
                    wait = max(verdict.after, _retry_after(response))
            if attempt == self.retries:
                break
            self.retried += 1
            await asyncio.sleep(max(wait, self.backoff(attempt)))
        raise CallFailed(scrub(f"{last} after {count(self.retries + 1, 'attempt')}", self.secrets))


def _is_json(response: httpx.Response) -> bool:
    try:
        response.json()
    except ValueError:
        return False
    return True


def _retry_after(response: httpx.Response) -> float:
    value = response.headers.get("retry-after")
    if not value:
        return 0.0
    try:
        return min(float(value), DEFAULT_BACKOFF_CAP)
    except ValueError:
        return 0.0
