"""Home: the learner's summary and the workflow progress bar (docs/learning.md)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kernel.events import DomainEvent
from careerdesk.core.profiles.workflow import WorkflowService, WorkflowStatus
from careerdesk.ui.common import theme
from careerdesk.ui.home.cards import discover_cards
from careerdesk.ui.shell.context import UiContext
from careerdesk.ui.shell.tabs import TabSpec

# Chip styles readable on light and dark palettes (explicit text colour on a solid fill,
# palette colours for the rest).
_STEP_STYLE = {
    "done": "QLabel { background: %(success_fill)s; color: %(on_success)s; border-radius: 6px;"
    " padding: 6px; }",
    "current": "QLabel { border: 2px solid %(accent)s; border-radius: 6px; padding: 5px; }",
    "todo": "QLabel { border: 1px solid palette(mid); border-radius: 6px; padding: 6px; }",
}


class WorkflowBar(QFrame):
    """Five steps with ticks, a percentage bar and what to do next."""

    def __init__(self) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        title = QLabel("<b>Your progress</b>")
        layout.addWidget(title)
        self.steps_row = QHBoxLayout()
        self.step_labels: list[QLabel] = []
        layout.addLayout(self.steps_row)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setFormat("%p%")
        layout.addWidget(self.bar)
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        layout.addWidget(self.next_label)

    def show_status(self, status: WorkflowStatus) -> None:
        while len(self.step_labels) < len(status.steps):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            self.step_labels.append(label)
            self.steps_row.addWidget(label, 1)
        for number, (label, step) in enumerate(
            zip(self.step_labels, status.steps, strict=False), 1
        ):
            current = step.name == status.current
            mark = "✔" if step.done else str(number)
            label.setText(f"<b>{mark}</b><br>{step.name}")
            label.setStyleSheet(
                _STEP_STYLE["done" if step.done else "current" if current else "todo"]
                % {
                    "success_fill": theme.STATUS_HUES["DONE"],
                    "on_success": theme.text_on(theme.STATUS_HUES["DONE"]),
                    "accent": theme.hex_of("accent"),
                }
            )
            label.setAccessibleName(f"{step.name}: {'done' if step.done else 'not yet'}")
        self.bar.setValue(status.percent)
        self.next_label.setText(status.hint if status.current == "Done" else f"Next: {status.hint}")


def role_titles(role_ids: tuple[str, ...]) -> list[str]:
    """Catalogue titles for role ids (an id no longer in the catalogue is shown as is)."""
    from careerdesk.core.reference.catalog import load_catalog

    roles = load_catalog().roles
    return [roles[r].title if r in roles else r for r in role_ids]


class HomeTab(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(14)

        self.greeting = QLabel()
        self.greeting.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.greeting)

        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        empty_text = QLabel(
            "No profile is open. Create a profile for yourself (or a learner) to start: "
            "CareerDesk keeps each person's assessments, learning and applications apart."
        )
        empty_text.setWordWrap(True)
        choose = QPushButton("Choose or create a profile…")
        choose.clicked.connect(self._switch_profile)
        empty_layout.addWidget(empty_text)
        empty_layout.addWidget(choose, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.empty)

        self.content = QWidget()
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        self.workflow = WorkflowBar()
        content_layout.addWidget(self.workflow)

        self.details = QFrame()
        self.details.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self.details)
        grid.addWidget(QLabel("<b>About you</b>"), 0, 0, 1, 2)
        self.detail_labels: dict[str, QLabel] = {}
        for row, (key, label) in enumerate(
            (
                ("target", "Target role"),
                ("location", "Location"),
                ("study", "Study"),
                ("interests", "Interests"),
            ),
            start=1,
        ):
            grid.addWidget(QLabel(f"{label}:"), row, 0, Qt.AlignmentFlag.AlignTop)
            value = QLabel()
            value.setWordWrap(True)
            self.detail_labels[key] = value
            grid.addWidget(value, row, 1)
        edit = QPushButton("Edit profile…")
        edit.clicked.connect(self._edit_profile)
        grid.addWidget(edit, 5, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(1, 1)
        content_layout.addWidget(self.details)

        # The Home is "on screen with its data" once its progress and every card have shown
        # what they load in the background (start-up timing, docs/performance.md).
        self._parts: set[str] = {"home:workflow"}
        for card in discover_cards():
            self._parts.add(f"home:{card.key}")
            content_layout.addWidget(card.factory(ctx))
        content_layout.addStretch(1)
        layout.addWidget(self.content)
        layout.addStretch(1)

        self._shown: set[str] = set()
        ctx.screen_ready.connect(self._part_shown)
        ctx.profile_changed.connect(lambda _pid: self.refresh())
        ctx.events.domain_event.connect(self._on_event)
        self.refresh()

    def _on_event(self, event: DomainEvent) -> None:
        if event.profile_id in (None, self.ctx.profile_id):
            self.refresh()

    def refresh(self) -> None:
        self._shown = set()
        profile = self.ctx.profile()
        self.empty.setVisible(profile is None)
        self.content.setVisible(profile is not None)
        if profile is None:
            self.greeting.setText("<h2>Welcome to CareerDesk</h2>")
            self.ctx.screen_ready.emit("home:workflow")
            return
        first = (profile.full_name or profile.name).split()[0]
        self.greeting.setText(f"<h2>Hello, {escape(first)}</h2>")  # a name is plain text
        dash = "—"
        role_ids = tuple(profile.target_role_ids)
        self.detail_labels["target"].setText(
            ", ".join(role_ids) or "not chosen yet (pick one in Learning)"
        )
        if role_ids:
            # Titles come from the catalogue, loaded off the GUI thread on first use.
            self.ctx.runner.run(
                lambda _s: role_titles(role_ids),
                name="role-titles",
                on_success=lambda titles: (
                    self.detail_labels["target"].setText(", ".join(titles))
                    if self.ctx.profile_id == profile.id
                    else None
                ),
            )
        self.detail_labels["location"].setText(profile.location or dash)
        self.detail_labels["study"].setText(profile.field_of_study or dash)
        self.detail_labels["interests"].setText(profile.interests or dash)
        workflow = self.ctx.service(WorkflowService)
        pid = profile.id
        self.ctx.runner.run(
            lambda _s: workflow.status(pid),
            name="workflow",
            on_success=lambda status: self._show_workflow(pid, status),
        )

    def _show_workflow(self, pid: int, status: WorkflowStatus) -> None:
        if self.ctx.profile_id != pid:
            return
        self.workflow.show_status(status)
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

    def _switch_profile(self) -> None:
        window = self.ctx.window
        if window is not None and hasattr(window, "switch_profile"):
            window.switch_profile()


TAB = TabSpec(key="home", title="Home", order=0, factory=HomeTab)
