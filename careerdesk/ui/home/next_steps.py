"""Home's "what next" card: continue learning, the next quiz, what is coming up.

Each line is one click from doing it: resume the path item where the learner is (a video
plays in the Player at its saved position), resume or start a quiz, open an application
with an interview or a deadline soon. Loaded in the background; refreshed on the learner's
events (docs/learning.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout
from shiboken6 import isValid

from careerdesk.core.kernel.events import DomainEvent
from careerdesk.core.learning.models import PathItemView
from careerdesk.ui.common import formatting
from careerdesk.ui.common.text import local
from careerdesk.ui.shell.context import UiContext

SOON_DAYS = 14  # "coming up" looks two weeks ahead
MAX_COMING_UP = 4


@dataclass
class NextFacts:
    """What the card shows, read in one background task."""

    has_role: bool = False
    role_title: str = ""
    has_path: bool = False
    resume: PathItemView | None = None
    path_items: int = 0
    path_done: int = 0
    quiz_unfinished: tuple[int, int] | None = None  # (answered, length)
    quiz_skills: list[str] = field(default_factory=list)  # names of what the next quiz covers
    coming_up: list[tuple[datetime | date, str, int]] = field(default_factory=list)


def pick_resume_item(
    items: list[PathItemView], recent: list[int] | None = None
) -> PathItemView | None:
    """Where the learner is on the path: the started, unfinished item they touched last
    (``recent``: content ids, most recent first), else the first started one in path order,
    else the first not started; None when every item is done."""
    started = [i for i in items if i.state == "IN_PROGRESS"]
    by_id = {i.content_id: i for i in started}
    for content_id in recent or []:
        if content_id in by_id:
            return by_id[content_id]
    if started:
        return started[0]
    return next((i for i in items if i.state == "NOT_STARTED"), None)


def coming_up(rows: list[Any], now: datetime, days: int = SOON_DAYS) -> list[tuple[Any, str, int]]:
    """Interviews and application deadlines in the next ``days`` days, soonest first:
    ``(when, text, application id)``."""
    today = now.astimezone().date()
    horizon = today + timedelta(days=days)
    out: list[tuple[Any, str, int]] = []
    for row in rows:
        state = getattr(row.state, "value", str(row.state))
        if row.next_interview_at is not None and local(row.next_interview_at).date() <= horizon:
            out.append((row.next_interview_at, f"Interview · {row.title} at {row.company}", row.id))
        if (
            row.deadline is not None
            and today <= row.deadline <= horizon
            and state in {"SAVED", "APPLYING"}
        ):
            out.append((row.deadline, f"Apply by · {row.title} at {row.company}", row.id))

    def key(entry: tuple[Any, str, int]) -> date:
        when = entry[0]
        return local(when).date() if isinstance(when, datetime) else when

    return sorted(out, key=key)


def when_text(when: datetime | date, today: date) -> str:
    day = local(when).date() if isinstance(when, datetime) else when
    if day == today:
        label = "Today"
    elif day == today + timedelta(days=1):
        label = "Tomorrow"
    else:
        label = f"{day.strftime('%a')} {day.day} {day.strftime('%b')}"
    if isinstance(when, datetime):
        label += f", {local(when):%H:%M}"
    return label


class NextStepsCard(QFrame):
    """Continue learning · Next quiz · Coming up."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("What next")
        self._seq = 0
        self.facts: NextFacts | None = None
        v = QVBoxLayout(self)
        title = QLabel("What next")
        font = QFont(title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        v.addWidget(title)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)
        v.addLayout(grid)
        self.learn_text, self.learn_btn = self._row(grid, 0, "Continue learning")
        self.quiz_text, self.quiz_btn = self._row(grid, 1, "Next quiz")
        heading = self._heading("Coming up")
        grid.addWidget(heading, 2, 0, Qt.AlignmentFlag.AlignTop)
        self.soon = QLabel()
        self.soon.setWordWrap(True)
        self.soon.setTextFormat(Qt.TextFormat.PlainText)
        self.soon.setAccessibleName("Coming up")
        grid.addWidget(self.soon, 2, 1, 1, 2)
        self.learn_btn.clicked.connect(self._learn)
        self.quiz_btn.clicked.connect(self._quiz)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)  # several events of one change load once
        self._timer.timeout.connect(self.refresh)
        # Bound methods: Qt drops the connections when the card is deleted.
        ctx.profile_changed.connect(self._profile_changed)
        ctx.events.domain_event.connect(self._on_event)
        self.refresh()

    def _profile_changed(self, _pid: int) -> None:
        self.refresh()

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        return label

    def _row(self, grid: QGridLayout, row: int, heading: str) -> tuple[QLabel, QPushButton]:
        grid.addWidget(self._heading(heading), row, 0, Qt.AlignmentFlag.AlignTop)
        text = QLabel()
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setAccessibleName(heading)
        grid.addWidget(text, row, 1)
        button = QPushButton()
        grid.addWidget(button, row, 2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return text, button

    def _on_event(self, event: DomainEvent) -> None:
        if event.profile_id in (None, self.ctx.profile_id):
            self._timer.start()

    # -- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        pid = self.ctx.profile_id
        self.setVisible(pid is not None)
        if pid is None:
            return
        from careerdesk.core.assessments import AssessmentService
        from careerdesk.core.learning.service import LearningService
        from careerdesk.core.pipeline.service import ApplicationService
        from careerdesk.core.skills.service import SkillProfileService

        skills = self.ctx.service(SkillProfileService)
        learning = self.ctx.service(LearningService)
        quizzes = self.ctx.service(AssessmentService)
        pipeline = self.ctx.service(ApplicationService)
        clock = self.ctx.app.clock
        from careerdesk.core.profiles.workflow import WorkflowService

        workflow = self.ctx.service(WorkflowService)

        def load(_state: Any) -> NextFacts:
            facts = NextFacts()
            role = skills.target_role(pid)
            facts.has_role = role is not None
            facts.role_title = role.title if role is not None else ""
            items = learning.current_path_items(pid)
            facts.has_path = bool(items)
            facts.path_items = len(items)
            facts.path_done = sum(1 for i in items if i.state == "DONE")
            facts.resume = pick_resume_item(items, workflow.recent_in_progress(pid))
            unfinished = quizzes.unfinished(pid)
            if unfinished is not None:
                facts.quiz_unfinished = (unfinished.answered, unfinished.length)
            elif role is not None:
                names = quizzes.catalog.skills
                facts.quiz_skills = [
                    names[s].name if s in names else s for s in quizzes.default_skills(pid)
                ]
            facts.coming_up = coming_up(pipeline.list(pid), clock.now())[:MAX_COMING_UP]
            return facts

        self._seq += 1
        seq = self._seq
        self.ctx.runner.run(load, name="home-next", on_success=lambda f: self._show(pid, seq, f))

    def _show(self, pid: int, seq: int, facts: NextFacts) -> None:
        if not isValid(self) or pid != self.ctx.profile_id or seq != self._seq:
            return  # the card was closed meanwhile, or a newer load is on its way
        self.facts = facts
        self.ctx.screen_ready.emit("home:next")
        # Continue learning
        if not facts.has_role:
            self.learn_text.setText("Choose the job you are aiming for to get a learning path.")
            self._button(self.learn_btn, "Choose your goal…")
        elif not facts.has_path:
            self.learn_text.setText(f"Build a learning path for {facts.role_title}.")
            self._button(self.learn_btn, "Build my path")
        elif facts.resume is None:
            self.learn_text.setText(
                f"Every item on your path is done ({facts.path_done} of {facts.path_items})."
                " Take a quiz to show what you learnt."
            )
            self._button(self.learn_btn, "Open Learning")
        else:
            item = facts.resume
            verb = "Resume" if item.state == "IN_PROGRESS" else "Start"
            where = (
                f" ({formatting.share(item.watched_fraction)} watched)"
                if item.watched_fraction
                else ""
            )
            self.learn_text.setText(
                f"{item.title}{where} · {facts.path_done} of {facts.path_items} items done"
            )
            # Only what CareerDesk's player can play says "Play" (docs/packs.md); a web
            # video or page opens in the browser.
            self._button(self.learn_btn, "Play" if item.playable else verb)
            self.learn_btn.setAccessibleName(f"{verb} {item.title}")
        # Next quiz
        if facts.quiz_unfinished is not None:
            answered, length = facts.quiz_unfinished
            self.quiz_text.setText(f"You stopped a quiz part-way: {answered} of {length} answered.")
            self._button(self.quiz_btn, "Resume quiz")
        elif facts.quiz_skills:
            self.quiz_text.setText(
                f"A short quiz on {', '.join(facts.quiz_skills)} shows where you stand."
            )
            self._button(self.quiz_btn, "Take the quiz")
        else:
            self.quiz_text.setText("Choose your goal first: the quiz follows its skills.")
            self._button(self.quiz_btn, "Take a quiz")
        # Coming up
        if facts.coming_up:
            today = local(self.ctx.app.clock.now()).date()
            self.soon.setText(
                "\n".join(f"{when_text(when, today)} — {text}" for when, text, _ in facts.coming_up)
            )
        else:
            self.soon.setText("No interviews or deadlines in the next two weeks.")

    @staticmethod
    def _button(button: QPushButton, text: str) -> None:
        button.setText(text)
        button.setAccessibleName(text.rstrip("…"))

    # -- actions ---------------------------------------------------------------------------
    def _window(self) -> Any:
        return self.ctx.window

    def _learn(self) -> None:
        facts, window = self.facts, self._window()
        if facts is None or window is None:
            return
        if not facts.has_role:
            from careerdesk.ui.learning.tab import open_target_role_dialog

            open_target_role_dialog(self.ctx, self.window(), 0)
            return
        if facts.resume is None:
            learning = window.show_tab("learning")
            if not facts.has_path and hasattr(learning, "regenerate"):
                learning.regenerate()
            return
        tab = window.tab_widget("learning")  # one place decides how an item plays or opens
        if facts.resume.playable:
            tab.play(facts.resume.content_id)
        else:
            tab.open_item(facts.resume.content_id)

    def _quiz(self) -> None:
        window = self._window()
        if window is None:
            return
        try:
            window.show_tab("assessments")
        except KeyError:
            pass
