"""Issue 18 (board): grouped columns, badges, drops onto groups, new cards in view, cards whole."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyleOptionViewItem

from careerdesk.core.pipeline.board_groups import BoardGroup
from careerdesk.core.pipeline.states import State

from .conftest import drag_and_drop

G = BoardGroup


def _badge(tab, app_id: int) -> str | None:  # type: ignore[no-untyped-def]
    chip = tab.board.delegate.badge(tab.board.rows[app_id])
    return None if chip is None else chip[0]


def test_grouped_columns_are_the_default(tab, apps) -> None:  # type: ignore[no-untyped-def]
    board = tab.board
    assert board.grouped and not board.stages_button.isChecked()
    assert list(board.columns) == list(BoardGroup)
    assert [c.label for c in board.columns.values()] == [
        "Saved",
        "Applying",
        "Applied",
        "Interviewing",
        "Offer",
        "Closed",
    ]
    assert board.zone_bar.isHidden()  # the Closed column replaces the drop zones
    counts = {g: c.model.rowCount() for g, c in board.columns.items()}
    assert counts == {G.SAVED: 1, G.APPLYING: 0, G.APPLIED: 1, G.INTERVIEWING: 1, G.OFFER: 0} | {
        G.CLOSED: 0
    }
    assert "Interviewing" in board.columns[G.INTERVIEWING].header.text()
    # Globex is in screening: the Interviewing column says which stage on its card.
    assert _badge(tab, apps["globex"]) == "Screening"
    assert _badge(tab, apps["acme"]) is None  # Applied is its own column: no badge needed


def test_every_stage_is_one_click_away_and_remembered_per_profile(tab, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.pipeline.pipeline_widget import PipelineTab

    tab.board.stages_button.click()
    assert not tab.board.grouped
    assert list(tab.board.columns)[:3] == [State.SAVED, State.APPLYING, State.APPLIED]
    assert len(tab.board.columns) == 10 and tab.board.zone_bar.isVisibleTo(tab.board)
    assert tab.board.columns[State.SCREENING].model.rowCount() == 1
    assert _badge(tab, tab.board.columns[State.SCREENING].model.rows[0].id) is None
    pid = ui_ctx.profile_id
    assert ui_ctx.settings.pipeline.every_stage == {str(pid): True}
    again = PipelineTab(ui_ctx)  # the next time the tab is built (a restart)
    qtbot.addWidget(again)
    assert not again.board.grouped and again.board.stages_button.isChecked()
    other = ui_ctx.app.profiles.create("Someone else")
    ui_ctx.set_profile(other.id)
    qtbot.waitUntil(lambda: again.board.grouped)  # another profile: its own choice
    ui_ctx.set_profile(pid)
    qtbot.waitUntil(lambda: not again.board.grouped)


def test_fit_verdict_badges_only_before_applying(tab, apps, svc, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    pid = ui_ctx.profile_id
    applying = svc.create(pid, {"company": "Umbrella", "title": "Analyst", "state": "APPLYING"})
    qtbot.waitUntil(lambda: applying.id in tab.board.rows)
    everyone = [apps["initech"], applying.id, apps["acme"], apps["globex"]]
    tab.board.set_verdicts(dict.fromkeys(everyone, "reconsider"))
    for grouped in (True, False):
        tab.board.set_grouped(grouped)
        assert _badge(tab, apps["initech"]) == "Reconsider"  # saved
        assert _badge(tab, applying.id) == "Reconsider"  # applying
        assert _badge(tab, apps["acme"]) is None  # applied: too late to reconsider
    tab.board.set_grouped(True)
    assert _badge(tab, apps["globex"]) == "Screening"  # the stage, never the verdict
    tab.board.set_grouped(False)
    assert _badge(tab, apps["globex"]) is None


def test_drops_onto_grouped_columns(tab, apps, svc, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    board = tab.board
    # Applied → Interviewing: the next stage, Screening.
    source = board.columns[G.APPLIED].list
    assert drag_and_drop(source, 0, board.columns[G.INTERVIEWING].list) == (True, True)
    ui_ctx.runner.wait_idle(5)
    assert svc.get(apps["acme"]).state == State.SCREENING
    qtbot.waitUntil(lambda: board.columns[G.INTERVIEWING].model.rowCount() == 2)
    assert "to Screening" in board.banner.label.text()
    # Saved → Offer is refused, with where it can go instead, and nothing changes.
    saved = board.columns[G.SAVED].list
    assert drag_and_drop(saved, 0, board.columns[G.OFFER].list) == (False, False)
    assert board.banner.kind == "error"
    assert board.banner.label.text() == (
        "Initech: Cannot move from Saved to Offer. "
        "From Saved it can move to: Applying, Applied, Closed."
    )
    assert svc.get(apps["initech"]).state == State.SAVED
    # Screening → Closed is ambiguous: a menu asks what happened.
    interviewing = board.columns[G.INTERVIEWING]
    row = interviewing.model.position(apps["globex"])
    assert drag_and_drop(interviewing.list, row, board.columns[G.CLOSED].list) == (True, True)
    menu = board.choice_menu
    assert menu is not None
    choices = {a.data(): a for a in menu.actions() if a.data()}
    assert set(choices) == {"REJECTED", "WITHDRAWN", "GHOSTED"}
    assert svc.get(apps["globex"]).state == State.SCREENING  # nothing until the answer
    choices["GHOSTED"].trigger()
    ui_ctx.runner.wait_idle(5)
    assert svc.get(apps["globex"]).state == State.GHOSTED
    qtbot.waitUntil(lambda: board.columns[G.CLOSED].model.rowCount() == 1)
    assert _badge(tab, apps["globex"]) == "Ghosted"
    # A drop onto the card's own column changes nothing (and says nothing).
    board.banner.hide()
    closed = board.columns[G.CLOSED].list
    assert drag_and_drop(closed, 0, closed) == (False, False)
    assert not board.banner.isVisible()


def test_a_new_card_is_selected_and_scrolled_into_view(tab, svc, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    pid = ui_ctx.profile_id
    # Thirty urgent saved jobs: a new, ordinary one lands at the bottom of the Saved column.
    for i in range(30):
        svc.create(pid, {"company": f"Busy {i}", "title": "Analyst", "priority": 3})
    qtbot.waitUntil(lambda: len(tab.board.rows) == 33, timeout=5000)
    tab.resize(1024, 700)
    tab.board.set_grouped(False)
    area = tab.board.scroll_area
    area.horizontalScrollBar().setValue(area.horizontalScrollBar().maximum())
    qtbot.wait(10)
    column = tab.board.column_for(State.SAVED)
    assert column.visibleRegion().isEmpty()  # scrolled away to the right
    tab._create(pid, {"company": "Newco", "title": "Data Analyst"}, False)
    ui_ctx.runner.wait_idle(5)
    new_id = svc.list(pid, limit=1)[0].id
    qtbot.waitUntil(lambda: tab.board.current_id() == new_id, timeout=5000)
    qtbot.wait(50)  # the deferred second reveal, after the detail panel opened
    view = column.list
    index = column.model.index(column.model.position(new_id))
    assert column.model.position(new_id) == 30  # really at the bottom
    assert view.viewport().rect().contains(view.visualRect(index))
    # ...and its column is inside the board's visible area.
    shown = QRect(column.mapTo(area.viewport(), column.rect().topLeft()), column.size())
    assert area.viewport().rect().contains(shown)


def test_the_next_action_wraps_instead_of_being_cut(tab, apps, qtbot) -> None:  # type: ignore[no-untyped-def]
    board = tab.board
    long_action = (
        "Follow up with the recruiter about the salary range and the start date, "
        "and send the portfolio link they asked for"
    )
    row = board.rows[apps["acme"]]
    board.upsert(row.model_copy(update={"next_action": long_action}))
    column = board.columns[G.APPLIED]
    index = column.model.index(0)
    delegate = board.delegate
    option = QStyleOptionViewItem()
    column.list.initViewItemOption(option)
    option.rect = column.list.visualRect(index)
    tall = delegate.sizeHint(option, column.model.index(0))
    board.upsert(row.model_copy(update={"next_action": "Wait"}))
    plain = delegate.sizeHint(option, column.model.index(0))
    # The text needs several lines at the card's width; the card grows by those lines.
    small = QFont(option.font)
    small.setPointSizeF(max(7.0, option.font.pointSizeF() - 1))
    width = option.rect.width() - 2 * 4 - 12 - 8
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    fm = QFontMetrics(small)
    needed = fm.boundingRect(QRect(0, 0, width, 10_000), flags, "→ " + long_action).height()
    assert needed >= 3 * fm.lineSpacing()  # really a long one at this width
    grown = tall.height() - plain.height()
    assert grown >= needed - fm.lineSpacing()
    # Laid out in the list: the card is as tall as its size hint says.
    board.upsert(row.model_copy(update={"next_action": long_action}))
    qtbot.waitUntil(lambda: column.list.visualRect(column.model.index(0)).height() == tall.height())
    # In a narrow window the cards are exactly as wide as their column (never wider, which
    # would cut off the lines they were measured for).
    tab.resize(1024, 700)
    qtbot.wait(50)
    for col in board.columns.values():
        for i in range(col.model.rowCount()):
            rect = col.list.visualRect(col.model.index(i))
            assert rect.width() == col.list.viewport().width()
    assert isinstance(index, QModelIndex)


def test_all_six_grouped_columns_fit_at_1024_and_1440(main_window, apps, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = main_window.show_tab("pipeline")
    qtbot.waitUntil(lambda: tab.store.loaded and len(tab.store.rows) == 3, timeout=5000)
    for width, height in ((1440, 900), (1024, 700)):
        main_window.resize(width, height)
        qtbot.wait(50)
        area = tab.board.scroll_area
        assert area.horizontalScrollBar().maximum() == 0, (width, height)  # no sideways scroll
        for column in tab.board.columns.values():
            shown = QRect(column.mapTo(area.viewport(), column.rect().topLeft()), column.size())
            assert area.viewport().rect().contains(shown), column.label
    # The every-stage view may scroll sideways at 1024 (ten columns of 200 pixels).
    tab.board.stages_button.click()
    qtbot.wait(50)
    assert tab.board.scroll_area.horizontalScrollBar().maximum() > 0
