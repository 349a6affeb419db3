"""Detail panel: fields, timeline, children; every edit undoable until the panel closes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QLineEdit

from careerdesk.core.pipeline.states import State
from careerdesk.ui.pipeline import undo


def _open(tab, app_id, qtbot):  # type: ignore[no-untyped-def]
    tab.open_detail(app_id)
    qtbot.waitUntil(lambda: tab.detail.detail is not None and tab.detail.detail.id == app_id)
    return tab.detail


def _settle(ctx, panel, qtbot, check):  # type: ignore[no-untyped-def]
    ctx.runner.wait_idle(5)
    qtbot.waitUntil(check, timeout=3000)


def test_panel_shows_fields_timeline_and_children(tab, svc, apps, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    start = datetime.now(UTC) + timedelta(days=3)
    svc.add_interview(apps["globex"], {"kind": "panel", "starts_at": start, "interviewers": "A, B"})
    offer = svc.add_offer(apps["globex"], {"base": 60000, "currency": "GBP", "equity": "0.1%"})
    svc.add_round(offer.id, {"requested_base": 66000, "response_base": 63000, "note": "call"})
    svc.add_contact(apps["globex"], {"name": "Jo Recruiter", "email": "jo@globex.example"})
    svc.add_document(apps["globex"], {"kind": "resume", "path": "/tmp/cv.pdf", "version": "v2"})
    svc.add_note(apps["globex"], "Phoned the hiring manager")
    panel = _open(tab, apps["globex"], qtbot)
    _settle(ui_ctx, panel, qtbot, lambda: len(panel.detail.documents) == 1)
    assert "Globex" in panel.heading.text() and panel.chip.text() == "Screening"
    assert panel.fields.widgets["company"].text() == "Globex"
    html = panel.timeline.toPlainText()
    assert "Phoned the hiring manager" in html and "Moved Applied → Screening" in html
    assert "Counter-offer 1: asked 66,000 → offered 63,000" in html
    assert panel.interviews.tree.topLevelItemCount() == 1
    assert panel.offers.tree.topLevelItem(0).childCount() == 1
    assert "0.1%" in panel.offers.info.text()
    assert panel.people.contacts.tree.topLevelItem(0).text(0) == "Jo Recruiter"
    assert panel.people.documents.tree.topLevelItem(0).text(1) == "v2"
    assert [a.text() for a in panel.move_menu.actions()][:2] == [
        "Phone interview",
        "Technical interview",
    ]


def test_field_edit_then_undo_and_redo(tab, svc, apps, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = _open(tab, apps["acme"], qtbot)
    edit: QLineEdit = panel.fields.widgets["location"]  # type: ignore[assignment]
    edit.setText("Manchester")
    edit.editingFinished.emit()
    ui_ctx.runner.wait_idle(5)
    assert svc.get(apps["acme"]).location == "Manchester"
    assert panel.undo_action.isEnabled()
    panel.undo_action.trigger()  # Ctrl+Z
    ui_ctx.runner.wait_idle(5)
    assert svc.get(apps["acme"]).location == "Leeds"
    qtbot.waitUntil(lambda: edit.text() == "Leeds")
    panel.redo_action.trigger()
    ui_ctx.runner.wait_idle(5)
    assert svc.get(apps["acme"]).location == "Manchester"
    kinds = [e.kind for e in svc.events(apps["acme"])]
    assert kinds.count("updated") == 3  # undo and redo are new events, history is never edited


def test_invalid_edit_is_shown_and_not_saved(tab, svc, apps, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = _open(tab, apps["acme"], qtbot)
    panel.fields.widgets["salary_min"].setText("90k")
    panel.fields.widgets["salary_min"].editingFinished.emit()
    panel.fields.widgets["salary_max"].setText("50k")
    panel.fields.widgets["salary_max"].editingFinished.emit()
    ui_ctx.runner.wait_idle(5)
    assert "above the maximum" in panel.fields.error.text()
    assert svc.get(apps["acme"]).salary_max is None
    assert panel.undo_stack.count() == 1  # only the valid minimum


def test_move_note_and_children_undo(tab, svc, apps, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = _open(tab, apps["acme"], qtbot)
    panel.request_move(State.SCREENING)
    ui_ctx.runner.wait_idle(5)
    assert svc.get(apps["acme"]).state == State.SCREENING
    panel.note_edit.setPlainText("Sent a thank-you e-mail")
    panel.add_note()
    panel.push(undo.add_child(ui_ctx, "contact", apps["acme"], {"name": "Ann"}))
    ui_ctx.runner.wait_idle(5)
    detail = svc.get(apps["acme"])
    assert [c.name for c in detail.contacts] == ["Ann"]
    assert any(e.kind == "note" for e in detail.events)
    for _ in range(3):
        panel.undo_action.trigger()
    ui_ctx.runner.wait_idle(5)
    detail = svc.get(apps["acme"])
    assert detail.state == State.APPLIED and detail.contacts == []
    qtbot.waitUntil(lambda: "Sent a thank-you" not in panel.timeline.toPlainText())


def test_undo_history_ends_when_the_panel_closes(tab, apps, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = _open(tab, apps["acme"], qtbot)
    panel.note_edit.setPlainText("x")
    panel.add_note()
    assert panel.undo_stack.canUndo()
    panel.close_panel()
    assert not panel.isVisible() and not panel.undo_stack.canUndo()
    panel = _open(tab, apps["acme"], qtbot)
    panel.note_edit.setPlainText("y")
    panel.add_note()
    _open(tab, apps["initech"], qtbot)  # another application: a fresh history
    assert not panel.undo_stack.canUndo()


def test_panel_closes_when_its_application_is_deleted(tab, svc, apps, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = _open(tab, apps["acme"], qtbot)
    svc.delete(apps["acme"])
    qtbot.waitUntil(lambda: not panel.isVisible())


def test_ctrl_z_from_a_field_undoes_the_saved_edit(tab, svc, apps, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    panel = _open(tab, apps["acme"], qtbot)
    tab.window().activateWindow()
    qtbot.waitActive(tab.window())
    location: QLineEdit = panel.fields.widgets["location"]  # type: ignore[assignment]
    location.setFocus()
    location.selectAll()
    qtbot.keyClicks(location, "York")
    qtbot.keyClick(location, Qt.Key.Key_Tab)  # leaving the field saves it
    ui_ctx.runner.wait_idle(5)
    assert svc.get(apps["acme"]).location == "York"
    focused = panel.fields.widgets["remote"]
    qtbot.keyClick(focused, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    ui_ctx.runner.wait_idle(5)
    assert svc.get(apps["acme"]).location == "Leeds"
    location.setFocus()  # a field whose own typing history is empty passes Ctrl+Z on
    qtbot.keyClick(
        location,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    ui_ctx.runner.wait_idle(5)
    assert svc.get(apps["acme"]).location == "York"
