"""The installable bundle: its size, and its cold start against running from source.

Size: every file under the bundle folder (apparent bytes, 1 MB = 10^6 bytes; target: at most
250 MB on Linux), with the largest parts listed.

Start-up: wall time from spawning the process until it prints "profile-ready" (the first
paint after the profile's Home shows its data; with CAREERDESK_EXIT_AFTER_FIRST_PAINT=1 the app
prints "first-paint" and "profile-ready", warms up and quits: see careerdesk/ui/shell/app.py),
for the bundle (``dist/CareerDesk/careerdesk``), the source tree (``python -m careerdesk``) and a
bare PySide6 window (the yardstick of benchmarks/startup.py), alternating. Headline: the
bundle's profile-ready as a ratio to the bare window (target ≤ 4.0), and to the source tree
(target ≤ 1.0); also the live, clickable Home with its data ("profile-live") against the
source tree, because the kept Home's first paint and the live Home differ in what they pay
for (the frozen interpreter's start, then the imports and reads). Each run is a new process
on the same prepared data folder (one profile), Qt offscreen. One untimed warm-up run each
fills the file cache and the source tree's bytecode cache, so "cold" means a new process,
not a cold disk.

Usage: python benchmarks/bundle.py [--bundle DIR] [--runs N] [--size-only]
Writes benchmarks/results/bundle.json (unless --size-only).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "bundle.json"
TARGET_MB = 250
PROBE_ENV = "CAREERDESK_EXIT_AFTER_FIRST_PAINT"


def find_bundle(explicit: str | None) -> Path | None:
    """The bundle folder: --bundle, else CAREERDESK_BUNDLE, else dist/CareerDesk."""
    candidate = explicit or os.environ.get("CAREERDESK_BUNDLE") or str(ROOT / "dist" / "CareerDesk")
    path = Path(candidate).resolve()
    if path.is_file():
        path = path.parent
    return path if (path / executable_name()).exists() else None


def executable_name() -> str:
    return "careerdesk.exe" if sys.platform == "win32" else "careerdesk"


def bundle_size(bundle: Path) -> tuple[int, dict[str, int]]:
    """Total apparent bytes, and bytes per part (the executable, ``_internal/<package>``)."""
    total, parts = 0, {}
    for path in bundle.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        rel = path.relative_to(bundle).parts
        if len(rel) == 1:
            key = f"{rel[0]} (executable with the Python bytecode)"
        elif rel[0] == "_internal" and len(rel) == 2:
            key = "_internal/*.so* (libpython, system and shared libraries)"
        else:
            key = "/".join(rel[:2]) if rel[0] == "_internal" else rel[0]
        parts[key] = parts.get(key, 0) + size
    return total, parts


def prepare_home(home: Path) -> None:
    """A data folder with one profile that the app opens straight into (from source)."""
    env = {**os.environ, "CAREERDESK_HOME": str(home)}
    code = (
        "from careerdesk.app import build_app\n"
        "app = build_app()\n"
        "p = app.profiles.create('Benchmark learner')\n"
        "app.settings.last_profile_id = p.id\n"
        "app.close(backup=False)\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)


def time_markers(command: list[str], home: Path, markers: tuple[str, ...]) -> dict[str, float]:
    """Seconds from spawning ``command`` until it prints each marker (those it prints)."""
    env = {
        **os.environ,
        "CAREERDESK_HOME": str(home),
        PROBE_ENV: "1",
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "QT_LOGGING_RULES": "qt.multimedia.*=false",
    }
    env.pop("CAREERDESK_DB_URL", None)
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert proc.stdout is not None
    watchdog = threading.Timer(120, proc.kill)  # an app without the probe never quits
    watchdog.start()
    found: dict[str, float] = {}
    try:
        for line in proc.stdout:
            for marker in markers:
                if marker not in found and line.startswith(marker):
                    found[marker] = time.perf_counter() - start
        proc.wait()
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
    if markers[0] not in found:
        raise RuntimeError(f"{command[0]} exited {proc.returncode} without printing {markers[0]}")
    return found


def source_revision() -> str:
    """The checkout's commit (with "-dirty" for local changes), or "unknown"."""
    done = subprocess.run(
        ["git", "describe", "--always", "--dirty", "--abbrev=12"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--bundle", help="bundle folder (default: dist/CareerDesk)")
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each (default 7)")
    parser.add_argument("--size-only", action="store_true", help="report the size and stop")
    args = parser.parse_args(argv)

    bundle = find_bundle(args.bundle)
    if bundle is None:
        print("no bundle found: build it with `make dist` (or pass --bundle DIR)")
        return 0
    total, parts = bundle_size(bundle)
    size_mb = total / 1e6
    verdict = "within" if size_mb <= TARGET_MB else "OVER"
    print(f"bundle {bundle}: {size_mb:.1f} MB unpacked ({verdict} the {TARGET_MB} MB target)")
    for name, size in sorted(parts.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {size / 1e6:7.1f} MB  {name}")
    if args.size_only:
        return 0

    runs = max(args.runs, 5)
    commands = {
        "bundle": [str(bundle / executable_name())],
        "source": [sys.executable, "-m", "careerdesk"],
    }
    # profile-live: the live, clickable Home with its data (the bare window never prints it).
    markers = ("first-paint", "profile-ready", "profile-live")
    # A bare PySide6 window with as many tabs, the same yardstick as benchmarks/startup.py.
    from startup import BARE

    commands["bare"] = [sys.executable, "-c", BARE, "7"]
    times: dict[str, dict[str, list[float]]] = {name: {m: [] for m in markers} for name in commands}
    with tempfile.TemporaryDirectory(prefix="careerdesk-bench-") as tmp:
        home = Path(tmp)
        prepare_home(home)
        for command in commands.values():  # warm-ups, not timed
            time_markers(command, home, markers)
        for i in range(runs):
            # Alternate which goes first, so drift on a shared machine hits both alike.
            order = list(commands.items()) if i % 2 == 0 else list(commands.items())[::-1]
            for name, command in order:
                for marker, seconds in time_markers(command, home, markers).items():
                    times[name][marker].append(seconds)

    med = {
        name: {m: statistics.median(v) for m, v in per.items() if v} for name, per in times.items()
    }
    ratio = med["bundle"]["profile-ready"] / med["source"]["profile-ready"]
    ratio_live = med["bundle"]["profile-live"] / med["source"]["profile-live"]
    bare = med["bare"]["first-paint"]
    ratio_ready = med["bundle"]["profile-ready"] / bare
    print(f"cold start, median of {runs} runs each (alternating, Qt offscreen):")
    print(
        f"HEADLINE bundle profile ready / bare window = {ratio_ready:.2f} (target ≤ 4.0); "
        f"bundle / source = {ratio:.2f} (target ≤ 1.0)"
    )
    for marker in markers:
        if marker in med["bundle"] and marker in med["source"]:
            b, s_ = med["bundle"][marker], med["source"][marker]
            print(f"  {marker:14s} bundle {b:.3f} s   source {s_:.3f} s   ratio {b / s_:.2f}")
    print(f"  bare window first paint {bare:.3f} s")

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "benchmark": "bundle",
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "source_revision": source_revision(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "bundle": str(bundle.relative_to(ROOT) if bundle.is_relative_to(ROOT) else bundle),
        "size_bytes": total,
        "size_mb": round(size_mb, 1),
        "target_mb": TARGET_MB,
        "largest_parts_mb": {
            k: round(v / 1e6, 1) for k, v in sorted(parts.items(), key=lambda kv: -kv[1])[:8]
        },
        "runs": runs,
        "samples_s": {
            name: {m: [round(v, 4) for v in vals] for m, vals in per.items() if vals}
            for name, per in times.items()
        },
        "median_s": {name: {m: round(v, 4) for m, v in per.items()} for name, per in med.items()},
        "ratio_bundle_over_source": round(ratio, 3),
        "ratio_bundle_over_source_live_home": round(ratio_live, 3),
        "ratio_profile_ready": round(ratio_ready, 3),
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
