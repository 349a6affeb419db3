"""Domain events published by the calendar sync (after their transaction commits)."""

from __future__ import annotations

from dataclasses import dataclass

from careerdesk.core.kernel.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class CalendarOutboxChanged(DomainEvent):
    """Changes were queued for (or removed from) the calendar outbox of a profile."""

    pending: int


@dataclass(frozen=True, kw_only=True)
class CalendarSynced(DomainEvent):
    """A push or pull finished (successfully or not); ``error`` is plain words or empty."""

    pending: int
    error: str = ""


@dataclass(frozen=True, kw_only=True)
class CalendarTimesChanged(DomainEvent):
    """Times moved in Google Calendar came back and were handed to the change handlers."""

    uids: tuple[str, ...]
