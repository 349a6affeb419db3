"""The editable fields of an application in the detail panel.

A field commits when the learner leaves it (Enter or focus out). The new value is validated
with the service's own model first, so a mistake ("min above max") is shown next to the form
and never becomes an undo step; a valid change becomes one ``edit_fields`` command.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.pipeline.models import ApplicationDetail, ApplicationFields, check
from careerdesk.core.pipeline.queries import jsonable
from careerdesk.ui.common import theme
from careerdesk.ui.common.date_field import DateField
from careerdesk.ui.pipeline.forms import parse_amount

REMOTE_CHOICES = (("", "Not known"), ("yes", "Remote"), ("hybrid", "Hybrid"), ("no", "On-site"))
PRIORITY_CHOICES = ((1, "Low"), (2, "Normal"), (3, "High"))


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that reports when the learner leaves it."""

    committed = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.committed.emit()


class FieldsForm(QWidget):
    """Shows a detail's fields; ``edit_requested(old, new)`` for each valid change."""

    edit_requested = Signal(dict, dict)

    def __init__(self) -> None:
        super().__init__()
        self.detail: ApplicationDetail | None = None
        outer = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(form)
        self.error = QLabel()
        theme.set_tone(self.error, "danger")
        self.error.setWordWrap(True)
        self.error.hide()
        outer.addWidget(self.error)
        self.readers: dict[str, Callable[[], Any]] = {}
        self.writers: dict[str, Callable[[Any], None]] = {}
        self.widgets: dict[str, QWidget] = {}

        def line(
            name: str, label: str, placeholder: str = "", parse: Any = None, show: Any = None
        ) -> None:
            w = QLineEdit()
            w.setPlaceholderText(placeholder)
            w.editingFinished.connect(lambda: self._commit(name))
            self._field(
                form,
                name,
                label,
                w,
                (lambda: parse(w.text())) if parse else w.text,
                lambda v: w.setText(show(v) if show else ("" if v is None else str(v))),
            )

        def combo(name: str, label: str, choices: tuple[tuple[Any, str], ...]) -> None:
            w = QComboBox()
            for value, text in choices:
                w.addItem(text, value)
            w.activated.connect(lambda _i: self._commit(name))
            self._field(
                form,
                name,
                label,
                w,
                w.currentData,
                lambda v: w.setCurrentIndex(max(0, w.findData(v))),
            )

        def text(name: str, label: str, height: int) -> None:
            w = CommitTextEdit()
            w.setTabChangesFocus(True)
            w.setMinimumHeight(height)
            w.committed.connect(lambda: self._commit(name))
            self._field(form, name, label, w, w.toPlainText, lambda v: w.setPlainText(v or ""))

        def day(name: str, label: str) -> None:
            # The app's one date format, typed or picked from the calendar; saved when the
            # learner leaves the field or picks a day.
            w = DateField(optional=True)
            w.editingFinished.connect(lambda: self._commit(name))
            w.calendarWidget().clicked.connect(lambda _d: self._commit(name))
            self._field(form, name, label, w, w.value, w.set_value)

        line("company", "Company")
        line("title", "Job title")
        line("location", "Location", "city, or Remote")
        combo("remote", "Work mode", REMOTE_CHOICES)
        line("source", "Found via", "LinkedIn, referral…")
        line("posting_url", "Link to the job ad", "https://…")
        line("salary_min", "Salary from", "e.g. 45k", parse_amount)
        line("salary_max", "Salary to", "e.g. 55k", parse_amount)
        line("currency", "Currency", "GBP, EUR, USD…")
        day("applied_on", "Applied on")
        day("deadline", "Apply by")
        combo("priority", "Priority", PRIORITY_CHOICES)
        line("tags", "Tags", "comma separated", None, lambda v: ", ".join(v or []))
        text("notes", "Notes", 70)
        text("description", "Job description", 140)

    def _field(
        self,
        form: QFormLayout,
        name: str,
        label: str,
        widget: QWidget,
        read: Callable[[], Any],
        write: Callable[[Any], None],
    ) -> None:
        widget.setAccessibleName(label)
        form.addRow(f"{label}:", widget)
        self.widgets[name], self.readers[name], self.writers[name] = widget, read, write

    def show_detail(self, detail: ApplicationDetail) -> None:
        """Show ``detail``; a field being edited keeps what the learner is typing."""
        self.detail = detail
        focused = self.focusWidget()
        for name, write in self.writers.items():
            widget = self.widgets[name]
            if widget is focused and widget.hasFocus():
                continue
            widget.blockSignals(True)
            write(getattr(detail, name))
            widget.blockSignals(False)
        self.error.hide()

    def _commit(self, name: str) -> None:
        if self.detail is None:
            return
        current = self.detail.fields()
        try:
            value = self.readers[name]()
            merged = check(ApplicationFields, {**current.model_dump(), name: value})
        except (ValueError, UserError) as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        old, new = jsonable(getattr(current, name)), jsonable(getattr(merged, name))
        if old != new:
            self.edit_requested.emit({name: getattr(current, name)}, {name: getattr(merged, name)})
            # Show the normalised value ("gbp" -> "GBP") and assume it until the reload.
            # Writing it also empties the field's own undo, so Ctrl+Z now undoes the save.
            self.detail = self.detail.model_copy(update={name: getattr(merged, name)})
            self.writers[name](getattr(merged, name))

    def focus_first(self) -> None:
        self.widgets["company"].setFocus(Qt.FocusReason.OtherFocusReason)
