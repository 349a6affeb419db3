"""The fit of one application: verdict with reasons, O*NET occupation, skills matched,
partial and missing with severity, hours and priority, and "Add gaps to my learning path".

Shown in the Pipeline detail panel (Fit tab) and in Pipeline → Fit.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.pipeline.intel.fit_service import FitService, JobFitView
from careerdesk.ui.common import theme
from careerdesk.ui.shell.context import UiContext

VERDICT_COLOURS = theme.VERDICT_HUES
STATUS_TEXT = {"match": "✓ met", "partial": "◐ partly", "missing": "✗ missing", "untracked": "–"}


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def verdict_html(view: JobFitView) -> str:
    colour = VERDICT_COLOURS[view.verdict]
    occ = (
        f"<br>O*NET occupation: {_esc(view.occupation)} ({view.occupation_code})"
        if view.occupation
        else ""
    )
    reasons = "".join(f"<li>{_esc(r)}</li>" for r in view.reasons)
    return (
        f"<span style='font-size:15pt; color:{colour}'><b>{view.label}</b></span> "
        f"&nbsp; {_esc(view.company)} — {_esc(view.title)}{occ}"
        f"<br>Fit score {view.score:.0%} · required skills matched {view.required_match:.0f}% · "
        f"about {view.hours_to_close:.0f} h to close<ul>{reasons}</ul>"
    )


class FitPanel(QWidget):
    """The fit of one application (also usable on its own)."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.app_id: int | None = None
        self.view: JobFitView | None = None
        v = QVBoxLayout(self)
        self.header = QLabel("Select an application to see how well you fit it.")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        v.addWidget(self.header)
        self.skills = QTreeWidget()
        self.skills.setHeaderLabels(["Skill", "Asked", "You", "Status", "Gap", "Hours", "Priority"])
        self.skills.setRootIsDecorated(False)
        self.skills.setColumnWidth(0, 200)
        v.addWidget(self.skills, 1)
        row = QHBoxLayout()
        self.add_btn = QPushButton("Add gaps to my learning path")
        self.add_btn.clicked.connect(self.add_to_path)
        self.add_btn.setEnabled(False)
        row.addWidget(self.add_btn)
        row.addStretch(1)
        v.addLayout(row)

    def show_application(self, app_id: int | None) -> None:
        self.app_id = app_id
        if app_id is None:
            self.header.setText("Select an application to see how well you fit it.")
            self.skills.clear()
            self.add_btn.setEnabled(False)
            return
        svc = self.ctx.service(FitService)
        self.ctx.runner.run(
            lambda _s: svc.analyse(app_id),
            write=True,
            name="job-fit",
            on_success=lambda v: self._show(app_id, v),
        )

    def _show(self, app_id: int, view: JobFitView) -> None:
        if app_id != self.app_id:
            return
        self.view = view
        self.header.setText(verdict_html(view))
        self.skills.clear()
        for item in sorted(view.items, key=lambda i: (not i.required, i.priority or 999, i.name)):
            row = QTreeWidgetItem(
                [
                    item.name + ("" if item.required else " (preferred)"),
                    str(item.implied),
                    "–" if item.current is None else f"{item.current:.0f}",
                    STATUS_TEXT[item.status],
                    item.severity,
                    f"{item.hours:.0f}" if item.hours else "",
                    str(item.priority) if item.priority else "",
                ]
            )
            row.setToolTip(0, item.evidence)
            self.skills.addTopLevelItem(row)
        self.add_btn.setEnabled(any(g.skill_id for g in view.gaps))

    def add_to_path(self) -> None:
        if self.app_id is None:
            return
        svc = self.ctx.service(FitService)
        app_id = self.app_id
        self.ctx.runner.run(
            lambda _s: svc.add_gaps_to_learning_path(app_id),
            write=True,
            name="fit-to-path",
            on_success=lambda names: self.ctx.status(
                f"Added to your learning path: {', '.join(names)}."
            ),
        )
