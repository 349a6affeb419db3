"""Add or edit an interview practice: date, kind, scores, notes/transcript and feedback.

"Generate feedback" runs in the background (Gemini when set up, else the offline rules, and
the offline rules whenever Gemini fails). Both generated sets are kept; the learner edits
the one shown, and saving marks an edited set as such.
"""

from __future__ import annotations

from pydantic import ValidationError as PydanticValidationError
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.interviews.feedback import FeedbackSet, GeneratedFeedback, SkillFeedback
from careerdesk.core.interviews.service import (
    KIND_LABELS,
    InterviewPractice,
    InterviewPracticeService,
    PracticeInput,
)
from careerdesk.core.reference.catalog import load_catalog
from careerdesk.core.skills.rules import INTERVIEW_SKILL_NAMES, INTERVIEW_SKILLS
from careerdesk.ui.common import formatting, theme
from careerdesk.ui.common.date_field import DateTimeField
from careerdesk.ui.interviews.feedback_editor import FeedbackEditor
from careerdesk.ui.shell.context import UiContext

SOURCE_LABELS = {"gemini": "Gemini", "offline": "Offline rules", "learner": "Your own"}
NOT_ASSESSED = -1


class PracticeDialog(QDialog):
    """Edits ``practice`` (or a new one when None). ``saved`` holds the result after OK."""

    def __init__(
        self,
        ctx: UiContext,
        practice: InterviewPractice | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.practice = practice
        self.saved: InterviewPractice | None = None
        self.svc = ctx.service(InterviewPracticeService)
        self._sets: dict[str, FeedbackSet] = dict(practice.feedback) if practice else {}
        self._working: dict[str, dict[str, SkillFeedback]] = {
            k: dict(v.skills) for k, v in self._sets.items()
        }
        self._shown_source: str | None = None
        self._busy = False
        self._saving = False
        self.setWindowTitle("Edit interview practice" if practice else "Record interview practice")
        self.resize(760, 720)
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_details())
        layout.addWidget(self._build_text(), 1)
        layout.addWidget(self._build_feedback(), 2)
        self.error = QLabel()
        self.error.setWordWrap(True)
        theme.set_tone(self.error, "danger")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip("Save (Ctrl+Enter)")
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._load(practice)

    # -- building ------------------------------------------------------------------------
    def _build_details(self) -> QWidget:
        box = theme.section_box("Interview")
        form = QFormLayout(box)
        self.when = DateTimeField()
        form.addRow("&When:", self.when)
        self.kind = QComboBox()
        for value, label in KIND_LABELS.items():
            self.kind.addItem(label, value)
        form.addRow("&Kind:", self.kind)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("e.g. Northwind Analytics — technical round")
        self.title_edit.setMaxLength(200)
        form.addRow("&Title:", self.title_edit)
        self.application = QSpinBox()
        self.application.setRange(0, 10_000_000)
        self.application.setSpecialValueText("none")
        self.application.setToolTip("The application number in the Pipeline tab (optional)")
        form.addRow("&Application #:", self.application)
        self.focus = QComboBox()
        self.focus.addItem("(general)", None)
        for catalog_skill in sorted(load_catalog().skills.values(), key=lambda s: s.name):
            self.focus.addItem(catalog_skill.name, catalog_skill.id)
        self.focus.setToolTip("The skill the technical questions were about; its level counts")
        form.addRow("Technical &focus:", self.focus)
        scores = QGridLayout()
        self.scores: dict[str, QSpinBox] = {}
        for i, skill in enumerate(INTERVIEW_SKILLS):
            spin = QSpinBox()
            spin.setRange(NOT_ASSESSED, 100)
            spin.setSpecialValueText("not assessed")
            spin.setSuffix(" / 100")
            spin.setValue(NOT_ASSESSED)  # a new practice starts with nothing claimed
            spin.setAccessibleName(f"{INTERVIEW_SKILL_NAMES[skill]} score")
            spin.valueChanged.connect(self._scores_changed)
            self.scores[skill] = spin
            scores.addWidget(QLabel(f"{INTERVIEW_SKILL_NAMES[skill]}:"), i // 2, (i % 2) * 2)
            scores.addWidget(spin, i // 2, (i % 2) * 2 + 1)
        form.addRow("Scores:", scores)
        return box

    def _build_text(self) -> QWidget:
        self.text_tabs = QTabWidget()
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(
            "What went well and what did not: e.g. 'Used STAR for the conflict question. "
            "Forgot edge cases. Discussed complexity.'"
        )
        self.transcript = QPlainTextEdit()
        self.transcript.setPlaceholderText("Paste a transcript here (optional)")
        self.text_tabs.addTab(self.notes, "&Notes")
        self.text_tabs.addTab(self.transcript, "T&ranscript")
        return self.text_tabs

    def _build_feedback(self) -> QWidget:
        box = theme.section_box("Feedback per skill")
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        self.generate_button = QPushButton("&Generate feedback")
        self.generate_button.setToolTip("From the scores and notes: Gemini when set up, else rules")
        self.generate_button.clicked.connect(self.generate)
        row.addWidget(self.generate_button)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy indicator: a model call has no known length
        self.progress.setMaximumWidth(120)
        self.progress.hide()
        row.addWidget(self.progress)
        self.source_combo = QComboBox()
        self.source_combo.setAccessibleName("Feedback source")
        self.source_combo.currentIndexChanged.connect(self._source_changed)
        row.addWidget(self.source_combo)
        self.source_note = QLabel()
        self.source_note.setWordWrap(True)
        row.addWidget(self.source_note, 1)
        layout.addLayout(row)
        self.editor = FeedbackEditor()
        layout.addWidget(self.editor)
        return box

    # -- state ---------------------------------------------------------------------------
    def _load(self, p: InterviewPractice | None) -> None:
        when = p.held_at if p else self.ctx.app.clock.now()
        self.when.set_value(when)
        self.kind.setCurrentIndex(max(0, self.kind.findData(p.kind if p else "mock")))
        if p is None:
            return
        self.title_edit.setText(p.title)
        self.application.setValue(p.application_id or 0)
        self.focus.setCurrentIndex(max(0, self.focus.findData(p.focus_skill_id)))
        for skill, spin in self.scores.items():
            value = getattr(p, skill)
            spin.setValue(NOT_ASSESSED if value is None else value)
        self.notes.setPlainText(p.notes)
        self.transcript.setPlainText(p.transcript)
        self._refresh_sources(prefer=p.preferred_feedback.source if p.preferred_feedback else None)

    def scored(self) -> set[str]:
        return {s for s, spin in self.scores.items() if spin.value() != NOT_ASSESSED}

    def practice_input(self) -> PracticeInput:
        """The form as validated input (raises pydantic's ValidationError when invalid)."""
        return PracticeInput(
            held_at=self.when.value(),
            kind=self.kind.currentData(),
            title=self.title_edit.text(),
            application_id=self.application.value() or None,
            focus_skill_id=self.focus.currentData(),
            notes=self.notes.toPlainText(),
            transcript=self.transcript.toPlainText(),
            **{
                s: (None if v.value() == NOT_ASSESSED else v.value())
                for s, v in self.scores.items()
            },
        )

    def _scores_changed(self) -> None:
        self.editor.set_scored(self.scored())

    def _stash(self) -> None:
        """Keep the editor's text for the source on show before switching away from it."""
        if self._shown_source is not None:
            self._working[self._shown_source] = self.editor.skills(set(INTERVIEW_SKILLS))

    def _refresh_sources(self, prefer: str | None = None) -> None:
        self.source_combo.blockSignals(True)
        self.source_combo.clear()
        for source in SOURCE_LABELS:
            if source in self._working:
                self.source_combo.addItem(SOURCE_LABELS[source], source)
        index = self.source_combo.findData(prefer) if prefer else 0
        self.source_combo.setCurrentIndex(max(0, index))
        self.source_combo.setVisible(self.source_combo.count() > 0)
        self.source_combo.blockSignals(False)
        self._shown_source = None
        self._source_changed()

    def _source_changed(self, _index: int = 0) -> None:
        self._stash()
        source = self.source_combo.currentData()
        self._shown_source = source
        self.editor.set_scored(self.scored())
        self.editor.set_skills(self._working.get(source, {}) if source else {})
        fs = self._sets.get(source) if source else None
        if fs is None:
            self.source_note.setText("No feedback yet: press Generate feedback, or type your own.")
        else:
            if fs.source == "learner":
                self.source_note.setText(f"Written by you on {formatting.date(fs.generated_at)}.")
                return
            who = f"Gemini ({fs.model})" if fs.source == "gemini" else "CareerDesk"
            edited = " — edited by you" if fs.edited_at else ""
            self.source_note.setText(
                f"Written by {who} on {formatting.date(fs.generated_at)}{edited}."
            )

    # -- actions -------------------------------------------------------------------------
    def generate(self) -> None:
        try:
            data = self.practice_input()
        except PydanticValidationError as exc:
            self._show_error(exc)
            return
        self._stash()
        if any(fs.edited_at for fs in self._sets.values()) or self._edited_sources():
            answer = QMessageBox.question(
                self,
                "Replace feedback?",
                "Generating replaces the feedback you edited. Continue?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._set_busy(True, "Writing feedback…")
        svc = self.svc
        self.ctx.runner.run(
            lambda _s: svc.generate_feedback(data),
            name="interview-feedback",
            on_success=self._generated,
            on_error=self._failed,
        )

    def _generated(self, result: GeneratedFeedback) -> None:
        self._set_busy(False)
        self._sets = {"offline": result.offline}
        if result.gemini is not None:
            self._sets["gemini"] = result.gemini
        self._working = {k: dict(v.skills) for k, v in self._sets.items()}
        self._shown_source = None
        self._refresh_sources(prefer=result.preferred.source)
        if result.ai_error:
            self.error.setText(f"Gemini's feedback was not used: {result.ai_error} "
                               "CareerDesk wrote this feedback itself instead.")  # fmt: skip
        else:
            self.error.clear()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.ctx.report(exc)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.generate_button.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not busy)
        if busy:
            self.source_note.setText(text)

    def _edited_sources(self) -> set[str]:
        return {
            source
            for source, skills in self._working.items()
            if source in self._sets and _differs(skills, self._sets[source].skills)
        }

    def feedback_sets(self) -> list[FeedbackSet]:
        """The sets to store: generated ones as they are, edited ones marked as edited."""
        self._stash()
        now = self.ctx.app.clock.now()
        scored = self.scored()
        out = []
        for source, fs in self._sets.items():
            skills = {k: v for k, v in self._working.get(source, {}).items() if k in scored}
            if source in self._edited_sources():
                fs = fs.model_copy(update={"skills": skills, "edited_at": now})
            out.append(fs)
        if not self._sets and self._shown_source is None:
            typed = {k: v for k, v in self.editor.skills(scored).items() if _has_text(v)}
            if typed:  # the learner wrote feedback without generating any
                out.append(
                    FeedbackSet(source="learner", skills=typed, generated_at=now, edited_at=now)
                )
        return out

    def save(self) -> None:
        try:
            data = self.practice_input()
        except PydanticValidationError as exc:
            self._show_error(exc)
            return
        sets = self.feedback_sets()
        svc, pid, practice = self.svc, self.ctx.profile_id, self.practice
        if pid is None:
            return
        self._set_busy(True, "Saving…")
        self._saving = True

        def write(_state: object) -> InterviewPractice:
            if practice is None:
                return svc.create(pid, data, sets)
            return svc.update(practice.id, data, sets)

        self.ctx.runner.run(write, name="save-practice", write=True,
                            on_success=self._saved, on_error=self._save_failed)  # fmt: skip

    def _saved(self, practice: InterviewPractice) -> None:
        self._set_busy(False)
        self._saving = False
        self.saved = practice
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._saving = False
        from careerdesk.core.kernel.errors import UserError

        if isinstance(exc, UserError):
            self.error.setText(str(exc))
        else:
            self.ctx.report(exc)

    def _show_error(self, exc: PydanticValidationError) -> None:
        messages = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"]) or "scores"
            text = str(err["msg"]).removeprefix("Value error, ")
            messages.append(f"{where.replace('_', ' ')}: {text}" if err["loc"] else text)
        self.error.setText("Please fix: " + "; ".join(messages))

    def reject(self) -> None:
        if self._saving:
            return  # the write is under way; the dialog closes when it is done
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in a single-line field must not save the dialog half-filled.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            return
        super().keyPressEvent(event)


def _has_text(fb: SkillFeedback) -> bool:
    return bool(fb.strengths or fb.weaknesses or fb.recommendations)


def _differs(a: dict[str, SkillFeedback], b: dict[str, SkillFeedback]) -> bool:
    keys = {k for k in a if _has_text(a[k])} | {k for k in b if _has_text(b[k])}
    return any(a.get(k, SkillFeedback()) != b.get(k, SkillFeedback()) for k in keys)
