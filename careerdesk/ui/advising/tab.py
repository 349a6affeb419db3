"""Advisor dashboard: the whole cohort in one sortable, filterable table, with flags.

Visible only to the advisor (kiosk: after the advisor PIN; a personal install is its own
advisor). Double-click a learner to open their full view; export the table as CSV or a
learner's one-page report as PDF/PNG for an advising session.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.advising.service import (
    FLAGS,
    IMPROVING_FAST,
    NEEDS_SUPPORT,
    STALLED,
    Cohort,
    MonitoringService,
    cohort_csv,
)
from careerdesk.core.kernel.events import DomainEvent
from careerdesk.core.kiosk.service import KioskService
from careerdesk.ui.advising.cohort_model import PROFILE_ROLE, CohortFilter, CohortModel
from careerdesk.ui.advising.rating import AdvisorRatingDialog
from careerdesk.ui.common import file_dialogs, formatting, theme
from careerdesk.ui.shell.context import UiContext
from careerdesk.ui.shell.tabs import TabSpec

REFRESH_DELAY_MS = 400  # many events arrive together (a quiz submit): refresh once


class AdvisorTab(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.cohort: Cohort | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)

        self.summary = QLabel("Loading the cohort…")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)

        controls = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setAccessibleName("Filter learners")
        self.search.setPlaceholderText("Filter by name or role…")
        self.search.setClearButtonEnabled(True)
        controls.addWidget(self.search, 2)
        self.flag_filter = QComboBox()
        self.flag_filter.addItem("All learners", None)
        self.flag_filter.addItem("Any flag", CohortFilter.ANY_FLAG)
        for flag in FLAGS:
            self.flag_filter.addItem(flag.capitalize(), flag)
        controls.addWidget(self.flag_filter)
        self.open_button = QPushButton("Open learner")
        self.rate_button = QPushButton("Rate skills…")
        self.rate_button.setToolTip(
            "Rate the selected learner's skills (0–100 with a note) and see what is unmeasured."
        )
        self.report_button = QPushButton("Learner report…")
        self.csv_button = QPushButton("Export CSV…")
        self.thresholds_button = QPushButton("Thresholds…")
        self.refresh_button = QPushButton("Refresh")
        for b in (
            self.open_button,
            self.rate_button,
            self.report_button,
            self.csv_button,
            self.thresholds_button,
            self.refresh_button,
        ):
            controls.addWidget(b)
        layout.addLayout(controls)

        self.model = CohortModel()
        self.proxy = CohortFilter()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName("Learners")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(9, Qt.SortOrder.DescendingOrder)  # flagged learners first
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        layout.addWidget(self.table, 1)

        self.empty = QLabel(
            "No learners yet. Learners appear here as soon as they create a profile "
            "(on a kiosk: “I'm new here”). To try the dashboard, run "
            "<code>careerdesk demo-cohort 12</code>."
        )
        self.empty.setWordWrap(True)
        self.empty.setVisible(False)
        layout.addWidget(self.empty)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setEnabled(False)
        layout.addWidget(self.notes)

        self.search.textChanged.connect(self.proxy.set_text)
        self.flag_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_flag(self.flag_filter.currentData())
        )
        self.proxy.rowsInserted.connect(self._update_buttons)
        self.proxy.modelReset.connect(self._update_buttons)
        self.proxy.layoutChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self._open_index)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.open_button.clicked.connect(self.open_selected)
        self.rate_button.clicked.connect(self.rate_selected)
        self.report_button.clicked.connect(self.export_report)
        self.csv_button.clicked.connect(self.export_csv)
        self.thresholds_button.clicked.connect(self.edit_thresholds)
        self.refresh_button.clicked.connect(self.refresh)
        refresh_action = QAction(self)
        refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh_action.triggered.connect(self.refresh)
        self.addAction(refresh_action)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(REFRESH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        ctx.events.domain_event.connect(self._on_event)
        self._update_buttons()
        self.refresh()

    # -- data ------------------------------------------------------------------------------
    def _on_event(self, _event: DomainEvent) -> None:
        # Every learner's change matters here, not only the open profile's.
        self._debounce.start()

    def refresh(self) -> None:
        service = self.ctx.service(MonitoringService)
        self.ctx.runner.run(lambda _s: service.cohort(), name="cohort", on_success=self.show_cohort)

    def show_cohort(self, cohort: Cohort) -> None:
        selected = self.selected_profile_id()
        self.cohort = cohort
        self.model.set_rows(cohort.rows)
        rows = cohort.rows
        count = {f: sum(f in r.flags for r in rows) for f in FLAGS}
        danger, success = theme.hex_of("danger"), theme.hex_of("success")
        self.summary.setText(
            f"<b>{len(rows)} learner{'s' if len(rows) != 1 else ''}</b> · "
            f"<span style='color:{danger}'>{count[NEEDS_SUPPORT]} need support</span> · "
            f"{count[STALLED]} stalled · "
            f"<span style='color:{success}'>{count[IMPROVING_FAST]} improving fast</span>"
            f" &nbsp;<small>(updated {formatting.time(cohort.computed_at)})</small>"
        )
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        cfg = cohort.config
        rules = (
            f"Needs support: readiness below {cfg.needs_support_below:.0f}. Stalled: no "
            f"assessment, learning or pipeline activity for {cfg.stall_days} days. Improving "
            f"fast: readiness up {cfg.improving_points:.0f}+ points in {cfg.improving_days} days."
        )
        self.notes.setText(rules)
        self.table.resizeColumnsToContents()
        if selected is not None:
            self.select_profile(selected)
        self._update_buttons()

    # -- selection -------------------------------------------------------------------------
    def selected_profile_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return None if not rows else int(rows[0].data(PROFILE_ROLE))

    def select_profile(self, profile_id: int) -> None:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if index.data(PROFILE_ROLE) == profile_id:
                self.table.selectRow(r)
                return

    def _update_buttons(self, *_args: object) -> None:
        has = self.selected_profile_id() is not None
        for b in (self.open_button, self.rate_button, self.report_button):
            b.setEnabled(has)
        self.csv_button.setEnabled(self.proxy.rowCount() > 0)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.addAction("Open learner's view", self.open_selected)
        menu.addAction("Rate skills…", self.rate_selected)
        menu.addAction("Learner report…", self.export_report)
        menu.addSeparator()
        menu.addAction("Remove the learner's PIN…", self.clear_learner_pin)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # -- actions ---------------------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        self.open_learner(int(index.data(PROFILE_ROLE)))

    def open_selected(self) -> None:
        pid = self.selected_profile_id()
        if pid is not None:
            self.open_learner(pid)

    def open_learner(self, profile_id: int) -> None:
        """Switch the window to this learner (the advisor stays signed in)."""
        self.ctx.set_profile(profile_id)
        window = self.ctx.window
        if window is not None and hasattr(window, "show_tab"):
            window.show_tab("home")

    def rate_selected(self) -> AdvisorRatingDialog | None:
        """Open the rating dialog for the selected learner (returned for tests)."""
        pid = self.selected_profile_id()
        if pid is None or self.cohort is None:
            return None
        row = next((r for r in self.cohort.rows if r.profile_id == pid), None)
        dialog = AdvisorRatingDialog(self.ctx, pid, row.name if row else f"#{pid}", self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def export_csv(self) -> None:
        if self.cohort is None:
            return
        path = file_dialogs.save_file(
            self,
            "Export the cohort",
            purpose="cohort-csv",
            suggested="cohort.csv",
            filter="CSV files (*.csv)",
        )
        if path is not None:
            self.write_csv(path)

    def write_csv(self, path: Path) -> None:
        """Write the rows currently shown (filtered and sorted as on screen)."""
        shown = [
            self.model.rows[self.proxy.mapToSource(self.proxy.index(r, 0)).row()]
            for r in range(self.proxy.rowCount())
        ]
        text = cohort_csv(shown)

        def write(_s: object) -> Path:
            path.write_text(text, encoding="utf-8-sig", newline="")  # Excel-friendly BOM
            return path

        self.ctx.runner.run(
            write,
            name="cohort-csv",
            on_success=lambda p: self.ctx.status(f"Cohort exported: {p}", 8000),
        )

    def export_report(self) -> None:
        pid = self.selected_profile_id()
        if pid is None:
            return
        name = next((r.name for r in self.model.rows if r.profile_id == pid), "learner")
        found = file_dialogs.save_file(
            self,
            "Save the learner report",
            purpose="learner-report",
            suggested=f"{name}-report.pdf",
            filter="PDF (*.pdf);;PNG image (*.png)",
        )
        if found is not None:
            path = str(found)
            if Path(path).suffix.lower() not in (".pdf", ".png"):
                path += ".pdf"
            self.write_report(pid, Path(path))

    def write_report(self, profile_id: int, path: Path) -> None:
        app = self.ctx.app

        def make(_s: object) -> Path:
            from careerdesk.core.advising.report import build_learner_report
            from careerdesk.render.learner_report import render_learner_report

            return render_learner_report(build_learner_report(app, profile_id), path)

        self.ctx.status("Writing the report…", 0)
        self.ctx.runner.run(
            make,
            name="learner-report",
            on_success=lambda p: self.ctx.status(f"Report saved: {p}", 8000),
        )

    def edit_thresholds(self) -> None:
        from careerdesk.ui.advising.thresholds import ThresholdsDialog

        service = self.ctx.service(MonitoringService)
        dialog = ThresholdsDialog(service.config(), self)
        if dialog.exec():
            config = dialog.config()
            self.ctx.runner.run(
                lambda _s: service.set_config(config),
                name="thresholds",
                write=True,
                on_success=lambda _r: self.refresh(),
            )

    def clear_learner_pin(self) -> None:
        pid = self.selected_profile_id()
        if pid is None:
            return
        name = next((r.name for r in self.model.rows if r.profile_id == pid), "this learner")
        answer = QMessageBox.question(
            self,
            "Remove PIN",
            f"Remove {name}'s PIN? Their profile will open without one until they set a new "
            "PIN (a learner who forgot theirs sets a new one after this).",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        kiosk = self.ctx.service(KioskService)
        self.ctx.runner.run(
            lambda _s: kiosk.set_learner_pin(pid, None),
            name="clear-pin",
            write=True,
            on_success=lambda _r: self.ctx.status(f"{name}'s PIN was removed.", 6000),
        )


TAB = TabSpec(
    key="advisor",
    title="Advisor",
    order=90,
    factory=AdvisorTab,
    advisor_only=True,
)
