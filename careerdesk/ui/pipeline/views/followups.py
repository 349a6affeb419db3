"""Pipeline → Follow-ups: every pending follow-up, and the template editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.pipeline.intel.followup_models import TemplateOut
from careerdesk.core.pipeline.intel.followup_rules import STRATEGIES, VARIABLES
from careerdesk.core.pipeline.intel.followup_service import FollowUpService
from careerdesk.ui.common import theme
from careerdesk.ui.pipeline.followup_list import FollowUpList
from careerdesk.ui.pipeline.views import PipelineView
from careerdesk.ui.shell.context import UiContext

STRATEGY_LABELS = {
    "fixed": "Calendar days",
    "business": "Business days (skip weekends)",
    "backoff": "Exponential backoff (first gap doubles)",
}


class TemplatesDialog(QDialog):
    """Edit the follow-up templates: subject, body with {variables}, step days, timing."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Follow-up templates")
        self.resize(720, 520)
        self.svc = ctx.service(FollowUpService)
        self.templates: list[TemplateOut] = self.svc.templates(ctx.profile_id or 0)
        h = QHBoxLayout(self)
        self.names = QListWidget()
        for t in self.templates:
            self.names.addItem(t.name)
        self.names.setMaximumWidth(220)
        h.addWidget(self.names)
        right = QVBoxLayout()
        form = QFormLayout()
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        self.offsets = QLineEdit()
        self.offsets.setToolTip("Days after the trigger, one per step, e.g. 3, 7, 14")
        self.strategy = QComboBox()
        for s in STRATEGIES:
            self.strategy.addItem(STRATEGY_LABELS[s], s)
        self.enabled = QCheckBox("Start this sequence automatically")
        form.addRow("Subject", self.subject)
        form.addRow("Message", self.body)
        form.addRow("Steps (days)", self.offsets)
        form.addRow("Timing", self.strategy)
        form.addRow("", self.enabled)
        right.addLayout(form)
        right.addWidget(QLabel("Variables: " + ", ".join("{" + v + "}" for v in VARIABLES)))
        self.error = QLabel()
        theme.set_tone(self.error, "danger")
        self.error.setWordWrap(True)
        right.addWidget(self.error)
        row = QHBoxLayout()
        self.save_btn = QPushButton("Save")
        self.reset_btn = QPushButton("Reset to built-in")
        row.addWidget(self.save_btn)
        row.addWidget(self.reset_btn)
        row.addStretch(1)
        right.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        right.addWidget(close)
        h.addLayout(right, 1)
        self.names.currentRowChanged.connect(self._load)
        self.save_btn.clicked.connect(self.save)
        self.reset_btn.clicked.connect(self.reset)
        self.names.setCurrentRow(0)

    def _load(self, row: int) -> None:
        if row < 0:
            return
        t = self.templates[row]
        self.subject.setText(t.subject)
        self.body.setPlainText(t.body)
        self.offsets.setText(", ".join(str(o) for o in t.offsets))
        self.strategy.setCurrentIndex(max(0, self.strategy.findData(t.strategy)))
        self.enabled.setChecked(t.enabled)
        self.error.clear()

    def _apply(self, fn: Any) -> None:
        row = self.names.currentRow()
        try:
            updated = fn(self.templates[row].id)
        except UserError as exc:
            self.error.setText(str(exc))
            return
        self.templates[row] = updated
        self._load(row)
        self.ctx.status(f"Template “{updated.name}” saved.")

    def save(self) -> None:
        try:
            offsets = [int(x) for x in self.offsets.text().replace(" ", "").split(",") if x]
        except ValueError:
            self.error.setText("Steps must be whole numbers of days, separated by commas.")
            return
        self._apply(
            lambda tid: self.svc.update_template(
                tid,
                subject=self.subject.text(),
                body=self.body.toPlainText(),
                offsets=offsets,
                strategy=self.strategy.currentData(),
                enabled=self.enabled.isChecked(),
            )
        )

    def reset(self) -> None:
        answer = QMessageBox.question(
            self, "Reset template", "Replace this template with the built-in text and timing?"
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._apply(self.svc.reset_template)


class FollowUpsView(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        v = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("<b>Follow-ups</b> — due ones in bold; double-click to compose"))
        top.addStretch(1)
        self.templates_btn = QPushButton("Templates…")
        self.templates_btn.clicked.connect(self.edit_templates)
        top.addWidget(self.templates_btn)
        v.addLayout(top)
        self.list = FollowUpList(ctx, upcoming=True)
        v.addWidget(self.list, 1)
        if ctx.profile_id is not None:
            svc = ctx.service(FollowUpService)
            pid = ctx.profile_id
            # Catch up with changes made while the app was closed (e.g. from the CLI).
            ctx.runner.run(lambda _s: svc.sync(pid), write=True, name="followups-sync")

    def edit_templates(self) -> None:
        if self.ctx.profile_id is None:
            return
        TemplatesDialog(self.ctx, self).exec()


def _factory(ctx: UiContext, _store: Any) -> QWidget:
    return FollowUpsView(ctx)


VIEW = PipelineView("followups", "Follow-ups", 30, _factory)
