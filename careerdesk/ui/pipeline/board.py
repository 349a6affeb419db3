"""The board: a column per active state, drop zones for the closed ones, moves by drag and drop.

A drop is checked against the transition table before anything happens: an allowed move is
shown at once and saved in the background (undone visibly if saving fails). Over a column it
may not enter, the card is refused (the cursor shows "no") and the banner says why and where
it *can* go. While a card is dragged, the columns it may enter are highlighted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.pipeline.models import ApplicationRow
from careerdesk.core.pipeline.states import (
    ACTIVE_STATES,
    CLOSED_STATES,
    InvalidTransitionError,
    State,
    can_transition,
)
from careerdesk.ui.common import theme
from careerdesk.ui.pipeline import style
from careerdesk.ui.pipeline.board_parts import (
    CardDelegate,
    ColumnList,
    ColumnModel,
    card_order,
    decode,
)

COLUMN_WIDTH = 200


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
    """Header (state, count) over a card list."""

    def __init__(self, state: State, delegate: CardDelegate, board: BoardView) -> None:
        super().__init__()
        self.state = state
        self.setObjectName("column")
        self.setFixedWidth(COLUMN_WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.header)
        self.model = ColumnModel(state)
        self.list = ColumnList(state, board.hover, board.drop)
        self.list.setModel(self.model)
        self.list.setItemDelegate(delegate)
        self.list.setAccessibleName(f"{state.label} column")
        layout.addWidget(self.list, 1)
        self.set_drop_hint(None)

    def refresh_header(self) -> None:
        color = theme.mark(style.STATE_COLORS[self.state])
        self.header.setText(
            f"<span style='color:{color}'>●</span> <b>{self.state.label}</b> "
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

    def __init__(self, state: State, board: BoardView) -> None:
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


class BoardView(QWidget):
    """Columns for ``ACTIVE_STATES`` and drop zones for ``CLOSED_STATES``.

    ``move_requested(id, from_state, to_state)`` asks the tab to save an allowed move;
    ``activated(id)`` opens the detail panel; ``closed_clicked(state)`` lists a closed state.
    """

    move_requested = Signal(int, object, object)
    activated = Signal(int)
    current_changed = Signal(int)
    closed_clicked = Signal(object)
    context_requested = Signal(int, object)
    undo_requested = Signal()

    def __init__(self, now: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self.rows: dict[int, ApplicationRow] = {}
        self._ordered: list[ApplicationRow] = []  # every card in card_order
        self.visible_ids: set[int] | None = None
        self.delegate = CardDelegate(now)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.banner = Banner()
        self.banner.undo_clicked.connect(self.undo_requested)
        outer.addWidget(self.banner)
        self.scroll_area = QScrollArea()
        self.scroll_area.setProperty(theme.SCROLLS_SIDEWAYS, True)  # columns side by side
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        strip = QWidget()
        row = QHBoxLayout(strip)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.columns: dict[State, BoardColumn] = {}
        for state in ACTIVE_STATES:
            column = BoardColumn(state, self.delegate, self)
            column.list.activated.connect(lambda i, c=column: self._activate(c, i))
            column.list.doubleClicked.connect(lambda i, c=column: self._activate(c, i))
            column.list.clicked.connect(lambda i, c=column: self._clicked(c, i))
            column.list.drag_started.connect(self.show_targets)
            column.list.drag_finished.connect(self.clear_targets)
            column.list.customContextMenuRequested.connect(
                lambda pos, c=column: self._context(c, pos)
            )
            self.columns[state] = column
            row.addWidget(column)
        row.addStretch(1)
        self.scroll_area.setWidget(strip)
        outer.addWidget(self.scroll_area, 1)
        zones = QHBoxLayout()
        zones.setSpacing(8)
        self.zones: dict[State, DropZone] = {}
        for state in CLOSED_STATES:
            zone = DropZone(state, self)
            zone.clicked.connect(self.closed_clicked)
            self.zones[state] = zone
            zones.addWidget(zone)
        outer.addLayout(zones)

    # -- data ------------------------------------------------------------------------------
    def set_verdicts(self, verdicts: dict[int, str]) -> None:
        """Fit verdicts to show on the cards (pipeline intelligence)."""
        self.delegate.verdicts = verdicts
        for column in self.columns.values():
            column.list.viewport().update()

    def set_rows(self, rows: list[ApplicationRow]) -> None:
        self.rows = {r.id: r for r in rows}
        self._ordered = sorted(rows, key=card_order)
        self._rebuild()

    def upsert(self, row: ApplicationRow) -> None:
        old = self.rows.get(row.id)
        self.rows[row.id] = row
        self._ordered = sorted(self.rows.values(), key=card_order)
        affected = {row.state} | ({old.state} if old else set())
        self._rebuild(affected)

    def remove(self, app_id: int) -> None:
        old = self.rows.pop(app_id, None)
        if old is not None:
            self._ordered = [r for r in self._ordered if r.id != app_id]
            self._rebuild({old.state})

    def set_visible_ids(self, ids: set[int] | None) -> None:
        """Show only these applications (the search box); None shows all."""
        self.visible_ids = ids
        self._rebuild()

    def _rebuild(self, states: set[State] | None = None) -> None:
        by_state: dict[State, list[ApplicationRow]] = {s: [] for s in State}
        wanted = self.visible_ids
        for r in self._ordered:  # already in card order: no sorting per column
            if wanted is None or r.id in wanted:
                by_state[r.state].append(r)
        for state, column in self.columns.items():
            if states is None or state in states:
                current = column.list.currentIndex()
                keep = current.data(Qt.ItemDataRole.UserRole).id if current.isValid() else None
                column.model.set_rows(by_state[state], ordered=True)
                column.refresh_header()
                if keep is not None:
                    pos = column.model.position(keep)
                    if pos is not None:
                        column.list.setCurrentIndex(column.model.index(pos))
        for state, zone in self.zones.items():
            zone.set_count(len(by_state[state]))

    # -- drag and drop ---------------------------------------------------------------------
    def judge(self, app_id: int, from_state: State, target: State) -> tuple[bool, str]:
        """May this card move to ``target``? (False, reason) when not."""
        row = self.rows.get(app_id)
        current = row.state if row is not None else from_state
        if current == target:
            return False, ""
        if can_transition(current, target):
            return True, ""
        return False, str(InvalidTransitionError(current, target))

    def hover(self, app_id: int, from_state: State, target: State) -> tuple[bool, str]:
        """While a card is dragged over ``target``: judge it, and say why when refused.

        Qt never delivers a drop to a target that refused the drag, so the reason is shown
        here, the moment the card is over a column it cannot enter (the cursor shows "no").
        """
        ok, reason = self.judge(app_id, from_state, target)
        row = self.rows.get(app_id)
        if not ok and reason and row is not None:
            text = f"{row.company}: {reason}"
            if self.banner.label.text() != text or not self.banner.isVisible():
                self.banner.show_message(text, "error")
        return ok, reason

    def drop(self, app_id: int, from_state: State, target: State) -> bool:
        """Handle a drop (a user's or a test's): move, or refuse visibly with the reason."""
        ok, reason = self.judge(app_id, from_state, target)
        self.clear_targets()
        row = self.rows.get(app_id)
        if row is None:
            return False
        if not ok:
            if reason:
                self.banner.show_message(f"{row.company}: {reason}", "error")
            return False
        self.move_requested.emit(app_id, row.state, target)
        return True

    def show_targets(self, from_state: State) -> None:
        for state, column in self.columns.items():
            column.set_drop_hint(
                True
                if can_transition(from_state, state)
                else (None if state == from_state else False)
            )
        for state, zone in self.zones.items():
            zone.set_drop_hint(can_transition(from_state, state))

    def clear_targets(self) -> None:
        for column in self.columns.values():
            column.set_drop_hint(None)
        for zone in self.zones.values():
            zone.set_drop_hint(None)

    # -- selection -------------------------------------------------------------------------
    def _activate(self, column: BoardColumn, index: QModelIndex) -> None:
        if index.isValid():
            self.activated.emit(index.data(Qt.ItemDataRole.UserRole).id)

    def _clicked(self, column: BoardColumn, index: QModelIndex) -> None:
        for other in self.columns.values():
            if other is not column:
                other.list.clearSelection()
        if index.isValid():
            self.current_changed.emit(index.data(Qt.ItemDataRole.UserRole).id)

    def _context(self, column: BoardColumn, pos: QPoint) -> None:
        index = column.list.indexAt(pos)
        if index.isValid():
            column.list.setCurrentIndex(index)
            app_id = index.data(Qt.ItemDataRole.UserRole).id
            self.context_requested.emit(app_id, column.list.viewport().mapToGlobal(pos))

    def current_id(self) -> int | None:
        for column in self.columns.values():
            index = column.list.currentIndex()
            if index.isValid() and column.list.selectionModel().isSelected(index):
                return index.data(Qt.ItemDataRole.UserRole).id
        return None

    def select(self, app_id: int) -> bool:
        row = self.rows.get(app_id)
        column = self.columns.get(row.state) if row else None
        if column is None:
            return False
        pos = column.model.position(app_id)
        if pos is None:
            return False
        index = column.model.index(pos)
        column.list.setCurrentIndex(index)
        column.list.scrollTo(index)
        self.scroll_area.ensureWidgetVisible(column)
        return True
