"""What the CLI and the GUI call for the calendar: connect, sync, export, keep files fresh.

:class:`CalendarSync` joins the core :class:`CalendarSyncService` (outbox, sources) with a
calendar account (the Google adapter implements :class:`CalendarAccount`) and the calendar
file writer (:class:`CalendarFile`, the ICS adapter). It blocks: run it off the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from careerdesk.core.calendar.errors import CalendarError, CalendarNotConnectedError
from careerdesk.core.calendar.events import CalendarOutboxChanged
from careerdesk.core.calendar.models import (
    CalendarInfo,
    DisconnectResult,
    PullReport,
    PushReport,
    RefreshReport,
    SyncStatus,
)
from careerdesk.core.calendar.service import CalendarSyncService, ProgressState
from careerdesk.core.kernel.events import DataRestored, DomainEvent, EventBus
from careerdesk.core.kernel.ports import CalendarProvider
from careerdesk.core.kernel.settings import Settings
from careerdesk.core.pipeline.events import ApplicationChanged, FollowUpsChanged


class SignInFlow(Protocol):
    """One run of an interactive sign-in: :meth:`run` blocks until the browser returns."""

    auth_url: str | None

    def run(self) -> object: ...

    def cancel(self) -> None: ...


class CalendarAccount(Protocol):
    """The signed-in calendar account (the Google adapter implements it).

    ``owner`` is None for the installation's sign-in, or a learner's profile id for their own
    (kiosk mode: one sign-in per learner).
    """

    @property
    def session_only(self) -> bool:
        """True when the sign-in is forgotten when CareerDesk closes (no keyring)."""
        ...

    def connected(self, owner: int | None = None) -> bool: ...

    def shipped_client(self) -> bool:
        """True when this copy carries its own OAuth client (one-click Connect)."""
        ...

    def sign_in(
        self, client_file: Path | None, open_url: Callable[[str], object] | None
    ) -> SignInFlow:
        """A new interactive sign-in with the OAuth client in ``client_file`` (None: the
        shipped one)."""
        ...

    def store(self, credentials: object, owner: int | None = None) -> None: ...

    def credentials_from_file(self, path: Path) -> object: ...

    def disconnect(self, timeout_s: float, owner: int | None = None) -> DisconnectResult: ...

    def forget(self, owner: int) -> bool:
        """Delete learner ``owner``'s sign-in (their profile was deleted)."""
        ...

    def open(
        self, credentials_file: Path | None, timeout_s: float, owner: int | None = None
    ) -> AbstractContextManager[CalendarProvider]:
        """A provider on the stored sign-in (or on ``credentials_file``, not stored).

        On exit a renewed access token is saved, so the next run need not renew it again.
        """
        ...


class CalendarFile(Protocol):
    """The calendar file (.ics) writer."""

    def export(self, profile_id: int, path: Path) -> int: ...

    def update_subscribed_file(self, profile_id: int) -> Path | None: ...

    def subscribed_path(self, profile_id: int) -> Path: ...


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
        if p.duplicates_removed:
            n = p.duplicates_removed
            parts.append(f"Removed {n} duplicate event{'s' if n != 1 else ''}.")
        if self.pull.full_resync:
            parts.append("Google asked for a full resync; done.")
        waiting = self.status.pending
        parts.append(f"{waiting} waiting." if waiting else "Nothing waiting.")
        if p.failed and p.last_error:
            parts.append(p.last_error)
        return " ".join(parts)


class CalendarSync:
    """Calendar sync and ICS export for the app (one instance per app)."""

    def __init__(
        self,
        service: CalendarSyncService,
        account: CalendarAccount,
        ics: CalendarFile,
        *,
        bus: EventBus,
        settings: Settings,
        save_settings: Callable[[], None],
        profile_ids: Callable[[], list[int]],
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        self.service = service
        self.account = account
        self.ics = ics
        self._bus = bus
        self._settings = settings
        self._save_settings = save_settings
        self._profile_ids = profile_ids
        self.timeout_s = timeout_s
        self._unsubscribe: list[Callable[[], None]] = []

    # -- connection ------------------------------------------------------------------------------
    @property
    def kiosk(self) -> bool:
        """Kiosk mode: every learner signs in to Google for themselves, if allowed at all."""
        return self._settings.kiosk.enabled

    def google_allowed(self) -> bool:
        """False on a kiosk whose advisor has not allowed Google Calendar connections."""
        return not self.kiosk or self._settings.calendar.kiosk_google

    def owner(self, profile_id: int | None) -> int | None:
        """Whose sign-in serves ``profile_id``: the learner's own on a kiosk, else the install's."""
        return profile_id if self.kiosk else None

    def connected(self, profile_id: int | None = None) -> bool:
        """True when a sign-in is stored (in the keyring, or for this session) and allowed."""
        if not self.google_allowed():
            return False
        if self.kiosk and profile_id is None:
            return False  # a kiosk has no installation-wide sign-in
        return self.account.connected(self.owner(profile_id))

    @property
    def session_only(self) -> bool:
        """True when there is no keyring: the sign-in is forgotten when CareerDesk closes."""
        return self.account.session_only

    def shipped_client(self) -> bool:
        """True when this copy carries its own OAuth client: Connect needs no client file."""
        return self.account.shipped_client()

    def sign_in(
        self, client_file: Path | None = None, open_url: Callable[[str], object] | None = None
    ) -> SignInFlow:
        """A new interactive sign-in (run it with :meth:`connect`); ``client_file`` None uses
        the shipped OAuth client."""
        self._check_allowed()
        return self.account.sign_in(client_file, open_url)

    def connect(self, sign_in: SignInFlow, profile_id: int | None = None) -> None:
        """Run the sign-in (blocks until the browser returns) and store the credentials."""
        self.store_credentials(sign_in.run(), profile_id)

    def connect_with_file(self, path: Path, profile_id: int | None = None) -> None:
        """Store an authorised-user JSON file as the sign-in (after checking it reads)."""
        self.store_credentials(self.account.credentials_from_file(path), profile_id)

    def store_credentials(self, credentials: object, profile_id: int | None = None) -> None:
        """Keep a new sign-in (keyring, or this session) and forget the old account's links.

        Another account may hold other events; nothing gets duplicated because pushes find
        existing events by their CareerDesk id. On a kiosk the sign-in is the learner's own.
        """
        self._check_allowed(profile_id)
        owner = self.owner(profile_id)
        self.account.store(credentials, owner)
        self.service.reset_remote(owner)

    def disconnect(self, profile_id: int | None = None) -> DisconnectResult:
        """Revoke at Google and delete locally; queued changes stay for a later connection."""
        owner = self.owner(profile_id)
        result = self.account.disconnect(self.timeout_s, owner)
        self.service.reset_remote(owner)
        return result

    def forget_profile(self, profile_id: int) -> None:
        """A profile was deleted: its own Google sign-in (kiosk) goes with it."""
        if self.account.forget(profile_id):
            log.info("calendar: the deleted profile's Google sign-in was removed")

    def list_calendars(
        self, credentials_file: Path | None = None, profile_id: int | None = None
    ) -> list[CalendarInfo]:
        """The calendars the connected account can add events to."""
        with self._open(credentials_file, profile_id) as provider:
            return provider.list_calendars()

    def _check_allowed(self, profile_id: int | None = -1) -> None:
        if not self.google_allowed():
            raise CalendarNotConnectedError(
                "Google Calendar is switched off on this kiosk. The advisor can allow it in "
                "Settings → Calendar."
            )
        if self.kiosk and profile_id is None:
            raise CalendarNotConnectedError(
                "On a kiosk each learner connects their own Google Calendar: choose the "
                "learner first."
            )

    def _open(
        self, credentials_file: Path | None, profile_id: int | None
    ) -> AbstractContextManager[CalendarProvider]:
        if credentials_file is None:
            self._check_allowed(profile_id)
        return self.account.open(credentials_file, self.timeout_s, self.owner(profile_id))

    def set_calendar(self, calendar_id: str) -> None:
        """Sync to ``calendar_id`` from now on (events move there on the next sync)."""
        self._settings.calendar.calendar_id = calendar_id or "primary"
        self._save_settings()

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
        with self._open(credentials_file, profile_id) as provider:
            if state is not None:
                state.check()
                state.progress(0.1, "Checking Google Calendar for changes…")
            pulled = self.service.pull(profile_id, provider)
            if state is not None:
                state.check()
                state.progress(0.3, "Sending changes…")
            pushed = self.service.push(profile_id, provider, state, force=force)
            # A full sync also removes copies that versions before idempotent inserts left.
            # Best effort: the changes are sent already, a failure here only waits a round.
            try:
                removed = self.service.remove_duplicates(profile_id, provider)
            except CalendarError as exc:
                log.warning("calendar: duplicate check skipped: %s", exc.message)
                removed = 0
        if removed:
            pushed = pushed.model_copy(
                update={"duplicates_removed": pushed.duplicates_removed + removed}
            )
        if pulled.applied:
            self._update_file(profile_id)  # moved times changed the entries
        return SyncOutcome(refresh, pulled, pushed, self.service.status(profile_id))

    def push_pending(self, profile_id: int, state: ProgressState | None = None) -> PushReport:
        """Send what is due in the outbox (background auto-sync); no pull."""
        with self._open(None, profile_id) as provider:
            return self.service.push(profile_id, provider, state)

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
            self._bus.subscribe(t, self._on_event) for t in (event_types or DEFAULT_WATCHED)
        ]
        self._unsubscribe.extend(unsubscribers)

        def stop() -> None:
            for unsubscribe in unsubscribers:
                unsubscribe()

        return stop

    def _on_event(self, event: DomainEvent) -> None:
        if isinstance(event, CalendarOutboxChanged):
            return  # our own announcement
        profile_ids = [event.profile_id] if event.profile_id is not None else self._profile_ids()
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
