"""New application dialog, with the duplicate warning as you type.

As soon as company and title match an application you already have, the dialog says so
("Google — Data Analyst: already applied on 3 Mar 2026 (Phone interview)") and the save
button becomes "Save anyway", so keeping both is a deliberate choice.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QWidget

from careerdesk.core.pipeline.models import ApplicationInput
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import State
from careerdesk.ui.common import theme
from careerdesk.ui.pipeline.forms import FormDialog, parse_amount

START_STATES = (State.SAVED, State.APPLYING, State.APPLIED)


class NewApplicationDialog(FormDialog):
    """Collects an ``ApplicationInput``; ``allow_duplicate`` is True once the warning was seen."""

    def __init__(
        self, svc: ApplicationService, profile_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__("New application", ApplicationInput, parent)
        self.svc = svc
        self.profile_id = profile_id
        self.matches: list[Any] = []
        self.company = self.line("company", "Company", placeholder="e.g. Monzo")
        self.title_edit = self.line("title", "Job title", placeholder="e.g. Junior Data Analyst")
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        theme.set_notice(self.warning, "warning")
        self.warning.hide()
        self.form.addRow(self.warning)
        self.state = QComboBox()
        for s in START_STATES:
            self.state.addItem(s.label, s)
        self._add("state", "Status", self.state, self.state.currentData)
        self.line("location", "Location", placeholder="city, or Remote")
        remote = self.choice("remote", "Work mode", ("", "yes", "hybrid", "no"), "")
        for i, text in enumerate(("Not known", "Remote", "Hybrid", "On-site")):
            remote.setItemText(i, text)
        self.line("source", "Found via", placeholder="LinkedIn, referral, company site…")
        self.line("posting_url", "Link to the job ad", placeholder="https://…")
        lo = self.line("salary_min", "Salary from", placeholder="e.g. 45k")
        hi = self.line("salary_max", "Salary to", placeholder="e.g. 55k")
        self.getters["salary_min"] = lambda: parse_amount(lo.text())
        self.getters["salary_max"] = lambda: parse_amount(hi.text())
        self.line("currency", "Currency", placeholder="GBP, EUR, USD…")
        self.day("deadline", "Apply by", None)
        self.text("notes", "Notes")
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self._check_duplicates)
        self.company.textChanged.connect(lambda _t: self._timer.start())
        self.title_edit.textChanged.connect(lambda _t: self._timer.start())
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Save")

    @property
    def allow_duplicate(self) -> bool:
        return bool(self.matches)

    def _check_duplicates(self) -> None:
        company, title = self.company.text().strip(), self.title_edit.text().strip()
        # A single indexed lookup: cheap enough for the GUI thread.
        self.matches = (
            self.svc.find_duplicates(self.profile_id, company, title) if company and title else []
        )
        if self.matches:
            lines = "<br>".join(m.describe() for m in self.matches)
            self.warning.setText(f"<b>You may have this one already:</b><br>{lines}")
            self.ok_button.setText("Save anyway")
        else:
            self.ok_button.setText("Save")
        self.warning.setVisible(bool(self.matches))

    def accept(self) -> None:
        self._timer.stop()
        self._check_duplicates()
        super().accept()
