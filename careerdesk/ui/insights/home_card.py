"""Home card: readiness and its trend at the top of Home, kept current by the insights
refresher; a new learner sees what to do instead of a zero."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from shiboken6 import isValid

from careerdesk.ui.home.cards import HomeCard


class ReadinessCard(QFrame):
    """Readiness for the learner's goal with its trend, or what to do to get one."""

    def __init__(self, ctx: Any) -> None:
        super().__init__()
        from careerdesk.ui.insights.gauge import ReadinessGauge
        from careerdesk.ui.insights.refresher import refresher_for

        self.ctx = ctx
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Your readiness")
        row = QHBoxLayout(self)
        self.gauge = ReadinessGauge()
        self.gauge.setFixedSize(150, 130)
        row.addWidget(self.gauge)
        text = QVBoxLayout()
        self.title = QLabel("Your readiness")
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        text.addWidget(self.title)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        text.addWidget(self.summary)
        buttons = QHBoxLayout()
        self.action_btn = QPushButton("Take a short quiz")
        self.action_btn.setAccessibleName("Take a short quiz")
        self.action_btn.clicked.connect(self._act)
        self.open_button = QPushButton("See &Insights")
        self.open_button.setAccessibleName("See Insights")
        self.open_button.clicked.connect(self._open)
        buttons.addWidget(self.action_btn)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        text.addLayout(buttons)
        text.addStretch(1)
        row.addLayout(text, 1)
        self._action_tab = "assessments"
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
        from careerdesk.core.insights.trend import readiness_trend

        svc = self.ctx.service(InsightsService)

        def work(_s: Any) -> tuple[Any, Any]:
            return svc.latest(pid), readiness_trend(svc.history(pid, limit=60))

        self.ctx.runner.run(
            work,
            name="readiness-card",
            on_success=lambda r: (
                self._show(*r) if isValid(self) and self.ctx.profile_id == pid else None
            ),
        )

    def _on_computed(self, result: Any) -> None:
        if result.document.profile_id == self.ctx.profile_id:
            self.load()  # the trend needs the stored history too

    def _show(self, doc: Any, trend: Any = None) -> None:
        self.ctx.screen_ready.emit("home:readiness")
        self.action_btn.setVisible(True)
        if doc is None or doc.target_role is None or not doc.target_role.chosen:
            # No goal yet: a number would only be a zero.
            self.gauge.setVisible(False)
            self.title.setText("Your readiness")
            self.summary.setText(
                "Choose the job you are aiming for, then take a short quiz to see where you stand."
            )
            self._set_action("Choose your goal…", "learning")
            return
        r = doc.readiness
        role = doc.target_role.title
        if r.measured_skills == 0 and r.path_items_done == 0:
            self.gauge.setVisible(False)
            self.title.setText(f"Your readiness for {role}")
            self.summary.setText(
                "Take a short quiz to see where you stand: it measures the skills this job "
                "needs and gives you a readiness score."
            )
            self._set_action("Take a short quiz", "assessments")
            return
        self.gauge.setVisible(True)
        self.gauge.set_value(r.value)
        self.title.setText(f"Your readiness for {role}: {r.value:.0f} of 100")
        lines = []
        if trend is not None:
            change, since = trend
            when = f"{since.day} {since:%b}"
            if round(change) > 0:
                lines.append(f"Up {change:.0f} since {when}.")
            elif round(change) < 0:
                lines.append(f"Down {-change:.0f} since {when}.")
            else:
                lines.append(f"No change since {when}.")
        if doc.next_actions:
            best = doc.next_actions[0]
            gain = f" (+{best.readiness_gain:.0f})" if best.readiness_gain >= 0.5 else ""
            lines.append(f"What raises it most: {best.title}{gain}.")
        self.summary.setText("\n".join(lines))
        self.action_btn.setVisible(False)

    def _set_action(self, text: str, tab: str) -> None:
        self.action_btn.setText(text)
        self.action_btn.setAccessibleName(text.rstrip("…"))
        self._action_tab = tab

    def _act(self) -> None:
        if self._action_tab == "learning":
            from careerdesk.ui.learning.tab import open_target_role_dialog

            open_target_role_dialog(self.ctx, self.window(), 0)
            return
        window = self.ctx.window
        if window is not None and hasattr(window, "show_tab"):
            try:
                window.show_tab(self._action_tab)
            except KeyError:
                pass

    def _open(self) -> None:
        window = self.ctx.window
        if window is not None and hasattr(window, "show_tab"):
            window.show_tab("insights")


def _build(ctx: Any) -> QWidget:
    return ReadinessCard(ctx)


CARD = HomeCard(key="readiness", order=0, factory=_build)  # at the top of Home
