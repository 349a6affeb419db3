"""The Pipeline tab's widget: the job applications as a board or a table, with a detail panel.

Shortcuts: Ctrl+F search, Ctrl+Shift+N new application, Ctrl+Shift+V new application from
the job posting on the clipboard (dropping a .txt/.html/.pdf posting works too), Ctrl+Shift+C
the selected application's company card, Enter opens the selected one,
Delete deletes it (after confirmation), Esc closes the detail panel, Ctrl+Z / Ctrl+Shift+Z
undo and redo edits made in the panel. File → Import/Export carry the CSV/JSON transfers.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.pipeline.models import ApplicationRow
from careerdesk.core.pipeline.service import ApplicationService, DuplicateApplicationError
from careerdesk.core.pipeline.states import State, allowed_transitions
from careerdesk.ui.common.messages import plain_error
from careerdesk.ui.pipeline.tab_actions import PipelineActions
from careerdesk.ui.shell.context import UiContext

if TYPE_CHECKING:
    pass

EMPTY_TEXT = (
    "<h2>No applications yet</h2>"
    "<p>Track every job you are considering or have applied to: a board from <i>Saved</i> to "
    "<i>Offer</i>, interviews and offers on a timeline, and what to do next.</p>"
    "<p>Add one (Ctrl+Shift+N), paste a job posting (Ctrl+Shift+V) or drop its .txt, .html "
    "or .pdf file here, or import the spreadsheet you already keep "
    "(File → Import → Applications).</p>"
)


class PipelineTab(PipelineActions, QWidget):
    """Board / Table (and views plugged in later) over one ``PipelineStore``."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        from careerdesk.ui.pipeline.board import BoardView
        from careerdesk.ui.pipeline.detail import DetailPanel
        from careerdesk.ui.pipeline.store import PipelineStore
        from careerdesk.ui.pipeline.table import PipelineTable
        from careerdesk.ui.pipeline.table_model import ApplicationTableModel
        from careerdesk.ui.pipeline.views import discover_views

        self.ctx = ctx
        self.svc = ctx.service(ApplicationService)
        now = ctx.app.clock.now
        self.store = PipelineStore(ctx)
        self.model = ApplicationTableModel(now)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)

        bar = QHBoxLayout()
        self.view_group = QButtonGroup(self)
        self.view_group.setExclusive(True)
        self.view_buttons: dict[str, QPushButton] = {}
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by company, job title, place or tag")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search applications")
        self.search.setToolTip(
            "Type words to find applications. To look in one column only, write it before "
            "the word: status:applied, source:linkedin"
        )
        self.search.textChanged.connect(self._on_search)
        self.new_button = QPushButton("New application")
        self.new_button.setToolTip("Add a job you are considering or applied to (Ctrl+Shift+N)")
        self.new_button.clicked.connect(self.new_application)
        from careerdesk.ui.postings.capture import PostingCapture

        self.capture = PostingCapture(ctx, self, opened=self.open_new)
        self.posting_button = QPushButton("From posting…")
        self.posting_button.setToolTip(
            "Paste or open a job posting and review what CareerDesk reads from it "
            "(Ctrl+Shift+V pastes the clipboard; you can also drop a .txt, .html or .pdf file)"
        )
        self.posting_button.clicked.connect(self.capture.open_paste_box)
        self.capture.accept_drops_on(self)
        self.view_bar = QHBoxLayout()
        self.view_bar.setSpacing(0)
        bar.addLayout(self.view_bar)
        bar.addSpacing(8)
        self.board = BoardView(now)
        bar.addWidget(self.board.stages_button)
        bar.addSpacing(12)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.posting_button)
        bar.addWidget(self.new_button)
        layout.addLayout(bar)

        self.pages = QStackedWidget()
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.views = QStackedWidget()
        self.pages.addWidget(self.views)
        self.pages.addWidget(self.empty)

        self.table = PipelineTable(self.model)
        self._view_keys: list[str] = []
        self._factories: dict[str, Any] = {}
        self.add_view("board", "Board", self.board, "Alt+B")
        self.add_view("table", "Table", self.table, "Alt+T")
        for extra in discover_views():
            self.add_view(extra.key, extra.title, None, factory=extra.factory)
        self.view_buttons["board"].setChecked(True)

        self.detail = DetailPanel(ctx)
        self.detail.hide()
        self.splitter = QSplitter()
        self.splitter.addWidget(self.pages)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)

        self.store.reset.connect(self._on_reset)
        self.store.row_changed.connect(self._on_row)
        self.store.row_removed.connect(self._on_removed)
        self.board.move_requested.connect(self.move_application)
        self.board.activated.connect(self.open_detail)
        self.board.current_changed.connect(self._follow_selection)
        self.board.closed_clicked.connect(self._show_closed)
        self.board.context_requested.connect(self._context_menu)
        self.board.undo_requested.connect(self._undo_board_move)
        self.board.grouped_changed.connect(self._remember_grouping)
        self.table.activated.connect(self.open_detail)
        self.table.current_changed.connect(self._follow_selection)
        self.table.context_requested.connect(self._context_menu)
        self.table.clear_button.clicked.connect(self.clear_search)
        self._last_move: int | None = None
        self._select_when_shown: int | None = None  # a new application, until its card exists
        self._shortcuts()
        ctx.events.domain_event.connect(self._on_fit_event)
        ctx.profile_changed.connect(lambda _pid: self.detail.close_panel())
        ctx.profile_changed.connect(lambda _pid: self._restore_grouping())
        self._restore_grouping()
        self.store.reload()

    # -- views -----------------------------------------------------------------------------
    def add_view(
        self,
        key: str,
        title: str,
        widget: QWidget | None,
        shortcut: str | None = None,
        factory: Any = None,
    ) -> None:
        """Add a view button; ``factory(ctx, store)`` builds it the first time it is shown."""
        button = QPushButton(title)
        button.setCheckable(True)
        if shortcut:
            button.setShortcut(QKeySequence(shortcut))
            button.setToolTip(f"{title} view ({shortcut})")
        button.clicked.connect(lambda _c=False, k=key: self.show_view(k))
        self.view_group.addButton(button)
        self.view_buttons[key] = button
        self.view_bar.addWidget(button)
        self._view_keys.append(key)
        self._factories[key] = factory
        self.views.addWidget(widget if widget is not None else QWidget())

    def show_view(self, key: str) -> QWidget:
        i = self._view_keys.index(key)
        view = self.views.widget(i)
        factory = self._factories.get(key)
        if factory is not None:
            built: QWidget = factory(self.ctx, self.store)
            self.views.insertWidget(i, built)
            if view is not None:  # the placeholder add_view put there
                self.views.removeWidget(view)
                view.deleteLater()
            view = built
            self._factories[key] = None
        if view is None:
            raise LookupError(f"view {key!r} has no widget")
        self.views.setCurrentIndex(i)
        self.view_buttons[key].setChecked(True)
        self.board.stages_button.setVisible(key == "board")
        if key == "board":
            self._sync_board_filter()
        return view

    @property
    def current_view(self) -> str:
        return self._view_keys[self.views.currentIndex()]

    def _shortcuts(self) -> None:
        def add(
            keys: QKeySequence | QKeySequence.StandardKey | str, slot: Any, where: QWidget
        ) -> None:
            action = QAction(where, shortcut=QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            where.addAction(action)

        add(QKeySequence.StandardKey.Find, self.focus_search, self)
        add("Ctrl+Shift+N", self.new_application, self)
        add("Ctrl+Shift+V", self.paste_posting, self)
        add("Ctrl+Shift+C", self.company_card_current, self)
        # Delete acts on the selected card or row, so only while the board/table has focus.
        add(QKeySequence.StandardKey.Delete, self.delete_current, self.views)

    # -- grouped or every stage (remembered per profile) --------------------------------------
    def _grouping_key(self) -> str:
        return str(self.ctx.profile_id) if self.ctx.profile_id is not None else "none"

    def _restore_grouping(self) -> None:
        every = self.ctx.settings.pipeline.every_stage.get(self._grouping_key(), False)
        self.board.set_grouped(not every)

    def _remember_grouping(self, grouped: bool) -> None:
        store = self.ctx.settings.pipeline
        # Assign a whole new dict: the settings model validates on assignment.
        store.every_stage = {**store.every_stage, self._grouping_key(): not grouped}
        self.ctx.app.save_settings()

    # -- data ------------------------------------------------------------------------------
    def _on_reset(self) -> None:
        rows = self.store.all()
        self.table.partial = not self.store.complete
        self.model.set_rows(rows, presorted=True)
        self.board.set_rows(rows)
        self._on_search(self.search.text())
        self.table.refresh_sources()
        self._update_empty()
        self._load_verdicts()

    def _load_verdicts(self) -> None:
        """Fit verdicts for the board's cards (pipeline intelligence), in the background."""
        from careerdesk.core.pipeline.intel.fit_service import FitService

        pid = self.ctx.profile_id
        if pid is None:
            return
        svc = self.ctx.service(FitService)
        self.ctx.runner.run(
            lambda _s: svc.verdicts(pid), name="fit-verdicts", on_success=self.board.set_verdicts
        )

    def _on_fit_event(self, event: Any) -> None:
        from careerdesk.core.pipeline.events import FitChanged

        if isinstance(event, FitChanged) and event.profile_id == self.ctx.profile_id:
            self.board.set_verdicts(
                {**self.board.delegate.verdicts, event.application_id: event.verdict}
            )

    def _on_row(self, row: ApplicationRow) -> None:
        self.model.upsert(row)
        self.board.upsert(row)
        self._update_empty()
        if row.id == self._select_when_shown:
            self._reveal(row.id)

    def open_new(self, app_id: int) -> None:
        """A new application (the dialog, a job posting): select its card, show its details.

        Its card arrives with the store's refresh (an event); it is revealed then, or now if
        it is already there.
        """
        self._select_when_shown = app_id
        if app_id in self.board.rows:
            self._reveal(app_id)
        self.open_detail(app_id)

    def _reveal(self, app_id: int) -> None:
        """Select a (new) application and scroll it into view, on the board or in the table.

        Done again once the event loop has laid things out: the detail panel opening beside
        the board narrows it, which can push the column back out of view.
        """
        self._select_when_shown = None
        if not self._select_now(app_id) and self.search.text().strip():
            self.clear_search()  # a new card must not hide behind the search
            self._select_now(app_id)
        QTimer.singleShot(0, lambda: self._select_now(app_id))

    def _select_now(self, app_id: int) -> bool:
        if self.current_view == "table":
            return self.table.select(app_id)
        if self.current_view == "board":
            return self.board.select(app_id)
        return True  # another view: nothing to scroll

    def _on_removed(self, app_id: int) -> None:
        self.model.remove(app_id)
        self.board.remove(app_id)
        self._update_empty()

    def _update_empty(self) -> None:
        empty = self.store.loaded and not self.store.rows
        if self.ctx.profile_id is None:
            self.empty.setText("<h2>No profile open</h2><p>Choose or create a profile first.</p>")
        else:
            self.empty.setText(EMPTY_TEXT)
        self.pages.setCurrentWidget(
            self.empty if empty or self.ctx.profile_id is None else self.views
        )
        self.new_button.setEnabled(self.ctx.profile_id is not None)
        self.posting_button.setEnabled(self.ctx.profile_id is not None)

    def _on_search(self, text: str) -> None:
        self.model.set_search(text)
        if self.current_view == "board":
            self._sync_board_filter()

    def _sync_board_filter(self) -> None:
        """The board shows what the search box matches (rebuilt only while it is shown)."""
        wanted = self.model.visible_ids() if self.search.text().strip() else None
        if wanted != self.board.visible_ids:
            self.board.set_visible_ids(wanted)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear_search(self) -> None:
        self.search.clear()
        self.table.clear_filters()

    def _show_closed(self, state: State) -> None:
        self.show_view("table")
        self.table.show_states(frozenset({state}))

    # -- selection and detail --------------------------------------------------------------
    def current_id(self) -> int | None:
        return self.table.current_id() if self.current_view == "table" else self.board.current_id()

    def open_detail(self, app_id: int) -> None:
        self.detail.show_application(app_id)

    def _follow_selection(self, app_id: int) -> None:
        if self.detail.isVisible():
            self.detail.show_application(app_id)

    def _context_menu(self, app_id: int, where: QPoint) -> None:
        row = self.store.rows.get(app_id)
        if row is None:
            return
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.open_detail(app_id))
        menu.addAction(
            f"{row.company}: company card…\tCtrl+Shift+C", lambda: self.company_card(row.company)
        )
        moves = menu.addMenu("Move to")
        for target in allowed_transitions(row.state):
            moves.addAction(target.label, partial(self.move_application, app_id, row.state, target))
        moves.setEnabled(bool(allowed_transitions(row.state)))
        menu.addSeparator()
        menu.addAction("Delete…", lambda: self.delete(app_id))
        menu.popup(where)

    # -- changes ---------------------------------------------------------------------------
    def move_application(self, app_id: int, from_state: State, to_state: State) -> None:
        """Move a card (board drop or menu): shown at once, saved in the background."""
        row = self.store.rows.get(app_id)
        if row is None:
            return
        self.store.apply_local(row.model_copy(update={"state": to_state}))

        def done(_detail: Any) -> None:
            self._last_move = app_id
            self.board.banner.show_message(
                f"Moved {row.company} — {row.title} to {to_state.label}.", undo=True
            )

        def failed(exc: BaseException) -> None:
            self.store.refresh_row(app_id)
            self.board.banner.show_message(
                f"{row.company}: {plain_error(exc, 'move the application')}", "error"
            )

        self.ctx.runner.run(
            lambda _s: self.svc.move(app_id, to_state),
            write=True,
            name="move",
            on_success=done,
            on_error=failed,
        )

    def _undo_board_move(self) -> None:
        app_id, self._last_move = self._last_move, None
        if app_id is not None:
            self.board.banner.hide()
            self.ctx.runner.run(lambda _s: self.svc.revert_state(app_id), write=True, name="revert")

    def new_application(self) -> None:
        from careerdesk.ui.pipeline.new_dialog import NewApplicationDialog

        pid = self.ctx.profile_id
        if pid is None:
            return
        dialog = NewApplicationDialog(self.svc, pid, self)
        if not dialog.exec():
            return
        data, allow = dialog.result_data, dialog.allow_duplicate
        self._create(pid, data, allow)

    def _create(self, pid: int, data: dict[str, Any], allow: bool) -> None:
        def done(detail: Any) -> None:
            self.ctx.status(f"Added {detail.company} — {detail.title}", 5000)
            self.open_new(detail.id)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, DuplicateApplicationError):
                answer = QMessageBox.question(
                    self, "Already there?", f"{exc.message}\n\nSave this one anyway?"
                )
                if answer == QMessageBox.StandardButton.Yes:
                    self._create(pid, data, True)
            else:
                self.ctx.report(exc)

        self.ctx.runner.run(
            lambda _s: self.svc.create(pid, data, allow_duplicate=allow),
            write=True,
            name="create",
            on_success=done,
            on_error=failed,
        )
