"""Edit a learner's details (name, location, study, interests)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.profiles.service import ProfileDetails
from careerdesk.ui.shell.context import UiContext
from careerdesk.ui.shell.errors import show_error


class ProfileDetailsDialog(QDialog):
    def __init__(self, ctx: UiContext, profile_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.profile_id = profile_id
        info = ctx.app.profiles.get(profile_id)
        self.setWindowTitle(f"Edit profile — {info.name}")
        form = QFormLayout(self)
        self.name = QLineEdit(info.name)
        self.full_name = QLineEdit(info.full_name)
        self.location = QLineEdit(info.location)
        self.location.setPlaceholderText("Home town or city")
        self.study = QLineEdit(info.field_of_study)
        self.study.setPlaceholderText("Course or field of study")
        self.interests = QPlainTextEdit(info.interests)
        self.interests.setPlaceholderText("What do you enjoy? e.g. data, design, helping people")
        self.interests.setFixedHeight(90)
        form.addRow("Profile name:", self.name)
        form.addRow("Full name:", self.full_name)
        form.addRow("Location:", self.location)
        form.addRow("Study:", self.study)
        form.addRow("Interests:", self.interests)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _save(self) -> None:
        profiles = self.ctx.app.profiles
        try:
            details = ProfileDetails(
                full_name=self.full_name.text().strip(),
                location=self.location.text().strip(),
                field_of_study=self.study.text().strip(),
                interests=self.interests.toPlainText().strip(),
            )
            if self.name.text().strip() != profiles.get(self.profile_id).name:
                profiles.rename(self.profile_id, self.name.text())
            profiles.update_details(self.profile_id, details)
        except (UserError, ValueError) as exc:
            show_error(exc if isinstance(exc, UserError) else UserError(str(exc)), self)
            return
        self.accept()
