"""Career recommendations: the data the service plans, generates, stores and reports, and
the pure rule for "the inputs changed" (docs/insights.md, Career recommendations)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from careerdesk.core.insights.career_rules import CareerPath, LearnerFacts, OccupationRef

_INPUT_NAMES = {
    "interests": "interests text",
    "riasec": "questionnaire answers",
    "course": "course",
}
# Not an interest, but part of the prompt: a move changes what Gemini writes about.
LOCATION_INPUT = "location"


def changed_reason(previous: dict[str, Any], inputs: dict[str, Any]) -> str | None:
    """Why the stored set no longer fits the learner's inputs, or None when it does.

    Sets stored before the location counted have no ``location`` input: whether it changed
    since cannot be known, so they are regenerated once, and the reason says why.
    """
    changed = [_INPUT_NAMES[k] for k in _INPUT_NAMES if previous.get(k) != inputs.get(k)]
    parts = [f"the interests changed ({', '.join(changed)})"] if changed else []
    if LOCATION_INPUT not in previous:
        parts.append("the location was not recorded with them (an earlier version made them)")
    elif previous[LOCATION_INPUT] != inputs.get(LOCATION_INPUT):
        parts.append("the location changed")
    return " and ".join(parts) or None


def course_key(course: str) -> str:
    return " ".join(course.lower().split())[:200]


class RecommendationSet(BaseModel):
    """What the recommendations panel and the CSV export show for one learner."""

    profile_id: int
    source: str  # "offline" | "ai"
    model: str = ""
    paths: list[CareerPath]
    explore: list[OccupationRef] = Field(default_factory=list)
    count: int
    last_updated: datetime
    reason: str = ""
    last_error: str | None = None
    last_attempt_at: datetime | None = None
    code: str = ""
    course: str = ""
    course_paths: list[CareerPath] = Field(default_factory=list)
    course_source: str = ""
    course_updated: datetime | None = None
    stale_reason: str | None = None


class RefreshPlan(BaseModel):
    """What :meth:`CareerRecommendationService.generate` needs, and why it runs."""

    profile_id: int
    profile_name: str
    facts: LearnerFacts
    inputs: dict[str, Any]
    reason: str | None
    previous_source: str | None = None
    previous_inputs: dict[str, Any] | None = None
    previous_updated: datetime | None = None
    previous_count: int = 0
    # The inputs did not change (age or a forced refresh): a cached answer would only repeat
    # the stored set, so Gemini is asked again.
    fresh: bool = False
    course: str = ""
    course_reason: str | None = None
    previous_course_source: str | None = None

    @property
    def needed(self) -> bool:
        return self.reason is not None or self.course_reason is not None


class Generated(BaseModel):
    paths: list[CareerPath] = Field(default_factory=list)
    explore: list[OccupationRef] = Field(default_factory=list)
    source: str = "offline"
    model: str = ""
    error: str | None = None
    keep_previous: bool = False
    course_paths: list[CareerPath] | None = None
    course_source: str = "offline"
    course_model: str = ""
    course_error: str | None = None
    keep_previous_course: bool = False


class RefreshOutcome(BaseModel):
    profile_id: int
    profile_name: str
    regenerated: bool
    reason: str
    source: str = ""
    count: int = 0
    error: str | None = None
    course: str = ""
    course_reason: str | None = None
    kept_previous: bool = False
    previous_count: int = 0
    previous_updated: datetime | None = None
    course_error: str | None = None
    kept_previous_course: bool = False

    @property
    def kept_any(self) -> bool:
        """True when an AI failure left a stale set (or course paths) in place."""
        return self.kept_previous or self.kept_previous_course

    def describe(self) -> str:
        """One log / console line: who, what, why."""
        if not self.regenerated and self.course_reason is None and not self.kept_previous:
            return f"{self.profile_name}: up to date ({self.reason})"
        parts = [f"{self.profile_name}:"]
        if self.kept_previous:
            since = f" from {self.previous_updated:%Y-%m-%d}" if self.previous_updated else ""
            parts.append(
                f"NOT refreshed, kept the previous {self.previous_count} AI-generated "
                f"recommendation(s){since}: Gemini failed ({_plain(self.error)}); still due "
                f"because {self.reason}, retried at the next refresh"
            )
        elif self.regenerated:
            what = "AI-generated" if self.source == "ai" else "offline"
            parts.append(f"{self.count} {what} recommendation(s) because {self.reason}")
        if self.course_reason:
            if self.kept_previous_course:
                parts.append(
                    f"; course paths for {self.course!r} NOT refreshed, kept the previous "
                    f"AI-generated ones: Gemini failed ({_plain(self.course_error)})"
                )
            else:
                parts.append(f"; course paths for {self.course!r} because {self.course_reason}")
        if self.error and not self.kept_previous:
            parts.append(f" (AI failed: {self.error})")
        return " ".join(parts).replace(" ;", ";")


def _plain(message: str | None) -> str:
    """An error message inside parentheses: without its closing full stop."""
    return (message or "unknown error").strip().rstrip(".")
