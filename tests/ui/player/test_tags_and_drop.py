# ruff: noqa: F811  (the fixtures are shared with test_player.py by import)
"""Issue 17: after adding videos the learner confirms or edits the suggested skills; dropping
a folder or video files on the Player adds them the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from tests.media import make_clip
from tests.ui.player.test_player import lib, make_tab, progress, rec  # noqa: F401

pytestmark = pytest.mark.timeout(60)


def _dialog(tab, qtbot):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: (
            tab.library_actions.tag_dialog is not None
            and tab.library_actions.tag_dialog.isVisible()
        ),
        timeout=5000,
    )
    return tab.library_actions.tag_dialog


def test_adding_a_video_asks_to_confirm_the_suggested_skills(
    ui_ctx, make_tab, lib, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    clip = make_clip(tmp_path / "Videos" / "03 - SQL Joins Explained.mp4", 1.0)
    tab = make_tab()
    tab.library_actions.add_video_files([clip])
    dialog = _dialog(tab, qtbot)
    qtbot.waitUntil(lambda: tab.session.entry is not None, timeout=5000)
    cid = tab.session.entry.content_id
    assert dialog.chosen(cid) == ["sql"]  # pre-checked
    # The search narrows the list to matching skills.
    dialog.search.setText("pyth")
    assert dialog.visible_skills() == ["python"]
    dialog.set_checked("python", True)
    dialog.search.clear()
    dialog.set_checked("sql", True)
    assert "Teaches: SQL, Python" in dialog.summary.text()
    dialog.accept()
    ui_ctx.runner.wait_idle(10)
    assert lib.entries(ui_ctx.profile_id, [cid])[0].skills == ["sql", "python"]


def test_cancel_keeps_the_suggestion_and_the_menu_edits_later(
    ui_ctx, make_tab, lib, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    clip = make_clip(tmp_path / "Videos" / "excel_pivot_tables_part2.mp4", 1.0)
    tab = make_tab()
    tab.library_actions.add_video_files([clip])
    _dialog(tab, qtbot).reject()
    ui_ctx.runner.wait_idle(10)
    entry = lib.playlist(ui_ctx.profile_id)[0]
    assert entry.skills == ["data_analysis"]
    tab.library_actions.edit_skills(entry)
    dialog = _dialog(tab, qtbot)
    dialog.set_checked("data_analysis", False)
    assert "No skills" in dialog.summary.text()
    dialog.accept()
    ui_ctx.runner.wait_idle(10)
    assert lib.playlist(ui_ctx.profile_id)[0].skills == []


def _drop(tab, paths: list[Path]) -> QDropEvent:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    tab.dropEvent(event)
    return event


def test_dropping_a_folder_imports_a_course_and_asks_for_its_skills(
    ui_ctx, make_tab, lib, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Videos" / "Statistics course"
    make_clip(folder / "01 Hypothesis Testing.mp4", 1.0)
    make_clip(folder / "02 welcome.mp4", 1.0)
    tab = make_tab()
    assert tab.acceptDrops()
    event = _drop(tab, [folder])
    assert event.isAccepted()
    dialog = _dialog(tab, qtbot)
    assert dialog.videos.count() == 2
    entries = lib.playlist(ui_ctx.profile_id)
    by_title = {e.title: e for e in entries}
    first, second = by_title["01 Hypothesis Testing"], by_title["02 welcome"]
    # The course folder's name suggests statistics for both; the first also by its own name.
    assert dialog.chosen(first.content_id) == ["statistics"]
    assert dialog.chosen(second.content_id) == ["statistics"]
    dialog.videos.setCurrentRow(1)
    dialog.set_checked("communication", True)
    dialog.accept()
    ui_ctx.runner.wait_idle(10)
    assert lib.entries(ui_ctx.profile_id, [second.content_id])[0].skills == [
        "statistics",
        "communication",
    ]


def test_dropping_video_files_adds_them_and_other_files_are_refused(
    ui_ctx, make_tab, lib, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    clip = make_clip(tmp_path / "Videos" / "Python Decorators.mp4", 1.0)
    note = tmp_path / "notes.txt"
    note.write_text("hello")
    tab = make_tab()
    assert not _drop(tab, [note]).isAccepted()
    assert lib.playlist(ui_ctx.profile_id) == []
    assert _drop(tab, [clip, note]).isAccepted()
    dialog = _dialog(tab, qtbot)
    qtbot.waitUntil(lambda: len(lib.playlist(ui_ctx.profile_id)) == 1, timeout=5000)
    entry = lib.playlist(ui_ctx.profile_id)[0]
    assert dialog.chosen(entry.content_id) == ["python"]
    dialog.accept()
