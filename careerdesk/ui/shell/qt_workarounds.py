"""Workarounds for defects in the Qt bindings, detected at run time and applied only then.

PySide6 6.12.0 on Python 3.11 returns ``None`` from every void C++ method without taking a
reference to it, so each such call (``label.setText``, ``painter.setBrush``, ``widget.update``
…) lowers ``None``'s reference count by one. Python 3.11 still counts references on ``None``
(3.12 made it immortal), and when the count reaches zero the interpreter aborts with "Fatal
Python error: none_dealloc". A video player makes hundreds of such calls per second (time
label, seek bar painting), so the app would crash after a few minutes of playback.

The fix is a PySide6 without the defect (pyproject excludes 6.12.0; 6.11.x is fine). Where
the defective version is installed anyway, :func:`install_none_refcount_guard` keeps the count
far from zero: ``None`` is a static object that is never freed, so a high count is harmless.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

_FLOOR = 10**8  # top up when the count falls below this…
_TARGET = 10**9  # …to this: ~10 days of 1000 leaked references per second
_CHECK_MS = 10_000

_timer: object | None = None


def bindings_leak_none() -> bool:
    """True when a void PySide6 call loses a reference to ``None`` (the 6.12.0 defect)."""
    if sys.version_info >= (3, 12):
        return False  # None is immortal: nothing to lose
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(20):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 10


def _top_up() -> None:
    if sys.getrefcount(None) < _FLOOR:
        # Writes CPython's ob_refcnt of the static None object; the GIL is held here, so no
        # other thread changes it at the same moment.
        ctypes.c_ssize_t.from_address(id(None)).value = _TARGET


def install_none_refcount_guard() -> bool:
    """Protect this process from the defect if the installed bindings have it.

    Idempotent. Returns True when the guard is active. Needs a Qt application for its timer.
    """
    global _timer
    if _timer is not None:
        return True
    if sys.implementation.name != "cpython" or not bindings_leak_none():
        return False
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QCoreApplication, QTimer

    log.warning(
        "PySide6 %s loses references to None on every void call; guarding against the "
        "resulting crash. Install a PySide6 without this defect (e.g. 6.11.x).",
        pyside_version,
    )
    _top_up()
    timer = QTimer(QCoreApplication.instance())
    timer.setInterval(_CHECK_MS)
    timer.timeout.connect(_top_up)
    timer.start()
    _timer = timer
    return True


def guard_active() -> bool:
    return _timer is not None
