"""Capturing a posting in the Pipeline tab: paste, Ctrl+Shift+V, drop; review; save."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.postings.service import PostingService
from tests.core.postings.corpus import POSTINGS
from tests.core.postings.pdf import write_text_pdf

ACME = POSTINGS[0][1]


def _review(qtbot, tab) -> Any:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: tab.capture.last_dialog is not None, timeout=10000)
    return tab.capture.last_dialog


def test_paste_review_edit_and_save(qtbot, tab, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    tab.capture.read_text(ACME)
    dialog = _review(qtbot, tab)
    assert dialog.company.text() == "Acme Analytics Ltd"
    assert dialog.title_edit.text() == "Data Analyst"
    assert dialog.remote.currentData() == "hybrid"
    assert dialog.salary_min.text() == "32000" and dialog.currency.text() == "GBP"
    # "Closing date: 27 March 2026", shown in the app's one date format
    assert dialog.deadline.value() == date(2026, 3, 27)
    assert dialog.deadline.text() == "27 Mar 2026"
    assert dialog.required.list.count() >= 3
    assert "Data Analyst" in dialog.text.toPlainText()
    # The learner edits: a better title, drops the first required skill, adds one.
    dialog.title_edit.setText("Operations Data Analyst")
    first = dialog.required.list.item(0)
    dropped = first.data(Qt.ItemDataRole.UserRole).name
    first.setCheckState(Qt.CheckState.Unchecked)
    dialog.preferred.add_edit.setText("Tableau")
    dialog.preferred.add_edit.returnPressed.emit()
    dialog.accept()
    svc = ui_ctx.service(ApplicationService)
    qtbot.waitUntil(lambda: len(svc.list(ui_ctx.profile_id)) == 1, timeout=10000)
    row = svc.list(ui_ctx.profile_id)[0]
    assert row.title == "Operations Data Analyst"
    postings = ui_ctx.service(PostingService)
    qtbot.waitUntil(lambda: postings.posting(row.id) is not None, timeout=5000)
    info = postings.posting(row.id)
    assert dropped not in {s.name for s in info.required}
    assert "Tableau" in {s.name for s in info.preferred}
    qtbot.waitUntil(lambda: tab.detail.isVisible() and tab.detail.app_id == row.id, timeout=5000)
    # Its card is selected on the board too (issue 18: a new card comes into view).
    qtbot.waitUntil(lambda: tab.board.current_id() == row.id, timeout=5000)


def test_cancel_saves_nothing(qtbot, tab, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    tab.capture.read_text(ACME)
    _review(qtbot, tab).reject()
    ui_ctx.runner.wait_idle(5)
    assert ui_ctx.service(ApplicationService).list(ui_ctx.profile_id) == []


def test_save_needs_company_and_title(qtbot, tab) -> None:  # type: ignore[no-untyped-def]
    tab.capture.read_text("Requirements\n- SQL\n- Python\n")
    dialog = _review(qtbot, tab)
    assert not dialog.save_button.isEnabled()
    assert "company and job title" in dialog.error.text()
    dialog.company.setText("Acme")
    dialog.title_edit.setText("Analyst")
    dialog._check()
    assert dialog.save_button.isEnabled()
    dialog.reject()


def test_duplicate_is_named_in_the_review(qtbot, tab, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    ui_ctx.service(ApplicationService).create(
        ui_ctx.profile_id, {"company": "Acme Analytics", "title": "Data Analyst"}
    )
    tab.capture.read_text(ACME)
    dialog = _review(qtbot, tab)
    assert dialog.duplicate.isVisible() or not dialog.duplicate.isHidden()
    assert dialog.save_button.text() == "Save anyway"
    assert dialog.allow_duplicate
    dialog.reject()


def test_nothing_useful_says_so(qtbot, tab, ui_ctx, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _p, _t, text, *a, **k: shown.append(text)
    )
    tab.capture.read_text("Thanks, see you on Friday!")
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "Nothing was saved" in shown[0]
    assert tab.capture.last_dialog is None


def test_ctrl_shift_v_reads_the_clipboard(qtbot, tab) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setText("Data Analyst")
    mime.setHtml(
        "<html><body><script>alert(1)</script><h1>Backend Developer</h1>"
        "<p>Company: Globex</p><ul><li>Python</li><li>Docker</li></ul></body></html>"
    )
    QGuiApplication.clipboard().setMimeData(mime)
    tab.search.clearFocus()
    tab.setFocus()
    qtbot.keyClick(
        tab, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    try:
        dialog = _review(qtbot, tab)
        assert (dialog.company.text(), dialog.title_edit.text()) == (
            "Globex",
            "Backend Developer",
        )
        assert "alert" not in dialog.text.toPlainText()
        dialog.reject()
    finally:
        # The clipboard owns the mime data now; left there, it is deleted after the
        # QApplication at interpreter exit, which crashes the test process.
        QGuiApplication.clipboard().clear()


def _drop(tab, paths: list[Path]) -> tuple[bool, bool]:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    # Dropped on a board column: the column ignores files and Qt hands the event to the tab.
    from careerdesk.core.pipeline.states import State

    target = tab.board.column_for(State.SAVED).list.viewport()
    pos = QPoint(20, 20)
    actions = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(target, enter)
    drop = QDropEvent(pos.toPointF(), actions, mime, buttons, mods)
    QApplication.sendEvent(target, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_drop_pdf_and_html_files(qtbot, tab, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = write_text_pdf(tmp_path / "acme.pdf", [ACME])
    assert _drop(tab, [pdf]) == (True, True)
    dialog = _review(qtbot, tab)
    assert dialog.company.text() == "Acme Analytics Ltd"
    assert dialog.proposal.source == "acme.pdf"
    dialog.reject()
    qtbot.waitUntil(lambda: tab.capture.last_dialog is None, timeout=5000)
    other = tmp_path / "notes.docx"
    other.write_bytes(b"x")
    assert _drop(tab, [other]) == (False, False)
