"""Run GUI work in slices, one per turn of the event loop (docs/performance.md).

A slot that builds a whole screen keeps the GUI thread from painting and answering the
user until it returns. Start-up hands its work over as a list of small steps instead: each
runs from its own short timer, so the paints, clicks and timers that arrived meanwhile are
handled between two steps and no single one blocks the window for long.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QTimer

# Not 0: Qt's GLib event loop (Linux) runs a zero-delay timer queued by another one in the
# same pass, before the other timers that are due, so a chain of zero-delay steps runs back
# to back. One millisecond lets the timers and paints that are due run between two steps.
TURN_MS = 1

Step = Callable[[], object]


def in_turns(steps: Iterable[Step], on_done: Callable[[], object] | None = None) -> None:
    """Run ``steps`` in order, each in its own event-loop turn, then ``on_done``.

    A step may return a list of further steps (a screen it built that has more to build):
    they run next, before the remaining ones. A step that raises is reported (the
    application's exception hook shows it) and the next steps still run: a card that fails
    to build must not leave the menus disabled.
    """
    pending = list(steps)

    def next_step() -> None:
        if not pending:
            if on_done is not None:
                on_done()
            return
        step = pending.pop(0)
        QTimer.singleShot(TURN_MS, next_step)  # queued first: it runs even if this step raises
        more = step()
        if isinstance(more, list):
            pending[:0] = more

    QTimer.singleShot(TURN_MS, next_step)
