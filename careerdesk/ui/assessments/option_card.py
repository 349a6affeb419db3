"""A clickable, word-wrapped answer option of the quiz."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy

from careerdesk.ui.assessments.question_text import prose_html
from careerdesk.ui.common import theme

LETTERS = "ABCD"


class OptionCard(QFrame):
    """A clickable, word-wrapped answer option with its letter."""

    clicked = Signal(int)

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.setObjectName("optionCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 8, 10, 8)
        self.letter = QLabel(f"{LETTERS[index]}")
        self.letter.setObjectName("optionLetter")
        self.letter.setFixedWidth(26)
        self.letter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row.addWidget(self.letter, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        self.set_checked(False)

    def set_option(self, text: str) -> None:
        self.text.setText(prose_html(text))
        self.setAccessibleName(f"Option {LETTERS[self.index]}: {text.replace('`', '')}")

    def set_checked(self, checked: bool) -> None:
        self.checked = checked
        self.setProperty("checked", checked)
        p = theme.current()
        self.setStyleSheet(
            "#optionCard { border: 2px solid %s; border-radius: 6px; background: %s; }"
            "#optionLetter { font-weight: bold; border-radius: 12px; background: %s; color: %s; }"
            % (
                (p.accent, p.info_bg, p.accent, p.on_accent)
                if checked
                else (p.border, "palette(base)", p.surface_alt, p.text)
            )
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.index)
        super().mousePressEvent(event)
