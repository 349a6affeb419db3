"""Building blocks of the board: the per-column model and the column list.

Cards are painted by a delegate (``board_card.py``) inside a ``QListView`` per column, laid
out in batches, so a column of 5,000 cards paints what is visible and measures the rest a
batch at a time: the board opens fast at any size.
Dragging a card carries ``application/x-careerdesk-application`` (id and state as JSON); the
column that receives it asks the board whether the move is allowed, so a user's drop and a
test's simulated drop run through the same code.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
)

from careerdesk.core.pipeline.board_groups import BoardGroup
from careerdesk.core.pipeline.models import ApplicationRow
from careerdesk.core.pipeline.states import State

MIME = "application/x-careerdesk-application"
Index = QModelIndex | QPersistentModelIndex
# A column shows one state (the full view) or a group of them (the grouped view).
ColumnKey = State | BoardGroup


def encode(row: ApplicationRow) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME, json.dumps({"id": row.id, "state": row.state.value}).encode())
    mime.setText(f"{row.company} — {row.title}")
    return mime


def decode(mime: QMimeData) -> tuple[int, State] | None:
    """(application id, its state when the drag started) or None for foreign data."""
    if not mime.hasFormat(MIME):
        return None
    try:
        data = json.loads(bytes(mime.data(MIME).data()).decode())
        return int(data["id"]), State(data["state"])
    except (ValueError, KeyError, TypeError):
        return None


def card_order(row: ApplicationRow) -> tuple[int, float]:
    """High priority first, then the most recently changed."""
    return (-row.priority, -row.updated_at.timestamp())


class ColumnModel(QAbstractListModel):
    """The cards of one column, in ``card_order``."""

    def __init__(self, key: ColumnKey | None) -> None:
        super().__init__()
        self.state = key
        self.rows: list[ApplicationRow] = []

    def set_rows(self, rows: list[ApplicationRow], *, ordered: bool = False) -> None:
        self.beginResetModel()
        self.rows = rows if ordered else sorted(rows, key=card_order)
        self.endResetModel()

    def position(self, app_id: int) -> int | None:
        for i, r in enumerate(self.rows):
            if r.id == app_id:
                return i
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{row.company} — {row.title}. {row.next_action}"
        if role == Qt.ItemDataRole.ToolTipRole:
            # Rich text for the layout; what the learner typed is escaped (plain text).
            return (
                f"<b>{escape(row.company)}</b><br>{escape(row.title)}<br>{row.state.label}"
                + (f" · {escape(row.location)}" if row.location else "")
                + (f"<br>{escape(row.next_action)}" if row.next_action else "")
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        return encode(self.rows[indexes[0].row()])

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction


class ColumnList(QListView):
    """A column's card list; receives drops and hands them to ``on_drop``.

    ``can_drop(id, from_state)`` decides while hovering (the cursor shows "no" over a
    column the card may not move to); ``on_drop(id, from_state)`` does the move or refuses
    it with its reason.
    """

    drag_started = Signal(object)  # State of the dragged card
    drag_finished = Signal()

    def __init__(
        self,
        target: ColumnKey,
        can_drop: Callable[[int, State, ColumnKey], tuple[bool, str]],
        on_drop: Callable[[int, State, ColumnKey], bool],
    ) -> None:
        super().__init__()
        self.target = target
        self._can_drop = can_drop
        self._on_drop = on_drop
        self.empty_text = "No applications here.\nDrag a card here to move it."
        self.card_width = 0  # the viewport's width, kept for the card delegate's size hints
        # Cards grow with their next action (board_card.py): sizes differ, and are re-laid
        # out when the column's width changes.
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(300)
        self.setWordWrap(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setFrameShape(QListView.Shape.NoFrame)

    def viewportEvent(self, event: QEvent) -> bool:
        # The cards are as wide as the viewport and as tall as their wrapped text at that
        # width; the viewport narrows or widens when the scroll bar comes and goes, which
        # Qt's own "re-lay out on resize" (it watches the view, not its viewport) misses.
        if (
            event.type() == QEvent.Type.Resize
            and isinstance(event, QResizeEvent)
            and event.size().width() != event.oldSize().width()
        ):
            self.card_width = event.size().width()
            self.scheduleDelayedItemsLayout()
        return super().viewportEvent(event)

    def startDrag(self, supported: Qt.DropAction) -> None:
        index = self.currentIndex()
        if index.isValid():
            self.drag_started.emit(index.data(Qt.ItemDataRole.UserRole).state)
        try:
            super().startDrag(supported)
        finally:
            self.drag_finished.emit()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._judge(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._judge(event)

    def _judge(self, event: QDragMoveEvent) -> None:
        found = decode(event.mimeData())
        if found is None:
            event.ignore()
            return
        ok, _reason = self._can_drop(found[0], found[1], self.target)
        if ok:
            event.setDropAction(Qt.DropAction.CopyAction)  # the board moves the card itself
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        found = decode(event.mimeData())
        if found is None or not self._on_drop(found[0], found[1], self.target):
            event.ignore()
            return
        # CopyAction: the source view must not delete the card; the store moves it.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.viewport().rect().adjusted(8, 16, -8, -8),
                int(
                    Qt.AlignmentFlag.AlignHCenter
                    | Qt.AlignmentFlag.AlignTop
                    | Qt.TextFlag.TextWordWrap
                ),
                self.empty_text,
            )
            painter.end()
