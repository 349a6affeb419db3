"""The interview-practice list of the Skill charts tab, with the selected one's feedback."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.interviews.service import (
    KIND_LABELS,
    InterviewPractice,
    InterviewPracticeService,
)
from careerdesk.core.skills.rules import INTERVIEW_SKILL_NAMES, INTERVIEW_SKILLS
from careerdesk.ui.common import formatting
from careerdesk.ui.shell.context import UiContext

SHORT = {
    "communication": "Comm",
    "technical": "Tech",
    "problem_solving": "Prob",
    "code_quality": "Code",
}


class PracticePanel(QWidget):
    """Lists practices (newest first); add, edit and delete them; shows the feedback."""

    changed = Signal()

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.practices: list[InterviewPractice] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        head = QHBoxLayout()
        head.addWidget(QLabel("<b>Interview practice</b>"))
        head.addStretch(1)
        self.add_button = QPushButton("&Record practice…")
        self.add_button.setToolTip("Record a mock or real interview (Ctrl+Shift+I)")
        self.add_button.clicked.connect(self.add)
        head.addWidget(self.add_button)
        layout.addLayout(head)

        self.stack = QStackedWidget()
        self.empty = QLabel(
            "No interview practice recorded yet.\n\nRecord a mock or real interview with your "
            "scores for communication, technical skill, problem solving and code quality, and "
            "your notes: you get feedback per skill, and your progress shows in the charts."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels(["Date", "Interview", *(SHORT[s] for s in INTERVIEW_SKILLS)])
        for i, skill in enumerate(INTERVIEW_SKILLS, start=2):
            self.tree.headerItem().setToolTip(i, INTERVIEW_SKILL_NAMES[skill])
        self.tree.setAccessibleName("Interview practices")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (2, 3, 4, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.itemActivated.connect(lambda _item, _col: self.edit())
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tree)
        layout.addWidget(self.stack, 2)

        buttons = QHBoxLayout()
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton("&Delete")
        self.delete_button.setToolTip("Delete the selected practice (Del)")
        self.delete_button.clicked.connect(self.delete)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.feedback = QTextBrowser()
        self.feedback.setOpenLinks(False)
        self.feedback.setAccessibleName("Feedback for the selected practice")
        layout.addWidget(self.feedback, 3)

        QShortcut(QKeySequence("Ctrl+Shift+I"), self, self.add)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tree, self.delete)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._selection_changed()

    # -- data ----------------------------------------------------------------------------
    def show_practices(self, practices: list[InterviewPractice]) -> None:
        selected = self.selected()
        keep = selected.id if selected else None
        self.practices = practices
        self.tree.blockSignals(True)
        self.tree.clear()
        for p in practices:
            item = QTreeWidgetItem(
                [
                    formatting.date(p.held_at),
                    p.title or KIND_LABELS.get(p.kind, p.kind),
                    *(
                        "—" if getattr(p, s) is None else str(getattr(p, s))
                        for s in INTERVIEW_SKILLS
                    ),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, p.id)
            item.setToolTip(1, f"{KIND_LABELS.get(p.kind, p.kind)}: {p.title}" if p.title else "")
            for col in range(2, 6):
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight)
            self.tree.addTopLevelItem(item)
            if p.id == keep:
                item.setSelected(True)
        self.tree.resizeColumnToContents(0)
        first = self.tree.topLevelItem(0)
        if self.tree.selectedItems() == [] and first is not None:
            first.setSelected(True)
        self.tree.blockSignals(False)
        self.stack.setCurrentWidget(self.tree if practices else self.empty)
        self._selection_changed()

    def selected(self) -> InterviewPractice | None:
        items = self.tree.selectedItems()
        if not items:
            return None
        pid = items[0].data(0, Qt.ItemDataRole.UserRole)
        return next((p for p in self.practices if p.id == pid), None)

    def _selection_changed(self) -> None:
        p = self.selected()
        self.edit_button.setEnabled(p is not None)
        self.delete_button.setEnabled(p is not None)
        self.feedback.setHtml(feedback_html(p) if p else "")
        self.feedback.setVisible(p is not None)

    # -- actions -------------------------------------------------------------------------
    def add(self) -> None:
        self._open(None)

    def edit(self) -> None:
        p = self.selected()
        if p is not None:
            self._open(p)

    def _open(self, practice: InterviewPractice | None) -> None:
        from careerdesk.ui.interviews.practice_dialog import PracticeDialog

        if self.ctx.profile_id is None:
            return
        dialog = PracticeDialog(self.ctx, practice, self)
        if dialog.exec() and dialog.saved is not None:
            self.ctx.status(f"Saved: {dialog.saved.label}", 5000)

    def delete(self) -> None:
        p = self.selected()
        if p is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete interview practice",
            f"Delete “{p.label}” with its scores and feedback?\n\nThis cannot be undone.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        svc = self.ctx.service(InterviewPracticeService)
        self.ctx.runner.run(
            lambda _s: svc.delete(p.id),
            name="delete-practice",
            write=True,
            on_success=lambda gone: self.ctx.status(f"Deleted: {gone.label}", 5000),
        )


def feedback_html(p: InterviewPractice) -> str:
    """The practice's per-skill breakdown as simple HTML (palette colours, no fixed ones)."""
    fs = p.preferred_feedback
    parts = [f"<h3>{html.escape(p.label)}</h3>"]
    if p.application_id:
        parts.append("<p>Linked to one of your applications.</p>")
    if fs is None:
        parts.append("<p>No feedback yet. Open the practice (Edit…) and press "
                     "<i>Generate feedback</i>, or write your own.</p>")  # fmt: skip
    else:
        who = {
            "gemini": f"Written by Gemini ({fs.model})",
            "offline": "Written by CareerDesk",
            "learner": "Written by you",
        }
        note = " · edited by you" if fs.edited_at and fs.source != "learner" else ""
        parts.append(f"<p><small>{html.escape(who[fs.source])}{note}</small></p>")
    for skill, bd in p.breakdown().items():
        parts.append(f"<h4>{INTERVIEW_SKILL_NAMES[skill]} — {bd.score:.0f}/100</h4>")
        for title, items in (
            ("Strengths", bd.strengths),
            ("Weaknesses", bd.weaknesses),
            ("Recommendations", bd.recommendations),
        ):
            if items:
                lis = "".join(f"<li>{html.escape(i)}</li>" for i in items)
                parts.append(f"<p><b>{title}</b></p><ul>{lis}</ul>")
    if p.notes:
        parts.append(f"<h4>Notes</h4><p>{html.escape(p.notes)}</p>")
    return "".join(parts)
