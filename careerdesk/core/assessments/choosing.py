"""Choosing a quiz's questions: the skills the bank covers, the learner's default skills,
and ``prepare`` (bank, adaptive or AI-written questions; writes nothing).

A part of :class:`~careerdesk.core.assessments.service.AssessmentService`, kept apart
from the session's lifecycle (docs/learning.md, docs/skills.md).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from careerdesk.core.assessments import adaptive
from careerdesk.core.assessments.generation import generate_into
from careerdesk.core.assessments.models import PreparedQuiz, QuizQuestion, QuizSetup, QuizSource
from careerdesk.core.assessments.queries import recent_question_ids
from careerdesk.core.assessments.selection import rank_default_skills, select_questions
from careerdesk.core.kernel.clock import Clock
from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.kernel.ports import AIProvider
from careerdesk.core.profiles.rows import profile_row
from careerdesk.core.reference.catalog import Catalog
from careerdesk.core.skills.service import current_levels_in
from careerdesk.core.storage.engine import Database

# Sessions whose questions are not repeated: the learner's last two (docs/learning.md).
NO_REPEAT_SESSIONS = 2


class QuizChoosing:
    """Mixin of AssessmentService: which questions a quiz gets."""

    db: Database
    clock: Clock
    catalog: Catalog
    _ai: Callable[[], AIProvider] | None

    # -- choosing --------------------------------------------------------------------------
    def assessable_skills(self) -> list[str]:
        """Skills the question bank covers (in catalogue order)."""
        counts = self.catalog.question_counts()
        return [s for s in self.catalog.skills if counts.get(s)]

    def default_skills(self, profile_id: int, count: int = 3) -> list[str]:
        """The target role's untested skills first, then its weakest (gap × importance).

        Empty when the learner has no target role yet.
        """
        assessable = set(self.assessable_skills())
        with self.db.read() as s:
            profile = self._profile(s, profile_id)
            role = next(
                (self.catalog.roles[r] for r in profile.target_role_ids if r in self.catalog.roles),
                None,
            )
            levels = current_levels_in(s, profile_id)
        return [] if role is None else rank_default_skills(role, levels, assessable, count)

    def prepare(
        self,
        profile_id: int,
        setup: QuizSetup,
        *,
        rng: random.Random | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> PreparedQuiz:
        """Choose the questions (and ask the AI when ``setup.use_ai``); writes nothing.

        Slow when the AI is used: run it off the GUI thread.
        """
        rng = rng or random.Random()
        skills = list(dict.fromkeys(setup.skills))
        assessable = set(self.assessable_skills())
        unknown = [s for s in skills if s not in assessable]
        if unknown:
            names = ", ".join(self.catalog.skill_name(s) for s in unknown)
            raise ValidationError(f"There are no assessment questions for: {names}.")
        with self.db.read() as s:
            profile = self._profile(s, profile_id)
            role_id = next((r for r in profile.target_role_ids if r in self.catalog.roles), None)
            recent = recent_question_ids(s, profile_id, NO_REPEAT_SESSIONS)
            if setup.adaptive and not setup.use_ai:
                state, first = adaptive.first_question(
                    s, self.catalog, profile_id, setup, skills, recent, rng, self.clock.now()
                )
                return PreparedQuiz(
                    profile_id=profile_id,
                    setup=setup.model_copy(update={"skills": skills}),
                    role_id=role_id,
                    questions=[QuizQuestion.from_bank(q) for q in ([first] if first else [])],
                    source="bank",
                    notice=_shorter(len(state.pool), setup.length),
                    adaptive=state,
                )
            levels = current_levels_in(s, profile_id, self.clock.now())
        # Measured skills get the questions most informative at their estimate; a
        # self-rating alone is too weak a guide (docs/skills.md).
        beliefs = {
            k: (v.level, v.sd**2) for k, v in levels.items() if not v.self_rated_only and v.sd > 0
        }
        chosen = select_questions(
            self.catalog.questions, skills, setup.length, recent, rng, beliefs=beliefs
        )
        questions = [QuizQuestion.from_bank(q) for q in chosen]
        notice = _shorter(len(questions), setup.length)
        source: QuizSource = "bank"
        if setup.use_ai and self._ai is not None:
            outcome = generate_into(self._ai(), questions, self.catalog, progress=progress)
            questions, source = outcome.questions, outcome.source
            notice = " ".join(x for x in (outcome.notice, notice) if x)
        return PreparedQuiz(
            profile_id=profile_id,
            setup=setup.model_copy(update={"skills": skills}),
            role_id=role_id,
            questions=questions,
            source=source,
            notice=notice,
        )

    _profile = staticmethod(profile_row)


def _shorter(available: int, wanted: int) -> str:
    if available >= wanted:
        return ""
    return f"The bank has {available} questions for these skills; the quiz is shorter."
