"""Building blocks of the board: the per-column model, the card painter, the column list.

Cards are painted by a delegate inside a ``QListView`` per column (uniform sizes), so a
column of 5,000 cards costs what the visible ones cost: the board opens fast at any size.
Dragging a card carries ``application/x-careerdesk-application`` (id and state as JSON); the
column that receives it asks the board whether the move is allowed, so a user's drop and a
test's simulated drop run through the same code.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from careerdesk.core.pipeline.models import ApplicationRow
from careerdesk.core.pipeline.states import State
from careerdesk.ui.common import theme
from careerdesk.ui.pipeline import style

MIME = "application/x-careerdesk-application"
CARD_HEIGHT = 74
Index = QModelIndex | QPersistentModelIndex
URGENT_WORDS = ("today", "tomorrow", "passed", "Follow up", "Reply to offer", "Negotiate")


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

    def __init__(self, state: State | None) -> None:
        super().__init__()
        self.state = state
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


VERDICT_CHIPS = {
    "apply_now": ("Apply now", theme.VERDICT_HUES["apply_now"]),
    "learn_first": ("Learn first", theme.VERDICT_HUES["learn_first"]),
    "reconsider": ("Reconsider", theme.VERDICT_HUES["reconsider"]),
}


class CardDelegate(QStyledItemDelegate):
    """Paints a card: accent bar, company, age, title, next action."""

    def __init__(self, now: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self.now = now or (lambda: datetime.now(UTC))
        self.verdicts: dict[int, str] = {}  # fit verdict per application (pipeline intelligence)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(max(160, option.rect.width()), CARD_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row: ApplicationRow = index.data(Qt.ItemDataRole.UserRole)
        # The application's palette: the list's own is see-through (the column shows behind).
        palette = QApplication.palette()
        rect = option.rect.adjusted(4, 3, -4, -3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = palette.highlight().color() if selected else theme.colour("border")
        painter.setPen(QPen(border, 2 if selected else 1))
        painter.setBrush(palette.base())
        painter.drawRoundedRect(rect, 6, 6)
        accent = style.state_color(row.state)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRoundedRect(QRect(rect.left(), rect.top(), 4, rect.height()), 2, 2)
        inner = rect.adjusted(12, 6, -8, -6)
        base_font = QFont(option.font)
        bold = QFont(base_font)
        bold.setBold(True)
        small = QFont(base_font)
        small.setPointSizeF(max(7.0, base_font.pointSizeF() - 1))
        line = QFontMetrics(base_font).height() + 2
        age = style.age_text(style.age_days(row.created_at, row.applied_on, self.now()))
        painter.setFont(small)
        painter.setPen(palette.placeholderText().color())
        age_w = QFontMetrics(small).horizontalAdvance(age) + 4
        painter.drawText(
            QRect(inner.right() - age_w, inner.top(), age_w, line),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            age,
        )
        if row.priority >= 3:
            painter.setBrush(QColor(style.PRIORITY_COLORS[3]))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(inner.right() - age_w - 10, inner.top() + line // 2 - 3, 7, 7)
        painter.setPen(palette.text().color())
        painter.setFont(bold)
        fm = QFontMetrics(bold)
        painter.drawText(
            QRect(inner.left(), inner.top(), inner.width() - age_w - 14, line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            fm.elidedText(row.company, Qt.TextElideMode.ElideRight, inner.width() - age_w - 14),
        )
        painter.setFont(base_font)
        fm = QFontMetrics(base_font)
        painter.drawText(
            QRect(inner.left(), inner.top() + line, inner.width(), line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            fm.elidedText(row.title, Qt.TextElideMode.ElideRight, inner.width()),
        )
        verdict_w = self._paint_verdict(painter, row.id, inner, 2 * line, line, small)
        if row.next_action:
            urgent = any(w in row.next_action for w in URGENT_WORDS)
            painter.setFont(small)
            painter.setPen(
                QColor(theme.ink(accent.name())) if urgent else palette.placeholderText().color()
            )
            painter.drawText(
                QRect(inner.left(), inner.top() + 2 * line, inner.width(), line),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                QFontMetrics(small).elidedText(
                    "→ " + row.next_action, Qt.TextElideMode.ElideRight, inner.width() - verdict_w
                ),
            )
        painter.restore()

    def _paint_verdict(
        self, painter: QPainter, app_id: int, inner: QRect, top: int, line: int, font: QFont
    ) -> int:
        """A small coloured fit-verdict label at the right of the last line; its width."""
        verdict = self.verdicts.get(app_id)
        if verdict not in VERDICT_CHIPS:
            return 0
        text, colour = VERDICT_CHIPS[verdict]
        painter.setFont(font)
        width = QFontMetrics(font).horizontalAdvance(text) + 10
        chip = QRect(inner.right() - width, inner.top() + top + 1, width, line - 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(chip, 4, 4)
        painter.setPen(QColor(theme.text_on(colour)))
        painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), text)
        return width + 6


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
        target: State,
        can_drop: Callable[[int, State, State], tuple[bool, str]],
        on_drop: Callable[[int, State, State], bool],
    ) -> None:
        super().__init__()
        self.target = target
        self._can_drop = can_drop
        self._on_drop = on_drop
        self.empty_text = "No applications here.\nDrag a card here to move it."
        self.setUniformItemSizes(True)
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
