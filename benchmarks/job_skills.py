"""The shared skill extractor's speed: a 5 kB posting after the first (index-building) call.

Target: < 20 ms per 5 kB posting after the first load. Run from the repository root:
``python benchmarks/job_skills.py``; prints the figures and writes
benchmarks/results/job_skills.json.
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from careerdesk.core.reference.skill_extractor import extract_skills
from tests.core.reference.test_skill_extractor import (
    BACKEND,
    DATA_ANALYST,
    DEVOPS,
    FRONTEND,
    PRODUCT,
)

TARGET_MS = 20.0
RUNS = 200


def main() -> int:
    corpus = "\n\n".join((BACKEND, DATA_ANALYST, FRONTEND, DEVOPS, PRODUCT))
    text = (corpus * 4)[:5000]
    t0 = time.perf_counter()
    c0 = time.process_time()
    extract_skills(text)
    first_wall, first_cpu = time.perf_counter() - t0, time.process_time() - c0
    wall, cpu = [], []
    for _ in range(RUNS):
        t, c = time.perf_counter(), time.process_time()
        extract_skills(text)
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    result = {
        "posting_chars": len(text),
        "first_call_s": {"wall": round(first_wall, 3), "cpu": round(first_cpu, 3)},
        "per_posting_ms": {
            "median_wall": round(statistics.median(wall), 2),
            "p95_wall": round(sorted(wall)[int(RUNS * 0.95)], 2),
            "median_cpu": round(statistics.median(cpu), 2),
        },
        "target_ms": TARGET_MS,
        "met": statistics.median(cpu) < TARGET_MS,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(f"first call (builds the phrase index): {first_wall:.2f} s wall, {first_cpu:.2f} s CPU")
    print(
        f"5 kB posting: median {result['per_posting_ms']['median_wall']} ms wall, "
        f"p95 {result['per_posting_ms']['p95_wall']} ms, median CPU "
        f"{result['per_posting_ms']['median_cpu']} ms (target < {TARGET_MS:.0f} ms, "
        f"{TARGET_MS / max(statistics.median(cpu), 1e-9):.1f}× headroom)"
    )
    out = Path(__file__).resolve().parent / "results" / "job_skills.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
