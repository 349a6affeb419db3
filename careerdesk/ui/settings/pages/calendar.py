"""Settings → Calendar: connect Google Calendar, pick a calendar, sync, export .ics.

Connect is one button when this copy ships its own OAuth client; otherwise the page explains
the bring-your-own-client path. On a kiosk the advisor decides whether learners may connect,
and each connection is the chosen learner's own (docs/calendar.md). The words are in
``ui/calendar/connect_text.py``.

Everything slow runs through ``ctx.runner``: the sign-in (waits for the browser), listing
calendars, syncing (network) and exporting (file). Syncs run on the parallel pool rather than
the write lane because they wait on the network for seconds; their own database writes are
short transactions that SQLite serialises safely.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.calendar.events import (
    CalendarOutboxChanged,
    CalendarSynced,
    CalendarTimesChanged,
)
from careerdesk.core.calendar.sync import CalendarSync, SignInFlow, SyncOutcome
from careerdesk.core.kernel.errors import UserError
from careerdesk.core.kernel.events import DomainEvent
from careerdesk.ui.calendar import connect_text as words
from careerdesk.ui.calendar.file_box import CalendarFileBox, run_while_alive
from careerdesk.ui.calendar.picker import CalendarPicker
from careerdesk.ui.common import desktop, file_dialogs, formatting, theme
from careerdesk.ui.common.messages import plain_error
from careerdesk.ui.settings.dialog import SettingsPage
from careerdesk.ui.shell.context import UiContext

INTRO = words.INTRO


class CalendarPage(QWidget):
    """The calendar settings page; ``status_label`` carries the sync status line."""

    _auth_url = Signal(str)  # emitted from the sign-in worker thread

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.sync = ctx.service(CalendarSync)
        self._sign_in: SignInFlow | None = None
        self._busy = 0
        self._hint_text = ""
        self._use_system_browser = True
        # Read once: whether the build shipped an OAuth client does not change while running.
        self._shipped = self.sync.shipped_client()
        self._build()
        self._auth_url.connect(self._show_auth_url)
        ctx.events.domain_event.connect(self._on_event)
        ctx.profile_changed.connect(lambda _pid: self.refresh())
        self.refresh()
        if self._connected_now():
            self.load_calendars()

    def _connected_now(self) -> bool:
        return self.sync.connected(self.ctx.profile_id)

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.consent = words.WrappedLabel(words.CONSENT)
        self.consent.setTextFormat(Qt.TextFormat.RichText)
        self.consent.setAccessibleName("What CareerDesk writes and reads")
        layout.addWidget(self.consent)
        self.kiosk_note = words.WrappedLabel()
        self.kiosk_note.setTextFormat(Qt.TextFormat.RichText)
        self.kiosk_allow = QCheckBox("Let learners connect their own Google Calendar on this kiosk")
        self.kiosk_allow.setChecked(self.ctx.app.settings.calendar.kiosk_google)
        self.kiosk_allow.toggled.connect(self._set_kiosk_allowed)
        layout.addWidget(self.kiosk_note)
        layout.addWidget(self.kiosk_allow)
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        layout.addWidget(self.keyring_note)

        google = self.google_box = theme.section_box("Google Calendar")
        form = self._google_form = QFormLayout(google)
        self.account = QLabel()
        form.addRow("Account:", self.account)
        row = QHBoxLayout()
        self.connect_btn = QPushButton("&Connect Google Calendar…")
        self.cancel_btn = QPushButton("Cancel sign-in")
        self.disconnect_btn = QPushButton("&Disconnect")
        for button in (self.connect_btn, self.cancel_btn, self.disconnect_btn):
            row.addWidget(button)
        row.addStretch(1)
        form.addRow("", row)
        self.sign_in_hint = words.WrappedLabel()
        self.sign_in_hint.setOpenExternalLinks(True)
        self.sign_in_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        form.addRow("", self.sign_in_hint)
        self.picker = CalendarPicker(
            self.ctx, self.sync, on_change=self.refresh, on_error=self._hint
        )
        self.calendar_box, self.reload_btn = self.picker.box, self.picker.reload_btn
        form.addRow("Calendar:", self.picker)
        sync_row = QHBoxLayout()
        self.sync_btn = QPushButton("&Sync now")
        self.sync_btn.setShortcut("Ctrl+R")
        self.sync_btn.setToolTip("Send queued changes and fetch moved times (Ctrl+R)")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        sync_row.addWidget(self.sync_btn)
        sync_row.addWidget(self.progress)
        sync_row.addStretch(1)
        form.addRow("", sync_row)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setAccessibleName("Calendar sync status")
        form.addRow("Status:", self.status_label)
        layout.addWidget(google)

        self.file_box = CalendarFileBox(self.ctx, self.sync)
        layout.addWidget(self.file_box)
        layout.addStretch(1)

        self.connect_btn.clicked.connect(self.connect_google)
        self.cancel_btn.clicked.connect(self.cancel_sign_in)
        self.disconnect_btn.clicked.connect(self.disconnect_google)
        self.sync_btn.clicked.connect(self.sync_now)

    # -- state ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the connection and the status line (cheap reads only)."""
        store = self.ctx.app.secrets
        if store.persistent:
            self.keyring_note.setText(f"Your Google sign-in is kept in: {store.backend_name}.")
        else:
            self.keyring_note.setText(
                "⚠ No secure keyring is available on this system, so a Google sign-in is kept "
                "for this session only: you will need to connect again next time."
            )
        kiosk, allowed = self.sync.kiosk, self.sync.google_allowed()
        self.kiosk_note.setVisible(kiosk)
        self.kiosk_allow.setVisible(kiosk)
        if kiosk:
            learner = self._learner_name()
            self.kiosk_note.setText(words.kiosk_on(learner) if allowed else words.KIOSK_OFF)
        self.google_box.setEnabled(allowed)
        connected = self._connected_now()
        signing_in = self._sign_in is not None
        self.account.setText(self._account_text(connected))
        self._show_hint()
        self.connect_btn.setVisible(not signing_in)
        if connected:
            self.connect_btn.setText("&Reconnect…")
        elif self._shipped:
            self.connect_btn.setText("&Connect Google Calendar")
        else:
            self.connect_btn.setText("&Choose client file and connect…")
        self.connect_btn.setEnabled(allowed and not (kiosk and self.ctx.profile_id is None))
        self.cancel_btn.setVisible(signing_in)
        self.disconnect_btn.setEnabled(connected and not signing_in)
        self.picker.update_state(connected)
        profile_id = self.ctx.profile_id
        has_profile = profile_id is not None
        self.sync_btn.setEnabled(connected and has_profile and not self._busy)
        self.file_box.refresh()
        self.progress.setVisible(bool(self._busy))
        self.status_label.setText(self.status_text())

    def status_text(self) -> str:
        """The status line (rich text): last sync, pending count, last error in plain words."""
        profile_id = self.ctx.profile_id
        if profile_id is None:
            return "Choose a profile to sync its calendar."
        status = self.sync.status(profile_id)
        now = self.ctx.app.clock.now()
        line = html.escape(status.headline(now))
        if not self._connected_now():
            line = f"Not connected — changes are kept until you connect. {line}"
        if status.last_error:
            retry = ""
            if status.next_retry_at is not None and status.next_retry_at > now:
                retry = f" Next automatic try at {formatting.time(status.next_retry_at)}."
            line += (
                f'<br><span style="color:{theme.hex_of("warning")}">⚠ Last error: '
                f"{html.escape(status.last_error)}{retry}</span>"
            )
        return line

    def _hint(self, text: str) -> None:
        """Show a sign-in message under the buttons (empty: the default advice, if any)."""
        self._hint_text = text
        self._show_hint()

    def _show_hint(self) -> None:
        default = words.SHIPPED_HELP if self._shipped else words.bring_your_own_help()
        text = self._hint_text or ("" if self._connected_now() else default)
        self.sign_in_hint.setText(text)
        self._google_form.setRowVisible(self.sign_in_hint, bool(text))

    def _account_text(self, connected: bool) -> str:
        if self._sign_in is not None:
            return "Waiting for you to finish signing in in your browser…"
        if not connected:
            return "Not connected"
        primary = self.picker.primary()
        return f"Connected ({primary.id})" if primary else "Connected"

    def _learner_name(self) -> str | None:
        try:
            profile = self.ctx.profile()
        except Exception:  # a profile deleted meanwhile: no name to show
            return None
        return profile.name if profile is not None else None

    def _set_kiosk_allowed(self, on: bool) -> None:
        # Saved with the other settings when the dialog closes.
        self.ctx.app.settings.calendar.kiosk_google = on
        self.refresh()

    def _set_busy(self, delta: int) -> None:
        self._busy = max(0, self._busy + delta)
        self.refresh()

    def _on_event(self, event: DomainEvent) -> None:
        if isinstance(event, CalendarOutboxChanged | CalendarSynced | CalendarTimesChanged) and (
            event.profile_id == self.ctx.profile_id
        ):
            self.status_label.setText(self.status_text())

    # -- connect / disconnect -------------------------------------------------------------------
    def connect_google(self) -> None:
        """Sign in with the shipped client, or choose the user's own OAuth client file first."""
        if self._shipped:
            self.start_sign_in(None)
            return
        path = file_dialogs.open_file(
            self,
            "Choose the Google sign-in file you downloaded",
            purpose="oauth",
            filter="Google sign-in file (*.json)",
        )
        if path is None:
            return
        self.start_sign_in(path)

    def start_sign_in(
        self, client_file: Path | None, *, open_url: Callable[[str], Any] | None = None
    ) -> None:
        """Sign in with ``client_file`` (None: the shipped client) in the background
        (``open_url`` replaces the browser).

        The sign-in and storing its result are one task, so closing Settings while the
        browser is open still connects once the user finishes (or the page cancels it).
        """
        if self._sign_in is not None:
            return
        self._hint("")
        try:
            sign_in = self.sync.sign_in(client_file, self._opener(open_url))
        except UserError as exc:
            self._failed(exc)
            return
        profile_id = self.ctx.profile_id
        self._sign_in = sign_in
        # Closing the page stops the wait (the lambda must not reference the dead page).
        self.destroyed.connect(lambda *_: sign_in.cancel())

        def done(_result: object) -> None:
            self._sign_in = None
            self._connected()

        def failed(exc: BaseException) -> None:
            self._sign_in = None
            self._failed(exc)

        self.refresh()
        run_while_alive(
            self,
            self.ctx,
            lambda _s: self.sync.connect(sign_in, profile_id),
            name="calendar-sign-in",
            on_success=done,
            on_error=failed,
        )

    def _opener(self, open_url: Callable[[str], Any] | None) -> Callable[[str], None]:
        self._use_system_browser = open_url is None

        def opener(url: str) -> None:  # runs on the sign-in worker thread
            self._auth_url.emit(url)  # queued to the GUI thread, which opens the browser
            if open_url is not None:
                open_url(url)

        return opener

    def _show_auth_url(self, url: str) -> None:
        if self._use_system_browser:
            desktop.open_url(url, self)
        self._hint(
            f'Finish signing in in your browser. If it did not open, <a href="{url}">open the '
            "Google sign-in page</a>."
        )

    def cancel_sign_in(self) -> None:
        sign_in = self._sign_in
        if sign_in is not None:
            self.ctx.runner.run(lambda _s: sign_in.cancel(), name="calendar-cancel-sign-in")

    def _connected(self) -> None:
        self._hint("✓ Connected to Google Calendar.")
        self.ctx.status("Connected to Google Calendar", 5000)
        self.refresh()
        self.load_calendars()

    def _failed(self, exc: BaseException) -> None:
        self.refresh()
        message = plain_error(exc, "connect to Google Calendar")
        self._hint(f"✗ {message}")
        if not isinstance(exc, UserError):
            self.ctx.report(exc)

    def disconnect_google(self) -> None:
        answer = QMessageBox.question(
            self,
            "Disconnect Google Calendar",
            "Disconnect CareerDesk from Google Calendar?\n\nCareerDesk revokes its access and "
            "forgets the sign-in. Events already in your calendar stay there; changes you make "
            "meanwhile are kept and sent when you connect again.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._set_busy(+1)
        profile_id = self.ctx.profile_id

        def done(result: object) -> None:
            self.picker.forget()
            self._hint(getattr(result, "message", "Disconnected."))
            self._set_busy(-1)

        def failed(exc: BaseException) -> None:
            self._set_busy(-1)
            self._failed(exc)

        run_while_alive(
            self,
            self.ctx,
            lambda _s: self.sync.disconnect(profile_id),
            name="calendar-disconnect",
            on_success=done,
            on_error=failed,
        )

    # -- calendars -------------------------------------------------------------------------------
    def load_calendars(self) -> None:
        """List the account's writable calendars in the background."""
        self.picker.load()

    # -- sync / export ---------------------------------------------------------------------------
    def sync_now(self) -> None:
        """Refresh, pull and push in the background; the status line follows."""
        profile_id = self.ctx.profile_id
        if profile_id is None or self._busy:
            return
        self._set_busy(+1)
        self.status_label.setText("Syncing with Google Calendar…")

        def done(outcome: SyncOutcome) -> None:
            self._set_busy(-1)
            self.ctx.status(outcome.summary(), 8000)

        def failed(exc: BaseException) -> None:
            self._set_busy(-1)
            if not isinstance(exc, UserError):
                self.ctx.report(exc)

        run_while_alive(
            self,
            self.ctx,
            lambda state: self.sync.sync(profile_id, state=state),
            name="calendar-sync",
            on_success=done,
            on_error=failed,
            on_progress=lambda _f, message: (
                self.status_label.setText(message) if shiboken6.isValid(self) else None
            ),
        )


PAGE = SettingsPage("Calendar", 30, CalendarPage)
