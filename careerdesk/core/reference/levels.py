"""Skill levels (0–100), the four proficiency bands, and the learning-hours table.

Levels are numbers from 0 to 100 everywhere in CareerDesk: self-ratings, assessment scores and
role requirements. The learning-hours table (docs/learning.md) speaks in bands, so a level
maps to a band:

=============  ==========
band           levels
=============  ==========
beginner       0 – 39
intermediate   40 – 64
advanced       65 – 84
expert         85 – 100
=============  ==========

Hours to move from a current level to a target level (:func:`hours_between`):

* different bands: the table value for (band of current → band of target), e.g. 30 → 75 is
  beginner → advanced = 120 h;
* the same band (the learner is below the target but in its band): the share of the step to
  the next band that the gap covers, e.g. 45 → 60 is 15 of the 25 intermediate points of the
  80 h intermediate → advanced step = 48 h (in the expert band, the advanced → expert step
  spread over 85–100);
* target at or below current: 0 h.
"""

from __future__ import annotations

from typing import Literal

Band = Literal["beginner", "intermediate", "advanced", "expert"]
BANDS: tuple[Band, ...] = ("beginner", "intermediate", "advanced", "expert")
BAND_FLOORS: dict[Band, int] = {"beginner": 0, "intermediate": 40, "advanced": 65, "expert": 85}

# Hours between bands (docs/learning.md, Levels, bands and learning hours).
TRANSITION_HOURS: dict[tuple[Band, Band], float] = {
    ("beginner", "intermediate"): 40.0,
    ("beginner", "advanced"): 120.0,
    ("beginner", "expert"): 300.0,
    ("intermediate", "advanced"): 80.0,
    ("intermediate", "expert"): 200.0,
    ("advanced", "expert"): 150.0,
}

# Self-rating presets offered to learners (a slider allows any value in between).
SELF_RATING_PRESETS: tuple[tuple[str, int], ...] = (
    ("None yet", 0),
    ("Beginner", 20),
    ("Intermediate", 50),
    ("Advanced", 75),
    ("Expert", 90),
)


def clamp_level(level: float) -> float:
    """``level`` limited to 0–100."""
    return max(0.0, min(100.0, float(level)))


def band(level: float) -> Band:
    """The proficiency band of a 0–100 level."""
    level = clamp_level(level)
    result: Band = "beginner"
    for name in BANDS:
        if level >= BAND_FLOORS[name]:
            result = name
    return result


def _band_span(name: Band) -> tuple[float, float]:
    i = BANDS.index(name)
    upper = BAND_FLOORS[BANDS[i + 1]] if i + 1 < len(BANDS) else 100
    return float(BAND_FLOORS[name]), float(upper)


def hours_between(current: float, target: float) -> float:
    """Estimated study hours from ``current`` to ``target`` (see the module docstring)."""
    current, target = clamp_level(current), clamp_level(target)
    if target <= current:
        return 0.0
    b0, b1 = band(current), band(target)
    if b0 != b1:
        return TRANSITION_HOURS[(b0, b1)]
    low, high = _band_span(b0)
    if b0 == "expert":
        step = TRANSITION_HOURS[("advanced", "expert")]
    else:
        step = TRANSITION_HOURS[(b0, BANDS[BANDS.index(b0) + 1])]
    return round(step * (target - current) / (high - low), 1)


def content_levels_for(current: float, target: float) -> list[str]:
    """Content levels (beginner/intermediate/advanced) that help move from current to target.

    Expert maps to advanced material: the catalogue has nothing above advanced.
    """
    order = ("beginner", "intermediate", "advanced")
    lo = min(BANDS.index(band(current)), 2)
    hi = min(BANDS.index(band(target)), 2)
    return list(order[lo : max(lo, hi) + 1])


def describe(level: float) -> str:
    """A short label such as ``"45 · intermediate"``."""
    return f"{clamp_level(level):.0f} · {band(level)}"
