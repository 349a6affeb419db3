"""Small forms for interviews, offers, counter-offer rounds, contacts and documents.

``FormDialog`` builds a labelled form from field specs and validates the result with the
same pydantic model the service uses, so a mistake is shown in the dialog (which stays open)
instead of failing later in the background.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.pipeline.io.parsing import parse_date, parse_salary
from careerdesk.core.pipeline.models import (
    DOCUMENT_KINDS,
    INTERVIEW_KINDS,
    INTERVIEW_OUTCOMES,
    OFFER_STATUSES,
    ContactInput,
    DocumentInput,
    InterviewInput,
    OfferInput,
    RoundInput,
    check,
)
from careerdesk.ui.common import file_dialogs, theme
from careerdesk.ui.common.date_field import DateField, DateTimeField

LABELS = {
    "phone": "Phone",
    "video": "Video call",
    "onsite": "Onsite",
    "panel": "Panel",
    "scheduled": "Scheduled",
    "completed": "Completed (waiting for result)",
    "passed": "Passed",
    "failed": "Not passed",
    "cancelled": "Cancelled",
    "pending": "Pending",
    "negotiating": "Negotiating",
    "accepted": "Accepted",
    "declined": "Declined by me",
    "expired": "Expired",
    "rescinded": "Withdrawn by employer",
    "resume": "Résumé / CV",
    "cover_letter": "Cover letter",
    "other": "Other",
}


def parse_amount(text: str) -> int | None:
    """ "55k", "55,000" or "" -> int or None (ValueError when it is not an amount)."""
    if not text.strip():
        return None
    salary = parse_salary(text)
    return salary.minimum if salary.minimum is not None else salary.maximum


def parse_optional_date(text: str) -> date | None:
    return parse_date(text) if text.strip() else None


class FormDialog(QDialog):
    """A form of fields, each with a getter; ``result_data`` is validated on OK."""

    def __init__(self, title: str, model: type[BaseModel], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.model = model
        self.getters: dict[str, Callable[[], Any]] = {}
        self.widgets: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel()
        theme.set_tone(self.error, "danger")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.result_data: dict[str, Any] = {}

    # -- field builders --------------------------------------------------------------------
    def line(self, name: str, label: str, value: str = "", placeholder: str = "") -> QLineEdit:
        w = QLineEdit(value)
        w.setPlaceholderText(placeholder)
        self._add(name, label, w, w.text)
        return w

    def amount(self, name: str, label: str, value: int | None) -> QLineEdit:
        w = QLineEdit("" if value is None else str(value))
        w.setPlaceholderText("e.g. 55000 or 55k")
        self._add(name, label, w, lambda: parse_amount(w.text()))
        return w

    def day(self, name: str, label: str, value: date | None) -> DateField:
        w = DateField(value, optional=True)
        self._add(name, label, w, w.value)
        return w

    def choice(self, name: str, label: str, options: tuple[str, ...], value: str) -> QComboBox:
        w = QComboBox()
        for opt in options:
            w.addItem(LABELS.get(opt, opt), opt)
        w.setCurrentIndex(max(0, options.index(value)) if value in options else 0)
        self._add(name, label, w, w.currentData)
        return w

    def text(self, name: str, label: str, value: str = "") -> QPlainTextEdit:
        w = QPlainTextEdit(value)
        w.setFixedHeight(80)
        w.setTabChangesFocus(True)
        self._add(name, label, w, w.toPlainText)
        return w

    def when(self, name: str, label: str, value: datetime) -> DateTimeField:
        w = DateTimeField(value)
        self._add(name, label, w, w.value)
        return w

    def number(self, name: str, label: str, value: int, lo: int, hi: int, suffix: str) -> QSpinBox:
        w = QSpinBox()
        w.setRange(lo, hi)
        w.setValue(value)
        w.setSuffix(suffix)
        self._add(name, label, w, w.value)
        return w

    def _add(self, name: str, label: str, widget: QWidget, getter: Callable[[], Any]) -> None:
        widget.setAccessibleName(label)
        self.form.addRow(f"{label}:", widget)
        self.widgets[name] = widget
        self.getters[name] = getter

    # -- result ----------------------------------------------------------------------------
    def collect(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        problems = []
        for name, get in self.getters.items():
            try:
                data[name] = get()
            except ValueError as exc:
                problems.append(str(exc))
        if problems:
            raise UserError("; ".join(problems))
        # Normalised values ("a, b" -> ["a", "b"]), only for the fields this form shows, so an
        # edit never resets a field the form does not know about (an interview's practice link).
        return check(self.model, data).model_dump(include=set(data))

    def accept(self) -> None:
        try:
            self.result_data = self.collect()
        except UserError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return
        super().accept()


def interview_dialog(parent: QWidget | None, current: Any = None) -> FormDialog:
    d = FormDialog("Interview" if current else "Schedule an interview", InterviewInput, parent)
    start = (
        current.starts_at
        if current
        else (datetime.now(UTC) + timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
    )
    d.choice("kind", "Kind", INTERVIEW_KINDS, current.kind if current else "video")
    d.line("title", "Title", current.title if current else "", "e.g. Technical round")
    d.when("starts_at", "Starts", start)
    d.number("duration_min", "Duration", current.duration_min if current else 60, 5, 1440, " min")
    d.line(
        "interviewers",
        "Interviewers",
        ", ".join(current.interviewers) if current else "",
        "names, separated by commas",
    )
    d.line("location", "Location", current.location if current else "", "address, if onsite")
    d.line("link", "Meeting link", current.link if current else "", "https://…")
    d.choice("outcome", "Outcome", INTERVIEW_OUTCOMES, current.outcome if current else "scheduled")
    d.text("notes", "Notes", current.notes if current else "")
    interview_scores(d, current)
    return d


def _score(d: FormDialog, name: str, label: str, value: int | None) -> None:
    w = QLineEdit("" if value is None else str(value))
    w.setPlaceholderText("0–100, blank if not assessed")

    def get() -> int | None:
        text = w.text().strip()
        if not text:
            return None
        if not text.isdigit() or int(text) > 100:
            raise ValueError(f"{label}: a score from 0 to 100, or blank")
        return int(text)

    d._add(name, label, w, get)


def interview_scores(d: FormDialog, current: Any = None) -> None:
    """How it went (optional): the four scores of interview practice and the skill
    "technical" measured; they count as real-interview evidence in your skill levels."""
    from careerdesk.core.reference.catalog import load_catalog
    from careerdesk.core.skills.rules import INTERVIEW_SKILL_NAMES, INTERVIEW_SKILLS

    heading = QLabel("<b>How it went</b> (optional; counts towards your skill levels)")
    d.form.addRow(heading)
    for dim in INTERVIEW_SKILLS:
        _score(d, dim, INTERVIEW_SKILL_NAMES[dim], getattr(current, dim, None))
    focus = QComboBox()
    focus.addItem("— none —", None)
    for skill in sorted(load_catalog().skills.values(), key=lambda k: k.name.lower()):
        focus.addItem(skill.name, skill.id)
    focus.setCurrentIndex(max(0, focus.findData(getattr(current, "focus_skill_id", None))))
    d._add("focus_skill_id", "Technical skill assessed", focus, focus.currentData)


def offer_dialog(parent: QWidget | None, current: Any = None, currency: str = "") -> FormDialog:
    d = FormDialog("Offer", OfferInput, parent)
    d.amount("base", "Base salary", current.base if current else None)
    d.amount("bonus", "Bonus", current.bonus if current else None)
    d.line("equity", "Equity", current.equity if current else "", "e.g. 0.1% or RSUs £40k/4y")
    d.line("currency", "Currency", current.currency if current else currency, "GBP, EUR, USD…")
    d.day("received_on", "Received on", current.received_on if current else date.today())
    d.day("deadline", "Reply by", current.deadline if current else None)
    d.choice("status", "Status", OFFER_STATUSES, current.status if current else "pending")
    d.text("notes", "Notes", current.notes if current else "")
    return d


def round_dialog(parent: QWidget | None) -> FormDialog:
    d = FormDialog("Counter-offer round", RoundInput, parent)
    d.amount("requested_base", "You asked: base", None)
    d.amount("requested_bonus", "You asked: bonus", None)
    d.line("requested_equity", "You asked: equity")
    d.amount("response_base", "Their answer: base", None)
    d.amount("response_bonus", "Their answer: bonus", None)
    d.line("response_equity", "Their answer: equity")
    d.text("note", "Notes")
    return d


def contact_dialog(parent: QWidget | None, current: Any = None) -> FormDialog:
    d = FormDialog("Contact", ContactInput, parent)
    d.line("name", "Name", current.name if current else "")
    d.line("role", "Role", current.role if current else "", "e.g. Recruiter")
    d.line("email", "E-mail", current.email if current else "")
    d.line("phone", "Phone", current.phone if current else "")
    d.text("notes", "Notes", current.notes if current else "")
    return d


def document_dialog(parent: QWidget | None) -> FormDialog:
    d = FormDialog("Attach a document", DocumentInput, parent)
    d.choice("kind", "Kind", DOCUMENT_KINDS, "resume")
    path = QLineEdit()
    path.setPlaceholderText("the file you sent (it is not copied)")
    browse = QPushButton("Browse…")

    def pick() -> None:
        found = file_dialogs.open_file(d, "Choose the document you sent", purpose="documents")
        if found is not None:
            path.setText(str(found))

    browse.clicked.connect(pick)
    row = QWidget()
    h = QHBoxLayout(row)
    h.setContentsMargins(0, 0, 0, 0)
    h.addWidget(path, 1)
    h.addWidget(browse)
    d._add("path", "File", row, path.text)
    d.widgets["path_edit"] = path
    d.line("version", "Version", "", "e.g. v3, data-roles")
    label = d.form.labelForField(row)
    if isinstance(label, QLabel):
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return d
