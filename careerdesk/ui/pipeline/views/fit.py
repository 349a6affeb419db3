"""Pipeline → Fit: the verdict per job with its reasons and gaps, and recommendations.

Left: recommended postings (saved, not applied), best first, with their reasons; Dismiss
teaches the recommender. Right: the fit of the selected application — verdict, reasons,
O*NET occupation, skills matched/partial/missing with severity, hours and priority — and
"Add gaps to my learning path".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kernel.events import DataRestored, DomainEvent
from careerdesk.core.pipeline.events import ApplicationChanged
from careerdesk.core.pipeline.intel.job_recommendation_service import (
    JobRecommendationService,
    RecommendationOut,
)
from careerdesk.ui.common import formatting
from careerdesk.ui.pipeline.fit_panel import FitPanel
from careerdesk.ui.pipeline.store import PipelineStore
from careerdesk.ui.pipeline.views import PipelineView
from careerdesk.ui.shell.context import UiContext


class FitView(QWidget):
    def __init__(self, ctx: UiContext, store: PipelineStore) -> None:
        super().__init__()
        self.ctx = ctx
        self.store = store
        self.recs: list[RecommendationOut] = []
        v = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("<b>Job fit and recommendations</b>"))
        top.addStretch(1)
        top.addWidget(QLabel("Application:"))
        self.picker = QComboBox()
        self.picker.setMinimumWidth(320)
        top.addWidget(self.picker)
        v.addLayout(top)
        split = QSplitter()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel("Recommended (your postings not applied to yet):"))
        self.rec_list = QListWidget()
        self.rec_list.setWordWrap(True)
        lv.addWidget(self.rec_list, 1)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        lv.addWidget(self.empty)
        row = QHBoxLayout()
        self.dismiss_btn = QPushButton("Not for me")
        self.dismiss_btn.setToolTip("Dismiss: similar postings rank lower from now on")
        self.dismiss_btn.clicked.connect(self.dismiss)
        row.addWidget(self.dismiss_btn)
        self.like_btn = QPushButton("More like this…")
        self.like_btn.setToolTip("Your other postings most like the selected one")
        self.like_btn.clicked.connect(self.more_like_this)
        row.addWidget(self.like_btn)
        row.addStretch(1)
        lv.addLayout(row)
        self.collab = QCheckBox("Also learn from other profiles on this computer (opt-in)")
        self.collab.setToolTip(
            "“People who saved the same jobs also applied to…” — uses only profiles that "
            "opted in too. Off by default."
        )
        self.collab.toggled.connect(self._collab_toggled)
        lv.addWidget(self.collab)
        split.addWidget(left)
        self.panel = FitPanel(ctx)
        split.addWidget(self.panel)
        split.setStretchFactor(1, 2)
        v.addWidget(split, 1)
        self.rec_list.currentItemChanged.connect(self._rec_selected)
        self.picker.currentIndexChanged.connect(self._picked)
        store.reset.connect(self._fill_picker)
        ctx.events.domain_event.connect(self._on_event)
        ctx.profile_changed.connect(lambda _pid: self.refresh())
        self._fill_picker()
        self.refresh()

    def _fill_picker(self) -> None:
        current = self.picker.currentData()
        self.picker.blockSignals(True)
        self.picker.clear()
        self.picker.addItem("—", None)
        for row in sorted(self.store.all(), key=lambda r: (r.company.lower(), r.title.lower())):
            self.picker.addItem(f"{row.company} — {row.title}", row.id)
        i = self.picker.findData(current)
        self.picker.setCurrentIndex(max(0, i))
        self.picker.blockSignals(False)

    def _on_event(self, event: DomainEvent) -> None:
        if isinstance(event, DataRestored) or (
            event.profile_id == self.ctx.profile_id
            and isinstance(event, ApplicationChanged)
            and self.isVisible()
        ):
            self.refresh()

    def refresh(self) -> None:
        pid = self.ctx.profile_id
        if pid is None:
            return
        svc = self.ctx.service(JobRecommendationService)
        self.collab.blockSignals(True)
        self.collab.setChecked(svc.collaborative_enabled(pid))
        self.collab.blockSignals(False)
        self.ctx.runner.run(
            lambda _s: svc.refresh(pid),
            write=True,
            name="recommendations",
            on_success=lambda recs: self._show_recs(pid, recs),
        )

    def _show_recs(self, pid: int, recs: list[RecommendationOut]) -> None:
        if pid != self.ctx.profile_id:
            return
        self.recs = recs
        self.rec_list.clear()
        for r in recs:
            text = f"{r.company} — {r.title}   {formatting.share(r.score)}\n" + "\n".join(
                f"  • {why}" for why in r.reasons
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, r.application_id)
            self.rec_list.addItem(item)
        self.empty.setText(
            ""
            if recs
            else "No recommendations: save postings (state Saved) with their descriptions and "
            "CareerDesk ranks them by fit and by what you applied to before."
        )
        self.dismiss_btn.setEnabled(bool(recs))
        if recs and self.panel.app_id is None:
            self.rec_list.setCurrentRow(0)

    def _rec_selected(self, item: QListWidgetItem | None, _prev: Any = None) -> None:
        if item is None:
            return
        app_id = item.data(Qt.ItemDataRole.UserRole)
        svc = self.ctx.service(JobRecommendationService)
        self.ctx.runner.run(lambda _s: svc.record(app_id, "open"), write=True, name="rec-open")
        self.select(app_id)

    def _picked(self, _i: int) -> None:
        self.panel.show_application(self.picker.currentData())

    def select(self, app_id: int) -> None:
        i = self.picker.findData(app_id)
        if i >= 0 and i != self.picker.currentIndex():
            self.picker.setCurrentIndex(i)
        else:
            self.panel.show_application(app_id)

    def dismiss(self) -> None:
        item = self.rec_list.currentItem()
        if item is None:
            return
        app_id = item.data(Qt.ItemDataRole.UserRole)
        svc = self.ctx.service(JobRecommendationService)
        self.ctx.runner.run(
            lambda _s: svc.record(app_id, "dismiss"),
            write=True,
            name="rec-dismiss",
            on_success=lambda _r: self.refresh(),
        )

    def more_like_this(self) -> None:
        """Postings like the one shown (the selected recommendation or the picked job)."""
        app_id = self.panel.app_id or self.picker.currentData()
        if app_id is None:
            self.ctx.status("Pick an application or a recommendation first.")
            return
        label = self.picker.itemText(max(0, self.picker.findData(app_id)))
        svc = self.ctx.service(JobRecommendationService)
        from careerdesk.ui.pipeline.similar_dialog import SimilarDialog

        self.ctx.runner.run(
            lambda _s: svc.more_like_this(app_id),
            write=True,
            name="rec-similar",
            on_success=lambda similar: SimilarDialog(label, similar, self.select, self).open(),
        )

    def _collab_toggled(self, on: bool) -> None:
        pid = self.ctx.profile_id
        if pid is None:
            return
        svc = self.ctx.service(JobRecommendationService)
        self.ctx.runner.run(
            lambda _s: svc.set_collaborative(pid, on),
            write=True,
            name="rec-collab",
            on_success=lambda _r: self.refresh(),
        )


def _factory(ctx: UiContext, store: PipelineStore) -> QWidget:
    return FitView(ctx, store)


VIEW = PipelineView("fit", "Fit", 40, _factory)
