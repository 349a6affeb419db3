"""Typed domain events and the in-process bus that carries them.

Every write publishes an event after its transaction commits; tabs refresh on them and the
insights engine recomputes on them, so nothing polls for freshness. Handlers run in the
publishing thread; the Qt side (``careerdesk.ui.shell.bus``) re-emits them as queued signals so
widgets are only touched on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from careerdesk.core.kernel.clock import utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class DomainEvent:
    """Base of all events. ``profile_id`` is None for install-wide changes."""

    profile_id: int | None
    at: datetime = field(default_factory=utcnow)


@dataclass(frozen=True, kw_only=True)
class DataRestored(DomainEvent):
    """The whole database was replaced (restore, import of a full backup)."""


E = TypeVar("E", bound=DomainEvent)
Handler = Callable[[Any], None]


class EventBus:
    """Synchronous publish/subscribe keyed by event class (subclasses match their bases).

    Thread-safe: services publish from worker threads. A failing handler is logged and does
    not stop the others or the publisher, because a broken listener must not undo a write
    that already committed.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._handlers: list[tuple[type[DomainEvent], Handler]] = []

    def subscribe(self, event_type: type[E], handler: Callable[[E], None]) -> Callable[[], None]:
        """Call ``handler`` for every event that is an instance of ``event_type``.

        Returns a function that unsubscribes.
        """
        entry = (event_type, handler)
        with self._lock:
            self._handlers.append(entry)

        def unsubscribe() -> None:
            with self._lock:
                if entry in self._handlers:
                    self._handlers.remove(entry)

        return unsubscribe

    def publish(self, event: DomainEvent) -> None:
        with self._lock:
            handlers = [h for t, h in self._handlers if isinstance(event, t)]
        for handler in handlers:
            try:
                handler(event)
            except Exception:
                log.exception("event handler %r failed for %r", handler, event)
