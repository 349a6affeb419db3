"""The calendar sync service: sources in, outbox through, provider out (and changes back).

Flow (see docs/calendar.md):

1. :meth:`CalendarSyncService.refresh_from_sources` compares what the registered
   :class:`CalendarSource` objects return with what was last pushed (the link table) and queues
   ``upsert``/``delete`` rows in the outbox. Queuing needs no network, so edits made offline
   are kept until Google is reachable.
2. :meth:`push` sends due outbox rows to a :class:`CalendarProvider` (``push.py``).
3. :meth:`pull` brings back time changes made in Google (``pull.py``).

The service never holds a database transaction open across a network call.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from sqlalchemy import delete, select

from careerdesk.core.calendar import outbox
from careerdesk.core.calendar.events import CalendarOutboxChanged
from careerdesk.core.calendar.models import (
    CalendarChange,
    CalendarEntry,
    CalendarSource,
    OutboxItem,
    PullReport,
    PushReport,
    RefreshReport,
    SyncStatus,
)
from careerdesk.core.kernel.clock import Clock
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.kernel.ports import CalendarProvider
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.calendar import CalendarEventLink, CalendarSyncState
from careerdesk.core.storage.tables.profiles import AppMeta

log = logging.getLogger(__name__)

INSTALL_ID_KEY = "calendar_install_id"

ChangeHandler = Callable[[CalendarChange], bool]
"""Applies a time change from Google to CareerDesk data; True when it did."""


class ProgressState(Protocol):
    """What a background task offers (``careerdesk.ui.shell.tasks.TaskState`` fits)."""

    def check(self) -> None: ...

    def progress(self, fraction: float, message: str = "") -> None: ...


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded retries for rate limits and server errors.

    Within one push, a refused request is tried ``attempts`` times in all, sleeping
    ``base_delay_s`` × 2^n (at most ``max_delay_s``) between tries. An item that still fails
    stays in the outbox and is not tried again before ``outbox_delay_s`` × 2^(attempts-1)
    (at most ``outbox_max_delay_s``), unless the user asks to sync now.
    """

    attempts: int = 3
    base_delay_s: float = 1.0
    max_delay_s: float = 8.0
    outbox_delay_s: float = 60.0
    outbox_max_delay_s: float = 3600.0

    def delay(self, retry: int) -> float:
        return min(self.max_delay_s, self.base_delay_s * (2.0 ** max(0, retry - 1)))

    def outbox_delay(self, attempts: int) -> timedelta:
        seconds = min(self.outbox_max_delay_s, self.outbox_delay_s * (2.0 ** max(0, attempts - 1)))
        return timedelta(seconds=seconds)


class CalendarSyncService:
    """Outbox-based, idempotent calendar sync for every profile."""

    def __init__(
        self,
        db: Database,
        bus: EventBus,
        clock: Clock,
        *,
        calendar_id: Callable[[], str] | None = None,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """``calendar_id`` returns the calendar chosen in Settings (default ``primary``)."""
        self.db = db
        self.bus = bus
        self.clock = clock
        self.retry = retry or RetryPolicy()
        self.sleep = sleep
        self._calendar_id = calendar_id or (lambda: "primary")
        self._sources: list[CalendarSource] = []
        self._handlers: list[ChangeHandler] = []
        self._lock = threading.RLock()
        self._remote_locks: dict[int, threading.Lock] = {}
        self._install_id: str | None = None

    # -- registry ----------------------------------------------------------------------------
    def register_source(self, source: CalendarSource) -> Callable[[], None]:
        """Add a source of entries; returns a function that removes it again."""
        with self._lock:
            self._sources.append(source)

        def unregister() -> None:
            with self._lock:
                if source in self._sources:
                    self._sources.remove(source)

        return unregister

    def on_change(self, handler: ChangeHandler) -> Callable[[], None]:
        """Add a handler for time changes made in Google; returns an unregister function.

        Handlers run on the pulling thread with no database transaction open, so they may
        write. Return True when the change was applied to CareerDesk data.
        """
        with self._lock:
            self._handlers.append(handler)

        def unregister() -> None:
            with self._lock:
                if handler in self._handlers:
                    self._handlers.remove(handler)

        return unregister

    @property
    def sources(self) -> list[CalendarSource]:
        with self._lock:
            return list(self._sources)

    @property
    def handlers(self) -> list[ChangeHandler]:
        with self._lock:
            return list(self._handlers)

    def calendar_id(self) -> str:
        """The calendar chosen in Settings."""
        return self._calendar_id() or "primary"

    def entries(self, profile_id: int, *, include_cancelled: bool = False) -> list[CalendarEntry]:
        """Every entry the sources have for ``profile_id``, by start time, one per uid."""
        found: dict[str, CalendarEntry] = {}
        for source in self.sources:
            for entry in source.entries(profile_id):
                if entry.profile_id != profile_id:
                    log.warning("source %r gave an entry of another profile", source)
                    continue
                if entry.uid in found:
                    log.warning("two sources gave %s; keeping the first", entry.uid)
                    continue
                found[entry.uid] = entry
        live = [e for e in found.values() if include_cancelled or not e.cancelled]
        return sorted(live, key=lambda e: (e.ends_at(), e.uid))

    def upcoming(self, profile_id: int) -> list[CalendarEntry]:
        """Entries that have not ended yet (what the ICS export contains)."""
        now = self.clock.now()
        return [e for e in self.entries(profile_id) if e.ends_at() > now]

    # -- identity ----------------------------------------------------------------------------
    def install_id(self) -> str:
        """A random id of this database, written on events so two installs never collide."""
        with self._lock:
            if self._install_id is None:
                with self.db.session() as s:
                    row = s.get(AppMeta, INSTALL_ID_KEY)
                    if row is None:
                        row = AppMeta(key=INSTALL_ID_KEY, value=uuid.uuid4().hex[:16])
                        s.add(row)
                    self._install_id = row.value
            return self._install_id

    def remote_lock(self, profile_id: int) -> threading.Lock:
        """Serialises pushes and pulls of one profile (two at once could both insert)."""
        with self._lock:
            return self._remote_locks.setdefault(profile_id, threading.Lock())

    # -- the outbox ----------------------------------------------------------------------------
    def enqueue_upsert(self, entry: CalendarEntry) -> None:
        """Queue ``entry`` to be created or updated in the calendar (replaces a queued change)."""
        with self.db.session() as s:
            outbox.put_row(
                s, entry.profile_id, entry.uid, "upsert", entry.payload(), self.clock.now()
            )
        self._announce(entry.profile_id)

    def enqueue_delete(self, profile_id: int, uid: str) -> None:
        """Queue the removal of the event for ``uid`` (replaces a queued change)."""
        with self.db.session() as s:
            outbox.put_row(s, profile_id, uid, "delete", {}, self.clock.now())
        self._announce(profile_id)

    def refresh_from_sources(self, profile_id: int) -> RefreshReport:
        """Queue what changed since the last push: new/changed → upsert, gone → delete."""
        entries = self.entries(profile_id, include_cancelled=True)
        live = {e.uid: e for e in entries if not e.cancelled}
        with self.db.session() as s:
            report = outbox.diff_into_outbox(
                s, profile_id, live, self.calendar_id(), self.clock.now()
            )
        if report.upserts or report.deletes or report.dropped:
            self._announce(profile_id)
        return report

    def pending(self, profile_id: int) -> list[OutboxItem]:
        """The queued changes of ``profile_id``, oldest first."""
        with self.db.read() as s:
            return outbox.pending_items(s, profile_id)

    def pending_count(self, profile_id: int) -> int:
        with self.db.read() as s:
            return outbox.count(s, profile_id)

    def linked_uids(self, profile_id: int) -> dict[str, str]:
        """uid → provider event id for everything pushed so far."""
        with self.db.read() as s:
            return {
                link.uid: link.event_id
                for link in s.scalars(
                    select(CalendarEventLink).where(CalendarEventLink.profile_id == profile_id)
                )
            }

    def status(self, profile_id: int) -> SyncStatus:
        """Last sync, pending count and the last error in plain words."""
        with self.db.read() as s:
            return outbox.read_status(s, profile_id)

    def describe_status(self, profile_id: int) -> str:
        return self.status(profile_id).describe(self.clock.now())

    def reset_remote(self, profile_id: int | None = None) -> None:
        """Forget links and sync tokens (after Disconnect, the account may change).

        Queued changes are kept. The next refresh queues every entry again; pushing them finds
        events that already exist by their CareerDesk id, so nothing is duplicated.
        """
        with self.db.session() as s:
            for table in (CalendarEventLink, CalendarSyncState):
                stmt = delete(table)
                if profile_id is not None:
                    stmt = stmt.where(table.profile_id == profile_id)
                s.execute(stmt)

    # -- remote ---------------------------------------------------------------------------------
    def push(
        self,
        profile_id: int,
        provider: CalendarProvider,
        state: ProgressState | None = None,
        *,
        force: bool = False,
    ) -> PushReport:
        """Send due outbox rows to ``provider`` (all rows when ``force``); see ``push.py``."""
        from careerdesk.core.calendar.push import run_push

        with self.remote_lock(profile_id):
            return run_push(self, profile_id, provider, state, force=force)

    def pull(self, profile_id: int, provider: CalendarProvider) -> PullReport:
        """Bring back time changes made in the calendar; see ``pull.py``."""
        from careerdesk.core.calendar.pull import run_pull

        with self.remote_lock(profile_id):
            return run_pull(self, profile_id, provider)

    def remove_duplicates(self, profile_id: int, provider: CalendarProvider) -> int:
        """Delete extra copies of linked events (left by earlier versions); see ``dedupe.py``."""
        from careerdesk.core.calendar.dedupe import run_sweep

        with self.remote_lock(profile_id):
            return run_sweep(self, profile_id, provider)

    def sync(
        self,
        profile_id: int,
        provider: CalendarProvider,
        state: ProgressState | None = None,
        *,
        force: bool = True,
    ) -> tuple[RefreshReport, PullReport, PushReport]:
        """Refresh the outbox, pull changes from the calendar, then push the outbox."""
        refresh = self.refresh_from_sources(profile_id)
        if state is not None:
            state.check()
            state.progress(0.1, "Checking Google Calendar for changes…")
        pulled = self.pull(profile_id, provider)
        if state is not None:
            state.check()
            state.progress(0.3, "Sending changes…")
        pushed = self.push(profile_id, provider, state, force=force)
        return refresh, pulled, pushed

    # -- helpers for push/pull -------------------------------------------------------------------
    def record_outcome(self, profile_id: int, error: str | None, *, synced: bool) -> None:
        """Store the result of a push or pull on the profile's sync state."""
        now = self.clock.now()
        with self.db.session() as s:
            state = outbox.sync_state(s, profile_id)
            state.last_attempt_at = now
            if synced:
                state.last_sync_at = now
            state.last_error = error
            state.last_error_at = now if error else None

    def _announce(self, profile_id: int) -> None:
        self.bus.publish(
            CalendarOutboxChanged(profile_id=profile_id, pending=self.pending_count(profile_id))
        )
