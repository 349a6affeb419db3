"""Interview practice data: what the learner enters, and a saved practice with feedback.

The service that stores them is
:class:`careerdesk.core.interviews.service.InterviewPracticeService`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from careerdesk.core.interviews.feedback import FeedbackSet, SkillFeedback
from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.skills.rules import INTERVIEW_SKILLS, SkillBreakdown

InterviewKind = Literal[
    "mock", "phone", "video", "technical", "behavioural", "system_design", "onsite", "take_home",
    "other",
]  # fmt: skip
KIND_LABELS: dict[str, str] = {
    "mock": "Mock interview",
    "phone": "Phone screen",
    "video": "Video call",
    "technical": "Technical",
    "behavioural": "Behavioural",
    "system_design": "System design",
    "onsite": "Onsite",
    "take_home": "Take-home review",
    "other": "Other",
}
MAX_NOTES = 20_000
MAX_TRANSCRIPT = 200_000
MAX_FEEDBACK_ITEMS = 6
MAX_FEEDBACK_CHARS = 300


class PracticeInput(BaseModel):
    """What the learner enters for one interview (validated; nothing is saved on error)."""

    model_config = ConfigDict(str_strip_whitespace=True)

    held_at: datetime
    kind: InterviewKind = "mock"
    title: str = Field(default="", max_length=200)
    application_id: int | None = Field(default=None, ge=1)
    focus_skill_id: str | None = None
    communication: int | None = Field(default=None, ge=0, le=100)
    technical: int | None = Field(default=None, ge=0, le=100)
    problem_solving: int | None = Field(default=None, ge=0, le=100)
    code_quality: int | None = Field(default=None, ge=0, le=100)
    notes: str = Field(default="", max_length=MAX_NOTES)
    transcript: str = Field(default="", max_length=MAX_TRANSCRIPT)

    @field_validator("held_at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError(
                "the interview date needs a time zone (use careerdesk.core.kernel.clock)"
            )
        return value

    @field_validator("focus_skill_id")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None

    @model_validator(mode="after")
    def _some_score(self) -> PracticeInput:
        if all(getattr(self, s) is None for s in INTERVIEW_SKILLS):
            raise ValueError("score at least one of the four skills (0–100)")
        return self

    @property
    def scores(self) -> dict[str, int | None]:
        return {s: getattr(self, s) for s in INTERVIEW_SKILLS}


class InterviewPractice(PracticeInput):
    """A saved practice with its feedback sets (keyed by source)."""

    model_config = ConfigDict(frozen=True)

    id: int
    profile_id: int
    created_at: datetime
    updated_at: datetime
    feedback: dict[str, FeedbackSet] = Field(default_factory=dict)

    @property
    def label(self) -> str:
        """Short name for lists and chart legends: "Mock interview · 12 Jan"."""
        head = self.title or KIND_LABELS.get(self.kind, self.kind)
        return f"{head} · {self.held_at:%d %b}"

    @property
    def preferred_feedback(self) -> FeedbackSet | None:
        """What to show: the set the learner edited last, else Gemini's, else the offline one."""
        edited = [(f.edited_at, f) for f in self.feedback.values() if f.edited_at is not None]
        if edited:
            return max(edited, key=lambda pair: pair[0])[1]
        return self.feedback.get("gemini") or self.feedback.get("offline")

    def breakdown(self) -> dict[str, SkillBreakdown]:
        """Per scored skill the score and the feedback lists (docs/charts.md, Feedback)."""
        chosen = self.preferred_feedback
        out: dict[str, SkillBreakdown] = {}
        for skill, score in self.scores.items():
            if score is None:
                continue
            fb = chosen.skills.get(skill) if chosen else None
            out[skill] = SkillBreakdown(
                score=score,
                strengths=list(fb.strengths) if fb else [],
                weaknesses=list(fb.weaknesses) if fb else [],
                recommendations=list(fb.recommendations) if fb else [],
            )
        return out


def clean_feedback_skills(skills: dict[str, SkillFeedback]) -> dict[str, SkillFeedback]:
    """Validate learner-edited feedback: known skills, trimmed non-empty items, bounded size."""
    out: dict[str, SkillFeedback] = {}
    for skill, fb in skills.items():
        if skill not in INTERVIEW_SKILLS:
            raise ValidationError(f"Unknown interview skill {skill!r}.")
        lists: dict[str, list[str]] = {}
        for name in ("strengths", "weaknesses", "recommendations"):
            items = [" ".join(i.split()) for i in getattr(fb, name)]
            items = [i for i in items if i]
            if len(items) > MAX_FEEDBACK_ITEMS:
                raise ValidationError(
                    f"Keep at most {MAX_FEEDBACK_ITEMS} {name} per skill "
                    f"({skill} has {len(items)})."
                )
            if any(len(i) > MAX_FEEDBACK_CHARS for i in items):
                raise ValidationError(
                    f"Each feedback point can have at most {MAX_FEEDBACK_CHARS} characters."
                )
            lists[name] = items
        out[skill] = SkillFeedback(**lists)
    return out
