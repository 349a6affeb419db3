"""The board's frames: the feedback banner, a column (one state or a group), a closed-state zone.

See ``board.py`` for how they are put together and docs/pipeline.md ("Board").
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from careerdesk.core.pipeline.states import State
from careerdesk.ui.common import theme
from careerdesk.ui.pipeline import style
from careerdesk.ui.pipeline.board_card import CardDelegate
from careerdesk.ui.pipeline.board_parts import ColumnKey, ColumnList, ColumnModel, decode

COLUMN_WIDTH = 200  # the full view's columns
# Grouped columns share the board's width, never narrower than this: the six fit side by
# side in a 1024-pixel-wide window (6 × 150 + 5 × 8 spacing < 1004).
GROUPED_MIN_WIDTH = 150


class DropJudge(Protocol):
    """What a column or zone asks the board while a card is dragged over it."""

    def hover(self, app_id: int, from_state: State, target: ColumnKey) -> tuple[bool, str]: ...

    def drop(self, app_id: int, from_state: State, target: ColumnKey) -> bool: ...


class Banner(QFrame):
    """One line of feedback over the board: a refusal (red), a hint, or a done move with Undo."""

    undo_clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.undo = QPushButton("Undo")
        self.undo.clicked.connect(self.undo_clicked)
        close = QPushButton("✕")
        close.setFlat(True)
        close.setAccessibleName("Dismiss")
        close.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo)
        layout.addWidget(close)
        self.kind = ""
        self._timer = QTimer(self, singleShot=True, interval=12_000)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, text: str, kind: str = "info", *, undo: bool = False) -> None:
        tint, ink = ("danger_bg", "danger") if kind == "error" else ("info_bg", "text")
        self.setStyleSheet(
            f"#banner {{ background:{theme.hex_of(tint)}; color:{theme.hex_of(ink)};"
            " border-radius:6px; }"
        )
        self.kind = kind
        self.label.setText(text)
        self.undo.setVisible(undo)
        self.show()
        self._timer.start()


class BoardColumn(QFrame):
    """Header (name, count) over a card list: one state, or a group of states.

    ``width`` fixes the width (the full view); None lets grouped columns share the board's
    width, never narrower than ``GROUPED_MIN_WIDTH``.
    """

    def __init__(
        self,
        key: ColumnKey,
        label: str,
        colour_state: State,
        delegate: CardDelegate,
        board: DropJudge,
        width: int | None = COLUMN_WIDTH,
    ) -> None:
        super().__init__()
        self.key = key
        self.state = colour_state  # the state whose colour marks the column
        self.label = label
        self.setObjectName("column")
        if width is None:
            self.setMinimumWidth(GROUPED_MIN_WIDTH)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        else:
            self.setFixedWidth(width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.header)
        self.model = ColumnModel(key)
        self.list = ColumnList(key, board.hover, board.drop)
        self.list.setModel(self.model)
        self.list.setItemDelegate(delegate)
        self.list.setAccessibleName(f"{label} column")
        layout.addWidget(self.list, 1)
        self.set_drop_hint(None)

    def refresh_header(self) -> None:
        color = theme.mark(style.STATE_COLORS[self.state])
        self.header.setText(
            f"<span style='color:{color}'>●</span> <b>{self.label}</b> "
            f"<span style='color:{theme.hex_of('muted')}'>{self.model.rowCount()}</span>"
        )

    def set_drop_hint(self, allowed: bool | None) -> None:
        """None: normal; True: a dragged card may come here; False: it may not."""
        color = style.STATE_COLORS[self.state]
        if allowed is None:
            css = "#column { background: rgba(0,0,0,0.045); border: 2px solid transparent; }"
        elif allowed:
            css = f"#column {{ background: rgba(0,0,0,0.045); border: 2px dashed {color}; }}"
        else:
            css = "#column { background: rgba(0,0,0,0.12); border: 2px solid transparent; }"
        self.setStyleSheet(
            css.replace("}", " border-radius: 8px; }") + " QListView { background: transparent; }"
        )


class DropZone(QFrame):
    """A closed state: shows its count, accepts drops, click lists it in the table."""

    clicked = Signal(object)

    def __init__(self, state: State, board: DropJudge) -> None:
        super().__init__()
        self.state = state
        self.board = board
        self.count = 0
        self.setObjectName("zone")
        self.setAcceptDrops(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(f"Drop a card here to mark it {state.label}. Click to list them.")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        self.label = QLabel()
        layout.addWidget(self.label)
        self.set_drop_hint(None)

    def set_count(self, n: int) -> None:
        self.count = n
        color = theme.mark(style.STATE_COLORS[self.state])
        self.label.setText(f"<span style='color:{color}'>●</span> {self.state.label}: <b>{n}</b>")

    def set_drop_hint(self, allowed: bool | None) -> None:
        color = style.STATE_COLORS[self.state]
        border = {
            None: "1px solid rgba(0,0,0,0.15)",
            True: f"2px dashed {color}",
            False: "1px solid rgba(0,0,0,0.05)",
        }[allowed]
        self.setStyleSheet(f"#zone {{ border:{border}; border-radius:8px; }}")
        self.label.setEnabled(allowed is not False)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.state)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._judge(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._judge(event)

    def _judge(self, event: QDragMoveEvent) -> None:
        found = decode(event.mimeData())
        if found is not None and self.board.hover(found[0], found[1], self.state)[0]:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        found = decode(event.mimeData())
        if found is None or not self.board.drop(found[0], found[1], self.state):
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
