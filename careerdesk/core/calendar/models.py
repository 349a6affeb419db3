"""The neutral calendar contract: what CareerDesk puts in a calendar, and what comes back.

:class:`CalendarEntry` is the only thing the rest of the app hands to the calendar code, so the
pipeline (interviews, deadlines) and follow-ups plug in through a :class:`CalendarSource` that
returns entries, without knowing about Google, ICS or the outbox. The provider-facing types
(:class:`EventOp`, :class:`RemoteEvent`, ...) are plain frozen dataclasses shared with the
:class:`~careerdesk.core.kernel.ports.CalendarProvider` port.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal, Protocol, get_args, runtime_checkable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator, model_validator

if TYPE_CHECKING:
    from careerdesk.core.calendar.errors import CalendarError

SourceKind = Literal["interview", "followup", "deadline", "offer", "prep"]
SOURCE_KINDS: tuple[str, ...] = ("interview", "followup", "deadline", "offer", "prep")
OutboxOperation = Literal["upsert", "delete"]
OUTBOX_OPERATIONS: tuple[OutboxOperation, ...] = get_args(OutboxOperation)

# Reminder minutes before the start, per kind (docs/calendar.md): interviews 24 h / 1 h / 15 min,
# follow-ups 24 h / 1 h, deadlines (all-day) 3 days / 1 day / 3 h, offer reply deadlines
# (all-day) 3 days / 1 day, interview preparation 1 h.
DEFAULT_REMINDERS: dict[str, tuple[int, ...]] = {
    "interview": (24 * 60, 60, 15),
    "followup": (24 * 60, 60),
    "deadline": (3 * 24 * 60, 24 * 60, 3 * 60),
    "offer": (3 * 24 * 60, 24 * 60),
    "prep": (60,),
}
# Google accepts at most 5 reminder overrides of 0..40320 minutes (4 weeks).
MAX_REMINDERS = 5
MAX_REMINDER_MINUTES = 40_320

KIND_LABELS = {
    "interview": "Interview",
    "followup": "Follow-up",
    "deadline": "Deadline",
    "offer": "Offer reply",
    "prep": "Interview preparation",
}

# Private extended properties CareerDesk writes on every event it owns.
IDENTITY_PROPERTY = "careerdeskId"
INSTALL_PROPERTY = "careerdeskInstall"
KIND_PROPERTY = "careerdeskKind"

# Bumped when the way an entry becomes an event changes, so every event is pushed again.
PAYLOAD_FORMAT = 1


def make_uid(source_kind: str, source_id: int) -> str:
    """The stable id of a CareerDesk item in every calendar: ``interview-42@careerdesk``."""
    return f"{source_kind}-{source_id}@careerdesk"


# Google event ids a client may choose: base32hex digits (0-9, a-v), 5 to 1024 characters.
EVENT_ID_PREFIX = "cd"
_BASE32HEX = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "abcdefghijklmnopqrstuv0123456789")


def stable_event_id(install_id: str, uid: str) -> str:
    """The Google event id CareerDesk chooses for ``uid`` of this install (docs/calendar.md).

    Deterministic, so a retried insert names the same event and Google answers 409 instead of
    creating a second one. The install id is part of it because two installations that sync
    to one account have overlapping uids (``interview-42@careerdesk``) but distinct events.
    ``cd`` + base32hex of a SHA-256: 54 characters, all in ``0-9a-v``.
    """
    digest = hashlib.sha256(f"{install_id}\n{uid}".encode()).digest()
    text = base64.b32encode(digest).decode("ascii").rstrip("=")
    return EVENT_ID_PREFIX + text.translate(_BASE32HEX)


class CalendarEntry(BaseModel):
    """One interview, follow-up or deadline as a calendar event.

    Timed entries have ``start`` and ``end`` (timezone-aware; stored as UTC); all-day entries
    have ``all_day`` (the date) and neither ``start`` nor ``end``. ``reminders`` are minutes
    before the start; left out, they default by kind. ``cancelled`` entries are removed from
    calendars, like entries a source stops returning. ``updated_at`` is when CareerDesk last
    changed the underlying item; it decides conflicts with edits made in Google (latest change
    wins) and is not part of the event itself.
    """

    model_config = ConfigDict(frozen=True)

    source_kind: SourceKind
    source_id: int = Field(ge=0)
    profile_id: int
    title: str = Field(min_length=1, max_length=500)
    description: str = Field(default="", max_length=8000)
    location: str = Field(default="", max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    start: datetime | None = None
    end: datetime | None = None
    all_day: date | None = None
    timezone: str | None = None
    reminders: tuple[int, ...] = ()
    cancelled: bool = False
    updated_at: datetime | None = None

    @model_validator(mode="before")
    @classmethod
    def _default_reminders(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("reminders") is None:
            kind = data.get("source_kind")
            data = {**data, "reminders": DEFAULT_REMINDERS.get(str(kind), ())}
        return data

    @field_validator("start", "end", "updated_at")
    @classmethod
    def _aware_utc(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("calendar times must be timezone-aware (use UTC)")
        return value.astimezone(UTC)

    @field_validator("title")
    @classmethod
    def _clean_title(cls, value: str) -> str:
        cleaned = " ".join(value.split())
        if not cleaned:
            raise ValueError("an event needs a title")
        return cleaned

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("reminders")
    @classmethod
    def _valid_reminders(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        cleaned = tuple(sorted(set(value), reverse=True))
        if len(cleaned) > MAX_REMINDERS:
            raise ValueError(f"at most {MAX_REMINDERS} reminders")
        if any(m < 0 or m > MAX_REMINDER_MINUTES for m in cleaned):
            raise ValueError(f"reminders must be 0..{MAX_REMINDER_MINUTES} minutes")
        return cleaned

    @model_validator(mode="after")
    def _when(self) -> CalendarEntry:
        timed = self.start is not None or self.end is not None
        if timed and self.all_day is not None:
            raise ValueError("an entry is either timed (start/end) or all-day, not both")
        if not timed and self.all_day is None:
            raise ValueError("an entry needs start and end, or an all-day date")
        if timed:
            if self.start is None or self.end is None:
                raise ValueError("a timed entry needs both start and end")
            if self.end <= self.start:
                raise ValueError("an entry must end after it starts")
        return self

    # mypy does not support decorators stacked on @property (pydantic documents this ignore)
    @computed_field  # type: ignore[prop-decorator]
    @property
    def uid(self) -> str:
        """Stable across exports and syncs: derived from the source kind and id only."""
        return make_uid(self.source_kind, self.source_id)

    @property
    def is_all_day(self) -> bool:
        return self.all_day is not None

    def ends_at(self) -> datetime:
        """When the entry is over (all-day entries: the end of their day, UTC)."""
        if self.end is not None:
            return self.end
        assert self.all_day is not None
        return datetime.combine(self.all_day + timedelta(days=1), datetime.min.time(), UTC)

    def payload(self) -> dict[str, Any]:
        """The JSON stored in the outbox and the link table."""
        return self.model_dump(mode="json")

    def with_times(
        self, start: datetime | None, end: datetime | None, all_day: date | None
    ) -> CalendarEntry:
        """A copy moved to new times (used when a change comes back from Google)."""
        data = self.model_dump()
        data.update(start=start, end=end, all_day=all_day)
        data.pop("uid", None)
        return CalendarEntry.model_validate(data)


def entry_hash(entry: CalendarEntry | dict[str, Any]) -> str:
    """sha256 over what the event shows; ``updated_at`` is left out (it is not shown)."""
    data = entry.payload() if isinstance(entry, CalendarEntry) else dict(entry)
    data.pop("updated_at", None)
    data.pop("uid", None)
    text = json.dumps([PAYLOAD_FORMAT, data], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@runtime_checkable
class CalendarSource(Protocol):
    """Something that has calendar entries for a profile (interviews, deadlines, follow-ups).

    ``entries`` returns every live entry of the profile, past and future: an entry that stops
    being returned (or comes back with ``cancelled=True``) is deleted from the calendar.
    """

    def entries(self, profile_id: int) -> list[CalendarEntry]: ...


class CalendarChange(BaseModel):
    """A time change made in Google Calendar to an event CareerDesk owns.

    Timed events carry ``new_start``/``new_end``; all-day events ``new_date``. ``previous_*``
    are the times CareerDesk last sent. ``remote_updated`` is Google's modification time.
    """

    model_config = ConfigDict(frozen=True)

    uid: str
    profile_id: int
    source_kind: SourceKind
    source_id: int
    new_start: datetime | None = None
    new_end: datetime | None = None
    new_date: date | None = None
    previous_start: datetime | None = None
    previous_end: datetime | None = None
    previous_date: date | None = None
    remote_updated: datetime | None = None


# --- what the sync engine reports ------------------------------------------------------------
class OutboxItem(BaseModel):
    """A queued change, as the UI and the tests see it."""

    model_config = ConfigDict(frozen=True)

    id: int
    uid: str
    operation: OutboxOperation
    attempts: int
    last_error: str | None
    next_attempt_at: datetime | None
    created_at: datetime


class RefreshReport(BaseModel):
    entries: int = 0
    upserts: int = 0
    deletes: int = 0
    dropped: int = 0  # queued changes that became unnecessary


class PushReport(BaseModel):
    created: int = 0
    updated: int = 0
    deleted: int = 0
    recreated: int = 0
    duplicates_removed: int = 0
    failed: int = 0
    remaining: int = 0
    requests: int = 0
    last_error: str | None = None

    @property
    def sent(self) -> int:
        return self.created + self.updated + self.deleted + self.recreated


class PullReport(BaseModel):
    changes: list[CalendarChange] = Field(default_factory=list)
    applied: int = 0
    kept_local: int = 0
    removed_in_google: int = 0
    full_resync: bool = False
    events_seen: int = 0


class SyncStatus(BaseModel):
    """What the status line shows: last sync, pending count, last error in plain words."""

    profile_id: int
    calendar_id: str | None = None
    last_sync_at: datetime | None = None
    last_attempt_at: datetime | None = None
    pending: int = 0
    failing: int = 0
    last_error: str | None = None
    next_retry_at: datetime | None = None

    def headline(self, now: datetime) -> str:
        """``Last sync 5 min ago · 2 changes waiting`` (no error part)."""
        parts = [
            f"Last sync {_ago(self.last_sync_at, now)}" if self.last_sync_at else "Never synced"
        ]
        if self.pending:
            parts.append(f"{self.pending} change{'s' if self.pending != 1 else ''} waiting")
        else:
            parts.append("nothing waiting")
        return " · ".join(parts)

    def describe(self, now: datetime) -> str:
        """One line for people: ``Last sync 5 min ago · 2 changes waiting · Last error: ...``."""
        line = self.headline(now)
        return f"{line} · Last error: {self.last_error}" if self.last_error else line


def _ago(when: datetime, now: datetime) -> str:
    seconds = max(0, int((now - when).total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 86400:
        return f"{seconds // 3600} h ago"
    return f"on {when:%Y-%m-%d %H:%M} UTC"


# --- the provider port's data (plain frozen dataclasses) -------------------------------------
@dataclass(frozen=True)
class CalendarInfo:
    """A calendar of the connected account (for the picker)."""

    id: str
    summary: str
    primary: bool = False
    access_role: str = "owner"

    @property
    def writable(self) -> bool:
        return self.access_role in ("owner", "writer")


@dataclass(frozen=True)
class RemoteEvent:
    """The parts of a provider's event the sync engine needs."""

    event_id: str
    status: str = "confirmed"  # confirmed | tentative | cancelled
    etag: str | None = None
    updated: datetime | None = None
    start: datetime | None = None
    end: datetime | None = None
    start_date: date | None = None
    end_date: date | None = None  # exclusive, as in Google and iCalendar
    private: dict[str, str] = field(default_factory=dict)
    summary: str = ""

    @property
    def uid(self) -> str | None:
        return self.private.get(IDENTITY_PROPERTY)

    @property
    def all_day(self) -> date | None:
        return self.start_date


EventAction = Literal["find", "get", "insert", "patch", "delete"]


@dataclass(frozen=True)
class EventOp:
    """One request for the provider.

    - ``find``: events of ``calendar_id`` whose private properties include all of ``match``.
    - ``get``: the event ``event_id`` (a deleted one too, with status ``cancelled``).
    - ``insert``: create ``entry`` with the private properties ``private``, under the
      client-chosen id ``event_id`` when given (a second insert with it answers 409).
    - ``patch``: overwrite CareerDesk's fields of ``event_id`` with ``entry``.
    - ``delete``: remove ``event_id``.
    """

    key: str
    action: EventAction
    calendar_id: str
    event_id: str | None = None
    entry: CalendarEntry | None = None
    private: dict[str, str] = field(default_factory=dict)
    match: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class EventOpResult:
    """The outcome of one :class:`EventOp`: an event, the found events, or an error."""

    key: str
    event: RemoteEvent | None = None
    found: tuple[RemoteEvent, ...] = ()
    error: CalendarError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class EventChanges:
    """Events changed since a sync token (or all events on a full sync)."""

    events: tuple[RemoteEvent, ...]
    next_sync_token: str | None
    full: bool


@dataclass(frozen=True)
class DisconnectResult:
    """What disconnecting a calendar account did, in plain words."""

    revoked: bool
    message: str
