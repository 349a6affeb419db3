"""Outside kiosk mode: native file dialogs, with their last folder and history kept per
profile in CareerDesk's settings and never in Qt's global settings (issue 25)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from careerdesk.ui.common import file_dialogs


def _answer_next_dialog(choose: Path, seen: list[str]) -> None:
    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog) and dialog.isVisible():
            seen.append(dialog.directory().absolutePath())
            dialog.selectFile(str(choose))
            dialog.accept()
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def test_history_is_per_profile_and_not_in_qt_settings(ui_ctx, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    qt_home = tmp_path / "qt-settings"
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(qt_home))
    ana_docs = tmp_path / "ana-docs"
    ana_docs.mkdir()
    cv = ana_docs / "cv.pdf"
    cv.write_bytes(b"%PDF")
    seen: list[str] = []
    _answer_next_dialog(cv, seen)
    chosen = file_dialogs.open_file(None, "Choose", purpose="documents", start=tmp_path)
    assert chosen == cv
    settings, ana = ui_ctx.settings, ui_ctx.profile_id
    assert file_dialogs.last_folder(settings, ana, "documents") == str(ana_docs)
    assert file_dialogs.history(settings, ana) == [str(ana_docs)]
    qt = QSettings(QSettings.Scope.UserScope, "QtProject")
    qt.beginGroup("FileDialog")
    assert qt.value("history") is None and qt.value("lastVisited") is None

    # Ana again: the dialog starts where she was. Another learner: not there, no history.
    _answer_next_dialog(cv, seen)
    file_dialogs.open_file(None, "Choose", purpose="documents", start=tmp_path)
    assert seen[1] == str(ana_docs)
    ben = ui_ctx.app.profiles.create("Ben")
    ui_ctx.set_profile(ben.id)
    other = tmp_path / "elsewhere.txt"
    other.write_text("x")
    _answer_next_dialog(other, seen)
    file_dialogs.open_file(None, "Choose", purpose="documents", start=tmp_path)
    assert seen[2] == str(tmp_path)
    assert file_dialogs.history(settings, ben.id) == [str(tmp_path)]
    # A deleted profile's history goes with it.
    file_dialogs.forget_profile(settings, ana)
    assert file_dialogs.history(settings, ana) == []
