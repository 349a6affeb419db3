"""Your profile: name, goal, location, study, interests ("About you" moved here from Home)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
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
        self.setWindowTitle(f"Your profile — {info.name}")
        form = QFormLayout(self)
        # Wide enough for a goal and the roles also considered on one line: a form row does
        # not grow for a label that wraps (the screens-fit test saw it cut at 1024 x 700).
        self.setMinimumWidth(560)
        self.name = QLineEdit(info.name)
        self.goal = QLabel(self._goal_text(info.target_role_ids))
        self.goal.setWordWrap(True)
        self.goal.setTextFormat(Qt.TextFormat.PlainText)
        self.goal_btn = QPushButton("Change…")
        self.goal_btn.setAccessibleName("Change your goal")
        self.goal_btn.clicked.connect(self._change_goal)
        goal_row = QHBoxLayout()
        goal_row.addWidget(self.goal, 1)
        goal_row.addWidget(self.goal_btn)
        self.full_name = QLineEdit(info.full_name)
        self.location = QLineEdit(info.location)
        self.location.setPlaceholderText("Home town or city")
        self.study = QLineEdit(info.field_of_study)
        self.study.setPlaceholderText("Course or field of study")
        self.interests = QPlainTextEdit(info.interests)
        self.interests.setPlaceholderText("What do you enjoy? e.g. data, design, helping people")
        self.interests.setFixedHeight(90)
        self.interests.setTabChangesFocus(True)  # Tab leaves the box, as in every field
        for label, widget in (
            ("Profile name", self.name),
            ("Full name", self.full_name),
            ("Location", self.location),
            ("Study", self.study),
            ("Interests", self.interests),
        ):
            widget.setAccessibleName(label)
        form.addRow("Profile name:", self.name)
        form.addRow("Full name:", self.full_name)
        form.addRow("Your goal:", goal_row)
        form.addRow("Location:", self.location)
        form.addRow("Study:", self.study)
        form.addRow("Interests:", self.interests)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @staticmethod
    def _goal_text(role_ids: list[str] | tuple[str, ...]) -> str:
        from careerdesk.core.reference.catalog import load_catalog

        roles = load_catalog().roles
        titles = [roles[r].title for r in role_ids if r in roles]
        if not titles:
            return "Not chosen yet"
        also = f" (also considering {', '.join(titles[1:])})" if len(titles) > 1 else ""
        return titles[0] + also

    def _change_goal(self) -> None:
        from careerdesk.ui.skills.target_role_dialog import TargetRoleDialog

        dialog = TargetRoleDialog(self.ctx, self.profile_id, self)
        if dialog.exec():  # saved on the write lane; show what was chosen
            self.goal.setText(self._goal_text(dialog.chosen_roles()))

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
