"""Per-skill interview averages and trends, practice beside real interviews (pure).

For each of the four interview dimensions (docs/charts.md): the mean score and count over
interview practice, over real interviews recorded in the pipeline, and over both, and the
trend of the combined series (oldest first) by the shared rule of
:func:`careerdesk.core.skills.rules.classify_trend` (least-squares slope over the last five
scores; ±2 points per interview or more is improving/declining; fewer than three is
"insufficient").
"""

from __future__ import annotations

from collections.abc import Iterable
from statistics import fmean

from pydantic import BaseModel, ConfigDict

from careerdesk.core.skills.rules import (
    INTERVIEW_SKILL_NAMES,
    INTERVIEW_SKILLS,
    SkillPoint,
    TrendDirection,
    classify_trend,
)


class InterviewAverage(BaseModel):
    model_config = ConfigDict(frozen=True)

    dimension: str
    name: str
    practice: float | None
    practice_n: int
    real: float | None
    real_n: int
    overall: float | None
    overall_n: int
    trend: TrendDirection
    slope: float | None  # points per interview


def _mean(levels: list[float]) -> float | None:
    return round(fmean(levels), 1) if levels else None


def interview_averages(
    practice: Iterable[SkillPoint], real: Iterable[SkillPoint]
) -> list[InterviewAverage]:
    """One row per interview dimension that has any score, in display order."""
    practice_l, real_l = list(practice), list(real)
    out = []
    for dim in INTERVIEW_SKILLS:
        p = [x for x in practice_l if x.skill_id == dim]
        r = [x for x in real_l if x.skill_id == dim]
        if not p and not r:
            continue
        both = sorted(p + r, key=lambda x: x.at)
        direction, slope, _used = classify_trend([x.level for x in both])
        out.append(
            InterviewAverage(
                dimension=dim,
                name=INTERVIEW_SKILL_NAMES[dim],
                practice=_mean([x.level for x in p]),
                practice_n=len(p),
                real=_mean([x.level for x in r]),
                real_n=len(r),
                overall=_mean([x.level for x in both]),
                overall_n=len(both),
                trend=direction,
                slope=None if slope is None else round(slope, 2),
            )
        )
    return out
