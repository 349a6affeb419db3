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

The adaptive case (docs/skills.md, core/assessments/adaptive_rules.py): the same learners
(same true levels, same response model) take an adaptive quiz instead — each next question
the most informative unused one at the current estimate. Reported: the mean absolute error
after 5 and 10 adaptive answers (``adaptive_mae_after_5``, ``adaptive_mae_after_10``, to
compare with the fixed random order's), how many answers it takes until the quiz's early-stop
rule is met (``answers_to_confidence_mean`` and ``…_median``; learners whose skill's bank
runs out first count with the bank's size, their share is ``never_confident_share``) and the
error at that point (``mae_at_stop``).

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

from careerdesk.core.assessments.adaptive_rules import (  # noqa: E402
    Asked,
    Candidate,
    next_step,
    settled,
)
from careerdesk.core.reference.catalog import Catalog, load_catalog  # noqa: E402
from careerdesk.core.skills.model_rules import (  # noqa: E402
    POP_MEAN,
    POP_SD,
    Belief,
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
    learners: list[tuple[str, float]] = []
    for learner in range(LEARNERS):
        skill = skills[learner % len(skills)]
        theta = rng.uniform(0, 100)
        learners.append((skill, theta))
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
    result.update(adaptive(catalog, offsets, learners))
    return result


def adaptive(
    catalog: Catalog, offsets: dict[str, float], learners: list[tuple[str, float]]
) -> dict[str, float]:
    """The same learners through an adaptive quiz (module docstring); the 10-answer error is
    measured by carrying on past the early stop."""
    rng = random.Random(1616)  # its own stream: the fixed case's numbers stay comparable
    errors: dict[int, list[float]] = {5: [], 10: []}
    stops: list[int] = []
    stop_errors: list[float] = []
    never = 0
    for skill, theta in learners:
        bank = catalog.questions_for(skill)
        order = rng.sample(bank, len(bank))
        pool = [Candidate(q.id, skill, difficulty_location(q.difficulty)) for q in order]
        prior = {skill: Belief(POP_MEAN, POP_SD**2, T0)}
        asked: list[Asked] = []
        fold = SkillFold(skill)
        stopped_at: int | None = None
        while True:
            step = next_step([skill], prior, pool, asked, len(bank))
            if stopped_at is None and settled(step.beliefs[skill], len(asked)):
                stopped_at = len(asked)
                est = fold.estimate(T0 + timedelta(minutes=len(asked)))
                assert est is not None
                stop_errors.append(abs(est.estimate - theta))
            if step.next is None or (stopped_at is not None and len(asked) >= 10):
                break
            c = step.next
            b = c.location + offsets[c.id]
            right = rng.random() < 0.25 + 0.75 / (1 + math.exp(-(theta - b) / TRUE_SCALE))
            asked.append(Asked(c.id, skill, c.location, right))
            n = len(asked)
            at = T0 + timedelta(minutes=n)
            fold.add(Evidence(n, skill, "quiz_answer", 1.0 if right else 0.0, at, c.location))
            if n in errors:
                est = fold.estimate(at)
                assert est is not None
                errors[n].append(abs(est.estimate - theta))
        if stopped_at is None:
            never += 1
            stops.append(len(bank))
        else:
            stops.append(stopped_at)
    stops.sort()
    out = {f"adaptive_mae_after_{n}": round(sum(v) / len(v), 2) for n, v in errors.items()}
    out["answers_to_confidence_mean"] = round(sum(stops) / len(stops), 2)
    out["answers_to_confidence_median"] = float(stops[len(stops) // 2])
    out["never_confident_share"] = round(never / len(stops), 3)
    out["mae_at_stop"] = round(sum(stop_errors) / max(1, len(stop_errors)), 2)
    return out


if __name__ == "__main__":
    out = main()
    for key, value in out.items():
        print(f"{key}: {value}")
    print(
        f"adaptive vs fixed after 10 answers: MAE {out['adaptive_mae_after_10']} vs "
        f"{out['mae_after_10']} (ratio {out['adaptive_mae_after_10'] / out['mae_after_10']:.2f})"
    )
    ok = out["mae_after_10"] <= 12 and out["max_single_answer_jump"] <= 15
    print("targets met" if ok else "TARGETS MISSED: mae_after_10 <= 12, max jump <= 15")
    write_result("skill_model", out)
