"""GUI-thread stalls while slow work runs on the task runner (the timing half of the tests
in ``tests/ui/shell/test_tasks.py`` and ``test_startup_faults.py``, which check the same
property by counting event-loop ticks instead of reading a clock).

A 1 ms precise QTimer on the GUI thread records the gap between its ticks for RUNS runs of:
``idle`` (nothing else running), ``slow_task`` (0.5 s of sleeping work through
``TaskRunner``) and ``hanging_gemini`` (a Gemini call against the loopback fake that hangs
until its 1 s budget runs out). Prints the longest stall per case and its ratio to idle
(target: ratio ≤ 3 and stall ≤ 50 ms) and writes benchmarks/results/gui_responsiveness.json.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import itertools

from _common import summary, write_result

RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["CAREERDESK_HOME"] = tempfile.mkdtemp(prefix="careerdesk-bench-gui-")
    import keyring
    from pydantic import BaseModel
    from PySide6.QtCore import QCoreApplication, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from careerdesk.integrations.ai.factory import build_ai_provider
    from careerdesk.integrations.secrets import GEMINI_API_KEY, KeyringSecretStore
    from careerdesk.ui.shell.tasks import TaskRunner
    from tests.fakes.gemini_server import FakeGemini
    from tests.fakes.keyring_backend import MemoryKeyring

    class Answer(BaseModel):
        text: str

    keyring.set_keyring(MemoryKeyring())
    qt = QApplication.instance() or QApplication([])
    runner = TaskRunner()

    def longest_stall(start_work: Any, seconds: float) -> float:
        """Run the event loop for ``seconds`` (or until the work ends) and return the
        longest gap between 1 ms timer ticks, in seconds."""
        ticks: list[float] = []
        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        timer.start(1)
        finished: list[bool] = []
        start_work(lambda *_: finished.append(True))
        end = time.perf_counter() + seconds
        while time.perf_counter() < end and not (finished and time.perf_counter() > end - 0.1):
            QCoreApplication.processEvents()
            time.sleep(0.0005)
        timer.stop()
        return max((b - a for a, b in itertools.pairwise(ticks)), default=0.0)

    def idle(done: Any) -> None:
        QTimer.singleShot(500, done)

    def slow_task(done: Any) -> None:
        runner.run(lambda _s: time.sleep(0.5), on_success=done, on_error=done)

    with FakeGemini(default_reply={"text": "hi"}) as fake:
        os.environ["CAREERDESK_GEMINI_BASE_URL"] = fake.base_url
        store = KeyringSecretStore()
        store.set(GEMINI_API_KEY, "AIza-bench-key-not-real-000000000000")
        provider = build_ai_provider(store, model="gemini-2.5-flash", timeout_s=1.0, attempts=2)

        def hanging_gemini(done: Any) -> None:
            fake.hang(30)
            runner.run(lambda _s: provider.generate("x", Answer), on_success=done, on_error=done)

        cases = {"idle": idle, "slow_task": slow_task, "hanging_gemini": hanging_gemini}
        stalls: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(RUNS):
            for name, work in cases.items():
                stalls[name].append(longest_stall(work, 1.5))
    runner.wait_idle(10)
    base = max(summary(stalls["idle"])["median"], 0.001)
    results: dict[str, Any] = {}
    for name, samples in stalls.items():
        s = summary([x * 1000 for x in samples])
        results[name] = {"longest_stall_ms": s, "ratio_to_idle": s["median"] / (base * 1000)}
        print(
            f"{name:15s} longest stall median {s['median']:6.1f} ms  max {s['max']:6.1f} ms  "
            f"ratio to idle {results[name]['ratio_to_idle']:.2f}"
        )
    path = write_result("gui_responsiveness", {"runs": RUNS, "cases": results})
    print(f"wrote {path}")
    del qt
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
