"""Reading sessions back: quiz views, history lines, the no-repeat window."""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from careerdesk.core.assessments.models import (
    SESSION_STATES,
    UNFINISHED,
    AdaptiveState,
    AssessmentSummary,
    QuestionView,
    ReviewItem,
    SessionView,
    SkillScoreView,
)
from careerdesk.core.kernel.literals import one_of
from careerdesk.core.reference.catalog import Catalog
from careerdesk.core.storage.tables.learning import (
    AssessmentAnswer,
    AssessmentResult,
    AssessmentSession,
)


def unfinished_query(profile_id: int) -> Select[AssessmentSession]:
    """Unfinished sessions of a learner, newest first."""
    return (
        select(AssessmentSession)
        .where(AssessmentSession.profile_id == profile_id)
        .where(AssessmentSession.state.in_(UNFINISHED))
        .order_by(AssessmentSession.started_at.desc(), AssessmentSession.id.desc())
    )


def recent_question_ids(s: Session, profile_id: int, sessions: int) -> set[str]:
    """Question ids of the learner's last ``sessions`` sessions (any state)."""
    recent = (
        select(AssessmentSession.id)
        .where(AssessmentSession.profile_id == profile_id)
        .order_by(AssessmentSession.started_at.desc(), AssessmentSession.id.desc())
        .limit(sessions)
    )
    ids = s.scalars(
        select(AssessmentAnswer.question_id).where(
            AssessmentAnswer.session_id.in_(recent.scalar_subquery())
        )
    )
    return set(ids)


def answers_of(s: Session, session_id: int) -> list[AssessmentAnswer]:
    """A session's questions in order."""
    return list(
        s.scalars(
            select(AssessmentAnswer)
            .where(AssessmentAnswer.session_id == session_id)
            .order_by(AssessmentAnswer.position)
        )
    )


def session_view(s: Session, row: AssessmentSession, catalog: Catalog) -> SessionView:
    """A session with its questions (without answers) for the quiz screen."""
    questions = [
        QuestionView(
            position=a.position,
            question_id=a.question_id,
            skill_id=a.skill_id,
            skill_name=catalog.skill_name(a.skill_id),
            difficulty=a.difficulty,
            source=a.source,
            prompt=a.prompt,
            options=list(a.options),
            chosen=a.chosen,
            flagged=a.flagged,
        )
        for a in answers_of(s, row.id)
    ]
    state = adaptive_state(row)
    return SessionView(
        id=row.id,
        profile_id=row.profile_id,
        state=one_of(row.state, SESSION_STATES),
        role_id=row.role_id,
        skills=list(row.skills),
        length=row.length,
        time_limit_s=row.time_limit_s,
        elapsed_s=row.elapsed_s,
        source=row.source,
        notice=row.notice,
        current_index=row.current_index,
        started_at=row.started_at,
        questions=questions,
        adaptive=state is not None,
        finished=state is not None and state.finished,
        stop_note=state.stop_note if state is not None else "",
    )


def adaptive_state(row: AssessmentSession) -> AdaptiveState | None:
    """The adaptive state stored with a session (None for a fixed quiz)."""
    return None if row.adaptive is None else AdaptiveState.model_validate(row.adaptive)


def summaries(
    s: Session, rows: list[AssessmentSession], catalog: Catalog
) -> list[AssessmentSummary]:
    """History lines for ``rows``: answered counts and per-skill scores."""
    ids = [r.id for r in rows]
    if not ids:
        return []
    answered = dict(
        s.execute(
            select(AssessmentAnswer.session_id, func.count())
            .where(AssessmentAnswer.session_id.in_(ids))
            .where(AssessmentAnswer.chosen.is_not(None))
            .group_by(AssessmentAnswer.session_id)
        ).all()
    )
    scores: dict[int, list[SkillScoreView]] = {}
    for r in s.scalars(
        select(AssessmentResult)
        .where(AssessmentResult.session_id.in_(ids))
        .order_by(AssessmentResult.id)
    ):
        scores.setdefault(r.session_id, []).append(
            SkillScoreView(
                skill_id=r.skill_id,
                skill_name=catalog.skill_name(r.skill_id),
                score=r.score,
                correct=r.correct,
                total=r.total,
            )
        )
    return [
        AssessmentSummary(
            id=r.id,
            state=one_of(r.state, SESSION_STATES),
            started_at=r.started_at,
            ended_at=r.ended_at,
            skills=list(r.skills),
            length=r.length,
            answered=int(answered.get(r.id, 0)),
            source=r.source,
            overall_score=r.overall_score,
            skill_scores=scores.get(r.id, []),
        )
        for r in rows
    ]


def review_items(answers: list[AssessmentAnswer], catalog: Catalog) -> list[ReviewItem]:
    """Each question with the learner's answer, the right one and the explanation."""
    return [
        ReviewItem(
            position=a.position,
            skill_id=a.skill_id,
            skill_name=catalog.skill_name(a.skill_id),
            difficulty=a.difficulty,
            source=a.source,
            prompt=a.prompt,
            options=list(a.options),
            correct_index=a.correct_index,
            chosen=a.chosen,
            flagged=a.flagged,
            explanation=a.explanation,
        )
        for a in answers
    ]
