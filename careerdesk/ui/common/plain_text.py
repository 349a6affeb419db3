"""Message boxes show their text as plain text, always (issue 19: user-supplied names are
never rendered as rich text).

Qt's message boxes guess the format (``Qt.AutoText``): a profile name such as
``<img src=…>Ben`` or an application title with ``<b>`` would be drawn as HTML. Rather than
trusting every one of the app's message boxes to escape what it shows, one application-wide
event filter sets ``Qt.PlainText`` on each message box before it is first shown. (Labels
that show user data set ``PlainText`` themselves: the PIN pad, the session bar, the desktop
gate's dialogs.)
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox


class _PlainTextBoxes(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QMessageBox):
            watched.setTextFormat(Qt.TextFormat.PlainText)
        return False


_filter: _PlainTextBoxes | None = None


def install() -> None:
    """Install the filter once on the running QApplication."""
    global _filter
    app = QApplication.instance()
    if app is None or _filter is not None:
        return
    _filter = _PlainTextBoxes(app)
    app.installEventFilter(_filter)
