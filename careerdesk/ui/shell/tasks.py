"""The one way to run slow work from the GUI: off the GUI thread, results back on it.

- ``runner.run(fn, on_success=..., on_error=...)`` runs ``fn(state)`` on a worker thread.
- ``write=True`` puts the task on the single database-write lane (one worker), so writes
  never race each other; reads and network calls use the parallel pool.
- ``fn`` receives a :class:`TaskState`: call ``state.progress(fraction, message)`` to
  report, and ``state.check()`` at safe points to stop when the user cancelled.
- Callbacks always run on the GUI thread (queued signals on a QObject living there), so they
  may touch widgets. Errors go to ``on_error`` or, by default, to the context's error display.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


def _captured(callback: Callable[..., object]) -> list[object]:
    """What a callback acts on: the object of a bound method, a partial's function and
    arguments, and the variables a lambda or nested function closes over."""
    if isinstance(callback, functools.partial):
        return [*_captured(callback.func), *callback.args]
    found: list[object] = [getattr(callback, "__self__", None)]
    for cell in getattr(callback, "__closure__", None) or ():
        try:
            found.append(cell.cell_contents)
        except ValueError:  # a cell not yet filled
            continue
    return found


def _call(callback: Callable[..., object] | None, *args: Any) -> None:
    """Call a delivery callback unless a widget it acts on has been deleted.

    A result can arrive after its screen is gone (a tab rebuilt for a theme switch, a window
    shut while its read was still running); calling into the deleted widget raises
    ``RuntimeError`` from inside the event loop, so such a delivery is dropped.
    """
    if callback is None:
        return
    for owner in _captured(callback):
        if isinstance(owner, QObject) and not shiboken6.isValid(owner):
            log.debug("dropped a task result for a deleted %s", type(owner).__name__)
            return
    callback(*args)


class Cancelled(Exception):
    """Raised inside a task by ``TaskState.check()`` once the user cancelled it."""


class TaskState:
    """What a running task sees: a cancel flag and a progress reporter."""

    def __init__(self, emit_progress: Callable[[float, str], None]) -> None:
        self._cancel = threading.Event()
        self._emit = emit_progress

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def progress(self, fraction: float, message: str = "") -> None:
        self._emit(max(0.0, min(1.0, fraction)), message)


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(float, str)


class TaskHandle(QObject):
    """A running task. Lives on the GUI thread; its slots deliver results there."""

    done = Signal()

    def __init__(
        self,
        name: str,
        on_success: Callable[[Any], object] | None,
        on_error: Callable[[BaseException], object] | None,
        on_progress: Callable[[float, str], object] | None,
        on_cancelled: Callable[[], object] | None,
    ) -> None:
        super().__init__()
        self.name = name
        self._on_success = on_success
        self._on_error = on_error
        self._on_progress = on_progress
        self._on_cancelled = on_cancelled
        self.signals = _Signals()
        self.state = TaskState(lambda f, m: self.signals.progressed.emit(f, m))
        self.finished = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.signals.finished.connect(self._deliver_result)
        self.signals.failed.connect(self._deliver_error)
        self.signals.progressed.connect(self._deliver_progress)

    def cancel(self) -> None:
        self.state.cancel()

    @Slot(object)
    def _deliver_result(self, result: Any) -> None:
        self.finished, self.result = True, result
        try:
            if self.state.cancelled:
                _call(self._on_cancelled)
            else:
                _call(self._on_success, result)
        finally:
            self.done.emit()

    @Slot(object)
    def _deliver_error(self, error: BaseException) -> None:
        self.finished, self.error = True, error
        try:
            if isinstance(error, Cancelled):
                _call(self._on_cancelled)
            else:
                _call(self._on_error, error)
        finally:
            self.done.emit()

    @Slot(float, str)
    def _deliver_progress(self, fraction: float, message: str) -> None:
        if not self.finished:
            _call(self._on_progress, fraction, message)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[TaskState], Any], handle: TaskHandle) -> None:
        super().__init__()
        self.fn = fn
        self.handle = handle
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(self.handle.state)
        except BaseException as exc:
            if not isinstance(exc, Cancelled):
                log.debug("task %s failed: %r", self.handle.name, exc)
            self.handle.signals.failed.emit(exc)
        else:
            self.handle.signals.finished.emit(result)


class TaskRunner(QObject):
    """Runs tasks on two lanes: one serial database-write lane and a parallel pool."""

    MAX_PARALLEL = 4

    def __init__(
        self,
        default_error: Callable[[BaseException], None] | None = None,
        max_parallel: int = MAX_PARALLEL,
    ) -> None:
        super().__init__()
        self._write_pool = QThreadPool(self)
        self._write_pool.setMaxThreadCount(1)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_parallel)
        self._default_error = default_error
        self._active: set[TaskHandle] = set()

    def set_parallel(self, n: int) -> None:
        """How many parallel tasks may run at once (queued ones wait; raising it starts them).
        Start-up lowers it to 1 until the Home shows its data (docs/performance.md)."""
        self._pool.setMaxThreadCount(max(1, n))

    @property
    def parallel(self) -> int:
        return self._pool.maxThreadCount()

    def run(
        self,
        fn: Callable[[TaskState], Any],
        *,
        name: str = "task",
        write: bool = False,
        on_success: Callable[[Any], object] | None = None,
        on_error: Callable[[BaseException], object] | None = None,
        on_progress: Callable[[float, str], object] | None = None,
        on_cancelled: Callable[[], object] | None = None,
    ) -> TaskHandle:
        """Start ``fn(state)`` in the background; callbacks run on the GUI thread (what they
        return is ignored)."""
        handle = TaskHandle(
            name, on_success, on_error or self._default_error, on_progress, on_cancelled
        )
        self._active.add(handle)
        handle.done.connect(lambda h=handle: self._active.discard(h))
        (self._write_pool if write else self._pool).start(_Job(fn, handle))
        return handle

    def run_write(self, fn: Callable[[], Any], **kwargs: Any) -> TaskHandle:
        """Shorthand for a database write that needs no state: ``fn()`` on the write lane."""
        return self.run(lambda _state: fn(), write=True, **kwargs)

    @property
    def busy(self) -> bool:
        return bool(self._active)

    def wait_idle(self, timeout_s: float = 10.0) -> bool:
        """Process events until every task finished (tests, shutdown). True if idle."""
        deadline = time.monotonic() + timeout_s
        while self._active and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            self._pool.waitForDone(10)
            self._write_pool.waitForDone(10)
        QCoreApplication.processEvents()
        return not self._active

    def shutdown(self, timeout_s: float = 5.0) -> None:
        """Cancel what is running and wait briefly for workers to stop."""
        for handle in list(self._active):
            handle.cancel()
        self._write_pool.waitForDone(int(timeout_s * 1000))
        self._pool.waitForDone(int(timeout_s * 1000))
