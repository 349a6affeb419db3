"""Helpers for insights tests that drive the real assessments and learning services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select

from careerdesk.app import App
from careerdesk.core.assessments import AssessmentService, QuizSetup
from careerdesk.core.learning.service import LearningService
from careerdesk.core.skills.service import SkillProfileService, add_levels
from careerdesk.core.storage.tables.content import ContentProgress
from careerdesk.core.storage.tables.learning import AssessmentAnswer


def record_levels(
    app: App, profile_id: int, levels: dict[str, float], at: datetime, source: str = "assessment"
) -> None:
    """Store measured levels at a given time, as an assessment's submit does."""
    with app.db.session() as s:
        add_levels(s, profile_id, levels, source=source, at=at)  # type: ignore[arg-type]


def take_assessment(
    app: App, profile_id: int, skills: list[str], right: Callable[[int], bool] = lambda _p: True
) -> float:
    """Start, answer (correctly where ``right(position)``) and submit a real assessment.

    Publishes AssessmentCompleted like the quiz screen does; returns the overall score.
    """
    svc = app.service(AssessmentService)
    view = svc.start(profile_id, QuizSetup(skills=skills, length=5), replace_unfinished=True)
    with app.db.read() as s:
        correct = dict(
            s.execute(
                select(AssessmentAnswer.position, AssessmentAnswer.correct_index).where(
                    AssessmentAnswer.session_id == view.id
                )
            ).all()
        )
    for q in view.questions:
        svc.answer(
            view.id,
            q.position,
            correct[q.position] if right(q.position) else (correct[q.position] + 1) % 4,
        )
    return svc.submit(view.id).summary.overall_score or 0.0


def target(app: App, profile_id: int, role_id: str) -> None:
    app.service(SkillProfileService).set_target_roles(profile_id, [role_id])


def path(app: App, profile_id: int) -> list:  # type: ignore[type-arg]
    """Generate the learning path for the target role; its items."""
    svc = app.service(LearningService)
    svc.generate_path(profile_id)
    return svc.current_path_items(profile_id)


def watch(app: App, profile_id: int, content_id: int, fraction: float) -> None:
    """Record a watched share the way the player does (its own service is not merged yet)."""
    with app.db.session() as s:
        row = s.scalar(
            select(ContentProgress).where(
                ContentProgress.profile_id == profile_id, ContentProgress.content_id == content_id
            )
        )
        if row is None:
            row = ContentProgress(profile_id=profile_id, content_id=content_id)
            s.add(row)
        row.state = "IN_PROGRESS"
        row.watched_fraction = fraction
