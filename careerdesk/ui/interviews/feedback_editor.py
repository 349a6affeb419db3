"""Editable per-skill feedback: strengths, weaknesses and recommendations, one per line."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.interviews.feedback import SkillFeedback
from careerdesk.core.skills.rules import INTERVIEW_SKILL_NAMES, INTERVIEW_SKILLS

LISTS = (
    ("strengths", "Strengths"),
    ("weaknesses", "Weaknesses"),
    ("recommendations", "Recommendations"),
)


class SkillFeedbackEditor(QWidget):
    """Three plain-text lists for one skill (one point per line)."""

    def __init__(self) -> None:
        super().__init__()
        form = QFormLayout(self)
        self.edits: dict[str, QPlainTextEdit] = {}
        for key, label in LISTS:
            edit = QPlainTextEdit()
            edit.setPlaceholderText("One point per line")
            edit.setTabChangesFocus(True)
            edit.setAccessibleName(label)
            edit.setFixedHeight(64)
            self.edits[key] = edit
            form.addRow(f"{label}:", edit)

    def set_feedback(self, fb: SkillFeedback | None) -> None:
        for key, edit in self.edits.items():
            edit.setPlainText("\n".join(getattr(fb, key)) if fb else "")

    def feedback(self) -> SkillFeedback:
        return SkillFeedback(
            **{
                key: [line.strip() for line in edit.toPlainText().splitlines() if line.strip()]
                for key, edit in self.edits.items()
            }
        )


class FeedbackEditor(QWidget):
    """A tab per interview skill; skills without a score are disabled (no feedback)."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.editors: dict[str, SkillFeedbackEditor] = {}
        for skill in INTERVIEW_SKILLS:
            editor = SkillFeedbackEditor()
            self.editors[skill] = editor
            self.tabs.addTab(editor, INTERVIEW_SKILL_NAMES[skill])
        layout.addWidget(self.tabs)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)

    def set_scored(self, scored: set[str]) -> None:
        for i, skill in enumerate(INTERVIEW_SKILLS):
            self.tabs.setTabEnabled(i, skill in scored)
        missing = [INTERVIEW_SKILL_NAMES[s] for s in INTERVIEW_SKILLS if s not in scored]
        self.note.setText(
            f"Not assessed in this interview (no feedback): {', '.join(missing)}."
            if missing
            else ""
        )

    def set_skills(self, skills: dict[str, SkillFeedback]) -> None:
        for skill, editor in self.editors.items():
            editor.set_feedback(skills.get(skill))

    def skills(self, scored: set[str]) -> dict[str, SkillFeedback]:
        """The edited feedback for the scored skills."""
        return {s: e.feedback() for s, e in self.editors.items() if s in scored}
