"""Table view of the pipeline: a filter bar (state, remote, source) over a sortable table.

The search box lives in the tab's toolbar (shared with the board); this widget owns the
model and the column filters. Rows are uniform height and columns have fixed widths, so the
view never measures 10,000 rows to lay itself out.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.pipeline.models import ApplicationRow
from careerdesk.core.pipeline.states import ACTIVE_STATES, CLOSED_STATES, State
from careerdesk.ui.common import formatting
from careerdesk.ui.pipeline.table_model import COLUMN_KEYS, COLUMNS, ApplicationTableModel

STATE_FILTERS: list[tuple[str, frozenset[State] | None]] = [
    ("All statuses", None),
    ("Open", frozenset(ACTIVE_STATES)),
    ("Closed", frozenset(CLOSED_STATES)),
    *[(s.label, frozenset({s})) for s in State],
]
REMOTE_FILTERS = [
    ("Any work mode", None),
    ("Remote", "yes"),
    ("Hybrid", "hybrid"),
    ("On-site", "no"),
]


class PipelineTable(QWidget):
    """Emits ``activated(id)`` on double-click/Enter and ``current_changed(id)`` on selection."""

    activated = Signal(int)
    current_changed = Signal(int)
    context_requested = Signal(int, object)  # application id, global QPoint

    def __init__(self, model: ApplicationTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.partial = False  # True while only the newest page is loaded
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.state_filter = QComboBox()
        self.state_filter.setAccessibleName("Filter by status")
        for text, _states in STATE_FILTERS:
            self.state_filter.addItem(text)
        self.remote_filter = QComboBox()
        self.remote_filter.setAccessibleName("Filter by work mode")
        for text, _value in REMOTE_FILTERS:
            self.remote_filter.addItem(text)
        self.source_filter = QComboBox()
        self.source_filter.setAccessibleName("Filter by source")
        self.source_filter.addItem("Any source")
        self.count_label = QLabel()
        for combo in (self.state_filter, self.remote_filter, self.source_filter):
            combo.currentIndexChanged.connect(self._apply_filters)
            bar.addWidget(combo)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        layout.addLayout(bar)

        self.stack = QStackedLayout()
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(
            COLUMN_KEYS.index("updated_at"), Qt.SortOrder.DescendingOrder
        )
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        vh = self.view.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(26)
        hh = self.view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)
        for i, col in enumerate(COLUMNS):
            self.view.setColumnWidth(i, col.width)
        self.view.doubleClicked.connect(self._on_activated)
        self.view.activated.connect(self._on_activated)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.view.customContextMenuRequested.connect(self._on_context)
        self.stack.addWidget(self.view)

        self.no_match = QWidget()
        nm = QVBoxLayout(self.no_match)
        self.no_match_label = QLabel()
        self.no_match_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match_label.setWordWrap(True)
        self.clear_button = QPushButton("Clear the filters")
        nm.addStretch(1)
        nm.addWidget(self.no_match_label)
        nm.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignCenter)
        nm.addStretch(1)
        self.stack.addWidget(self.no_match)
        layout.addLayout(self.stack)
        for signal in (model.modelReset, model.layoutChanged):
            signal.connect(self._update_counts)

    # -- filters ---------------------------------------------------------------------------
    def _apply_filters(self) -> None:
        source = self.source_filter.currentText() if self.source_filter.currentIndex() > 0 else None
        self.model.set_filters(
            states=STATE_FILTERS[self.state_filter.currentIndex()][1],
            remote=REMOTE_FILTERS[self.remote_filter.currentIndex()][1],
            source=source,
        )

    def show_states(self, states: frozenset[State] | None) -> None:
        """Select the status filter matching ``states`` (e.g. from a board drop zone)."""
        for i, (_text, value) in enumerate(STATE_FILTERS):
            if value == states:
                self.state_filter.setCurrentIndex(i)
                return

    def clear_filters(self) -> None:
        for combo in (self.state_filter, self.remote_filter, self.source_filter):
            combo.setCurrentIndex(0)

    def refresh_sources(self) -> None:
        current = self.source_filter.currentText()
        self.source_filter.blockSignals(True)
        self.source_filter.clear()
        self.source_filter.addItem("Any source")
        self.source_filter.addItems(self.model.sources())
        found = self.source_filter.findText(current)
        self.source_filter.setCurrentIndex(max(0, found))
        self.source_filter.blockSignals(False)

    def _update_counts(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        if self.partial:
            text = f"the {formatting.number(total)} newest shown, loading the rest…"
        elif shown == total:
            text = f"{formatting.number(total)} applications"
        else:
            text = f"{formatting.number(shown)} of {formatting.number(total)} shown"
        self.count_label.setText(text)
        empty = shown == 0 and total > 0
        self.no_match_label.setText("No application matches the search and filters.")
        self.stack.setCurrentWidget(self.no_match if empty else self.view)

    # -- selection -------------------------------------------------------------------------
    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()).id if index.isValid() else None

    def current_row(self) -> ApplicationRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select(self, app_id: int) -> bool:
        row = self.model.view_row_of(app_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activated.emit(self.model.row_at(index.row()).id)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.current_changed.emit(self.model.row_at(current.row()).id)

    def _on_context(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid():
            self.view.setCurrentIndex(index)
            app_id = self.model.row_at(index.row()).id
            self.context_requested.emit(app_id, self.view.viewport().mapToGlobal(pos))
