"""Skill competency analytics (docs/charts.md) as pure functions over simple series.

Everything here works on plain DTOs — :class:`SkillPoint` (one level of one skill at one
time, from an interview practice or an assessment) and :class:`ScoreRecord` (the scores of
one interview or one assessment session) — so interview skills and assessment skills are
analysed by the same code, and the functions are testable with hand-computed numbers.

Trend rule (documented in docs/charts.md):

* take the last ``TREND_WINDOW`` (5) points of a skill, oldest first;
* with fewer than ``TREND_MIN_POINTS`` (3) points the trend is ``"insufficient"``: two points
  are a difference, not a trend, and one noisy mock interview should not label a skill;
* otherwise fit a least-squares line through (attempt number, level) and classify its slope:
  ``>= +TREND_THRESHOLD`` (2.0 points per attempt) improving, ``<= -TREND_THRESHOLD``
  declining, anything between steady.

The x axis is the attempt number, not the calendar: attempts are the unit of practice, and
two assessments on one afternoon would otherwise give an absurd per-day slope.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from statistics import fmean
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SeriesSource = Literal["interview", "assessment"]
TrendDirection = Literal["improving", "declining", "steady", "insufficient"]

# The four interview dimensions (docs/charts.md), in display order.
INTERVIEW_SKILLS: tuple[str, ...] = (
    "communication",
    "technical",
    "problem_solving",
    "code_quality",
)
INTERVIEW_SKILL_NAMES: dict[str, str] = {
    "communication": "Communication",
    "technical": "Technical",
    "problem_solving": "Problem solving",
    "code_quality": "Code quality",
}

TREND_WINDOW = 5
TREND_MIN_POINTS = 3
TREND_THRESHOLD = 2.0  # level points per attempt


class SkillPoint(BaseModel):
    """One level (0–100) of one skill at one time, and where it came from.

    ``skill_id`` is the series key: an interview dimension (``"technical"``) or a catalogue
    skill id (``"sql"``). ``ref`` names the record it belongs to (``"interview:7"``), so hover
    text and comparisons can point back at it.
    """

    model_config = ConfigDict(frozen=True)

    skill_id: str
    level: float = Field(ge=0, le=100)
    source: SeriesSource
    at: datetime
    ref: str = ""
    label: str = ""


class ScoreRecord(BaseModel):
    """The scores of one interview practice or one assessment session."""

    model_config = ConfigDict(frozen=True)

    key: str  # "interview:7", "assessment:2026-01-05T09:00:00+00:00"
    label: str  # what a person reads: "Mock · 5 Jan"
    source: SeriesSource
    at: datetime
    scores: dict[str, float]


class SkillTrend(BaseModel):
    """Trend of one skill over its last points (see the module docstring for the rule)."""

    model_config = ConfigDict(frozen=True)

    skill_id: str
    source: SeriesSource
    direction: TrendDirection
    slope: float | None  # level points per attempt; None when insufficient
    points_used: int
    latest: float | None
    change: float | None  # last minus first level inside the window


class SkillBreakdown(BaseModel):
    """Per-skill interview feedback: a score, strengths, weaknesses and recommendations."""

    model_config = ConfigDict(frozen=True)

    score: float | None
    strengths: list[str] = Field(default_factory=list)
    weaknesses: list[str] = Field(default_factory=list)
    recommendations: list[str] = Field(default_factory=list)


class RadarAxis(BaseModel):
    """One spoke of the current-vs-target radar."""

    model_config = ConfigDict(frozen=True)

    skill_id: str
    label: str
    target: float
    importance: int
    current: float | None  # None: never measured nor rated
    current_source: str | None = None
    # the skill model's 80 % interval (docs/skills.md); None where there is no evidence
    low: float | None = None
    high: float | None = None


# -- series ----------------------------------------------------------------------------------
def progression(points: Iterable[SkillPoint]) -> dict[str, list[SkillPoint]]:
    """Points grouped by skill, each list oldest first (ties keep their input order)."""
    grouped: dict[str, list[SkillPoint]] = defaultdict(list)
    for point in points:
        grouped[point.skill_id].append(point)
    return {skill: sorted(pts, key=lambda p: p.at) for skill, pts in grouped.items()}


def averages(points: Iterable[SkillPoint]) -> dict[str, float]:
    """Mean level per skill across all its points."""
    return {skill: fmean(p.level for p in pts) for skill, pts in progression(points).items()}


def latest_levels(points: Iterable[SkillPoint]) -> dict[str, SkillPoint]:
    """The most recent point per skill."""
    return {skill: pts[-1] for skill, pts in progression(points).items() if pts}


def records_from_points(
    points: Iterable[SkillPoint], label_of: Mapping[datetime, str] | None = None
) -> list[ScoreRecord]:
    """Group points measured at the same instant into one record (an assessment session).

    Assessments record every skill of a session with one timestamp; that timestamp is the
    session's identity here. Records come back oldest first.
    """
    by_time: dict[tuple[datetime, SeriesSource], dict[str, float]] = defaultdict(dict)
    for point in points:
        by_time[(point.at, point.source)][point.skill_id] = point.level
    records: list[ScoreRecord] = []
    for (at, source), scores in sorted(by_time.items(), key=lambda kv: kv[0][0]):
        label = (label_of or {}).get(at) or f"{source.capitalize()} · {at:%d %b %Y}"
        records.append(
            ScoreRecord(
                key=f"{source}:{at.isoformat()}", label=label, source=source, at=at, scores=scores
            )
        )
    return records


def comparison(
    records: Sequence[ScoreRecord], keys: Sequence[str] | None = None
) -> dict[str, dict[str, float]]:
    """Per skill, the score of each chosen record: ``{skill: {record_key: score}}``.

    ``keys`` chooses and orders the records (all of them when None); unknown keys are
    ignored. Skills are listed in first-seen order, interview dimensions first.
    """
    by_key = {r.key: r for r in records}
    chosen = [by_key[k] for k in (keys if keys is not None else by_key) if k in by_key]
    order: list[str] = [s for s in INTERVIEW_SKILLS if any(s in r.scores for r in chosen)]
    for record in chosen:
        order.extend(s for s in record.scores if s not in order)
    return {skill: {r.key: r.scores[skill] for r in chosen if skill in r.scores} for skill in order}


# -- trends ----------------------------------------------------------------------------------
def least_squares_slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Slope of the ordinary least-squares line through the points.

    Raises ValueError with fewer than two points or when every x is the same.
    """
    if len(xs) != len(ys):
        raise ValueError("xs and ys differ in length")
    if len(xs) < 2:
        raise ValueError("a slope needs at least two points")
    mx, my = fmean(xs), fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        raise ValueError("all x values are equal")
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx


def classify_trend(
    levels: Sequence[float],
    *,
    window: int = TREND_WINDOW,
    min_points: int = TREND_MIN_POINTS,
    threshold: float = TREND_THRESHOLD,
) -> tuple[TrendDirection, float | None, int]:
    """Direction, slope (points per attempt) and points used for a series, oldest first."""
    if window < 2 or min_points < 2:
        raise ValueError("a trend needs a window and a minimum of at least two points")
    recent = list(levels)[-window:]
    if len(recent) < min_points:
        return "insufficient", None, len(recent)
    slope = least_squares_slope(range(len(recent)), recent)
    if slope >= threshold:
        return "improving", slope, len(recent)
    if slope <= -threshold:
        return "declining", slope, len(recent)
    return "steady", slope, len(recent)


def skill_trends(
    points: Iterable[SkillPoint],
    *,
    window: int = TREND_WINDOW,
    min_points: int = TREND_MIN_POINTS,
    threshold: float = TREND_THRESHOLD,
) -> list[SkillTrend]:
    """One trend per (source, skill), interview dimensions first, then by skill id."""
    by_source: dict[SeriesSource, list[SkillPoint]] = defaultdict(list)
    for point in points:
        by_source[point.source].append(point)
    out: list[SkillTrend] = []
    for source in ("interview", "assessment"):
        series = progression(by_source.get(source, []))
        for skill in sorted(series, key=_skill_order):
            levels = [p.level for p in series[skill]]
            direction, slope, used = classify_trend(
                levels, window=window, min_points=min_points, threshold=threshold
            )
            recent = levels[-window:]
            out.append(
                SkillTrend(
                    skill_id=skill,
                    source=source,
                    direction=direction,
                    slope=slope,
                    points_used=used,
                    latest=recent[-1] if recent else None,
                    change=(recent[-1] - recent[0]) if len(recent) >= 2 else None,
                )
            )
    return out


def _skill_order(skill: str) -> tuple[int, str]:
    return (INTERVIEW_SKILLS.index(skill), "") if skill in INTERVIEW_SKILLS else (99, skill)


# -- current vs target -----------------------------------------------------------------------
def radar_axes(
    requirements: Sequence[tuple[str, str, float, int]],
    current: Mapping[str, tuple[float, str]],
) -> list[RadarAxis]:
    """Spokes for the radar: one per required skill, most important first.

    ``requirements`` holds (skill_id, label, target level, importance) as in the role
    catalogue; ``current`` maps skill_id to (level, source).
    """
    axes = []
    for skill_id, label, target, importance in requirements:
        level, source = current.get(skill_id, (None, None))
        axes.append(
            RadarAxis(
                skill_id=skill_id,
                label=label,
                target=float(target),
                importance=importance,
                current=level,
                current_source=source,
            )
        )
    return sorted(axes, key=lambda a: (-a.importance, a.label))


def merge_current(
    measured: Mapping[str, tuple[float, str, datetime]],
    interview: Mapping[str, SkillPoint],
) -> dict[str, tuple[float, str]]:
    """Current level per skill: the newer of the learning record and the latest interview.

    A self-rating only counts until a skill is measured, so an interview level always beats
    a ``"self"`` source; between two measurements the more recent wins.
    """
    merged: dict[str, tuple[float, str, datetime]] = dict(measured)
    for skill, point in interview.items():
        have = merged.get(skill)
        if have is None or have[1] == "self" or point.at >= have[2]:
            merged[skill] = (point.level, "interview", point.at)
    return {skill: (level, source) for skill, (level, source, _at) in merged.items()}
