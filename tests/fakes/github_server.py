"""A loopback stand-in for GitHub's REST API (``GET /orgs/{org}/repos``).

Usage::

    with FakeGitHub() as fake:
        fake.add_org("monzo", [("Go", False), ("Python", False), ("Go", True)])  # (lang, fork)
        client = GitHubClient(fake.base_url)
        ...
        fake.rate_limit(status=403, remaining=0, reset=...)   # next answer: limited
        fake.retry_after(429, seconds=30)

Every answer carries ``X-RateLimit-Remaining`` / ``X-RateLimit-Reset`` like GitHub's; the
remaining count goes down by one per request from ``limit``.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class _State:
    orgs: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    queue: deque[tuple[int, dict[str, str], Any]] = field(default_factory=deque)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    remaining: int = 60
    reset: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        state = self.server.state
        parts = urlsplit(self.path)
        with state.lock:
            state.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            queued = state.queue.popleft() if state.queue else None
            state.remaining = max(0, state.remaining - 1)
            limit_headers = {
                "X-RateLimit-Limit": "60",
                "X-RateLimit-Remaining": str(state.remaining),
                "X-RateLimit-Reset": str(state.reset or int(time.time()) + 3600),
            }
            orgs = dict(state.orgs)
        if queued is not None:
            status, headers, body = queued
            self._send(status, {**limit_headers, **headers}, body)
            return
        segs = [s for s in parts.path.split("/") if s]
        if len(segs) == 3 and segs[0] == "orgs" and segs[2] == "repos":
            org = segs[1].lower()
            if org not in orgs:
                self._send(404, limit_headers, {"message": "Not Found", "status": "404"})
                return
            query = parse_qs(parts.query)
            per_page = int(query.get("per_page", ["30"])[0])
            page = int(query.get("page", ["1"])[0])
            repos = orgs[org][(page - 1) * per_page : page * per_page]
            self._send(200, limit_headers, repos)
            return
        self._send(404, limit_headers, {"message": "Not Found"})

    def _send(self, status: int, headers: dict[str, str], body: Any) -> None:
        data = (body if isinstance(body, str) else json.dumps(body)).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: _State


class FakeGitHub:
    """Programmable fake GitHub on 127.0.0.1 (a free port), served from a daemon thread."""

    def __init__(self, *, remaining: int = 60) -> None:
        self._state = _State(remaining=remaining)
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.state = self._state
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fake-github",
            daemon=True,
        )
        self._thread.start()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def add_org(self, name: str, repos: list[tuple[str | None, bool]], archived: int = 0) -> None:
        """Public repositories as (main language, is a fork); ``archived`` extra archived ones."""
        items = [
            {"name": f"repo{i}", "language": lang, "fork": fork, "archived": False}
            for i, (lang, fork) in enumerate(repos)
        ]
        items += [
            {"name": f"old{i}", "language": "Perl", "fork": False, "archived": True}
            for i in range(archived)
        ]
        with self._state.lock:
            self._state.orgs[name.lower()] = items

    def set_remaining(self, remaining: int, reset: int = 0) -> None:
        with self._state.lock:
            self._state.remaining = remaining
            self._state.reset = reset

    def respond(self, status: int, body: Any = None, headers: dict[str, str] | None = None) -> None:
        """Queue one answer for the next request, whatever it asks."""
        with self._state.lock:
            self._state.queue.append((status, headers or {}, body or {"message": "error"}))

    @property
    def requests(self) -> list[tuple[str, dict[str, str]]]:
        with self._state.lock:
            return list(self._state.requests)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeGitHub:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
