"""Domain events of assessments (published after their transaction commits)."""

from __future__ import annotations

from dataclasses import dataclass

from careerdesk.core.kernel.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class AssessmentStarted(DomainEvent):
    session_id: int


@dataclass(frozen=True, kw_only=True)
class AssessmentCompleted(DomainEvent):
    session_id: int
    overall_score: float


@dataclass(frozen=True, kw_only=True)
class AssessmentAbandoned(DomainEvent):
    """The learner discarded an unfinished assessment."""

    session_id: int
