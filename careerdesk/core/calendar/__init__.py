"""Calendar sync core: entries, sources, the outbox and the sync engine (no Qt, no Google).

Public surface::

    from careerdesk.core.calendar import CalendarEntry, CalendarSource, CalendarSyncService
"""

from __future__ import annotations

from careerdesk.core.calendar.errors import (
    CalendarAuthError,
    CalendarError,
    CalendarGoneError,
    CalendarNotConnectedError,
    CalendarNotFoundError,
    CalendarRateLimitError,
    CalendarServerError,
    CalendarTimeoutError,
)
from careerdesk.core.calendar.models import (
    DEFAULT_REMINDERS,
    CalendarChange,
    CalendarEntry,
    CalendarSource,
    SyncStatus,
    make_uid,
)
from careerdesk.core.calendar.service import CalendarSyncService, RetryPolicy

__all__ = [
    "DEFAULT_REMINDERS",
    "CalendarAuthError",
    "CalendarChange",
    "CalendarEntry",
    "CalendarError",
    "CalendarGoneError",
    "CalendarNotConnectedError",
    "CalendarNotFoundError",
    "CalendarRateLimitError",
    "CalendarServerError",
    "CalendarSource",
    "CalendarSyncService",
    "CalendarTimeoutError",
    "RetryPolicy",
    "SyncStatus",
    "make_uid",
]
