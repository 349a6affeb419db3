"""The cover-letter draft dialog: drafted off the GUI thread (template, or Gemini when a key is
set), always editable, exported as .txt/.docx/.pdf; never sent (docs/resumes.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.resumes.cover_letter import CoverLetterDraft
from careerdesk.core.resumes.service import ResumeService
from careerdesk.ui.common import file_dialogs
from careerdesk.ui.common.messages import plain_error
from careerdesk.ui.shell.context import UiContext


class CoverLetterDialog(QDialog):
    """Draft, edit and export one application's cover letter."""

    def __init__(
        self,
        ctx: UiContext,
        profile_id: int,
        application_id: int,
        version_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Cover letter draft")
        self.resize(760, 640)
        self.draft: CoverLetterDraft | None = None
        self._saved = True
        layout = QVBoxLayout(self)
        self.notice = QLabel("Drafting…")
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        self.editor = QPlainTextEdit()
        self.editor.setReadOnly(True)
        layout.addWidget(self.editor, 1)
        row = QHBoxLayout()
        self.export_btn = QPushButton("Save as…")
        self.export_btn.setEnabled(False)
        self.close_btn = QPushButton("Close")
        row.addWidget(QLabel("A draft to edit — CareerDesk never sends it."))
        row.addStretch(1)
        row.addWidget(self.export_btn)
        row.addWidget(self.close_btn)
        layout.addLayout(row)
        self.export_btn.clicked.connect(self.export)
        self.close_btn.clicked.connect(self.close)
        self.editor.textChanged.connect(self._edited)
        svc = ctx.service(ResumeService)

        def make(_state: Any) -> CoverLetterDraft:
            return svc.cover_letter(profile_id, application_id, version_id)

        def failed(exc: BaseException) -> None:
            self.notice.setText(plain_error(exc, "draft the cover letter"))

        ctx.runner.run(make, name="cover-letter", on_success=self._drafted, on_error=failed)

    def _drafted(self, draft: CoverLetterDraft) -> None:
        self.draft = draft
        by = "Gemini (AI)" if draft.by == "gemini" else "CareerDesk's template"
        self.notice.setText(f"Drafted by {by}. {draft.notice}".strip())
        self.editor.blockSignals(True)
        self.editor.setPlainText(draft.text)
        self.editor.blockSignals(False)
        self.editor.setReadOnly(False)
        self.export_btn.setEnabled(True)

    def _edited(self) -> None:
        self._saved = False

    def export(self) -> None:
        chosen = file_dialogs.save_file(
            self,
            "Save cover letter",
            purpose="cover-letter",
            suggested="cover-letter.docx",
            filter="Word document (*.docx);;PDF (*.pdf);;Text (*.txt)",
        )
        if chosen is None:
            return
        path, text = chosen, self.editor.toPlainText()
        if path.suffix.lower() not in (".docx", ".pdf", ".txt"):
            path = path.with_suffix(".docx")

        def write(_state: Any) -> Path:
            from careerdesk.core.kernel.files import atomic_write_text
            from careerdesk.render.resume_export import export

            if path.suffix.lower() == ".txt":
                atomic_write_text(path, text + "\n")
                return path
            return export(text, path)

        def done(p: Path) -> None:
            self._saved = True
            self.ctx.status(f"Wrote {p}.")

        self.ctx.runner.run(write, name="cover-letter-export", on_success=done)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._saved:
            answer = QMessageBox.question(
                self,
                "Close the draft?",
                "Your edits to this cover letter are not saved to a file. Close anyway?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        event.accept()
