"""Per-skill interview feedback (docs/charts.md, Feedback): Gemini, or offline rules.

For every scored skill the feedback holds 2–3 strengths, 2–3 weaknesses and 2–3
recommendations. Gemini writes them from the notes/transcript through a pydantic schema; the
answer is checked here (every requested skill once, 2–3 non-empty items per list). The
offline generator (:mod:`.rules`) always runs, so a laptop with no key, a timeout or a
malformed reply still gets useful feedback, and both results are stored side by side.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from careerdesk.core.interviews.rules import offline_feedback
from careerdesk.core.kernel.ports import AIError, AIProvider
from careerdesk.core.skills.rules import INTERVIEW_SKILL_NAMES, INTERVIEW_SKILLS

log = logging.getLogger(__name__)

FeedbackSource = Literal["gemini", "offline", "learner"]  # learner: written by hand
FEEDBACK_SOURCES: tuple[FeedbackSource, ...] = get_args(FeedbackSource)
MIN_ITEMS = 2
MAX_ITEMS = 3
MAX_ITEM_CHARS = 300
MAX_TRANSCRIPT_CHARS = 20_000  # keeps the prompt within a small request budget


class SkillFeedback(BaseModel):
    """Strengths, weaknesses and recommendations for one skill."""

    model_config = ConfigDict(frozen=True)

    strengths: list[str] = Field(default_factory=list)
    weaknesses: list[str] = Field(default_factory=list)
    recommendations: list[str] = Field(default_factory=list)


class FeedbackSet(BaseModel):
    """Feedback for one practice from one source; ``edited_at`` once the learner edited it."""

    model_config = ConfigDict(frozen=True)

    source: FeedbackSource
    model: str = ""
    skills: dict[str, SkillFeedback]
    generated_at: datetime
    edited_at: datetime | None = None


class GeneratedFeedback(BaseModel):
    """What "Generate feedback" produced: always the offline set, Gemini's when it worked."""

    model_config = ConfigDict(frozen=True)

    offline: FeedbackSet
    gemini: FeedbackSet | None = None
    ai_error: str | None = None  # why Gemini's set is missing (None: AI not set up)

    @property
    def preferred(self) -> FeedbackSet:
        return self.gemini or self.offline


# -- the schema Gemini answers in ------------------------------------------------------------
class AISkillFeedback(BaseModel):
    skill: str
    strengths: list[str]
    weaknesses: list[str]
    recommendations: list[str]


class AIFeedbackReply(BaseModel):
    skills: list[AISkillFeedback]


SYSTEM_PROMPT = (
    "You are an experienced technical interviewer giving a candidate specific, kind and "
    "actionable feedback after a practice interview. Base every point on the notes or "
    "transcript; do not invent events that are not described."
)


def build_prompt(
    scores: Mapping[str, int | None], *, kind: str, title: str, notes: str, transcript: str
) -> str:
    """The user prompt for Gemini: the scored skills, the notes and the transcript."""
    wanted = [s for s in INTERVIEW_SKILLS if scores.get(s) is not None]
    lines = [
        f"Interview kind: {kind}" + (f" — {title}" if title else ""),
        "Scores the candidate recorded (0–100):",
        *(f"- {s} ({INTERVIEW_SKILL_NAMES[s]}): {scores[s]}" for s in wanted),
        "",
        "For each of these skills (use exactly these ids in `skill`: "
        + ", ".join(wanted)
        + f") give {MIN_ITEMS}–{MAX_ITEMS} specific strengths, {MIN_ITEMS}–{MAX_ITEMS} specific "
        f"weaknesses and {MIN_ITEMS}–{MAX_ITEMS} specific recommendations, one short sentence "
        "each.",
        "",
        "Notes:",
        notes.strip() or "(none)",
    ]
    if transcript.strip():
        text = transcript.strip()
        if len(text) > MAX_TRANSCRIPT_CHARS:
            text = text[:MAX_TRANSCRIPT_CHARS] + "\n[transcript shortened]"
        lines += ["", "Transcript:", text]
    return "\n".join(lines)


def _clean_items(items: list[str], skill: str, what: str) -> list[str]:
    cleaned: list[str] = []
    for item in items:
        text = " ".join(str(item).split())
        if len(text) > MAX_ITEM_CHARS:
            text = text[: MAX_ITEM_CHARS - 1].rstrip() + "…"
        if text and text.lower() not in {c.lower() for c in cleaned}:
            cleaned.append(text)
    if len(cleaned) < MIN_ITEMS:
        raise AIError(
            f"Gemini gave {len(cleaned)} {what} for {skill}; at least {MIN_ITEMS} are needed.",
            kind="malformed",
        )
    # More than asked for is still usable: keep the first (most important) ones.
    return cleaned[:MAX_ITEMS]


def validate_reply(
    reply: AIFeedbackReply, scores: Mapping[str, int | None]
) -> dict[str, SkillFeedback]:
    """Check Gemini's answer against the request; raise AIError(kind="malformed") if unfit.

    Every scored skill must appear exactly once with 2–3 usable items per list (longer lists
    are cut to 3, blank and repeated items dropped); skills that were not asked for are
    ignored.
    """
    wanted = [s for s in INTERVIEW_SKILLS if scores.get(s) is not None]
    seen: dict[str, AISkillFeedback] = {}
    for entry in reply.skills:
        key = entry.skill.strip().lower().replace(" ", "_").replace("-", "_")
        if key not in wanted:
            continue
        if key in seen:
            raise AIError(f"Gemini answered twice for {key}.", kind="malformed")
        seen[key] = entry
    missing = [s for s in wanted if s not in seen]
    if missing:
        raise AIError(f"Gemini left out {', '.join(missing)}.", kind="malformed")
    return {
        s: SkillFeedback(
            strengths=_clean_items(seen[s].strengths, s, "strengths"),
            weaknesses=_clean_items(seen[s].weaknesses, s, "weaknesses"),
            recommendations=_clean_items(seen[s].recommendations, s, "recommendations"),
        )
        for s in wanted
    }


def generate_feedback(
    scores: Mapping[str, int | None],
    *,
    kind: str,
    title: str = "",
    notes: str = "",
    transcript: str = "",
    ai: AIProvider | None = None,
    now: datetime,
) -> GeneratedFeedback:
    """Offline feedback always; Gemini's too when ``ai`` is available and answers well.

    Never raises for AI trouble: a failure (timeout, rate limit, malformed or incomplete
    reply) is reported in ``ai_error`` and the offline set is the result. Slow (network):
    call it off the GUI thread.
    """
    offline_skills = offline_feedback(scores, f"{notes}\n{transcript}")
    offline = FeedbackSet(
        source="offline", model="rules-v1", skills=_as_models(offline_skills), generated_at=now
    )
    if ai is None or not ai.available():
        return GeneratedFeedback(offline=offline)
    if not any(scores.get(s) is not None for s in INTERVIEW_SKILLS):
        return GeneratedFeedback(offline=offline)
    prompt = build_prompt(scores, kind=kind, title=title, notes=notes, transcript=transcript)
    try:
        reply = ai.generate(prompt, AIFeedbackReply, system=SYSTEM_PROMPT)
        skills = validate_reply(reply, scores)
    except AIError as exc:
        log.info("interview feedback from %s failed (%s); using offline rules", ai.name, exc.kind)
        return GeneratedFeedback(offline=offline, ai_error=exc.message)
    gemini = FeedbackSet(
        source="gemini", model=str(getattr(ai, "model", ai.name)), skills=skills, generated_at=now
    )
    return GeneratedFeedback(offline=offline, gemini=gemini)


def _as_models(raw: Mapping[str, Mapping[str, list[str]]]) -> dict[str, SkillFeedback]:
    return {skill: SkillFeedback(**lists) for skill, lists in raw.items()}
