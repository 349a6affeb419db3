"""Google Calendar adapter: :class:`~careerdesk.core.kernel.ports.CalendarProvider` on
google-api-python-client.

Design notes (measured against google-api-python-client 2.202, google-auth-httplib2 0.4):

* The client is built from the discovery document shipped inside the package
  (``static_discovery=True``, no discovery cache), so building works offline and in a frozen
  app. ``CAREERDESK_GOOGLE_API_ENDPOINT`` (e.g. ``http://127.0.0.1:PORT/calendar/v3/``)
  replaces the API root for tests and proxies.
* ``new_batch_http_request()`` always posts to ``rootUrl + batchPath`` of the discovery
  document (``https://www.googleapis.com/batch/calendar/v3``) and ignores ``api_endpoint``,
  so batches are built here with a batch URI derived from the endpoint instead.
* Every request has a timeout: httplib2's socket timeout, under google-auth-httplib2's
  ``AuthorizedHttp``, which also refreshes the access token once on a 401 and retries.
* The client's own retries are off (``num_retries=0``): the sync engine retries rate limits and
  5xx with its own bounded backoff and keeps the outbox consistent.
* httplib2 objects are not thread-safe: use one provider per task.
"""

from __future__ import annotations

import logging
import os
import urllib.parse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from careerdesk.core.calendar.errors import CalendarError, CalendarServerError
from careerdesk.core.calendar.models import (
    CalendarInfo,
    EventChanges,
    EventOp,
    EventOpResult,
    RemoteEvent,
)
from careerdesk.integrations.google.events import (
    error_from_status,
    event_body,
    remote_event,
    transport_error,
)

if TYPE_CHECKING:
    from google.oauth2.credentials import Credentials

log = logging.getLogger(__name__)

API_ENDPOINT_ENV = "CAREERDESK_GOOGLE_API_ENDPOINT"
SERVICE_PATH = "calendar/v3/"
BATCH_PATH = "batch/calendar/v3"
DEFAULT_ROOT = "https://www.googleapis.com/"
# Google recommends at most 50 requests per batch for Calendar.
BATCH_SIZE = 50
PAGE_SIZE = 250
MAX_PAGES = 200  # 50 000 events: bounds a full resync of a very old calendar


def api_endpoint_from_env() -> str | None:
    """The API root override from ``CAREERDESK_GOOGLE_API_ENDPOINT``, if set."""
    value = os.environ.get(API_ENDPOINT_ENV, "").strip()
    return value or None


def batch_uri(api_endpoint: str | None) -> str:
    """Where batch requests go for ``api_endpoint`` (the service's endpoint, not the root).

    ``http://host:1/calendar/v3/`` → ``http://host:1/batch/calendar/v3``; an endpoint with
    another path (a proxy) keeps that path as the root.
    """
    if not api_endpoint:
        return DEFAULT_ROOT + BATCH_PATH
    endpoint = api_endpoint if api_endpoint.endswith("/") else api_endpoint + "/"
    if endpoint.endswith("/" + SERVICE_PATH):
        root = endpoint[: -len(SERVICE_PATH)]
    else:
        parts = urllib.parse.urlsplit(endpoint)
        root = f"{parts.scheme}://{parts.netloc}/"
    return root + BATCH_PATH


class GoogleCalendarProvider:
    """Calendar v3 events and calendar list through google-api-python-client."""

    name = "Google Calendar"

    def __init__(
        self,
        credentials: Credentials,
        *,
        api_endpoint: str | None = None,
        timeout_s: float = 20.0,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        """No network traffic happens here; the client is built on first use.

        ``api_endpoint`` defaults to ``CAREERDESK_GOOGLE_API_ENDPOINT`` (then Google's own).
        ``timeout_s`` bounds every HTTP exchange, token refreshes included.
        """
        self.credentials = credentials
        self.api_endpoint = api_endpoint or api_endpoint_from_env()
        self.timeout_s = timeout_s
        self.batch_size = max(1, min(batch_size, 1000))
        self._service: Any = None
        self._events: Any = None
        self._http: Any = None

    def __repr__(self) -> str:
        return f"GoogleCalendarProvider(api_endpoint={self.api_endpoint!r})"

    # -- CalendarProvider ------------------------------------------------------------------------
    def list_calendars(self) -> list[CalendarInfo]:
        """Calendars the user can add events to, the primary one first."""
        found: list[CalendarInfo] = []
        page_token = None
        for _ in range(MAX_PAGES):
            request = (
                self._client()
                .calendarList()
                .list(minAccessRole="writer", maxResults=250, pageToken=page_token)
            )
            data = self._call(request)
            for item in data.get("items", []):
                found.append(
                    CalendarInfo(
                        id=str(item["id"]),
                        summary=str(item.get("summaryOverride") or item.get("summary") or ""),
                        primary=bool(item.get("primary")),
                        access_role=str(item.get("accessRole") or "reader"),
                    )
                )
            page_token = data.get("nextPageToken")
            if not page_token:
                break
        return sorted(found, key=lambda c: (not c.primary, c.summary.lower()))

    def execute(self, ops: Sequence[EventOp]) -> list[EventOpResult]:
        """Run ``ops``: one alone as a plain request, several as batches of ``batch_size``."""
        results: dict[str, EventOpResult] = {}
        if len(ops) == 1:
            op = ops[0]
            try:
                data = self._call(self._request(op))
            except CalendarError as exc:
                if exc.status is None:
                    raise  # no HTTP answer at all: the whole exchange failed
                results[op.key] = EventOpResult(op.key, error=exc)
            else:
                results[op.key] = self._result(op, data)
        else:
            for start in range(0, len(ops), self.batch_size):
                self._batch(ops[start : start + self.batch_size], results)
        return [results[op.key] for op in ops]

    def list_changes(self, calendar_id: str, sync_token: str | None) -> EventChanges:
        """Incremental (``sync_token``) or full listing of events, all pages."""
        events: list[RemoteEvent] = []
        page_token = None
        for _ in range(MAX_PAGES):
            params: dict[str, Any] = {
                "calendarId": calendar_id,
                "maxResults": PAGE_SIZE,
                "pageToken": page_token,
            }
            if sync_token:
                params["syncToken"] = sync_token
                params["showDeleted"] = True
            data = self._call(self._events_resource().list(**params))
            events.extend(remote_event(item) for item in data.get("items", []))
            page_token = data.get("nextPageToken")
            if not page_token:
                return EventChanges(
                    events=tuple(events),
                    next_sync_token=data.get("nextSyncToken"),
                    full=sync_token is None,
                )
        raise CalendarServerError("Google Calendar kept sending more pages; try again later.")

    def close(self) -> None:
        """Release the HTTP connections (safe to call twice)."""
        if self._service is not None:
            self._service.close()
        self._service = self._events = self._http = None

    # -- internals -------------------------------------------------------------------------------
    def _client(self) -> Any:
        if self._service is None:
            import google_auth_httplib2
            import httplib2
            from googleapiclient.discovery import build

            self._http = google_auth_httplib2.AuthorizedHttp(
                self.credentials, http=httplib2.Http(timeout=self.timeout_s)
            )
            options = {"api_endpoint": self.api_endpoint} if self.api_endpoint else None
            self._service = build(
                "calendar",
                "v3",
                http=self._http,
                static_discovery=True,
                cache_discovery=False,
                client_options=options,
            )
        return self._service

    def _call(self, request: Any) -> Any:
        """Execute one request; every failure becomes a :class:`CalendarError`."""
        from googleapiclient.errors import HttpError

        try:
            return request.execute(num_retries=0)
        except HttpError as exc:
            raise error_from_status(int(exc.resp.status), exc.content) from exc
        except Exception as exc:
            mapped = transport_error(exc, self.timeout_s)
            if mapped is None:
                raise
            raise mapped from exc

    def _events_resource(self) -> Any:
        # Every .events() call builds the whole resource from the discovery document
        # (~13 ms, docstrings included), so a bulk push of hundreds would spend seconds here.
        if self._events is None:
            self._events = self._client().events()
        return self._events

    def _request(self, op: EventOp) -> Any:
        events = self._events_resource()
        if op.action == "find":
            return events.list(
                calendarId=op.calendar_id,
                privateExtendedProperty=[f"{k}={v}" for k, v in sorted(op.match.items())],
                showDeleted=False,
                maxResults=50,
            )
        if op.action == "get":
            assert op.event_id
            return events.get(calendarId=op.calendar_id, eventId=op.event_id)
        if op.action == "insert":
            assert op.entry is not None
            body = event_body(op.entry, op.private)
            if op.event_id:
                body["id"] = op.event_id  # client-chosen: a repeated insert answers 409
            return events.insert(calendarId=op.calendar_id, body=body)
        if op.action == "patch":
            assert op.entry is not None and op.event_id
            return events.patch(
                calendarId=op.calendar_id,
                eventId=op.event_id,
                body=event_body(op.entry, op.private),
            )
        if op.action == "delete":
            assert op.event_id
            return events.delete(calendarId=op.calendar_id, eventId=op.event_id)
        raise ValueError(f"unknown calendar action {op.action!r}")

    @staticmethod
    def _result(op: EventOp, data: Any) -> EventOpResult:
        if op.action == "find":
            items = (data or {}).get("items", [])
            return EventOpResult(op.key, found=tuple(remote_event(i) for i in items))
        if op.action in ("get", "insert", "patch"):
            return EventOpResult(op.key, event=remote_event(data))
        return EventOpResult(op.key)

    def _batch(self, ops: Sequence[EventOp], results: dict[str, EventOpResult]) -> None:
        from googleapiclient.errors import BatchError, HttpError
        from googleapiclient.http import BatchHttpRequest

        by_key = {op.key: op for op in ops}

        def collect(request_id: str, response: Any, exception: Exception | None) -> None:
            op = by_key[request_id]
            if isinstance(exception, HttpError):
                error = error_from_status(int(exception.resp.status), exception.content)
                results[op.key] = EventOpResult(op.key, error=error)
            elif exception is not None:
                results[op.key] = EventOpResult(op.key, error=_as_calendar_error(exception))
            else:
                results[op.key] = self._result(op, response)

        batch = BatchHttpRequest(callback=None, batch_uri=batch_uri(self.api_endpoint))
        for op in ops:
            batch.add(self._request(op), callback=collect, request_id=op.key)
        try:
            batch.execute(http=self._http)
        except HttpError as exc:
            # The batch as a whole was refused: every request in it shares the answer.
            error = error_from_status(int(exc.resp.status), exc.content)
            _fill(ops, results, error)
        except BatchError as exc:
            log.warning("calendar: unreadable batch answer: %s", exc)
            _fill(ops, results, CalendarServerError("Google Calendar sent an unreadable answer."))
        except Exception as exc:
            mapped = transport_error(exc, self.timeout_s)
            if mapped is None:
                raise
            raise mapped from exc
        missing = [op for op in ops if op.key not in results]
        if missing:
            _fill(missing, results, CalendarServerError("Google Calendar left a request out."))


def _fill(ops: Sequence[EventOp], results: dict[str, EventOpResult], error: CalendarError) -> None:
    for op in ops:
        results.setdefault(op.key, EventOpResult(op.key, error=error))


def _as_calendar_error(exc: Exception) -> CalendarError:
    return exc if isinstance(exc, CalendarError) else CalendarServerError(str(exc))
