"""Turns the main window into a kiosk and runs learner sessions.

* Full screen, no menus for learners (the menu bar is hidden *and* its actions disabled,
  so shortcuts are dead too); closing (window button, Alt+F4, Quit) and Esc are
  intercepted; leaving needs the advisor PIN.
* Every session — a learner's or the advisor's — gets its own :class:`UiContext` and a
  fresh set of tabs. Ending a session emits ``session_ending`` (tabs save), clears the
  profile (the player saves its position on profile change), waits for the session's write
  lane to drain, then deletes the tabs with their context, so nothing of one learner is
  left in memory or on screen for the next. The old context never emits again, which also
  keeps tabs' lambda connections from firing on deleted widgets.
* Idle for ``settings.kiosk.idle_minutes`` → the session ends → back to the picker.
* Nothing is carried over (issue 25): on Finish, idle sign-out and learner switch the
  clipboard is cleared, the next session starts at Home with fresh tabs (so fresh undo
  stacks and search fields), the picker's filter is emptied, and file-dialog history is
  kept per learner (``ui/common/file_dialogs.py``).
* Nothing leaves the app: the desktop gate (``ui/common/desktop.py``) refuses links, files
  and e-mails for learners, and its catch-all also takes the links Qt would open itself.
* Profiles belong to someone: with ``settings.kiosk.require_learner_pin`` (on by default)
  a learner is created with a PIN and a PIN-less profile opens only after the advisor lets
  its owner choose one; a first PIN needs the advisor, a new one the current PIN.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from careerdesk.core.kernel.clock import Clock
from careerdesk.core.kernel.events import DomainEvent
from careerdesk.core.kiosk.service import (
    ADVISOR,
    ADVISOR_PIN_MIN,
    LEAVE,
    IdleTracker,
    KioskService,
)
from careerdesk.core.kiosk.setup_check import SESSION_MARKER
from careerdesk.core.profiles.events import ProfileCreated, ProfileDeleted, ProfileUpdated
from careerdesk.ui.common import desktop, scope
from careerdesk.ui.kiosk.guard import KioskGuard
from careerdesk.ui.kiosk.learner_pins import LearnerPinFlows
from careerdesk.ui.kiosk.picker import LearnerPicker
from careerdesk.ui.kiosk.pin_pad import PinDialog
from careerdesk.ui.kiosk.session_bar import SessionBar
from careerdesk.ui.shell.context import UiContext

if TYPE_CHECKING:
    from careerdesk.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)

DRAIN_POLL_MS = 50
DRAIN_LIMIT_MS = 10_000


class KioskController(LearnerPinFlows, QObject):
    """Owns the picker, the session bar, the idle timer and the current session."""

    def __init__(self, root: UiContext, window: MainWindow, clock: Clock | None = None) -> None:
        super().__init__(window)
        if not root.kiosk:
            raise ValueError("KioskController needs a kiosk context")
        self.root = root
        self.window = window
        self._clock = clock
        self.session: UiContext | None = None
        self.ending = False
        self.idle: IdleTracker | None = None
        self.setup_dialog: PinDialog | None = None
        self.last_message: QMessageBox | None = None
        self._exit_pending = False

        self.picker = LearnerPicker()
        window.add_page(self.picker)
        self.picker.learner_chosen.connect(self.choose_learner)
        self.picker.new_learner_requested.connect(self.new_learner)
        self.picker.advisor_requested.connect(self.advisor_sign_in)
        self.bar = SessionBar(window)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)
        self.bar.setVisible(False)
        self.bar.finish_requested.connect(lambda: self.end_session("finished"))
        self.bar.pin_requested.connect(self.change_own_pin)
        self.bar.exit_requested.connect(self.request_exit)

        self.guard = KioskGuard(
            window,
            on_exit_request=self.request_exit,
            on_input=self._on_input,
            unlocked=lambda: self.root.advisor_unlocked,
        )
        self.lock_menus(True)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.check_idle)
        if root.ready:
            self._attached()
        else:
            root.attached.connect(self._attached)

    # -- set-up ----------------------------------------------------------------------------
    @property
    def clock(self) -> Clock:
        return self._clock or self.root.app.clock

    @property
    def kiosk(self) -> KioskService:
        return self.root.service(KioskService)

    def _attached(self) -> None:
        self.idle = IdleTracker(self.clock, self.root.settings.kiosk.idle_minutes)
        self.root.events.domain_event.connect(self._on_event)
        self.root.profile_changed.connect(self._root_profile_changed)
        scope.bind(self.root)
        desktop.install_catch_all()
        self._write_session_marker()
        clear_clipboard()  # whatever the kiosk account had copied before the app started
        if self.kiosk.advisor_pin_set():
            self.show_picker()
        else:
            # First start: the advisor sets the PIN before any learner screen is shown.
            self.picker.set_setup(True)
            self.window.show_page(self.picker)
            QTimer.singleShot(0, self.first_start)
        self.timer.start()

    def _write_session_marker(self) -> None:
        """Tell ``careerdesk kiosk reset-advisor-pin`` that a kiosk runs under this account
        (it refuses to run inside the kiosk's session); removed when the window goes."""
        path = self.root.app.paths.config_dir / SESSION_MARKER
        try:
            path.write_text(
                json.dumps({"user": getpass.getuser(), "pid": os.getpid()}), encoding="utf-8"
            )
        except OSError as exc:
            log.warning("could not write the kiosk session marker: %s", exc)
            return
        self.window.destroyed.connect(lambda *_: path.unlink(missing_ok=True))

    def first_start(self) -> None:
        """No advisor PIN yet: the advisor sets one before the kiosk can be used (or quits:
        with no PIN set there is nothing to protect yet)."""
        while True:
            dialog = PinDialog(
                "Set the advisor PIN",
                "Welcome to kiosk mode. Choose an advisor PIN (6–12 digits): it unlocks the "
                "advisor dashboard and is needed to leave kiosk mode.",
                new_pin_min_len=ADVISOR_PIN_MIN,
                parent=self.window,
                allow_cancel=False,
            )
            self.setup_dialog = dialog
            if dialog.exec() and dialog.pin:
                break
            answer = QMessageBox.question(
                self.window,
                "Kiosk mode",
                "Kiosk mode needs an advisor PIN. Quit CareerDesk instead?",
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.guard.allow_close = True
                self.window.close()
                return
        pin = dialog.pin
        kiosk = self.kiosk

        def done(_r: object) -> None:
            self.root.status("Advisor PIN set.", 5000)
            self.picker.set_setup(False)
            self.show_picker()

        def failed(exc: BaseException) -> None:
            self.root.report(exc)
            QTimer.singleShot(0, self.first_start)

        self.root.runner.run(
            lambda _s: kiosk.set_advisor_pin(pin),
            name="set-advisor-pin",
            write=True,
            on_success=done,
            on_error=failed,
        )

    def show_full_screen(self) -> None:
        self.window.showFullScreen()

    def lock_menus(self, locked: bool) -> None:
        self.guard.lock_menus(locked)

    # -- sessions --------------------------------------------------------------------------
    def show_picker(self) -> None:
        self.picker.clear_search()
        self.picker.set_learners(self.root.app.profiles.list())
        self.window.show_page(self.picker)
        self.bar.setVisible(False)

    def choose_learner(self, profile_id: int) -> None:
        """A tile was tapped: ask for the learner's PIN if they have one, then start."""
        if self.session is not None or self.ending:
            return
        profile = self.root.app.profiles.get(profile_id)
        if profile.has_pin:
            kiosk = self.kiosk
            dialog = PinDialog(
                f"Hello, {profile.name}",
                f"Enter your PIN, {profile.name}.",
                runner=self.root.runner,
                checker=lambda pin: kiosk.check_learner_pin(profile_id, pin),
                clock=self.clock,
                parent=self.window,
            )
            state = kiosk.lockout(kiosk.learner_subject(profile_id))
            if not state.ok:
                dialog.show_lockout(state)
            if not dialog.exec():
                return
        elif self.root.settings.kiosk.require_learner_pin:
            self.first_pin_with_advisor(profile)  # starts the session once the PIN is set
            return
        self.start_session(profile_id, advisor=False)

    def advisor_sign_in(self) -> None:
        if self.session is not None or self.ending:
            return
        if self.ask_advisor_pin("Advisor sign-in", "Enter the advisor PIN.", subject=ADVISOR):
            self.start_session(None, advisor=True)

    def ask_advisor_pin(self, title: str, prompt: str, *, subject: str) -> bool:
        """The advisor PIN, counted on ``subject``: the advisor's own sign-in (``ADVISOR``,
        a short bounded pause) or the learner-facing "Leave" (``LEAVE``), so wrong tries
        at Alt+F4 never lock the advisor out."""
        kiosk = self.kiosk
        dialog = PinDialog(
            title,
            prompt,
            runner=self.root.runner,
            checker=lambda pin: kiosk.check_advisor_pin(pin, subject=subject),
            clock=self.clock,
            parent=self.window,
        )
        state = kiosk.lockout(subject)
        if not state.ok:
            dialog.show_lockout(state)
        return bool(dialog.exec())

    def start_session(self, profile_id: int | None, *, advisor: bool) -> UiContext:
        """Open a fresh context and tabs for a learner (or the advisor)."""
        app = self.root.app
        session = UiContext(app, profile_id=profile_id, kiosk=True)
        session.advisor_unlocked = advisor
        session.window = self.window
        session.status_message.connect(self.root.status_message)
        session.profile_changed.connect(self._session_profile_changed)
        self.session = session
        self.root.advisor_unlocked = advisor
        self.root.set_profile(profile_id)
        self.window.rebuild_tabs(session)
        self.lock_menus(not advisor)  # after the rebuild: it adds View → tab actions
        self.window.show_page(None)
        self.bar.setVisible(True)
        self._update_bar()
        if advisor:
            self._show_advisor_tab()
        if profile_id is not None:
            # "Last signed in" only; a profile deleted meanwhile is not worth a dialog.
            session.runner.run(
                lambda _s: app.profiles.touch(profile_id),
                name="touch",
                write=True,
                on_error=lambda exc: log.info("could not record the sign-in: %s", exc),
            )
        assert self.idle is not None
        self.idle.touch()
        clear_clipboard()
        return session

    def _show_advisor_tab(self) -> None:
        try:
            self.window.show_tab("advisor")
        except KeyError:
            pass

    def end_session(self, reason: str = "finished") -> None:
        """Save the session's work and return to the picker (see the module docstring)."""
        session = self.session
        if session is None or self.ending:
            return
        log.info("kiosk session ends (%s)", reason)
        self.ending = True
        self._close_popups()
        self.picker.set_busy(True)
        self.window.show_page(self.picker)  # the next person must not see this session
        self.bar.setVisible(False)
        clear_clipboard()  # what this learner copied is not the next one's to paste
        self.picker.clear_search()
        pid = session.profile_id
        session.session_ending.emit(pid if pid is not None else -1)
        self.root.session_ending.emit(pid if pid is not None else -1)  # menu-installed actions
        session.set_profile(None)
        self._waited_ms = 0
        self._drain(session)

    def _drain(self, session: UiContext) -> None:
        if session.runner.busy and self._waited_ms < DRAIN_LIMIT_MS:
            self._waited_ms += DRAIN_POLL_MS
            QTimer.singleShot(DRAIN_POLL_MS, lambda: self._drain(session))
            return
        if session.runner.busy:
            log.warning("session tasks still running after %d ms; cancelling", DRAIN_LIMIT_MS)
        self.window.clear_tabs()
        session.events.close()
        session.shutdown()
        session.deleteLater()
        self.session = None
        self.root.advisor_unlocked = False
        self.root.set_profile(None)
        self.lock_menus(True)
        self.ending = False
        self.picker.set_busy(False)
        self.show_picker()
        if self.window.isVisible() and not self.window.isFullScreen():
            self.show_full_screen()

    def _close_popups(self) -> None:
        """Close the session's dialogs and extra windows (an open message box or player)."""
        for widget in QApplication.topLevelWidgets():
            if widget is self.window or not widget.isVisible():
                continue
            if isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()

    def request_exit(self) -> None:
        """Leave kiosk mode (close the app) — only with the advisor PIN. A second close
        request while the PIN pad is open (Alt+F4 twice) does not stack another pad."""
        if self.guard.allow_close or self._exit_pending:
            return
        self._exit_pending = True
        try:
            allowed = (
                self.root.advisor_unlocked
                or not self.kiosk.advisor_pin_set()  # first start: nothing to guard yet
                or self.ask_advisor_pin(
                    "Leave kiosk mode", "Enter the advisor PIN to close CareerDesk.", subject=LEAVE
                )
            )
        finally:
            self._exit_pending = False
        if allowed:
            self.guard.allow_close = True
            self.stop()
            self.window.close()

    # -- keeping the two contexts in step --------------------------------------------------
    def _session_profile_changed(self, pid: int) -> None:
        if not self.ending:
            self.root.set_profile(pid if pid >= 0 else None)
            self._update_bar()

    def _root_profile_changed(self, pid: int) -> None:
        session = self.session
        if session is None or self.ending:
            return
        new = pid if pid >= 0 else None
        if session.advisor_unlocked:
            session.set_profile(new)  # the advisor switched learner from the menu
        elif new != session.profile_id:
            self.end_session("profile gone")  # e.g. deleted on another kiosk

    def _on_event(self, event: DomainEvent) -> None:
        if isinstance(event, ProfileCreated | ProfileDeleted | ProfileUpdated):
            if self.session is None:
                self.picker.set_learners(self.root.app.profiles.list())
            elif event.profile_id == self.session.profile_id:
                self._update_bar()

    def _update_bar(self) -> None:
        session = self.session
        if session is None:
            return
        profile = session.profile()
        if session.advisor_unlocked:
            self.bar.show_advisor(profile.name if profile else None)
        elif profile is not None:
            self.bar.show_learner(profile.name, profile.has_pin)

    # -- idle ------------------------------------------------------------------------------
    def stop(self) -> None:
        """The kiosk window is closing for good: no more idle ticks, no more filtering of
        the application's events. A controller left running would, at its idle timeout,
        close every other window in the process (``_close_popups``), which is how one
        kiosk (in tests, one per test) used to close the next one's PIN pad."""
        self.timer.stop()
        self.guard.detach()

    def _on_input(self) -> None:
        if self.idle is not None:
            self.idle.touch()

    def check_idle(self) -> None:
        """Timer tick (and tests): warn near the timeout, end the session at it. At the
        picker, a PIN pad or name prompt left open is closed again."""
        if self.idle is None or self.ending:
            return
        self.idle.set_timeout(self.root.settings.kiosk.idle_minutes)
        if self.session is None:
            first_start = self.setup_dialog is not None and self.setup_dialog.isVisible()
            if self.idle.is_idle() and not first_start:
                self._close_popups()
            return
        if self.idle.is_idle():
            self.end_session("idle")
        elif self.idle.should_warn():
            self.bar.show_countdown(self.idle.seconds_left())
        else:
            self.bar.show_countdown(None)


def clear_clipboard() -> None:
    """Empty the clipboard (and the X11 selection) between learners."""
    clipboard = QGuiApplication.clipboard()
    clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():
        clipboard.clear(QClipboard.Mode.Selection)
