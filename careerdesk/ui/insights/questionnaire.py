"""The interest questionnaire: 36 statements on a 5-point scale, scored like O*NET's."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QProgressBar,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from careerdesk.ui.shell.context import UiContext


class QuestionnaireDialog(QDialog):
    """Answer every statement; Save scores and stores them (in the background)."""

    def __init__(
        self,
        ctx: UiContext,
        profile_id: int,
        parent: QWidget | None = None,
        answers: dict[str, int] | None = None,
    ) -> None:
        super().__init__(parent)
        from careerdesk.core.insights.interests import questionnaire

        self.ctx = ctx
        self.profile_id = profile_id
        self.q = questionnaire()
        self.saved: Any = None
        self.setWindowTitle("What do you like doing?")
        self.resize(760, 640)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "How much would you like doing each activity? Don't think about training, "
            "money or whether you could do it now — only whether you would enjoy it. "
            f"There are {len(self.q.items)} short statements; your answers show which kinds "
            "of work suit you, and CareerDesk suggests careers from them."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        grid = QGridLayout(body)
        grid.setHorizontalSpacing(10)
        for col, label in enumerate(self.q.scale, start=1):
            head = QLabel(f"<small>{label}</small>")
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            head.setWordWrap(True)
            grid.addWidget(head, 0, col)
        self.groups: dict[str, QButtonGroup] = {}
        for row, item in enumerate(self.q.items, start=1):
            text = QLabel(f"{row}. {item.text}")
            text.setWordWrap(True)
            grid.addWidget(text, row, 0)
            group = QButtonGroup(self)
            for value in range(1, len(self.q.scale) + 1):
                button = QRadioButton()
                button.setAccessibleName(f"{item.text}: {self.q.scale[value - 1]}")
                group.addButton(button, value)
                grid.addWidget(button, row, value, Qt.AlignmentFlag.AlignCenter)
            group.idClicked.connect(lambda _v: self._update_progress())
            self.groups[item.id] = group
        grid.setColumnStretch(0, 1)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        self.progress = QProgressBar()
        self.progress.setRange(0, len(self.q.items))
        self.progress.setFormat("%v of %m answered")
        layout.addWidget(self.progress)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for item_id, value in (answers or {}).items():
            answered = self.groups.get(item_id)
            choice = answered.button(int(value)) if answered is not None else None
            if choice is not None:
                choice.setChecked(True)
        self._update_progress()

    def answers(self) -> dict[str, int]:
        return {k: g.checkedId() for k, g in self.groups.items() if g.checkedId() > 0}

    def set_answer(self, item_id: str, value: int) -> None:
        """Tick one answer (keyboard users and tests)."""
        self.groups[item_id].button(value).setChecked(True)
        self._update_progress()

    def _update_progress(self) -> None:
        answered = len(self.answers())
        self.progress.setValue(answered)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(answered == len(self.q.items))
        save.setToolTip("" if save.isEnabled() else "Answer every statement to save")

    def _save(self) -> None:
        from careerdesk.core.insights.interests import InterestService

        svc = self.ctx.service(InterestService)
        answers = self.answers()
        self.buttons.setEnabled(False)

        def done(profile: Any) -> None:
            self.saved = profile
            self.accept()

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            self.ctx.report(exc)

        self.ctx.runner.run(
            lambda _s: svc.save_answers(self.profile_id, answers),
            name="save-interests",
            write=True,
            on_success=done,
            on_error=failed,
        )
