"""The board: grouped columns by default, every stage one click away; moves by drag and drop.

Two views of the same cards (docs/pipeline.md, "Board"):

- **grouped** (the default): Saved · Applying · Applied · Interviewing · Offer · Closed
  (``core/pipeline/board_groups.py``); a card in a group of several states carries its exact
  stage as a badge. A drop moves the card to the group's natural state (the next interview
  stage, say); when that is ambiguous (Closed: rejected, withdrawn or no answer?) a small menu
  asks.
- **every stage**: a column per active state and drop zones for the closed ones.

A drop is checked against the transition table before anything happens: an allowed move is
shown at once and saved in the background (undone visibly if saving fails). Over a column it
may not enter, the card is refused (the cursor shows "no") and the banner says why and where
it *can* go. While a card is dragged, the columns it may enter are highlighted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.pipeline.board_groups import GROUP_OF, BoardGroup, plan_drop
from careerdesk.core.pipeline.models import ApplicationRow
from careerdesk.core.pipeline.states import (
    ACTIVE_STATES,
    CLOSED_STATES,
    InvalidTransitionError,
    State,
    can_transition,
)
from careerdesk.ui.common import theme
from careerdesk.ui.pipeline.board_card import CardDelegate
from careerdesk.ui.pipeline.board_columns import Banner, BoardColumn, DropZone
from careerdesk.ui.pipeline.board_parts import ColumnKey, card_order


class BoardView(QWidget):
    """Grouped columns (default) or a column per active state plus closed-state drop zones.

    ``move_requested(id, from_state, to_state)`` asks the tab to save an allowed move;
    ``activated(id)`` opens the detail panel; ``closed_clicked(state)`` lists a closed state;
    ``grouped_changed(grouped)`` says the learner switched views (the tab remembers it).
    """

    move_requested = Signal(int, object, object)
    activated = Signal(int)
    current_changed = Signal(int)
    closed_clicked = Signal(object)
    context_requested = Signal(int, object)
    undo_requested = Signal()
    grouped_changed = Signal(bool)

    def __init__(self, now: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self.rows: dict[int, ApplicationRow] = {}
        self._ordered: list[ApplicationRow] = []  # every card in card_order
        self.visible_ids: set[int] | None = None
        self.grouped = True
        self.delegate = CardDelegate(now)
        self.delegate.badges = True
        self.choice_menu: QMenu | None = None  # "which one?" after an ambiguous drop
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.banner = Banner()
        self.banner.undo_clicked.connect(self.undo_requested)
        outer.addWidget(self.banner)
        # The switch lives in the tab's tool bar (pipeline_widget.py); the board owns it.
        self.stages_button = QPushButton("Show every stage")
        self.stages_button.setCheckable(True)
        self.stages_button.setAccessibleName("Show every stage")
        self.stages_button.setToolTip(
            "Show a column for each of the 14 stages instead of the six groups"
        )
        self.stages_button.toggled.connect(lambda on: self.set_grouped(not on, notify=True))
        self.full_columns: dict[State, BoardColumn] = {
            s: BoardColumn(s, s.label, s, self.delegate, self) for s in ACTIVE_STATES
        }
        self.group_columns: dict[BoardGroup, BoardColumn] = {
            g: BoardColumn(g, g.label, g.states[-1], self.delegate, self, width=None)
            for g in BoardGroup
        }
        self.pages = QStackedWidget()
        self.group_area = self._strip(list(self.group_columns.values()), stretch=False)
        self.full_area = self._strip(list(self.full_columns.values()), stretch=True)
        self.scroll_area = self.group_area
        self.pages.addWidget(self.group_area)
        self.pages.addWidget(self.full_area)
        outer.addWidget(self.pages, 1)
        self.zone_bar = QWidget()
        zones = QHBoxLayout(self.zone_bar)
        zones.setContentsMargins(0, 0, 0, 0)
        zones.setSpacing(8)
        self.zones: dict[State, DropZone] = {}
        for state in CLOSED_STATES:
            zone = DropZone(state, self)
            zone.clicked.connect(self.closed_clicked)
            self.zones[state] = zone
            zones.addWidget(zone)
        outer.addWidget(self.zone_bar)
        self.zone_bar.hide()

    def _strip(self, columns: list[BoardColumn], *, stretch: bool) -> QScrollArea:
        area = QScrollArea()
        area.setProperty(theme.SCROLLS_SIDEWAYS, True)  # columns side by side
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        strip = QWidget()
        row = QHBoxLayout(strip)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        for column in columns:
            column.list.activated.connect(lambda i, c=column: self._activate(c, i))
            column.list.doubleClicked.connect(lambda i, c=column: self._activate(c, i))
            column.list.clicked.connect(lambda i, c=column: self._clicked(c, i))
            column.list.drag_started.connect(self.show_targets)
            column.list.drag_finished.connect(self.clear_targets)
            column.list.customContextMenuRequested.connect(
                lambda pos, c=column: self._context(c, pos)
            )
            row.addWidget(column)
        if stretch:
            row.addStretch(1)
        area.setWidget(strip)
        return area

    @property
    def columns(self) -> dict[ColumnKey, BoardColumn]:
        """The columns of the view shown, by state (every stage) or group (grouped)."""
        if self.grouped:
            return {key: column for key, column in self.group_columns.items()}
        return {key: column for key, column in self.full_columns.items()}

    def column_for(self, state: State) -> BoardColumn | None:
        """The column showing cards in ``state`` (None: a closed state's zone)."""
        if self.grouped:
            return self.group_columns[GROUP_OF[state]]
        return self.full_columns.get(state)

    def key_of(self, state: State) -> ColumnKey:
        return GROUP_OF[state] if self.grouped else state

    def set_grouped(self, grouped: bool, *, notify: bool = False) -> None:
        """Switch between the six groups and every stage (the selected card stays selected)."""
        changed = grouped != self.grouped
        keep = self.current_id()
        self.grouped = grouped
        self.delegate.badges = grouped
        self.stages_button.blockSignals(True)
        self.stages_button.setChecked(not grouped)
        self.stages_button.blockSignals(False)
        self.scroll_area = self.group_area if grouped else self.full_area
        self.pages.setCurrentWidget(self.scroll_area)
        self.zone_bar.setVisible(not grouped)
        if changed:
            self._rebuild()
            if keep is not None:
                self.select(keep)
            if notify:
                self.grouped_changed.emit(grouped)

    # -- data ------------------------------------------------------------------------------
    def set_verdicts(self, verdicts: dict[int, str]) -> None:
        """Fit verdicts to show on the cards before applying (pipeline intelligence)."""
        self.delegate.verdicts = verdicts
        for column in self.columns.values():
            column.list.doItemsLayout()  # a verdict adds a badge line: the card grows
            column.list.viewport().update()

    def set_rows(self, rows: list[ApplicationRow]) -> None:
        self.rows = {r.id: r for r in rows}
        self._ordered = sorted(rows, key=card_order)
        self._rebuild()

    def upsert(self, row: ApplicationRow) -> None:
        old = self.rows.get(row.id)
        self.rows[row.id] = row
        self._ordered = sorted(self.rows.values(), key=card_order)
        affected = {self.key_of(row.state)} | ({self.key_of(old.state)} if old else set())
        self._rebuild(affected)

    def remove(self, app_id: int) -> None:
        old = self.rows.pop(app_id, None)
        if old is not None:
            self._ordered = [r for r in self._ordered if r.id != app_id]
            self._rebuild({self.key_of(old.state)})

    def set_visible_ids(self, ids: set[int] | None) -> None:
        """Show only these applications (the search box); None shows all."""
        self.visible_ids = ids
        self._rebuild()

    def _rebuild(self, keys: set[ColumnKey] | None = None) -> None:
        """Refill the shown view's columns (only ``keys``, when given)."""
        columns = self.columns
        by_key: dict[ColumnKey, list[ApplicationRow]] = {k: [] for k in columns}
        closed: dict[State, int] = dict.fromkeys(CLOSED_STATES, 0)
        wanted = self.visible_ids
        for r in self._ordered:  # already in card order: no sorting per column
            if wanted is None or r.id in wanted:
                key = self.key_of(r.state)
                if key in by_key:
                    by_key[key].append(r)
                elif r.state in closed:
                    closed[r.state] += 1
        for key, column in columns.items():
            if keys is None or key in keys:
                current = column.list.currentIndex()
                keep = current.data(Qt.ItemDataRole.UserRole).id if current.isValid() else None
                column.model.set_rows(by_key[key], ordered=True)
                column.refresh_header()
                if keep is not None:
                    pos = column.model.position(keep)
                    if pos is not None:
                        column.list.setCurrentIndex(column.model.index(pos))
        for state, zone in self.zones.items():
            zone.set_count(closed[state])

    # -- drag and drop ---------------------------------------------------------------------
    def judge(self, app_id: int, from_state: State, target: ColumnKey) -> tuple[bool, str]:
        """May this card move to ``target`` (a state or a group)? (False, reason) when not."""
        row = self.rows.get(app_id)
        current = row.state if row is not None else from_state
        if isinstance(target, BoardGroup):
            plan = plan_drop(current, target)
            return plan.allowed, plan.reason
        if current == target:
            return False, ""
        if can_transition(current, target):
            return True, ""
        return False, str(InvalidTransitionError(current, target))

    def hover(self, app_id: int, from_state: State, target: ColumnKey) -> tuple[bool, str]:
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

    def drop(self, app_id: int, from_state: State, target: ColumnKey) -> bool:
        """Handle a drop (a user's or a test's): move, ask which, or refuse with the reason."""
        ok, reason = self.judge(app_id, from_state, target)
        self.clear_targets()
        row = self.rows.get(app_id)
        if row is None:
            return False
        if not ok:
            if reason:
                self.banner.show_message(f"{row.company}: {reason}", "error")
            return False
        if isinstance(target, BoardGroup):
            plan = plan_drop(row.state, target)
            if plan.target is None:
                self._ask(row, plan.choices)
                return True
            target = plan.target
        self.move_requested.emit(app_id, row.state, target)
        return True

    def _ask(self, row: ApplicationRow, choices: tuple[State, ...]) -> None:
        """An ambiguous drop (Closed): a small menu at the pointer asks which state."""
        menu = QMenu(self)
        menu.setObjectName("drop-choice")
        menu.setAccessibleName(f"Close {row.company} as")
        title = menu.addAction(f"{row.company}: what happened?")
        title.setEnabled(False)
        for state in choices:
            action = menu.addAction(CLOSE_WORDS.get(state, state.label))
            action.setData(state.value)
            action.triggered.connect(
                lambda _c=False, s=state, r=row: self.move_requested.emit(r.id, r.state, s)
            )
        self.choice_menu = menu
        menu.popup(QCursor.pos())

    def show_targets(self, from_state: State) -> None:
        own = self.key_of(from_state)
        for key, column in self.columns.items():
            if key == own:
                column.set_drop_hint(None)
            elif isinstance(key, BoardGroup):
                column.set_drop_hint(plan_drop(from_state, key).allowed)
            else:
                column.set_drop_hint(can_transition(from_state, key))
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
        """Select a card and scroll it into view (the column, then the card in it)."""
        row = self.rows.get(app_id)
        column = self.column_for(row.state) if row else None
        if column is None:
            return False
        pos = column.model.position(app_id)
        if pos is None:
            return False
        index = column.model.index(pos)
        for other in self.columns.values():
            if other is not column:
                other.list.clearSelection()
        column.list.setCurrentIndex(index)
        column.list.scrollTo(index)
        self.scroll_area.ensureWidgetVisible(column)
        return True


# How the "which one?" menu names the closed states: what happened, in the learner's words.
CLOSE_WORDS: dict[State, str] = {
    State.ACCEPTED: "Accepted: I took the offer",
    State.REJECTED: "Rejected: they said no",
    State.WITHDRAWN: "Withdrawn: I stopped or declined",
    State.GHOSTED: "Ghosted: no answer",
}
