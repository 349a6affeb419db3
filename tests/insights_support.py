"""Helpers for insights tests that drive the real assessments and learning services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select

from careerdesk.app import App
from careerdesk.core.assessments import AssessmentService, QuizSetup
from careerdesk.core.learning.service import LearningService
from careerdesk.core.skills import ledger
from careerdesk.core.skills.ledger import NewEvidence
from careerdesk.core.skills.service import SkillProfileService
from careerdesk.core.storage.tables.content import ContentProgress
from careerdesk.core.storage.tables.learning import AssessmentAnswer


def record_levels(
    app: App, profile_id: int, levels: dict[str, float], at: datetime, source: str = "assessment"
) -> None:
    """Set measured levels at a given time: evidence that restates the skill's level.

    One ``assessment_score`` (or ``interview_practice``) observation per skill, with a ref
    per skill so a later call replaces the earlier one (the newest per ref counts; a first
    observation is the estimate: docs/skills.md).
    """
    kind = "interview_practice" if source == "interview" else "assessment_score"
    with app.db.session() as s:
        ledger.append(
            s,
            profile_id,
            [NewEvidence(k, kind, v, at, ref=f"test-level:{k}") for k, v in levels.items()],  # type: ignore[arg-type]
        )
    app.service(SkillProfileService).model.forget(profile_id)


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
