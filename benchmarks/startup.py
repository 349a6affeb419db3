"""Cold start to the first painted main window: CareerDesk (demo profile) vs a bare PySide6 window.

Both are measured as separate processes, from spawn to the first Paint event of the main
window, alternating the two, RUNS times each. Prints the ratio of the medians (target ≤ 3.0)
and writes benchmarks/results/startup.json.

CareerDesk paints its window before the database is open (opening it imports SQLAlchemy and
may migrate, which must not freeze the window), so a second figure is reported too: the
first paint after the demo profile's data is on screen ("profile ready").
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import summary, time_markers, time_until_marker, write_result

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
TARGET = 3.0

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
    markers = ["first-paint", "profile-ready"]
    time_until_marker([sys.executable, "-c", BARE, str(n_tabs)], "first-paint", env)
    time_markers([sys.executable, "-m", "careerdesk"], markers, app_env)
    bare, app, ready = [], [], []
    for _ in range(RUNS):
        bare.append(
            time_until_marker([sys.executable, "-c", BARE, str(n_tabs)], "first-paint", env)
        )
        got = time_markers([sys.executable, "-m", "careerdesk"], markers, app_env)
        app.append(got["first-paint"])
        ready.append(got["profile-ready"])
    b, a, r = summary(bare), summary(app), summary(ready)
    ratio = a["median"] / b["median"]
    print(f"tabs: {n_tabs}; runs: {RUNS} each, alternating")
    print(f"bare PySide6 window : median {b['median'] * 1000:7.1f} ms  (min {b['min'] * 1000:.1f})")
    print(f"CareerDesk (demo)   : median {a['median'] * 1000:7.1f} ms  (min {a['min'] * 1000:.1f})")
    print(f"  … profile ready   : median {r['median'] * 1000:7.1f} ms  (min {r['min'] * 1000:.1f})")
    print(
        f"ratio of medians    : {ratio:.2f}  (target ≤ {TARGET})  "
        + ("OK" if ratio <= TARGET else "OVER TARGET")
    )
    path = write_result(
        "startup",
        {
            "tabs": n_tabs,
            "bare_s": b,
            "careerdesk_first_paint_s": a,
            "careerdesk_profile_ready_s": r,
            "ratio": ratio,
            "ratio_profile_ready": r["median"] / b["median"],
            "target": TARGET,
        },
    )
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
