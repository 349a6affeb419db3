"""Learned preferences and recommendation scores, pure (numbers in docs/intel.md).

**Signals** per attribute of the posting (company, role, location, skills, seniority):
applying +0.7, opening +0.3, dismissing −0.3 for company and role and −0.2 for location,
skills and seniority. A value's preference is the sum of its signals, clamped to −1…1.

**Confidence** grows with the number of signals: n / (n + 5).

**Score** of a posting = (1 − α) × content fit + α × (preference + 1)/2 with α = 0.4 ×
confidence, where preference is the mean over the posting's attributes (skills: their mean)
of the learned values seen so far. With collaborative data (opt-in) the result is blended
60% content/preferences + 40% collaborative. Postings under ``MIN_SCORE`` are not
recommended; a recommendation expires ``EXPIRY_DAYS`` after it was first shown.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

APPLY, OPEN = 0.7, 0.3
DISMISS: dict[str, float] = {
    "company": -0.3,
    "role": -0.3,
    "location": -0.2,
    "skills": -0.2,
    "seniority": -0.2,
}
ATTRIBUTES: tuple[str, ...] = ("company", "role", "location", "skills", "seniority")
MIN_SCORE = 0.45
EXPIRY_DAYS = 14
CONTENT_SHARE, COLLAB_SHARE = 0.6, 0.4
MAX_ALPHA = 0.4


def _values(attrs: Mapping[str, object], attr: str) -> list[str]:
    raw = attrs.get(attr)
    if raw is None or raw == "":
        return []
    if isinstance(raw, list | tuple | set):
        return [str(v) for v in raw if v]
    return [str(raw)]


@dataclass
class Preferences:
    """Learned value per (attribute, value), and how many signals taught it."""

    values: dict[str, dict[str, float]] = field(default_factory=lambda: defaultdict(dict))
    signals: int = 0

    @property
    def confidence(self) -> float:
        return self.signals / (self.signals + 5)

    def learn(self, kind: str, attrs: Mapping[str, object]) -> None:
        """Apply one signal (``apply``, ``open`` or ``dismiss``)."""
        self.signals += 1
        for attr in ATTRIBUTES:
            delta = APPLY if kind == "apply" else OPEN if kind == "open" else DISMISS[attr]
            for v in _values(attrs, attr):
                now = self.values[attr].get(v, 0.0) + delta
                self.values[attr][v] = max(-1.0, min(1.0, now))

    def preference(self, attrs: Mapping[str, object]) -> tuple[float, list[tuple[str, str, float]]]:
        """Mean learned value over the attributes seen before (−1…1), and the contributors."""
        parts: list[float] = []
        contributors: list[tuple[str, str, float]] = []
        for attr in ATTRIBUTES:
            known = [
                (v, self.values[attr][v]) for v in _values(attrs, attr) if v in self.values[attr]
            ]
            if not known:
                continue
            mean = statistics.fmean(x for _, x in known)
            parts.append(mean)
            best = max(known, key=lambda t: abs(t[1]))
            contributors.append((attr, best[0], mean))
        return (statistics.fmean(parts) if parts else 0.0), contributors


def learn_all(signals: Iterable[tuple[str, Mapping[str, object]]]) -> Preferences:
    prefs = Preferences()
    for kind, attrs in signals:
        prefs.learn(kind, attrs)
    return prefs


@dataclass
class Scored:
    key: int
    score: float
    confidence: float
    reasons: list[str]


_ATTR_WORDS = {
    "company": "company",
    "role": "role",
    "location": "location",
    "skills": "skills",
    "seniority": "seniority",
}


def score_posting(
    key: int,
    content: float,
    content_reason: str,
    attrs: Mapping[str, object],
    prefs: Preferences,
    collaborative: tuple[float, str] | None = None,
) -> Scored:
    """Score one posting (see the module docstring) with the reasons behind it."""
    pref, contributors = prefs.preference(attrs)
    alpha = MAX_ALPHA * prefs.confidence
    value = (1 - alpha) * content + alpha * (pref + 1) / 2
    reasons = [content_reason] if content_reason else []
    for attr, v, mean in sorted(contributors, key=lambda c: -abs(c[2]))[:2]:
        if mean > 0.05:
            reasons.append(f"You showed interest in this {_ATTR_WORDS[attr]} before ({v}).")
        elif mean < -0.05:
            reasons.append(f"You dismissed postings with this {_ATTR_WORDS[attr]} ({v}).")
    if collaborative is not None:
        share, why = collaborative
        value = CONTENT_SHARE * value + COLLAB_SHARE * share
        if why:
            reasons.append(why)
    return Scored(
        key=key, score=round(value, 4), confidence=round(prefs.confidence, 3), reasons=reasons
    )


def collaborative_scores(
    mine: set[str], others: Sequence[tuple[set[str], set[str]]], candidates: Iterable[str]
) -> dict[str, tuple[float, int]]:
    """ "People who saved X also applied to Y" across other (opted-in) profiles.

    ``mine`` are the posting keys this profile saved or applied to; ``others`` are, per other
    profile, (keys saved or applied to, keys applied to). A candidate's score is the share of
    the overlapping profiles (those sharing any key with ``mine``) that applied to it.
    """
    overlapping = [applied for seen, applied in others if seen & mine]
    out: dict[str, tuple[float, int]] = {}
    if not overlapping:
        return out
    for key in candidates:
        n = sum(1 for applied in overlapping if key in applied)
        if n:
            out[key] = (n / len(overlapping), n)
    return out
