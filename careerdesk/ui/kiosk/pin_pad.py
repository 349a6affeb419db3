"""A touch-friendly PIN dialog: big keypad, masked entry, lockout countdown.

Two modes:

* **check** — the entered PIN goes to a checker (a ``KioskService`` method) on the task
  runner's write lane (scrypt takes ~0.1 s and the attempt is recorded), and the dialog
  accepts when it is right. While the PIN is locked the keypad is disabled and a countdown
  shows when the next try is allowed.
* **new** — the PIN is entered twice and validated; ``pin`` holds it on accept (the caller
  stores its hash).

The PIN never leaves this dialog except to the checker or the caller.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QRegularExpression, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.errors import UserError
from careerdesk.core.kiosk.service import PIN_MAX, PinCheck, format_wait, validate_pin
from careerdesk.ui.common import theme
from careerdesk.ui.shell.tasks import TaskRunner

_KEY_STYLE = "QPushButton { font-size: 22px; min-width: 76px; min-height: 64px; }"


class PinDialog(QDialog):
    """Ask for a PIN (check mode) or a new PIN twice (new mode)."""

    def __init__(
        self,
        title: str,
        prompt: str,
        *,
        runner: TaskRunner | None = None,
        checker: Callable[[str], PinCheck] | None = None,
        new_pin_min_len: int | None = None,
        clock: Clock | None = None,
        parent: QWidget | None = None,
        allow_cancel: bool = True,
    ) -> None:
        super().__init__(parent)
        if (checker is None) == (new_pin_min_len is None):
            raise ValueError("give either a checker or new_pin_min_len")
        if checker is not None and runner is None:
            raise ValueError("checking a PIN needs a task runner")
        self.setWindowTitle(title)
        self.setModal(True)
        self._pending = ""
        self.runner = runner
        self.checker = checker
        self.new_pin_min_len = new_pin_min_len
        self.clock = clock or SystemClock()
        self.pin: str | None = None
        self.result_check: PinCheck | None = None
        self._first: str | None = None
        self._prompt = prompt
        self._locked_until: datetime | None = None
        self._busy = False

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        self.prompt_label = QLabel(prompt)
        self.prompt_label.setTextFormat(Qt.TextFormat.PlainText)  # prompts carry names
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.prompt_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.prompt_label.setFont(font)
        layout.addWidget(self.prompt_label)

        self.entry = QLineEdit()
        self.entry.setEchoMode(QLineEdit.EchoMode.Password)
        self.entry.setMaxLength(PIN_MAX)
        self.entry.setValidator(
            QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{PIN_MAX}}}"), self)
        )
        self.entry.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.entry.setAccessibleName("PIN")
        big = QFont(self.entry.font())
        big.setPointSizeF(big.pointSizeF() * 2)
        self.entry.setFont(big)
        # Enter/Return is handled in keyPressEvent (one submit, never the Cancel button).
        layout.addWidget(self.entry)

        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.set_tone(self.message, "danger")
        self.message.setStyleSheet("QLabel { font-weight: bold; }")
        self.message.setAccessibleName("PIN message")
        layout.addWidget(self.message)

        self.keypad = QWidget()
        grid = QGridLayout(self.keypad)
        grid.setSpacing(8)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        self.ok_button: QPushButton | None = None
        for i, key in enumerate(keys):
            button = QPushButton(key)
            button.setStyleSheet(_KEY_STYLE)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoDefault(False)  # Enter means "OK", never another key
            button.setAccessibleName({"⌫": "Delete", "OK": "OK"}.get(key, key))
            if key == "⌫":
                button.clicked.connect(self.entry.backspace)
            elif key == "OK":
                button.clicked.connect(self.submit)
                self.ok_button = button
            else:
                button.clicked.connect(lambda _c=False, d=key: self._digit(d))
            grid.addWidget(button, i // 3, i % 3)
        layout.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignCenter)

        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setMinimumHeight(48)
        # A QDialog presses its default button on Enter; Cancel must never be it (issue 18).
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.setDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.cancel_button.setVisible(allow_cancel)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)

        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self.entry.setFocus()

    # -- input -----------------------------------------------------------------------------
    def _digit(self, digit: str) -> None:
        if len(self.entry.text()) < PIN_MAX:
            self.entry.insert(digit)

    def enter(self, pin: str) -> None:
        """Type ``pin`` (tests and the keypad use the same path)."""
        self.entry.setText(pin)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()  # Enter confirms the PIN (QDialog would press a button instead)
            return
        if event.key() == Qt.Key.Key_Escape and not self.cancel_button.isVisible():
            return  # no way around a mandatory PIN
        super().keyPressEvent(event)

    def submit(self) -> None:
        """Check the PIN (check mode) or take it / ask for the confirmation (new mode)."""
        if self._busy or not self.keypad.isEnabled():
            return
        pin = self.entry.text()
        self.entry.clear()
        if self.checker is not None:
            self._check(pin)
        else:
            self._take_new(pin)

    # -- check mode ------------------------------------------------------------------------
    def _check(self, pin: str) -> None:
        assert self.checker is not None and self.runner is not None
        checker = self.checker
        self._pending = pin
        self._set_busy(True)
        self.message.setText("Checking…")
        self.runner.run(
            lambda _s: checker(pin),
            name="pin-check",
            write=True,
            on_success=self._checked,
            on_error=self._check_failed,
        )

    def _checked(self, check: PinCheck) -> None:
        self._set_busy(False)
        self.result_check = check
        pin, self._pending = self._pending, ""
        if check.ok:
            self.pin = pin  # the caller may need it once more (changing a PIN)
            self.message.clear()
            self.accept()
            return
        self.message.setText(check.message or "Wrong PIN.")
        if check.locked_until is not None:
            self.show_lockout(check)

    def _check_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message.setText(
            exc.message if isinstance(exc, UserError) else "The PIN could not be checked."
        )

    def show_lockout(self, check: PinCheck) -> None:
        """Disable the keypad until ``check.locked_until``, with a countdown."""
        self._locked_until = check.locked_until
        self.keypad.setEnabled(False)
        self.entry.setEnabled(False)
        self._tick()
        self._countdown.start()

    def _tick(self) -> None:
        if self._locked_until is None:
            return
        left = (self._locked_until - self.clock.now()).total_seconds()
        if left <= 0:
            self._countdown.stop()
            self._locked_until = None
            self.keypad.setEnabled(True)
            self.entry.setEnabled(True)
            self.message.setText("You can try again now.")
            self.entry.setFocus()
        else:
            self.message.setText(f"Too many wrong PINs. Try again in {format_wait(left)}.")

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.keypad.setEnabled(not busy)
        self.entry.setEnabled(not busy)

    # -- new mode --------------------------------------------------------------------------
    def _take_new(self, pin: str) -> None:
        assert self.new_pin_min_len is not None
        try:
            pin = validate_pin(pin, min_len=self.new_pin_min_len)
        except UserError as exc:
            self.message.setText(exc.message)
            return
        if self._first is None:
            self._first = pin
            self.prompt_label.setText("Enter the same PIN again to confirm.")
            self.message.clear()
            return
        if pin != self._first:
            self._first = None
            self.prompt_label.setText(self._prompt)
            self.message.setText("The two PINs differ. Start again.")
            return
        self.pin = pin
        self.accept()
