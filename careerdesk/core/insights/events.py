"""Domain events of the insights feature (the shared ones live in careerdesk.core.kernel.events)."""

from __future__ import annotations

from dataclasses import dataclass

from careerdesk.core.kernel.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class TargetCompaniesChanged(DomainEvent):
    """The learner's list of target companies or a difficulty factor changed."""


@dataclass(frozen=True, kw_only=True)
class InterestsChanged(DomainEvent):
    """New interest-questionnaire answers were saved (RIASEC scores changed)."""

    code: str


@dataclass(frozen=True, kw_only=True)
class RecommendationsUpdated(DomainEvent):
    """A learner's career recommendations were regenerated."""

    source: str
    count: int
    reason: str


@dataclass(frozen=True, kw_only=True)
class InsightsUpdated(DomainEvent):
    readiness: float
