"""The interest questionnaire: save a learner's answers, score them, read them back."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdesk.core.insights.events import InterestsChanged
from careerdesk.core.insights.riasec import high_point_code, score_answers
from careerdesk.core.kernel.clock import Clock
from careerdesk.core.kernel.errors import NotFoundError, UserError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.reference.catalog import RiasecQuestionnaire, load_catalog
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.insights import ProfileInterest
from careerdesk.core.storage.tables.profiles import Profile


class InterestProfile(BaseModel):
    """A learner's answers and their RIASEC scores (1–7) and high-point code."""

    profile_id: int
    answers: dict[str, int]
    scores: dict[str, float]
    code: str
    questionnaire_version: int
    updated_at: datetime


def questionnaire() -> RiasecQuestionnaire:
    """The shipped questionnaire (36 statements, 6 per RIASEC area, 5-point scale)."""
    riasec = load_catalog().riasec
    if riasec is None:
        raise UserError("The interest questionnaire is missing from this installation.")
    return riasec


class InterestService:
    """Read and save interest-questionnaire answers."""

    def __init__(self, db: Database, bus: EventBus, clock: Clock) -> None:
        self.db = db
        self.bus = bus
        self.clock = clock

    def get(self, profile_id: int) -> InterestProfile | None:
        with self.db.read() as s:
            return self.get_in(s, profile_id)

    @staticmethod
    def get_in(s: Session, profile_id: int) -> InterestProfile | None:
        row = s.scalar(select(ProfileInterest).where(ProfileInterest.profile_id == profile_id))
        if row is None:
            return None
        return InterestProfile(
            profile_id=profile_id,
            answers={str(k): int(v) for k, v in (row.answers or {}).items()},
            scores={str(k): float(v) for k, v in (row.scores or {}).items()},
            code=row.code,
            questionnaire_version=row.questionnaire_version,
            updated_at=row.updated_at,
        )

    def save_answers(self, profile_id: int, answers: dict[str, int]) -> InterestProfile:
        """Validate (every statement answered 1–5), score, store; publish InterestsChanged."""
        q = questionnaire()
        clean = {str(k): int(v) for k, v in answers.items()}
        scores = score_answers(q, clean)  # raises ValidationError; nothing stored then
        code = high_point_code(scores)
        now = self.clock.now()
        with self.db.session() as s:
            if s.get(Profile, profile_id) is None:
                raise NotFoundError(f"Profile #{profile_id} does not exist.")
            row = s.scalar(select(ProfileInterest).where(ProfileInterest.profile_id == profile_id))
            if row is None:
                row = ProfileInterest(profile_id=profile_id)
                s.add(row)
            changed = row.answers != clean
            row.answers, row.scores, row.code = clean, scores, code
            row.questionnaire_version = q.version
            row.updated_at = now
        if changed:
            self.bus.publish(InterestsChanged(profile_id=profile_id, code=code))
        return InterestProfile(
            profile_id=profile_id,
            answers=clean,
            scores=scores,
            code=code,
            questionnaire_version=q.version,
            updated_at=now,
        )
