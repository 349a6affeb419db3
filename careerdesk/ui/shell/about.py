"""Help → About: version, data credits and licences."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from careerdesk import APP_NAME, __version__
from careerdesk.resources_access import onet_credit


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        title = QLabel(f"<h2>{APP_NAME} {__version__}</h2>")
        layout.addWidget(title)
        body = QLabel(
            "An offline-first desktop companion from “what can I do” to “I got the offer”: "
            "assessments, learning paths, a video player that counts, career insights, skill "
            "charts and a job pipeline.<br><br>Your data stays on this computer. Gemini and "
            "Google Calendar are used only when you set them up."
        )
        body.setWordWrap(True)
        layout.addWidget(body)
        credit = QLabel(f"<b>Data credits</b><br>{onet_credit()}")
        credit.setWordWrap(True)
        credit.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.credit_label = credit
        layout.addWidget(credit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
