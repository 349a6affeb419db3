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

from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import as_utc
from careerdesk.core.reference.catalog import load_catalog
from careerdesk.core.skills import ledger
from careerdesk.core.skills.rules import INTERVIEW_SKILLS
from careerdesk.core.storage.tables.pipeline import Interview

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
