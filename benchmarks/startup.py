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
paint, and the longest stall of the GUI thread (target: none over 50 ms) in the whole time
a user can click — from the first paint until the live Home has painted its data
(``max_stall_until_live_home_ms``) — and in the warm-up that follows, with the work held
back for the first screen (``max_stall_warm_up_ms``), each with the GUI thread's own CPU time
in that stall (on a loaded machine it tells work on the GUI thread from waiting for a
processor). Writes benchmarks/results/startup.json;
``--runs N`` sets the number of starts of each kind. ``careerdesk --trace-startup FILE``
gives the phases of one start (docs/performance.md).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import run_with_markers, summary, time_until_marker, write_result

RUNS = int(os.environ.get("BENCH_RUNS", "7"))  # or --runs N
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


def _stalls(lines: list[str]) -> dict[str, float]:
    """The stall figures the app printed (``max-stall-ms until-live-home=X warm-up=Y`` and
    the GUI thread's CPU time in each of those stalls, ``stall-gui-cpu-ms ...``)."""
    found: dict[str, float] = {}
    for line in lines:
        for prefix, key in (("max-stall-ms", "stall"), ("stall-gui-cpu-ms", "cpu")):
            if line.startswith(prefix + " "):
                for part in line.split()[1:]:
                    phase, value = part.split("=")
                    found[f"{key}:{phase}"] = float(value)
    if "stall:until-live-home" not in found or "stall:warm-up" not in found:
        raise RuntimeError("the app did not report its stalls")
    return found


def _worst(runs: list[dict[str, float]], phase: str) -> dict[str, float]:
    """The longest stall of ``phase`` over ``runs``, with the GUI thread's CPU time in it,
    and the median over the runs of each run's longest stall."""
    worst = max(runs, key=lambda r: r[f"stall:{phase}"])
    return {
        "max_ms": worst[f"stall:{phase}"],
        "gui_cpu_in_max_ms": worst.get(f"cpu:{phase}", float("nan")),
        "median_ms": statistics.median(r[f"stall:{phase}"] for r in runs),
    }


def main() -> int:
    global RUNS
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=RUNS, help="starts of each kind")
    RUNS = max(1, parser.parse_args().runs)
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
    returning_stalls: list[dict[str, float]] = []  # the Home as last shown, then the live one
    fresh_stalls: list[dict[str, float]] = []  # without it: "Opening your data…" first
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
        returning_stalls.append(_stalls(lines))
        snapshot.unlink()  # the same start without the Home as last shown
        got, lines = run_with_markers([sys.executable, "-m", "careerdesk"], markers, app_env)
        cold.append(got["profile-ready"])
        fresh_stalls.append(_stalls(lines))
    every = returning_stalls + fresh_stalls
    until_live = _worst(every, "until-live-home")
    warm = _worst(every, "warm-up")
    until_live_returning = _worst(returning_stalls, "until-live-home")
    until_live_fresh = _worst(fresh_stalls, "until-live-home")
    b, a, r = summary(bare), summary(app), summary(ready)
    lv, c = summary(live), summary(cold)
    ratio_ready = r["median"] / b["median"]
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
    worst = max(until_live["max_ms"], warm["max_ms"])
    print(
        f"  longest GUI stall from first paint to the live Home with its data, and in the "
        f"warm-up: {worst:.0f} ms (target ≤ {STALL_TARGET_MS:.0f})  "
        + ("OK" if worst <= STALL_TARGET_MS else "OVER TARGET")
    )
    for label, figures in (
        ("first paint → live Home (every start)", until_live),
        ("  returning learner (Home as last shown)", until_live_returning),
        ("  without the kept Home", until_live_fresh),
        ("warm-up after the live Home", warm),
    ):
        print(
            f"    {label}: longest {figures['max_ms']:.0f} ms "
            f"(GUI thread's own CPU in it {figures['gui_cpu_in_max_ms']:.0f} ms), "
            f"median of the runs' longest {figures['median_ms']:.0f} ms"
        )
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
            # GUI stalls (ms) over every run: the whole time a user can click (first paint
            # until the live Home has painted its data) and the warm-up after it.
            "max_stall_until_live_home_ms": until_live["max_ms"],
            "max_stall_warm_up_ms": warm["max_ms"],
            "max_stall_ms": worst,
            "stall_target_ms": STALL_TARGET_MS,
            "stalls": {
                "until_live_home": until_live,
                "until_live_home_returning": until_live_returning,
                "until_live_home_no_snapshot": until_live_fresh,
                "warm_up": warm,
            },
        },
    )
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
