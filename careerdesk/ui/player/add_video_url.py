"""Add a video link: a direct video file (plays here) or a web page (opens in the browser)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.player.media import SOURCE_PAGE, classify_url, is_page_host, validate_url
from careerdesk.ui.common import theme

PAGE_NOTE = (
    "YouTube, Vimeo and similar sites show their videos inside a web page, not as a video "
    "file another player can open. CareerDesk opens such links in your browser; mark them "
    "watched here when you have finished."
)


class AddVideoUrlDialog(QDialog):
    """Asks for the address, an optional title, and whether it plays here or in the browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add video URL")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://example.org/lessons/intro.mp4")
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("optional: taken from the address")
        form.addRow("Address:", self.url_edit)
        form.addRow("Title:", self.title_edit)
        layout.addLayout(form)
        self.stream_radio = QRadioButton("A video file: play it in CareerDesk")
        self.page_radio = QRadioButton("A web page (YouTube and similar): open it in my browser")
        group = QButtonGroup(self)
        group.addButton(self.stream_radio)
        group.addButton(self.page_radio)
        self.page_radio.setChecked(True)
        layout.addWidget(self.stream_radio)
        layout.addWidget(self.page_radio)
        self.note = QLabel(PAGE_NOTE)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.error = QLabel()
        theme.set_tone(self.error, "danger")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.url_edit.textChanged.connect(self._guess)

    def _guess(self, text: str) -> None:
        """Pre-select what the address looks like; YouTube and co. can only be pages."""
        self.error.clear()
        try:
            url = validate_url(text)
        except ValidationError:
            self.stream_radio.setEnabled(True)
            return
        page_only = is_page_host(url)
        self.stream_radio.setEnabled(not page_only)
        (self.page_radio if classify_url(url) == SOURCE_PAGE else self.stream_radio).setChecked(
            True
        )

    def _accept(self) -> None:
        try:
            validate_url(self.url_edit.text())
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        self.accept()

    def values(self) -> tuple[str, str | None, bool]:
        """(address, title or None, opens as a page)."""
        title = self.title_edit.text().strip() or None
        return self.url_edit.text().strip(), title, self.page_radio.isChecked()
