"""A loopback stand-in for Google Calendar v3 and Google's OAuth endpoints.

Driven by the real google-api-python-client (``api_endpoint = fake.api_endpoint``)::

    with FakeCalendar() as fake:
        fake.fail(403, reason="rateLimitExceeded", op="insert", times=2)
        ...
        assert len(fake.events()) == 3

Implements events insert/get/patch/update/delete/list (privateExtendedProperty filter,
showDeleted, syncToken/nextSyncToken with 410 when a token expired, pagination),
calendarList.list, the batch endpoint (multipart/mixed, at ``/batch/calendar/v3``), and the
OAuth token, consent and revoke endpoints. Request bodies are checked against the Event
schema of the shipped discovery document (400 on unknown fields or wrong types). Failures on
demand: any status (401, 403 rateLimitExceeded, 404, 410, 500, ...) or a hang, per operation.
Every wait is bounded and :meth:`FakeCalendar.close` ends hanging handlers at once.
"""

from __future__ import annotations

import copy
import email
import itertools
import json
import threading
import urllib.parse
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.fakes.calendar_schema import SchemaError, check, schema

BATCH_BOUNDARY = "batch_careerdesk_fake"
_SYNC_FORBIDDEN = (
    "privateExtendedProperty",
    "sharedExtendedProperty",
    "q",
    "iCalUID",
    "orderBy",
    "timeMin",
    "timeMax",
    "updatedMin",
)
_REASONS = {400: "badRequest", 401: "authError", 403: "forbidden", 404: "notFound"}
_REASONS |= {409: "duplicate", 410: "deleted", 429: "rateLimitExceeded", 500: "backendError"}
_PHRASES = {200: "OK", 204: "No Content", 400: "Bad Request", 401: "Unauthorized"}
_PHRASES |= {403: "Forbidden", 404: "Not Found", 410: "Gone", 429: "Too Many Requests"}
_PHRASES |= {500: "Internal Server Error", 503: "Service Unavailable"}


@dataclass
class Recorded:
    """One API operation as the fake saw it (inner batch requests are recorded one by one)."""

    op: str
    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    in_batch: bool
    status: int = 0


@dataclass
class _Rule:
    status: int
    op: str | None
    times: int
    reason: str | None = None
    hang_s: float = 0.0


@dataclass
class _Answer:
    status: int
    body: Any = None


@dataclass
class _State:
    calendars: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    rules: list[_Rule] = field(default_factory=list)
    requests: list[Recorded] = field(default_factory=list)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    revoked: list[str] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)
    challenges: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> PKCE
    auth_requests: list[dict[str, str]] = field(default_factory=list)  # consent page queries
    valid_tokens: set[str] | None = None  # None: any bearer token is accepted
    reject_all_tokens: bool = False
    refresh_fails: bool = False
    deny_consent: bool = False
    seq: int = 0
    epoch: int = 1
    batch_posts: int = 0


def google_error(status: int, message: str, reason: str | None = None) -> dict[str, Any]:
    reason = reason or _REASONS.get(status, "backendError")
    domain = "usageLimits" if "Limit" in reason else "global"
    return {
        "error": {
            "errors": [{"domain": domain, "reason": reason, "message": message}],
            "code": status,
            "message": message,
        }
    }


class FakeCalendar:
    """The fake server plus helpers to look at and change its calendars "as the user"."""

    def __init__(self, calendars: tuple[str, ...] = ("primary", "work@example.com")) -> None:
        self.state = _State()
        self.lock = threading.RLock()
        self.stop = threading.Event()
        # Set by close() and release_hangs(): a hanging operation ends when it is set.
        self.wake = threading.Event()
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        # Called (on the server's thread) after each API request was applied, before its
        # answer is sent: fault tests kill the client at a chosen request with it.
        self.on_applied: Callable[[Recorded], None] | None = None
        self._ids = itertools.count(1)
        for i, cal in enumerate(calendars):
            self.state.calendars[cal] = {
                "id": "me@example.com" if cal == "primary" else cal,
                "summary": "Me" if cal == "primary" else cal.split("@")[0].title(),
                "primary": i == 0,
                "accessRole": "owner",
            }
            self.state.events[cal] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.fake = self  # type: ignore[attr-defined]
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    # -- addresses ---------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_endpoint(self) -> str:
        return f"{self.base_url}/calendar/v3/"

    @property
    def token_uri(self) -> str:
        return f"{self.base_url}/token"

    @property
    def revoke_uri(self) -> str:
        return f"{self.base_url}/revoke"

    @property
    def auth_uri(self) -> str:
        return f"{self.base_url}/auth"

    # -- failures on demand ----------------------------------------------------------------------
    def fail(
        self, status: int, *, op: str | None = None, times: int = 1, reason: str | None = None
    ) -> None:
        """The next ``times`` operations named ``op`` (any when None) answer ``status``."""
        with self.lock:
            self.state.rules.append(_Rule(status, op, times, reason))

    def lose_answer(
        self, op: str = "insert", *, batch: bool = False, status: int = 503, times: int = 1
    ) -> None:
        """Apply the next ``times`` ``op`` requests, then answer ``status`` instead of the result.

        ``batch=False``: plain (non-batch) ``op`` requests. ``batch=True``: batch requests that
        contain an ``op`` part; every part is applied, the whole batch answers ``status``.
        What Google does when its answer is lost on the way (a 5xx from a proxy, a reset).
        """
        key = f"lost:batch:{op}" if batch else f"lost:{op}"
        with self.lock:
            self.state.rules.append(_Rule(status, key, times))

    def hang(self, seconds: float = 10.0, *, op: str | None = None, times: int = 1) -> None:
        """The next ``times`` operations named ``op`` wait ``seconds`` (or until close)."""
        with self.lock:
            self.state.rules.append(_Rule(0, op, times, hang_s=seconds))

    def release_hangs(self) -> None:
        """End every hang now (and make later ones return at once): lets a test decide when
        the "network" answers, e.g. only after the GUI thread has shown it kept running."""
        self.wake.set()

    def wait_hang(self, seconds: float) -> bool:
        """Hang for ``seconds`` or until released or closed; True when the server is closing."""
        self.wake.wait(seconds)
        return self.stop.is_set()

    def clear_failures(self) -> None:
        with self.lock:
            self.state.rules.clear()

    def invalidate_access_tokens(self) -> None:
        """Every access token given so far stops working (a refresh gets a new one)."""
        with self.lock:
            self.state.valid_tokens = set()

    def set_reject_all_tokens(self, on: bool = True) -> None:
        with self.lock:
            self.state.reject_all_tokens = on

    def set_refresh_fails(self, on: bool = True) -> None:
        with self.lock:
            self.state.refresh_fails = on

    def set_deny_consent(self, on: bool = True) -> None:
        with self.lock:
            self.state.deny_consent = on

    def expire_sync_tokens(self) -> None:
        """Every sync token given so far answers 410 Gone."""
        with self.lock:
            self.state.epoch += 1

    # -- looking and changing "as the user" ------------------------------------------------
    def events(self, calendar_id: str = "primary", *, deleted: bool = False) -> list[dict]:
        with self.lock:
            items = self.state.events[calendar_id].values()
            return [_public(e) for e in items if deleted or e.get("status") != "cancelled"]

    def find(self, uid: str, calendar_id: str = "primary") -> list[dict]:
        return [
            e
            for e in self.events(calendar_id)
            if (e.get("extendedProperties") or {}).get("private", {}).get("careerdeskId") == uid
        ]

    def add_event(self, body: dict[str, Any], calendar_id: str = "primary") -> dict:
        """Create an event directly (someone else's, or a duplicate)."""
        with self.lock:
            return _public(self._insert(calendar_id, copy.deepcopy(body)))

    def move_event(
        self, event_id: str, start: datetime, end: datetime, calendar_id: str = "primary"
    ) -> dict:
        """What dragging the event in Google Calendar does."""
        with self.lock:
            event = self.state.events[calendar_id][event_id]
            event["start"] = {"dateTime": start.isoformat(), "timeZone": "UTC"}
            event["end"] = {"dateTime": end.isoformat(), "timeZone": "UTC"}
            self._touch(event)
            return _public(event)

    def delete_event(self, event_id: str, calendar_id: str = "primary") -> None:
        with self.lock:
            event = self.state.events[calendar_id][event_id]
            event["status"] = "cancelled"
            self._touch(event)

    def purge_event(self, event_id: str, calendar_id: str = "primary") -> None:
        """Remove an event for good (emptied from the bin): its id is free again."""
        with self.lock:
            del self.state.events[calendar_id][event_id]

    def snapshot(self) -> dict[str, Any]:
        """The calendars' events as they are now (for :meth:`restore`)."""
        with self.lock:
            return {"events": copy.deepcopy(self.state.events), "seq": self.state.seq}

    def restore(self, snapshot: dict[str, Any]) -> None:
        """Put the events of :meth:`snapshot` back (sync tokens given then stay valid)."""
        with self.lock:
            self.state.events = copy.deepcopy(snapshot["events"])
            self.state.seq = snapshot["seq"]

    def ops(self, name: str | None = None) -> list[Recorded]:
        with self.lock:
            return [r for r in self.state.requests if name is None or r.op == name]

    @property
    def batch_posts(self) -> int:
        with self.lock:
            return self.state.batch_posts

    @property
    def token_requests(self) -> list[dict[str, str]]:
        with self.lock:
            return list(self.state.token_requests)

    @property
    def auth_requests(self) -> list[dict[str, str]]:
        """The query of every consent-page request (client_id, scope, code_challenge...)."""
        with self.lock:
            return list(self.state.auth_requests)

    @property
    def revoked(self) -> list[str]:
        with self.lock:
            return list(self.state.revoked)

    def close(self) -> None:
        self.stop.set()
        self.wake.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def __enter__(self) -> FakeCalendar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals (call with the lock held) -----------------------------------------------
    def _now(self) -> str:
        return (
            self.clock().astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        )

    def _touch(self, event: dict[str, Any]) -> None:
        self.state.seq += 1
        event["_seq"] = self.state.seq
        event["etag"] = f'"{self.state.seq}"'
        event["updated"] = self._now()
        event["sequence"] = event.get("sequence", -1) + 1

    def _insert(self, calendar_id: str, body: dict[str, Any]) -> dict[str, Any]:
        event_id = body.get("id") or uuid.uuid4().hex
        event = {**body, "id": event_id, "kind": "calendar#event"}
        event.setdefault("status", "confirmed")
        event["created"] = self._now()
        event["iCalUID"] = f"{event_id}@google.com"
        event["htmlLink"] = f"{self.base_url}/event?eid={event_id}"
        organizer = self.state.calendars[calendar_id]["id"]
        event["organizer"] = event["creator"] = {"email": organizer, "self": True}
        self._touch(event)
        self.state.events[calendar_id][event_id] = event
        return event

    def _take_rule(self, op: str) -> _Rule | None:
        lost = op.startswith("lost:")
        for rule in self.state.rules:
            # A lost-answer rule is taken only where asked for; a plain rule never there.
            if lost != (rule.op or "").startswith("lost:"):
                continue
            if rule.times > 0 and (rule.op is None or rule.op == op):
                rule.times -= 1
                if rule.times == 0:
                    self.state.rules.remove(rule)
                return rule
        return None

    def _authorised(self, headers: dict[str, str]) -> bool:
        value = headers.get("authorization", "")
        if not value.lower().startswith("bearer ") or not value[7:].strip():
            return False
        if self.state.reject_all_tokens:
            return False
        valid = self.state.valid_tokens
        return valid is None or value[7:].strip() in valid

    def api(
        self, method: str, target: str, headers: dict[str, str], raw: bytes, *, in_batch: bool
    ) -> _Answer:
        """Answer one Calendar API request (also each part of a batch)."""
        from tests.fakes.calendar_routes import route

        parts = urllib.parse.urlsplit(target)
        query = urllib.parse.parse_qs(parts.query)
        try:
            body = json.loads(raw) if raw.strip() else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        op, handler = route(self, method, parts.path)
        record = Recorded(op, method, parts.path, query, body, in_batch)
        with self.lock:
            self.state.requests.append(record)
            rule = self._take_rule(op)
            lost = None if in_batch else self._take_rule(f"lost:{op}")
            authorised = self._authorised(headers)
        if rule is not None and rule.hang_s and self.wait_hang(rule.hang_s):
            return _Answer(503, google_error(503, "server closing"))
        if not authorised:
            answer = _Answer(401, google_error(401, "Invalid Credentials", "authError"))
        elif rule is not None and rule.status:
            answer = _Answer(
                rule.status, google_error(rule.status, "Failure on demand", rule.reason)
            )
        elif handler is None:
            answer = _Answer(404, google_error(404, f"No route for {method} {parts.path}"))
        else:
            try:
                with self.lock:
                    answer = handler(query, body)
            except SchemaError as exc:
                answer = _Answer(400, google_error(400, str(exc), "invalid"))
        record.status = answer.status
        if self.on_applied is not None:
            self.on_applied(record)
        if lost is not None and answer.status < 300:
            record.status = lost.status
            return _Answer(lost.status, google_error(lost.status, "Answer lost on the way"))
        return answer


def _public(event: dict[str, Any]) -> dict[str, Any]:
    return {k: copy.deepcopy(v) for k, v in event.items() if not k.startswith("_")}


class _Handler(BaseHTTPRequestHandler):
    server: ThreadingHTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    @property
    def fake(self) -> FakeCalendar:
        return self.server.fake  # type: ignore[attr-defined]

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _headers(self) -> dict[str, str]:
        return {k.lower(): v for k, v in self.headers.items()}

    def _dispatch(self, method: str) -> None:
        raw = self._body()
        path = urllib.parse.urlsplit(self.path).path
        from tests.fakes.calendar_routes import batch, oauth

        if path.startswith("/calendar/v3/"):
            answer = self.fake.api(method, self.path, self._headers(), raw, in_batch=False)
            if self.fake.stop.is_set():
                return
            self._send_json(answer.status, answer.body)
        elif path == "/batch/calendar/v3" and method == "POST":
            status, content_type, data = batch(self.fake, self._headers(), raw)
            if self.fake.stop.is_set():
                return
            self._send(status, content_type, data)
        elif path in ("/token", "/revoke", "/auth"):
            status, headers, data = oauth(self.fake, method, self.path, raw)
            self._send(status, headers.pop("Content-Type", "application/json"), data, headers)
        else:
            self._send_json(404, google_error(404, f"No route for {path}"))

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def do_PATCH(self) -> None:
        self._dispatch("PATCH")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def _send_json(self, status: int, body: Any) -> None:
        data = b"" if status == 204 or body is None else json.dumps(body).encode("utf-8")
        self._send(status, "application/json; charset=UTF-8", data)

    def _send(
        self, status: int, content_type: str, data: bytes, extra: dict[str, str] | None = None
    ) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            if data:
                self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)


def parse_batch(content_type: str, raw: bytes) -> list[tuple[str, str, str, dict[str, str], bytes]]:
    """(content id, method, target, headers, body) of each part of a multipart/mixed batch."""
    message = email.message_from_bytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw
    )
    if not message.is_multipart():
        raise SchemaError("batch body is not multipart/mixed")
    parts = []
    for part in message.get_payload():
        content_id = str(part["Content-ID"] or "").strip("<>")
        text = part.get_payload(decode=False)
        text = text.replace("\r\n", "\n")
        head, _, body = text.partition("\n\n")
        lines = head.split("\n")
        method, target, _version = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                key, value = line.split(":", 1)
                headers[key.strip().lower()] = value.strip()
        parts.append((content_id, method, target, headers, body.encode("utf-8")))
    return parts


__all__ = ["FakeCalendar", "Recorded", "check", "google_error", "parse_batch", "schema"]
