"""Translation between CareerDesk and Google Calendar: event bodies in, errors out.

Kept apart from the HTTP plumbing in ``calendar.py`` so the rules (which fields an
event gets, which HTTP answer means what) are easy to read and test on their own.
"""

from __future__ import annotations

import json
import logging
import socket
from datetime import date, datetime, timedelta
from typing import Any

from careerdesk.core.calendar.errors import (
    CalendarAuthError,
    CalendarError,
    CalendarGoneError,
    CalendarNetworkError,
    CalendarNotFoundError,
    CalendarRateLimitError,
    CalendarRequestError,
    CalendarServerError,
    CalendarTimeoutError,
)
from careerdesk.core.calendar.models import CalendarEntry, RemoteEvent

log = logging.getLogger(__name__)

RATE_LIMIT_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded"})
SCOPE_REASONS = frozenset({"insufficientPermissions", "ACCESS_TOKEN_SCOPE_INSUFFICIENT"})
KEPT = "Your changes are kept and will be sent on the next sync."
RECONNECT = "Reconnect in Settings → Calendar."
FOOTER = "Kept in sync by CareerDesk."


# --- CareerDesk → Google -----------------------------------------------------------------------
def event_body(entry: CalendarEntry, private: dict[str, str]) -> dict[str, Any]:
    """The Google ``Event`` resource for ``entry`` (used for insert and for patch).

    Every field CareerDesk owns is always sent (empty when unset), so a patch clears what was
    removed in CareerDesk; fields the user added in Google (attendees, colour) are left alone.
    """
    body: dict[str, Any] = {
        "summary": entry.title,
        "description": _description(entry),
        "location": entry.location,
        "status": "confirmed",
        # Deadlines and follow-ups are reminders, not meetings: they should not block time.
        "transparency": "opaque" if entry.source_kind == "interview" else "transparent",
        "reminders": {
            "useDefault": False,
            "overrides": [{"method": "popup", "minutes": m} for m in entry.reminders],
        },
        "extendedProperties": {"private": dict(private)},
    }
    if entry.all_day is not None:
        body["start"] = {"date": entry.all_day.isoformat()}
        # Google (like iCalendar) ends all-day events on the next day, exclusively.
        body["end"] = {"date": (entry.all_day + timedelta(days=1)).isoformat()}
    else:
        assert entry.start is not None and entry.end is not None
        zone = entry.timezone or "UTC"
        body["start"] = {"dateTime": _rfc3339(entry.start), "timeZone": zone}
        body["end"] = {"dateTime": _rfc3339(entry.end), "timeZone": zone}
    return body


def _description(entry: CalendarEntry) -> str:
    parts = [entry.description.strip()] if entry.description.strip() else []
    if entry.url and entry.url not in entry.description:
        parts.append(entry.url)
    parts.append(FOOTER)
    return "\n\n".join(parts)


def _rfc3339(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


# --- Google → CareerDesk -----------------------------------------------------------------------
def parse_time(value: str | None) -> datetime | None:
    """RFC 3339 from Google (``2026-01-05T09:00:00Z``, with or without fractions)."""
    if not value:
        return None
    return datetime.fromisoformat(value)


def remote_event(data: dict[str, Any]) -> RemoteEvent:
    """A :class:`RemoteEvent` from a Google ``Event`` resource."""
    start = data.get("start") or {}
    end = data.get("end") or {}
    private = ((data.get("extendedProperties") or {}).get("private")) or {}
    return RemoteEvent(
        event_id=str(data["id"]),
        status=str(data.get("status") or "confirmed"),
        etag=data.get("etag"),
        updated=parse_time(data.get("updated")),
        start=parse_time(start.get("dateTime")),
        end=parse_time(end.get("dateTime")),
        start_date=date.fromisoformat(start["date"]) if start.get("date") else None,
        end_date=date.fromisoformat(end["date"]) if end.get("date") else None,
        private={str(k): str(v) for k, v in private.items()},
        summary=str(data.get("summary") or ""),
    )


# --- errors --------------------------------------------------------------------------------------
def error_details(content: bytes | str | None) -> tuple[str, str]:
    """(reason, message) from Google's JSON error body; empty strings when absent."""
    try:
        text = content.decode("utf-8") if isinstance(content, bytes) else (content or "")
        data = json.loads(text) if text else {}
    except (UnicodeDecodeError, ValueError):
        return "", ""
    error = data.get("error") if isinstance(data, dict) else None
    if not isinstance(error, dict):
        return "", ""
    reason = ""
    errors = error.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        reason = str(errors[0].get("reason") or "")
    if not reason and isinstance(error.get("status"), str):
        reason = error["status"]
    return reason, str(error.get("message") or "")


def error_from_status(status: int, content: bytes | str | None) -> CalendarError:
    """The typed error for an HTTP error answer from the Calendar API."""
    reason, message = error_details(content)
    detail = f" ({message})" if message else ""
    if status == 401:
        return CalendarAuthError(
            "Google Calendar did not accept CareerDesk's sign-in (it may have been revoked). "
            + RECONNECT,
            status=status,
            reason=reason,
        )
    if status == 429 or (status == 403 and reason in RATE_LIMIT_REASONS):
        return CalendarRateLimitError(
            f"Google Calendar is limiting how fast CareerDesk may send changes. {KEPT}",
            status=status,
            reason=reason,
        )
    if status == 403 and reason in SCOPE_REASONS:
        return CalendarAuthError(
            "CareerDesk was not given permission to change your calendar. " + RECONNECT,
            status=status,
            reason=reason,
        )
    if status == 403:
        return CalendarRequestError(
            "Google Calendar does not let CareerDesk change this calendar. Pick a calendar you "
            f"own in Settings → Calendar{detail}.",
            status=status,
            reason=reason,
        )
    if status == 404:
        return CalendarNotFoundError(
            f"Google Calendar could not find the event or calendar{detail}.",
            status=status,
            reason=reason,
        )
    if status == 410:
        return CalendarGoneError(
            "Google Calendar asked for a full resync.", status=status, reason=reason
        )
    if status >= 500:
        return CalendarServerError(
            f"Google Calendar had a problem (HTTP {status}). {KEPT}", status=status, reason=reason
        )
    return CalendarRequestError(
        f"Google Calendar refused the change (HTTP {status}){detail}.",
        status=status,
        reason=reason,
    )


def transport_error(exc: BaseException, timeout_s: float) -> CalendarError | None:
    """The typed error for a failure below HTTP (no answer at all), or None if it is a bug."""
    from google.auth import exceptions as auth_exc

    if isinstance(exc, CalendarError):
        return exc
    if isinstance(exc, TimeoutError | socket.timeout):
        return CalendarTimeoutError(
            f"Google Calendar did not answer within {timeout_s:g} s. {KEPT}"
        )
    if isinstance(exc, auth_exc.RefreshError):
        return CalendarAuthError(
            "Your Google sign-in has expired or was revoked, so CareerDesk cannot renew it. "
            + RECONNECT
        )
    if isinstance(exc, auth_exc.TransportError):
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, TimeoutError | socket.timeout):
            return CalendarTimeoutError(
                f"Google did not answer within {timeout_s:g} s while renewing the sign-in. {KEPT}"
            )
        return CalendarNetworkError(
            f"Google cannot be reached to renew the sign-in (are you offline?). {KEPT}"
        )
    import httplib2

    if isinstance(exc, httplib2.HttpLib2Error | ConnectionError | OSError):
        return CalendarNetworkError(f"Google Calendar cannot be reached (are you offline?). {KEPT}")
    return None
