"""Assessment sessions: start (bank or AI), answer, flag, resume, submit, review, history.

Choosing the questions (``prepare``) is in :mod:`.choosing`; this module stores and runs
the session.

Answers are saved one by one as they are given, so a session survives the app closing and
resumes where it stopped. Submitting scores the session (see ``rules``), stores a result
per skill, appends every answer to the skill model's ledger (docs/skills.md) and publishes
``SkillEvidenceAdded`` and ``AssessmentCompleted`` after the commit. The lifecycle is logged
to the ``learning_events`` activity log (docs/learning.md).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdesk.core.assessments import adaptive
from careerdesk.core.assessments.choosing import QuizChoosing
from careerdesk.core.assessments.events import (
    AssessmentAbandoned,
    AssessmentCompleted,
    AssessmentStarted,
)
from careerdesk.core.assessments.models import (
    UNFINISHED,
    AssessmentReview,
    AssessmentSummary,
    PreparedQuiz,
    QuizSetup,
    SessionView,
    UnfinishedAssessmentError,
)
from careerdesk.core.assessments.queries import (
    adaptive_state,
    answers_of,
    review_items,
    session_view,
    summaries,
    unfinished_query,
)
from careerdesk.core.assessments.rules import ScoredQuestion, score
from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.errors import NotFoundError, UserError, ValidationError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.kernel.ports import AIProvider
from careerdesk.core.learning import tracking
from careerdesk.core.reference.catalog import Catalog, load_catalog
from careerdesk.core.skills import ledger
from careerdesk.core.skills.ledger import NewEvidence
from careerdesk.core.skills.model_rules import difficulty_location
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.learning import (
    AssessmentAnswer,
    AssessmentResult,
    AssessmentSession,
)


class AssessmentService(QuizChoosing):
    """Runs assessments for learners; every method is one unit of work."""

    def __init__(
        self,
        db: Database,
        bus: EventBus,
        *,
        clock: Clock | None = None,
        catalog: Catalog | None = None,
        ai: Callable[[], AIProvider] | None = None,
    ) -> None:
        self.db = db
        self.bus = bus
        self.clock = clock or SystemClock()
        self.catalog = catalog or load_catalog()
        self._ai = ai

    # -- lifecycle -------------------------------------------------------------------------
    def begin(self, prepared: PreparedQuiz, *, replace_unfinished: bool = False) -> SessionView:
        """Store a prepared quiz as a new session (state "started").

        Raises UnfinishedAssessmentError when the learner has an unfinished session, unless
        ``replace_unfinished`` (which abandons it first).
        """
        if not prepared.questions:
            raise ValidationError("No questions could be chosen for this assessment.")
        now = self.clock.now()
        pid = prepared.profile_id
        abandoned: list[int] = []
        with self.db.session() as s:
            self._profile(s, pid)
            for old in s.scalars(unfinished_query(pid)):
                if not replace_unfinished:
                    raise UnfinishedAssessmentError(old.id)
                self._end(s, old, "abandoned", tracking.ASSESSMENT_ABANDONED)
                abandoned.append(old.id)
            setup = prepared.setup
            row = AssessmentSession(
                profile_id=pid,
                state="started",
                role_id=prepared.role_id,
                skills=setup.skills,
                length=(
                    prepared.adaptive.max_questions
                    if prepared.adaptive is not None
                    else len(prepared.questions)
                ),
                time_limit_s=setup.time_limit_min * 60 if setup.time_limit_min else None,
                elapsed_s=0.0,
                question_ids=(
                    prepared.adaptive.pool
                    if prepared.adaptive is not None
                    else [q.id for q in prepared.questions]
                ),
                adaptive=(
                    prepared.adaptive.model_dump(mode="json")
                    if prepared.adaptive is not None
                    else None
                ),
                source=prepared.source,
                notice=prepared.notice,
                current_index=0,
                started_at=now,
                updated_at=now,
            )
            s.add(row)
            s.flush()
            for position, q in enumerate(prepared.questions):
                s.add(adaptive.answer_row_of(pid, row.id, position, q))
            tracking.record(
                s,
                pid,
                tracking.ASSESSMENT_STARTED,
                subject_type="assessment",
                subject_id=row.id,
                detail={"skills": setup.skills, "length": row.length, "source": row.source},
                at=now,
            )
            s.flush()
            view = session_view(s, row, self.catalog)
        for old_id in abandoned:
            self.bus.publish(AssessmentAbandoned(profile_id=pid, session_id=old_id))
        self.bus.publish(AssessmentStarted(profile_id=pid, session_id=view.id))
        return view

    def start(
        self,
        profile_id: int,
        setup: QuizSetup,
        *,
        rng: random.Random | None = None,
        replace_unfinished: bool = False,
    ) -> SessionView:
        """:meth:`prepare` then :meth:`begin` in one call."""
        prepared = self.prepare(profile_id, setup, rng=rng)
        return self.begin(prepared, replace_unfinished=replace_unfinished)

    def unfinished(self, profile_id: int) -> SessionView | None:
        """The learner's unfinished session (started or in progress), if any."""
        with self.db.read() as s:
            row = s.scalars(unfinished_query(profile_id)).first()
            return None if row is None else session_view(s, row, self.catalog)

    def session(self, session_id: int) -> SessionView:
        with self.db.read() as s:
            return session_view(s, self._session(s, session_id), self.catalog)

    def answer(
        self,
        session_id: int,
        position: int,
        chosen: int | None,
        *,
        current_index: int | None = None,
        elapsed_s: float | None = None,
    ) -> None:
        """Save the answer to one question (None clears it), and optionally the place."""
        if chosen is not None and not 0 <= chosen <= 3:
            raise ValidationError("An answer is one of the four options.")
        with self.db.session() as s:
            row = self._open_session(s, session_id)
            ans = self._answer_row(s, session_id, position)
            ans.chosen = chosen
            ans.answered_at = self.clock.now() if chosen is not None else None
            if row.state == "started":
                row.state = "in_progress"
            self._place(row, current_index, elapsed_s)

    def advance(
        self, session_id: int, shown: int, *, elapsed_s: float | None = None
    ) -> SessionView:
        """An adaptive quiz's next question, chosen from the answers so far (docs/skills.md).

        ``shown`` is how many questions the caller has: a question is added only when the
        session still has exactly that many, so a retried call adds nothing twice. When no
        question should come (every skill confident enough, the bank out of questions, the
        length reached) the session is marked finished, with the reason when it stopped
        early. A fixed quiz is returned unchanged.
        """
        with self.db.session() as s:
            row = self._open_session(s, session_id)
            state = adaptive_state(row)
            answers = answers_of(s, session_id)
            if state is not None and not state.finished and len(answers) == shown:
                state = adaptive.step(s, self.catalog, row, state, answers, self.clock.now())
                row.adaptive = state.model_dump(mode="json")
                if row.state == "started":
                    row.state = "in_progress"
            self._place(row, shown if state is not None else None, elapsed_s)
            s.flush()
            return session_view(s, row, self.catalog)

    def flag(self, session_id: int, position: int, flagged: bool) -> None:
        """Mark or unmark a question for review."""
        with self.db.session() as s:
            self._open_session(s, session_id)
            self._answer_row(s, session_id, position).flagged = flagged

    def save_place(self, session_id: int, current_index: int, elapsed_s: float) -> None:
        """Remember the question shown and the time spent (for resuming)."""
        with self.db.session() as s:
            self._place(self._open_session(s, session_id), current_index, elapsed_s)

    def submit(self, session_id: int, *, elapsed_s: float | None = None) -> AssessmentReview:
        """Score, store results and measured levels, publish ``AssessmentCompleted``."""
        with self.db.session() as s:
            row = self._open_session(s, session_id)
            if elapsed_s is not None:
                row.elapsed_s = max(0.0, float(elapsed_s))
            answers = answers_of(s, session_id)
            state = adaptive_state(row)
            if state is not None:
                # An adaptive quiz is as long as the questions it asked; why it stopped early
                # stays with its review.
                row.length = len(answers)
                row.notice = " ".join(x for x in (row.notice, state.stop_note) if x)
            sheet = score(
                ScoredQuestion(a.skill_id, a.difficulty, a.correct_index, a.chosen) for a in answers
            )
            for sk in sheet.skills:
                s.add(
                    AssessmentResult(
                        profile_id=row.profile_id,
                        session_id=row.id,
                        skill_id=sk.skill_id,
                        score=sk.score,
                        correct=sk.correct,
                        total=sk.total,
                        points=sk.points,
                        max_points=sk.max_points,
                    )
                )
            now = self.clock.now()
            # Each answer is evidence of its own (docs/skills.md): the model weighs it by the
            # question's difficulty and bounds what one answer can do. Skipped counts as wrong.
            evidence = ledger.append(
                s,
                row.profile_id,
                [
                    NewEvidence(
                        a.skill_id,
                        "quiz_answer",
                        1.0 if a.chosen is not None and a.chosen == a.correct_index else 0.0,
                        now,
                        difficulty_location(a.difficulty),
                        f"answer:{a.id}",
                    )
                    for a in answers
                ],
            )
            row.overall_score = sheet.overall
            self._end(
                s,
                row,
                "submitted",
                tracking.ASSESSMENT_SUBMITTED,
                detail={
                    "overall": sheet.overall,
                    "answered": sum(1 for a in answers if a.chosen is not None),
                    "length": len(answers),
                    "scores": {sk.skill_id: sk.score for sk in sheet.skills},
                },
            )
            profile_id = row.profile_id
        event = ledger.evidence_event(profile_id, evidence)
        if event is not None:
            self.bus.publish(event)
        self.bus.publish(
            AssessmentCompleted(
                profile_id=profile_id, session_id=session_id, overall_score=sheet.overall
            )
        )
        return self.review(session_id)

    def abandon(self, session_id: int) -> None:
        """Discard an unfinished session (kept in the history as abandoned)."""
        with self.db.session() as s:
            row = self._open_session(s, session_id)
            self._end(s, row, "abandoned", tracking.ASSESSMENT_ABANDONED)
            profile_id = row.profile_id
        self.bus.publish(AssessmentAbandoned(profile_id=profile_id, session_id=session_id))

    # -- reading back ----------------------------------------------------------------------
    def review(self, session_id: int) -> AssessmentReview:
        """Every question with the learner's answer, the right one and the explanation."""
        with self.db.read() as s:
            row = self._session(s, session_id)
            if row.state in UNFINISHED:
                raise UserError("Finish or discard the assessment before reviewing it.")
            items = review_items(answers_of(s, session_id), self.catalog)
            summary = summaries(s, [row], self.catalog)[0]
            return AssessmentReview(summary=summary, notice=row.notice, items=items)

    def history(
        self, profile_id: int, *, include_unfinished: bool = False
    ) -> list[AssessmentSummary]:
        """Past assessments, newest first (submitted and abandoned; unfinished on request)."""
        with self.db.read() as s:
            query = select(AssessmentSession).where(AssessmentSession.profile_id == profile_id)
            if not include_unfinished:
                query = query.where(AssessmentSession.state.not_in(UNFINISHED))
            rows = s.scalars(
                query.order_by(AssessmentSession.started_at.desc(), AssessmentSession.id.desc())
            ).all()
            return summaries(s, list(rows), self.catalog)

    # -- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _session(s: Session, session_id: int) -> AssessmentSession:
        row = s.get(AssessmentSession, session_id)
        if row is None:
            raise NotFoundError(f"Assessment #{session_id} does not exist.")
        return row

    def _open_session(self, s: Session, session_id: int) -> AssessmentSession:
        row = self._session(s, session_id)
        if row.state not in UNFINISHED:
            raise UserError(f"This assessment was already {row.state}; it cannot be changed.")
        return row

    @staticmethod
    def _answer_row(s: Session, session_id: int, position: int) -> AssessmentAnswer:
        row = s.scalar(
            select(AssessmentAnswer)
            .where(AssessmentAnswer.session_id == session_id)
            .where(AssessmentAnswer.position == position)
        )
        if row is None:
            raise NotFoundError(f"Question {position + 1} is not part of this assessment.")
        return row

    def _place(self, row: AssessmentSession, index: int | None, elapsed: float | None) -> None:
        if index is not None:
            row.current_index = max(0, min(int(index), max(0, row.length - 1)))
        if elapsed is not None:
            row.elapsed_s = max(0.0, float(elapsed))
        row.updated_at = self.clock.now()

    def _end(
        self,
        s: Session,
        row: AssessmentSession,
        state: str,
        kind: str,
        detail: dict[str, object] | None = None,
    ) -> None:
        now = self.clock.now()
        row.state = state
        row.ended_at = row.updated_at = now
        tracking.record(
            s,
            row.profile_id,
            kind,
            subject_type="assessment",
            subject_id=row.id,
            detail=detail or {},
            at=now,
        )
