"""Issue 18 (board): the detail panel's header keeps its layout; its tabs never overflow."""

from __future__ import annotations

from PySide6.QtCore import QRect

from careerdesk.core.pipeline.states import State

LONG_COMPANY = "The International Consolidated Widget and Gadget Manufacturing Company plc"


def _open(tab, app_id, qtbot):  # type: ignore[no-untyped-def]
    tab.open_detail(app_id)
    qtbot.waitUntil(lambda: tab.detail.detail is not None and tab.detail.detail.id == app_id)
    return tab.detail


def _geometry(panel) -> dict[str, object]:  # type: ignore[no-untyped-def]
    header = panel.header
    return {
        "header": header.size(),
        "company": header.company.geometry(),
        "title": header.title.geometry(),
        "undo": header.undo_button.geometry(),
        "redo": header.redo_button.geometry(),
        "tabs": panel.tabs.geometry(),
    }


def test_header_keeps_its_layout_after_a_move(tab, svc, apps, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    pid = ui_ctx.profile_id
    long = svc.create(pid, {"company": LONG_COMPANY, "title": "Analyst", "state": "APPLIED"}).id
    tab.resize(1024, 700)
    panel = _open(tab, apps["acme"], qtbot)
    qtbot.wait(20)
    before = _geometry(panel)
    line = panel.header.company.fontMetrics().height()
    assert panel.header.company.height() < 2 * line  # one line
    assert panel.header.undo_button.text() == "Undo" and not panel.header.undo_button.isEnabled()
    panel.request_move(State.PHONE_INTERVIEW)
    ui_ctx.runner.wait_idle(5)
    qtbot.waitUntil(lambda: panel.detail.state == State.PHONE_INTERVIEW)
    qtbot.wait(20)
    # The undo button now undoes the move: same label and place, the move in its tooltip.
    undo = panel.header.undo_button
    assert undo.isEnabled() and undo.text() == "Undo"
    assert "Move" in undo.toolTip() and "Phone interview" in undo.toolTip()
    assert _geometry(panel) == before
    assert panel.chip.text() == "Phone interview"
    # A very long company name stays on one line, elided, whole in the tooltip.
    panel = _open(tab, long, qtbot)
    qtbot.wait(20)
    assert _geometry(panel) == {**before, "undo": before["undo"], "redo": before["redo"]}
    company = panel.header.company
    assert company.is_elided() and company.full_text() == LONG_COMPANY
    assert company.toolTip() == LONG_COMPANY
    assert company.height() < 2 * line
    assert company.fontMetrics().horizontalAdvance(company.text()) <= company.width()


def test_every_detail_tab_is_visible_at_1024x700(main_window, svc, apps, qtbot) -> None:  # type: ignore[no-untyped-def]
    main_window.resize(1024, 700)
    tab = main_window.show_tab("pipeline")
    qtbot.waitUntil(lambda: tab.store.loaded and len(tab.store.rows) == 3, timeout=5000)
    svc.add_offer(apps["globex"], {"base": 60000, "currency": "GBP"})
    panel = _open(tab, apps["globex"], qtbot)
    qtbot.waitUntil(lambda: "Offers (1)" in [panel.tabs.tabText(i) for i in range(6)])
    qtbot.wait(20)
    bar = panel.tabs.tabBar()
    names = [bar.tabText(i) for i in range(bar.count())]
    assert names == ["Details", "Timeline", "Interviews (0)", "Offers (1)", "People", "Fit"]
    # Every tab lies inside the bar, the bar inside the panel, the panel inside the window.
    for i in range(bar.count()):
        assert bar.rect().contains(bar.tabRect(i)), names[i]
    bar_in_window = QRect(bar.mapTo(main_window, bar.rect().topLeft()), bar.size())
    panel_in_window = QRect(panel.mapTo(main_window, panel.rect().topLeft()), panel.size())
    assert panel_in_window.contains(bar_in_window)
    assert main_window.rect().contains(panel_in_window)
    assert panel.width() >= panel.minimumSizeHint().width()
