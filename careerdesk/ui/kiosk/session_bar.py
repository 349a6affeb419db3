"""The strip at the top of a kiosk session: who is signed in, the idle countdown, and the
"Finish" (learner) or "Lock" (advisor) button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolBar, QWidget

from careerdesk.ui.common import theme


class SessionBar(QToolBar):
    """A fixed tool bar; learners cannot move or hide it."""

    finish_requested = Signal()
    pin_requested = Signal()
    exit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Kiosk session", parent)
        self.setObjectName("kioskSessionBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setEnabled(False)
        self.toggleViewAction().setVisible(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        host = QWidget()
        row = QHBoxLayout(host)
        row.setContentsMargins(12, 4, 12, 4)
        self.who = QLabel()
        self.who.setTextFormat(Qt.TextFormat.PlainText)  # a profile name is never markup
        font = QFont(self.who.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.who.setFont(font)
        row.addWidget(self.who)
        row.addStretch(1)
        self.countdown = QLabel()
        theme.set_tone(self.countdown, "warning")
        self.countdown.setStyleSheet("QLabel { font-weight: bold; }")
        row.addWidget(self.countdown)
        self.pin_button = QPushButton("Set my PIN…")
        self.pin_button.setMinimumHeight(40)
        self.pin_button.clicked.connect(self.pin_requested)
        row.addWidget(self.pin_button)
        self.exit_button = QPushButton("Leave kiosk mode…")
        self.exit_button.setMinimumHeight(40)
        self.exit_button.clicked.connect(self.exit_requested)
        row.addWidget(self.exit_button)
        self.finish_button = QPushButton("Finish")
        self.finish_button.setMinimumSize(140, 40)
        self.finish_button.clicked.connect(self.finish_requested)
        row.addWidget(self.finish_button)
        self.addWidget(host)

    def show_learner(self, name: str, has_pin: bool) -> None:
        self.who.setText(f"Signed in: {name}")
        self.pin_button.setText("Change my PIN…" if has_pin else "Set my PIN…")
        self.pin_button.setVisible(True)
        self.exit_button.setVisible(False)
        self.finish_button.setText("Finish")
        self.finish_button.setToolTip("Save and return to the start screen")
        self.countdown.clear()

    def show_advisor(self, viewing: str | None) -> None:
        self.who.setText(f"Advisor mode — viewing {viewing}" if viewing else "Advisor mode")
        self.pin_button.setVisible(False)
        self.exit_button.setVisible(True)
        self.finish_button.setText("Lock")
        self.finish_button.setToolTip("Lock the kiosk and return to the start screen")
        self.countdown.clear()

    def show_countdown(self, seconds_left: float | None) -> None:
        """ "Signing out in 25 s" near the idle timeout; cleared otherwise."""
        if seconds_left is None:
            self.countdown.clear()
        else:
            self.countdown.setText(f"Still there? Signing out in {round(seconds_left)} s")
