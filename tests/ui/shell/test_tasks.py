"""The task runner: the GUI thread keeps running while work happens elsewhere."""

from __future__ import annotations

import threading
import time

import shiboken6
from PySide6.QtCore import QThread, QTimer

from careerdesk.core.kernel.events import EventBus
from careerdesk.core.profiles.events import ProfileUpdated
from careerdesk.ui.shell.bus import QtEventBridge
from careerdesk.ui.shell.tasks import TaskRunner


def test_slow_work_does_not_block_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The work waits for the GUI thread's timer to tick five times: that can only happen if
    the GUI thread's event loop keeps running while the work runs (counted ticks, no clock)."""
    runner = TaskRunner()
    ticks = 0

    def tick() -> None:
        nonlocal ticks
        ticks += 1

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    results = []
    gui_thread = QThread.currentThread()
    callback_threads = []
    enough = threading.Event()

    def slow(_state):  # type: ignore[no-untyped-def]
        seen_at_start = ticks
        # Bounded so a blocked GUI thread fails the test instead of hanging it.
        for _ in range(1000):
            if ticks >= seen_at_start + 5:
                enough.set()
                break
            time.sleep(0.005)
        return threading.current_thread().name

    def done(name: str) -> None:
        callback_threads.append(QThread.currentThread())
        results.append(name)

    runner.run(slow, on_success=done)
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    timer.stop()
    assert results[0] != threading.main_thread().name  # ran elsewhere
    assert callback_threads == [gui_thread]  # came back on the GUI thread
    assert enough.is_set()  # the GUI event loop ticked 5 times while the work ran


def test_errors_reach_on_error_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    errors = []
    runner.run(lambda _s: 1 / 0, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=3000)
    assert isinstance(errors[0], ZeroDivisionError)


def test_default_error_handler_used(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen = []
    runner = TaskRunner(default_error=seen.append)
    runner.run(lambda _s: (_ for _ in ()).throw(ValueError("bad")))
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert str(seen[0]) == "bad"


def test_cancel_and_progress(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    progress, cancelled, succeeded = [], [], []
    started = threading.Event()

    def work(state):  # type: ignore[no-untyped-def]
        for i in range(200):
            started.set()
            state.progress(i / 200, f"step {i}")
            state.check()
            time.sleep(0.01)
        return "finished"

    handle = runner.run(
        work,
        on_success=succeeded.append,
        on_progress=lambda f, m: progress.append((f, m)),
        on_cancelled=lambda: cancelled.append(True),
    )
    started.wait(2)
    qtbot.waitUntil(lambda: bool(progress), timeout=3000)
    handle.cancel()
    qtbot.waitUntil(lambda: bool(cancelled), timeout=3000)
    assert succeeded == []
    assert progress[0][1] == "step 0"


def test_write_lane_is_serial(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    active, peak, done = [0], [0], []
    lock = threading.Lock()

    def write(_state):  # type: ignore[no-untyped-def]
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.05)
        with lock:
            active[0] -= 1

    for _ in range(5):
        runner.run(write, write=True, on_success=done.append)
    qtbot.waitUntil(lambda: len(done) == 5, timeout=5000)
    assert peak[0] == 1


def test_events_from_worker_threads_arrive_on_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    bus = EventBus()
    bridge = QtEventBridge(bus)
    received = []
    receiver_thread = []

    class Receiver(QTimer):  # any QObject living on the GUI thread
        def on_event(self, event) -> None:  # type: ignore[no-untyped-def]
            receiver_thread.append(QThread.currentThread())
            received.append(event)

    r = Receiver()
    bridge.domain_event.connect(r.on_event)
    worker = threading.Thread(target=lambda: bus.publish(ProfileUpdated(profile_id=1)))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(received), timeout=3000)
    assert receiver_thread == [QThread.currentThread()]
    bridge.close()


def test_parallel_readers_can_be_narrowed_and_widened_again(qtbot) -> None:  # type: ignore[no-untyped-def]
    # Start-up runs one reader until the Home has its data (docs/performance.md).
    runner = TaskRunner()
    assert runner.parallel == 4
    runner.set_parallel(1)
    assert runner.parallel == 1
    order: list[str] = []
    gate = threading.Event()
    first = runner.run(lambda _s: (gate.wait(5), order.append("first")), name="first")
    second = runner.run(lambda _s: order.append("second"), name="second")
    qtbot.wait(20)
    assert order == []  # the second waits for the only reader, held by the first
    gate.set()
    qtbot.waitUntil(lambda: order == ["first", "second"], timeout=5000)
    runner.set_parallel(0)
    assert runner.parallel == 1  # never none
    runner.set_parallel(4)
    assert runner.parallel == 4
    assert first is not None and second is not None


def test_a_result_for_a_deleted_screen_is_dropped(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The CI failure this guards: an advisor table read finished after its tab was deleted,
    and delivering it raised "Internal C++ object already deleted" inside the event loop."""
    from PySide6.QtWidgets import QTableView

    class Screen(QTableView):
        def show_rows(self, rows: list[int]) -> None:
            self.selectionModel()  # touches the C++ object, as the advisor tab did
            shown.append(rows)

    shown: list[list[int]] = []
    release = threading.Event()
    runner = TaskRunner()
    alive, doomed = Screen(), Screen()
    runner.run(lambda _s: (release.wait(5), [1])[1], on_success=doomed.show_rows)
    runner.run(lambda _s: (release.wait(5), [2])[1], on_success=alive.show_rows)
    doomed.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(doomed), timeout=3000)
    release.set()
    assert runner.wait_idle(5)
    assert shown == [[2]]


def test_a_lambda_or_partial_over_a_deleted_screen_is_dropped(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Most screens deliver through a lambda that closes over ``self`` (the charts tab, when a
    theme switch rebuilt it mid-load, raised from inside the event loop)."""
    import functools

    from PySide6.QtWidgets import QTreeWidget

    shown: list[str] = []

    def show(tree: QTreeWidget, text: str) -> None:
        tree.selectedItems()
        shown.append(text)

    release = threading.Event()
    runner = TaskRunner()
    gone_a, gone_b, alive = QTreeWidget(), QTreeWidget(), QTreeWidget()
    runner.run(lambda _s: (release.wait(5), "a")[1], on_success=lambda r: show(gone_a, r))
    runner.run(lambda _s: (release.wait(5), "b")[1], on_success=functools.partial(show, gone_b))
    runner.run(lambda _s: (release.wait(5), "c")[1], on_success=lambda r: show(alive, r))
    gone_a.deleteLater()
    gone_b.deleteLater()
    qtbot.waitUntil(lambda: not (shiboken6.isValid(gone_a) or shiboken6.isValid(gone_b)))
    release.set()
    assert runner.wait_idle(5)
    assert shown == ["c"]
