"""Home: what to do next, readiness first, and the learner's own milestones (docs/learning.md)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kernel.events import DomainEvent
from careerdesk.core.profiles.milestones import Milestones, compute_milestones
from careerdesk.core.profiles.workflow import WorkflowService
from careerdesk.ui.common.scroll import scrolled_column
from careerdesk.ui.home.cards import HomeCard, discover_cards
from careerdesk.ui.home.next_steps import NextStepsCard
from careerdesk.ui.shell.context import UiContext
from careerdesk.ui.shell.tabs import TabSpec

# Home's own "what next" card sits among the features' cards: readiness (0) above it,
# follow-ups (30) and the learner's goal below.
NEXT_STEPS = HomeCard(key="next", order=20, factory=NextStepsCard)


class MilestonesBar(QFrame):
    """The learner's own milestones (first quiz, first item done, …), ticked as reached."""

    def __init__(self) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Your milestones")
        layout = QVBoxLayout(self)
        self.title = QLabel("Your milestones")
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.steps_row = QHBoxLayout()
        self.step_labels: list[QLabel] = []
        layout.addLayout(self.steps_row)
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        layout.addWidget(self.next_label)
        self.milestones: Milestones | None = None

    def show_milestones(self, milestones: Milestones) -> None:
        self.milestones = milestones
        while len(self.step_labels) < len(milestones.items):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.step_labels.append(label)
            self.steps_row.addWidget(label, 1)
        for label, item in zip(self.step_labels, milestones.items, strict=False):
            label.setText(f"{'✔' if item.done else '○'}  {item.name}")
            font = QFont(label.font())
            font.setBold(item.done)  # emphasis by weight, colours come from the theme
            label.setFont(font)
            label.setAccessibleName(f"{item.name}: {'reached' if item.done else 'not yet'}")
        self.title.setText(
            f"Your milestones · {milestones.reached} of {len(milestones.items)} reached"
        )
        self.next_label.setText(
            f"Next: {milestones.next_hint}" if milestones.next_hint else "Every milestone reached."
        )


def role_titles(role_ids: tuple[str, ...]) -> list[str]:
    """Catalogue titles for role ids (an id no longer in the catalogue is shown as is)."""
    from careerdesk.core.reference.catalog import load_catalog

    roles = load_catalog().roles
    return [roles[r].title if r in roles else r for r in role_ids]


class HomeTab(QWidget):
    """What to do next: readiness, continue learning, the next quiz, follow-ups, what is
    coming up, and the learner's own milestones. Profile facts live in the profile dialog."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = scrolled_column(QVBoxLayout(self), margins=(24, 18), spacing=14)

        top = QHBoxLayout()
        self.greeting = QLabel()
        font = QFont(self.greeting.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.greeting.setFont(font)
        self.greeting.setTextFormat(Qt.TextFormat.PlainText)  # a name is plain text
        top.addWidget(self.greeting, 1)
        self.edit_btn = QPushButton("Edit profile…")
        self.edit_btn.setAccessibleName("Edit profile")
        self.edit_btn.clicked.connect(self._edit_profile)
        top.addWidget(self.edit_btn)
        layout.addLayout(top)

        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        empty_text = QLabel(
            "No profile is open. Set one up for yourself in four short steps, or open one "
            "that already exists."
        )
        empty_text.setWordWrap(True)
        row = QHBoxLayout()
        self.setup_btn = QPushButton("Set up my profile…")
        self.setup_btn.setAccessibleName("Set up my profile")
        self.setup_btn.clicked.connect(self._set_up)
        choose = QPushButton("Open a profile…")
        choose.setAccessibleName("Open a profile")
        choose.clicked.connect(self._switch_profile)
        row.addWidget(self.setup_btn)
        row.addWidget(choose)
        row.addStretch(1)
        empty_layout.addWidget(empty_text)
        empty_layout.addLayout(row)
        layout.addWidget(self.empty)

        self.content = QWidget()
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.setSpacing(14)
        # The Home is "on screen with its data" once its milestones and every card have
        # shown what they load in the background (start-up timing, docs/performance.md).
        self._parts: set[str] = {"home:workflow"}
        cards = sorted([*discover_cards(), NEXT_STEPS], key=lambda c: (c.order, c.key))
        self.cards: dict[str, QWidget] = {}
        self._content_layout = content_layout
        self.workflow = MilestonesBar()
        content_layout.addWidget(self.workflow)
        content_layout.addStretch(1)
        for card in cards:
            self._parts.add(f"home:{card.key}")
        # At start-up (the window wired one step per event-loop turn, behind the Home as
        # last shown or "Opening your data…") each card is built in a turn of its own: the
        # window takes these steps (MainWindow._build_current); otherwise all are built now.
        self.deferred: list[Callable[[], None]] = [partial(self._add_card, c) for c in cards]
        if getattr(ctx.window, "populate_in_turns", False):
            QTimer.singleShot(0, self._build_deferred)  # if nobody took them
        else:
            self._build_deferred()
        layout.addWidget(self.content)
        layout.addStretch(1)

        self._shown: set[str] = set()
        ctx.screen_ready.connect(self._part_shown)
        ctx.profile_changed.connect(self._profile_changed)
        ctx.events.domain_event.connect(self._on_event)
        self.refresh()

    def _add_card(self, card: HomeCard) -> None:
        widget = card.factory(self.ctx)
        self.cards[card.key] = widget
        # Cards in order, above the milestones bar and the closing stretch.
        self._content_layout.insertWidget(self._content_layout.count() - 2, widget)

    def _build_deferred(self) -> None:
        steps, self.deferred = self.deferred, []
        for step in steps:
            step()

    def _on_event(self, event: DomainEvent) -> None:
        if event.profile_id in (None, self.ctx.profile_id):
            self.refresh()

    def _profile_changed(self, _pid: object) -> None:
        # Another learner: every part must show their data before the Home counts as shown.
        # (A refresh after an event does not start over: the cards that did not change do
        # not load again, so they would never report a second time.)
        self._shown = set()
        self.refresh()

    def refresh(self) -> None:
        profile = self.ctx.profile()
        self.empty.setVisible(profile is None)
        self.content.setVisible(profile is not None)
        self.edit_btn.setVisible(profile is not None and not self.ctx.kiosk)
        if profile is None:
            self.greeting.setText("No profile open")
            self.ctx.screen_ready.emit("home:workflow")
            return
        first = (profile.full_name or profile.name).split()[0]
        self.greeting.setText(f"Hello, {first}")
        workflow = self.ctx.service(WorkflowService)
        from careerdesk.core.pipeline.service import ApplicationService

        pipeline = self.ctx.service(ApplicationService)
        pid = profile.id

        def load(_s: object) -> Milestones:
            applications = sum(pipeline.counts(pid).values())
            return compute_milestones(workflow.facts(pid), applications)

        self.ctx.runner.run(
            load, name="milestones", on_success=lambda m: self._show_milestones(pid, m)
        )

    def _show_milestones(self, pid: int, milestones: Milestones) -> None:
        if self.ctx.profile_id != pid:
            return
        self.workflow.show_milestones(milestones)
        self.ctx.screen_ready.emit("home:workflow")

    def _part_shown(self, key: str) -> None:
        if key not in self._parts or self._shown >= self._parts:
            return
        self._shown.add(key)
        if self._shown >= self._parts:
            self.ctx.screen_ready.emit("home")

    def _edit_profile(self) -> None:
        from careerdesk.ui.profiles.details_dialog import ProfileDetailsDialog

        if self.ctx.profile_id is not None:
            ProfileDetailsDialog(self.ctx, self.ctx.profile_id, self).exec()

    def _set_up(self) -> None:
        from careerdesk.ui.profiles.first_run import start_first_run

        start_first_run(self.ctx, self.window(), first_start=not self.ctx.app.profiles.list())

    def _switch_profile(self) -> None:
        window = self.ctx.window
        if window is not None and hasattr(window, "switch_profile"):
            window.switch_profile()


TAB = TabSpec(key="home", title="Home", order=0, factory=HomeTab)
