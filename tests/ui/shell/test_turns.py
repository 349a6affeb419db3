"""Start-up work in slices: one step per turn of the event loop (docs/performance.md)."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from careerdesk.ui.shell.turns import in_turns


def test_steps_run_in_order_each_in_a_turn_of_its_own_then_done(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    ticks: list[int] = []
    # A timer that is due between the steps gets its turn between them.
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(lambda: ticks.append(len(seen)))
    timer.start()
    in_turns(
        [lambda: seen.append("a"), lambda: seen.append("b"), lambda: seen.append("c")],
        on_done=lambda: seen.append("done"),
    )
    assert seen == []  # nothing runs inside the call itself
    qtbot.waitUntil(lambda: "done" in seen, timeout=5000)
    timer.stop()
    assert seen == ["a", "b", "c", "done"]
    # The timer ran after "a" and before "c": the steps did not run back to back.
    assert 1 in ticks and 2 in ticks


def test_a_failing_step_does_not_stop_the_ones_after_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def broken() -> None:
        raise ValueError("a card could not be built")

    # What a slot raises goes to the exception hook (the app shows it; pytest-qt keeps it).
    with qtbot.capture_exceptions() as raised:
        in_turns([broken, lambda: seen.append("after")], on_done=lambda: seen.append("done"))
        qtbot.waitUntil(lambda: "done" in seen, timeout=5000)
    assert seen == ["after", "done"]
    assert [str(exc) for _type, exc, _tb in raised] == ["a card could not be built"]


def test_the_steps_a_step_returns_run_next_before_the_rest(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def build_home() -> list[object]:
        seen.append("home")
        return [lambda: seen.append("card 1"), lambda: seen.append("card 2")]

    in_turns([build_home, lambda: seen.append("menus")], on_done=lambda: seen.append("done"))
    qtbot.waitUntil(lambda: "done" in seen, timeout=5000)
    assert seen == ["home", "card 1", "card 2", "menus", "done"]
