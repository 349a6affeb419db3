"""Calibrating the recommendation minimum (docs/intel.md, Recommendations): how many postings
pass at each threshold, by fit verdict, on the demo profile and on 500 generated postings.

The generator is seeded (``SEED``): each posting gets a title from a few roles, a location,
sometimes a salary, and 3–6 required and 0–3 preferred skills drawn from a vocabulary the
skill extractor recognises (with a share of skills outside the demo learner's profile), so
skill matches spread from 0 to 100 %. They are added as Saved applications to the demo
profile (its skill levels and applied-to signals drive the scores), then the recommender
refreshes and every candidate's score and verdict are recorded.

A good minimum lets through Apply-now and Learn-first postings and stops Reconsider ones.
Run from the repository root: ``python benchmarks/recommendation_threshold.py``; prints the
table and writes benchmarks/results/recommendation_threshold.json.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._common import write_result  # noqa: E402

SEED = 20
N_POSTINGS = 500
THRESHOLDS = (0.30, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75)
ROLES = (
    "Data Analyst",
    "Junior Data Analyst",
    "Senior Data Analyst",
    "BI Analyst",
    "Data Engineer",
    "Data Scientist",
    "Python Developer",
    "Analytics Engineer",
    "Graduate Software Engineer",
    "Frontend Developer",
)
PLACES = ("London", "Leeds", "Manchester", "Edinburgh", "Bristol", "Remote", "Berlin")
SKILLS = (
    "SQL", "Python", "Excel", "Tableau", "Power BI", "statistics", "regression analysis",
    "pandas", "scikit-learn", "Apache Spark", "Airflow", "AWS", "Docker", "Kubernetes", "Git",
    "Linux", "Bash", "PyTorch", "A/B testing", "R", "Java", "JavaScript", "React", "TypeScript",
    "C++", "Terraform", "stakeholder management", "data visualisation", "machine learning",
    "pytest",
)  # fmt: skip


def generate(rng: random.Random, n: int) -> list[dict[str, Any]]:
    """``n`` posting payloads for ``ApplicationService.create`` (deterministic for a seed)."""
    out = []
    for i in range(n):
        required = rng.sample(SKILLS, rng.randint(3, 6))
        preferred = rng.sample([s for s in SKILLS if s not in required], rng.randint(0, 3))
        lines = ["Requirements:", *(f"- {s}" for s in required)]
        if preferred:
            lines += ["Nice to have:", *(f"- {s}" for s in preferred)]
        place = rng.choice(PLACES)
        salary = rng.random() < 0.5
        low = rng.randrange(28_000, 70_000, 1_000)
        out.append(
            {
                "company": f"Generated {i:03d}",
                "title": rng.choice(ROLES),
                "location": "" if place == "Remote" else place,
                "remote": "yes" if place == "Remote" else rng.choice(["no", "hybrid", ""]),
                "salary_min": low if salary else None,
                "salary_max": low + 10_000 if salary else None,
                "currency": "GBP" if salary else "",
                "description": "\n".join(lines),
                "source": "benchmark",
            }
        )
    return out


def measure(app: Any, pid: int) -> list[tuple[str, float, str]]:
    """(company, score, verdict) of every candidate, scored as the recommender scores it."""
    from careerdesk.core.pipeline.intel import facts
    from careerdesk.core.pipeline.intel import job_recommendation_rules as rules
    from careerdesk.core.pipeline.intel.fit_service import current_weights
    from careerdesk.core.pipeline.intel.job_recommendation_service import (
        JobRecommendationService,
        _attrs,
        is_candidate,
        known_components,
    )
    from careerdesk.core.skills.service import current_levels_in

    svc = app.service(JobRecommendationService)
    with app.db.read() as s:
        apps = facts.load_apps(s, pid)
        levels = {k: v.level for k, v in current_levels_in(s, pid).items()}
        weights = current_weights(s, pid)
        prefs = rules.learn_all(svc._signals(s, pid, apps))
    out = []
    for a in apps:
        if not is_candidate(a.state, a.applied_on):
            continue
        fit, components, _ = svc.fit.compute(a, levels, weights=weights)
        content, gate = rules.content_score(
            components,
            weights,
            known_components(a, fit, components),
            fit.required_match if fit.verdict != "unknown" else None,
        )
        attrs = _attrs(a, sorted({i.skill_id for i in fit.items if i.skill_id}), fit.occupation)
        scored = rules.score_posting(a.id, content, "", attrs, prefs, gate=gate)
        out.append((a.company, scored.score, fit.verdict))
    return out


def table(rows: list[tuple[str, float, str]]) -> dict[str, Any]:
    verdicts = Counter(v for _c, _s, v in rows)
    passing = {
        f"{t:.2f}": {
            "total": sum(1 for _c, s, _v in rows if s >= t),
            **{v: sum(1 for _c, s, vv in rows if s >= t and vv == v) for v in sorted(verdicts)},
        }
        for t in THRESHOLDS
    }
    by_verdict = {
        v: {
            "min": round(min(s for _c, s, vv in rows if vv == v), 3),
            "max": round(max(s for _c, s, vv in rows if vv == v), 3),
        }
        for v in sorted(verdicts)
    }
    return {"candidates": len(rows), "verdicts": dict(verdicts), "passing": passing,
            "score_range": by_verdict}  # fmt: skip


def main() -> int:
    home = tempfile.mkdtemp(prefix="cd-rec-bench-")
    os.environ["CAREERDESK_HOME"] = home
    from careerdesk.app import build_app
    from careerdesk.cli import main as cli
    from careerdesk.core.pipeline.service import ApplicationService

    cli(["demo"])
    app = build_app()
    try:
        pid = app.profiles.by_name("Demo").id
        demo = table(measure(app, pid))
        pipeline = app.service(ApplicationService)
        for payload in generate(random.Random(SEED), N_POSTINGS):
            pipeline.create(pid, payload, actor="benchmark")
        generated = table([r for r in measure(app, pid) if r[0].startswith("Generated ")])
    finally:
        app.close(backup=False)
    for name, t in (("demo", demo), (f"{N_POSTINGS} generated", generated)):
        print(f"{name}: {t['candidates']} candidates {t['verdicts']}")
        print(f"  score ranges by verdict: {t['score_range']}")
        for thr, counts in t["passing"].items():
            print(f"  min {thr}: {counts}")
    path = write_result(
        "recommendation_threshold",
        {"seed": SEED, "postings": N_POSTINGS, "demo": demo, "generated": generated},
    )
    print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
