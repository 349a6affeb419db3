"""Home card: readiness at a glance, kept current by the insights refresher."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from careerdesk.ui.home.cards import HomeCard


class ReadinessCard(QFrame):
    def __init__(self, ctx: Any) -> None:
        super().__init__()
        from careerdesk.ui.insights.gauge import ReadinessGauge
        from careerdesk.ui.insights.refresher import refresher_for

        self.ctx = ctx
        self.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self)
        self.gauge = ReadinessGauge()
        self.gauge.setFixedSize(150, 130)
        row.addWidget(self.gauge)
        text = QVBoxLayout()
        text.addWidget(QLabel("<b>Career readiness</b>"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        text.addWidget(self.summary)
        open_button = QPushButton("Open &Insights")
        open_button.clicked.connect(self._open)
        text.addWidget(open_button, 0, Qt.AlignmentFlag.AlignLeft)
        text.addStretch(1)
        row.addLayout(text, 1)
        refresher = refresher_for(ctx)
        refresher.computed.connect(self._on_computed)
        ctx.profile_changed.connect(lambda _pid: self.load())
        self.load()

    def load(self) -> None:
        pid = self.ctx.profile_id
        if pid is None:
            self._show(None)
            return
        from careerdesk.core.insights.service import InsightsService

        svc = self.ctx.service(InsightsService)
        self.ctx.runner.run(
            lambda _s: svc.latest(pid),
            name="readiness-card",
            on_success=lambda doc: self._show(doc) if self.ctx.profile_id == pid else None,
        )

    def _on_computed(self, result: Any) -> None:
        if result.document.profile_id == self.ctx.profile_id:
            self._show(result.document)

    def _show(self, doc: Any) -> None:
        self.ctx.screen_ready.emit("home:readiness")
        if doc is None:
            self.gauge.set_value(None)
            self.summary.setText(
                "Not calculated yet. Take an assessment and build a learning path: readiness "
                "is 70% assessments and 30% learning."
            )
            return
        r = doc.readiness
        self.gauge.set_value(r.value)
        role = doc.target_role.title if doc.target_role else "no target role yet"
        best = max(doc.companies, key=lambda c: c.probability, default=None)
        line = (
            f"Against <b>{escape(role)}</b>: assessments {r.assessment_component:.0f}, "
            f"learning path {r.learning_component:.0f}."
        )
        if doc.next_actions:
            line += f"<br>Next: {escape(doc.next_actions[0].title)}."
        if best is not None:
            line += f"<br>Best chance: {escape(best.name)} ({best.probability:.0f}%)."
        self.summary.setText(line)

    def _open(self) -> None:
        window = self.ctx.window
        if window is not None and hasattr(window, "show_tab"):
            window.show_tab("insights")


def _build(ctx: Any) -> QWidget:
    return ReadinessCard(ctx)


CARD = HomeCard(key="readiness", order=40, factory=_build)
