"""Driving the modal PIN pad from a test.

``PinDialog.exec()`` runs a nested event loop, so a test arranges beforehand what a person
would do once the pad is up (``on_pin_dialog``). Two rules keep this from hanging or leaking
between tests (a random-order run once hung in ``exec()`` for good):

* every waiter is registered and stopped when its test ends (``stop_all``, called by the
  autouse fixture in ``conftest.py``), so a waiter can never type into a later test's pad;
* a waiter that finds no pad, or a check that never comes back, gives up after a bounded
  number of event-loop turns: it rejects any open pad (so ``exec()`` returns) and raises,
  which pytest-qt reports as a failure of the test. The bound is a guard against hanging,
  not a timing check: the pads in these tests open within a few turns.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from careerdesk.ui.kiosk.pin_pad import PinDialog

ADVISOR_PIN = "908172"
ANA_PIN = "1234"

_POLL_MS = 10
_GIVE_UP_AFTER = 1500  # polls: 15 s or more of event-loop turns
_waiters: list[list[bool]] = []


def open_pads() -> list[PinDialog]:
    """The PIN pads on screen, the active modal one last."""
    pads = [w for w in QApplication.topLevelWidgets() if isinstance(w, PinDialog) and w.isVisible()]
    active = QApplication.activeModalWidget()
    if isinstance(active, PinDialog) and active in pads:
        pads.remove(active)
        pads.append(active)
    return pads


def reject_open_pads() -> int:
    pads = open_pads()
    for pad in pads:
        pad.reject()
    return len(pads)


def _give_up(what: str) -> None:
    closed = reject_open_pads()
    raise AssertionError(f"{what} (gave up after {_GIVE_UP_AFTER} polls; closed {closed} pad(s))")


def on_pin_dialog(
    action: Callable[[PinDialog], None], *, new_pin: bool | None = None
) -> Callable[[], None]:
    """Run ``action`` on the next PIN pad (``new_pin`` True/False: only a pad in that mode).
    Returns a function that stops waiting: a pad closed by something else (the idle lock)
    must not leave a waiter that later types into the next pad."""
    stopped = [False]
    _waiters.append(stopped)
    polls = [0]

    def poll() -> None:
        if stopped[0]:
            return
        pads = [p for p in open_pads() if new_pin is None or (p.checker is None) == new_pin]
        if pads:
            stopped[0] = True
            action(pads[-1])
            return
        polls[0] += 1
        if polls[0] > _GIVE_UP_AFTER:
            stopped[0] = True
            _give_up("no PIN pad appeared")
        QTimer.singleShot(_POLL_MS, poll)

    QTimer.singleShot(0, poll)
    return lambda: stopped.__setitem__(0, True)


def stop_all() -> None:
    """End of a test: no waiter outlives it, no pad stays open."""
    for stopped in _waiters:
        stopped[0] = True
    _waiters.clear()
    reject_open_pads()


def type_pin(pin: str, then: Callable[[PinDialog], None] | None = None):  # type: ignore[no-untyped-def]
    """Type ``pin`` with the keyboard and press Enter, as a person does (real key events,
    so the kiosk sees activity and its idle lock does not close the pad mid-check); when
    the check comes back and the pad is still open, call ``then`` (default: cancel)."""

    def action(dialog: PinDialog) -> None:
        dialog.entry.clear()
        QTest.keyClicks(dialog.entry, pin)
        QTest.keyClick(dialog.entry, Qt.Key.Key_Return)
        polls = [0]
        stopped = [False]
        _waiters.append(stopped)  # stop_all() ends this poll too, like the pad waiters

        def after() -> None:
            if stopped[0] or not shiboken6.isValid(dialog):
                return  # the test ended, or its pad is gone with the test's windows
            if dialog._busy:
                polls[0] += 1
                if polls[0] > _GIVE_UP_AFTER:
                    _give_up("the PIN check never came back")
                QTimer.singleShot(_POLL_MS, after)
            elif dialog.isVisible():
                (then or (lambda d: d.reject()))(dialog)

        QTimer.singleShot(_POLL_MS, after)

    return action
