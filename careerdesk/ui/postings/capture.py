"""Capture a job posting from the clipboard, a paste box or dropped files (Pipeline tab).

Ctrl+Shift+V reads the clipboard (its HTML when richer than its text, or the files copied in
a file manager); "From posting…" opens a box to paste into or choose a file; dropping a
``.txt``, ``.html`` or ``.pdf`` file on the tab reads it. Reading runs in the background
(Gemini may take seconds), then the review dialog opens; only its *Save application*
writes anything.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.pipeline.service import DuplicateApplicationError
from careerdesk.core.postings.models import PostingProposal
from careerdesk.core.postings.service import NothingUsefulError, PostingService
from careerdesk.core.postings.text import SUPPORTED_SUFFIXES, clipboard_text
from careerdesk.ui.common import file_dialogs
from careerdesk.ui.shell.context import UiContext

FILE_FILTER = "Job postings (*.txt *.html *.htm *.pdf *.md);;All files (*)"


def posting_files(mime: QMimeData) -> list[Path]:
    """Local files in ``mime`` that CareerDesk can read as postings."""
    if not mime.hasUrls():
        return []
    out = []
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                out.append(path)
    return out


class PasteDialog(QDialog):
    """A box to paste a posting into, or choose a file (``path`` is set then)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add from a job posting")
        self.resize(640, 480)
        self.path: Path | None = None
        v = QVBoxLayout(self)
        v.addWidget(
            QLabel(
                "Paste the job posting below (or choose a .txt, .html or .pdf file). CareerDesk "
                "reads company, title, place, salary, deadline and skills; you check them next."
            )
        )
        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText("Paste the posting here (Ctrl+V)…")
        self.edit.setAccessibleName("Posting text")
        v.addWidget(self.edit, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.read_button = QPushButton("Read posting")
        self.read_button.setDefault(True)
        buttons.addButton(self.read_button, QDialogButtonBox.ButtonRole.AcceptRole)
        choose = QPushButton("Choose file…")
        buttons.addButton(choose, QDialogButtonBox.ButtonRole.ActionRole)
        choose.clicked.connect(self._choose)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        self.read_button.setEnabled(False)
        self.edit.textChanged.connect(
            lambda: self.read_button.setEnabled(bool(self.edit.toPlainText().strip()))
        )

    def _choose(self) -> None:
        found = file_dialogs.open_file(
            self, "Open a job posting", purpose="postings", filter=FILE_FILTER
        )
        if found is not None:
            self.path = found
            self.accept()


class PostingCapture(QObject):
    """Drives reading → review → saving for one tab; ``opened(app_id)`` is called after saving."""

    def __init__(
        self, ctx: UiContext, parent: QWidget, opened: Callable[[int], None] | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.widget = parent
        self.opened = opened
        self.busy: QProgressDialog | None = None
        self.last_dialog: Any = None  # the review dialog on screen (tests inspect it)
        self._seq = 0

    def accept_drops_on(self, widget: QWidget) -> None:
        """Read posting files dropped anywhere on ``widget`` (children keep their own drags:
        the board's card drags are accepted by its columns and never reach it)."""
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(
            event, QDragEnterEvent | QDropEvent
        ):
            if self.ctx.profile_id is not None and posting_files(event.mimeData()):
                event.acceptProposedAction()
            else:
                event.ignore()
            return True
        if kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            files = posting_files(event.mimeData())
            if files and self.ctx.profile_id is not None:
                event.acceptProposedAction()
                self.read_files(files)
            else:
                event.ignore()
            return True
        return super().eventFilter(watched, event)

    @property
    def svc(self) -> PostingService:
        return self.ctx.service(PostingService)

    # -- sources ---------------------------------------------------------------------------
    def paste_clipboard(self) -> None:
        """Ctrl+Shift+V: the clipboard's files, HTML or text."""
        mime = QGuiApplication.clipboard().mimeData()
        files = posting_files(mime) if mime is not None else []
        if files:
            self.read_files(files)
            return
        text = clipboard_text(
            mime.text() if mime is not None and mime.hasText() else "",
            mime.html() if mime is not None and mime.hasHtml() else "",
        )
        if not text:
            QMessageBox.information(
                self.widget,
                "Nothing to paste",
                "The clipboard holds no text. Copy the job posting (select it on the web page "
                "and press Ctrl+C), then press Ctrl+Shift+V here.",
            )
            return
        self.read_text(text)

    def open_paste_box(self) -> None:
        dialog = PasteDialog(self.widget)
        if not dialog.exec():
            return
        if dialog.path is not None:
            self.read_files([dialog.path])
        else:
            self.read_text(dialog.edit.toPlainText())

    def read_files(self, paths: list[Path]) -> None:
        """Read the first supported file (one review at a time; more are mentioned)."""
        if not paths:
            return
        if len(paths) > 1:
            self.ctx.status(f"Reading {paths[0].name}; drop the other files one at a time.", 8000)
        path = paths[0]
        self._read(lambda use_ai: self.svc.propose_file(path, use_ai=use_ai), path.name)

    def read_text(self, text: str) -> None:
        self._read(lambda use_ai: self.svc.propose(text, use_ai=use_ai), "the posting")

    # -- reading and reviewing -------------------------------------------------------------
    def _read(self, propose: Callable[[bool], PostingProposal], what: str) -> None:
        if self.ctx.profile_id is None:
            return
        self._seq += 1
        seq = self._seq
        self.busy = QProgressDialog(f"Reading {what}…", "Cancel", 0, 0, self.widget)
        self.busy.setWindowTitle("Reading the posting")
        self.busy.setMinimumDuration(400)  # quick offline reads never flash a dialog
        self.busy.setWindowModality(Qt.WindowModality.WindowModal)
        self.busy.canceled.connect(self._cancel)

        def done(proposal: PostingProposal) -> None:
            if seq == self._seq:
                self._close_busy()
                self.review(proposal)

        def failed(exc: BaseException) -> None:
            if seq != self._seq:
                return
            self._close_busy()
            if isinstance(exc, NothingUsefulError):
                QMessageBox.information(self.widget, "Nothing to add", str(exc))
            else:
                self.ctx.report(exc)

        self.ctx.runner.run(
            lambda _s: propose(True), name="read-posting", on_success=done, on_error=failed
        )

    def _cancel(self) -> None:
        self._seq += 1  # the reply, when it comes, is ignored
        self._close_busy()
        self.ctx.status("Stopped reading the posting; nothing was saved.", 5000)

    def _close_busy(self) -> None:
        if self.busy is not None:
            self.busy.canceled.disconnect(self._cancel)
            self.busy.reset()
            self.busy.deleteLater()
            self.busy = None

    def review(self, proposal: PostingProposal) -> None:
        """Show the review dialog; save what the learner confirms."""
        from careerdesk.core.pipeline.service import ApplicationService
        from careerdesk.ui.postings.review import PostingReviewDialog

        pid = self.ctx.profile_id
        if pid is None:
            return
        dialog = PostingReviewDialog(
            proposal,
            self.widget,
            duplicates=self.ctx.service(ApplicationService),
            profile_id=pid,
        )
        self.last_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(result: int) -> None:
            if self.last_dialog is dialog:
                self.last_dialog = None
            if result != QDialog.DialogCode.Accepted or dialog.result_proposal is None:
                self.ctx.status("Posting not saved.", 4000)
                return
            self.save(pid, dialog.result_proposal, dialog.allow_duplicate)

        dialog.finished.connect(finished)
        dialog.open()  # window-modal, without a nested event loop

    def save(self, pid: int, proposal: PostingProposal, allow: bool) -> None:
        def done(detail: Any) -> None:
            self.ctx.status(f"Added {detail.company} — {detail.title} from the posting", 6000)
            if self.opened is not None:
                self.opened(detail.id)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, DuplicateApplicationError):
                answer = QMessageBox.question(
                    self.widget, "Already there?", f"{exc.message}\n\nSave this one anyway?"
                )
                if answer == QMessageBox.StandardButton.Yes:
                    self.save(pid, proposal, True)
            else:
                self.ctx.report(exc)

        self.ctx.runner.run(
            lambda _s: self.svc.save(pid, proposal, allow_duplicate=allow),
            write=True,
            name="save-posting",
            on_success=done,
            on_error=failed,
        )
