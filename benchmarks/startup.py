"""Cold start to the learner's data on screen: CareerDesk (demo profile) vs a bare PySide6 window.

Both are measured as separate processes, from spawn, alternating the two, RUNS times each.
The headline is what a user waits for: the first paint after the current profile's Home shows
its data ("profile ready"), as a ratio to the bare window's first paint in the same run
(``ratio_profile_ready``, target ≤ 4.0), for a returning learner — the everyday start, where
the Home as last shown is painted with the window while the database opens (nothing changed
since the app closed; docs/performance.md). Also reported, each as a ratio to the same bare
window: the same start without that snapshot (the first start of a day, or after
``careerdesk`` commands changed the data: ``ratio_profile_ready_no_snapshot``) and the first
paint of the live, clickable Home (``ratio_profile_live``). Also: CareerDesk's own first
paint, and the longest stall of the GUI thread before the Home
was ready and during the warm-up that follows it (target: no stall over 50 ms in the
warm-up). Writes benchmarks/results/startup.json. ``careerdesk --trace-startup FILE`` gives
the phases of one start (docs/performance.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import run_with_markers, summary, time_until_marker, write_result

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
TARGET = 4.0  # profile ready / bare window
STALL_TARGET_MS = 50.0

BARE = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget
n = int(sys.argv[1])
app = QApplication(sys.argv[:1])
win = QMainWindow()
tabs = QTabWidget()
for i in range(n):
    tabs.addTab(QLabel(f"tab {i}"), f"Tab {i}")
win.setCentralWidget(tabs)
win.menuBar().addMenu("&File")
win.statusBar().showMessage("ready")
class Probe(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            o.removeEventFilter(self)
            print("first-paint", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
p = Probe()
win.installEventFilter(p)
win.resize(1180, 780)
win.show()
app.exec()
"""


def tab_count(env: dict[str, str]) -> int:
    code = (
        "from careerdesk.ui.shell.tabs import discover_tabs;"
        "print(len([t for t in discover_tabs() if not t.advisor_only]))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    return int(out.stdout.strip())


def _stalls(lines: list[str]) -> tuple[float, float]:
    """The two stall figures from ``max-stall-ms before-ready=X warm-up=Y``."""
    for line in lines:
        if line.startswith("max-stall-ms"):
            fields = dict(part.split("=") for part in line.split()[1:])
            return float(fields["before-ready"]), float(fields["warm-up"])
    raise RuntimeError("the app did not report its stalls")


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="careerdesk-bench-startup-"))
    env = {
        **os.environ,
        "CAREERDESK_HOME": str(home),
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
    }
    env.pop("CAREERDESK_DB_URL", None)
    subprocess.run(
        [sys.executable, "-m", "careerdesk", "demo"], env=env, check=True, capture_output=True
    )
    n_tabs = tab_count(env)
    app_env = {**env, "CAREERDESK_EXIT_AFTER_FIRST_PAINT": "1"}
    # Warm the OS file cache once for both, so "cold" means a new process, not a cold disk.
    markers = ["first-paint", "profile-ready", "profile-live", "max-stall-ms"]
    time_until_marker([sys.executable, "-c", BARE, str(n_tabs)], "first-paint", env)
    run_with_markers([sys.executable, "-m", "careerdesk"], markers, app_env)
    snapshot = home / "cache" / "home-snapshot.json"
    bare, app, ready, live, cold = [], [], [], [], []
    stall_before, stall_warm = [], []
    for _ in range(RUNS):
        bare.append(
            time_until_marker([sys.executable, "-c", BARE, str(n_tabs)], "first-paint", env)
        )
        if not snapshot.is_file():
            raise RuntimeError("the app kept no Home for the next start")
        got, lines = run_with_markers([sys.executable, "-m", "careerdesk"], markers, app_env)
        app.append(got["first-paint"])
        ready.append(got["profile-ready"])
        live.append(got["profile-live"])
        before, warm = _stalls(lines)
        stall_before.append(before)
        stall_warm.append(warm)
        snapshot.unlink()  # the same start without the Home as last shown
        got, lines = run_with_markers([sys.executable, "-m", "careerdesk"], markers, app_env)
        cold.append(got["profile-ready"])
        before, warm = _stalls(lines)
        stall_before.append(before)
        stall_warm.append(warm)
    b, a, r = summary(bare), summary(app), summary(ready)
    lv, c = summary(live), summary(cold)
    ratio_ready = r["median"] / b["median"]
    worst_warm = max(stall_warm)
    print(f"tabs: {n_tabs}; runs: {RUNS} each, alternating")
    print(
        f"HEADLINE profile ready / bare window: {ratio_ready:.2f}  (target ≤ {TARGET})  "
        + ("OK" if ratio_ready <= TARGET else "OVER TARGET")
    )
    print(f"  profile ready: median {r['median'] * 1000:7.1f} ms  (min {r['min'] * 1000:.1f})")
    print(
        f"  without the kept Home: {c['median'] * 1000:7.1f} ms  "
        f"(ratio {c['median'] / b['median']:.2f})"
    )
    print(
        f"  live Home clickable: {lv['median'] * 1000:7.1f} ms  "
        f"(ratio {lv['median'] / b['median']:.2f})"
    )
    print(
        f"  bare PySide6 window: median {b['median'] * 1000:7.1f} ms  (min {b['min'] * 1000:.1f})"
    )
    print(f"  CareerDesk first paint: median {a['median'] * 1000:7.1f} ms")
    print(
        f"  longest GUI stall in warm-up: {worst_warm:.0f} ms (target ≤ {STALL_TARGET_MS:.0f})  "
        + ("OK" if worst_warm <= STALL_TARGET_MS else "OVER TARGET")
    )
    print(f"  longest GUI stall before the Home was ready: {max(stall_before):.0f} ms")
    path = write_result(
        "startup",
        {
            "tabs": n_tabs,
            "bare_s": b,
            "careerdesk_first_paint_s": a,
            "careerdesk_profile_ready_s": r,
            "ratio": a["median"] / b["median"],
            "ratio_profile_ready": ratio_ready,
            "careerdesk_profile_ready_no_snapshot_s": c,
            "ratio_profile_ready_no_snapshot": c["median"] / b["median"],
            "careerdesk_profile_live_s": lv,
            "ratio_profile_live": lv["median"] / b["median"],
            "target": TARGET,
            "max_stall_warm_up_ms": worst_warm,
            "max_stall_before_ready_ms": max(stall_before),
            "stall_target_ms": STALL_TARGET_MS,
        },
    )
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
