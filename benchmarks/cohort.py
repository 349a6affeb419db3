"""Advisor dashboard load time: ``MonitoringService.cohort()`` for a demo cohort.

Builds N demo learners (default 100, BENCH_COHORT) once with weeks of activity, then times
the cohort query RUNS times. The dashboard runs it off the GUI thread and refreshes on
events, so it should stay well under a second for a careers centre's cohort. Also times one
learner report (data + PNG). Prints the figures and writes benchmarks/results/cohort.json.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _common import summary, write_result

N = int(os.environ.get("BENCH_COHORT", "100"))
RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def main() -> int:
    os.environ["CAREERDESK_HOME"] = tempfile.mkdtemp(prefix="careerdesk-bench-cohort-")
    from careerdesk.app import build_app
    from careerdesk.core.advising.report import build_learner_report
    from careerdesk.core.advising.service import MonitoringService
    from careerdesk.core.kernel.clock import FixedClock, SystemClock
    from careerdesk.demo.cohort import build_cohort
    from careerdesk.render.learner_report import render_learner_report

    clock = FixedClock(SystemClock().now())
    app = build_app(clock=clock)
    t0 = time.perf_counter()
    made = build_cohort(app, clock, N)
    build_s = time.perf_counter() - t0
    service = app.service(MonitoringService)
    samples = []
    for _ in range(RUNS):
        t = time.perf_counter()
        cohort = service.cohort()
        samples.append(time.perf_counter() - t)
    assert len(cohort.rows) == N
    t = time.perf_counter()
    out = Path(app.paths.data_dir) / "report.png"
    render_learner_report(build_learner_report(app, made[0].id), out)
    report_s = time.perf_counter() - t
    app.close(backup=False)
    stats = summary(samples)
    print(f"demo cohort of {N}: built in {build_s:.1f} s")
    print(f"cohort() median {stats['median'] * 1000:.0f} ms (p95 {stats['p95'] * 1000:.0f} ms)")
    print(f"one learner report (data + PNG): {report_s * 1000:.0f} ms")
    write_result(
        "cohort",
        {"learners": N, "cohort_s": stats, "report_s": report_s, "build_s": build_s},
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
