"""Adaptive sessions inside the assessment service's units of work (docs/skills.md).

The choice itself is pure (:mod:`careerdesk.core.assessments.adaptive_rules`); this module
reads the skill model's estimates to start from, turns the stored session into the rules'
inputs, and adds the chosen question to the session.
"""

from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy.orm import Session

from careerdesk.core.assessments.adaptive_rules import (
    Asked,
    Candidate,
    next_step,
    settled,
    start_belief,
    stop_text,
)
from careerdesk.core.assessments.models import AdaptiveState, QuizQuestion, QuizSetup
from careerdesk.core.reference.catalog import Catalog, Question
from careerdesk.core.skills.model_rules import Belief, difficulty_location
from careerdesk.core.skills.model_service import estimates_in
from careerdesk.core.storage.tables.learning import AssessmentAnswer, AssessmentSession


def first_question(
    s: Session,
    catalog: Catalog,
    profile_id: int,
    setup: QuizSetup,
    skills: list[str],
    recent: set[str],
    rng: random.Random,
    now: datetime,
) -> tuple[AdaptiveState, Question | None]:
    """The state an adaptive quiz chooses from, and its first question."""
    estimates = estimates_in(s, profile_id, now, known=catalog)
    priors = {k: start_belief(estimates.get(k), now) for k in skills}
    wanted = set(skills)
    pool = sorted((q for q in catalog.questions if q.skill in wanted), key=lambda q: q.id)
    rng.shuffle(pool)  # ties between equally informative questions go to the pool's order
    state = AdaptiveState(
        priors={k: (b.mean, b.var) for k, b in priors.items()},
        pool=[q.id for q in pool],
        seen=sorted(q.id for q in pool if q.id in recent),
        max_questions=min(setup.length, len(pool)),
    )
    step = next_step(skills, priors, candidates(state, catalog), [], state.max_questions)
    return state, None if step.next is None else catalog.questions_by_id[step.next.id]


def step(
    s: Session,
    catalog: Catalog,
    row: AssessmentSession,
    state: AdaptiveState,
    answers: list[AssessmentAnswer],
    now: datetime,
) -> AdaptiveState:
    """Add the next question to the session, or mark it finished (with why, if early)."""
    skills = list(row.skills)
    priors = {k: Belief(*state.priors[k], now) for k in skills}
    asked = [
        Asked(
            a.question_id,
            a.skill_id,
            difficulty_location(a.difficulty),
            # Unanswered counts as wrong, as it does when the quiz is scored.
            a.chosen is not None and a.chosen == a.correct_index,
        )
        for a in answers
    ]
    got = next_step(skills, priors, candidates(state, catalog), asked, state.max_questions)
    if got.next is not None:
        question = QuizQuestion.from_bank(catalog.questions_by_id[got.next.id])
        s.add(answer_row_of(row.profile_id, row.id, len(answers), question))
        return state
    note = ""
    if got.stopped_early:
        done = {k: b for k, b in got.beliefs.items() if settled(b, got.answers[k])}
        note = stop_text({k: catalog.skill_name(k) for k in done}, done, got.answers)
    elif got.out_of_questions:
        note = "The question bank has no more questions for these skills."
    return state.model_copy(update={"finished": True, "stop_note": note})


def candidates(state: AdaptiveState, catalog: Catalog) -> list[Candidate]:
    """The adaptive pool as the rules read it (bank questions only)."""
    bank = catalog.questions_by_id
    seen = set(state.seen)
    return [
        Candidate(qid, bank[qid].skill, difficulty_location(bank[qid].difficulty), qid not in seen)
        for qid in state.pool
        if qid in bank
    ]


def answer_row_of(
    profile_id: int, session_id: int, position: int, q: QuizQuestion
) -> AssessmentAnswer:
    """A question as stored in a session, in full (the review shows what the learner saw)."""
    return AssessmentAnswer(
        profile_id=profile_id,
        session_id=session_id,
        position=position,
        question_id=q.id,
        skill_id=q.skill_id,
        difficulty=q.difficulty,
        source=q.source,
        prompt=q.prompt,
        options=list(q.options),
        correct_index=q.answer,
        explanation=q.explanation,
    )
