"""Message boxes never render a user-supplied name as rich text (issue 19)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from careerdesk.ui.common import plain_text


def test_every_message_box_shows_plain_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    plain_text.install()
    seen: list[Qt.TextFormat] = []

    def close_it() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.textFormat())
            box.accept()
        else:
            QTimer.singleShot(10, close_it)

    QTimer.singleShot(0, close_it)
    QMessageBox.information(None, "Profile", "Remove <img src='x'><b>Ben</b>?")
    assert seen == [Qt.TextFormat.PlainText]
