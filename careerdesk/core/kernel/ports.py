"""Small Protocols the core needs from the outside world.

Adapters in ``careerdesk.integrations`` implement them; the core only ever sees these types,
so every feature works with the offline implementations and no network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pydantic import BaseModel

    from careerdesk.core.calendar.models import (
        CalendarInfo,
        EventChanges,
        EventOp,
        EventOpResult,
    )
    from careerdesk.core.kernel.clock import Clock
    from careerdesk.core.kernel.events import EventBus
    from careerdesk.core.kernel.paths import AppPaths
    from careerdesk.core.kernel.settings import Settings
    from careerdesk.core.profiles.service import ProfileService
    from careerdesk.core.storage.engine import Database

# The secret store's entry for the Gemini API key (the Settings page and the adapter agree).
GEMINI_API_KEY = "gemini-api-key"

# Bound given as a string so importing the ports (the GUI does, before its first paint)
# does not import pydantic.
M = TypeVar("M", bound="BaseModel")


class AIError(Exception):
    """An AI answer could not be had. ``message`` is plain words for the user.

    ``kind`` is one of: "unavailable" (no key / disabled), "rate_limited", "timeout",
    "network", "server", "auth", "bad_request", "malformed" (reply did not fit the schema).
    """

    def __init__(self, message: str, kind: str = "server") -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind


@runtime_checkable
class AIProvider(Protocol):
    """Structured text generation. Implementations must never return an unvalidated answer."""

    name: str

    def available(self) -> bool:
        """True when a call has a chance to succeed (key set, not disabled)."""
        ...

    def generate(
        self, prompt: str, schema: type[M], *, system: str | None = None, use_cache: bool = True
    ) -> M:
        """Return ``schema`` parsed from the model's answer, or raise :class:`AIError`.

        ``use_cache=False`` asks the model again even when an identical request was answered
        before (a periodic refresh wants a new answer, not last week's).
        """
        ...


class AICacheStore(Protocol):
    """Persistent response cache keyed by model + prompt hash (the DB implements it)."""

    def get(self, key: str) -> str | None: ...

    def put(self, key: str, model: str, value: str) -> None: ...


class SecretStoreError(Exception):
    """A secret could not be stored or read; the message is for the user."""


@runtime_checkable
class SecretStore(Protocol):
    """Where API keys and OAuth tokens live: the OS keyring, never a file or the DB."""

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...

    @property
    def persistent(self) -> bool:
        """False when no keyring backend exists and secrets last for this session only."""
        ...

    @property
    def backend_name(self) -> str: ...


@runtime_checkable
class CalendarProvider(Protocol):
    """A remote calendar (Google Calendar) the sync engine pushes to and pulls from.

    Failures are :class:`careerdesk.core.calendar.errors.CalendarError` subclasses. ``execute``
    reports per-request refusals (404, rate limits, 5xx) in each result and raises only when
    the whole exchange failed (no network, timeout, sign-in rejected).
    """

    name: str

    def list_calendars(self) -> list[CalendarInfo]:
        """Calendars of the connected account, the primary one first."""
        ...

    def execute(self, ops: Sequence[EventOp]) -> list[EventOpResult]:
        """Run ``ops`` (several at once go as batch requests); one result per op, in order."""
        ...

    def list_changes(self, calendar_id: str, sync_token: str | None) -> EventChanges:
        """Events changed since ``sync_token`` (all events when None).

        Raises ``CalendarGoneError`` when the token expired and a full sync is needed.
        """
        ...


S = TypeVar("S")


class AppServices(Protocol):
    """What a core plug-in may use of the running app (the composition root implements it).

    Core code that needs "the app" (calendar sources, the pipeline's import/export, the
    advisor's sources) takes this Protocol, never :class:`careerdesk.app.App` itself, so the
    core does not import the composition root.
    """

    @property
    def db(self) -> Database: ...

    @property
    def bus(self) -> EventBus: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def profiles(self) -> ProfileService: ...

    @property
    def paths(self) -> AppPaths: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def ai(self) -> AIProvider: ...

    @property
    def secrets(self) -> SecretStore: ...

    def service(self, cls: type[S]) -> S:
        """The app's single instance of a feature service."""
        ...

    def save_settings(self) -> None: ...
