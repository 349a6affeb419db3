"""Message boxes never render a user-supplied name as rich text (issue 19)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from careerdesk.ui.common import plain_text


def _answer_and_record(seen: list[Qt.TextFormat]) -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        seen.append(box.textFormat())
        box.accept()
    else:
        QTimer.singleShot(10, lambda: _answer_and_record(seen))


def test_every_message_box_shows_plain_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    plain_text.install()
    seen: list[Qt.TextFormat] = []
    QTimer.singleShot(0, lambda: _answer_and_record(seen))
    QMessageBox.information(None, "Profile", "Remove <img src='x'><b>Ben</b>?")
    assert seen == [Qt.TextFormat.PlainText]


@pytest.mark.parametrize("function", ["information", "question", "warning", "critical"])
def test_every_static_message_box_is_plain_text(qtbot, function: str) -> None:  # type: ignore[no-untyped-def]
    plain_text.install()
    seen: list[Qt.TextFormat] = []
    QTimer.singleShot(0, lambda: _answer_and_record(seen))
    getattr(QMessageBox, function)(None, "Profile", "Remove <b>Ben</b>?")
    assert seen == [Qt.TextFormat.PlainText]


@pytest.mark.parametrize("show", ["exec", "open", "show"])
def test_a_box_built_by_hand_is_plain_text_when_shown(qtbot, show: str) -> None:  # type: ignore[no-untyped-def]
    plain_text.install()
    box = QMessageBox(QMessageBox.Icon.Information, "Profile", "<b>Ben</b>")
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.AutoText  # Qt's default: guessed
    if show == "exec":
        QTimer.singleShot(0, box.accept)
    getattr(box, show)()
    assert box.textFormat() == Qt.TextFormat.PlainText


def test_no_filter_stays_on_the_application_between_boxes(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The filter is there only while a static message box is open: between boxes no widget
    event goes through Python for it (docs/performance.md, "Stalls")."""
    plain_text.install()
    seen: list[Qt.TextFormat] = []
    QTimer.singleShot(0, lambda: _answer_and_record(seen))
    QMessageBox.information(None, "Profile", "<b>Ben</b>")
    assert seen == [Qt.TextFormat.PlainText]
    # Shown the way no CareerDesk code shows a box (QWidget's own show, past the wrapper):
    # only an application-wide filter could still change its format.
    box = QMessageBox(QMessageBox.Icon.Information, "Profile", "<b>Ben</b>")
    qtbot.addWidget(box)
    QWidget.show(box)
    QApplication.processEvents()
    assert box.textFormat() == Qt.TextFormat.AutoText


def test_a_name_with_markup_is_shown_as_typed_on_home_and_in_the_status_bar(  # type: ignore[no-untyped-def]
    qtbot, sqlite_app
) -> None:
    from careerdesk.ui.home.tab import HomeTab
    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow

    typed = "<b>Ben</b>"
    profile = sqlite_app.profiles.create(typed)
    ctx = UiContext(sqlite_app, profile_id=profile.id)
    home = HomeTab(ctx)
    qtbot.addWidget(home)
    # The greeting is plain text (its size comes from the font): the name shows as typed.
    assert home.greeting.text() == "Hello, <b>Ben</b>"
    assert home.greeting.textFormat() == Qt.TextFormat.PlainText
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    label = window._profile_label
    assert label.text() == f"Profile: {typed}"
    assert label.textFormat() == Qt.TextFormat.PlainText
    ctx.runner.wait_idle(10)
    ctx.shutdown()
