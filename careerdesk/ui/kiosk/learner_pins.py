"""The learner PIN flows of a kiosk (issue 25), mixed into ``KioskController``.

* "I'm new here": a name (look-alikes refused first), then — with
  ``settings.kiosk.require_learner_pin``, the default — a PIN, created together.
* A profile without a PIN opens only after the advisor lets its owner choose one.
* "Set/Change my PIN…": a change needs the current PIN, a first PIN the advisor's.

Messages that name a learner are plain text and never block (the idle timer goes on).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from careerdesk.core.kernel.clock import Clock
from careerdesk.core.kernel.errors import UserError
from careerdesk.core.kiosk.service import ADVISOR, LEARNER_PIN_MIN, KioskService
from careerdesk.core.profiles.service import ProfileInfo
from careerdesk.ui.kiosk.pin_pad import PinDialog
from careerdesk.ui.shell.context import UiContext

if TYPE_CHECKING:
    from careerdesk.ui.shell.main_window import MainWindow


class LearnerPinFlows:
    """Needs ``root``, ``window``, ``session``, ``ending``, ``kiosk``, ``clock`` and
    ``start_session`` from the controller."""

    root: UiContext
    window: MainWindow
    session: UiContext | None
    ending: bool
    last_message: QMessageBox | None

    if TYPE_CHECKING:

        @property
        def kiosk(self) -> KioskService: ...

        @property
        def clock(self) -> Clock: ...

        def start_session(self, profile_id: int | None, *, advisor: bool) -> UiContext: ...

    def first_pin_with_advisor(self, profile: ProfileInfo) -> None:
        """A profile without a PIN opens only after the advisor has let its owner choose
        one (otherwise one tap opens someone else's data)."""
        kiosk = self.kiosk
        advisor = PinDialog(
            "Advisor needed",
            f"{profile.name} has no PIN yet. An advisor enters the advisor PIN, then "
            f"{profile.name} chooses a PIN.",
            runner=self.root.runner,
            checker=kiosk.check_advisor_pin,
            clock=self.clock,
            parent=self.window,
        )
        state = kiosk.lockout(ADVISOR)
        if not state.ok:
            advisor.show_lockout(state)
        if not advisor.exec():
            return
        pin = self.ask_new_learner_pin(profile.name)
        if pin is None:
            return
        pid = profile.id
        self.root.runner.run(
            lambda _s: kiosk.set_learner_pin(pid, pin),
            name="set-learner-pin",
            write=True,
            on_success=lambda _r: self.start_session(pid, advisor=False),
        )

    def ask_new_learner_pin(self, name: str) -> str | None:
        dialog = PinDialog(
            "Choose your PIN",
            f"{name}, choose a PIN of 4–12 digits. You will need it to open your profile.",
            new_pin_min_len=LEARNER_PIN_MIN,
            parent=self.window,
        )
        return dialog.pin if dialog.exec() and dialog.pin else None

    def new_learner(self) -> None:
        """A walk-in creates their own profile — with a PIN when the advisor requires one
        (the default). A name that looks like an existing one is refused."""
        if self.session is not None or self.ending:
            return
        name, ok = QInputDialog.getText(self.window, "Welcome", "Your first name (or a nickname):")
        if not ok or not name.strip():
            return
        try:
            name = self.root.app.profiles.check_name_free(name)
        except UserError as exc:  # a taken, look-alike or invalid name: say so, stay here
            self.tell("Choose another name", exc.message)
            return
        pin: str | None = None
        if self.root.settings.kiosk.require_learner_pin:
            pin = self.ask_new_learner_pin(name)
            if pin is None:
                return
        kiosk = self.kiosk

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserError):
                self.tell("Choose another name", exc.message)
            else:
                self.root.report(exc)

        self.root.runner.run(
            lambda _s: kiosk.create_learner(name, pin),
            name="new-learner",
            write=True,
            on_success=lambda info: self.start_session(info.id, advisor=False),
            on_error=failed,
        )

    def tell(self, title: str, text: str) -> QMessageBox:
        """A message that does not block (the idle timer and tests go on), as plain text."""
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_message = box
        return box

    def change_own_pin(self) -> None:
        """The signed-in learner changes their PIN with the current one; a profile without
        a PIN gets its first one only with the advisor PIN (whoever sits at an unprotected
        profile must not be able to lock its owner out)."""
        session = self.session
        if session is None or session.profile_id is None:
            return
        pid = session.profile_id
        kiosk = self.kiosk
        profile = session.app.profiles.get(pid)
        if profile.has_pin:
            check = PinDialog(
                "Change my PIN",
                "Enter your current PIN.",
                runner=session.runner,
                checker=lambda pin: kiosk.check_learner_pin(pid, pin),
                clock=self.clock,
                parent=self.window,
            )
        else:
            check = PinDialog(
                "Advisor needed",
                "A first PIN is set with the advisor. Advisor: enter the advisor PIN.",
                runner=session.runner,
                checker=kiosk.check_advisor_pin,
                clock=self.clock,
                parent=self.window,
            )
        if not check.exec() or check.pin is None:
            return
        proof = {"current_pin" if profile.has_pin else "advisor_pin": check.pin}
        dialog = PinDialog(
            "Set my PIN",
            "Choose a PIN of 4–12 digits. You will need it to open your profile here.",
            new_pin_min_len=LEARNER_PIN_MIN,
            parent=self.window,
        )
        if dialog.exec() and dialog.pin:
            pin = dialog.pin
            session.runner.run(
                lambda _s: kiosk.change_learner_pin(pid, pin, **proof),
                name="set-learner-pin",
                write=True,
                on_success=lambda _r: session.status("Your PIN is set.", 5000),
            )
