"""How well the skill model (docs/skills.md) recovers known levels from quiz answers.

Simulated learners with a known true level per skill answer the shipped question bank.

Response model (stated, and deliberately *not* the model's own calibration): a learner at true
level θ answers a question right with probability ``0.25 + 0.75 / (1 + exp(-(θ - b) / 9))``,
where the question's true location ``b`` is its nominal location (easy 25, medium 50, hard
75) plus a fixed per-question offset drawn uniformly from −10..+10 — real banks are never
perfectly calibrated, and the true curve is a little flatter (9 vs the model's 8).
True levels are drawn uniformly from 0–100. Each learner answers the bank's questions for a
skill in random order, one at a time, each folded into the model as it is given.

Reported: mean absolute error of the estimate after 5, 10 and 20 answers per skill, and the
largest change of an estimate caused by a single answer. Targets (issue 16):
``mae_after_10`` ≤ 12 and ``max_single_answer_jump`` ≤ 15.

Run from the repository root:  python benchmarks/skill_model.py
"""

from __future__ import annotations

import math
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import write_result  # noqa: E402

from careerdesk.core.reference.catalog import load_catalog  # noqa: E402
from careerdesk.core.skills.model_rules import (  # noqa: E402
    Evidence,
    SkillFold,
    difficulty_location,
)

LEARNERS = 400
CHECKPOINTS = (5, 10, 20)
TRUE_SCALE = 9.0
OFFSET = 10.0
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def main() -> dict[str, float]:
    rng = random.Random(16)
    catalog = load_catalog()
    skills = sorted({q.skill for q in catalog.questions})
    offsets = {q.id: rng.uniform(-OFFSET, OFFSET) for q in catalog.questions}
    errors: dict[int, list[float]] = {n: [] for n in CHECKPOINTS}
    max_jump = 0.0
    for learner in range(LEARNERS):
        skill = skills[learner % len(skills)]
        theta = rng.uniform(0, 100)
        bank = catalog.questions_for(skill)
        order = rng.sample(bank, len(bank))
        fold = SkillFold(skill)
        previous: float | None = None
        for n, q in enumerate(order, start=1):
            loc = difficulty_location(q.difficulty)
            b = loc + offsets[q.id]
            p = 0.25 + 0.75 / (1 + math.exp(-(theta - b) / TRUE_SCALE))
            right = rng.random() < p
            at = T0 + timedelta(minutes=n)
            fold.add(Evidence(n, skill, "quiz_answer", 1.0 if right else 0.0, at, loc))
            est = fold.estimate(at)
            assert est is not None
            if previous is not None:
                max_jump = max(max_jump, abs(est.estimate - previous))
            else:
                max_jump = max(max_jump, abs(est.estimate - 50.0))  # from the starting point
            previous = est.estimate
            if n in errors:
                errors[n].append(abs(est.estimate - theta))
    result = {f"mae_after_{n}": round(sum(v) / len(v), 2) for n, v in errors.items() if v}
    result["max_single_answer_jump"] = round(max_jump, 2)
    result["learners"] = LEARNERS
    return result


if __name__ == "__main__":
    out = main()
    for key, value in out.items():
        print(f"{key}: {value}")
    ok = out["mae_after_10"] <= 12 and out["max_single_answer_jump"] <= 15
    print("targets met" if ok else "TARGETS MISSED: mae_after_10 <= 12, max jump <= 15")
    write_result("skill_model", out)
