"""Calendar in the main window: File → Export → Calendar (.ics)…, and background auto-sync.

``install_calendar(window, ctx)`` is meant to be called once from a tab's ``install_actions``
(the pipeline tab) or the main window; see docs/calendar.md. It

- adds the export action to File → Export;
- refreshes the outbox and the subscribed .ics file after pipeline events
  (:meth:`CalendarSync.watch`);
- pushes queued changes a few seconds after they are queued, and does a full sync (pull and
  push) every 15 minutes, when Google Calendar is connected. Failures are not shown as
  dialogs: they land in the status line of Settings → Calendar, and the outbox keeps the
  changes for the next attempt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction

from careerdesk.core.calendar.events import CalendarOutboxChanged
from careerdesk.core.calendar.sync import CalendarSync
from careerdesk.core.kernel.errors import UserError
from careerdesk.core.kernel.events import DomainEvent
from careerdesk.ui.common import file_dialogs
from careerdesk.ui.shell.context import UiContext
from careerdesk.ui.shell.tasks import TaskState

if TYPE_CHECKING:
    from careerdesk.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)

PUSH_DELAY_MS = 3_000
SYNC_INTERVAL_MS = 15 * 60 * 1000


class CalendarAutoSync(QObject):
    """Background delivery of queued calendar changes while the app is open."""

    def __init__(
        self,
        ctx: UiContext,
        *,
        push_delay_ms: int = PUSH_DELAY_MS,
        sync_interval_ms: int = SYNC_INTERVAL_MS,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.sync = ctx.service(CalendarSync)
        self._running = False
        self._stop_watching = self.sync.watch()
        self._push_timer = QTimer(self)
        self._push_timer.setSingleShot(True)
        self._push_timer.setInterval(push_delay_ms)
        self._push_timer.timeout.connect(self.push_now)
        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(sync_interval_ms)
        self._sync_timer.timeout.connect(self.sync_now)
        self._sync_timer.start()
        ctx.events.domain_event.connect(self._on_event)

    def _on_event(self, event: DomainEvent) -> None:
        if (
            isinstance(event, CalendarOutboxChanged)
            and event.pending
            and event.profile_id == self.ctx.profile_id
        ):
            self._push_timer.start()  # restarts: a burst of edits becomes one push

    def _ready(self) -> int | None:
        profile_id = self.ctx.profile_id
        if profile_id is None or self._running or not self.sync.connected(profile_id):
            return None
        return profile_id

    def push_now(self) -> None:
        """Send what is due in the outbox (no pull)."""
        profile_id = self._ready()
        if profile_id is not None:
            self._start(lambda state: self.sync.push_pending(profile_id, state), "calendar-push")

    def sync_now(self) -> None:
        """Pull moved times and send what is due."""
        profile_id = self._ready()
        if profile_id is not None:
            self._start(
                lambda state: self.sync.sync(profile_id, state=state, force=False), "calendar-sync"
            )

    def _start(self, fn: Callable[[TaskState], object], name: str) -> None:
        self._running = True

        def finished(_result: object = None) -> None:
            self._running = False

        def failed(exc: BaseException) -> None:
            self._running = False
            # Recorded in the sync state and shown in Settings → Calendar; no dialog.
            log.info("background calendar %s failed: %s", name, exc)

        self.ctx.runner.run(fn, name=name, on_success=finished, on_error=failed)

    def stop(self) -> None:
        self._push_timer.stop()
        self._sync_timer.stop()
        self._stop_watching()


_EXPORT_ACTION = "calendar-export-action"


def export_calendar(window: MainWindow, ctx: UiContext) -> None:
    """File → Export → Calendar (.ics)…: the current profile's upcoming events."""
    profile_id = ctx.profile_id
    if profile_id is None:
        ctx.status("Choose a profile first", 5000)
        return
    found = file_dialogs.save_file(
        window,
        "Export calendar",
        purpose="calendar-export",
        suggested="careerdesk.ics",
        filter="iCalendar files (*.ics)",
    )
    if found is None:
        return
    path = str(found)
    target = Path(path if path.lower().endswith(".ics") else path + ".ics")
    sync = ctx.service(CalendarSync)

    def done(count: int) -> None:
        ctx.status(f"Exported {count} event{'s' if count != 1 else ''} to {target}", 8000)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, UserError):
            ctx.status(exc.message, 8000)
        else:
            ctx.report(exc)

    ctx.runner.run(
        lambda _s: sync.export_ics(profile_id, target),
        name="calendar-export",
        on_success=done,
        on_error=failed,
    )


def install_calendar(window: MainWindow, ctx: UiContext) -> CalendarAutoSync | None:
    """Add File → Export → Calendar (.ics)… and start background calendar sync.

    Once per window: a second call returns the running auto-sync (two menu entries with one
    shortcut would make the shortcut ambiguous, and two syncs would race).
    """
    existing = window.findChild(CalendarAutoSync)
    if existing is not None or window.findChild(QAction, _EXPORT_ACTION) is not None:
        return existing
    action = QAction("&Calendar (.ics)…", window)
    action.setObjectName(_EXPORT_ACTION)
    action.setShortcut("Ctrl+Shift+E")
    action.triggered.connect(lambda: export_calendar(window, ctx))
    window.export_menu.addAction(action)
    window.export_menu.menuAction().setVisible(True)
    if ctx.kiosk:
        # One Google account per machine: on a shared kiosk, background sync would copy each
        # learner's interviews into whoever connected it. The advisor (menus unlocked) can
        # still export a learner's .ics file.
        return None
    auto = CalendarAutoSync(ctx)
    auto.setParent(window)
    return auto
