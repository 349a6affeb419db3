"""The review of a posting's proposal: every field editable before anything is saved.

The dialog shows what was read (and by what: CareerDesk's rules or Gemini), lets the learner
correct any field, untick skills that are wrong and add missing ones, and edit the posting
text kept as the application's description. Save stays disabled until company and title are
filled; a duplicate of an existing application is named as you type, as in the New
application dialog.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.postings.models import PostingProposal, ProposedSkill
from careerdesk.core.reference.tech_names import short_tech_name
from careerdesk.ui.common import theme
from careerdesk.ui.common.date_field import DateField
from careerdesk.ui.pipeline.forms import parse_amount

REMOTE_CHOICES = (("", "Not known"), ("yes", "Remote"), ("hybrid", "Hybrid"), ("no", "On-site"))
# Notices are themed by kind (docs/design.md).
NOTE_CSS = "info"
WARN_CSS = "warning"


class SkillList(QWidget):
    """Checkable skills (ticked = keep) and a line to add one."""

    def __init__(self, title: str, skills: list[ProposedSkill]) -> None:
        super().__init__()
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(QLabel(f"<b>{html.escape(title)}</b>"))
        self.list = QListWidget()
        self.list.setAccessibleName(title)
        self.list.setMaximumHeight(150)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        v.addWidget(self.list)
        self.add_edit = QLineEdit()
        self.add_edit.setPlaceholderText("Add a skill and press Enter")
        self.add_edit.returnPressed.connect(self._add_typed)
        v.addWidget(self.add_edit)
        for skill in skills:
            self.add(skill)

    def add(self, skill: ProposedSkill) -> None:
        label = skill.name
        shown = [short_tech_name(t) for t in skill.technologies[:4]]
        shown = [t for t in shown if t.casefold() != skill.name.casefold()]  # not "SQL (SQL)"
        if shown:
            label += f"  ({', '.join(shown)})"
        item = QListWidgetItem(label)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        item.setData(Qt.ItemDataRole.UserRole, skill)
        item.setToolTip(
            label if skill.skill_id else f"{label} — not one of CareerDesk's catalogue skills"
        )
        self.list.addItem(item)

    def _add_typed(self) -> None:
        name = " ".join(self.add_edit.text().split())
        if name:
            self.add(ProposedSkill(name=name[:80]))
            self.add_edit.clear()

    def kept(self) -> list[ProposedSkill]:
        out = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out


class PostingReviewDialog(QDialog):
    """Review and edit a :class:`PostingProposal`; ``result_proposal`` holds the edited one."""

    def __init__(
        self,
        proposal: PostingProposal,
        parent: QWidget | None = None,
        *,
        duplicates: ApplicationService | None = None,
        profile_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New application from a posting")
        self.proposal = proposal
        self.result_proposal: PostingProposal | None = None
        self.allow_duplicate = False
        self._dupes = duplicates
        self._profile_id = profile_id
        self.resize(1100, 720)

        outer = QVBoxLayout(self)
        found = proposal.found()
        how = (
            "Gemini (AI) and CareerDesk"
            if proposal.extracted_by == "gemini"
            else "CareerDesk, on this computer"
        )
        source = "pasted text" if proposal.source == "pasted" else proposal.source
        intro = QLabel(
            f"Read from <b>{html.escape(source)}</b> by {how}. Found: "
            f"{html.escape(', '.join(found)) or 'nothing'}. Check every field; nothing is "
            "saved until you press <b>Save application</b>."
        )
        intro.setWordWrap(True)
        theme.set_notice(intro, NOTE_CSS)
        outer.addWidget(intro)
        self.notice = QLabel(html.escape(proposal.notice))
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(
            WARN_CSS
            if "could not" in proposal.notice or "not set up" in proposal.notice
            else NOTE_CSS
        )
        self.notice.setVisible(bool(proposal.notice))
        outer.addWidget(self.notice)

        split = QSplitter()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 6, 0)
        form = QFormLayout()
        self.company = self._line(form, "Company *", proposal.company, "e.g. Monzo")
        self.title_edit = self._line(form, "Job title *", proposal.title, "e.g. Data Analyst")
        self.duplicate = QLabel()
        self.duplicate.setWordWrap(True)
        theme.set_notice(self.duplicate, WARN_CSS)
        self.duplicate.hide()
        form.addRow(self.duplicate)
        self.location = self._line(form, "Location", proposal.location, "city, or leave empty")
        self.remote = QComboBox()
        for value, label in REMOTE_CHOICES:
            self.remote.addItem(label, value)
        self.remote.setCurrentIndex(max(0, self.remote.findData(proposal.remote)))
        form.addRow("Work mode", self.remote)
        salary = QHBoxLayout()
        self.salary_min = QLineEdit("" if proposal.salary_min is None else str(proposal.salary_min))
        self.salary_max = QLineEdit("" if proposal.salary_max is None else str(proposal.salary_max))
        self.currency = QLineEdit(proposal.currency)
        self.currency.setMaximumWidth(60)
        self.currency.setPlaceholderText("GBP")
        for w, tip in ((self.salary_min, "from"), (self.salary_max, "to")):
            w.setPlaceholderText(f"yearly, {tip}")
        salary.addWidget(self.salary_min)
        salary.addWidget(QLabel("–"))
        salary.addWidget(self.salary_max)
        salary.addWidget(self.currency)
        form.addRow("Salary", salary)
        self.deadline = DateField(proposal.deadline, optional=True)
        self.deadline.setAccessibleName("Apply by")
        form.addRow("Apply by", self.deadline)
        self.url = self._line(form, "Posting link", proposal.posting_url, "https://…")
        # The occupation's plain title; its code means nothing to a job seeker (issue 18).
        occupation = (
            html.escape(proposal.onet_title)
            if proposal.onet_code
            else "Not recognised — that is fine, nothing depends on it"
        )
        self.occupation = QLabel(occupation)
        self.occupation.setWordWrap(True)
        form.addRow("Kind of job", self.occupation)
        lv.addLayout(form)
        skills = QHBoxLayout()
        self.required = SkillList("Required skills", proposal.required)
        self.preferred = SkillList("Preferred skills", proposal.preferred)
        skills.addWidget(self.required)
        skills.addWidget(self.preferred)
        lv.addLayout(skills)
        techs = ", ".join(short_tech_name(t) for t in proposal.technologies) or "none named"
        self.techs = QLabel(f"<b>Technologies</b>: {html.escape(techs)}")
        self.techs.setWordWrap(True)
        lv.addWidget(self.techs)
        lv.addStretch(1)
        split.addWidget(left)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(6, 0, 0, 0)
        rv.addWidget(QLabel("<b>Posting text</b> (kept as the application's description)"))
        self.text = QPlainTextEdit(proposal.description)
        self.text.setAccessibleName("Posting text")
        rv.addWidget(self.text, 1)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        outer.addWidget(split, 1)

        self.error = QLabel()
        theme.set_tone(self.error, "danger")
        self.error.setWordWrap(True)
        outer.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Save application")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        send_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        send_shortcut.activated.connect(self.accept)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self._check)
        self.company.textChanged.connect(lambda _t: self._timer.start())
        self.title_edit.textChanged.connect(lambda _t: self._timer.start())
        self._check()
        (self.title_edit if proposal.company and not proposal.title else self.company).setFocus()

    def _line(self, form: QFormLayout, label: str, value: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(value)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(label.rstrip(" *"))
        form.addRow(label, edit)
        return edit

    def _check(self) -> None:
        company, title = self.company.text().strip(), self.title_edit.text().strip()
        missing = [n for n, v in (("company", company), ("job title", title)) if not v]
        self.save_button.setEnabled(not missing)
        self.save_button.setToolTip(f"Fill in the {' and '.join(missing)}" if missing else "")
        matches: list[Any] = []
        if self._dupes is not None and self._profile_id is not None and not missing:
            # One indexed lookup: cheap enough for the GUI thread (as in New application).
            matches = self._dupes.find_duplicates(self._profile_id, company, title)
        self.allow_duplicate = bool(matches)
        if matches:
            lines = "<br>".join(html.escape(m.describe()) for m in matches)
            self.duplicate.setText(f"<b>You may have this one already:</b><br>{lines}")
            self.save_button.setText("Save anyway")
        else:
            self.save_button.setText("Save application")
        self.duplicate.setVisible(bool(matches))
        self.error.setText("" if not missing else f"Fill in the {' and '.join(missing)} to save.")

    def edited(self) -> PostingProposal:
        """The proposal as edited; ValueError/UserError when a field cannot be read."""
        try:
            low = parse_amount(self.salary_min.text())
            high = parse_amount(self.salary_max.text())
        except ValueError as exc:
            raise UserError(f"Salary: {exc}") from None
        deadline = self.deadline.value()
        currency = self.currency.text().strip().upper()
        if currency and (len(currency) != 3 or not currency.isalpha()):
            raise UserError("Currency: use a three-letter code such as GBP, EUR or USD.")
        if low is not None and high is not None and low > high:
            raise UserError("Salary: the first figure is above the second.")
        return self.proposal.model_copy(
            update={
                "company": " ".join(self.company.text().split()),
                "title": " ".join(self.title_edit.text().split()),
                "location": " ".join(self.location.text().split()),
                "remote": self.remote.currentData(),
                "salary_min": low,
                "salary_max": high,
                "currency": currency,
                "deadline": deadline,
                "posting_url": self.url.text().strip(),
                "required": self.required.kept(),
                "preferred": self.preferred.kept(),
                "description": self.text.toPlainText().strip(),
            }
        )

    def accept(self) -> None:
        self._timer.stop()
        self._check()
        if not self.save_button.isEnabled():
            return
        try:
            self.result_proposal = self.edited()
        except UserError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
