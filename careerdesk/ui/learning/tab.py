"""Learning tab: target role and self-rating, the learning path, and the gap analysis."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.assessments.events import AssessmentCompleted
from careerdesk.core.kernel.events import DataRestored, DomainEvent
from careerdesk.core.learning.events import (
    ContentCompleted,
    ContentProgressChanged,
    LearningPathChanged,
)
from careerdesk.core.learning.service import LearningPathView, LearningService
from careerdesk.core.player.events import VideoProgressed
from careerdesk.core.profiles.events import ProfileUpdated
from careerdesk.core.skills.events import TargetRoleChanged
from careerdesk.core.skills.gaps import GapAnalysis, GapAnalysisService
from careerdesk.core.skills.service import SkillProfileService
from careerdesk.ui.common import desktop, theme
from careerdesk.ui.learning.gap_panel import GapPanel
from careerdesk.ui.learning.path_view import PathPanel
from careerdesk.ui.shell.context import UiContext
from careerdesk.ui.shell.tabs import TabSpec

if TYPE_CHECKING:
    from careerdesk.ui.shell.main_window import MainWindow

REFRESH_ON = (
    AssessmentCompleted,
    ContentCompleted,
    ContentProgressChanged,
    DataRestored,
    LearningPathChanged,
    ProfileUpdated,
    TargetRoleChanged,
    VideoProgressed,
)


@runtime_checkable
class _Player(Protocol):
    """What the Player tab offers other tabs (see careerdesk/ui/player/tab.py)."""

    def play(self, content_ids: list[int], start: int = 0) -> None: ...


def open_target_role_dialog(ctx: UiContext, parent: QWidget | None, page: int = 0) -> None:
    """The two-step target role / self-rating dialog for the current learner."""
    from careerdesk.ui.skills.target_role_dialog import TargetRoleDialog

    if ctx.profile_id is not None:
        TargetRoleDialog(ctx, ctx.profile_id, parent, page=page).exec()


class LearningTab(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.learning = ctx.service(LearningService)
        self.gaps = ctx.service(GapAnalysisService)
        self._show_changes = False
        self._load_seq = 0  # only the latest load is shown (loads run in parallel)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)

        header = QHBoxLayout()
        header.addWidget(QLabel("<h2 style='margin:0'>Learning</h2>"))
        self.role_label = QLabel()
        header.addWidget(self.role_label, 1)
        self.role_btn = QPushButton("Change goal…")
        self.rate_btn = QPushButton("Rate my skills…")
        self.role_btn.clicked.connect(lambda: open_target_role_dialog(self.ctx, self, 0))
        self.rate_btn.clicked.connect(lambda: open_target_role_dialog(self.ctx, self, 1))
        header.addWidget(self.role_btn)
        header.addWidget(self.rate_btn)
        outer.addLayout(header)

        self.first_run = QFrame()
        self.first_run.setObjectName("firstRun")
        theme.set_notice(self.first_run, "info")
        f = QVBoxLayout(self.first_run)
        intro = QLabel(
            "<h3>Start here: choose the job you are aiming for</h3>"
            "CareerDesk compares your skills with what that job needs and builds a learning "
            "path of free material for the gaps. Then rate yourself on its skills: short "
            "quizzes refine this later."
        )
        intro.setWordWrap(True)
        self.choose_btn = QPushButton("Choose my goal…")
        self.choose_btn.setAccessibleName("Choose my goal")
        self.choose_btn.clicked.connect(lambda: open_target_role_dialog(self.ctx, self, 0))
        f.addWidget(intro)
        f.addWidget(self.choose_btn)
        self.first_run.setVisible(False)  # until the first load says there is no role
        outer.addWidget(self.first_run)

        self.split = QSplitter()
        self.path_panel = PathPanel()
        self.gap_panel = GapPanel()
        self.split.addWidget(self.path_panel)
        self.split.addWidget(self.gap_panel)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setSizes([700, 420])
        outer.addWidget(self.split, 1)
        self.no_profile = QLabel("Open or create a profile to see its learning path.")
        outer.addWidget(self.no_profile)

        pp = self.path_panel
        pp.build_btn.setEnabled(False)
        pp.regenerate_clicked.connect(self.regenerate)
        pp.open_clicked.connect(self.open_item)
        pp.play_clicked.connect(self.play)
        pp.state_clicked.connect(self.set_state)
        self.gap_panel.ai_requested.connect(self.ask_ai)
        ctx.profile_changed.connect(lambda _pid: self.refresh())
        ctx.events.domain_event.connect(self._on_event)
        self.refresh()

    # -- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload role, path and offline gap analysis in the background."""
        pid = self.ctx.profile_id
        self.no_profile.setVisible(pid is None)
        for w in (self.split, self.role_btn, self.rate_btn, self.role_label):
            w.setVisible(pid is not None)
        if pid is None:
            self.first_run.setVisible(False)
            return
        self.gap_panel.set_ai_available(self.ctx.app.ai.available())
        learning, gaps = self.learning, self.gaps
        skills = self.ctx.service(SkillProfileService)

        def load(_state: Any) -> dict[str, Any]:
            return {
                "role": skills.target_role(pid),
                "path": learning.current_path(pid),
                "analysis": gaps.analyse(pid),
            }

        self._load_seq += 1
        seq = self._load_seq
        self.ctx.runner.run(
            load, name="learning-load", on_success=lambda d: self._loaded(pid, seq, d)
        )

    def _loaded(self, pid: int, seq: int, data: dict[str, Any]) -> None:
        if pid != self.ctx.profile_id or seq != self._load_seq:
            return
        role = data["role"]
        self.first_run.setVisible(role is None)
        # No goal yet: one way forward (the box above), not empty panels and greyed buttons.
        for widget in (self.split, self.role_btn, self.rate_btn):
            widget.setVisible(role is not None)
        self.role_label.setText(f"Your goal: <b>{role.title}</b>" if role else "No goal chosen yet")
        self.role_btn.setText("Change goal…" if role else "Choose your goal…")
        self.path_panel.show_path(data["path"], show_changes=self._show_changes)
        self.path_panel.build_btn.setEnabled(role is not None)
        current = self.gap_panel.analysis
        analysis: GapAnalysis | None = data["analysis"]
        # Keep an AI analysis on screen while it still describes the same role.
        if not (
            current and current.source == "ai" and analysis and current.role_id == analysis.role_id
        ):
            self.gap_panel.show_analysis(analysis)

    def _on_event(self, event: DomainEvent) -> None:
        if event.profile_id in (None, self.ctx.profile_id) and isinstance(event, REFRESH_ON):
            if isinstance(event, AssessmentCompleted | TargetRoleChanged | ProfileUpdated):
                self.gap_panel.analysis = None  # levels changed: an AI text is out of date
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        # A key may have been added in Settings meanwhile.
        super().showEvent(event)
        if self.ctx.profile_id is not None:
            self.gap_panel.set_ai_available(self.ctx.app.ai.available())

    # -- actions ---------------------------------------------------------------------------
    def regenerate(self) -> None:
        """Build a new path snapshot; afterwards the what-changed summary is shown."""
        pid = self.ctx.profile_id
        if pid is None:
            return
        learning = self.learning
        self.path_panel.set_busy(True)
        self.ctx.status("Building your learning path…", 0)

        def done(path: LearningPathView) -> None:
            self.path_panel.set_busy(False)
            self._show_changes = True
            if pid == self.ctx.profile_id:
                self.path_panel.show_path(path, show_changes=True)
            if path.changes is not None:
                self.ctx.status(f"Learning path updated: {path.changes.describe()}", 10000)

        def failed(exc: BaseException) -> None:
            self.path_panel.set_busy(False)
            self.ctx.status("", 1)
            self.ctx.report(exc)

        self.ctx.runner.run(
            lambda _s: learning.generate_path(pid),
            name="generate-path",
            write=True,
            on_success=done,
            on_error=failed,
        )

    def open_item(self, content_id: int) -> None:
        """Mark the item in progress (logged as opened) and open it in the browser."""
        pid = self.ctx.profile_id
        if pid is None:
            return
        learning = self.learning

        def opened(target: str | None) -> None:
            if target:  # a web page, or a local file (safe documents only); refused in a kiosk
                desktop.open_url(target, self)

        self.ctx.runner.run_write(
            lambda: learning.open_item(pid, content_id), name="open-item", on_success=opened
        )

    def play(self, content_id: int) -> None:
        """Play an item in the Player tab, with the path's other playable items as its
        playlist; without a player, open it instead."""
        window = self.ctx.window
        try:
            player = window.show_tab("player") if window is not None else None
        except KeyError:
            player = None
        path = self.path_panel.path
        ids = [i.content_id for i in path.items if i.playable] if path is not None else []
        if content_id not in ids:
            ids = [content_id]
        if isinstance(player, _Player):
            player.play(ids, ids.index(content_id))
        else:
            self.open_item(content_id)

    def set_state(self, content_id: int, state: str) -> None:
        pid = self.ctx.profile_id
        if pid is None:
            return
        learning = self.learning
        self.ctx.runner.run_write(
            lambda: learning.set_state(pid, content_id, state), name="set-item-state"
        )

    def ask_ai(self) -> None:
        pid = self.ctx.profile_id
        if pid is None:
            return
        gaps = self.gaps
        self.gap_panel.set_busy(True)

        def done(analysis: GapAnalysis | None) -> None:
            self.gap_panel.set_busy(False)
            self.gap_panel.set_ai_available(self.ctx.app.ai.available())
            if pid == self.ctx.profile_id:
                self.gap_panel.show_analysis(analysis)

        def failed(exc: BaseException) -> None:
            self.gap_panel.set_busy(False)
            self.gap_panel.set_ai_available(self.ctx.app.ai.available())
            self.ctx.report(exc)

        self.ctx.runner.run(
            lambda _s: gaps.analyse_with_ai(pid), name="ai-gaps", on_success=done, on_error=failed
        )


def _install_actions(window: MainWindow, ctx: UiContext) -> None:
    # File → Import → Content pack… (a pack's items go into learning paths).
    from careerdesk.ui.learning.packs import install_pack_import

    install_pack_import(window, ctx)


TAB = TabSpec(
    key="learning",
    title="Learning",
    order=20,
    factory=LearningTab,
    install_actions=_install_actions,
)
