"""Home card: the learner's target role, where they stand, and the next learning step."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from careerdesk.core.assessments.events import AssessmentCompleted
from careerdesk.core.kernel.events import DataRestored, DomainEvent
from careerdesk.core.learning.events import ContentProgressChanged, LearningPathChanged
from careerdesk.core.learning.service import LearningService
from careerdesk.core.profiles.events import ProfileUpdated
from careerdesk.core.skills.events import TargetRoleChanged
from careerdesk.core.skills.gaps import GapAnalysisService
from careerdesk.ui.common.text import rich
from careerdesk.ui.home.cards import HomeCard
from careerdesk.ui.shell.context import UiContext

REFRESH_ON = (
    AssessmentCompleted,
    ContentProgressChanged,
    LearningPathChanged,
    ProfileUpdated,
    TargetRoleChanged,
)


class TargetRoleCard(QFrame):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._load_seq = 0  # only the latest load is shown (loads run in parallel)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        v = QVBoxLayout(self)
        v.addWidget(QLabel("<b>Your goal</b>"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        v.addWidget(self.text)
        row = QHBoxLayout()
        self.role_btn = QPushButton("Choose your goal…")
        self.rate_btn = QPushButton("Rate my skills…")
        self.test_btn = QPushButton("Take a quiz")
        self.path_btn = QPushButton("Open learning path")
        for b in (self.role_btn, self.rate_btn, self.test_btn, self.path_btn):
            b.setAccessibleName(b.text().rstrip("…"))
            row.addWidget(b)
        row.addStretch(1)
        v.addLayout(row)
        self.role_btn.clicked.connect(lambda: self._dialog(0))
        self.rate_btn.clicked.connect(lambda: self._dialog(1))
        self.test_btn.clicked.connect(lambda: self._show_tab("assessments"))
        self.path_btn.clicked.connect(lambda: self._show_tab("learning"))
        ctx.profile_changed.connect(lambda _pid: self.refresh())
        ctx.events.domain_event.connect(self._on_event)
        self.refresh()

    def _dialog(self, page: int) -> None:
        from careerdesk.ui.learning.tab import open_target_role_dialog

        open_target_role_dialog(self.ctx, self.window(), page)

    def _show_tab(self, key: str) -> None:
        window = self.ctx.window
        if window is None:
            return
        try:
            window.show_tab(key)
        except KeyError:  # no such tab (an advisor-only one in a learner's session)
            pass

    def _on_event(self, event: DomainEvent) -> None:
        if isinstance(event, DataRestored) or (
            event.profile_id == self.ctx.profile_id and isinstance(event, REFRESH_ON)
        ):
            self.refresh()

    def refresh(self) -> None:
        pid = self.ctx.profile_id
        self.setVisible(pid is not None)
        if pid is None:
            return
        gaps = self.ctx.service(GapAnalysisService)
        learning = self.ctx.service(LearningService)

        def load(_state: Any) -> tuple[Any, tuple[int, int]]:
            return gaps.analyse(pid), learning.path_counts(pid)

        self._load_seq += 1
        seq = self._load_seq
        self.ctx.runner.run(
            load, name="home-target-role", on_success=lambda r: self._show(pid, seq, r)
        )

    def _show(self, pid: int, seq: int, result: tuple[Any, tuple[int, int]]) -> None:
        if pid != self.ctx.profile_id or seq != self._load_seq:
            return
        self.ctx.screen_ready.emit("home:target_role")
        analysis, (items, done) = result
        has_role = analysis is not None
        self.rate_btn.setEnabled(has_role)
        self.role_btn.setText("Change goal…" if has_role else "Choose your goal…")
        if not has_role:
            self.text.setText(
                "Pick the job you are aiming for, then rate yourself on its skills: CareerDesk "
                "turns the gaps into quizzes and a learning path."
            )
            return
        n = len(analysis.gaps)
        path = f"Learning path: {done} of {items} items done." if items else "No learning path yet."
        self.text.setText(
            f"Aiming for <b>{rich(analysis.role_title)}</b>: {analysis.met} of {n} skill levels "
            f"met, about {analysis.total_hours:.0f} hours of study to close the gaps. {path}"
        )


def _factory(ctx: UiContext) -> QWidget:
    return TargetRoleCard(ctx)


# Below readiness and "What next" (ui/home/next_steps.py): the goal is set once, seldom changed.
CARD = HomeCard(key="target_role", order=50, factory=_factory)
