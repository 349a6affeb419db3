"""Fixtures for the assessment, skills and learning tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from careerdesk.app import App
from careerdesk.core.assessments import AssessmentService, SessionView
from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.kernel.events import DomainEvent
from careerdesk.core.kernel.ports import AIProvider
from careerdesk.core.learning.service import LearningService
from careerdesk.core.skills.gaps import GapAnalysisService
from careerdesk.core.skills.service import SkillProfileService


@dataclass
class Kit:
    app: App
    clock: FixedClock
    profile_id: int
    skills: SkillProfileService
    assessments: AssessmentService
    learning: LearningService
    events: list[DomainEvent] = field(default_factory=list)

    def with_ai(self, provider: AIProvider) -> AssessmentService:
        return AssessmentService(self.app.db, self.app.bus, clock=self.clock, ai=lambda: provider)

    def gaps(self, provider: AIProvider | None = None) -> GapAnalysisService:
        return GapAnalysisService(self.skills, ai=(lambda: provider) if provider else None)

    def of(self, kind: type[DomainEvent]) -> list[DomainEvent]:
        return [e for e in self.events if isinstance(e, kind)]


@pytest.fixture
def kit(app: App) -> Kit:
    clock = FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    profile = app.profiles.create("Ann")
    k = Kit(
        app=app,
        clock=clock,
        profile_id=profile.id,
        skills=SkillProfileService(app.db, app.bus, app.profiles, clock),
        assessments=AssessmentService(app.db, app.bus, clock=clock),
        learning=LearningService(app.db, app.bus, clock=clock),
    )
    app.bus.subscribe(DomainEvent, k.events.append)
    return k


def answer_all(
    svc: AssessmentService, view: SessionView, right: Callable[[int], bool] = lambda _p: True
) -> None:
    """Answer every question: correctly where ``right(position)``, else wrongly."""
    from careerdesk.core.storage.tables.learning import AssessmentAnswer

    with svc.db.read() as s:
        correct = {
            a.position: a.correct_index
            for a in s.query(AssessmentAnswer).filter_by(session_id=view.id)
        }
    for q in view.questions:
        choice = correct[q.position] if right(q.position) else (correct[q.position] + 1) % 4
        svc.answer(view.id, q.position, choice)
