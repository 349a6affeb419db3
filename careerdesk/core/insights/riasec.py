"""Scoring the interest questionnaire and comparing it with O*NET occupations (pure).

**Scoring, as O*NET's Interest Profiler does.** Each answer on the 5-point scale counts 0–4
("Strongly dislike" 0 … "Strongly like" 4) and the counts are summed per RIASEC area. With 6
items per area the raw score is 0–24 (the Profiler's 10 items give 0–40). The raw score is
rescaled linearly onto the 1–7 scale O*NET uses for occupational interest profiles,
``score = 1 + 6 × raw / (4 × items)``, so a learner and an occupation sit on the same scale.

**High-point code**: the three highest areas, highest first (ties in R-I-A-S-E-C order),
e.g. "ICR".

**Similarity**: the Pearson correlation *r* of the two six-area profiles, mapped to 0–100 as
``50 × (1 + r)``. Correlation compares the *shape* of the profiles (which areas stand out),
which is what the high-point code summarises, and ignores a learner's tendency to like or
dislike everything. A flat learner profile (every area equal) has no shape, so it falls back
to closeness of levels: ``100 × (1 − mean |difference| / 6)``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.reference.catalog import RiasecQuestionnaire

RIASEC = ("R", "I", "A", "S", "E", "C")
AREA_NAMES = {
    "R": "Realistic",
    "I": "Investigative",
    "A": "Artistic",
    "S": "Social",
    "E": "Enterprising",
    "C": "Conventional",
}
SCALE_MIN = 1
SCALE_MAX = 5


def validate_answers(questionnaire: RiasecQuestionnaire, answers: Mapping[str, int]) -> None:
    """Raise ValidationError unless every item has an answer 1–5 and no unknown item is given."""
    known = {item.id for item in questionnaire.items}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise ValidationError(f"Unknown questionnaire item(s): {', '.join(unknown[:5])}.")
    missing = [item.id for item in questionnaire.items if item.id not in answers]
    if missing:
        raise ValidationError(
            f"Please answer every statement ({len(missing)} of {len(known)} still open)."
        )
    bad = sorted(k for k, v in answers.items() if not (SCALE_MIN <= int(v) <= SCALE_MAX))
    if bad:
        raise ValidationError(f"Answers must be 1–5 (check {', '.join(bad[:5])}).")


def raw_scores(questionnaire: RiasecQuestionnaire, answers: Mapping[str, int]) -> dict[str, int]:
    """Sum of (answer − 1) per area: 0 for "Strongly dislike" … 4 for "Strongly like"."""
    raw = dict.fromkeys(RIASEC, 0)
    for item in questionnaire.items:
        if item.id in answers:
            raw[item.dimension] += int(answers[item.id]) - SCALE_MIN
    return raw


def score_answers(
    questionnaire: RiasecQuestionnaire, answers: Mapping[str, int]
) -> dict[str, float]:
    """Interest profile on O*NET's 1–7 scale: ``1 + 6 × raw / (4 × items in the area)``."""
    validate_answers(questionnaire, answers)
    raw = raw_scores(questionnaire, answers)
    per_area = {d: sum(1 for i in questionnaire.items if i.dimension == d) for d in RIASEC}
    top = SCALE_MAX - SCALE_MIN
    return {
        d: round(1.0 + 6.0 * raw[d] / (top * per_area[d]), 3) if per_area[d] else 1.0
        for d in RIASEC
    }


def high_point_code(scores: Mapping[str, float], letters: int = 3) -> str:
    """The ``letters`` highest areas, highest first; ties keep R-I-A-S-E-C order."""
    order = sorted(RIASEC, key=lambda d: (-scores.get(d, 0.0), RIASEC.index(d)))
    return "".join(order[:letters])


def pearson(a: Mapping[str, float], b: Mapping[str, float]) -> float | None:
    """Correlation of two six-area profiles; None when either is flat."""
    xs = [a.get(d, 0.0) for d in RIASEC]
    ys = [b.get(d, 0.0) for d in RIASEC]
    mx, my = sum(xs) / 6, sum(ys) / 6
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx < 1e-12 or syy < 1e-12:
        return None
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return sxy / math.sqrt(sxx * syy)


def interest_fit(learner: Mapping[str, float], occupation: Mapping[str, float]) -> float:
    """0–100: ``50 × (1 + r)``, or level closeness when the learner's profile is flat."""
    r = pearson(learner, occupation)
    if r is None:
        diff = sum(abs(learner.get(d, 0.0) - occupation.get(d, 0.0)) for d in RIASEC) / 6
        return round(max(0.0, 100.0 * (1.0 - diff / 6.0)), 1)
    return round(50.0 * (1.0 + r), 1)


def shared_letters(code_a: str, code_b: str) -> int:
    """How many letters two high-point codes have in common (0–3)."""
    return len(set(code_a) & set(code_b))


def best_occupations(
    learner: Mapping[str, float],
    profiles: Mapping[str, Mapping[str, float]],
    limit: int = 5,
    *,
    exclude: set[str] | None = None,
) -> list[tuple[str, float]]:
    """The ``limit`` occupation codes whose interest profile fits best, with their fit."""
    skip = exclude or set()
    scored = [(code, interest_fit(learner, prof)) for code, prof in profiles.items()]
    scored = [s for s in scored if s[0] not in skip]
    scored.sort(key=lambda s: (-s[1], s[0]))
    return scored[:limit]
