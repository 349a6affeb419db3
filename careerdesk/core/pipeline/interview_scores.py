"""Scores of a real (pipeline) interview as skill-model evidence (docs/intel.md).

A pipeline interview may carry the four interview scores of interview practice
(communication, technical, problem solving, code quality). Each score is ``interview_real``
evidence of its catalogue skill — "technical" of the interview's focus skill, none without
one — restated in the ledger whenever the interview is saved or removed (ref
``pipeline_interview:<id>:<dimension>``), so an edit replaces the old evidence and a removal
withdraws it (the ledger stays append-only).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import as_utc
from careerdesk.core.reference.catalog import load_catalog
from careerdesk.core.skills import ledger
from careerdesk.core.skills.rules import INTERVIEW_SKILLS, SkillPoint
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.pipeline import Application, Interview

REF_PREFIX = "pipeline_interview:"


def wanted_evidence(row: Interview, known_skills: set[str]) -> list[ledger.NewEvidence]:
    """The evidence an interview's scores stand for (pure apart from reading ``row``)."""
    out = []
    for dimension in INTERVIEW_SKILLS:
        score = getattr(row, dimension)
        skill = row.focus_skill_id if dimension == "technical" else dimension
        if score is None or not skill or skill not in known_skills:
            continue
        out.append(
            ledger.NewEvidence(
                skill,
                "interview_real",
                float(score),
                as_utc(row.starts_at),
                ref=f"{REF_PREFIX}{row.id}:{dimension}",
            )
        )
    return out


def restate(
    s: Session, row: Interview, now: datetime, *, deleted: bool = False
) -> list[ledger.NewEvidence]:
    """Bring the ledger in line with ``row``'s scores inside the caller's transaction."""
    known = set(load_catalog().skills)
    wanted = [] if deleted else wanted_evidence(row, known)
    return ledger.restate(s, row.profile_id, f"{REF_PREFIX}{row.id}:", wanted, now)


class RealInterview(BaseModel):
    """A pipeline interview with at least one score (shown beside practice interviews)."""

    id: int
    application_id: int
    company: str
    title: str
    kind: str
    starts_at: datetime
    scores: dict[str, int]
    focus_skill_id: str | None = None


class PipelineInterviewScores:
    """The read side: scored real interviews of a profile and their series per dimension."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def scored(self, profile_id: int) -> list[RealInterview]:
        """Scored pipeline interviews, oldest first."""
        any_score = or_(*(getattr(Interview, d).is_not(None) for d in INTERVIEW_SKILLS))
        with self.db.read() as s:
            rows = s.execute(
                select(Interview, Application.company, Application.title)
                .join(Application, Application.id == Interview.application_id)
                .where(Interview.profile_id == profile_id, any_score)
                .order_by(Interview.starts_at, Interview.id)
            ).all()
            return [
                RealInterview(
                    id=iv.id,
                    application_id=iv.application_id,
                    company=company,
                    title=title,
                    kind=iv.kind,
                    starts_at=as_utc(iv.starts_at),
                    scores={
                        d: int(getattr(iv, d))
                        for d in INTERVIEW_SKILLS
                        if getattr(iv, d) is not None
                    },
                    focus_skill_id=iv.focus_skill_id,
                )
                for iv, company, title in rows
            ]

    def skill_points(self, profile_id: int) -> list[SkillPoint]:
        """One point per score (the dimension is the series key), oldest first."""
        return [
            SkillPoint(
                skill_id=dim,
                level=float(score),
                source="interview",
                at=iv.starts_at,
                ref=f"{REF_PREFIX}{iv.id}",
                label=f"{iv.company} (real)",
            )
            for iv in self.scored(profile_id)
            for dim, score in iv.scores.items()
        ]
