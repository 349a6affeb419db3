"""What the CLI and the GUI call for the calendar: connect, sync, export, keep files fresh.

:class:`CalendarSync` joins the core :class:`CalendarSyncService` (outbox, sources) with the
Google adapter, the stored sign-in and the ICS exporter. It blocks: run it off the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careerdesk.core.calendar.events import CalendarOutboxChanged
from careerdesk.core.calendar.models import (
    CalendarInfo,
    PullReport,
    PushReport,
    RefreshReport,
    SyncStatus,
)
from careerdesk.core.calendar.service import CalendarSyncService, ProgressState
from careerdesk.core.kernel.events import DataRestored, DomainEvent
from careerdesk.core.pipeline.events import ApplicationChanged
from careerdesk.core.pipeline.intel.followup_service import FollowUpsChanged
from careerdesk.integrations.google import auth as google_auth
from careerdesk.integrations.google.calendar import GoogleCalendarProvider
from careerdesk.integrations.ics import IcsExporter

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 20.0
# Domain events after which the outbox and the subscribed file are refreshed. Features add
# their own with CalendarSync.watch() (see docs/calendar.md).
# Follow-ups change without an application change (sent, snoozed): they are watched too.
DEFAULT_WATCHED: tuple[type[DomainEvent], ...] = (
    ApplicationChanged,
    DataRestored,
    FollowUpsChanged,
)


@dataclass(frozen=True)
class SyncOutcome:
    """Everything one sync did, and the status afterwards."""

    refresh: RefreshReport
    pull: PullReport
    push: PushReport
    status: SyncStatus

    def summary(self) -> str:
        """Plain words: what was sent, what came back, what is still waiting."""
        p = self.push
        parts = [
            f"Sent {p.sent} change{'s' if p.sent != 1 else ''} "
            f"({p.created + p.recreated} new, {p.updated} updated, {p.deleted} deleted)."
        ]
        if self.pull.applied:
            n = self.pull.applied
            parts.append(f"{n} time change{'s' if n != 1 else ''} came back from Google.")
        if self.pull.full_resync:
            parts.append("Google asked for a full resync; done.")
        waiting = self.status.pending
        parts.append(f"{waiting} waiting." if waiting else "Nothing waiting.")
        if p.failed and p.last_error:
            parts.append(p.last_error)
        return " ".join(parts)


class CalendarSync:
    """Google Calendar sync and ICS export for the app (one instance per app)."""

    def __init__(self, app: Any, *, timeout_s: float = DEFAULT_TIMEOUT_S) -> None:
        self.app = app
        self.timeout_s = timeout_s
        self._unsubscribe: list[Callable[[], None]] = []

    @classmethod
    def from_app(cls, app: Any) -> CalendarSync:
        return cls(app)

    @property
    def service(self) -> CalendarSyncService:
        return self.app.service(CalendarSyncService)

    @property
    def ics(self) -> IcsExporter:
        return self.app.service(IcsExporter)

    # -- connection ------------------------------------------------------------------------------
    def connected(self) -> bool:
        """True when a Google sign-in is stored (in the keyring, or for this session)."""
        return google_auth.is_connected(self.app.secrets)

    @property
    def session_only(self) -> bool:
        """True when there is no keyring: the sign-in is forgotten when CareerDesk closes."""
        return not self.app.secrets.persistent

    def connect(self, sign_in: google_auth.GoogleSignIn) -> None:
        """Run the sign-in (blocks until the browser returns) and store the credentials."""
        self.store_credentials(sign_in.run())

    def connect_with_file(self, path: Path) -> None:
        """Store an authorised-user JSON file as the sign-in (after checking it reads)."""
        self.store_credentials(google_auth.credentials_from_file(path))

    def store_credentials(self, credentials: Any) -> None:
        """Keep a new sign-in (keyring, or this session) and forget the old account's links.

        Another account may hold other events; nothing gets duplicated because pushes find
        existing events by their CareerDesk id.
        """
        google_auth.save_credentials(self.app.secrets, credentials)
        self.service.reset_remote()

    def disconnect(self) -> google_auth.DisconnectResult:
        """Revoke at Google and delete locally; queued changes stay for a later connection."""
        result = google_auth.disconnect(self.app.secrets, timeout_s=self.timeout_s)
        self.service.reset_remote()
        return result

    def provider(self, credentials_file: Path | None = None) -> GoogleCalendarProvider:
        """A provider on the stored sign-in, or on ``credentials_file`` (not stored)."""
        if credentials_file is not None:
            credentials = google_auth.credentials_from_file(credentials_file)
        else:
            credentials = google_auth.load_credentials(self.app.secrets)
        return GoogleCalendarProvider(credentials, timeout_s=self.timeout_s)

    def list_calendars(self, credentials_file: Path | None = None) -> list[CalendarInfo]:
        """The calendars the connected account can add events to."""
        provider = self.provider(credentials_file)
        before = provider.credentials.token
        try:
            return provider.list_calendars()
        finally:
            self._keep_refreshed(provider, before, stored=credentials_file is None)
            provider.close()

    def set_calendar(self, calendar_id: str) -> None:
        """Sync to ``calendar_id`` from now on (events move there on the next sync)."""
        self.app.settings.calendar.calendar_id = calendar_id or "primary"
        self.app.save_settings()

    # -- syncing ---------------------------------------------------------------------------------
    def sync(
        self,
        profile_id: int,
        *,
        credentials_file: Path | None = None,
        state: ProgressState | None = None,
        force: bool = True,
    ) -> SyncOutcome:
        """Refresh the outbox, pull changes from Google, push the outbox, refresh the file.

        Raises ``CalendarNotConnectedError`` / ``CalendarAuthError`` when there is no usable
        sign-in, and other ``CalendarError`` subclasses when Google cannot be reached; the
        outbox keeps every unsent change in all cases.
        """
        # Queue first: even when the sign-in is missing or Google is unreachable, the outbox
        # (and the subscribed file) hold every change for later.
        refresh = self.refresh(profile_id)
        provider = self.provider(credentials_file)
        before = provider.credentials.token
        try:
            if state is not None:
                state.check()
                state.progress(0.1, "Checking Google Calendar for changes…")
            pulled = self.service.pull(profile_id, provider)
            if state is not None:
                state.check()
                state.progress(0.3, "Sending changes…")
            pushed = self.service.push(profile_id, provider, state, force=force)
        finally:
            self._keep_refreshed(provider, before, stored=credentials_file is None)
            provider.close()
        if pulled.applied:
            self._update_file(profile_id)  # moved times changed the entries
        return SyncOutcome(refresh, pulled, pushed, self.service.status(profile_id))

    def push_pending(self, profile_id: int, state: ProgressState | None = None) -> PushReport:
        """Send what is due in the outbox (background auto-sync); no pull."""
        provider = self.provider()
        before = provider.credentials.token
        try:
            return self.service.push(profile_id, provider, state)
        finally:
            self._keep_refreshed(provider, before, stored=True)
            provider.close()

    def refresh(self, profile_id: int) -> RefreshReport:
        """Queue what changed in CareerDesk and rewrite the subscribed .ics file."""
        report = self.service.refresh_from_sources(profile_id)
        self._update_file(profile_id)
        return report

    def export_ics(self, profile_id: int, path: Path) -> int:
        """Write the profile's upcoming entries to ``path``; returns the event count."""
        return self.ics.export(profile_id, path)

    def status(self, profile_id: int) -> SyncStatus:
        return self.service.status(profile_id)

    def watch(self, *event_types: type[DomainEvent]) -> Callable[[], None]:
        """Refresh a profile's outbox and file after these events (default: pipeline changes).

        Returns a function that stops watching. Handlers run in the publishing thread (the
        database-write lane in the GUI), after the publisher's commit.
        """
        unsubscribers = [
            self.app.bus.subscribe(t, self._on_event) for t in (event_types or DEFAULT_WATCHED)
        ]
        self._unsubscribe.extend(unsubscribers)

        def stop() -> None:
            for unsubscribe in unsubscribers:
                unsubscribe()

        return stop

    def _on_event(self, event: DomainEvent) -> None:
        if isinstance(event, CalendarOutboxChanged):
            return  # our own announcement
        profile_ids = (
            [event.profile_id]
            if event.profile_id is not None
            else [p.id for p in self.app.profiles.list()]
        )
        for profile_id in profile_ids:
            try:
                self.refresh(profile_id)
            except Exception:
                # A broken source must not break the write that published the event.
                log.exception("calendar refresh after %s failed", type(event).__name__)

    def _update_file(self, profile_id: int) -> None:
        try:
            self.ics.update_subscribed_file(profile_id)
        except Exception:
            log.exception("could not update the subscribed calendar file")

    def _keep_refreshed(
        self, provider: GoogleCalendarProvider, before: str | None, *, stored: bool
    ) -> None:
        """Save a renewed access token, so the next run does not have to renew it again."""
        credentials = provider.credentials
        if not stored or not credentials.token or credentials.token == before:
            return
        try:
            # Only if the same sign-in is still stored: a Disconnect during the sync wins.
            current = google_auth.load_credentials(self.app.secrets)
            if current.refresh_token == credentials.refresh_token:
                google_auth.save_credentials(self.app.secrets, credentials)
        except Exception:
            log.info("renewed Google sign-in not saved (disconnected or keyring unavailable)")
