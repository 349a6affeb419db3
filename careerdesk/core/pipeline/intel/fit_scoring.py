"""The fit score (default weights in docs/intel.md) and its learning loop, pure.

Fit score = Σ weight × component over the components that have information, divided by the
sum of those weights (each component 0–1; a component without information is left out and
the remaining weights renormalised — never a made-up ½):

* **skills**: 0.8 × required match + 0.2 × preferred match (of :mod:`.fit_rules`); left out
  when the posting names no catalogue skill;
* **experience**: 1 − max(0, title seniority − the learner's level on the required skills)/50,
  seniority from the title (intern/graduate/junior 25, none 50, senior 75, lead/principal/
  staff/head 85); left out without a level on the required skills;
* **culture**: the work-style and culture preferences against the posting and the company
  card (:mod:`.culture_rules`); left out when either side says nothing;
* **growth**: the share of the posting's technologies O*NET flags as hot; left out when the
  posting names no technology;
* **compensation**: against the learner's expected salary — 1 when the salary midpoint meets
  it, 1 − 2 × the shortfall's share below it (10 % below → 0.8, 50 % below → 0); without an
  expected salary, 0.5 + (midpoint − the profile's median midpoint)/median, clamped; left out
  when the posting has no salary (or its currency differs from the expected one).

Default weights: skills 30%, experience 25%, culture 20%, growth 15%, compensation 10%.

**Re-fit** (every 10 recorded outcomes): for each component, the difference between its mean
on successful applications (an interview or better) and on the rest (each mean over the
outcomes that have the component; no difference when either side has none) moves its weight
by ``LEARNING_RATE × difference`` (relative); each weight stays within ½× and 1½× its
default and the weights sum to 1 (a bounded projection, so the bounds hold exactly).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Mapping, Sequence

from pydantic import BaseModel

DIMENSIONS: tuple[str, ...] = ("skills", "experience", "culture", "growth", "compensation")
DEFAULT_WEIGHTS: dict[str, float] = {
    "skills": 0.30,
    "experience": 0.25,
    "culture": 0.20,
    "growth": 0.15,
    "compensation": 0.10,
}
LEARNING_RATE = 0.5
REFIT_EVERY = 10
LOW, HIGH = 0.5, 1.5  # bounds as multiples of the default weight

_SENIORITY = (
    (re.compile(r"\b(intern|internship|graduate|grad|junior|jr|entry|trainee|apprentice)\b"), 25),
    (re.compile(r"\b(lead|principal|staff|head|director|chief)\b"), 85),
    (re.compile(r"\b(senior|sr)\b"), 75),
)


def seniority(title: str) -> int:
    """The level a job title implies (see the module docstring)."""
    low = title.lower()
    for pattern, level in _SENIORITY:
        if pattern.search(low):
            return level
    return 50


def seniority_label(title: str) -> str:
    return {25: "junior", 50: "mid", 75: "senior", 85: "lead"}[seniority(title)]


def clamp01(x: float) -> float:
    return max(0.0, min(1.0, x))


def experience_component(title: str, learner_level: float | None) -> float | None:
    if learner_level is None:
        return None
    return clamp01(1.0 - max(0.0, seniority(title) - learner_level) / 50.0)


def compensation_component(midpoint: float | None, median: float | None) -> float | None:
    """Against the profile's median salary midpoint (used without an expected salary)."""
    if not midpoint or not median:
        return None
    return clamp01(0.5 + (midpoint - median) / median)


def expected_salary_component(midpoint: float | None, expected: float | None) -> float | None:
    """Against the learner's expected salary: 1 at or above it, 1 − 2 × shortfall share below."""
    if not midpoint or not expected:
        return None
    if midpoint >= expected:
        return 1.0
    return clamp01(1.0 - 2.0 * (expected - midpoint) / expected)


def score(components: Mapping[str, float | None], weights: Mapping[str, float]) -> float:
    """Weighted fit score 0–1 over the components present, weights renormalised over them."""
    present = [d for d in DIMENSIONS if components.get(d) is not None]
    total = sum(weights[d] for d in present)
    if not present or total <= 0:
        return 0.0
    return round(sum(weights[d] * float(components[d] or 0.0) for d in present) / total, 4)


def effective_weights(
    components: Mapping[str, float | None], weights: Mapping[str, float]
) -> dict[str, float]:
    """The renormalised weight of each component present (what the card shows)."""
    present = [d for d in DIMENSIONS if components.get(d) is not None]
    total = sum(weights[d] for d in present)
    return {d: round(weights[d] / total, 4) for d in present} if total > 0 else {}


class Refit(BaseModel):
    weights: dict[str, float]
    explanation: list[str]


def bounds(dim: str) -> tuple[float, float]:
    return DEFAULT_WEIGHTS[dim] * LOW, DEFAULT_WEIGHTS[dim] * HIGH


def project(target: Mapping[str, float]) -> dict[str, float]:
    """The weights closest to ``target`` (a common shift) inside the bounds, summing to 1."""

    def total(shift: float) -> float:
        return sum(min(max(target[d] + shift, bounds(d)[0]), bounds(d)[1]) for d in DIMENSIONS)

    lo, hi = -1.0, 1.0
    for _ in range(100):  # bisection: total() is monotone in the shift
        mid = (lo + hi) / 2
        if total(mid) < 1.0:
            lo = mid
        else:
            hi = mid
    shift = (lo + hi) / 2
    out = {d: min(max(target[d] + shift, bounds(d)[0]), bounds(d)[1]) for d in DIMENSIONS}
    return out


def refit(
    weights: Mapping[str, float], outcomes: Sequence[tuple[Mapping[str, float], bool]]
) -> Refit:
    """New weights from outcomes ``(components, success)``; unchanged without both kinds."""
    good = [c for c, ok in outcomes if ok]
    bad = [c for c, ok in outcomes if not ok]
    if not good or not bad:
        return Refit(
            weights=dict(weights),
            explanation=["Needs both successful and unsuccessful applications to learn from."],
        )
    target: dict[str, float] = {}
    diffs: dict[str, float] = {}
    for d in DIMENSIONS:
        on_good = [c[d] for c in good if c.get(d) is not None]
        on_bad = [c[d] for c in bad if c.get(d) is not None]
        diff = statistics.fmean(on_good) - statistics.fmean(on_bad) if on_good and on_bad else 0.0
        diffs[d] = diff
        target[d] = weights[d] * (1 + LEARNING_RATE * diff)
    new = project(target)
    explanation = []
    for d in DIMENSIONS:
        before, after = weights[d] * 100, new[d] * 100
        direction = "higher" if diffs[d] >= 0 else "lower"
        explanation.append(
            f"{d.capitalize()} {before:.0f}% → {after:.0f}%: {abs(diffs[d]) * 100:.0f} points "
            f"{direction} on applications that reached an interview."
        )
    return Refit(weights=new, explanation=explanation)
