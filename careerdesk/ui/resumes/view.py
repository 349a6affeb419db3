"""Résumés tab: pick a version and an application, read the match report beside the
tailoring editor, accept suggestions one by one, save the tailored copy as a new version
linked to the application, export DOCX/PDF (docs/resumes.md).

Every service call runs on the task runner; the report is recomputed on the editor's
current text (unsaved edits included) a moment after typing stops.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.resumes.events import ResumeChanged
from careerdesk.core.resumes.models import MatchReport, ResumeVersionOut
from careerdesk.core.resumes.service import ResumeService
from careerdesk.core.resumes.tailoring import Suggestion, apply_suggestion, suggestions
from careerdesk.ui.common import file_dialogs, formatting
from careerdesk.ui.common.messages import plain_error
from careerdesk.ui.shell.context import UiContext

QUIZ_LENGTH = 5  # a short quiz: enough for a first measured level of one skill


def report_html(r: MatchReport) -> str:
    """The match report as rich text (also what the screenshots show)."""

    def items(rows: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{x}</li>" for x in rows) + "</ul>" if rows else "<p>—</p>"

    def hit(h: Any) -> str:
        kind = "" if h.required else " <i>(preferred)</i>"
        where = f"<br><small>“{escape(h.where)}”</small>" if getattr(h, "where", "") else ""
        return f"{escape(h.name)}{kind}{where}"

    score = "—" if r.score is None else f"{r.score}"
    parts = [
        f"<h2>Match {score}<small> / 100</small></h2>",
        f"<p>{summary(r)}</p>",
        "<h3>Found in your résumé</h3>",
        items([hit(h) for h in r.found]),
        "<h3>Missing</h3>",
        items([hit(h) for h in r.missing]),
        "<h3>Shown but not mentioned</h3>",
        items(
            [
                f"{escape(s.name)} — measured {s.level:.0f}/100"
                + (" · <b>the posting asks for it</b>" if s.in_posting else "")
                for s in r.shown_not_mentioned
            ]
        ),
        "<h3>Claimed without evidence</h3>",
        items(
            [
                f"{escape(c.name)} — {escape(c.action)} · "
                f'<a href="assess:{escape(c.skill_id)}">Take a short quiz</a>'
                for c in r.claimed_without_evidence
            ]
        ),
        "<h3>Structure checks</h3>",
        items(
            [
                f"{'✔' if c.passed else '✘'} {escape(c.label)}: <small>{escape(c.detail)}</small>"
                for c in r.checks
            ]
        ),
        "<p><small>Checks that applicant tracking systems commonly rely on; they are "
        "not a promise that any one system reads your résumé well.</small></p>",
        # The formula with this report's numbers stays available, below the answer.
        "<h3>How is this worked out?</h3>",
        f"<p><small>{escape(r.formula)}</small></p>",
    ]
    return "".join(parts)


def summary(r: MatchReport) -> str:
    """The score in words: how many of the posting's skills the résumé shows."""
    found = [h.required for h in r.found]
    missing = [h.required for h in r.missing]
    required = (found.count(True), found.count(True) + missing.count(True))
    preferred = (found.count(False), found.count(False) + missing.count(False))
    if required[1] + preferred[1] == 0:
        return "The posting names no skills, so there is nothing to match."
    parts = [
        f"{n} of {total} {what} skills"
        for (n, total), what in ((required, "required"), (preferred, "preferred"))
        if total
    ]
    lead = " and ".join(parts)
    weight = " Required skills count twice." if required[1] and preferred[1] else ""
    return f"Your résumé shows {lead}.{weight}"


class ResumesTab(QWidget):
    """Version and application pickers, the editor, the report and the suggestions."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.versions: list[ResumeVersionOut] = []
        self.report: MatchReport | None = None
        self._seq = 0
        self.letter_dialog: QWidget | None = None
        outer = QVBoxLayout(self)

        bar = QHBoxLayout()
        bar.addWidget(QLabel("Résumé:"))
        self.version_box = QComboBox()
        self.version_box.setAccessibleName("Résumé")
        self.version_box.setMinimumWidth(240)
        bar.addWidget(self.version_box)
        self.import_btn = QPushButton("&Import…")
        bar.addWidget(self.import_btn)
        bar.addSpacing(16)
        bar.addWidget(QLabel("Match against:"))
        self.app_box = QComboBox()
        self.app_box.setAccessibleName("Match against")
        self.app_box.setMinimumWidth(280)
        bar.addWidget(self.app_box, 1)
        outer.addLayout(bar)

        self.empty = QLabel(
            "No résumé yet. Import a PDF, Word (.docx) or text file to see how it matches "
            "the postings you saved."
        )
        self.empty.setWordWrap(True)
        outer.addWidget(self.empty)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel("Your version for this job (plain text or Markdown)"))
        self.editor = QPlainTextEdit()
        lv.addWidget(self.editor, 1)
        buttons = QHBoxLayout()
        self.save_btn = QPushButton("Save as &new version…")
        self.docx_btn = QPushButton("Save as &Word…")
        self.pdf_btn = QPushButton("Save as P&DF…")
        self.attach_btn = QPushButton("&Mark as sent")
        self.attach_btn.setToolTip(
            "Keep this saved version with the application: later edits do not change it"
        )
        self.letter_btn = QPushButton("Cover &letter…")
        for b in (self.save_btn, self.docx_btn, self.pdf_btn, self.attach_btn, self.letter_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lv.addLayout(buttons)
        self.split.addWidget(left)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.report_view = QTextBrowser()
        self.report_view.setOpenLinks(False)  # "assess:<skill>" starts a quiz (one click)
        self.report_view.anchorClicked.connect(self._link)
        rv.addWidget(self.report_view, 3)
        rv.addWidget(QLabel("Suggestions (accept one at a time)"))
        self.suggestion_list = QListWidget()
        self.suggestion_list.setWordWrap(True)
        rv.addWidget(self.suggestion_list, 1)
        self.accept_btn = QPushButton("&Accept suggestion")
        self.accept_btn.setEnabled(False)
        rv.addWidget(self.accept_btn)
        self.split.addWidget(right)
        self.split.setSizes([620, 520])
        outer.addWidget(self.split, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self.rematch)
        self.editor.textChanged.connect(self._timer.start)
        self.version_box.currentIndexChanged.connect(self._version_chosen)
        self.app_box.currentIndexChanged.connect(lambda _i: self.rematch())
        self.import_btn.clicked.connect(self.import_file)
        self.suggestion_list.currentItemChanged.connect(self._selection)
        self.accept_btn.clicked.connect(self.accept_current)
        self.save_btn.clicked.connect(self.save_version)
        self.docx_btn.clicked.connect(lambda: self.export(".docx"))
        self.pdf_btn.clicked.connect(lambda: self.export(".pdf"))
        self.attach_btn.clicked.connect(self.attach)
        self.letter_btn.clicked.connect(self.cover_letter)
        ctx.profile_changed.connect(lambda _pid: self.refresh())
        ctx.events.domain_event.connect(self._on_event)
        self.refresh()

    @property
    def service(self) -> ResumeService:
        return self.ctx.service(ResumeService)

    # -- loading ---------------------------------------------------------------------------
    def refresh(self, select: int | None = None) -> None:
        pid = self.ctx.profile_id
        if pid is None:
            self._show_versions([], [], None)
            return
        svc, apps = self.service, self.ctx.service(ApplicationService)

        def load(_state: Any) -> tuple[list[ResumeVersionOut], list[tuple[int, str]]]:
            rows = apps.list(pid)
            return svc.versions(pid), [(a.id, f"{a.title} — {a.company}") for a in rows]

        self.ctx.runner.run(
            load, name="resumes-load", on_success=lambda d: self._show_versions(d[0], d[1], select)
        )

    def _show_versions(
        self,
        versions: list[ResumeVersionOut],
        applications: list[tuple[int, str]],
        select: int | None,
    ) -> None:
        self.versions = versions
        has = bool(versions)
        self.empty.setVisible(not has)
        self.split.setVisible(has)
        current_app = self.app_box.currentData()
        for box in (self.version_box, self.app_box):
            box.blockSignals(True)
            box.clear()
        for v in versions:
            self.version_box.addItem(f"{v.label}  ({formatting.date(v.created_at)})", v.id)
        for app_id, label in applications:
            self.app_box.addItem(label, app_id)
        if not applications:
            self.app_box.addItem("No applications yet: save a posting in the Pipeline", None)
        index = self.version_box.findData(select) if select is not None else 0
        self.version_box.setCurrentIndex(max(index, 0))
        app_index = self.app_box.findData(current_app)
        self.app_box.setCurrentIndex(max(app_index, 0))
        for box in (self.version_box, self.app_box):
            box.blockSignals(False)
        self._version_chosen()

    def _version(self) -> ResumeVersionOut | None:
        vid = self.version_box.currentData()
        return next((v for v in self.versions if v.id == vid), None)

    def _version_chosen(self, _index: int = 0) -> None:
        version = self._version()
        self.editor.blockSignals(True)
        self.editor.setPlainText(version.text if version else "")
        self.editor.blockSignals(False)
        self.rematch()

    def _on_event(self, event: object) -> None:
        if not isinstance(event, ResumeChanged) or event.profile_id != self.ctx.profile_id:
            return
        if event.what in ("imported", "deleted"):
            self.refresh(select=event.version_id if event.what == "imported" else None)

    # -- matching --------------------------------------------------------------------------
    def rematch(self) -> None:
        pid, version, app_id = self.ctx.profile_id, self._version(), self.app_box.currentData()
        if pid is None or version is None or app_id is None:
            self.report_view.setHtml(
                "<p>Choose an application to see how this résumé matches its posting.</p>"
                if version is not None
                else ""
            )
            self._show_suggestions([])
            return
        edited = version.model_copy(update={"text": self.editor.toPlainText()})
        svc = self.service
        self._seq += 1
        seq = self._seq

        def match(_state: Any) -> MatchReport:
            return svc.match_text(pid, svc.posting_of_application(pid, app_id), edited)

        def done(report: MatchReport) -> None:
            if seq == self._seq:
                self.report = report
                self.report_view.setHtml(report_html(report))
                self._show_suggestions(suggestions(report))

        def failed(exc: BaseException) -> None:
            if seq == self._seq:
                self.report_view.setHtml(f"<p>{escape(plain_error(exc, 'match the résumé'))}</p>")
                self._show_suggestions([])

        self.ctx.runner.run(match, name="resume-match", on_success=done, on_error=failed)

    def _show_suggestions(self, items: list[Suggestion]) -> None:
        self.suggestion_list.clear()
        for s in items:
            verb = "Add" if s.kind == "add" else "Learn first:"
            item = QListWidgetItem(f"{verb} {s.name} — {s.reason}")
            item.setData(Qt.ItemDataRole.UserRole, s)
            if s.kind == "note":
                item.setForeground(self.palette().placeholderText())
            self.suggestion_list.addItem(item)
        self._selection(self.suggestion_list.currentItem())

    def _selection(self, item: QListWidgetItem | None, _prev: object = None) -> None:
        s = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.accept_btn.setEnabled(isinstance(s, Suggestion) and s.kind == "add")

    def accept_current(self) -> None:
        item = self.suggestion_list.currentItem()
        s = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not isinstance(s, Suggestion) or s.kind != "add":
            return
        self.editor.setPlainText(apply_suggestion(self.editor.toPlainText(), s))
        self.suggestion_list.takeItem(self.suggestion_list.row(item))
        self.ctx.status(f"Added {s.name} to your Skills section.")

    def _link(self, url: QUrl) -> None:
        """One click from a claim without evidence to a short quiz on that skill."""
        if url.scheme() != "assess" or self.ctx.window is None:
            return
        from careerdesk.core.assessments.models import QuizSetup

        tab = self.ctx.window.show_tab("assessments")
        start = getattr(tab, "start_quiz", None)
        if start is not None:
            start(QuizSetup(skills=[url.path()], length=QUIZ_LENGTH))

    # -- writing ---------------------------------------------------------------------------
    def import_file(self) -> None:
        pid = self.ctx.profile_id
        if pid is None:
            return
        chosen = file_dialogs.open_file(
            self,
            "Import a résumé",
            purpose="resume",
            filter="Résumés (*.pdf *.docx *.txt *.md)",
        )
        if chosen is None:
            return
        name = str(chosen)
        svc = self.service
        self.ctx.runner.run_write(
            lambda: svc.import_file(pid, Path(name)),
            name="resume-import",
            on_success=lambda v: self.ctx.status(f"Imported {v.label}."),
        )

    def save_version(self) -> None:
        pid, version, app_id = self.ctx.profile_id, self._version(), self.app_box.currentData()
        if pid is None or version is None:
            return
        suggested = f"{version.label} – {self.app_box.currentText()[:60]}"
        label, ok = QInputDialog.getText(self, "Save as new version", "Name:", text=suggested)
        if not ok or not label.strip():
            return
        text, svc = self.editor.toPlainText(), self.service

        def save() -> ResumeVersionOut:
            return svc.save_version(pid, label, text, parent_id=version.id, application_id=app_id)

        def saved(v: ResumeVersionOut) -> None:
            self.ctx.status(f"Saved {v.label} as a new version.")
            self.refresh(select=v.id)

        self.ctx.runner.run_write(save, name="resume-save", on_success=saved)

    def attach(self) -> None:
        pid, version, app_id = self.ctx.profile_id, self._version(), self.app_box.currentData()
        if pid is None or version is None or app_id is None:
            return
        svc, where = self.service, self.app_box.currentText()
        self.ctx.runner.run_write(
            lambda: svc.attach(pid, app_id, version.id),
            name="resume-attach",
            on_success=lambda a: self.ctx.status(f"{a.label} is kept as sent for {where}."),
        )

    def cover_letter(self) -> None:
        from careerdesk.ui.resumes.letter import CoverLetterDialog

        pid, version, app_id = self.ctx.profile_id, self._version(), self.app_box.currentData()
        if pid is None or version is None or app_id is None:
            return
        self.letter_dialog = CoverLetterDialog(self.ctx, pid, app_id, version.id, self)
        self.letter_dialog.show()

    def export(self, suffix: str) -> None:
        version = self._version()
        if version is None:
            return
        kind = "Word document (*.docx)" if suffix == ".docx" else "PDF (*.pdf)"
        chosen = file_dialogs.save_file(
            self,
            "Export résumé",
            purpose="resume-export",
            suggested=f"{version.label}{suffix}",
            filter=kind,
        )
        if chosen is None:
            return
        path = chosen.with_suffix(suffix)
        text = self.editor.toPlainText()

        def write(_state: Any) -> Path:
            from careerdesk.render.resume_export import export

            return export(text, path)

        self.ctx.runner.run(
            write, name="resume-export", on_success=lambda p: self.ctx.status(f"Wrote {p}.")
        )
