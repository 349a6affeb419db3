"""The detail panel's header: company, title, stage, "Move to", and the panel's buttons.

It keeps one layout whatever it shows: a fixed height, the company and title on one line
each (elided, the whole text in the tooltip), and Undo / Redo buttons whose labels never
change (what they would undo is in their tooltip), so moving an application or undoing an
edit never reflows the panel. See docs/pipeline.md ("Detail panel").
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from careerdesk.core.pipeline.states import State
from careerdesk.ui.pipeline import style


class ElidedLabel(QLabel):
    """One line of plain text, elided to the width it gets; the whole text in its tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setAccessibleName(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def is_elided(self) -> bool:
        return self.text() != self._full

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width())
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance(self._full) + 2, fm.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(24, self.fontMetrics().height())


def _scaled(font: QFont, factor: float, *, bold: bool = False) -> QFont:
    scaled = QFont(font)
    scaled.setPointSizeF(font.pointSizeF() * factor)
    scaled.setBold(bold)
    return scaled


class ActionButton(QToolButton):
    """A button for an action whose text changes ("Undo Move to Applied"): the button keeps
    its short label and shows the action's text as its tooltip instead."""

    def __init__(self, label: str, action: QAction) -> None:
        super().__init__()
        self.action_ = action
        self.setText(label)
        self.setAccessibleName(label)
        self.clicked.connect(action.trigger)
        action.changed.connect(self._follow)
        self._follow()

    def _follow(self) -> None:
        if not shiboken6.isValid(self.action_) or not shiboken6.isValid(self):
            return  # the panel is being torn down: its undo stack's actions go first
        self.setEnabled(self.action_.isEnabled())
        shortcut = self.action_.shortcut().toString()
        text = self.action_.text().replace("&", "")
        self.setToolTip(f"{text} ({shortcut})" if shortcut else text)


class DetailHeader(QFrame):
    """Company · title · stage chip · Move to · summary, and Company / Undo / Redo / Close."""

    def __init__(
        self,
        undo_action: QAction,
        redo_action: QAction,
        on_company: Callable[[], None],
        on_close: Callable[[], None],
    ) -> None:
        super().__init__()
        self.setObjectName("detail-header")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        self.company = ElidedLabel()
        self.company.setFont(_scaled(self.font(), 1.6, bold=True))
        self.company.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title = ElidedLabel()
        self.title.setFont(_scaled(self.font(), 1.2))
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        self.company_button = QToolButton()
        self.company_button.setText("Company")
        self.company_button.setToolTip("Open the company card (Ctrl+Shift+C)")
        self.company_button.setAccessibleName("Open the company card")
        self.company_button.clicked.connect(on_company)
        self.undo_button = ActionButton("Undo", undo_action)
        self.redo_button = ActionButton("Redo", redo_action)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        close.setAccessibleName("Close the detail panel")
        close.clicked.connect(on_close)
        for button in (self.company_button, self.undo_button, self.redo_button, close):
            buttons.addWidget(button)
        grid.addWidget(self.company, 0, 0)
        grid.addLayout(buttons, 0, 1, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.title, 1, 0, 1, 2)
        state_row = QHBoxLayout()
        state_row.setSpacing(8)
        self.chip = QLabel(State.SAVED.label)
        self.chip.setStyleSheet(style.chip_css(State.SAVED))
        self.move_button = QPushButton("Move to")
        self.move_button.setAccessibleName("Move to another stage")
        self.move_menu = QMenu(self)
        self.move_button.setMenu(self.move_menu)
        self.summary = ElidedLabel()
        state_row.addWidget(self.chip)
        state_row.addWidget(self.move_button)
        state_row.addWidget(self.summary, 1)
        grid.addLayout(state_row, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        # Single-line, elided rows: the height never depends on what is shown.
        self.setFixedHeight(self.sizeHint().height())
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def show_loading(self) -> None:
        self.company.set_full_text("Loading…")
        self.title.set_full_text("")
        self.summary.set_full_text("")

    def show_state(self, company: str, title: str, state: State, summary: str) -> None:
        self.company.set_full_text(company)
        self.title.set_full_text(title)
        self.chip.setText(state.label)
        self.chip.setStyleSheet(style.chip_css(state))
        self.summary.set_full_text(summary)
