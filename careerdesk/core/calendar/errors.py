"""Typed Google Calendar (or any calendar provider) failures, each with a plain-words message.

Every :class:`CalendarError` is a :class:`~careerdesk.core.kernel.errors.UserError`: the
message says
what happened and what the user can do, and the CLI maps it to exit code 2. ``retryable`` tells
the sync engine whether trying the same request again later can succeed.
"""

from __future__ import annotations

from careerdesk.core.kernel.errors import UserError


class CalendarError(UserError):
    """A calendar request failed. ``kind`` names the failure; ``status`` is the HTTP status."""

    kind = "error"
    retryable = False

    def __init__(self, message: str, *, status: int | None = None, reason: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason


class CalendarAuthError(CalendarError):
    """The stored sign-in no longer works (401 after a refresh, revoked, wrong scopes)."""

    kind = "auth"


class CalendarNotConnectedError(CalendarAuthError):
    """No Google account is connected and no credentials file was given."""

    kind = "not_connected"


class CalendarRateLimitError(CalendarError):
    """403 rateLimitExceeded / userRateLimitExceeded / quotaExceeded, or 429."""

    kind = "rate_limited"
    retryable = True


class CalendarServerError(CalendarError):
    """A 5xx answer: Google had a problem; the same request may work later."""

    kind = "server"
    retryable = True


class CalendarTimeoutError(CalendarError):
    """No answer within the configured timeout."""

    kind = "timeout"
    retryable = True


class CalendarNetworkError(CalendarError):
    """The server could not be reached at all (offline, DNS, refused connection)."""

    kind = "network"
    retryable = True


class CalendarNotFoundError(CalendarError):
    """404: the event (or the calendar) does not exist."""

    kind = "not_found"


class CalendarGoneError(CalendarError):
    """410: a sync token expired (full resync needed) or the event was already deleted."""

    kind = "gone"


class CalendarRequestError(CalendarError):
    """400/403/409/412 and other refusals that the same request will meet again."""

    kind = "bad_request"
