"""Board: columns per active state, drag and drop only along valid transitions."""

from __future__ import annotations

from careerdesk.core.pipeline.states import ACTIVE_STATES, State

from .conftest import drag_and_drop


def test_board_has_a_column_per_active_state_and_closed_drop_zones(tab) -> None:  # type: ignore[no-untyped-def]
    tab.board.set_grouped(False)  # this test is about the every-stage view
    assert list(tab.board.columns) == list(ACTIVE_STATES)
    assert set(tab.board.zones) == {State.ACCEPTED, State.REJECTED, State.WITHDRAWN, State.GHOSTED}
    assert tab.board.columns[State.APPLIED].model.rowCount() == 1
    assert "Applied" in tab.board.columns[State.APPLIED].header.text()
    card = tab.board.columns[State.SCREENING].model.rows[0]
    assert (card.company, card.title) == ("Globex", "Engineer")
    assert card.next_action == "Prepare for the screening"


def test_valid_drop_moves_the_card_and_persists(tab, svc, apps, qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    tab.board.set_grouped(False)  # this test is about the every-stage view
    source = tab.board.columns[State.APPLIED].list
    target = tab.board.columns[State.PHONE_INTERVIEW].list
    hovering, dropped = drag_and_drop(source, 0, target)
    assert hovering and dropped
    ui_ctx.runner.wait_idle(5)
    assert svc.get(apps["acme"]).state == State.PHONE_INTERVIEW
    qtbot.waitUntil(lambda: tab.board.columns[State.PHONE_INTERVIEW].model.rowCount() == 1)
    assert tab.board.columns[State.APPLIED].model.rowCount() == 0
    assert "Moved Acme" in tab.board.banner.label.text() and tab.board.banner.undo.isVisible()
    tab.board.banner.undo.click()  # the banner's Undo reverts the move
    ui_ctx.runner.wait_idle(5)
    assert svc.get(apps["acme"]).state == State.APPLIED
    qtbot.waitUntil(lambda: tab.board.columns[State.APPLIED].model.rowCount() == 1)


def test_drop_on_a_closed_state_zone(tab, svc, apps, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab.board.set_grouped(False)  # this test is about the every-stage view
    source = tab.board.columns[State.SCREENING].list
    assert drag_and_drop(source, 0, tab.board.zones[State.REJECTED]) == (True, True)
    ui_ctx.runner.wait_idle(5)
    assert svc.get(apps["globex"]).state == State.REJECTED
    qtbot.waitUntil(lambda: tab.board.zones[State.REJECTED].count == 1)


def test_invalid_drop_is_refused_visibly_and_changes_nothing(tab, svc, apps, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    tab.board.set_grouped(False)  # this test is about the every-stage view
    source = tab.board.columns[State.SAVED].list  # Initech, SAVED
    target = tab.board.columns[State.OFFER_RECEIVED].list
    hovering, dropped = drag_and_drop(source, 0, target)
    # Refused while hovering, so Qt never delivers the drop (the cursor shows "no").
    assert (hovering, dropped) == (False, False)
    ui_ctx.runner.wait_idle(5)
    assert svc.get(apps["initech"]).state == State.SAVED
    assert [e.kind for e in svc.events(apps["initech"])] == ["created"]
    banner = tab.board.banner
    assert banner.isVisible() and banner.kind == "error"
    text = banner.label.text()
    assert "Cannot move from Saved to Offer received" in text
    assert "Applying, Applied, Withdrawn" in text
    assert tab.board.columns[State.SAVED].model.rowCount() == 1


def test_a_drop_that_became_invalid_is_refused_too(tab, svc, apps, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The state changed elsewhere between hover and drop: the drop handler re-checks."""
    tab.board.set_grouped(False)  # this test is about the every-stage view
    source = tab.board.columns[State.APPLIED].list
    target = tab.board.columns[State.PHONE_INTERVIEW].list
    mime = source.model().mimeData([source.model().index(0, 0)])
    svc.move(apps["acme"], State.REJECTED)
    qtbot.waitUntil(lambda: tab.store.rows[apps["acme"]].state == State.REJECTED)
    from careerdesk.ui.pipeline.board_parts import decode

    app_id, from_state = decode(mime)
    assert tab.board.drop(app_id, from_state, target.target) is False
    assert "Rejected is final" in tab.board.banner.label.text()
    ui_ctx.runner.wait_idle(5)
    assert svc.get(apps["acme"]).state == State.REJECTED


def test_drag_highlights_the_allowed_targets(tab) -> None:  # type: ignore[no-untyped-def]
    tab.board.set_grouped(False)  # this test is about the every-stage view
    tab.board.show_targets(State.SAVED)
    assert "dashed" in tab.board.columns[State.APPLIED].styleSheet()
    assert "dashed" not in tab.board.columns[State.SCREENING].styleSheet()
    assert "dashed" in tab.board.zones[State.WITHDRAWN].styleSheet()
    tab.board.clear_targets()
    assert "dashed" not in tab.board.columns[State.APPLIED].styleSheet()


def test_search_filters_the_board(tab, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab.board.set_grouped(False)  # this test is about the every-stage view
    tab.search.setText("globex")
    counts = {s: c.model.rowCount() for s, c in tab.board.columns.items()}
    assert sum(counts.values()) == 1 and counts[State.SCREENING] == 1
    tab.search.clear()
    assert sum(c.model.rowCount() for c in tab.board.columns.values()) == 3
