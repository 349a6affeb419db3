"""Message boxes show their text as plain text, always (issue 19: user-supplied names are
never rendered as rich text).

Qt's message boxes guess the format (``Qt.AutoText``): a profile name such as
``<img src=…>Ben`` or an application title with ``<b>`` would be drawn as HTML. Rather than
trusting every one of the app's message boxes to escape what it shows, :func:`install` makes
every way of showing one set ``Qt.PlainText`` first:

* a box the code builds itself gets it when it is shown (``exec``, ``open``, ``show``);
* the static functions (``QMessageBox.question`` …) build and show their box inside the one
  call, so for the length of that call an application-wide event filter sets it on the box's
  Show event.

Why not one application-wide filter for the whole session (the first version): it puts a
Python call in front of every event of every widget, and while a worker thread runs Python
each of those calls first waits for the interpreter lock; building the first Home stalled the
window measurably longer with it (docs/performance.md, "Stalls"). (Labels that show user data
set ``PlainText`` themselves: the PIN pad, the session bar, the desktop gate's dialogs.)
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

# The static functions that build and show a box in one call.
STATIC_FUNCTIONS = ("about", "critical", "information", "question", "warning")
# What shows a box the code built itself.
SHOW_METHODS = ("exec", "open", "show")


class _PlainTextBoxes(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QMessageBox):
            watched.setTextFormat(Qt.TextFormat.PlainText)
        return False


_filter: _PlainTextBoxes | None = None
_inside = 0  # static calls in progress (a box may open another)


def _filtered(function: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        global _inside
        app = QApplication.instance()
        if _inside == 0 and app is not None and _filter is not None:
            app.installEventFilter(_filter)
        _inside += 1
        try:
            return function(*args, **kwargs)
        finally:
            _inside -= 1
            if _inside == 0 and app is not None and _filter is not None:
                app.removeEventFilter(_filter)

    return call


def _plain_first(method: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(method)
    def show(self: QMessageBox, *args: Any, **kwargs: Any) -> Any:
        self.setTextFormat(Qt.TextFormat.PlainText)
        return method(self, *args, **kwargs)

    return show


def install() -> None:
    """Make every message box plain text, once, on the running QApplication."""
    global _filter
    app = QApplication.instance()
    if app is None or _filter is not None:
        return
    _filter = _PlainTextBoxes(app)
    for name in STATIC_FUNCTIONS:
        setattr(QMessageBox, name, staticmethod(_filtered(getattr(QMessageBox, name))))
    for name in SHOW_METHODS:
        setattr(QMessageBox, name, _plain_first(getattr(QMessageBox, name)))
