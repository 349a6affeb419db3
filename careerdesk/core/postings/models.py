"""What reading a posting proposes, and what Gemini is asked to return (pydantic)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

FIELD_LABELS: dict[str, str] = {
    "company": "company",
    "title": "title",
    "location": "location",
    "remote": "work mode",
    "salary": "salary",
    "deadline": "deadline",
    "posting_url": "link",
    "required": "required skills",
    "preferred": "preferred skills",
    "onet": "occupation",
}


class ProposedSkill(BaseModel):
    """A skill the posting asks for; ``skill_id`` when it is one of the catalogue's skills."""

    name: str
    skill_id: str | None = None
    technologies: list[str] = Field(default_factory=list)


class PostingProposal(BaseModel):
    """A new application as read from a posting, for the learner to review before saving."""

    company: str = ""
    title: str = ""
    location: str = ""
    remote: Literal["yes", "no", "hybrid", ""] = ""
    salary_min: int | None = None
    salary_max: int | None = None
    currency: str = ""
    deadline: date | None = None
    posting_url: str = ""
    required: list[ProposedSkill] = Field(default_factory=list)
    preferred: list[ProposedSkill] = Field(default_factory=list)
    technologies: list[str] = Field(default_factory=list)
    onet_code: str = ""
    onet_title: str = ""
    description: str = ""  # the posting text itself
    source: str = "pasted"  # "pasted" or the file name
    extracted_by: Literal["rules", "gemini"] = "rules"
    notice: str = ""  # what the learner should know about how this was read

    def found(self) -> list[str]:
        """Labels of the fields that were read (for "Found: company, title, salary…")."""
        have = {
            "company": bool(self.company),
            "title": bool(self.title),
            "location": bool(self.location),
            "remote": bool(self.remote),
            "salary": self.salary_min is not None or self.salary_max is not None,
            "deadline": self.deadline is not None,
            "posting_url": bool(self.posting_url),
            "required": bool(self.required),
            "preferred": bool(self.preferred),
            "onet": bool(self.onet_code),
        }
        return [FIELD_LABELS[k] for k, ok in have.items() if ok]

    def useful(self) -> bool:
        """False when the text named no company, no job title and no skill: nothing to save."""
        return bool(self.company or self.title or self.required or self.preferred)

    def missing_required(self) -> list[str]:
        """What the learner must still fill in before it can be saved."""
        return [name for name in ("company", "title") if not getattr(self, name).strip()]


class AIPostingReply(BaseModel):
    """Gemini's reading of a posting (structured output; empty/0 means "not stated")."""

    company: str = Field(default="", description="Employer's name as written, no legal suffix")
    title: str = Field(default="", description="Job title exactly as advertised")
    location: str = Field(default="", description="City/region of the job; empty if remote only")
    remote: str = Field(default="", description='One of "yes", "no", "hybrid" or ""')
    salary_min: int = Field(
        default=0, description="Yearly minimum, whole currency units, 0 if none"
    )
    salary_max: int = Field(default=0, description="Yearly maximum, 0 if none")
    currency: str = Field(default="", description="ISO 4217 code such as GBP, USD, EUR")
    deadline: str = Field(default="", description="Closing date as YYYY-MM-DD, empty if none")
    required_skills: list[str] = Field(default_factory=list)
    preferred_skills: list[str] = Field(default_factory=list)
    technologies: list[str] = Field(default_factory=list)
