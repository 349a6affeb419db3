"""Longest GUI-thread stall during playback, with progress saving on versus off.

Plays a generated clip through the real Player tab (QMediaPlayer + QVideoWidget, offscreen
unless QT_QPA_PLATFORM says otherwise) while a 1 ms precise QTimer records the gaps between
its ticks on the GUI thread: the longest gap beyond the interval is the longest stall. Runs
alternate saving on / off (on = the tab's real behaviour: a save at each newly covered 10%,
on pause and at the end, on the write lane), each from a fresh, unwatched item. A third,
"stress" configuration saves on every position update (~20 per second) to show that even
far more saving than the player does leaves the GUI thread free.

    python benchmarks/player.py [--runs 3] [--seconds 30] [--rate 4] [--interval-ms 1]

Prints the figures and writes benchmarks/results/player.json. Target: the ratio of the
longest stall with saving on to the one with saving off <= 1.2, and no stall over 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
RESULTS = ROOT / "benchmarks" / "results" / "player.json"
TARGET_RATIO, TARGET_MAX_MS = 1.2, 50.0


def make_clip(path: Path, seconds: float) -> Path:
    """A 640x360, 25 fps H.264 clip with motion (decoding costs something, as real video)."""
    from tests.media import make_clip as _make

    return _make(path, seconds, fps=25, size=(640, 360))


class StallMeter:
    """Records the gaps between ticks of a precise timer on the GUI thread."""

    def __init__(self, interval_ms: int) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.interval_s = interval_ms / 1000
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self._last = 0.0

    def start(self) -> None:
        self.gaps.clear()
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def stall_ms(self) -> float:
        return max(0.0, (max(self.gaps) - self.interval_s) * 1000) if self.gaps else 0.0

    def p99_ms(self) -> float:
        if len(self.gaps) < 100:
            return self.stall_ms()
        return max(0.0, (statistics.quantiles(self.gaps, n=100)[98] - self.interval_s) * 1000)


def run(args: argparse.Namespace) -> dict[str, object]:
    home = Path(tempfile.mkdtemp(prefix="careerdesk-bench-player-"))
    os.environ["CAREERDESK_HOME"] = str(home)
    from PySide6 import __version__ as pyside_version
    from PySide6.QtMultimedia import QMediaPlayer
    from PySide6.QtWidgets import QApplication

    qt = QApplication.instance() or QApplication([])
    from careerdesk.app import build_app
    from careerdesk.core.player.library import ContentLibraryService
    from careerdesk.core.player.rules import NOT_STARTED
    from careerdesk.selftest.checks.player import multimedia_backend
    from careerdesk.ui.player.player_widget import PlayerTab
    from careerdesk.ui.shell.context import UiContext

    app = build_app()
    profile = app.profiles.create("Bench")
    library = app.service(ContentLibraryService)
    clip = make_clip(home / "bench.mp4", args.seconds)
    entry = library.add_file(profile.id, clip)
    ctx = UiContext(app, profile_id=profile.id)
    tab = PlayerTab(ctx)
    tab.resize(1000, 620)
    tab.show()
    meter = StallMeter(args.interval_ms)

    def wait(predicate, timeout_s: float) -> bool:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout_s
        while not predicate() and time.monotonic() < deadline:
            qt.processEvents()
            time.sleep(0.001)
        return predicate()

    wait(lambda: tab.loaded, 10)

    def one_run(mode: str) -> dict[str, float | int | str]:
        session = tab.session
        session.saving_enabled = False  # the previous run's data must not be saved again
        tab.stop()
        library.set_state(profile.id, entry.content_id, NOT_STARTED)
        ctx.runner.wait_idle(10)
        wait(lambda: (tab.playlist.entry(entry.content_id) or entry).watched == [], 5)
        session.saving_enabled = mode != "off"
        stress = None
        if mode == "stress":
            stress = session.player.positionChanged.connect(lambda _ms: session.flush("stress"))
        tab.open_item(entry.content_id, autoplay=False)
        wait(lambda: session.player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia, 10)
        session.player.setPosition(0)
        session.player.setPlaybackRate(args.rate)
        saves_before = session.saves_started
        meter.start()
        session.play()
        ended = wait(
            lambda: session.player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia,
            args.seconds / args.rate * 4 + 10,
        )
        meter.stop()
        if stress is not None:
            session.player.positionChanged.disconnect(stress)
        ctx.runner.wait_idle(10)
        return {
            "mode": mode,
            "ended": int(ended),
            "max_stall_ms": round(meter.stall_ms(), 2),
            "p99_stall_ms": round(meter.p99_ms(), 2),
            "ticks": len(meter.gaps),
            "saves": session.saves_started - saves_before,
            "watched_fraction": round(session.tracker.fraction(), 3),
        }

    one_run("off")  # warm-up: decoder, caches, first paint
    runs = []
    for _ in range(args.runs):
        for mode in ("on", "off"):
            runs.append(one_run(mode))
            print(
                f"  {mode:>6}: longest stall {runs[-1]['max_stall_ms']:6.2f} ms, "
                f"p99 {runs[-1]['p99_stall_ms']:5.2f} ms, saves {runs[-1]['saves']}",
                flush=True,
            )
    stress_runs = [one_run("stress") for _ in range(max(1, args.runs // 2))]
    for r in stress_runs:
        print(f"  stress: longest stall {r['max_stall_ms']:6.2f} ms, saves {r['saves']}")

    tab.shutdown()
    ctx.runner.wait_idle(10)
    ctx.shutdown()
    app.close(backup=False)
    shutil.rmtree(home, ignore_errors=True)

    def worst(mode: str) -> float:
        return max(float(r["max_stall_ms"]) for r in runs if r["mode"] == mode)

    def median(mode: str) -> float:
        return statistics.median(float(r["max_stall_ms"]) for r in runs if r["mode"] == mode)

    ratio_median = median("on") / max(median("off"), 0.01)
    ratio_worst = worst("on") / max(worst("off"), 0.01)
    overall = max(worst("on"), worst("off"), max(float(r["max_stall_ms"]) for r in stress_runs))
    return {
        "benchmark": "player GUI-thread stall, progress saving on vs off",
        "clip": {"seconds": args.seconds, "size": "640x360", "fps": 25, "rate": args.rate},
        "timer_interval_ms": args.interval_ms,
        "runs_per_mode": args.runs,
        "median_longest_stall_ms": {"on": median("on"), "off": median("off")},
        "worst_longest_stall_ms": {"on": worst("on"), "off": worst("off")},
        "ratio_on_off_median": round(ratio_median, 3),
        "ratio_on_off_worst": round(ratio_worst, 3),
        "max_stall_ms_any_run": overall,
        "target": {"ratio_max": TARGET_RATIO, "stall_max_ms": TARGET_MAX_MS},
        "meets_target": bool(ratio_median <= TARGET_RATIO and overall <= TARGET_MAX_MS),
        "runs": runs,
        "stress_runs": stress_runs,
        "environment": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "pyside6": pyside_version,
            "qpa": os.environ.get("QT_QPA_PLATFORM"),
            "multimedia_backend": multimedia_backend(),
            "cpus": os.cpu_count(),
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per mode (alternating)")
    parser.add_argument("--seconds", type=float, default=30.0, help="clip length")
    parser.add_argument("--rate", type=float, default=4.0, help="playback rate")
    parser.add_argument("--interval-ms", type=int, default=1, help="stall meter interval")
    args = parser.parse_args()
    print(
        f"Player stall benchmark: {args.seconds:g} s clip at {args.rate:g}x, "
        f"{args.runs} run(s) per mode, {args.interval_ms} ms meter",
        flush=True,
    )
    result = run(args)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    med, worst = result["median_longest_stall_ms"], result["worst_longest_stall_ms"]
    print(
        f"longest stall, median of runs: on {med['on']:.2f} ms / off {med['off']:.2f} ms "  # type: ignore[index]
        f"= ratio {result['ratio_on_off_median']:.2f} (target <= {TARGET_RATIO})"
    )
    print(
        f"longest stall, worst run: on {worst['on']:.2f} ms / off {worst['off']:.2f} ms "  # type: ignore[index]
        f"= ratio {result['ratio_on_off_worst']:.2f}"
    )
    print(
        f"longest stall in any run (stress included): {result['max_stall_ms_any_run']:.2f} ms "
        f"(target <= {TARGET_MAX_MS:g} ms); meets target: {result['meets_target']}"
    )
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
