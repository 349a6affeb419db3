"""The offline interview-feedback generator: score bands plus phrases found in the notes.

Rules (also in docs/charts.md):

1. **Phrases.** The notes and transcript are split into sentences. Each signal of the rule
   book (``resources/interview_rules.json``) is a regular expression tied to one skill. A
   *good-practice* phrase ("STAR", "edge cases", "complexity", "tests", "trade-offs", …)
   found plainly becomes a strength; found negated — a negator ("no", "not", "didn't",
   "forgot", "without", "missed", "skipped", "never", "lack of", …) among the four words
   before it, or "missing"/"forgotten" right after — it becomes a weakness with its
   recommendation. A *problem* phrase ("rambled", "got stuck", "needed hints", "filler
   words", "messy", …) becomes a weakness with its recommendation; negated ("no hints") it
   becomes a strength.
2. **Score bands.** Each scored skill falls in a band: strong ≥ 80, solid 60–79,
   developing 40–59, weak < 40. After the phrase findings, each list is filled from that
   band's items for the skill until it holds at least 2; lists stop at 3, phrase findings
   first because they are specific to this interview.
3. Skills without a score (not assessed in this interview) get no feedback.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from careerdesk.core.skills.rules import INTERVIEW_SKILLS

MIN_ITEMS = 2
MAX_ITEMS = 3
RULES_FILE = "interview_rules.json"

BANDS: tuple[tuple[int, str], ...] = (
    (80, "strong"),
    (60, "solid"),
    (40, "developing"),
    (0, "weak"),
)

NEGATORS = (
    "no",
    "not",
    "never",
    "without",
    "didn't",
    "didnt",
    "did not",
    "don't",
    "doesn't",
    "wasn't",
    "forgot",
    "missed",
    "skipped",
    "lack of",
    "lacked",
    "failed to",
    "neglected",
    "zero",
)
_NEG_AFTER = re.compile(r"^\W*(?:were|was|are|is)?\s*(?:missing|forgotten|absent|skipped)\b", re.I)
_WORD = re.compile(r"[a-z']+")


class Signal(BaseModel):
    """A phrase that says something about one skill.

    ``good`` phrases are good practice (their presence is a strength); others describe a
    problem (their presence is a weakness).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    skill: Literal["communication", "technical", "problem_solving", "code_quality"]
    pattern: str
    good: bool
    strength: str = Field(min_length=5)
    weakness: str = Field(min_length=5)
    recommendation: str = Field(min_length=5)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"bad regular expression: {exc}") from exc
        return pattern


class BandItems(BaseModel):
    """Fallback items for one skill in one score band (at least two of each)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    strengths: tuple[str, ...] = Field(min_length=MIN_ITEMS)
    weaknesses: tuple[str, ...] = Field(min_length=MIN_ITEMS)
    recommendations: tuple[str, ...] = Field(min_length=MIN_ITEMS)


class RuleBook(BaseModel):
    """The shipped rules file (``resources/interview_rules.json``)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    version: int
    signals: tuple[Signal, ...]
    bands: dict[str, dict[str, BandItems]]

    @model_validator(mode="after")
    def _complete(self) -> RuleBook:
        for skill in INTERVIEW_SKILLS:
            missing = [b for _, b in BANDS if b not in self.bands.get(skill, {})]
            if missing:
                raise ValueError(f"{skill}: no items for band(s) {', '.join(missing)}")
        return self


@lru_cache(maxsize=1)
def rules() -> RuleBook:
    """The shipped rule book, validated once per process."""
    from careerdesk.resources_access import read_text

    return RuleBook.model_validate_json(read_text(RULES_FILE))


def band(score: float) -> str:
    """The score band: strong ≥ 80, solid 60–79, developing 40–59, weak < 40."""
    return next(name for floor, name in BANDS if score >= floor)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?;])\s+|\n+", text) if s.strip()]


def is_negated(sentence: str, start: int, end: int) -> bool:
    """True when a negator stands among the four words before ``start`` (or "missing"
    follows ``end``), e.g. "forgot to write tests", "no edge cases", "tests were missing"."""
    before = f" {' '.join(_WORD.findall(sentence[:start].lower())[-4:])} "
    if any(f" {neg} " in before for neg in NEGATORS):
        return True
    return bool(_NEG_AFTER.match(sentence[end:]))


def detect_signals(text: str) -> list[tuple[Signal, bool]]:
    """Signals found in ``text`` with whether each reads as good (True) or bad (False).

    A signal counts once, from its first sentence.
    """
    found: dict[int, tuple[Signal, bool]] = {}
    for sentence in _sentences(text):
        for index, signal in enumerate(rules().signals):
            if index in found:
                continue
            match = re.search(signal.pattern, sentence, re.IGNORECASE)
            if match is None:
                continue
            negated = is_negated(sentence, match.start(), match.end())
            found[index] = (signal, signal.good != negated)
    return [found[i] for i in sorted(found)]


def _fill(items: list[str], extra: tuple[str, ...]) -> list[str]:
    for item in extra:
        if len(items) >= MIN_ITEMS:
            break
        if item not in items:
            items.append(item)
    return items[:MAX_ITEMS]


def offline_feedback(
    scores: Mapping[str, float | None], text: str
) -> dict[str, dict[str, list[str]]]:
    """Feedback for every scored skill: ``{skill: {strengths, weaknesses, recommendations}}``.

    Deterministic: the same scores and text always give the same feedback.
    """
    signals = detect_signals(text)
    out: dict[str, dict[str, list[str]]] = {}
    for skill in INTERVIEW_SKILLS:
        score = scores.get(skill)
        if score is None:
            continue
        strengths: list[str] = []
        weaknesses: list[str] = []
        recommendations: list[str] = []
        for signal, good in signals:
            if signal.skill != skill:
                continue
            if good:
                strengths.append(signal.strength)
            else:
                weaknesses.append(signal.weakness)
                recommendations.append(signal.recommendation)
        base = rules().bands[skill][band(score)]
        out[skill] = {
            "strengths": _fill(strengths, base.strengths),
            "weaknesses": _fill(weaknesses, base.weaknesses),
            "recommendations": _fill(recommendations, base.recommendations),
        }
    return out
