"""Assessment scoring: per-skill 0–100 weighted by difficulty, and an overall score.

Each question is worth its difficulty weight (easy 1, medium 2, hard 3). A skill's score is
the weight of its correctly answered questions over the weight of all its questions, times
100; the overall score is the same ratio over every question of the session (so it is also
difficulty-weighted, not a mean of skill scores). Unanswered questions count as wrong.
Scores are rounded to one decimal.

Example: Python easy ✔, medium ✘, hard ✔ → (1 + 3) / (1 + 2 + 3) = 66.7.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel

DIFFICULTY_WEIGHTS: dict[str, float] = {"easy": 1.0, "medium": 2.0, "hard": 3.0}


@dataclass(frozen=True)
class ScoredQuestion:
    """What scoring needs to know about one question and the answer given."""

    skill_id: str
    difficulty: str
    correct_index: int
    chosen: int | None

    @property
    def is_correct(self) -> bool:
        return self.chosen is not None and self.chosen == self.correct_index


class SkillScore(BaseModel):
    skill_id: str
    score: float
    correct: int
    total: int
    points: float
    max_points: float


class ScoreSheet(BaseModel):
    overall: float
    skills: list[SkillScore]  # in the order skills first appear in the session


def weight(difficulty: str) -> float:
    """The weight of a difficulty; unknown difficulties count as medium."""
    return DIFFICULTY_WEIGHTS.get(difficulty, DIFFICULTY_WEIGHTS["medium"])


def score(questions: Iterable[ScoredQuestion]) -> ScoreSheet:
    """Score a session's questions (see the module docstring for the rule)."""
    per_skill: dict[str, list[float]] = {}  # skill -> [points, max, correct, total]
    points = max_points = 0.0
    for q in questions:
        w = weight(q.difficulty)
        got = w if q.is_correct else 0.0
        acc = per_skill.setdefault(q.skill_id, [0.0, 0.0, 0, 0])
        acc[0] += got
        acc[1] += w
        acc[2] += 1 if q.is_correct else 0
        acc[3] += 1
        points += got
        max_points += w
    skills = [
        SkillScore(
            skill_id=skill,
            score=_pct(p, m),
            correct=int(c),
            total=int(t),
            points=p,
            max_points=m,
        )
        for skill, (p, m, c, t) in per_skill.items()
    ]
    return ScoreSheet(overall=_pct(points, max_points), skills=skills)


def _pct(points: float, max_points: float) -> float:
    return round(100.0 * points / max_points, 1) if max_points else 0.0
