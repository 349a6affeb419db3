"""What the résumé feature accepts and returns (pydantic); see docs/resumes.md."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from careerdesk.core.postings.models import ProposedSkill

ResumeKind = Literal["pdf", "docx", "txt", "tailored"]


class ResumeText(BaseModel):
    """A résumé file read into text, with what the structure checks need to know."""

    kind: ResumeKind
    text: str
    pages: int = 0  # PDF pages read (0 for DOCX/TXT: they have no fixed pages)
    image_only_pages: int = 0  # PDF pages with pictures and no text layer
    images: int = 0  # pictures in the file (PDF page images, DOCX drawings)


class ResumeVersionOut(BaseModel):
    """One version in the library (the text is included: it is what is matched)."""

    id: int
    profile_id: int
    label: str
    kind: ResumeKind
    source_name: str = ""
    file_path: str = ""  # relative to the data folder; "" for a version written in the app
    text: str = ""
    pages: int = 0
    image_only_pages: int = 0
    images: int = 0
    parent_id: int | None = None
    application_id: int | None = None
    created_at: datetime
    updated_at: datetime


class AttachedResume(BaseModel):
    """The résumé sent with an application, as frozen when it was attached."""

    application_id: int
    version_id: int | None  # None once the library version was deleted; the copy stays
    label: str
    text: str
    file_path: str = ""
    attached_at: datetime


class PostingSkills(BaseModel):
    """The skills a posting asks for, however it was read (an application or a file)."""

    company: str = ""
    title: str = ""
    required: list[ProposedSkill] = Field(default_factory=list)
    preferred: list[ProposedSkill] = Field(default_factory=list)
    technologies: list[str] = Field(default_factory=list)
    source: str = ""  # "application 12" or a file name


class SkillEstimate(BaseModel):
    """What the skill model says about one skill: its level and how much evidence backs it."""

    level: float
    evidence_count: int  # measured records (assessments, interviews); self-ratings are not


class SkillHit(BaseModel):
    """A posting's skill and whether the résumé names it."""

    name: str
    skill_id: str | None = None
    required: bool
    where: str = ""  # the résumé line that names it (found only)


class ShownSkill(BaseModel):
    """A skill the learner has shown (measured well) that the résumé leaves out."""

    skill_id: str
    name: str
    level: float
    evidence_count: int
    in_posting: bool  # the posting asks for it: the first thing to add


class UnbackedClaim(BaseModel):
    """A skill the résumé names that the skill model has no evidence for yet."""

    skill_id: str
    name: str
    self_rated: float | None = None  # the learner's own rating, when there is one
    action: str  # what would give evidence: an assessment of the skill


class StructureCheck(BaseModel):
    """One structure check that applicant tracking systems commonly rely on."""

    id: str
    label: str
    passed: bool
    detail: str


class MatchReport(BaseModel):
    """A résumé against a posting (docs/resumes.md, "Match report")."""

    resume_label: str
    posting: str  # "Title at Company" or the source
    score: int | None  # None when the posting names no skills: nothing to score against
    formula: str  # the score's formula with this report's numbers in it
    found: list[SkillHit]
    missing: list[SkillHit]
    shown_not_mentioned: list[ShownSkill]
    claimed_without_evidence: list[UnbackedClaim]
    checks: list[StructureCheck]
