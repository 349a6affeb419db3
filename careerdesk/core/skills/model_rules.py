"""The skill model's rules (docs/skills.md): evidence in, one estimate per skill out.

Pure functions over plain values: no database, no clock of their own (``now`` is passed in).

Each skill's level is a Gaussian belief ``N(mean, sd²)`` on the 0–100 scale, updated in time
order by every piece of evidence in the learner's ledger:

* **quiz answer** — a three-parameter logistic item response (guessing 1 in 4 for a
  four-option question) with the question's difficulty as its location, folded in by a
  Glicko-style single Newton step; one answer moves the mean by at most ``MAX_ANSWER_MOVE``.
* **interview practice / real interview / advisor rating / an assessment score** — a direct,
  noisy observation of the level, folded in by a Kalman update with the source's own noise.
* **studied item** (a finished learning item, a watched video) — a bounded credit: it nudges
  the mean up, never above the level the material teaches, never by more than
  ``STUDY_MAX_TOTAL`` between two measurements, and it does not shrink the uncertainty.
* **self-rating** — the prior the learner states (``SELF_SD`` wide); the newest one counts.
* **time** — the variance grows by ``DRIFT_VAR_PER_DAY`` for every day between two pieces
  of evidence and up to ``now`` (Glicko's rating deviation), so older evidence counts less.

Evidence with a ``ref`` can be restated: only the newest entry per ref counts, and a
``withdrawn`` entry removes it (an interview practice edited or deleted). The ledger itself
is never rewritten.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

EvidenceKind = Literal[
    "quiz_answer",
    "assessment_score",
    "interview_practice",
    "interview_real",
    "advisor_rating",
    "study",
    "self_rating",
    "withdrawn",
]
EVIDENCE_KINDS: tuple[EvidenceKind, ...] = get_args(EvidenceKind)

# Words a learner reads for each kind of evidence.
KIND_LABELS: dict[str, str] = {
    "quiz_answer": "quiz answers",
    "assessment_score": "assessment scores",
    "interview_practice": "interview practice",
    "interview_real": "real interviews",
    "advisor_rating": "advisor ratings",
    "study": "study",
    "self_rating": "self-rating",
}

# --- constants (their reasons are in docs/skills.md) ------------------------------------------
POP_MEAN = 50.0  # where a quiz starts when nothing else is known: the middle of the scale
POP_SD = 30.0  # ... and how little that says (a uniform 0–100 level has sd 28.9)
SELF_SD = 25.0  # a self-rating: a weak prior (people misjudge themselves by a band or more)
OBSERVATION_SD: dict[str, float] = {
    "interview_practice": 15.0,  # one practice, one rater, often the learner themself
    "interview_real": 12.0,  # a real interviewer's scores
    "assessment_score": 12.0,  # a whole quiz's score (older results without their answers)
    "advisor_rating": 10.0,  # a trained observer who watched the learner work
}
IRT_SCALE = 8.0  # level points per logit of the item response curve
GUESS = 0.25  # four options: a blind guess is right one time in four
DIFFICULTY_LOCATION: dict[str, float] = {"easy": 25.0, "medium": 50.0, "hard": 75.0}
MAX_ANSWER_MOVE = 15.0  # the most one quiz answer can move an estimate (issue 16)
MIN_SD = 3.0  # never claim more precision than a 0–100 scale of human skill has
DRIFT_VAR_PER_DAY = 0.5  # variance added per day without evidence (sd 5 → ~10 in 5 months)
STUDY_POINTS_PER_HOUR = 1.0  # the learning-hours table: about 40 h per 40-point band
STUDY_MAX_ITEM = 4.0  # one finished item is worth at most this many points
STUDY_MAX_TOTAL = 12.0  # study alone adds at most this much between two measurements
STUDY_CEILING: dict[str, float] = {"beginner": 40.0, "intermediate": 65.0, "advanced": 85.0}
INTERVAL_Z = 1.28  # the interval shown is the central 80 % of the belief

_SECONDS_PER_DAY = 86400.0


@dataclass(frozen=True)
class Evidence:
    """One entry of the ledger as the rules read it.

    ``value``: 1/0 for a quiz answer (right/wrong); the observed level (0–100) for
    observations and self-ratings; the study hours for ``study``. ``difficulty``: the
    question's location on the 0–100 scale for a quiz answer; the level the material teaches
    up to for ``study``.
    """

    id: int
    skill_id: str
    kind: EvidenceKind
    value: float
    at: datetime
    difficulty: float | None = None
    ref: str = ""


@dataclass(frozen=True)
class Belief:
    """The Gaussian belief about one level, and when it was last updated."""

    mean: float
    var: float
    at: datetime


@dataclass(frozen=True)
class SkillEstimate:
    """What the model knows about one skill now."""

    skill_id: str
    estimate: float
    sd: float
    low: float
    high: float
    evidence_count: int
    last_evidence_at: datetime
    sources: tuple[str, ...]  # kinds of evidence that counted, in EVIDENCE_KINDS order
    self_rated_only: bool
    self_rating: float | None = None  # the learner's own newest rating, when there is one

    @property
    def measured(self) -> bool:
        """True when something other than the learner's own word or study counted."""
        return any(k not in ("self_rating", "study") for k in self.sources)


# --- single steps ------------------------------------------------------------------------------
def difficulty_location(difficulty: str) -> float:
    """A question difficulty word as a location on the 0–100 scale (unknown: medium)."""
    return DIFFICULTY_LOCATION.get(difficulty, DIFFICULTY_LOCATION["medium"])


def p_correct(level: float, location: float, var: float = 0.0) -> float:
    """Chance of a right answer at ``level`` (3PL with guessing; spread by ``var``).

    ``var`` > 0 flattens the curve by Glicko's ``g`` factor: the expected score of a learner
    whose level is uncertain.
    """
    g = 1.0 / math.sqrt(1.0 + 3.0 * var / (math.pi**2 * IRT_SCALE**2))
    z = max(-30.0, min(30.0, g * (level - location) / IRT_SCALE))
    return GUESS + (1.0 - GUESS) / (1.0 + math.exp(-z))


def drift(belief: Belief, to: datetime) -> Belief:
    """The belief aged to ``to``: variance grows with the days passed, up to ``POP_SD²``."""
    days = max(0.0, (to - belief.at).total_seconds() / _SECONDS_PER_DAY)
    if days <= 0:
        return belief
    var = max(belief.var, min(POP_SD**2, belief.var + DRIFT_VAR_PER_DAY * days))
    return Belief(belief.mean, var, to)


def answer_update(belief: Belief, correct: bool, location: float) -> Belief:
    """One quiz answer folded in (Glicko/IRT step), its move bounded by MAX_ANSWER_MOVE."""
    mu, var = belief.mean, belief.var
    g = 1.0 / math.sqrt(1.0 + 3.0 * var / (math.pi**2 * IRT_SCALE**2))
    sig = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, g * (mu - location) / IRT_SCALE))))
    p = GUESS + (1.0 - GUESS) * sig
    dp = (1.0 - GUESS) * sig * (1.0 - sig) * g / IRT_SCALE  # ∂p/∂level
    info = dp * dp / max(p * (1.0 - p), 1e-9)  # Fisher information of the answer
    score = dp / p if correct else -dp / max(1.0 - p, 1e-9)  # ∂ log-likelihood / ∂level
    new_var = max(MIN_SD**2, 1.0 / (1.0 / var + info))
    move = max(-MAX_ANSWER_MOVE, min(MAX_ANSWER_MOVE, new_var * score))
    return Belief(_clamp(mu + move), new_var, belief.at)


def observation_update(belief: Belief | None, level: float, sd: float, at: datetime) -> Belief:
    """A direct observation of the level (Kalman); with no belief yet it is the belief."""
    if belief is None:
        return Belief(_clamp(level), max(MIN_SD**2, sd * sd), at)
    gain = belief.var / (belief.var + sd * sd)
    mean = belief.mean + gain * (_clamp(level) - belief.mean)
    return Belief(_clamp(mean), max(MIN_SD**2, (1.0 - gain) * belief.var), belief.at)


def study_credit(mean: float, hours: float, ceiling: float, used: float) -> float:
    """Points a studied item adds: ≤ STUDY_MAX_ITEM, never past ``ceiling`` or the total cap."""
    room = min(ceiling - mean, STUDY_MAX_TOTAL - used)
    return max(0.0, min(STUDY_MAX_ITEM, STUDY_POINTS_PER_HOUR * max(0.0, hours), room))


# --- the fold ----------------------------------------------------------------------------------
def counted(evidence: Iterable[Evidence]) -> list[Evidence]:
    """The evidence that counts, oldest first: the newest entry per ref, withdrawals dropped."""
    ordered = sorted(evidence, key=lambda e: (e.at, e.id))
    newest: dict[tuple[str, str], Evidence] = {}
    for e in ordered:
        if e.ref:
            newest[(e.skill_id, e.ref)] = e
    out = []
    for e in ordered:
        if e.ref and newest[(e.skill_id, e.ref)] is not e:
            continue
        if e.kind != "withdrawn":
            out.append(e)
    return out


class SkillFold:
    """The running fold of one skill's evidence (the state :func:`estimate_skill` builds).

    Evidence is usually appended in time order, so :meth:`add` folds it in one step; a
    restatement (a ref seen before), a withdrawal, a self-rating or evidence older than the
    last step marks the fold for a rebuild from all its evidence on the next :meth:`estimate`.
    The result is the same either way (tested).
    """

    def __init__(self, skill_id: str) -> None:
        self.skill_id = skill_id
        self.items: list[Evidence] = []
        self._reset()

    def _reset(self) -> None:
        self._belief: Belief | None = None
        self._studied = 0.0
        self._refs: set[str] = set()
        self._rest: list[Evidence] = []
        self._self: Evidence | None = None
        self._dirty = False
        self._study_only = False
        # kept as the fold goes, so an estimate costs the same however long the history
        self._kinds: set[str] = set()
        self._last_at: datetime | None = None
        self._memo: tuple[datetime, SkillEstimate] | None = None

    def add(self, e: Evidence) -> None:
        self.items.append(e)
        if self._dirty:
            return
        simple = (
            e.kind not in ("self_rating", "withdrawn")
            and (not e.ref or e.ref not in self._refs)
            and (not self._rest or e.at >= self._rest[-1].at)
            and (self._self is None or bool(self._rest))
        )
        if not simple:
            self._dirty = True
            return
        if e.ref:
            self._refs.add(e.ref)
        self._step(e)

    def _rebuild(self) -> None:
        items = counted(self.items)
        self._reset()
        selfs = [e for e in items if e.kind == "self_rating"]
        rest = [e for e in items if e.kind != "self_rating"]
        self._refs = {e.ref for e in self.items if e.ref}
        if selfs:
            self._self = selfs[-1]
            self._seen(self._self)
            first = rest[0].at if rest else self._self.at
            self._belief = Belief(_clamp(self._self.value), SELF_SD**2, min(first, self._self.at))
        for e in rest:
            self._step(e)

    def _step(self, e: Evidence) -> None:
        belief = self._belief
        if belief is not None and self._study_only and e.kind != "study":
            # Study alone is no measurement: the first real evidence starts afresh.
            belief = None
        if belief is not None:
            belief = drift(belief, e.at)
        self._study_only = e.kind == "study" and (belief is None or self._study_only)
        if e.kind == "quiz_answer":
            start = belief or Belief(POP_MEAN, POP_SD**2, e.at)
            loc = e.difficulty if e.difficulty is not None else DIFFICULTY_LOCATION["medium"]
            belief = answer_update(start, e.value >= 0.5, loc)
            self._studied = 0.0
        elif e.kind == "study":
            start = belief or Belief(0.0, POP_SD**2, e.at)
            ceiling = e.difficulty if e.difficulty is not None else STUDY_CEILING["beginner"]
            credit = study_credit(start.mean, e.value, ceiling, self._studied)
            self._studied += credit
            belief = Belief(_clamp(start.mean + credit), start.var, start.at)
        else:
            sd = OBSERVATION_SD.get(e.kind, OBSERVATION_SD["interview_practice"])
            belief = observation_update(belief, e.value, sd, e.at)
            self._studied = 0.0
        self._belief = belief
        self._rest.append(e)
        self._seen(e)

    def _seen(self, e: Evidence) -> None:
        self._kinds.add(e.kind)
        if self._last_at is None or e.at > self._last_at:
            self._last_at = e.at
        self._memo = None

    def estimate(self, now: datetime) -> SkillEstimate | None:
        """The estimate as of ``now`` (None when no evidence counts)."""
        if self._dirty:
            self._rebuild()
        belief = self._belief
        if belief is None or self._last_at is None:
            return None
        if self._memo is not None and self._memo[0] == now:
            return self._memo[1]
        belief = drift(belief, max(now, belief.at))
        sd = math.sqrt(belief.var)
        mean = round(belief.mean, 1)
        kinds = self._kinds
        est = SkillEstimate(
            skill_id=self.skill_id,
            estimate=mean,
            sd=round(sd, 1),
            low=round(max(0.0, mean - INTERVAL_Z * sd), 1),
            high=round(min(100.0, mean + INTERVAL_Z * sd), 1),
            evidence_count=len(self._rest) + (1 if self._self is not None else 0),
            last_evidence_at=self._last_at,
            sources=tuple(k for k in EVIDENCE_KINDS if k in kinds),
            self_rated_only=kinds == {"self_rating"},
            self_rating=self._self.value if self._self is not None else None,
        )
        self._memo = (now, est)
        return est


def estimate_skill(
    skill_id: str, evidence: Iterable[Evidence], now: datetime
) -> SkillEstimate | None:
    """The estimate of one skill from its evidence (None when nothing counts)."""
    fold = SkillFold(skill_id)
    fold._dirty = True  # fold everything once, in order
    for e in evidence:
        if e.skill_id == skill_id:
            fold.items.append(e)
    return fold.estimate(now)


def estimate_all(evidence: Iterable[Evidence], now: datetime) -> dict[str, SkillEstimate]:
    """Per skill, the estimate from all of ``evidence`` (skills with none are absent)."""
    by_skill: dict[str, list[Evidence]] = {}
    for e in evidence:
        by_skill.setdefault(e.skill_id, []).append(e)
    out = {}
    for skill_id, items in by_skill.items():
        est = estimate_skill(skill_id, items, now)
        if est is not None:
            out[skill_id] = est
    return out


# --- adaptive choice of questions -------------------------------------------------------------
def item_information(mean: float, var: float, location: float) -> float:
    """Fisher information of a question at ``location`` for a learner believed N(mean, var)."""
    g = 1.0 / math.sqrt(1.0 + 3.0 * var / (math.pi**2 * IRT_SCALE**2))
    sig = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, g * (mean - location) / IRT_SCALE))))
    p = GUESS + (1.0 - GUESS) * sig
    dp = (1.0 - GUESS) * sig * (1.0 - sig) * g / IRT_SCALE
    return dp * dp / max(p * (1.0 - p), 1e-12)


def informative_split(count: int, mean: float, var: float) -> dict[str, int]:
    """How many easy/medium/hard questions to ask, in proportion to how informative each
    difficulty is at the current belief (largest remainders first; adaptive testing)."""
    info = {d: item_information(mean, var, loc) for d, loc in DIFFICULTY_LOCATION.items()}
    total = sum(info.values()) or 1.0
    exact = {d: count * v / total for d, v in info.items()}
    split = {d: int(v) for d, v in exact.items()}
    for d in sorted(exact, key=lambda d: exact[d] - split[d], reverse=True)[
        : count - sum(split.values())
    ]:
        split[d] += 1
    return split


# --- what can measure a skill ------------------------------------------------------------------
INTERVIEW_DIMENSION_SKILLS: dict[str, str] = {
    # interview score dimension -> catalogue skill it is evidence of ("technical" counts for
    # the practice's focus skill, which may be any catalogue skill)
    "communication": "communication",
    "problem_solving": "problem_solving",
    "code_quality": "code_quality",
}


def measuring_kinds(skill_id: str, quiz_skills: Iterable[str]) -> tuple[EvidenceKind, ...]:
    """Kinds of evidence that can *measure* ``skill_id`` (not counting self-rating or study).

    Every catalogue skill can be rated by an advisor and observed in an interview (as its own
    dimension or as the technical focus); the question bank adds quizzes where it has them.
    """
    kinds: list[EvidenceKind] = []
    if skill_id in set(quiz_skills):
        kinds.append("quiz_answer")
    kinds += ["interview_practice", "interview_real", "advisor_rating"]
    return tuple(kinds)


def interval_text(est: SkillEstimate) -> str:
    """``"62 ± 12 · 5 answers"``-style words for one estimate (see docs/skills.md)."""
    half = (est.high - est.low) / 2
    if est.self_rated_only:
        return f"{est.estimate:.0f} · self-rated"
    n = est.evidence_count
    return f"{est.estimate:.0f} ± {half:.0f} · {n} piece{'s' if n != 1 else ''} of evidence"


def sources_text(sources: Iterable[str]) -> str:
    """The kinds of evidence in the learner's words (``"quiz answers, self-rating"``)."""
    return ", ".join(KIND_LABELS.get(s, s) for s in sources)


def _clamp(level: float) -> float:
    return max(0.0, min(100.0, float(level)))
