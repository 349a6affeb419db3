"""Learned preferences and recommendation scores, pure (numbers in docs/intel.md).

**Signals** per attribute of the posting (company, role, location, skills, seniority):
applying +0.7, opening +0.3, dismissing −0.3 for company and role and −0.2 for location,
skills and seniority. A value's preference is the sum of its signals, clamped to −1…1.

**Confidence** grows with the number of signals: n / (n + 5).

**Content** of a posting (:func:`content_score`) = the fit components *known* for it,
weight-averaged with the fit weights renormalised over them, times the **skills gate**
min(1, required match / 60 %). Components without information (culture the learner has not
described, a salary with nothing to compare to, a posting naming no technologies) are left
out rather than counted as a neutral 0.5, and a posting where the learner has under 60 % of
the required skills (the Learn-first threshold: below it the verdict is Reconsider) is
scaled down in proportion. Why: with the neutral 0.5s and an ungated blend, postings at 25 %
skill match scored 0.62–0.67 and the 0.45 minimum filtered nothing (docs/intel.md).

**Score** = gate × ((1 − α) × content + α × (preference + 1)/2) with α = 0.4 × confidence,
where content is before the gate and preference is the mean over the posting's attributes
(skills: their mean) of the learned values seen so far: learned preferences reorder postings
the learner can do, but cannot lift one they cannot. With collaborative data (opt-in) the
result is blended 60% content/preferences + 40% collaborative (also gated). Postings under
``MIN_SCORE`` are not recommended; a recommendation expires ``EXPIRY_DAYS`` after it was
first shown.

**More like this** (:func:`similarity`): 0.6 × skills overlap (Jaccard) + 0.25 × role (same
O*NET occupation 1, else the share of shared title words) + 0.15 × location (same place or
both remote 1, one remote 0.5, else 0).
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
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
# Calibrated on the demo and 500 generated postings (benchmarks/recommendation_threshold.py):
# at 0.65 every Apply-now and Learn-first posting passes and most Reconsider ones do not
# (docs/intel.md gives the counts).
MIN_SCORE = 0.65
# Below this share of required skills the fit verdict cannot be better than Reconsider.
SKILLS_GATE = 60.0
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
    gate: float = 1.0,
) -> Scored:
    """Score one posting (see the module docstring) with the reasons behind it.

    ``content`` is the ungated content (:func:`content_score`'s first value), ``gate`` the
    skills gate (its second)."""
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
    value *= gate
    if gate < 1.0:
        reasons.append(
            f"Scaled to {gate:.0%}: you have under {SKILLS_GATE:.0f}% of the required skills."
        )
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


def skills_gate(required_match: float | None) -> float:
    """min(1, required match / 60 %); 1 when the posting names no recognised skill."""
    if required_match is None:
        return 1.0
    return max(0.0, min(1.0, required_match / SKILLS_GATE))


def content_score(
    components: Mapping[str, float],
    weights: Mapping[str, float],
    known: Collection[str],
    required_match: float | None,
) -> tuple[float, float]:
    """(content before the gate, skills gate): the known components' weighted mean.

    A component missing from ``components`` or not in ``known`` is left out and the other
    weights renormalised; with nothing known the content is 0 (nothing to recommend on).
    """
    used = [d for d in weights if d in known and d in components and weights[d] > 0]
    total = sum(weights[d] for d in used)
    if total <= 0:
        return 0.0, skills_gate(required_match)
    value = sum(weights[d] * components[d] for d in used) / total
    return round(value, 4), skills_gate(required_match)


# -- more like this -----------------------------------------------------------------------

SIMILARITY_WEIGHTS: dict[str, float] = {"skills": 0.6, "role": 0.25, "location": 0.15}
_WORD = re.compile(r"[a-z0-9+#]+")
_STOP = frozenset({"and", "of", "the", "a", "an", "for", "in", "with", "to", "at", "&"})


@dataclass(frozen=True)
class PostingTraits:
    """What "more like this" compares: skill ids, O*NET occupation, title, place, work mode."""

    key: int
    skills: frozenset[str]
    occupation: str
    title: str
    location: str
    remote: str  # yes | hybrid | no | ""


def _title_words(title: str) -> set[str]:
    return {w for w in _WORD.findall(title.lower()) if w not in _STOP}


def similarity(a: PostingTraits, b: PostingTraits) -> tuple[float, list[str]]:
    """How alike two postings are, 0..1, and why (see the module docstring)."""
    union = a.skills | b.skills
    shared = a.skills & b.skills
    skills = len(shared) / len(union) if union else 0.0
    if a.occupation and a.occupation == b.occupation:
        role = 1.0
    else:
        wa, wb = _title_words(a.title), _title_words(b.title)
        role = len(wa & wb) / len(wa | wb) if wa | wb else 0.0
    la, lb = a.location.strip().lower(), b.location.strip().lower()
    if (la and la == lb) or (a.remote == "yes" and b.remote == "yes"):
        place = 1.0
    elif "yes" in (a.remote, b.remote):
        place = 0.5
    else:
        place = 0.0
    w = SIMILARITY_WEIGHTS
    value = w["skills"] * skills + w["role"] * role + w["location"] * place
    why: list[str] = []
    if shared:
        why.append(f"{len(shared)} shared skill(s)")
    if role == 1.0:
        why.append("same role")
    elif role > 0:
        why.append("similar title")
    if place == 1.0:
        why.append("same place" if la and la == lb else "both remote")
    return round(value, 4), why


def more_like_this(
    liked: PostingTraits, others: Iterable[PostingTraits], limit: int = 10
) -> list[tuple[PostingTraits, float, list[str]]]:
    """The postings most like ``liked``, best first (ties: lower key); itself left out."""
    scored = [(o, *similarity(liked, o)) for o in others if o.key != liked.key]
    scored = [t for t in scored if t[1] > 0]
    scored.sort(key=lambda t: (-t[1], t[0].key))
    return scored[:limit]
