"""Learning/assessment timings on a throwaway database: the work a learner waits for.

    python benchmarks/learning.py

Prints figures and writes benchmarks/results/learning.json. Measures: the catalogue content
sync (first run and the in-step check every service does), choosing a 20-question quiz,
storing it, answering and submitting it, and generating a learning path once a learner
has a history (20 assessments, 3 paths).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

os.environ["CAREERDESK_HOME"] = tempfile.mkdtemp(prefix="careerdesk-bench-")
os.environ.pop("CAREERDESK_DB_URL", None)

from careerdesk.app import build_app
from careerdesk.core.assessments import AssessmentService, QuizSetup
from careerdesk.core.learning.content_sync import sync_catalog_content
from careerdesk.core.learning.service import LearningService
from careerdesk.core.reference.catalog import load_catalog
from careerdesk.core.skills.service import SkillProfileService

RUNS = 15


def timed(fn, runs: int = RUNS) -> dict[str, float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return {"median_ms": round(statistics.median(samples), 2), "max_ms": round(max(samples), 2)}


def main() -> None:
    app = build_app()
    catalog = load_catalog()
    start = time.perf_counter()
    first = sync_catalog_content(app.db, catalog)
    first_ms = (time.perf_counter() - start) * 1000
    results: dict[str, object] = {
        "content_sync_first_ms": round(first_ms, 2),
        "content_sync_items": first.added,
        "content_sync_in_step": timed(lambda: sync_catalog_content(app.db, catalog)),
    }
    pid = app.profiles.create("Bench").id
    app.service(SkillProfileService).set_target_roles(pid, ["data_analyst"])
    svc = app.service(AssessmentService)
    learning = app.service(LearningService)
    setup = QuizSetup(skills=["sql", "statistics", "data_analysis", "python"], length=20)
    rng = random.Random(1)
    results["prepare_20_questions"] = timed(lambda: svc.prepare(pid, setup, rng=rng))

    def full_quiz() -> None:
        view = svc.start(pid, setup, rng=rng)
        for q in view.questions:
            svc.answer(view.id, q.position, rng.randrange(4), current_index=q.position)
        svc.submit(view.id)

    results["quiz_start_answer_submit_20"] = timed(full_quiz, runs=20)
    view = svc.start(pid, setup, rng=rng)
    positions = iter(range(view.length * RUNS))
    results["answer_one_question"] = timed(
        lambda: svc.answer(view.id, next(positions) % view.length, 1)
    )
    svc.abandon(view.id)
    results["generate_path"] = timed(lambda: learning.generate_path(pid), runs=5)
    results["current_path"] = timed(lambda: learning.current_path(pid))
    app.close(backup=False)

    for key, value in results.items():
        print(f"{key:<32} {value}")
    out = Path(__file__).resolve().parent / "results" / "learning.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written {out}")


if __name__ == "__main__":
    main()
