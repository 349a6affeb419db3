"""Shared helpers for benchmark scripts: timing subprocesses and writing results."""

from __future__ import annotations

import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def time_markers(
    cmd: list[str], markers: list[str], env: dict[str, str], timeout: float = 60
) -> dict[str, float]:
    """Wall seconds from spawning ``cmd`` until it prints each of ``markers``."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    assert proc.stdout is not None
    found: dict[str, float] = {}
    try:
        for line in proc.stdout:
            for marker in markers:
                if marker not in found and marker in line:
                    found[marker] = time.perf_counter() - start
            if len(found) == len(markers):
                proc.wait(timeout=timeout)
                return found
        raise RuntimeError(f"{cmd} exited after printing only {sorted(found)}")
    finally:
        if proc.poll() is None:
            proc.kill()


def run_with_markers(
    cmd: list[str], markers: list[str], env: dict[str, str], timeout: float = 60
) -> tuple[dict[str, float], list[str]]:
    """Like :func:`time_markers`, and also every line the program printed until it exited."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    assert proc.stdout is not None
    found: dict[str, float] = {}
    lines: list[str] = []
    try:
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            for marker in markers:
                if marker not in found and marker in line:
                    found[marker] = time.perf_counter() - start
        proc.wait(timeout=timeout)
        missing = [m for m in markers if m not in found]
        if missing:
            raise RuntimeError(f"{cmd} exited without printing {missing}")
        return found, lines
    finally:
        if proc.poll() is None:
            proc.kill()


def time_until_marker(
    cmd: list[str], marker: str, env: dict[str, str], timeout: float = 60
) -> float:
    """Wall seconds from spawning ``cmd`` until it prints a line containing ``marker``."""
    return time_markers(cmd, [marker], env, timeout)[marker]


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median": statistics.median(ordered),
        "min": ordered[0],
        "max": ordered[-1],
        "p95": p95,
        "runs": len(ordered),
    }


def write_result(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    payload = {
        "benchmark": name,
        "python": sys.version.split()[0],
        "machine": platform.machine(),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        **data,
    }
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2) + "\n")
    return path
