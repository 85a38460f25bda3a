"""A small threaded HTTP/1.1 server around an app callable, with latency and a request log.

`app(method, path, query, headers) -> (status, headers, body)`; body is a dict (sent as JSON) or
bytes. Every request is logged (path, query, status) so tests can count calls.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

App = Callable[[str, str, dict[str, str], dict[str, str]], tuple[int, dict[str, str], Any]]


class FakeServer:
    def __init__(self, app: App, *, latency: float = 0.0, rate_limit: float | None = None,
                 burst: float | None = None) -> None:
        self.app = app
        self.latency = latency
        self.log: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.rate_limit = rate_limit  # server-side token bucket; over it -> 429
        self.burst = burst if burst is not None else (rate_limit or 0) * 0.1 + 1
        self._tokens = self.burst
        self._last = time.monotonic()
        self.rejected = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body leave in two writes; with Nagle's algorithm on, the body's last segment
            # waits for the client's delayed ACK (~40 ms on Linux), which real API front ends do not add.
            disable_nagle_algorithm = True

            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                parts = urlsplit(self.path)
                query = dict(parse_qsl(parts.query, keep_blank_values=True))
                headers = {k.lower(): v for k, v in self.headers.items()}
                arrived = time.monotonic()
                if server.latency:
                    time.sleep(server.latency)
                if not server._take():
                    extra: dict[str, str] = {}
                    status, body = 429, {"error": {"code": 429, "message": "Too many requests",
                                                              "errors": [{"reason": "rateLimitExceeded",
                                                                          "domain": "usageLimits"}]}}
                else:
                    status, extra, body = server.app("GET", parts.path, query, headers)
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                with server.lock:
                    server.log.append({"path": parts.path, "query": query, "status": status,
                                       "t": time.monotonic(), "arrived": arrived, "headers": headers})
                try:
                    self.send_response(status)
                    if status != 304:  # 304 Not Modified: headers only, never a body
                        self.send_header("Content-Type", "application/json; charset=UTF-8")
                        self.send_header("Content-Length", str(len(data)))
                    for k, v in extra.items():
                        self.send_header(k, v)
                    self.end_headers()
                    if status != 304:
                        self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 256

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def _take(self) -> bool:
        if not self.rate_limit:
            return True
        with self.lock:
            now = time.monotonic()
            self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate_limit)
            self._last = now
            if self._tokens >= 1:
                self._tokens -= 1
                return True
            self.rejected += 1
            return False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> FakeServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def calls(self, path_suffix: str = "") -> list[dict[str, Any]]:
        with self.lock:
            return [r for r in self.log if r["path"].endswith(path_suffix)]
