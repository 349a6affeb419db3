"""Routes of the fake Calendar server: events, calendar list, batch, OAuth endpoints.

Handlers run with ``fake.lock`` held and return an ``_Answer``; see ``calendar_server.py``.
"""

from __future__ import annotations

import copy
import json
import re
import secrets
import urllib.parse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tests.fakes.calendar_schema import SchemaError, check, check_event, schema

if TYPE_CHECKING:
    from tests.fakes.calendar_server import FakeCalendar, _Answer

Handler = Callable[[dict[str, list[str]], Any], "_Answer"]

_EVENTS = re.compile(r"^/calendar/v3/calendars/(?P<cal>[^/]+)/events$")
_EVENT = re.compile(r"^/calendar/v3/calendars/(?P<cal>[^/]+)/events/(?P<id>[^/]+)$")
_LIST = "/calendar/v3/users/me/calendarList"
_EVENT_ID = re.compile(r"[a-v0-9]{5,1024}")


def _answer(status: int, body: Any = None) -> _Answer:
    from tests.fakes.calendar_server import _Answer

    return _Answer(status, body)


def _error(status: int, message: str, reason: str | None = None) -> _Answer:
    from tests.fakes.calendar_server import google_error

    return _answer(status, google_error(status, message, reason))


def _one(query: dict[str, list[str]], name: str, default: str | None = None) -> str | None:
    values = query.get(name)
    return values[0] if values else default


def route(fake: FakeCalendar, method: str, path: str) -> tuple[str, Handler | None]:
    """(operation name, handler) for a Calendar API path; the handler is None if unknown."""
    if path == _LIST and method == "GET":
        return "calendarList", lambda q, b: _calendar_list(fake, q)
    m = _EVENTS.match(path)
    if m:
        cal = urllib.parse.unquote(m["cal"])
        if method == "GET":
            return "list", lambda q, b: _list(fake, cal, q)
        if method == "POST":
            return "insert", lambda q, b: _insert(fake, cal, b)
        return "events", None
    m = _EVENT.match(path)
    if m:
        cal, event_id = urllib.parse.unquote(m["cal"]), urllib.parse.unquote(m["id"])
        op = {"GET": "get", "PATCH": "patch", "PUT": "update", "DELETE": "delete"}.get(method, "?")
        handlers: dict[str, Handler] = {
            "get": lambda q, b: _get(fake, cal, event_id),
            "patch": lambda q, b: _change(fake, cal, event_id, b, merge=True),
            "update": lambda q, b: _change(fake, cal, event_id, b, merge=False),
            "delete": lambda q, b: _delete(fake, cal, event_id),
        }
        return op, handlers.get(op)
    return "unknown", None


def _calendar(fake: FakeCalendar, cal: str) -> dict[str, dict[str, Any]] | None:
    if cal in fake.state.events:
        return fake.state.events[cal]
    for key, info in fake.state.calendars.items():
        if info["id"] == cal:
            return fake.state.events[key]
    return None


def _calendar_list(fake: FakeCalendar, query: dict[str, list[str]]) -> _Answer:
    items = [
        {"kind": "calendar#calendarListEntry", "etag": '"1"', **info}
        for info in fake.state.calendars.values()
    ]
    return _answer(200, {"kind": "calendar#calendarList", "etag": '"1"', "items": items})


def _list(fake: FakeCalendar, cal: str, query: dict[str, list[str]]) -> _Answer:
    events = _calendar(fake, cal)
    if events is None:
        return _error(404, "Not Found")
    token = _one(query, "syncToken")
    if token is not None:
        from tests.fakes.calendar_server import _SYNC_FORBIDDEN

        clash = [name for name in _SYNC_FORBIDDEN if name in query]
        if clash:
            return _error(400, f"syncToken cannot be used with {', '.join(clash)}", "invalid")
        match = re.fullmatch(r"sync-(\d+)-(\d+)", token)
        if match is None or int(match[1]) != fake.state.epoch:
            return _error(
                410,
                "Sync token is no longer valid, a full sync is required.",
                "fullSyncRequired",
            )
        since = int(match[2])
        items = [e for e in events.values() if e["_seq"] > since]
    else:
        show_deleted = _one(query, "showDeleted", "false") == "true"
        wanted = [p.split("=", 1) for p in query.get("privateExtendedProperty", [])]
        if any(len(p) != 2 for p in wanted):
            return _error(400, "privateExtendedProperty must be name=value", "invalid")
        items = []
        for event in events.values():
            if event.get("status") == "cancelled" and not show_deleted:
                continue
            private = (event.get("extendedProperties") or {}).get("private") or {}
            if all(private.get(k) == v for k, v in wanted):
                items.append(event)
    items.sort(key=lambda e: e["_seq"])
    size = max(1, min(int(_one(query, "maxResults", "250") or 250), 2500))
    offset = int((_one(query, "pageToken", "p0") or "p0")[1:])
    page = items[offset : offset + size]
    body: dict[str, Any] = {
        "kind": "calendar#events",
        "items": [_listed(e) for e in page],
    }
    if offset + size < len(items):
        body["nextPageToken"] = f"p{offset + size}"
    else:
        body["nextSyncToken"] = f"sync-{fake.state.epoch}-{fake.state.seq}"
    return _answer(200, body)


def _listed(event: dict[str, Any]) -> dict[str, Any]:
    """An event as a list shows it. Like Google, a deleted event is only a stub: its id and
    status are all a client can count on (no extended properties, no times)."""
    if event.get("status") == "cancelled":
        return {k: event[k] for k in ("kind", "etag", "id", "status", "updated") if k in event}
    return {k: copy.deepcopy(v) for k, v in event.items() if not k.startswith("_")}


def _insert(fake: FakeCalendar, cal: str, body: Any) -> _Answer:
    events = _calendar(fake, cal)
    if events is None:
        return _error(404, "Not Found")
    if not isinstance(body, dict):
        raise SchemaError("the request body must be an Event object")
    check_event(body)
    if "id" in body:
        # Google: a client-chosen id is base32hex (0-9, a-v), 5-1024 characters, unique in
        # the calendar; deleted events keep theirs, so reusing one answers 409 too.
        if not isinstance(body["id"], str) or not _EVENT_ID.fullmatch(body["id"]):
            return _error(400, "Invalid resource id value.", "invalid")
        if body["id"] in events:
            return _error(409, "The requested identifier already exists.", "duplicate")
    key = next(k for k, v in fake.state.events.items() if v is events)
    event = fake._insert(key, copy.deepcopy(body))
    return _answer(200, {k: v for k, v in event.items() if not k.startswith("_")})


def _get(fake: FakeCalendar, cal: str, event_id: str) -> _Answer:
    events = _calendar(fake, cal)
    event = events.get(event_id) if events is not None else None
    if event is None:
        return _error(404, "Not Found")
    return _answer(200, {k: v for k, v in event.items() if not k.startswith("_")})


_SERVER_FIELDS = ("id", "kind", "etag", "created", "updated", "iCalUID", "htmlLink", "sequence")
_SERVER_FIELDS += ("organizer", "creator")


def _change(fake: FakeCalendar, cal: str, event_id: str, body: Any, *, merge: bool) -> _Answer:
    events = _calendar(fake, cal)
    event = events.get(event_id) if events is not None else None
    if not isinstance(body, dict):
        raise SchemaError("the request body must be an Event object")
    # A deleted event can be restored by setting its status back to confirmed (as in Google);
    # any other change to it answers 404.
    restoring = body.get("status") == "confirmed"
    if event is None or (event.get("status") == "cancelled" and not restoring):
        return _error(404, "Not Found")
    check(body, schema("Event"))
    if merge:
        updated = copy.deepcopy(event)
        for key, value in body.items():
            if key == "extendedProperties" and isinstance(value, dict):
                props = updated.setdefault("extendedProperties", {})
                for scope, values in value.items():
                    props.setdefault(scope, {}).update(values or {})
            else:
                updated[key] = copy.deepcopy(value)
    else:
        kept = {k: v for k, v in event.items() if k in _SERVER_FIELDS or k.startswith("_")}
        updated = {**copy.deepcopy(body), **kept}
    public = {k: v for k, v in updated.items() if not k.startswith("_")}
    check_event({k: v for k, v in public.items() if k not in _SERVER_FIELDS})
    event.clear()
    event.update(updated)
    fake._touch(event)
    return _answer(200, {k: v for k, v in event.items() if not k.startswith("_")})


def _delete(fake: FakeCalendar, cal: str, event_id: str) -> _Answer:
    events = _calendar(fake, cal)
    event = events.get(event_id) if events is not None else None
    if event is None:
        return _error(404, "Not Found")
    if event.get("status") == "cancelled":
        return _error(410, "Resource has been deleted", "deleted")
    event["status"] = "cancelled"
    fake._touch(event)
    return _answer(204)


# --- batch ---------------------------------------------------------------------------------------
def batch(fake: FakeCalendar, headers: dict[str, str], raw: bytes) -> tuple[int, str, bytes]:
    """Answer a multipart/mixed batch: each part is run as its own API request."""
    from tests.fakes.calendar_server import _PHRASES, BATCH_BOUNDARY, google_error, parse_batch

    with fake.lock:
        fake.state.batch_posts += 1
        rule = fake._take_rule("batch")
        lost = _lost_batch_rule(fake, headers.get("content-type", ""), raw)
    if rule is not None and rule.hang_s:
        fake.wait_hang(rule.hang_s)
    if rule is not None and rule.status:
        body = json.dumps(google_error(rule.status, "Failure on demand", rule.reason)).encode()
        return rule.status, "application/json; charset=UTF-8", body
    content_type = headers.get("content-type", "")
    if not content_type.startswith("multipart/mixed"):
        return 400, "application/json", json.dumps(google_error(400, "not a batch")).encode()
    try:
        parts = parse_batch(content_type, raw)
    except (SchemaError, ValueError) as exc:
        return 400, "application/json", json.dumps(google_error(400, str(exc))).encode()
    if len(parts) > 1000:
        return 400, "application/json", json.dumps(google_error(400, "too many requests")).encode()
    chunks = []
    for content_id, method, target, inner_headers, inner_body in parts:
        answer = fake.api(method, target, inner_headers, inner_body, in_batch=True)
        data = "" if answer.status == 204 or answer.body is None else json.dumps(answer.body)
        phrase = _PHRASES.get(answer.status, "Error")
        chunks.append(
            f"--{BATCH_BOUNDARY}\r\n"
            "Content-Type: application/http\r\n"
            f"Content-ID: <response-{content_id}>\r\n\r\n"
            f"HTTP/1.1 {answer.status} {phrase}\r\n"
            "Content-Type: application/json; charset=UTF-8\r\n"
            f"Content-Length: {len(data.encode('utf-8'))}\r\n\r\n"
            f"{data}\r\n"
        )
    chunks.append(f"--{BATCH_BOUNDARY}--\r\n")
    if lost is not None:  # every part was applied; the answer never arrives
        body = json.dumps(google_error(lost.status, "Answer lost on the way")).encode()
        return lost.status, "application/json; charset=UTF-8", body
    return 200, f"multipart/mixed; boundary={BATCH_BOUNDARY}", "".join(chunks).encode("utf-8")


def _lost_batch_rule(fake: FakeCalendar, content_type: str, raw: bytes) -> Any:
    """The lost-answer rule for a batch holding an operation it names, if any."""
    from tests.fakes.calendar_server import parse_batch

    try:
        parts = parse_batch(content_type, raw)
    except (SchemaError, ValueError):
        return None
    ops = {route(fake, m, urllib.parse.urlsplit(t).path)[0] for _, m, t, _, _ in parts}
    for op in sorted(ops):
        rule = fake._take_rule(f"lost:batch:{op}")
        if rule is not None:
            return rule
    return None


def _pkce_ok(verifier: str, challenge: str, method: str) -> bool:
    """RFC 7636 §4.6: S256 is BASE64URL(SHA256(verifier)) without padding; plain is as-is."""
    import base64
    import hashlib

    if not 43 <= len(verifier) <= 128:
        return False
    if method == "S256":
        digest = hashlib.sha256(verifier.encode("ascii")).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=") == challenge
    return method == "plain" and verifier == challenge


# --- OAuth ---------------------------------------------------------------------------------------
def oauth(
    fake: FakeCalendar, method: str, target: str, raw: bytes
) -> tuple[int, dict[str, str], bytes]:
    """/token (refresh and code grants), /revoke and /auth (the consent page)."""
    parts = urllib.parse.urlsplit(target)
    form = {k: v[0] for k, v in urllib.parse.parse_qs(raw.decode() or parts.query).items()}
    json_type = {"Content-Type": "application/json"}
    with fake.lock:
        state = fake.state
        if parts.path == "/auth":
            query = {k: v[0] for k, v in urllib.parse.parse_qs(parts.query).items()}
            if state.deny_consent:
                params = {"error": "access_denied", "state": query.get("state", "")}
            else:
                code = secrets.token_urlsafe(8)
                state.codes[code] = query.get("scope", "")
                # PKCE (RFC 7636): remember the challenge; the token request must match it.
                state.challenges[code] = (
                    query.get("code_challenge", ""),
                    query.get("code_challenge_method", "plain"),
                )
                state.auth_requests.append(query)
                params = {
                    "code": code,
                    "state": query.get("state", ""),
                    "scope": query.get("scope", ""),
                }
            location = f"{query['redirect_uri']}?{urllib.parse.urlencode(params)}"
            return 302, {"Location": location, "Content-Type": "text/plain"}, b""
        if parts.path == "/revoke":
            state.revoked.append(form.get("token", ""))
            return 200, json_type, b"{}"
        state.token_requests.append(form)
        grant = form.get("grant_type")
        if grant == "refresh_token" and state.refresh_fails:
            body = {
                "error": "invalid_grant",
                "error_description": "Token has been expired or revoked.",
            }
            return 400, json_type, json.dumps(body).encode()
        if grant == "authorization_code" and form.get("code") not in state.codes:
            return 400, json_type, json.dumps({"error": "invalid_grant"}).encode()
        if grant == "authorization_code":
            challenge, method = state.challenges.pop(form["code"], ("", "plain"))
            if challenge and not _pkce_ok(form.get("code_verifier", ""), challenge, method):
                state.codes.pop(form["code"], None)  # a code is good for one try only
                body = {"error": "invalid_grant", "error_description": "Invalid code verifier."}
                return 400, json_type, json.dumps(body).encode()
        token = f"ya29.fake-{secrets.token_hex(6)}"
        if state.valid_tokens is not None:
            state.valid_tokens.add(token)
        body: dict[str, Any] = {"access_token": token, "expires_in": 3599, "token_type": "Bearer"}
        if grant == "authorization_code":
            body["refresh_token"] = f"1//fake-refresh-{secrets.token_hex(6)}"
            body["scope"] = state.codes.pop(form["code"])
        return 200, json_type, json.dumps(body).encode()
