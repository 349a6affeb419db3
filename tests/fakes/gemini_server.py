"""A loopback stand-in for the Gemini REST API, driven by the real google-genai SDK.

Usage::

    with FakeGemini() as fake:
        fake.reply({"title": "Data analyst"})
        provider = GeminiProvider("test-key", base_url=fake.base_url)
        ...
        assert fake.requests[0].body["generationConfig"]["responseMimeType"] == ...

Replies are queued; each ``POST /{version}/models/{model}:generateContent`` takes the next
queued action, or the default reply when the queue is empty. Everything is bounded: a
hanging handler waits on an Event that :meth:`FakeGemini.close` sets, so closing is prompt.
"""

from __future__ import annotations

import json
import re
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

_ROUTE = re.compile(r"^/(?P<version>[^/]+)/models/(?P<model>[^/:]+):generateContent$")

# Google's canonical status names for the codes the tests use.
_GOOGLE_STATUS = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    408: "DEADLINE_EXCEEDED",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    502: "UNAVAILABLE",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}

MALFORMED_TEXT = "Sure! Here is what you asked for: {not really json"
MISMATCHED_JSON = {"unexpected": "this object does not fit the requested schema"}


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the fake saw it."""

    method: str
    path: str
    version: str | None
    model: str | None
    headers: dict[str, str]
    body: Any


@dataclass(frozen=True)
class _Action:
    kind: Literal["text", "error", "raw", "hang"]
    status: int = 200
    payload: Any = None
    seconds: float = 0.0


@dataclass
class _State:
    queue: deque[_Action] = field(default_factory=deque)
    default_text: str = "{}"
    requests: list[RecordedRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)


def generate_content_response(text: str | None, *, model: str, finish: str = "STOP") -> dict:
    """A ``GenerateContentResponse`` in the REST shape the Gemini API returns."""
    candidate: dict[str, Any] = {"finishReason": finish, "index": 0}
    if text is not None:
        candidate["content"] = {"parts": [{"text": text}], "role": "model"}
    out_tokens = len(text or "") // 4 + 1
    return {
        "candidates": [candidate],
        "usageMetadata": {
            "promptTokenCount": 12,
            "candidatesTokenCount": out_tokens,
            "totalTokenCount": 12 + out_tokens,
        },
        "modelVersion": model,
        "responseId": "fake-response",
    }


def google_error(status: int, message: str | None = None) -> dict:
    """Google's JSON error envelope: ``{"error": {"code", "message", "status"}}``."""
    return {
        "error": {
            "code": status,
            "message": message or f"Fake Gemini error {status}",
            "status": _GOOGLE_STATUS.get(status, "UNKNOWN"),
        }
    }


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean

    def do_POST(self) -> None:
        state = self.server.state
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        path = self.path.split("?", 1)[0]
        match = _ROUTE.match(path)
        with state.lock:
            state.requests.append(
                RecordedRequest(
                    method="POST",
                    path=path,
                    version=match["version"] if match else None,
                    model=match["model"] if match else None,
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=body,
                )
            )
            action = state.queue.popleft() if match and state.queue else None
            default_text = state.default_text
        if match is None:
            self._send_json(404, google_error(404, f"No route for {path}"))
            return
        model = match["model"]
        if action is None:
            action = _Action("text", payload=default_text)
        if action.kind == "hang":
            # Bounded wait; close() sets the event so a hanging handler ends at once.
            if state.stop.wait(action.seconds):
                return
            action = _Action("text", payload=default_text)
        if action.kind == "text":
            self._send_json(200, generate_content_response(action.payload, model=model))
        else:  # "error" or "raw": the queued body as-is
            self._send_json(action.status, action.payload)

    def do_GET(self) -> None:
        self._send_json(404, google_error(404, "The fake only serves generateContent"))

    def _send_json(self, status: int, payload: Any) -> None:
        data = (payload if isinstance(payload, str) else json.dumps(payload)).encode("utf-8")
        try:
            self.send_response(status)  # the stdlib fills in the reason phrase
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test); nothing to tell it


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: _State


class FakeGemini:
    """Programmable fake Gemini on 127.0.0.1 (a free port), served from a daemon thread."""

    def __init__(self, default_reply: Any = None) -> None:
        """Start serving at once; ``default_reply`` answers when nothing is queued."""
        self._state = _State()
        if default_reply is not None:
            self.default_reply(default_reply)
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.state = self._state
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fake-gemini",
            daemon=True,
        )
        self._thread.start()
        self._closed = False

    @property
    def base_url(self) -> str:
        """Root URL to give ``HttpOptions(base_url=...)``."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # -- programming replies -----------------------------------------------------------

    def default_reply(self, obj_or_text: Any) -> None:
        """Answer used whenever the queue is empty (dict/list are sent as JSON text)."""
        with self._state.lock:
            self._state.default_text = _as_text(obj_or_text)

    def reply(self, obj_or_text: Any) -> None:
        """Queue one successful answer whose part text is ``obj_or_text`` (JSON-encoded)."""
        self._push(_Action("text", payload=_as_text(obj_or_text)))

    def fail(self, status: int, times: int = 1, body: Any = None) -> None:
        """Queue ``times`` error answers with HTTP ``status`` (Google error JSON by default)."""
        payload = body if body is not None else google_error(status)
        for _ in range(times):
            self._push(_Action("error", status=status, payload=payload))

    def malformed(self, kind: Literal["text", "schema"] = "text") -> None:
        """Queue an answer that is not JSON (``"text"``) or JSON that fits no schema."""
        self.reply(MALFORMED_TEXT if kind == "text" else MISMATCHED_JSON)

    def raw(self, payload: Any, status: int = 200) -> None:
        """Queue a whole HTTP body as-is (e.g. a blocked candidate with no content)."""
        self._push(_Action("raw", status=status, payload=payload))

    def hang(self, seconds: float) -> None:
        """Queue a request that gets no answer for ``seconds`` (then the default reply)."""
        self._push(_Action("hang", seconds=seconds))

    def _push(self, action: _Action) -> None:
        with self._state.lock:
            self._state.queue.append(action)

    # -- inspection --------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, oldest first (a copy)."""
        with self._state.lock:
            return list(self._state.requests)

    @property
    def request_count(self) -> int:
        """How many requests arrived."""
        with self._state.lock:
            return len(self._state.requests)

    # -- lifecycle ---------------------------------------------------------------------

    def close(self) -> None:
        """Stop serving; returns promptly even while a handler is hanging."""
        if self._closed:
            return
        self._closed = True
        self._state.stop.set()  # release hanging handlers first
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeGemini:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _as_text(obj_or_text: Any) -> str:
    return obj_or_text if isinstance(obj_or_text, str) else json.dumps(obj_or_text)
